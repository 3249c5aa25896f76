// Entity-level edits — a doc renames its entity, a file appears or disappears, a config fronts
// another datastore, names collide across kinds, a service changes system — must leave the
// incrementally updated catalog exactly as a fresh build of the same files, and as the reference
// assembler (buildGraph, which re-assembles everything) would build it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Catalog, catalogFileRole, contributionOf } from '../../../src/core/catalog/catalog';
import { buildGraph } from '../../../src/core/catalog/buildGraph';
import type { Diagnostic } from '../../../src/core/types';
import type { Entity, Relation } from '../../../src/core/graph/graphModel';
import { catalogOf } from './fixtureCatalog';

interface GraphReader {
  refs: string[];
  entity(ref: string): Entity | undefined;
  relations: readonly Relation[];
  outgoing(ref: string): readonly Relation[];
  incoming(ref: string): readonly Relation[];
  diagnostics: Array<[string, Diagnostic[]]>;
  refsInFile: Array<[string, Array<{ text: string; target?: string }>]>;
}

function snapshot(g: GraphReader): unknown {
  const refs = [...g.refs].sort();
  return {
    entities: refs.map((ref) => JSON.stringify(g.entity(ref))),
    relations: g.relations.map((r) => `${r.from} -${r.type}-> ${r.to}${r.derived ? ' *' : ''} @${r.file}:${r.line}`).sort(),
    adjacency: refs.map((ref) => [ref, g.outgoing(ref).map((r) => `${r.type}>${r.to}`).sort(), g.incoming(ref).map((r) => `${r.type}<${r.from}`).sort()]),
    diagnostics: g.diagnostics.map(([file, list]) => [file, list.map((d) => `${d.code} ${d.range.start.line}:${d.range.start.character} ${d.message}`).sort()]),
    refs: g.refsInFile.map(([file, list]) => [file, list.map((r) => `${r.text}→${r.target}`)]),
  };
}

function catalogReader(c: Catalog): GraphReader {
  return {
    refs: [...c.entities.keys()],
    entity: (ref) => c.entity(ref),
    relations: c.relations,
    outgoing: (ref) => c.outgoing(ref),
    incoming: (ref) => c.incoming(ref),
    diagnostics: [...c.allDiagnostics()],
    refsInFile: c.files().map((f) => [f, [...c.refsInFile(f)]]),
  };
}

/** The same files through the reference assembler: every contribution re-assembled at once. */
function referenceReader(files: Map<string, string>): GraphReader {
  const contributions = [...files]
    .filter(([file]) => catalogFileRole(file))
    .map(([file, text]) => contributionOf(file, catalogFileRole(file)!, text))
    .filter((c) => c.entities.length || c.refs.length || c.diagnostics.length);
  const g = buildGraph(contributions);
  const diagnostics = new Map<string, Diagnostic[]>();
  for (const c of contributions) if (c.diagnostics.length) diagnostics.set(c.file, [...c.diagnostics]);
  for (const [file, list] of g.diagnosticsByFile) diagnostics.set(file, [...(diagnostics.get(file) ?? []), ...list]);
  return {
    refs: [...g.entities.keys()],
    entity: (ref) => g.entities.get(ref),
    relations: g.relations,
    outgoing: (ref) => g.outgoing(ref),
    incoming: (ref) => g.incoming(ref),
    diagnostics: [...diagnostics].sort((a, b) => (a[0] < b[0] ? -1 : 1)),
    refsInFile: contributions.map((c) => c.file).sort().map((f) => [f, g.occurrencesByFile.get(f) ?? []]),
  };
}

const NAMES = ['catalog-db', 'orders-db', 'orders', 'catalog-redis', 'svc-a', 'svc-b', 'shop', 'Orders'];
const KINDS = ['component', 'resource', 'system', 'api'];
const SYSTEMS = [undefined, 'shop', 'ops'];

function workspaceEditor(seed: number) {
  const random = (n: number): number => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) >>> 16) % n;
  const pick = <T>(list: readonly T[]): T => list[random(list.length)];
  const ref = (): string => (random(3) === 0 ? `${pick(KINDS)}:${pick(NAMES)}` : pick(NAMES));
  const doc = (): string => {
    const system = pick(SYSTEMS);
    const deps = Array.from({ length: random(4) }, ref);
    return [
      '---',
      `id: ${pick(NAMES)}`,
      `kind: ${pick(KINDS)}`,
      ...(random(2) ? [`type: ${pick(['service', 'database', 'redis'])}`] : []),
      ...(random(2) ? [`title: Title ${random(100)}`] : []),
      ...(system ? [`system: ${system}`] : []),
      `dependsOn: [${deps.join(', ')}]`,
      ...(random(3) === 0 ? [`providesApis: [${pick(NAMES)}]`] : []),
      '---',
      '# Doc',
      '',
    ].join('\n');
  };
  const config = (): string => {
    const backend = pick(['catalog-redis', 'local-cache', 'orders']);
    const caches = Array.from({ length: 1 + random(2) }, (_, i) => [
      `    - name: cache-${i}`,
      `      backend: ${random(4) ? backend : 'ghost-backend'}`,
      '      fronts:',
      `        name: ${pick(NAMES)}`,
      '      ttl: { value: 1m }',
    ].join('\n'));
    return [
      'apiVersion: cache-warden/v1',
      'kind: CacheLayer',
      'metadata:',
      `  service: ${pick(NAMES)}`,
      ...(random(2) ? [`  system: ${pick(['shop', 'ops'])}`] : []),
      'spec:',
      '  backends:',
      `    - name: ${backend}`,
      '      type: redis',
      '  caches:',
      ...caches,
    ].join('\n') + '\n';
  };
  const catalogInfo = (): string => Array.from({ length: 1 + random(2) }, () => [
    'apiVersion: backstage.io/v1alpha1',
    `kind: ${pick(['Component', 'Resource', 'System'])}`,
    'metadata:',
    `  name: ${pick(NAMES)}`,
    'spec:',
    `  owner: team-${random(3)}`,
    ...(random(2) ? [`  system: ${pick(['shop', 'ops'])}`] : []),
    `  dependsOn: [${Array.from({ length: random(3) }, () => `resource:${pick(NAMES).toLowerCase()}`).join(', ')}]`,
  ].join('\n')).join('\n---\n') + '\n';
  const paths = [
    ...Array.from({ length: 8 }, (_, i) => `docs/d${i}.md`),
    'services/a/a.cache.yaml', 'services/b/b.cache.yaml', 'services/c/c.cache.yaml',
    'x/catalog-info.yaml', 'y/catalog-info.yaml',
  ];
  /** A random file and its new text (undefined: delete it). */
  return (): [string, string | undefined] => {
    const file = pick(paths);
    if (random(6) === 0) return [file, undefined];
    return [file, file.endsWith('.md') ? doc() : file.endsWith('.cache.yaml') ? config() : catalogInfo()];
  };
}

for (const seed of [1, 2, 3, 4]) {
  test(`random entity edits (renames, new and deleted files, collisions), seed ${seed}: incremental == fresh build == reference`, () => {
    const nextEdit = workspaceEditor(seed);
    const current = new Map<string, string>();
    for (let i = 0; i < 12; i++) {
      const [file, text] = nextEdit();
      if (text !== undefined) current.set(file, text);
    }
    const catalog = catalogOf(current);
    let random = seed;
    // Equal snapshots of empty catalogs would prove nothing: count the steps that compared a real graph.
    // (Seeds 1–4: relations at all 120 steps, 29–42 deletions when this was written.)
    let stepsWithRelations = 0;
    let deletes = 0;
    for (let step = 0; step < 120; step++) {
      // Sometimes several files change before anyone reads the graph (one batch for the index).
      const batch = 1 + ((random = (random * 48271) % 2147483647) % 3 === 0 ? 2 : 0);
      const applied: string[] = [];
      for (let b = 0; b < batch; b++) {
        const [file, text] = nextEdit();
        if (text === undefined) {
          current.delete(file);
          catalog.removeFile(file);
        } else {
          current.set(file, text);
          catalog.updateFile(file, text);
        }
        applied.push(`${text === undefined ? 'delete' : 'write'} ${file}`);
        if (text === undefined) deletes++;
      }
      const incremental = snapshot(catalogReader(catalog));
      assert.deepEqual(incremental, snapshot(catalogReader(catalogOf(current))), `step ${step} (fresh build): ${applied.join(', ')}`);
      assert.deepEqual(incremental, snapshot(referenceReader(current)), `step ${step} (reference assembler): ${applied.join(', ')}`);
      if (catalog.relations.length > 0) stepsWithRelations++;
    }
    assert.ok(stepsWithRelations >= 100, `only ${stepsWithRelations} of 120 steps compared a catalog with relations`);
    assert.ok(deletes >= 10, `only ${deletes} file deletions in 120 steps`);
  });
}

test('renaming an entity back and forth: the refs to it break and resolve again, implied datastores come and go', () => {
  const files = new Map([
    ['docs/db.md', '---\nid: catalog-db\nkind: resource\ntype: database\nsystem: shop\n---\n# DB\n'],
    ['docs/svc.md', '---\nid: catalog-service\nkind: component\nsystem: shop\ndependsOn: [resource:catalog-db]\n---\n# Service\n'],
    ['services/svc.cache.yaml', 'apiVersion: cache-warden/v1\nkind: CacheLayer\nmetadata:\n  service: catalog-service\nspec:\n  backends:\n    - name: r\n      type: redis\n  caches:\n    - name: c\n      backend: r\n      fronts:\n        name: catalog-db\n'],
  ]);
  const catalog = catalogOf(files);
  assert.equal(catalog.entity('resource:catalog-db')?.docFile, 'docs/db.md');
  assert.equal(catalog.entity('cache:catalog-service.c')?.system, 'shop', 'the cache inherits its service\'s system');
  const renamed = files.get('docs/db.md')!.replace('id: catalog-db', 'id: products-db');
  catalog.updateFile('docs/db.md', renamed);
  // The config still fronts catalog-db: it is implied (no doc); the doc's dependsOn resolves to it.
  assert.deepEqual(catalog.entity('resource:catalog-db')?.sources, [{ file: 'services/svc.cache.yaml', line: 12, origin: 'cache-config' }]);
  assert.ok(catalog.entity('resource:products-db'));
  assert.deepEqual(catalog.diagnostics('docs/svc.md'), []);
  catalog.updateFile('docs/svc.md', files.get('docs/svc.md')!.replace('system: shop', 'system: ops'));
  assert.equal(catalog.entity('cache:catalog-service.c')?.system, 'ops', 'the cache follows its service into the new system');
  catalog.removeFile('services/svc.cache.yaml');
  assert.equal(catalog.entity('resource:catalog-db'), undefined, 'nothing implies it any more');
  assert.deepEqual(catalog.diagnostics('docs/svc.md').map((d) => [d.code, d.range.start.line]), [['catalog-unresolved-ref', 4]]);
  catalog.updateFile('docs/db.md', files.get('docs/db.md')!);
  assert.deepEqual(catalog.diagnostics('docs/svc.md'), []);
  assert.ok(catalog.outgoing('component:catalog-service').some((r) => r.type === 'dependsOn' && r.to === 'resource:catalog-db'));
});
