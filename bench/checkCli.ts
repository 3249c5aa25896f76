// `cache-warden check` on 500 cache configs, the way CI runs it: `node dist/cli.js check <dir>` in a
// fresh process (Node start-up, bundle load, schema compile, parse, rules, report). Target: < 5 s.
// Reference in the same run: the `yaml` package's parseAllDocuments on the same files in a fresh
// Node process (what a checker built on the plain library pays for parsing alone). Medians.
// Run: `npm run bench -- cli`, or `npm run build && npm run compile-tests && node out/bench/checkCli.js`.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { ms, ratio, summarize, table, type Benchmark, type Timing } from './harness';

const CONFIGS = 500;
const RUNS = 5;
const REPO_ROOT = path.resolve(__dirname, '..', '..');
const CLI = path.join(REPO_ROOT, 'dist', 'cli.js');

/** One realistic cache config: two caches on a backend shared by ten files; every 7th has problems. */
export function benchConfig(i: number): string {
  const flawed = i % 7 === 0;
  const backend = `redis-${Math.floor(i / 10)}`;
  const cache = (name: string, criticality: string) => [
    `    - name: ${name}`,
    `      backend: ${backend}`,
    `      criticality: ${criticality}`,
    '      fronts:',
    '        kind: sql',
    `        name: db-${i % 50}`,
    '        params: [tenant_id, item_id]',
    '        variesBy: [tenant]',
    '        lookupBy: internal',
    '        p99LoadTime: 80ms',
    '        loadTimeout: 500ms',
    '        maxConcurrentLoads: 16',
    '      key:',
    `        template: "svc${i}:${name}:v{version}:{tenant_id}:{item_id}"`,
    '        version: 2',
    '        scope: shared',
    '      ttl:',
    flawed ? '        value: 0' : '        value: 10m',
    '        jitter: 10%',
    '      stale: { whileRevalidate: 30s, ifError: 10m }',
    '      stampede: { mode: coalesce, scope: fleet, lockTimeout: 1s }',
    '      negative: { enabled: true, ttl: 30s, onError: serve_stale }',
    '      capacity:',
    '        maxEntries: 200000',
    '        workingSet: { estimatedKeys: 100000, avgValueBytes: 1024 }',
    '      warmup: { strategy: preload, requiredBeforeTraffic: true }',
    '      invalidation:',
    '        triggers:',
    `          - { on: db_change, source: "cdc db-${i % 50}", scope: key, maxKeysPerEvent: 10, mode: delete }`,
  ];
  return [
    `# Cache layer of service ${i} (generated for the benchmark).`,
    'apiVersion: cache-warden/v1',
    'kind: CacheLayer',
    'metadata:',
    `  service: svc-${i}`,
    ...(flawed ? [] : [`  owner: team-${i % 25}`]),
    `  docs: docs/services/svc-${i}.md`,
    'spec:',
    '  backends:',
    `    - name: ${backend}`,
    '      type: redis',
    '      role: cache',
    '      maxMemory: 4Gi',
    '      containerMemoryLimit: 6Gi',
    flawed ? '      eviction: allkeys-lur' : '      eviction: allkeys-lru',
    '  caches:',
    ...cache('by-id', 'hot'),
    ...cache('listing', 'warm'),
    '',
  ].join('\n');
}

export function writeBenchWorkspace(dir: string, count = CONFIGS): void {
  for (let i = 0; i < count; i++) {
    const folder = path.join(dir, 'services', `svc-${i}`);
    fs.mkdirSync(folder, { recursive: true });
    fs.writeFileSync(path.join(folder, `svc-${i}.cache.yaml`), benchConfig(i));
  }
}

function timeProcess(args: string[], cwd: string): { ms: number; status: number | null; stdout: string } {
  const started = performance.now();
  const result = spawnSync(process.execPath, args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { ms: performance.now() - started, status: result.status, stdout: result.stdout };
}

export interface CheckCliResult {
  human: Timing;
  sarif: Timing;
  parseOnly: Timing;
  /** The human report's summary line (proves the run did the work). */
  summary: string;
  sarifResults: number;
}

export function measureCheckCli(): CheckCliResult {
  if (!fs.existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cw-bench-cli-'));
  try {
    writeBenchWorkspace(dir);
    const parseScript = path.join(dir, 'parse-only.js');
    fs.writeFileSync(parseScript, [
      `const { parseAllDocuments } = require(${JSON.stringify(require.resolve('yaml'))});`,
      "const fs = require('node:fs'); const path = require('node:path');",
      "const root = path.join(__dirname, 'services');",
      'for (const d of fs.readdirSync(root)) for (const f of fs.readdirSync(path.join(root, d))) parseAllDocuments(fs.readFileSync(path.join(root, d, f), "utf8"));',
    ].join('\n'));
    const human: number[] = [];
    const sarif: number[] = [];
    const parseOnly: number[] = [];
    let summary = '';
    let sarifResults = 0;
    for (let run = 0; run < RUNS; run++) {
      const h = timeProcess([CLI, 'check', 'services'], dir);
      if (h.status !== 1) throw new Error(`check exited ${h.status}, expected 1 (the generated set has errors)`);
      summary = h.stdout.trim().split('\n').pop() ?? '';
      human.push(h.ms);
      const s = timeProcess([CLI, 'check', 'services', '--format', 'sarif'], dir);
      sarifResults = s.status === 1 ? JSON.parse(s.stdout).runs[0].results.length : 0;
      if (sarifResults === 0) throw new Error('the SARIF run found nothing');
      sarif.push(s.ms);
      parseOnly.push(timeProcess([parseScript], dir).ms);
    }
    return { human: summarize(human), sarif: summarize(sarif), parseOnly: summarize(parseOnly), summary, sarifResults };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export const checkCliBenchmark: Benchmark = {
  id: 'cli',
  async run() {
    const r = measureCheckCli();
    const markdown = [
      `Workspace: ${CONFIGS} generated cache configs (bench/checkCli.ts: two caches each, ten files per shared backend, every 7th file with problems), ${RUNS} runs each, each a fresh \`node dist/cli.js\` process (start-up, bundle load, schema compile, parse, schema + rules, report).`,
      '',
      table(['run', 'median ms', 'min ms', 'target'], [
        [`\`cache-warden check services\` (human output)`, `**${ms(r.human.median)}**`, ms(r.human.min), '< 5000 ms'],
        ['`cache-warden check services --format sarif`', ms(r.sarif.median), ms(r.sarif.min), '< 5000 ms'],
        ['reference: `yaml` parseAllDocuments of the same files (fresh process)', ms(r.parseOnly.median), ms(r.parseOnly.min), '—'],
      ]),
      '',
      `The check takes ${ratio(r.human.median, r.parseOnly.median)} the time of parsing the same files with the \`yaml\` package alone. Output: \`${r.summary}\`; the SARIF log held ${r.sarifResults} results.`,
    ].join('\n');
    return { id: 'cli', title: `cache-warden check on ${CONFIGS} configs`, markdown };
  },
};

if (require.main === module) {
  void checkCliBenchmark.run({ root: REPO_ROOT, outDir: __dirname }).then((section) => process.stdout.write(`${section.markdown}\n`));
}
