import { test } from 'node:test';
import assert from 'node:assert/strict';
import { catalogOf, fixtureFiles } from '../catalog/fixtureCatalog';
import { neighbourhood, ownership, whatReaches } from '../../../src/core/graph/queries';

const catalog = catalogOf(fixtureFiles('basic'));

const sorted = (m: Map<string, number>): string[] => [...m].map(([ref, d]) => `${d} ${ref}`).sort();

test('neighbourhood downstream: what the focus needs, by distance', () => {
  // Its system (storefront) is an attribute drawn as a box, not a neighbour.
  assert.deepEqual(sorted(neighbourhood(catalog, 'component:storefront-web', 2, 'down')), [
    '0 component:storefront-web',
    '1 api:catalog-api',
    '1 component:catalog-service',
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
    'docs/api.md': '---\nid: api\nkind: component\ndependsOn: [resource:db]\n---\n',
    'docs/web.md': '---\nid: web\nkind: component\ndependsOn: [api]\n---\n',
  });
  const reach = whatReaches(c, 'resource:db');
  assert.deepEqual([...reach.bypassing].sort(), ['component:api', 'component:web']);
  assert.equal(reach.caches.size, 0);
});

test('a cache server (a resource typed redis, or a cache backend) on the way counts as a cache', () => {
  const c = catalogOf({
    'docs/db.md': '---\nid: db\nkind: resource\ntype: database\n---\n',
    'docs/redis.md': '---\nid: redis\nkind: resource\ntype: cache\ndependsOn: [resource:db]\n---\n',
    'docs/svc.md': '---\nid: svc\nkind: component\ndependsOn: [resource:redis]\n---\n',
  });
  const reach = whatReaches(c, 'resource:db');
  assert.deepEqual([...reach.caches], ['resource:redis']);
  assert.deepEqual([...reach.bypassing], []);
  assert.deepEqual([...reach.nodes].sort(), ['component:svc', 'resource:db', 'resource:redis']);
});

/** A group that owns `svc` and 15 entities that have nothing to do with it (the case). */
function ownedByOneTeam(): Record<string, string> {
  const files: Record<string, string> = {
    'docs/team.md': '---\nid: team-platform\nkind: group\n---\n# Platform team\n',
    'docs/db.md': '---\nid: db\nkind: resource\ntype: database\nowner: team-data\n---\n',
    'docs/svc.md': '---\nid: svc\nkind: component\nowner: team-platform\ndependsOn: [resource:db]\nprovidesApis: [svc-api]\n---\n',
    'docs/svc-api.md': '---\nid: svc-api\nkind: api\nowner: team-platform\n---\n',
    'docs/web.md': '---\nid: web\nkind: component\nowner: team-web\nconsumesApis: [svc-api]\n---\n',
  };
  for (let i = 1; i <= 15; i++) {
    const kind = i % 2 ? 'api' : 'component';
    files[`docs/unrelated-${i}.md`] = `---\nid: unrelated-${i}\nkind: ${kind}\nowner: group:team-platform\n---\n`;
  }
  return files;
}

const UNRELATED = Array.from({ length: 15 }, (_, i) => `${(i + 1) % 2 ? 'api' : 'component'}:unrelated-${i + 1}`).sort();

test('ownership is not dependency: a group owning 15 unrelated entities pulls none of them into a neighbourhood', () => {
  const c = catalogOf(ownedByOneTeam());
  // The owner relations exist (so a traversal that followed them would find the 15)…
  assert.equal(c.incoming('group:team-platform').filter((r) => !r.derived && r.type === 'ownedBy').length, 17);
  // …but depth 2 (and 3) around the service follows dependencies and APIs only.
  for (const depth of [2, 3]) {
    assert.deepEqual(sorted(neighbourhood(c, 'component:svc', depth, 'both')), [
      '0 component:svc',
      '1 api:svc-api',
      '1 resource:db',
      '2 component:web',
    ]);
  }
  assert.deepEqual(sorted(neighbourhood(c, 'component:svc', 2, 'down')), ['0 component:svc', '1 api:svc-api', '1 resource:db']);
  assert.deepEqual(sorted(neighbourhood(c, 'component:svc', 2, 'up')), ['0 component:svc']);
  // A group's own neighbourhood is just the group: what it owns is the ownership view's business.
  assert.deepEqual(sorted(neighbourhood(c, 'group:team-platform', 2, 'both')), ['0 group:team-platform']);
});

test('what reaches ignores ownership', () => {
  const c = catalogOf(ownedByOneTeam());
  const reach = whatReaches(c, 'resource:db');
  assert.deepEqual([...reach.nodes].sort(), ['api:svc-api', 'component:svc', 'component:web', 'resource:db']);
  assert.deepEqual([...reach.pathRelations].map((r) => `${r.from} -${r.type}-> ${r.to}`).sort(), [
    'component:svc -dependsOn-> resource:db',
    'component:svc -providesApi-> api:svc-api',
    'component:web -consumesApi-> api:svc-api',
  ]);
  assert.deepEqual([...whatReaches(c, 'group:team-platform').nodes], ['group:team-platform']);
});

test('a system\'s neighbourhood starts from its members; a member\'s does not go through the system', () => {
  const c = catalogOf({
    'docs/shop.md': '---\nid: shop\nkind: system\n---\n',
    'docs/a.md': '---\nid: a\nkind: component\nsystem: shop\ndependsOn: [resource:db]\n---\n',
    'docs/b.md': '---\nid: b\nkind: component\nsystem: shop\n---\n',
    'docs/a-part.md': '---\nid: a-part\nkind: component\nsubcomponentOf: a\n---\n',
    'docs/db.md': '---\nid: db\nkind: resource\ntype: database\n---\n',
  });
  assert.deepEqual(sorted(neighbourhood(c, 'system:shop', 1, 'both')), ['0 system:shop', '1 component:a', '1 component:b']);
  assert.deepEqual(sorted(neighbourhood(c, 'system:shop', 2, 'down')), ['0 system:shop', '1 component:a', '1 component:b', '2 resource:db']);
  // b shares a's system but nothing else: it is not a's neighbour. A subcomponent is.
  assert.deepEqual(sorted(neighbourhood(c, 'component:a', 2, 'both')), ['0 component:a', '1 component:a-part', '1 resource:db']);
});

test('ownership: every group and every named owner, with what each owns', () => {
  const c = catalogOf(ownedByOneTeam());
  const summary = (groups: ReturnType<typeof ownership>) => groups.map((g) => ({ ref: g.ref, documented: g.entity !== undefined, owned: g.owned }));
  assert.deepEqual(summary(ownership(c)), [
    { ref: 'group:team-data', documented: false, owned: ['resource:db'] },
    { ref: 'group:team-platform', documented: true, owned: [...UNRELATED, 'api:svc-api', 'component:svc'].sort() },
    { ref: 'group:team-web', documented: false, owned: ['component:web'] },
  ]);
  for (const owner of ['team-platform', 'group:team-platform', 'Team-Platform']) {
    assert.deepEqual(ownership(c, owner).map((g) => g.ref), ['group:team-platform'], owner);
  }
  assert.deepEqual(ownership(c, 'nobody'), []);
});
