import { test } from 'node:test';
import assert from 'node:assert/strict';
import { catalogOf, fixtureFiles, relationLines } from './fixtureCatalog';

const files = fixtureFiles('basic');

test('a doc with front matter declares its entity, with the doc, heading line and first paragraph', () => {
  const catalog = catalogOf(files);
  assert.deepEqual(catalog.entity('component:catalog-service'), {
    ref: 'component:catalog-service',
    kind: 'component',
    name: 'catalog-service',
    sources: [
      { file: 'docs/services/catalog-service.md', line: 1, origin: 'doc' },
      { file: 'services/catalog/catalog.cache.yaml', line: 3, origin: 'cache-config' },
    ],
    configFiles: ['services/catalog/catalog.cache.yaml'],
    type: 'service',
    title: 'Catalog Service',
    owner: 'team-catalog',
    system: 'storefront',
    description: 'Serves product data to the storefront. Reads go through the product-by-id cache in front of catalog-db.',
    tags: undefined,
    docFile: 'docs/services/catalog-service.md',
    docLine: 10,
  });
});

test('doc front matter relations, with their derived reverse edges', () => {
  const only = new Map([...files].filter(([f]) => f.startsWith('docs/')));
  assert.deepEqual(relationLines(catalogOf(only)), [
    'component:catalog-service -dependencyOf-> component:storefront-web *',
    'component:catalog-service -dependsOn-> resource:catalog-db',
    'component:catalog-service -dependsOn-> resource:catalog-redis',
    'component:catalog-service -partOf-> system:storefront',
    'component:storefront-web -dependsOn-> component:catalog-service',
    'component:storefront-web -partOf-> system:storefront',
    'resource:catalog-db -dependencyOf-> component:catalog-service *',
    'resource:catalog-db -partOf-> system:storefront',
    'resource:catalog-redis -dependencyOf-> component:catalog-service *',
    'resource:catalog-redis -partOf-> system:storefront',
    'system:storefront -hasPart-> component:catalog-service *',
    'system:storefront -hasPart-> component:storefront-web *',
    'system:storefront -hasPart-> resource:catalog-db *',
    'system:storefront -hasPart-> resource:catalog-redis *',
  ]);
});

test('front matter of other tools (no kind, no relation fields) is not an entity', () => {
  const catalog = catalogOf({ 'docs/README.md': files.get('docs/README.md')!, 'docs/guide.md': '---\nid: guide\ntitle: Guide\n---\n# Guide\n' });
  assert.equal(catalog.entities.size, 0);
  assert.deepEqual([...catalog.allDiagnostics()], []);
});

test('catalog-info.yaml: every backstage document is an entity; its spec relations become edges', () => {
  const catalog = catalogOf({ 'search/catalog-info.yaml': files.get('search/catalog-info.yaml')! });
  assert.deepEqual([...catalog.entities.keys()].sort(), ['api:catalog-api', 'component:search-indexer']);
  const indexer = catalog.entity('component:search-indexer')!;
  assert.equal(indexer.title, 'Search Indexer');
  assert.equal(indexer.description, 'Rebuilds the search index nightly.');
  assert.deepEqual(indexer.sources, [{ file: 'search/catalog-info.yaml', line: 13, origin: 'catalog-info' }]);
  assert.deepEqual(relationLines(catalog), [
    'api:catalog-api -apiConsumedBy-> component:search-indexer *',
    'component:search-indexer -consumesApi-> api:catalog-api',
  ]);
  // dependsOn resource:catalog-db has nothing to resolve to in this file alone.
  assert.deepEqual(catalog.diagnostics('search/catalog-info.yaml').map((d) => [d.code, d.range]), [
    ['catalog-unresolved-ref', { start: { line: 21, character: 6 }, end: { line: 21, character: 25 } }],
  ]);
});

test('cache config: service → cache → backend, cache → the data source it fronts (implied when undocumented)', () => {
  const catalog = catalogOf({ 'services/catalog/catalog.cache.yaml': files.get('services/catalog/catalog.cache.yaml')! });
  assert.deepEqual([...catalog.entities.keys()].sort(), [
    'cache:catalog-service.price-by-sku',
    'cache:catalog-service.product-by-id',
    'component:catalog-service',
    'resource:catalog-db',
    'resource:catalog-redis',
    'resource:pricing-db',
  ]);
  assert.deepEqual(relationLines(catalog), [
    'cache:catalog-service.price-by-sku -backedBy-> resource:catalog-redis',
    'cache:catalog-service.price-by-sku -cacheOf-> component:catalog-service *',
    'cache:catalog-service.price-by-sku -fronts-> resource:pricing-db',
    'cache:catalog-service.product-by-id -backedBy-> resource:catalog-redis',
    'cache:catalog-service.product-by-id -cacheOf-> component:catalog-service *',
    'cache:catalog-service.product-by-id -fronts-> resource:catalog-db',
    'component:catalog-service -usesCache-> cache:catalog-service.price-by-sku',
    'component:catalog-service -usesCache-> cache:catalog-service.product-by-id',
    'resource:catalog-db -frontedBy-> cache:catalog-service.product-by-id *',
    'resource:catalog-redis -backs-> cache:catalog-service.price-by-sku *',
    'resource:catalog-redis -backs-> cache:catalog-service.product-by-id *',
    'resource:pricing-db -frontedBy-> cache:catalog-service.price-by-sku *',
  ]);
  const cache = catalog.entity('cache:catalog-service.product-by-id')!;
  assert.equal(cache.title, 'product-by-id');
  assert.deepEqual(cache.tags, ['criticality:hot']);
  assert.deepEqual(cache.configFiles, ['services/catalog/catalog.cache.yaml']);
  assert.deepEqual(catalog.entity('resource:pricing-db'), {
    ref: 'resource:pricing-db', kind: 'resource', name: 'pricing-db', type: 'database',
    sources: [{ file: 'services/catalog/catalog.cache.yaml', line: 21, origin: 'cache-config' }], configFiles: [],
  });
});

test('all three sources merge: the doc describes the entity the config declares; caches join the service system', () => {
  const catalog = catalogOf(files);
  assert.equal(catalog.entities.size, 10);
  const redis = catalog.entity('resource:catalog-redis')!;
  assert.equal(redis.title, 'Catalog Redis');
  assert.equal(redis.type, 'cache', 'the doc wins over the config');
  assert.deepEqual(redis.configFiles, ['services/catalog/catalog.cache.yaml']);
  assert.equal(catalog.entity('cache:catalog-service.product-by-id')!.system, 'storefront');
  assert.deepEqual([...catalog.allDiagnostics()], []);
});

test('refs resolve leniently: a name unique across kinds needs no kind; the field default kind comes first', () => {
  const catalog = catalogOf(files);
  assert.equal(catalog.resolve('catalog-db')?.ref, 'resource:catalog-db');
  assert.equal(catalog.resolve('catalog-api')?.ref, 'api:catalog-api');
  assert.equal(catalog.resolve('Resource:Catalog-DB')?.ref, 'resource:catalog-db');
  assert.equal(catalog.resolve('component:catalog-db'), undefined);
  const occurrences = catalog.refsInFile('services/catalog/catalog.cache.yaml').map((r) => `${r.field} ${r.text} → ${r.target}`);
  assert.deepEqual(occurrences, [
    'metadata.service catalog-service → component:catalog-service',
    'backends.name catalog-redis → resource:catalog-redis',
    'caches.name product-by-id → cache:catalog-service.product-by-id',
    'backend catalog-redis → resource:catalog-redis',
    'fronts.name catalog-db → resource:catalog-db',
    'caches.name price-by-sku → cache:catalog-service.price-by-sku',
    'backend catalog-redis → resource:catalog-redis',
    'fronts.name pricing-db → resource:pricing-db',
  ]);
  assert.deepEqual(catalog.refAt('services/catalog/catalog.cache.yaml', { line: 16, character: 16 })?.target, 'resource:catalog-db');
});
