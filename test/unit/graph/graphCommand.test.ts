import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runGraphCommand } from '../../../src/cli/graphCommand';
import { FIXTURES } from '../catalog/fixtureCatalog';

const cwd = path.join(FIXTURES, 'basic');

async function run(args: string[], dir = cwd): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runGraphCommand(args, { cwd: dir, stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
  return { code, stdout, stderr };
}

test('graph --format json: entities with kind, title, owner, doc file and line; relations with type and direction', async () => {
  const { code, stdout, stderr } = await run(['--format', 'json']);
  assert.equal(code, 0);
  assert.equal(stderr, '');
  const json = JSON.parse(stdout);
  assert.equal(json.entities.length, 10);
  assert.deepEqual(json.entities.find((e: { ref: string }) => e.ref === 'component:catalog-service'), {
    ref: 'component:catalog-service', kind: 'component', name: 'catalog-service', title: 'Catalog Service', type: 'service',
    owner: 'team-catalog', system: 'storefront', docFile: 'docs/services/catalog-service.md', docLine: 11,
    sources: [
      { file: 'docs/services/catalog-service.md', line: 2, origin: 'doc' },
      { file: 'services/catalog/catalog.cache.yaml', line: 4, origin: 'cache-config' },
    ],
    configFiles: ['services/catalog/catalog.cache.yaml'],
  });
  assert.deepEqual(json.relations.filter((r: { from: string }) => r.from === 'resource:catalog-db'), [
    { from: 'resource:catalog-db', to: 'component:catalog-service', type: 'dependencyOf', direction: 'reverse', file: 'docs/services/catalog-service.md', line: 8 },
    { from: 'resource:catalog-db', to: 'component:search-indexer', type: 'dependencyOf', direction: 'reverse', file: 'search/catalog-info.yaml', line: 22 },
    { from: 'resource:catalog-db', to: 'cache:catalog-service.product-by-id', type: 'frontedBy', direction: 'reverse', file: 'services/catalog/catalog.cache.yaml', line: 17 },
    { from: 'resource:catalog-db', to: 'system:storefront', type: 'partOf', direction: 'forward', file: 'docs/resources/catalog-db.md', line: 6 },
  ]);
});

test('graph --focus --depth --direction prints the neighbourhood as mermaid, the text the webview renders', async () => {
  const { code, stdout } = await run(['--focus', 'catalog-db', '--depth', '1', '--direction', 'up']);
  assert.equal(code, 0);
  assert.equal(stdout, [
    'flowchart LR',
    '  subgraph c_system_3astorefront["Storefront"]',
    '    n_cache_3acatalog_2dservice_2eproduct_2dby_2did[["product-by-id"]]',
    '    n_component_3acatalog_2dservice["Catalog Service"]',
    '    n_component_3asearch_2dindexer["Search Indexer"]',
    '    n_resource_3acatalog_2ddb[("Catalog DB")]',
    '  end',
    '  n_cache_3acatalog_2dservice_2eproduct_2dby_2did --->|fronts| n_resource_3acatalog_2ddb',
    '  n_component_3acatalog_2dservice --> n_resource_3acatalog_2ddb',
    '  n_component_3acatalog_2dservice -->|uses| n_cache_3acatalog_2dservice_2eproduct_2dby_2did',
    '  n_component_3asearch_2dindexer --> n_resource_3acatalog_2ddb',
    '  classDef cwOk stroke-width:1px',
    '  class n_cache_3acatalog_2dservice_2eproduct_2dby_2did,n_component_3acatalog_2dservice,n_component_3asearch_2dindexer,n_resource_3acatalog_2ddb cwOk',
    '  classDef cwService fill:#e8f0fe,stroke:#4a6fa5',
    '  class n_component_3acatalog_2dservice,n_component_3asearch_2dindexer cwService',
    '  classDef cwCache fill:#fff4ce,stroke:#b08800',
    '  class n_cache_3acatalog_2dservice_2eproduct_2dby_2did cwCache',
    '  classDef cwDatastore fill:#e6f4ea,stroke:#2e7d32',
    '  class n_resource_3acatalog_2ddb cwDatastore',
    '  classDef cwFocus stroke:#0078d4,stroke-width:4px',
    '  class n_resource_3acatalog_2ddb cwFocus',
    '',
  ].join('\n'));
});

test('graph --format dot and --reaches', async () => {
  const { code, stdout } = await run(['--format', 'dot', '--reaches', 'resource:catalog-db']);
  assert.equal(code, 0);
  assert.ok(stdout.startsWith('digraph catalog {\n'));
  assert.ok(stdout.includes('  n_component_3asearch_2dindexer -> n_resource_3acatalog_2ddb [color="#d13438", penwidth=2];\n'), stdout);
  assert.ok(stdout.includes('  n_resource_3acatalog_2ddb [label="Catalog DB", shape=cylinder];\n'));
});

test('graph --format json --focus restricts to the neighbourhood (dependencies only: its system is an attribute)', async () => {
  const { stdout } = await run(['docs', 'services', '--format', 'json', '--focus', 'component:catalog-service', '--direction', 'down']);
  const json = JSON.parse(stdout);
  assert.deepEqual(json.entities.map((e: { ref: string }) => e.ref), [
    'cache:catalog-service.price-by-sku', 'cache:catalog-service.product-by-id', 'component:catalog-service',
    'resource:catalog-db', 'resource:catalog-redis',
  ]);
  assert.ok(json.entities.every((e: { system?: string }) => e.system === 'storefront'));
});

test('graph --ownership [--owner]: owners and what they own', async () => {
  const all = await run(['--ownership', '--format', 'dot']);
  assert.equal(all.code, 0);
  const edges = all.stdout.split('\n').filter((line) => line.includes(' -> '));
  assert.deepEqual(edges.map((line) => line.trim().replace(/ \[.*$/, '')), [
    'n_api_3acatalog_2dapi -> n_group_3ateam_2dcatalog',
    'n_cache_3acatalog_2dservice_2eprice_2dby_2dsku -> n_group_3ateam_2dcatalog',
    'n_cache_3acatalog_2dservice_2eproduct_2dby_2did -> n_group_3ateam_2dcatalog',
    'n_component_3acatalog_2dservice -> n_group_3ateam_2dcatalog',
    'n_resource_3acatalog_2ddb -> n_group_3ateam_2dcatalog',
    'n_resource_3acatalog_2dredis -> n_group_3ateam_2dcatalog',
    'n_component_3asearch_2dindexer -> n_group_3ateam_2dsearch',
    'n_component_3astorefront_2dweb -> n_group_3ateam_2dweb',
    'n_system_3astorefront -> n_group_3ateam_2dweb',
  ]);
  const web = await run(['--ownership', '--owner', 'team-web']);
  assert.equal(web.code, 0);
  assert.deepEqual(web.stdout.split('\n').slice(0, 6), [
    'flowchart LR',
    '  n_component_3astorefront_2dweb["Storefront Web"]',
    '  n_group_3ateam_2dweb>"team-web"]',
    '  n_system_3astorefront{{"Storefront"}}',
    '  n_component_3astorefront_2dweb -->|owned by| n_group_3ateam_2dweb',
    '  n_system_3astorefront -->|owned by| n_group_3ateam_2dweb',
  ]);
  const json = JSON.parse((await run(['--ownership', '--owner', 'team-search', '--format', 'json'])).stdout);
  assert.deepEqual(json.entities.map((e: { ref: string; owner: string }) => `${e.ref} ${e.owner}`), ['component:search-indexer team-search']);
  const nobody = await run(['--ownership', '--owner', 'team-nobody']);
  assert.deepEqual([nobody.code, nobody.stderr], [0, 'cache-warden graph: Nothing in the catalog is owned by team-nobody.\n']);
});

test('graph --strict exits 1 on unresolved refs, duplicates and cycles, listed on stderr with file and line', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cw-graph-'));
  try {
    fs.mkdirSync(path.join(dir, 'docs'));
    fs.writeFileSync(path.join(dir, 'docs/a.md'), '---\nid: a\nkind: component\ndependsOn: [b, ghost]\n---\n');
    fs.writeFileSync(path.join(dir, 'docs/b.md'), '---\nid: b\nkind: component\ndependsOn: [a]\n---\n');
    fs.writeFileSync(path.join(dir, 'docs/b2.md'), '---\nid: b\nkind: component\n---\n');
    const strict = await run(['--strict', '--format', 'json'], dir);
    assert.equal(strict.code, 1);
    assert.equal(strict.stderr, [
      'docs/a.md:4:13: warning catalog-dependency-cycle: Dependency cycle: component:a → component:b → component:a. A service that needs itself cannot start or fail on its own; break one of these dependencies.',
      'docs/a.md:4:16: warning catalog-unresolved-ref: `ghost` (dependsOn) matches no entity in the catalog. Declare `component:ghost` in a doc\'s front matter or a catalog-info.yaml, or fix the name.',
      'docs/b.md:2:5: error catalog-duplicate-entity: `component:b` is declared more than once; it is also declared in docs/b2.md:2. Give each entity a unique id.',
      'docs/b.md:4:13: warning catalog-dependency-cycle: Dependency cycle: component:b → component:a → component:b. A service that needs itself cannot start or fail on its own; break one of these dependencies.',
      'docs/b2.md:2:5: error catalog-duplicate-entity: `component:b` is declared more than once; it is also declared in docs/b.md:2. Give each entity a unique id.',
      '',
    ].join('\n'));
    assert.equal((await run(['--format', 'json'], dir)).code, 0, 'without --strict the problems are listed but do not fail');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('graph usage errors exit 2', async () => {
  assert.equal((await run(['--format', 'svg'])).code, 2);
  assert.equal((await run(['--depth', '7'])).code, 2);
  const missing = await run(['--focus', 'nobody']);
  assert.deepEqual([missing.code, missing.stderr], [2, "cache-warden graph: --focus nobody: no entity with that ref in the catalog\nRun 'cache-warden graph --help' for usage.\n"]);
  assert.equal((await run(['no-such-dir'])).code, 2);
  const ownerAlone = await run(['--owner', 'team-web']);
  assert.deepEqual([ownerAlone.code, ownerAlone.stderr.split('\n')[0]], [2, 'cache-warden graph: --owner needs --ownership']);
  const ownershipFocus = await run(['--ownership', '--focus', 'catalog-db']);
  assert.deepEqual([ownershipFocus.code, ownershipFocus.stderr.split('\n')[0]], [2, 'cache-warden graph: --ownership shows owners, not a neighbourhood: use it without --focus and --reaches']);
  const help = await run(['--help']);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /^Usage: cache-warden graph \[paths\.\.\.\] \[options\]/);
  assert.match(help.stdout, /\n  --ownership +the ownership view: groups \(owners\) and the entities they own\n  --owner <group> +with --ownership: only this owner/);
});
