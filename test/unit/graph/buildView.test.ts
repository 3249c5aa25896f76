import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
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

test('a large catalog is its system overview: one node per system, counted edges, and it says so', () => {
  const catalog = catalogOf(synthetic(40, 30));
  const view = buildView(catalog, {});
  assert.equal(view.title, '40 systems · 1,200 entities');
  assert.equal(view.nodes.length, 40);
  assert.equal(view.collapsedSystems, undefined);
  assert.equal(view.notice, 'Each node is a system, with how many entities it holds and their problems (✖ errors, ⚠ warnings); edge labels count the dependencies between systems. Click a system to see its entities.');
  // The systems are only named (no System entity declares them): still one node each.
  const sys0 = view.nodes.find((n) => n.ref === 'system:sys-0')!;
  assert.deepEqual({ label: sys0.label, kind: sys0.kind, entityCount: sys0.entityCount, drill: sys0.drill }, { label: 'sys-0 · 30 entities', kind: 'system', entityCount: 30, drill: { system: 'system:sys-0' } });
  // sys-0 → sys-1 once, labelled with the 30 member dependencies it stands for; no self edges.
  assert.equal(view.edges.length, 40);
  assert.deepEqual(view.edges.find((e) => e.from === sys0.id), { from: 'n_system_3asys_2d0', to: 'n_system_3asys_2d1', type: 'dependsOn', label: '30', count: 30 });
  assert.ok(view.edges.every((e) => e.from !== e.to && e.count === 30));
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

test('when there are more systems than a view can hold (and no domains), the largest are shown and the view says so', () => {
  const catalog = catalogOf(synthetic(300, 2));
  const view = buildView(catalog, {});
  assert.equal(view.title, '300 systems · 600 entities');
  assert.equal(view.nodes.length, 150);
  // Edges only among the systems shown — and not none, or the `every` below would hold vacuously.
  assert.equal(view.edges.length, 147);
  assert.equal(view.notice, 'Each node is a system, with how many entities it holds and their problems (✖ errors, ⚠ warnings); edge labels count the dependencies between systems. Click a system to see its entities. Showing the 150 largest of 300 systems: search for an entity, or filter by system, to see the rest.');
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

/** The examples/ workspace (the demo catalog), keyed by paths relative to it. */
function exampleFiles(): Map<string, string> {
  const root = path.resolve(__dirname, '../../../../examples');
  const files = new Map<string, string>();
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const abs = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(abs);
      else files.set(path.relative(root, abs).split(path.sep).join('/'), fs.readFileSync(abs, 'utf8'));
    }
  };
  walk(root);
  return files;
}

test('the examples\' depth-2 view of catalog-service follows dependencies, not the storefront system', () => {
  const catalog = catalogOf(exampleFiles());
  const view = buildView(catalog, { focus: 'component:catalog-service', depth: 2, direction: 'both' });
  // Before, partOf → system:storefront → every member pulled in 18 entities (inventory-service,
  // payments-service, orders-redis, … that catalog-service never talks to).
  assert.deepEqual(view.nodes.map((n) => n.ref), [
    'api:catalog-api',
    'api:payments-api',
    'cache:catalog-service.category-listing',
    'cache:catalog-service.price-by-sku',
    'cache:catalog-service.product-by-id',
    'cache:catalog-service.search-results',
    'component:catalog-service',
    'component:orders-service',
    'component:web-frontend',
    'resource:catalog-db',
    'resource:catalog-redis',
    'resource:catalog-search-local',
  ]);
  // The system is still drawn, as the box its members sit in.
  assert.deepEqual(view.clusters?.map((c) => [c.ref, c.nodeIds.length]), [['system:storefront', 11]]);
  assert.ok(view.edges.every((e) => e.type !== 'partOf' && e.type !== 'ownedBy'));
  // Owner stays a node attribute, and a filter.
  assert.equal(view.nodes.find((n) => n.ref === 'resource:catalog-search-local')?.owner, 'team-search');
  assert.deepEqual(buildView(catalog, { focus: 'component:catalog-service', depth: 2, filter: { owners: ['team-search'] } }).nodes.map((n) => n.ref), [
    'cache:catalog-service.search-results', 'component:catalog-service', 'resource:catalog-search-local',
  ]);
});

/** A group that owns `svc` and 15 entities that have nothing to do with it (the case). */
function ownedByOneTeam(): Record<string, string> {
  const files: Record<string, string> = {
    'docs/team.md': '---\nid: team-platform\nkind: group\ntitle: Platform team\n---\n',
    'docs/db.md': '---\nid: db\nkind: resource\ntype: database\nowner: team-data\n---\n',
    'docs/svc.md': '---\nid: svc\nkind: component\nowner: team-platform\ndependsOn: [resource:db]\n---\n',
  };
  for (let i = 1; i <= 15; i++) files[`docs/unrelated-${i}.md`] = `---\nid: unrelated-${String(i).padStart(2, '0')}\nkind: ${i % 2 ? 'api' : 'component'}\nowner: team-platform\n---\n`;
  return files;
}

const UNRELATED = Array.from({ length: 15 }, (_, i) => `${(i + 1) % 2 ? 'api' : 'component'}:unrelated-${String(i + 1).padStart(2, '0')}`).sort();

test('a neighbourhood leaves out what the focus\'s owner owns; dependency views draw no ownership edges', () => {
  const catalog = catalogOf(ownedByOneTeam());
  const view = buildView(catalog, { focus: 'component:svc', depth: 2, direction: 'both' });
  assert.deepEqual(view.nodes.map((n) => `${n.ref} ${n.owner}`), ['component:svc team-platform', 'resource:db team-data']);
  assert.deepEqual(view.edges.map((e) => `${e.from} -${e.type}-> ${e.to}`), ['n_component_3asvc -dependsOn-> n_resource_3adb']);
  const all = buildView(catalog, {});
  assert.equal(all.nodes.length, 18);
  assert.deepEqual(all.edges.map((e) => e.type), ['dependsOn']);
  const group = buildView(catalog, { focus: 'group:team-platform', depth: 2 });
  assert.deepEqual([group.nodes.map((n) => n.ref), group.notice], [['group:team-platform'], 'Ownership is not a dependency: the ownership view shows what Platform team owns.']);
});

test('the ownership view: groups and what they own, an "owned by" edge each', () => {
  const catalog = catalogOf(ownedByOneTeam());
  const view = buildView(catalog, { ownership: true });
  assert.equal(view.title, 'Ownership');
  assert.equal(view.notice, undefined);
  assert.equal(view.clusters, undefined);
  assert.deepEqual(view.nodes.map((n) => `${n.ref} ${n.kind} ${n.label}`), [
    ...UNRELATED.slice(0, 8).map((ref) => `${ref} api ${ref.slice(4)}`),
    'component:svc component svc',
    ...UNRELATED.slice(8).map((ref) => `${ref} component ${ref.slice(10)}`),
    'group:team-data group team-data',
    'group:team-platform group Platform team',
    'resource:db resource db',
  ]);
  assert.deepEqual(view.edges.map((e) => `${e.from} -${e.type}|${e.label}-> ${e.to}`), [
    'n_resource_3adb -ownedBy|owned by-> n_group_3ateam_2ddata',
    ...[...UNRELATED, 'component:svc'].sort().map((ref) => `${nodeIdOf(view, ref)} -ownedBy|owned by-> n_group_3ateam_2dplatform`),
  ]);

  const one = buildView(catalog, { ownership: true, owner: 'team-platform', filter: { kinds: ['component'] } });
  assert.equal(one.title, 'Owned by Platform team');
  assert.deepEqual(one.nodes.map((n) => n.ref), ['component:svc', ...UNRELATED.slice(8), 'group:team-platform']);
  assert.equal(one.edges.length, 8);
  assert.ok(one.edges.every((e) => e.type === 'ownedBy' && e.to === 'n_group_3ateam_2dplatform'));

  const capped = buildView(catalog, { ownership: true, owner: 'group:team-platform', maxNodes: 5 });
  assert.deepEqual([capped.nodes.length, capped.notice], [5, 'Showing 5 of 17 nodes: too many to draw. Pick one owner or filter by kind or system to see the rest.']);
  assert.ok(capped.nodes.some((n) => n.ref === 'group:team-platform'));

  const nobody = buildView(catalog, { ownership: true, owner: 'team-nobody' });
  assert.deepEqual([nobody.nodes, nobody.notice], [[], 'Nothing in the catalog is owned by team-nobody.']);
});

function nodeIdOf(view: { nodes: { ref: string; id: string }[] }, ref: string): string {
  return view.nodes.find((n) => n.ref === ref)!.id;
}
