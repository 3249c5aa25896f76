import { test } from 'node:test';
import assert from 'node:assert/strict';
import { catalogOf, fixtureFiles } from '../catalog/fixtureCatalog';
import { neighbourhood, whatReaches } from '../../../src/core/graph/queries';

const catalog = catalogOf(fixtureFiles('basic'));

const sorted = (m: Map<string, number>): string[] => [...m].map(([ref, d]) => `${d} ${ref}`).sort();

test('neighbourhood downstream: what the focus needs, by distance', () => {
  assert.deepEqual(sorted(neighbourhood(catalog, 'component:storefront-web', 2, 'down')), [
    '0 component:storefront-web',
    '1 api:catalog-api',
    '1 component:catalog-service',
    '1 system:storefront',
    '2 cache:catalog-service.price-by-sku',
    '2 cache:catalog-service.product-by-id',
    '2 resource:catalog-db',
    '2 resource:catalog-redis',
  ]);
});

test('neighbourhood upstream: who needs the focus', () => {
  assert.deepEqual(sorted(neighbourhood(catalog, 'resource:catalog-db', 1, 'up')), [
    '0 resource:catalog-db',
    '1 cache:catalog-service.product-by-id',
    '1 component:catalog-service',
    '1 component:search-indexer',
  ]);
  assert.deepEqual(sorted(neighbourhood(catalog, 'resource:catalog-db', 2, 'up')).length, 5);
});

test('neighbourhood both ways at depth 1', () => {
  assert.deepEqual(sorted(neighbourhood(catalog, 'cache:catalog-service.product-by-id', 1, 'both')), [
    '0 cache:catalog-service.product-by-id',
    '1 component:catalog-service',
    '1 resource:catalog-db',
    '1 resource:catalog-redis',
  ]);
});

test('what reaches a datastore: every path in, the caches on them, and the path that bypasses a cache', () => {
  const reach = whatReaches(catalog, 'resource:catalog-db');
  assert.deepEqual([...reach.nodes].sort(), [
    'api:catalog-api',
    'cache:catalog-service.product-by-id',
    'component:catalog-service',
    'component:search-indexer',
    'component:storefront-web',
    'resource:catalog-db',
  ]);
  assert.deepEqual([...reach.caches], ['cache:catalog-service.product-by-id']);
  // catalog-service reads catalog-db on misses of its own cache: that is not a bypass.
  assert.deepEqual([...reach.bypassing], ['component:search-indexer']);
  assert.deepEqual([...reach.bypassRelations].map((r) => `${r.from} -${r.type}-> ${r.to}`), ['component:search-indexer -dependsOn-> resource:catalog-db']);
  assert.deepEqual([...reach.pathRelations].map((r) => `${r.from} -${r.type}-> ${r.to}`).sort(), [
    'cache:catalog-service.product-by-id -fronts-> resource:catalog-db',
    'component:catalog-service -dependsOn-> resource:catalog-db',
    'component:catalog-service -providesApi-> api:catalog-api',
    'component:catalog-service -usesCache-> cache:catalog-service.product-by-id',
    'component:search-indexer -consumesApi-> api:catalog-api',
    'component:search-indexer -dependsOn-> resource:catalog-db',
    'component:storefront-web -consumesApi-> api:catalog-api',
    'component:storefront-web -dependsOn-> component:catalog-service',
  ]);
});

test('a service that depends on a datastore with no cache of its own in front of it bypasses', () => {
  const c = catalogOf({
    'docs/db.md': '---\nid: db\nkind: resource\ntype: database\n---\n',
    'docs/api.md': '---\nid: api\nkind: component\ndependsOn: [db]\n---\n',
    'docs/web.md': '---\nid: web\nkind: component\ndependsOn: [api]\n---\n',
  });
  const reach = whatReaches(c, 'resource:db');
  assert.deepEqual([...reach.bypassing].sort(), ['component:api', 'component:web']);
  assert.equal(reach.caches.size, 0);
});

test('a cache server (a resource typed redis, or a cache backend) on the way counts as a cache', () => {
  const c = catalogOf({
    'docs/db.md': '---\nid: db\nkind: resource\ntype: database\n---\n',
    'docs/redis.md': '---\nid: redis\nkind: resource\ntype: cache\ndependsOn: [db]\n---\n',
    'docs/svc.md': '---\nid: svc\nkind: component\ndependsOn: [redis]\n---\n',
  });
  const reach = whatReaches(c, 'resource:db');
  assert.deepEqual([...reach.caches], ['resource:redis']);
  assert.deepEqual([...reach.bypassing], []);
  assert.deepEqual([...reach.nodes].sort(), ['component:svc', 'resource:db', 'resource:redis']);
});
