import { test } from 'node:test';
import assert from 'node:assert/strict';
import { catalogOf, fixtureFiles, relationLines } from './fixtureCatalog';

test('changing one file updates its entities, relations and the diagnostics of files that point at it', () => {
  const files = fixtureFiles('basic');
  const catalog = catalogOf(files);
  let changes = 0;
  catalog.onDidChange(() => changes++);
  const before = catalog.version;

  // Rename catalog-db: the doc's entity goes, refs to it in other files become unresolved.
  catalog.updateFile('docs/resources/catalog-db.md', files.get('docs/resources/catalog-db.md')!.replace('id: catalog-db', 'id: products-db'));
  assert.equal(changes, 1);
  assert.equal(catalog.version, before + 1);
  assert.equal(catalog.entity('resource:products-db')?.title, 'Catalog DB');
  // The cache config still fronts catalog-db, so it stays (implied, without a doc).
  assert.equal(catalog.entity('resource:catalog-db')?.docFile, undefined);
  assert.deepEqual(catalog.diagnostics('docs/services/catalog-service.md'), []);

  // Now the config fronts products-db too: catalog-db disappears, the service's dependsOn breaks.
  const config = files.get('services/catalog/catalog.cache.yaml')!;
  catalog.updateFile('services/catalog/catalog.cache.yaml', config.replace('name: catalog-db', 'name: products-db'));
  assert.equal(catalog.entity('resource:catalog-db'), undefined);
  assert.deepEqual(catalog.diagnostics('docs/services/catalog-service.md').map((d) => [d.code, d.range.start.line, d.range.start.character]), [
    ['catalog-unresolved-ref', 7, 12],
  ]);
  assert.ok(relationLines(catalog).includes('cache:catalog-service.product-by-id -fronts-> resource:products-db'));

  // Deleting the config removes its caches and their edges; the service keeps its doc.
  catalog.removeFile('services/catalog/catalog.cache.yaml');
  assert.equal(catalog.entity('cache:catalog-service.product-by-id'), undefined);
  assert.deepEqual(catalog.entity('component:catalog-service')?.configFiles, []);
  assert.equal(relationLines(catalog, (t) => t === 'usesCache').length, 0);

  // Creating a doc resolves the broken ref again.
  catalog.updateFile('docs/new/catalog-db.md', '---\nid: catalog-db\nkind: resource\n---\n');
  assert.deepEqual(catalog.diagnostics('docs/services/catalog-service.md'), []);
  assert.equal(changes, 4);
});

test('a Markdown file that is not an entity doc costs no rebuild', () => {
  const catalog = catalogOf(fixtureFiles('basic'));
  const graph = catalog.graph;
  const version = catalog.version;
  assert.equal(catalog.updateFile('docs/notes.md', '# Notes\n\nNo front matter here.\n'), true);
  assert.equal(catalog.updateFile('src/index.ts', 'export {}'), false);
  assert.equal(catalog.version, version);
  assert.equal(catalog.graph, graph);
});

test('removing a folder drops every file under it', () => {
  const catalog = catalogOf(fixtureFiles('basic'));
  catalog.removeFolder('docs/resources');
  assert.equal(catalog.entity('resource:catalog-redis')?.docFile, undefined);
  assert.equal(catalog.entity('resource:catalog-db')?.docFile, undefined);
  assert.ok(catalog.entity('component:catalog-service')?.docFile);
});

test('an edit that keeps the graph shape (title, body) refreshes the entity in place without re-assembly', () => {
  const files = fixtureFiles('basic');
  const catalog = catalogOf(files);
  const graph = catalog.graph;
  const service = catalog.entity('component:catalog-service');
  const redis = catalog.entity('resource:catalog-redis');
  const edges = catalog.outgoing('component:catalog-service');
  let changes = 0;
  catalog.onDidChange(() => changes++);
  const doc = files.get('docs/services/catalog-service.md')!;
  catalog.updateFile('docs/services/catalog-service.md', doc.replace('title: Catalog Service', 'title: Product Catalog').replace('Serves product data', 'Serves products'));
  assert.equal(catalog.graph, graph, 'no re-assembly');
  assert.equal(changes, 1, 'listeners still hear about it');
  const entity = catalog.entity('component:catalog-service')!;
  assert.equal(entity, service, 'the same entity object, refreshed');
  assert.deepEqual(catalog.outgoing('component:catalog-service'), edges);
  assert.equal(entity.title, 'Product Catalog');
  assert.match(entity.description!, /^Serves products to the storefront\./);
  // A new dependency changes the shape: only what depends on this doc's entity is recomputed.
  catalog.updateFile('docs/services/catalog-service.md', doc.replace('dependsOn: [', 'dependsOn: [resource:pricing-db, '));
  assert.notEqual(catalog.entity('component:catalog-service'), service, 'the changed doc\'s entity is merged again');
  assert.equal(catalog.entity('resource:catalog-redis'), redis, 'an entity the edit does not name keeps its object');
  assert.equal(catalog.entity('component:catalog-service')!.title, 'Catalog Service');
  assert.ok(relationLines(catalog).includes('component:catalog-service -dependsOn-> resource:pricing-db'));
});
