// Catalog index benchmark: a synthetic workspace of 2,000 entity docs and 500 cache configs,
// indexed cold, then updated one changed file at a time (parse + graph rebuild + the changed
// file's diagnostics). Target (docs/TARGETS): < 1 s cold, < 20 ms per changed file.
// Run: npm run bench (all), or `node out/bench/catalogIndex.js` after `npm run compile-tests`.
import { performance } from 'node:perf_hooks';
import { parseAllDocuments } from 'yaml';
import { Catalog } from '../src/core/catalog/catalog';
import { buildView } from '../src/core/graph/buildView';
import { toMermaid } from '../src/core/graph/mermaid';

const DOCS = 2000;
const CONFIGS = 500;
const SYSTEMS = 40;

export function syntheticWorkspace(docs = DOCS, configs = CONFIGS): Map<string, string> {
  const files = new Map<string, string>();
  for (let i = 0; i < docs; i++) {
    const kind = i % 4 === 3 ? 'resource' : 'component';
    // Chains of ten services (no cycles), each also needing a database.
    const deps = kind === 'component' ? [`resource:db-${(i * 7) % (docs / 4) | 0}`, ...((i + 1) % 10 && (i + 1) % 4 !== 3 ? [`svc-${i + 1}`] : [])] : [];
    files.set(`/ws/docs/s${i % SYSTEMS}/entity-${i}.md`, [
      '---',
      `id: ${kind === 'resource' ? `db-${(i / 4) | 0}` : `svc-${i}`}`,
      `kind: ${kind}`,
      `type: ${kind === 'resource' ? 'database' : 'service'}`,
      `title: Entity ${i}`,
      `system: sys-${i % SYSTEMS}`,
      `owner: team-${i % 25}`,
      ...(deps.length ? ['dependsOn:', ...deps.map((d) => `  - ${d}`)] : []),
      'tags: [bench]',
      '---',
      `# Entity ${i}`,
      '',
      `Entity ${i} serves part of system ${i % SYSTEMS}. It is documented here with a paragraph of text`,
      'long enough to look like a real summary, followed by a few sections.',
      '',
      '## Runbook',
      '',
      '1. Check the dashboards.',
      '2. Page the owner.',
      '',
    ].join('\n'));
  }
  for (let i = 0; i < configs; i++) {
    const service = `svc-${i * 4}`;
    files.set(`/ws/services/${service}/${service}.cache.yaml`, [
      'apiVersion: cache-warden/v1',
      'kind: CacheLayer',
      'metadata:',
      `  service: ${service}`,
      `  owner: team-${i % 25}`,
      `  docs: docs/${service}.md`,
      'spec:',
      '  backends:',
      `    - name: redis-${i}`,
      '      type: redis',
      '      maxMemory: 2Gi',
      '      eviction: allkeys-lfu',
      '  caches:',
      ...[0, 1].flatMap((c) => [
        `    - name: cache-${c}`,
        `      backend: redis-${i}`,
        '      criticality: hot',
        '      fronts:',
        `        name: db-${(i + c) % (DOCS / 4)}`,
        '        params: [tenant_id, id]',
        '      key:',
        '        template: "x:{tenant_id}:{id}"',
        '      ttl: { value: 10m, jitter: 10% }',
        '      stampede: { mode: coalesce }',
      ]),
    ].join('\n') + '\n');
  }
  return files;
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

export function runCatalogBench(log: (line: string) => void = console.log): Record<string, number> {
  const files = syntheticWorkspace();
  const entries = [...files];

  // Peer in the same run: the bare `yaml` parse of every config and front matter (no index).
  const bare: number[] = [];
  for (let r = 0; r < 3; r++) {
    const t = performance.now();
    for (const [file, text] of entries) parseAllDocuments(file.endsWith('.md') ? text.slice(4, text.indexOf('\n---\n')) : text);
    bare.push(performance.now() - t);
  }

  const cold: number[] = [];
  let catalog = new Catalog();
  for (let r = 0; r < 5; r++) {
    const t = performance.now();
    catalog = new Catalog();
    for (const [file, text] of entries) catalog.updateFile(file, text);
    void catalog.graph; // assemble: merge, resolve, reverse edges, cycles
    catalog.allDiagnostics();
    cold.push(performance.now() - t);
  }

  const docChange: number[] = [];
  const configChange: number[] = [];
  for (let i = 0; i < 40; i++) {
    const doc = `/ws/docs/s${(i * 13) % SYSTEMS}/entity-${i * 13}.md`;
    let t = performance.now();
    catalog.updateFile(doc, files.get(doc)!.replace(/title: .*/, `title: Changed ${i}`));
    void catalog.graph;
    catalog.diagnostics(doc);
    docChange.push(performance.now() - t);

    const config = `/ws/services/svc-${i * 4}/svc-${i * 4}.cache.yaml`;
    t = performance.now();
    catalog.updateFile(config, files.get(config)!.replace('criticality: hot', 'criticality: warm'));
    void catalog.graph;
    catalog.diagnostics(config);
    configChange.push(performance.now() - t);
  }

  // A change that reshapes the edges (a new dependency): applied incrementally.
  const reshape: number[] = [];
  for (let i = 0; i < 20; i++) {
    const doc = `/ws/docs/s${(i * 17) % SYSTEMS}/entity-${i * 17}.md`;
    const text = files.get(doc)!;
    const t = performance.now();
    catalog.updateFile(doc, text.includes('dependsOn:') ? text.replace('dependsOn:', `dependsOn:\n  - resource:db-${i + 100}`) : text.replace('tags:', `dependsOn: [resource:db-${i + 100}]\ntags:`));
    void catalog.graph;
    catalog.diagnostics(doc);
    reshape.push(performance.now() - t);
  }

  // Changes that reshape the nodes, applied incrementally: a doc renames its entity (services and
  // databases: the refs to the old name break, a config's datastore becomes implied), a new doc
  // appears, a doc is deleted.
  const rename: number[] = [];
  for (let i = 0; i < 20; i++) {
    const doc = `/ws/docs/s${(i * 19) % SYSTEMS}/entity-${i * 19}.md`;
    const t = performance.now();
    catalog.updateFile(doc, files.get(doc)!.replace(/^id: (.*)$/m, `id: $1-renamed-${i}`));
    void catalog.graph;
    catalog.diagnostics(doc);
    rename.push(performance.now() - t);
  }
  const add: number[] = [];
  for (let i = 0; i < 20; i++) {
    const doc = `/ws/docs/new/entity-${i}.md`;
    const t = performance.now();
    catalog.updateFile(doc, `---\nid: new-svc-${i}\nkind: component\nsystem: sys-${i}\ndependsOn: [svc-${i * 8}, resource:db-${i}]\n---\n# New ${i}\n`);
    void catalog.graph;
    catalog.diagnostics(doc);
    add.push(performance.now() - t);
  }
  const remove: number[] = [];
  for (let i = 0; i < 20; i++) {
    const doc = `/ws/docs/s${(i * 23 + 5) % SYSTEMS}/entity-${i * 23 + 5}.md`;
    const t = performance.now();
    catalog.removeFile(doc);
    void catalog.graph;
    catalog.allDiagnostics();
    remove.push(performance.now() - t);
  }

  const view: number[] = [];
  for (let i = 0; i < 20; i++) {
    const t = performance.now();
    toMermaid(buildView(catalog, i % 2 ? {} : { focus: `component:svc-${i * 8}`, depth: 2 }), { layout: 'dagre' });
    view.push(performance.now() - t);
  }

  const result = {
    entities: catalog.entities.size,
    relations: catalog.relations.length,
    coldMs: median(cold),
    bareYamlParseMs: median(bare),
    docChangeMs: median(docChange),
    configChangeMs: median(configChange),
    worstChangeMs: Math.max(...docChange, ...configChange),
    reshapeMs: median(reshape),
    renameMs: median(rename),
    worstRenameMs: Math.max(...rename),
    addMs: median(add),
    removeMs: median(remove),
    viewMs: median(view),
  };
  log(`catalog index: ${DOCS} docs + ${CONFIGS} configs → ${result.entities} entities, ${result.relations} relations`);
  log(`  cold index (parse + assemble + diagnostics), median of 5: ${result.coldMs.toFixed(1)} ms (target < 1000); bare yaml parse of the same files: ${result.bareYamlParseMs.toFixed(1)} ms`);
  log(`  one changed doc (text, title), median of 40: ${result.docChangeMs.toFixed(2)} ms; one changed config: ${result.configChangeMs.toFixed(2)} ms (target < 20); worst: ${result.worstChangeMs.toFixed(2)} ms`);
  log(`  one changed doc that adds a dependency, median of 20: ${result.reshapeMs.toFixed(2)} ms (target < 20)`);
  log(`  one doc that renames its entity, median of 20: ${result.renameMs.toFixed(2)} ms, worst ${result.worstRenameMs.toFixed(2)} ms; one new doc: ${result.addMs.toFixed(2)} ms; one deleted doc (+ all diagnostics): ${result.removeMs.toFixed(2)} ms (target < 20)`);
  log(`  view + mermaid text (neighbourhood / collapsed whole graph), median of 20: ${result.viewMs.toFixed(2)} ms`);
  return result;
}

if (require.main === module) runCatalogBench();
