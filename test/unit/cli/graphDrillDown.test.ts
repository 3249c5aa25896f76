// `cache-warden graph --system <ref>` / `--domain <ref>`: the view a click on an overview node opens
// in the diagram (systemOverview.ts), printed as mermaid, DOT or JSON; an unknown name is exit 2
// naming the known ones; and an overview says on stderr how to drill down from the command line.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { cleanup, runCli, tempDir, write } from './cliTestKit';

function entity(kind: string, name: string, spec: Record<string, string>, metadata: Record<string, string> = {}): string {
  return [
    'apiVersion: backstage.io/v1alpha1',
    `kind: ${kind}`,
    'metadata:',
    `  name: ${name}`,
    ...Object.entries(metadata).map(([key, value]) => `  ${key}: ${value}`),
    'spec:',
    ...Object.entries(spec).map(([key, value]) => `  ${key}: ${value}`),
  ].join('\n') + '\n';
}

const service = (name: string, system: string | undefined, extra: Record<string, string> = {}, metadata: Record<string, string> = {}) =>
  entity('Component', name, { type: 'service', lifecycle: 'production', owner: 'group:team-a', ...(system ? { system } : {}), ...extra }, metadata);

/**
 * Commerce (Shop: web → cart → cart-db, web → payments-service; Payments: payments-service →
 * payments-db, → login), Platform (Identity: login), Playback in namespace music (player → login),
 * and admin-tool in no system (→ payments-service).
 */
const FILES: Record<string, string> = {
  'org/catalog-info.yaml': [
    entity('Domain', 'commerce', { owner: 'group:team-a' }, { title: 'Commerce' }),
    entity('Domain', 'platform', { owner: 'group:team-a' }, { title: 'Platform' }),
    entity('Group', 'team-a', { type: 'team', children: '[]' }),
  ].join('---\n'),
  'shop/catalog-info.yaml': [
    entity('System', 'shop', { owner: 'group:team-a', domain: 'commerce' }, { title: 'Shop' }),
    service('web', 'shop', { dependsOn: '[component:cart, component:payments-service]' }),
    service('cart', 'shop', { dependsOn: '[resource:cart-db]' }),
    entity('Resource', 'cart-db', { type: 'database', owner: 'group:team-a', system: 'shop' }),
  ].join('---\n'),
  'payments/catalog-info.yaml': [
    entity('System', 'payments', { owner: 'group:team-a', domain: 'commerce' }, { title: 'Payments' }),
    service('payments-service', 'payments', { dependsOn: '[resource:payments-db, component:login]' }),
    entity('Resource', 'payments-db', { type: 'database', owner: 'group:team-a', system: 'payments' }),
  ].join('---\n'),
  'identity/catalog-info.yaml': [
    entity('System', 'identity', { owner: 'group:team-a', domain: 'platform' }, { title: 'Identity' }),
    service('login', 'identity'),
  ].join('---\n'),
  'music/catalog-info.yaml': [
    entity('System', 'playback', { owner: 'group:default/team-a' }, { namespace: 'music', title: 'Playback' }),
    service('player', 'playback', { owner: 'group:default/team-a', dependsOn: '[component:default/login]' }, { namespace: 'music' }),
  ].join('---\n'),
  'tools/catalog-info.yaml': service('admin-tool', undefined, { dependsOn: '[component:payments-service]' }),
};

let dir: string;
before(() => {
  dir = tempDir('cw-drill-');
  for (const [file, text] of Object.entries(FILES)) write(dir, file, text);
});
after(() => cleanup(dir));

const SHOP_NOTICE = 'cache-warden graph: The entities of Shop and their dependencies; each system outside it they connect to is one node, with how many of its entities are linked. Click one to open that system.\n';

test('graph --system shop: the system\'s view as the diagram draws it on click, its breadcrumb and how to go on', async () => {
  const { code, stdout, stderr } = await runCli(['graph', '--system', 'shop'], dir);
  assert.equal(code, 0);
  assert.equal(stderr, [
    'cache-warden graph: Overview › Commerce › Shop: 3 entities\n',
    SHOP_NOTICE,
    'cache-warden graph: To drill down, run graph with --system <name> for a system\'s entities (payments).\n',
  ].join(''));
  assert.equal(stdout, [
    'flowchart LR',
    '  n_system_3apayments{{"Payments #183; 1 entity linked"}}',
    '  subgraph c_system_3ashop["Shop"]',
    '    n_component_3acart["cart"]',
    '    n_component_3aweb["web"]',
    '    n_resource_3acart_2ddb[("cart-db")]',
    '  end',
    '  n_component_3acart --> n_resource_3acart_2ddb',
    '  n_component_3aweb --> n_component_3acart',
    '  n_component_3aweb --> n_system_3apayments',
    '  classDef cwOk stroke-width:1px',
    '  class n_system_3apayments,n_component_3acart,n_component_3aweb,n_resource_3acart_2ddb cwOk',
    '  classDef cwService fill:#e8f0fe,stroke:#4a6fa5',
    '  class n_component_3acart,n_component_3aweb cwService',
    '  classDef cwDatastore fill:#e6f4ea,stroke:#2e7d32',
    '  class n_resource_3acart_2ddb cwDatastore',
    '  classDef cwSystem fill:#eeeeee,stroke:#616161',
    '  class n_system_3apayments cwSystem',
    '',
  ].join('\n'));
  // Backstage ref forms name the same system, whatever their case.
  for (const ref of ['system:shop', 'System:Shop', 'system:default/shop', 'default/shop']) {
    const same = await runCli(['graph', '--system', ref], dir);
    assert.deepEqual(same, { code, stdout, stderr }, ref);
  }
});

test('graph --system system:namespace/name, and the entities in no system', async () => {
  const playback = await runCli(['graph', '--system', 'system:music/playback', '--format', 'dot'], dir);
  assert.equal(playback.code, 0);
  assert.equal(playback.stdout, [
    'digraph catalog {',
    '  rankdir=LR;',
    '  node [shape=box, fontname="Helvetica"];',
    '  subgraph cluster_c_system_3amusic_2fplayback { label="Playback"; n_component_3amusic_2fplayer; }',
    '  n_component_3amusic_2fplayer [label="player", shape=box];',
    '  n_system_3aidentity [label="Identity · 1 entity linked", shape=folder];',
    '  n_component_3amusic_2fplayer -> n_system_3aidentity;',
    '}',
    '',
  ].join('\n'));
  assert.match(playback.stderr, /^cache-warden graph: Overview › Playback: 1 entity\n/);
  assert.deepEqual(await runCli(['graph', '--system', 'music/playback', '--format', 'dot'], dir), playback);
  const none = await runCli(['graph', '--system', '(no system)'], dir);
  assert.equal(none.code, 0);
  assert.match(none.stderr, /^cache-warden graph: Overview › \(no system\): 1 entity\n/);
  assert.match(none.stdout, /subgraph c__28no_20system_29\["\(no system\)"\]\n {4}n_component_3aadmin_2dtool\["admin-tool"\]\n {2}end\n {2}n_component_3aadmin_2dtool --> n_system_3apayments\n/);
});

test('graph --domain commerce --format dot: its systems, the other domains as one node each', async () => {
  const { code, stdout, stderr } = await runCli(['graph', '--domain', 'commerce', '--format', 'dot'], dir);
  assert.equal(code, 0);
  assert.equal(stderr, [
    'cache-warden graph: Overview › Commerce: 2 systems · 5 entities\n',
    'cache-warden graph: The systems of Commerce, and the other domains they depend on or that depend on them; edge labels count the dependencies. Click a system to see its entities.\n',
    'cache-warden graph: To drill down, run graph with --system <name> for a system\'s entities (payments, shop) or --domain <name> for a domain\'s systems (platform, \'(no domain)\').\n',
  ].join(''));
  assert.equal(stdout, [
    'digraph catalog {',
    '  rankdir=LR;',
    '  node [shape=box, fontname="Helvetica"];',
    '  subgraph cluster_c_domain_3acommerce { label="Commerce"; n_system_3apayments; n_system_3ashop; }',
    '  n__28no_20domain_29 [label="(no domain) · 1 system · 2 entities", shape=folder];',
    '  n_domain_3aplatform [label="Platform · 1 system · 1 entity", shape=folder];',
    '  n_system_3apayments [label="Payments · 2 entities", shape=folder];',
    '  n_system_3ashop [label="Shop · 3 entities", shape=folder];',
    '  n__28no_20domain_29 -> n_system_3apayments [label="1"];',
    '  n_system_3apayments -> n_domain_3aplatform [label="1"];',
    '  n_system_3ashop -> n_system_3apayments [label="1"];',
    '}',
    '',
  ].join('\n'));
  assert.deepEqual(await runCli(['graph', '--domain', 'domain:Commerce', '--format', 'dot'], dir), { code, stdout, stderr });
});

test('graph --system --format json: the entities inside it (complete) and the view drawn of it', async () => {
  const { code, stdout, stderr } = await runCli(['graph', '--system', 'system:music/playback', '--format', 'json'], dir);
  assert.equal(code, 0);
  assert.equal(stderr, '');
  const json = JSON.parse(stdout);
  assert.deepEqual(Object.keys(json), ['entities', 'relations', 'view', 'undrawn', 'problems']);
  assert.deepEqual(json.entities.map((e: { ref: string }) => e.ref), ['component:music/player', 'system:music/playback']);
  assert.deepEqual(json.relations.map((r: { from: string; type: string; to: string }) => `${r.from} ${r.type} ${r.to}`), [
    'component:music/player partOf system:music/playback',
    'system:music/playback hasPart component:music/player',
  ]);
  assert.deepEqual(json.view, {
    title: 'Playback: 1 entity',
    breadcrumb: ['Overview', 'Playback: 1 entity'],
    notice: 'The entities of Playback and their dependencies; each system outside it they connect to is one node, with how many of its entities are linked. Click one to open that system.',
    nodes: [
      { ref: 'component:music/player', label: 'player', kind: 'component' },
      { ref: 'system:identity', label: 'Identity · 1 entity linked', kind: 'system', entityCount: 1, drill: { system: 'system:identity' } },
    ],
    edges: [{ from: 'component:music/player', to: 'system:identity', type: 'dependsOn', count: 1 }],
    boxes: [{ label: 'Playback', ref: 'system:music/playback', refs: ['component:music/player'] }],
  });
  const domain = JSON.parse((await runCli(['graph', '--domain', 'platform', '--format', 'json'], dir)).stdout);
  assert.deepEqual(domain.entities.map((e: { ref: string }) => e.ref), ['component:login', 'domain:platform', 'system:identity']);
  assert.deepEqual(domain.view.nodes.map((n: { ref: string; drill?: unknown }) => [n.ref, n.drill]), [
    ['(no domain)', { domain: '(no domain)' }],
    ['domain:commerce', { domain: 'domain:commerce' }],
    ['system:identity', { system: 'system:identity' }],
  ]);
});

test('an unknown --system or --domain: exit 2, naming the ones the catalog has', async () => {
  assert.deepEqual(await runCli(['graph', '--system', 'shopp'], dir), {
    code: 2,
    stdout: '',
    stderr: 'cache-warden graph: --system shopp: no system with that ref in the catalog; systems: identity, music/playback, payments, shop, \'(no system)\'\nRun \'cache-warden graph --help\' for usage.\n',
  });
  // A component is not a system, even when its name is unique.
  assert.equal((await runCli(['graph', '--system', 'login'], dir)).stderr.split('\n')[0], 'cache-warden graph: --system login: no system with that ref in the catalog; systems: identity, music/playback, payments, shop, \'(no system)\'');
  assert.deepEqual(await runCli(['graph', '--domain', 'system:shop'], dir), {
    code: 2,
    stdout: '',
    stderr: 'cache-warden graph: --domain system:shop: no domain with that ref in the catalog; domains: commerce, platform, \'(no domain)\'\nRun \'cache-warden graph --help\' for usage.\n',
  });
  const both = await runCli(['graph', '--system', 'shop', '--domain', 'commerce'], dir);
  assert.equal(both.code, 2);
  assert.equal(both.stderr, 'cache-warden graph: use either --system or --domain, not both\nRun \'cache-warden graph --help\' for usage.\n');
  const focus = await runCli(['graph', '--system', 'shop', '--focus', 'web'], dir);
  assert.equal(focus.code, 2);
  assert.equal(focus.stderr, 'cache-warden graph: --system shows one system of the overview: use it without --focus, --reaches and --ownership\nRun \'cache-warden graph --help\' for usage.\n');
});

test('more than five systems: the error lists five and says how many more; a domain without systems has no view', async () => {
  const many = tempDir('cw-drill-');
  try {
    write(many, 'catalog-info.yaml', [
      entity('Domain', 'empty', { owner: 'group:team-a' }),
      ...['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((name) => entity('System', `sys-${name}`, { owner: 'group:team-a' })),
    ].join('---\n'));
    const { code, stderr } = await runCli(['graph', '--system', 'nope'], many);
    assert.equal(code, 2);
    assert.equal(stderr.split('\n')[0], 'cache-warden graph: --system nope: no system with that ref in the catalog; systems: sys-a, sys-b, sys-c, sys-d, sys-e and 2 more');
    const empty = await runCli(['graph', '--domain', 'empty'], many);
    assert.equal(empty.code, 2);
    assert.equal(empty.stderr.split('\n')[0], 'cache-warden graph: --domain empty: no entity is in that domain, so it has no view');
    assert.equal((await runCli(['graph', '--domain', 'nope'], many)).stderr.split('\n')[0], 'cache-warden graph: --domain nope: no domain in the catalog holds systems');
    write(many, 'catalog-info.yaml', service('lonely', undefined));
    assert.equal((await runCli(['graph', '--domain', 'nope'], many)).stderr.split('\n')[0], 'cache-warden graph: --domain nope: the catalog has no domains');
    assert.equal((await runCli(['graph', '--system', 'nope'], many)).stderr.split('\n')[0], 'cache-warden graph: --system nope: the catalog has no systems');
  } finally {
    cleanup(many);
  }
});

test('graph of a large catalog prints its overview and says how to drill down', async () => {
  const { code, stdout, stderr } = await runCli(['graph', '--max-nodes', '5'], dir);
  assert.equal(code, 0);
  assert.equal(stderr, [
    'cache-warden graph: Each node is a system, with how many entities it holds and their problems (✖ errors, ⚠ warnings); edge labels count the dependencies between systems. Click a system to see its entities. Not in any system, so not drawn here: 1 group (the ownership view shows owners).\n',
    'cache-warden graph: To drill down, run graph with --system <name> for a system\'s entities (identity, music/playback, payments, shop, \'(no system)\').\n',
  ].join(''));
  assert.match(stdout, /^flowchart LR\n {2}n__28no_20system_29\{\{"\(no system\) #183; 1 entity"\}\}\n/);
  // A small catalog is drawn whole: nothing to drill into, nothing said.
  const whole = await runCli(['graph'], dir);
  assert.equal(whole.stderr, '');
});

test('an overview by domain (more than 60 systems in domains) points to --domain', async () => {
  const big = tempDir('cw-drill-');
  try {
    const docs = [entity('Domain', 'alpha', { owner: 'group:team-a' }), entity('Domain', 'beta', { owner: 'group:team-a' })];
    for (let i = 0; i < 62; i++) {
      docs.push(entity('System', `sys-${i}`, { owner: 'group:team-a', domain: i % 2 ? 'beta' : 'alpha' }));
      docs.push(service(`svc-${i}`, `sys-${i}`));
    }
    write(big, 'catalog-info.yaml', docs.join('---\n'));
    const { code, stderr } = await runCli(['graph', '--max-nodes', '100', '--format', 'dot'], big);
    assert.equal(code, 0);
    assert.equal(stderr, [
      'cache-warden graph: 62 systems are too many to draw at once, so each node is a domain, with its systems, entities and problems (✖ errors, ⚠ warnings); edge labels count the dependencies between domains. Click a domain to see its systems.\n',
      'cache-warden graph: To drill down, run graph with --domain <name> for a domain\'s systems (alpha, beta).\n',
    ].join(''));
    const alpha = await runCli(['graph', '--domain', 'alpha', '--max-nodes', '100', '--format', 'dot'], big);
    assert.equal(alpha.code, 0);
    assert.equal(alpha.stderr.split('\n')[0], 'cache-warden graph: Overview › alpha: 31 systems · 31 entities');
    assert.equal(alpha.stdout.split('\n').filter((line) => / \[label="sys-\d+ · 1 entity", shape=folder\];$/.test(line)).length, 31);
  } finally {
    cleanup(big);
  }
});

test('graph --help documents --system and --domain', async () => {
  const { code, stdout } = await runCli(['graph', '--help'], dir);
  assert.equal(code, 0);
  assert.ok(stdout.includes([
    '  --system <ref>              one system\'s view: its entities and their dependencies, each system',
    '                              outside it as one node (name, system:name, system:namespace/name,',
    '                              or \'(no system)\'); with --format json, its entities and the view',
    '  --domain <ref>              one domain\'s view: its systems, each other domain as one node',
    '                              (name, domain:name)',
  ].join('\n')), stdout);
  assert.equal((await runCli(['help', 'graph'], dir)).stdout, stdout);
});
