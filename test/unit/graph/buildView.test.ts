import { test } from 'node:test';
import assert from 'node:assert/strict';
import { catalogOf, fixtureFiles } from '../catalog/fixtureCatalog';
import { buildView } from '../../../src/core/graph/buildView';
import { toMermaid } from '../../../src/core/graph/mermaid';
import { statusFromDiagnostics } from '../../../src/core/graph/nodeStatus';

/** `systems` systems of `perSystem` services; each depends on the next in its system and on one in the next system. */
function synthetic(systems: number, perSystem: number): Record<string, string> {
  const files: Record<string, string> = {};
  for (let s = 0; s < systems; s++) {
    for (let i = 0; i < perSystem; i++) {
      const deps = [`svc-${s}-${(i + 1) % perSystem}`, `svc-${(s + 1) % systems}-${i}`];
      files[`docs/s${s}/svc-${i}.md`] = `---\nid: svc-${s}-${i}\nkind: component\nsystem: sys-${s}\nowner: team-${s % 3}\ndependsOn: [${deps.join(', ')}]\n---\n`;
    }
  }
  return files;
}

test('a small catalog is shown whole, nodes and edges sorted', () => {
  const view = buildView(catalogOf(fixtureFiles('basic')), {});
  assert.equal(view.title, 'All entities');
  assert.equal(view.notice, undefined);
  assert.equal(view.nodes.length, 9);
  assert.deepEqual(view.nodes.map((n) => n.ref), [...view.nodes.map((n) => n.ref)].sort());
  assert.equal(view.nodes.find((n) => n.ref === 'resource:catalog-db')?.role, 'datastore');
});

test('a small view draws each system as a box around its members instead of "part of" edges', () => {
  const catalog = catalogOf(fixtureFiles('basic'));
  const view = buildView(catalog, {});
  // The system's own node is the box's title; pricing-db belongs to no system and stays outside.
  assert.deepEqual(view.clusters, [{
    id: 'c_system_3astorefront',
    label: 'Storefront',
    ref: 'system:storefront',
    nodeIds: [
      'n_api_3acatalog_2dapi', 'n_cache_3acatalog_2dservice_2eprice_2dby_2dsku', 'n_cache_3acatalog_2dservice_2eproduct_2dby_2did', 'n_component_3acatalog_2dservice',
      'n_component_3asearch_2dindexer', 'n_component_3astorefront_2dweb', 'n_resource_3acatalog_2ddb', 'n_resource_3acatalog_2dredis',
    ],
  }]);
  assert.ok(!view.nodes.some((n) => n.ref === 'system:storefront'));
  assert.deepEqual(view.edges.filter((e) => e.type === 'partOf' || e.type === 'hasPart'), []);
  assert.equal(view.edges.length, 13);
  // Focused on the system, its node stays (it is the focus), inside its own box.
  const focused = buildView(catalog, { focus: 'system:storefront' });
  assert.deepEqual(focused.clusters?.map((c) => c.nodeIds[0]), ['n_system_3astorefront']);
  assert.equal(focused.nodes.find((n) => n.ref === 'system:storefront')?.role, 'focus');
  assert.deepEqual(focused.edges.filter((e) => e.type === 'partOf'), []);
  // Large (collapsed) views have no boxes: the systems are nodes.
  assert.equal(buildView(catalogOf(synthetic(40, 30)), {}).clusters, undefined);
});

test('a large catalog collapses into one node per system, with implied edges, and says so', () => {
  const catalog = catalogOf(synthetic(40, 30));
  const view = buildView(catalog, {});
  assert.equal(view.nodes.length, 40);
  assert.equal(view.collapsedSystems?.length, 40);
  assert.equal(view.notice, 'Showing 40 nodes for 1200 entities: collapsed by system (40 systems). Focus on a node to see its entities.');
  const sys0 = view.nodes.find((n) => n.ref === 'system:sys-0')!;
  assert.deepEqual({ label: sys0.label, kind: sys0.kind, memberCount: sys0.memberCount }, { label: 'sys-0', kind: 'system', memberCount: 30 });
  // sys-0 → sys-1 once (30 member edges implied into one), no self edges.
  assert.equal(view.edges.length, 40);
  assert.ok(view.edges.every((e) => e.from !== e.to));
  assert.ok(toMermaid(view, { layout: 'dagre' }).length < 200_000, 'within mermaid\'s maxTextSize');
});

test('collapsing keeps the focus system open', () => {
  const catalog = catalogOf(synthetic(40, 30));
  const view = buildView(catalog, { focus: 'component:svc-0-0', depth: 3, direction: 'both', maxNodes: 10 });
  assert.ok(view.nodes.some((n) => n.ref === 'component:svc-0-0' && n.role === 'focus'));
  assert.ok(!view.collapsedSystems?.includes('sys-0'));
  assert.ok(view.nodes.length <= 10);
  assert.match(view.notice!, /^Showing 10 of \d+ nodes \(\d+ entities, collapsed by system \(\d+ systems\)\): too many to draw\. Focus on a node or filter by kind, system or owner to see the rest\.$/);
});

test('when even the collapsed graph is too big, the view is cut to the limit and says why', () => {
  const catalog = catalogOf(synthetic(300, 2));
  const view = buildView(catalog, {});
  assert.equal(view.nodes.length, 150);
  // 147 edges, within the 400-edge limit — and not none, or the `every` below would hold vacuously.
  assert.equal(view.edges.length, 147);
  assert.equal(view.notice, 'Showing 150 of 300 nodes (600 entities, collapsed by system (300 systems)): too many to draw. Focus on a node or filter by kind, system or owner to see the rest.');
  const ids = new Set(view.nodes.map((n) => n.id));
  assert.ok(view.edges.every((e) => ids.has(e.from) && ids.has(e.to)));
});

test('a neighbourhood of a large catalog is drawn as is', () => {
  const view = buildView(catalogOf(synthetic(40, 30)), { focus: 'component:svc-3-3', depth: 1, direction: 'down' });
  assert.deepEqual(view.nodes.map((n) => `${n.ref}${n.role ? ' ' + n.role : ''}`), ['component:svc-3-3 focus', 'component:svc-3-4', 'component:svc-4-3']);
  assert.equal(view.title, 'svc-3-3: downstream, depth 1');
  assert.equal(view.notice, undefined);
});

test('filters by kind, system and owner keep the focus', () => {
  const catalog = catalogOf(fixtureFiles('basic'));
  assert.deepEqual(buildView(catalog, { filter: { kinds: ['resource'] } }).nodes.map((n) => n.ref), ['resource:catalog-db', 'resource:catalog-redis', 'resource:pricing-db']);
  const teamWeb = buildView(catalog, { filter: { owners: ['team-web'] } });
  assert.deepEqual(teamWeb.nodes.map((n) => n.ref), ['component:storefront-web']);
  assert.deepEqual(teamWeb.clusters?.map((c) => [c.ref, c.nodeIds]), [['system:storefront', ['n_component_3astorefront_2dweb']]]);
  assert.deepEqual(buildView(catalog, { focus: 'component:catalog-service', filter: { kinds: ['cache'] } }).nodes.map((n) => n.ref), [
    'cache:catalog-service.price-by-sku', 'cache:catalog-service.product-by-id', 'component:catalog-service',
  ]);
  const none = buildView(catalog, { filter: { systems: ['nope'] } });
  assert.deepEqual([none.nodes.length, none.notice], [0, 'No entity matches the filter.']);
  assert.equal(buildView(catalog, { focus: 'component:nope' }).notice, 'component:nope is not in the catalog.');
});

test('node status: config diagnostics are charged to the cache or backend they are in, else to the service', () => {
  const catalog = catalogOf(fixtureFiles('basic'));
  const at = (line: number) => ({ start: { line, character: 0 }, end: { line, character: 1 } });
  const status = statusFromDiagnostics(catalog, new Map([
    ['services/catalog/catalog.cache.yaml', [
      { code: 'CW007', severity: 'warning', range: at(9) }, // backend eviction
      { code: 'CW008', severity: 'warning', range: at(8) },
      { code: 'CW003', severity: 'error', range: at(13) }, // inside product-by-id
      { code: 'CW004', severity: 'warning', range: at(13) },
      { code: 'CW013', severity: 'warning', range: at(3) }, // metadata
      { code: 'CW999', severity: 'hint', range: at(13) },
    ]],
    ['docs/resources/catalog-db.md', [{ code: 'schema-enum', severity: 'error' }]],
  ]));
  assert.deepEqual(Object.fromEntries(status), {
    'resource:catalog-redis': { errors: 0, warnings: 2, rules: ['CW007', 'CW008'] },
    'cache:catalog-service.product-by-id': { errors: 1, warnings: 1, rules: ['CW003', 'CW004'] },
    'component:catalog-service': { errors: 0, warnings: 1, rules: ['CW013'] },
    'resource:catalog-db': { errors: 1, warnings: 0, rules: ['schema-enum'] },
  });
  const node = buildView(catalog, { focus: 'component:catalog-service' }, status).nodes.find((n) => n.ref === 'cache:catalog-service.product-by-id')!;
  assert.deepEqual(node.status, { errors: 1, warnings: 1, rules: ['CW003', 'CW004'] });
});
