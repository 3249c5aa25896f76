// Language server start-up on a generated workspace of 500 cache configs and 2,000 docs: from
// spawning `node bin/cache-warden.js lsp --stdio` through `initialize` and `initialized` to the
// answer of `cacheWarden/ready` (first scan done, catalog built, every closed file's diagnostics
// published). Also checks the work done (`cacheWarden/stats`: one parse per file) and counts the
// publishDiagnostics notifications. Reference in the same run: the same server on an empty folder
// (process start, bundle load, handshake). Medians over fresh processes.
// Run: `npm run bench -- startup`.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { loadNote, ms, summarize, table, type Benchmark, type BenchContext, type Timing } from './harness';
import { clientCapabilities, spawnCacheWarden } from './lspClient';
import type { ModelStats } from '../src/server/protocol';

const RUNS = 5;
const WARMUP = 1;
export const STARTUP_CONFIGS = 500;
export const STARTUP_DOCS = 2000;

const DOMAINS = [
  'orders', 'catalog', 'inventory', 'payments', 'search', 'pricing', 'shipping', 'accounts', 'reviews', 'cart',
  'checkout', 'recommendations', 'notifications', 'loyalty', 'returns', 'invoices', 'media', 'profiles', 'sessions', 'promotions',
  'fulfilment', 'tax', 'fraud', 'ledger', 'wishlist', 'analytics', 'identity', 'content', 'stores', 'suppliers',
  'gift-cards', 'subscriptions', 'warehouse', 'carriers', 'quotes', 'bundles', 'ratings', 'coupons', 'referrals', 'audit',
];
const ROLES = ['service', 'worker', 'indexer', 'reader', 'writer', 'sync', 'scheduler', 'feed', 'exporter', 'gateway', 'projector', 'enricher', 'resolver', 'auditor', 'planner', 'router', 'ingest', 'cleaner', 'mailer', 'reporter', 'matcher', 'tracker', 'scorer', 'archiver', 'loader'];
const TEAMS = ['web', 'orders', 'catalog', 'payments', 'platform', 'search', 'growth', 'logistics', 'identity', 'data', 'finance', 'care'];
const LANGS = ['kotlin', 'go', 'java', 'typescript', 'python', 'rust'];
const SYSTEMS = DOMAINS.length;

// The split of the 2,000 docs (sums to STARTUP_DOCS).
const SERVICES = 1000;
const DATABASES = 300;
const CACHES = 300;
const APIS = 200;
const PLAIN = STARTUP_DOCS - SYSTEMS - SERVICES - DATABASES - CACHES - APIS; // runbooks and postmortems, no front matter

const serviceName = (i: number) => `${DOMAINS[i % SYSTEMS]}-${ROLES[Math.floor(i / SYSTEMS) % ROLES.length]}${i >= SYSTEMS * ROLES.length ? `-${Math.floor(i / (SYSTEMS * ROLES.length)) + 1}` : ''}`;
const systemOf = (i: number) => DOMAINS[i % SYSTEMS];
const databaseName = (d: number) => `${serviceName(d * 3)}-db`;
const cacheName = (c: number) => `${serviceName(c)}-redis`;
const apiName = (a: number) => `${serviceName(a * 5)}-api`;
const team = (i: number) => `team-${TEAMS[i % TEAMS.length]}`;
const serviceDocPath = (i: number) => `docs/services/${systemOf(i)}/${serviceName(i)}.md`;
const configPath = (i: number) => `services/${systemOf(i)}/${serviceName(i)}/${serviceName(i)}.cache.yaml`;

function frontMatter(fields: (string | false)[], title: string, body: string[]): string {
  return ['---', ...fields.filter((f): f is string => f !== false), '---', `# ${title}`, '', ...body, ''].join('\n');
}

function systemDoc(s: number): string {
  return frontMatter([
    `id: ${DOMAINS[s]}`, 'kind: system', 'type: product', `title: ${DOMAINS[s]} platform`,
    `description: Everything behind ${DOMAINS[s]}: its services, data stores and APIs.`, `owner: ${team(s)}`, 'lifecycle: production', 'tags: [generated]',
  ], `${DOMAINS[s]} platform`, [`The ${DOMAINS[s]} platform groups the services below it in the catalog.`]);
}

function serviceDoc(i: number): string {
  const db = Math.floor(i / 3) % DATABASES;
  const deps = [
    `  - { ref: resource:${databaseName(db)}, description: "system of record", technology: SQL }`,
    ...(i < CACHES ? [`  - { ref: resource:${cacheName(i)}, description: "read-through cache", technology: RESP }`] : []),
    // Calls to two other services, a chain per system (no cycles: always to a higher index).
    ...[i + SYSTEMS, i + 7 * SYSTEMS].filter((j) => j < SERVICES).map((j) => `  - component:${serviceName(j)}`),
    // Every 97th refers to a service nobody documents (a broken ref the catalog reports).
    ...(i % 97 === 0 ? [`  - component:legacy-${serviceName(i)}`] : []),
  ];
  return frontMatter([
    `id: ${serviceName(i)}`, 'kind: component', 'type: service', `title: ${serviceName(i).replace(/-/g, ' ')}`,
    `description: Serves ${DOMAINS[i % SYSTEMS]} data to the storefront (${ROLES[Math.floor(i / SYSTEMS) % ROLES.length]}).`,
    `system: ${systemOf(i)}`, `owner: ${team(i)}`, `lifecycle: ${i % 11 === 0 ? 'experimental' : 'production'}`,
    'dependsOn:', ...deps,
    i % 5 === 0 && i / 5 < APIS ? `providesApis: [${apiName(i / 5)}]` : false,
    i % 4 === 1 ? `consumesApis: [${apiName((i * 7) % APIS)}]` : false,
    i < STARTUP_CONFIGS ? `source: ${'../'.repeat(3)}${configPath(i)}` : false,
    `tags: [${LANGS[i % LANGS.length]}, tier-${1 + (i % 3)}]`,
    i % 3 === 0 ? `links:\n  - { url: "https://grafana.example.com/d/${serviceName(i)}", title: Dashboard }` : false,
  ], serviceName(i), [
    `Owns the ${DOMAINS[i % SYSTEMS]} ${ROLES[Math.floor(i / SYSTEMS) % ROLES.length]} path: reads from \`${databaseName(db)}\`${i < CACHES ? ` through \`${cacheName(i)}\`` : ''}.`,
    '',
    '## On-call notes',
    '',
    `- Latency up: check the hit ratio of the caches in \`${i < STARTUP_CONFIGS ? configPath(i) : 'the service'}\` first.`,
    '- Errors from dependencies: see the dependency diagram.',
  ]);
}

function databaseDoc(d: number): string {
  return frontMatter([
    `id: ${databaseName(d)}`, 'kind: resource', 'type: database', `title: ${databaseName(d)}`, `description: PostgreSQL cluster of ${serviceName(d * 3)}.`,
    `system: ${systemOf(d * 3)}`, `owner: ${team(d * 3)}`, 'lifecycle: production', 'tags: [postgres]',
  ], databaseName(d), ['PostgreSQL 16 with one synchronous replica.']);
}

function cacheDoc(c: number): string {
  return frontMatter([
    `id: ${cacheName(c)}`, 'kind: resource', 'type: cache', `title: ${cacheName(c)}`, `description: Redis 7 in front of ${databaseName(Math.floor(c / 3) % DATABASES)}.`,
    `system: ${systemOf(c)}`, `owner: ${team(c)}`, 'lifecycle: production',
    'dependsOn:', `  - { ref: resource:${databaseName(Math.floor(c / 3) % DATABASES)}, description: "filled on miss" }`,
    c < STARTUP_CONFIGS ? `source: ${'../'.repeat(3)}${configPath(c)}` : false, 'tags: [redis]',
  ], cacheName(c), [`Holds the caches of \`${serviceName(c)}\`.`]);
}

function apiDoc(a: number): string {
  return frontMatter([
    `id: ${apiName(a)}`, 'kind: api', 'type: openapi', `title: ${apiName(a)}`, `description: HTTP API of ${serviceName(a * 5)}.`,
    `system: ${systemOf(a * 5)}`, `owner: ${team(a * 5)}`, 'lifecycle: production', 'tags: [rest]',
  ], apiName(a), [`Provided by \`${serviceName(a * 5)}\`.`]);
}

function plainDoc(p: number): string {
  return [`# Runbook ${p}: ${serviceName(p)}`, '', `Applies to \`${serviceName(p)}\` and \`${databaseName(Math.floor(p / 3) % DATABASES)}\`.`, '', '- Hit ratio below 90%: check for a deploy that bumped `key.version`.', ''].join('\n');
}

/** One cache config of service i, like examples/services/**: 1–3 caches; every 7th has problems. */
function configOf(i: number): string {
  const flawed = i % 7 === 0;
  const name = serviceName(i);
  const redis = i < CACHES ? cacheName(i) : `${name}-local-redis`;
  const caches = 1 + (i % 3);
  const db = databaseName(Math.floor(i / 3) % DATABASES);
  const cache = (c: number) => [
    `    - name: ${['by-id', 'listing', 'summary'][c]}`,
    `      backend: ${c === 2 ? `${name}-local` : redis}`,
    '      enabled: true',
    `      criticality: ${['hot', 'warm', 'cold'][(i + c) % 3]}`,
    '      fronts:',
    `        kind: ${c === 1 && i % 4 === 1 ? 'http' : 'sql'}`,
    `        name: ${c === 1 && i % 4 === 1 ? apiName((i * 7) % APIS) : db}`,
    `        query: "SELECT * FROM ${DOMAINS[i % SYSTEMS].replace(/-/g, '_')}_${c} WHERE tenant_id = :tenant_id AND id = :id"`,
    '        params: [tenant_id, id]',
    '        variesBy: [tenant]',
    `        lookupBy: ${c % 2 ? 'internal' : 'external'}`,
    `        expectedQps: ${100 + ((i * 37 + c) % 2000)}`,
    '        p99LoadTime: 80ms',
    '        loadTimeout: 500ms',
    '        maxConcurrentLoads: 16',
    '      key:',
    `        template: "${name}:v{version}:${c}:{tenant_id}:{id}"`,
    '        version: 2',
    '        scope: shared',
    '      ttl:',
    flawed && c === 0 ? '        value: 0' : `        value: ${5 + (i % 50)}m`,
    '        jitter: 10%',
    '      stale: { whileRevalidate: 30s, ifError: 10m }',
    '      stampede: { mode: coalesce, scope: fleet, lockTimeout: 1s }',
    '      negative: { enabled: true, ttl: 30s, onError: serve_stale }',
    '      capacity:',
    `        maxEntries: ${100000 * (1 + (i % 5))}`,
    '        workingSet: { estimatedKeys: 50000, avgValueBytes: 1024 }',
    '      warmup: { strategy: preload, requiredBeforeTraffic: true }',
    '      invalidation:',
    '        triggers:',
    `          - { on: db_change, source: "CDC ${db}", scope: key, maxKeysPerEvent: 1, mode: delete }`,
    `      owner: ${team(i)}`,
    `      docs: ${serviceDocPath(i)}`,
    '',
  ];
  return [
    `# Cache layer of ${name} (generated for the start-up benchmark).`,
    'apiVersion: cache-warden/v1',
    'kind: CacheLayer',
    'metadata:',
    `  service: ${name}`,
    ...(flawed ? [] : [`  owner: ${team(i)}`]),
    `  docs: ${serviceDocPath(i)}`,
    'spec:',
    '  backends:',
    `    - name: ${redis}`,
    '      type: redis',
    '      role: cache',
    '      maxMemory: 4Gi',
    '      containerMemoryLimit: 6Gi',
    flawed ? '      eviction: allkeys-lur' : '      eviction: allkeys-lru',
    ...(caches === 3 ? [`    - name: ${name}-local`, '      type: in-process', '      role: cache'] : []),
    '',
    '  caches:',
    ...Array.from({ length: caches }, (_, c) => cache(c)).flat(),
  ].join('\n');
}

/** The generated workspace: relative path → text. */
export function startupWorkspace(): Map<string, string> {
  const files = new Map<string, string>();
  for (let s = 0; s < SYSTEMS; s++) files.set(`docs/systems/${DOMAINS[s]}.md`, systemDoc(s));
  for (let i = 0; i < SERVICES; i++) files.set(serviceDocPath(i), serviceDoc(i));
  for (let d = 0; d < DATABASES; d++) files.set(`docs/resources/databases/${databaseName(d)}.md`, databaseDoc(d));
  for (let c = 0; c < CACHES; c++) files.set(`docs/resources/caches/${cacheName(c)}.md`, cacheDoc(c));
  for (let a = 0; a < APIS; a++) files.set(`docs/apis/${apiName(a)}.md`, apiDoc(a));
  for (let p = 0; p < PLAIN; p++) files.set(`docs/${p % 4 === 3 ? 'postmortems' : 'runbooks'}/${serviceName(p)}-${p}.md`, plainDoc(p));
  for (let i = 0; i < STARTUP_CONFIGS; i++) files.set(configPath(i), configOf(i));
  return files;
}

export function writeStartupWorkspace(root: string): { docs: number; configs: number } {
  rmSync(root, { recursive: true, force: true });
  let docs = 0;
  let configs = 0;
  for (const [relative, text] of startupWorkspace()) {
    const file = join(root, relative);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
    if (relative.endsWith('.md')) docs++;
    else configs++;
  }
  if (docs !== STARTUP_DOCS || configs !== STARTUP_CONFIGS) throw new Error(`generated ${docs} docs and ${configs} configs`);
  return { docs, configs };
}

export interface StartupRun {
  /** spawn → initialize answered. */
  initializeMs: number;
  /** spawn → cacheWarden/ready answered. */
  readyMs: number;
  publishes: number;
  /** Files published at least once. */
  uris: number;
  /** Files published more than once before `ready`. */
  urisRepublished: number;
  /** Files published with problems, then with none (problems that only existed mid-scan). */
  transient: number;
  /** Publishes sent before the server's scan was done (before its "Indexed …" log line). */
  publishesDuringScan: number;
  urisWithProblems: number;
  diagnostics: number;
  stats: ModelStats;
  indexedLog: string;
}

export async function startOnce(context: BenchContext, folder: string): Promise<StartupRun> {
  const folderUri = pathToFileURL(folder).href;
  const started = performance.now();
  const client = spawnCacheWarden(context.root);
  const published = new Map<string, number[]>();
  let publishes = 0;
  let publishesDuringScan = 0;
  let scanned = false;
  client.onNotification((n) => {
    if (n.method === 'window/logMessage' && String(n.params?.message).startsWith('Indexed')) scanned = true;
    if (n.method !== 'textDocument/publishDiagnostics') return;
    publishes++;
    if (!scanned) publishesDuringScan++;
    published.set(n.params.uri, [...(published.get(n.params.uri) ?? []), n.params.diagnostics.length]);
  });
  try {
    await client.request('initialize', {
      processId: process.pid,
      clientInfo: { name: 'cache-warden-bench' },
      rootUri: folderUri,
      workspaceFolders: [{ uri: folderUri, name: 'startup' }],
      capabilities: clientCapabilities(),
    });
    const initializeMs = performance.now() - started;
    client.notify('initialized', {});
    await client.request('cacheWarden/ready');
    const readyMs = performance.now() - started;
    const publishesAtReady = publishes;
    const lists = [...published.values()];
    const stats = await client.request<ModelStats>('cacheWarden/stats');
    return {
      initializeMs,
      readyMs,
      publishes: publishesAtReady,
      uris: lists.length,
      urisRepublished: lists.filter((l) => l.length > 1).length,
      transient: lists.filter((l) => l[l.length - 1] === 0 && l.some((n) => n > 0)).length,
      publishesDuringScan,
      urisWithProblems: lists.filter((l) => l[l.length - 1] > 0).length,
      diagnostics: lists.reduce((sum, l) => sum + l[l.length - 1], 0),
      stats,
      indexedLog: client.logs.find((line) => line.startsWith('Indexed')) ?? '',
    };
  } finally {
    await client.stop();
  }
}

export interface StartupResult {
  files: { docs: number; configs: number };
  ready: Timing;
  initialize: Timing;
  empty: Timing;
  last: StartupRun;
  parsesEqualFiles: boolean;
  load: string;
}

export async function measureStartup(context: BenchContext): Promise<StartupResult> {
  // Outside the repository: an editor or `cache-warden check` opened on it must not find 2,500 files.
  const base = mkdtempSync(join(tmpdir(), 'cw-bench-startup-'));
  const folder = join(base, 'workspace');
  const empty = join(base, 'empty');
  const load = loadNote();
  const ready: number[] = [];
  const initialize: number[] = [];
  const emptyReady: number[] = [];
  let last: StartupRun | undefined;
  let files: { docs: number; configs: number };
  try {
    files = writeStartupWorkspace(folder);
    mkdirSync(empty, { recursive: true });
    for (let run = 0; run < WARMUP + RUNS; run++) {
      const r = await startOnce(context, folder);
      const e = await startOnce(context, empty);
      if (run < WARMUP) continue;
      ready.push(r.readyMs);
      initialize.push(r.initializeMs);
      emptyReady.push(e.readyMs);
      last = r;
    }
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
  const total = files.docs + files.configs;
  return {
    files,
    ready: summarize(ready),
    initialize: summarize(initialize),
    empty: summarize(emptyReady),
    last: last!,
    parsesEqualFiles: last!.stats.parses === total && last!.stats.files === total,
    load,
  };
}

export const startupBenchmark: Benchmark = {
  id: 'startup',
  async run(context) {
    const r = await measureStartup(context);
    const s = r.last.stats;
    const total = r.files.docs + r.files.configs;
    const markdown = [
      `Workspace: ${r.files.configs} cache configs (\`services/<system>/<service>/<service>.cache.yaml\`, 1–3 caches each, every 7th with problems) and ${r.files.docs} Markdown docs (\`docs/**\`: ${SYSTEMS} systems, ${SERVICES} services, ${DATABASES} databases, ${CACHES} Redis caches and ${APIS} APIs with front matter as in examples/docs, ${PLAIN} runbooks without), names varied across ${SYSTEMS} systems, refs between docs, configs and docs (and a few broken ones), generated by bench/startup.bench.ts into a temporary folder. Each run is a fresh \`node bin/cache-warden.js lsp --stdio\` (what editors run; on ${os.availableParallelism()} cores${os.availableParallelism() <= 2 ? ', so it starts the server in a child process with `--v8-pool-size=1 --initial-old-space-size=128`, the extra process start included in every figure' : ''}) driven by bench/lspClient.ts (client capabilities of a typical editor: \`workspace/configuration\`, work-done progress, watched files), default settings.`,
      '',
      table(['start-up (fresh process each run)', 'median ms', 'min ms', 'target', 'verdict'], [
        ['spawn → `initialize` answered', ms(r.initialize.median), ms(r.initialize.min), '—', ''],
        [`**spawn → \`initialize\` → \`initialized\` → \`cacheWarden/ready\` answered** (${total} files scanned, catalog built, closed-file diagnostics published)`, `**${ms(r.ready.median)}**`, ms(r.ready.min), '≤ 1000 ms', r.ready.median <= 1000 ? 'met' : '**not met**'],
        ['reference: the same on an empty folder (process start, bundle load, handshake)', ms(r.empty.median), ms(r.empty.min), '—', ''],
      ]),
      '',
      table(['work done (last run)', 'value', 'expected / ideal'], [
        ['`cacheWarden/stats` parses', String(s.parses), `${total} (one per file) — ${r.parsesEqualFiles ? 'equal' : '**differs**'}`],
        ['`cacheWarden/stats` files / reads / analyses', `${s.files} / ${s.reads} / ${s.analyses}`, `${total} files`],
        ['catalog entities', String(s.entities), ''],
        ['publishDiagnostics notifications received before `ready` answered', `**${r.last.publishes}**`, `one per file with problems: ${r.last.urisWithProblems} (a file without problems is not published)`],
        ['— of which sent while the scan was still running', String(r.last.publishesDuringScan), '0'],
        ['— files published / published more than once', `${r.last.uris} / ${r.last.urisRepublished}`, `${r.last.urisWithProblems} / 0`],
        ['— files published with problems mid-scan, then with none (transient)', String(r.last.transient), '0'],
        ['files with problems at `ready` / their diagnostics', `${r.last.urisWithProblems} / ${r.last.diagnostics}`, ''],
      ]),
      '',
      `Medians of ${RUNS} runs after ${WARMUP} warmup run; the empty-folder reference runs right after each workspace run. Server log: \`${r.last.indexedLog}\`. ${r.load}`,
    ].join('\n');
    return { id: 'startup', title: `Language server start-up (${STARTUP_CONFIGS} configs + ${STARTUP_DOCS} docs)`, markdown };
  },
};

if (require.main === module) {
  const root = join(__dirname, '..', '..');
  void startupBenchmark.run({ root, outDir: __dirname }).then((section) => process.stdout.write(`${section.markdown}\n`));
}
