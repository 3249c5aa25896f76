// The overview of a large catalog (systemOverview.ts), on a hand-made catalog small enough to
// check every node and edge: three systems in two domains (Backstage Domain and System entities,
// `spec.domain`), entities in no system, owners that must not become edges. `maxNodes` makes
// buildView treat it as a large catalog; drill-down views are asked for directly.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { catalogOf } from '../catalog/fixtureCatalog';
import { buildView } from '../../../src/core/graph/buildView';
import type { GraphView, NodeStatus } from '../../../src/core/graph/graphModel';
import { toMermaid } from '../../../src/core/graph/mermaid';
import { formatCount, NO_SYSTEM } from '../../../src/core/graph/systemOverview';
import { isDiagramState, isViewRequest } from '../../../src/core/graph/webviewProtocol';

function doc(kind: string, name: string, spec: Record<string, string | string[]>, title?: string): string {
  const lines = [`apiVersion: backstage.io/v1alpha1`, `kind: ${kind}`, 'metadata:', `  name: ${name}`];
  if (title) lines.push(`  title: ${title}`);
  lines.push('spec:');
  for (const [key, value] of Object.entries(spec)) {
    if (Array.isArray(value)) lines.push(`  ${key}:`, ...value.map((item) => `    - ${item}`));
    else lines.push(`  ${key}: ${value}`);
  }
  return lines.join('\n') + '\n';
}

/**
 * Commerce: Shop (web → cart → cart-db) and Payments (payments-service provides payments-api,
 * stores in payments-db); Platform: Identity (login provides auth-api). Cart consumes both APIs,
 * web depends on payments-service, payments-service consumes auth-api. In no system: admin-tool
 * (consumes payments-api, depends on legacy-db) and legacy-db. Two teams own everything.
 */
function handMade(withDomains = true): Record<string, string> {
  const domain = (name: string): Record<string, string> => (withDomains ? { domain: name } : {});
  const org = [
    ...(withDomains ? [doc('Domain', 'commerce', { owner: 'group:team-a' }, 'Commerce'), doc('Domain', 'platform', { owner: 'group:team-b' }, 'Platform')] : []),
    doc('Group', 'team-a', { type: 'team', children: '[]' }),
    doc('Group', 'team-b', { type: 'team', children: '[]' }),
  ];
  const component = (name: string, system: string | undefined, extra: Record<string, string[]>, owner = 'group:team-a') =>
    doc('Component', name, { type: 'service', lifecycle: 'production', owner, ...(system ? { system } : {}), ...extra });
  const resource = (name: string, system: string | undefined, owner = 'group:team-a') => doc('Resource', name, { type: 'database', owner, ...(system ? { system } : {}) });
  const api = (name: string, system: string, owner = 'group:team-a') => doc('API', name, { type: 'openapi', lifecycle: 'production', owner, system, definition: 'x' });
  return {
    'org/catalog-info.yaml': org.join('---\n'),
    'shop/catalog-info.yaml': [
      doc('System', 'shop', { owner: 'group:team-a', ...domain('commerce') }, 'Shop'),
      component('web', 'shop', { dependsOn: ['component:cart', 'component:payments-service'] }),
      component('cart', 'shop', { dependsOn: ['resource:cart-db'], consumesApis: ['api:payments-api', 'api:auth-api'] }),
      resource('cart-db', 'shop'),
    ].join('---\n'),
    'payments/catalog-info.yaml': [
      doc('System', 'payments', { owner: 'group:team-a', ...domain('commerce') }, 'Payments'),
      component('payments-service', 'payments', { dependsOn: ['resource:payments-db'], providesApis: ['api:payments-api'], consumesApis: ['api:auth-api'] }),
      api('payments-api', 'payments'),
      resource('payments-db', 'payments'),
    ].join('---\n'),
    'identity/catalog-info.yaml': [
      doc('System', 'identity', { owner: 'group:team-b', ...domain('platform') }, 'Identity'),
      component('login', 'identity', { providesApis: ['api:auth-api'] }, 'group:team-b'),
      api('auth-api', 'identity', 'group:team-b'),
    ].join('---\n'),
    'tools/catalog-info.yaml': [
      component('admin-tool', undefined, { dependsOn: ['resource:legacy-db'], consumesApis: ['api:payments-api'] }, 'group:team-b'),
      resource('legacy-db', undefined, 'group:team-b'),
    ].join('---\n'),
  };
}

const STATUS = new Map<string, NodeStatus>([
  ['component:cart', { errors: 1, warnings: 2, rules: ['CW001', 'CW004'] }],
  ['resource:payments-db', { errors: 0, warnings: 1, rules: ['CW008'] }],
  ['resource:legacy-db', { errors: 2, warnings: 0, rules: ['CW007'] }],
]);

/** What a test compares: each node as `ref | label | ✖ errors ⚠ warnings | drill`, each edge as `from -label-> to`. */
function nodeLines(view: GraphView): string[] {
  return view.nodes.map((n) => `${n.ref} | ${n.label}${n.status ? ` | ✖${n.status.errors} ⚠${n.status.warnings} ${n.status.rules.join(',')}` : ''}${n.drill ? ` | drill ${JSON.stringify(n.drill)}` : ''}`);
}

function edgeLines(view: GraphView): string[] {
  const refOf = new Map(view.nodes.map((n) => [n.id, n.ref]));
  return view.edges.map((e) => `${refOf.get(e.from)} -${e.label ?? ''}${e.count !== undefined ? ` (${e.count} ${e.type})` : ` (${e.type})`}-> ${refOf.get(e.to)}`);
}

describe('system overview', () => {
  const catalog = catalogOf(handMade());

  test('the hand-made catalog has the domains, systems and relations the overview is built from', () => {
    assert.equal(catalog.entities.size, 17);
    const written = catalog.relations.filter((r) => !r.derived && r.type === 'partOf' && r.from.startsWith('system:')).map((r) => `${r.from} ${r.to}`).sort();
    assert.deepEqual(written, ['system:identity domain:platform', 'system:payments domain:commerce', 'system:shop domain:commerce']);
  });

  test('a large catalog is one node per system, in domain boxes, with entity and problem counts and counted edges', () => {
    const view = buildView(catalog, { maxNodes: 5 }, STATUS);
    assert.equal(view.title, '3 systems in 2 domains · 17 entities');
    assert.deepEqual(view.breadcrumb, [{ label: '3 systems in 2 domains · 17 entities' }]);
    assert.deepEqual(view.nodes.map((n) => n.id), ['n__28no_20system_29', 'n_system_3aidentity', 'n_system_3apayments', 'n_system_3ashop']);
    assert.deepEqual(nodeLines(view), [
      '(no system) | (no system) · 2 entities | ✖2 ⚠0 CW007 | drill {"system":"(no system)"}',
      'system:identity | Identity · 2 entities | drill {"system":"system:identity"}',
      'system:payments | Payments · 3 entities | ✖0 ⚠1 CW008 | drill {"system":"system:payments"}',
      'system:shop | Shop · 3 entities | ✖1 ⚠2 CW001,CW004 | drill {"system":"system:shop"}',
    ]);
    assert.deepEqual(view.nodes.map((n) => n.entityCount), [2, 2, 3, 3]);
    // Dependencies only, counted: ownership (every entity is owned) and membership are never edges.
    assert.deepEqual(edgeLines(view), [
      '(no system) -1 (1 consumesApi)-> system:payments',
      'system:payments -1 (1 consumesApi)-> system:identity',
      'system:shop -1 (1 consumesApi)-> system:identity',
      'system:shop -2 (2 implied)-> system:payments',
    ]);
    assert.deepEqual(view.clusters, [
      { id: 'c_domain_3acommerce', label: 'Commerce', nodeIds: ['n_system_3apayments', 'n_system_3ashop'], ref: 'domain:commerce' },
      { id: 'c_domain_3aplatform', label: 'Platform', nodeIds: ['n_system_3aidentity'], ref: 'domain:platform' },
    ]);
    assert.equal(
      view.notice,
      'Each node is a system, with how many entities it holds and their problems (✖ errors, ⚠ warnings); edge labels count the dependencies between systems. Click a system to see its entities. Not in any system, so not drawn here: 2 groups (the ownership view shows owners).',
    );
    // What mermaid draws: the counts in the labels, the problems after them, the domains as subgraphs.
    const source = toMermaid(view, { layout: 'dagre' });
    assert.match(source, /n_system_3ashop\{\{"Shop #183; 3 entities ✖ 1 ⚠ 2"\}\}/);
    assert.match(source, /subgraph c_domain_3acommerce\["Commerce"\]/);
    assert.match(source, /n_system_3ashop -->\|2\| n_system_3apayments/);
  });

  test('clicking a system opens its entities and dependencies, with the systems outside as labelled nodes', () => {
    const view = buildView(catalog, { system: 'system:shop' }, STATUS);
    assert.equal(view.title, 'Shop: 3 entities');
    assert.deepEqual(view.breadcrumb, [
      { label: 'Overview', request: {} },
      { label: 'Commerce', request: { domain: 'domain:commerce' } },
      { label: 'Shop: 3 entities' },
    ]);
    assert.deepEqual(nodeLines(view), [
      'component:cart | cart | ✖1 ⚠2 CW001,CW004',
      'component:web | web',
      'resource:cart-db | cart-db',
      'system:identity | Identity · 1 entity linked | drill {"system":"system:identity"}',
      'system:payments | Payments · 2 entities linked | drill {"system":"system:payments"}',
    ]);
    assert.deepEqual(edgeLines(view), [
      'component:cart - (dependsOn)-> resource:cart-db',
      'component:web - (dependsOn)-> component:cart',
      'component:cart -consumes (1 consumesApi)-> system:identity',
      'component:cart -consumes (1 consumesApi)-> system:payments',
      'component:web - (1 dependsOn)-> system:payments',
    ]);
    // The system is the box around its own entities; the systems outside are not in it.
    assert.deepEqual(view.clusters, [{ id: 'c_system_3ashop', label: 'Shop', nodeIds: ['n_component_3acart', 'n_component_3aweb', 'n_resource_3acart_2ddb'], ref: 'system:shop' }]);
    assert.equal(view.nodes.find((n) => n.ref === 'resource:cart-db')?.role, 'datastore');
    assert.match(view.notice!, /^The entities of Shop and their dependencies; each system outside it they connect to is one node/);
  });

  test('the entities in no system are a node of their own, and open like a system', () => {
    const view = buildView(catalog, { system: NO_SYSTEM }, STATUS);
    assert.equal(view.title, '(no system): 2 entities');
    assert.deepEqual(view.breadcrumb, [{ label: 'Overview', request: {} }, { label: '(no system): 2 entities' }]);
    assert.deepEqual(nodeLines(view), [
      'component:admin-tool | admin-tool',
      'resource:legacy-db | legacy-db | ✖2 ⚠0 CW007',
      'system:payments | Payments · 1 entity linked | drill {"system":"system:payments"}',
    ]);
    assert.deepEqual(edgeLines(view), ['component:admin-tool - (dependsOn)-> resource:legacy-db', 'component:admin-tool -consumes (1 consumesApi)-> system:payments']);
  });

  test('a domain opens as its systems, with the other domains they connect to', () => {
    const view = buildView(catalog, { domain: 'domain:commerce' }, STATUS);
    assert.equal(view.title, 'Commerce: 2 systems · 6 entities');
    assert.deepEqual(view.breadcrumb, [{ label: 'Overview', request: {} }, { label: 'Commerce: 2 systems · 6 entities' }]);
    assert.deepEqual(nodeLines(view), [
      '(no domain) | (no domain) · 2 entities | ✖2 ⚠0 CW007 | drill {"domain":"(no domain)"}',
      'domain:platform | Platform · 1 system · 2 entities | drill {"domain":"domain:platform"}',
      'system:payments | Payments · 3 entities | ✖0 ⚠1 CW008 | drill {"system":"system:payments"}',
      'system:shop | Shop · 3 entities | ✖1 ⚠2 CW001,CW004 | drill {"system":"system:shop"}',
    ]);
    assert.deepEqual(edgeLines(view), [
      '(no domain) -1 (1 consumesApi)-> system:payments',
      'system:payments -1 (1 consumesApi)-> domain:platform',
      'system:shop -1 (1 consumesApi)-> domain:platform',
      'system:shop -2 (2 implied)-> system:payments',
    ]);
    assert.deepEqual(view.clusters?.map((c) => [c.id, c.nodeIds]), [['c_domain_3acommerce', ['n_system_3apayments', 'n_system_3ashop']]]);
  });

  test('without domains: the same systems, no boxes, no domain in the title or the breadcrumb', () => {
    const plain = catalogOf(handMade(false));
    const view = buildView(plain, { maxNodes: 5 }, STATUS);
    assert.equal(view.title, '3 systems · 15 entities');
    assert.equal(view.clusters, undefined);
    assert.deepEqual(view.nodes.map((n) => n.label), ['(no system) · 2 entities', 'Identity · 2 entities', 'Payments · 3 entities', 'Shop · 3 entities']);
    assert.equal(view.edges.length, 4);
    assert.deepEqual(buildView(plain, { system: 'system:shop' }).breadcrumb?.map((c) => c.label), ['Overview', 'Shop: 3 entities']);
  });

  test('the filter is kept on every drill-down and breadcrumb link', () => {
    const filter = { kinds: ['component', 'api', 'system'] };
    const view = buildView(catalog, { maxNodes: 5, filter }, STATUS);
    assert.deepEqual(view.nodes.map((n) => n.drill), [
      { system: NO_SYSTEM, filter }, { system: 'system:identity', filter }, { system: 'system:payments', filter }, { system: 'system:shop', filter },
    ]);
    assert.deepEqual(view.nodes.map((n) => n.entityCount), [1, 2, 2, 2]);
    const shop = buildView(catalog, { system: 'system:shop', filter }, STATUS);
    assert.deepEqual(shop.breadcrumb?.[0], { label: 'Overview', request: { filter } });
    assert.deepEqual(shop.nodes.map((n) => n.ref), ['component:cart', 'component:web', 'system:identity', 'system:payments']);
  });

  test('a system too large to draw says so, shows the systems it connects to and offers neighbourhoods and search', () => {
    const view = buildView(catalog, { system: 'system:payments', maxNodes: 2 }, STATUS);
    assert.equal(view.title, 'Payments: 3 entities');
    assert.equal(
      view.notice,
      'Payments has 3 entities and 2 relations among them: too many to draw one by one, so it is shown as one node with the systems it connects to (edge labels count the dependencies). Open the neighbourhood of one of its most connected entities, or search for one. Showing the 1 largest of 3 connected systems.',
    );
    assert.deepEqual(view.nodes.map((n) => `${n.ref} ${n.role ?? ''}`), ['system:payments focus', 'system:shop ']);
    assert.equal(view.nodes[0].drill, undefined, 'the system itself is not a link to itself');
    assert.deepEqual(view.suggestions, [
      { label: 'payments-service (4 links)', request: { focus: 'component:payments-service', depth: 1, direction: 'both' } },
      { label: 'payments-api (3 links)', request: { focus: 'api:payments-api', depth: 1, direction: 'both' } },
      { label: 'payments-db (1 link)', request: { focus: 'resource:payments-db', depth: 1, direction: 'both' } },
      { label: 'Search the entities of Payments…', search: true },
    ]);
  });

  test('an unknown system or domain says so instead of drawing nothing silently', () => {
    assert.equal(buildView(catalog, { system: 'system:nope' }).notice, 'system:nope is not a system in the catalog.');
    assert.equal(buildView(catalog, { domain: 'domain:nope' }).notice, 'domain:nope is not a domain with systems in the catalog.');
  });

  test('small catalogs keep the full view; the overview starts above the node limit', () => {
    assert.equal(buildView(catalog, {}).title, 'All entities');
    assert.equal(buildView(catalog, {}).breadcrumb, undefined);
    assert.equal(buildView(catalog, { maxNodes: 17 }).title, 'All entities');
    assert.equal(buildView(catalog, { maxNodes: 16 }).title, '3 systems in 2 domains · 17 entities');
  });

  test('drill-down requests are valid view requests, so the panel keeps them across hide/show', () => {
    for (const request of [{ system: 'system:shop' }, { system: NO_SYSTEM, filter: { kinds: ['api'] } }, { domain: 'domain:commerce' }]) {
      assert.equal(isViewRequest(request), true, JSON.stringify(request));
      assert.equal(isDiagramState({ request, layout: 'dagre' }), true);
    }
    assert.equal(isViewRequest({ system: '' }), false);
    assert.equal(isViewRequest({ domain: 42 }), false);
  });

  test('counts are written with thousands separators', () => {
    assert.deepEqual([0, 999, 1000, 20000, 1234567].map(formatCount), ['0', '999', '1,000', '20,000', '1,234,567']);
  });
});
