import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import nodeFs from 'node:fs';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { CACHE_CONFIG_PATTERNS, discoverFiles, globMatcher } from '../../../src/cli/discoverFiles';
import { adapterGlobs } from '../../../src/core/formats/registry';
import { cleanup, runCli, tempDir, write } from './cliTestKit';
import { MANIFEST } from '../formats/contentFixtures';

let root: string;
before(() => {
  root = tempDir();
  for (const file of [
    'a.cache.yaml', 'svc/b.cache.yml', 'svc/deep/c.cache.json', 'svc/notes.yaml', 'svc/testdata/t.cache.yaml',
    'node_modules/pkg/x.cache.yaml', '.git/y.cache.yaml', 'flags/f.yaml', 'other/z.cache.yaml',
  ]) write(root, file, 'k: v\n');
});
after(() => cleanup(root));

const rel = (files: string[]) => files.map((f) => path.relative(root, f).split(path.sep).join('/'));
const discover = (inputs: string[], extra: { select?: string[]; exclude?: string[]; cwd?: string } = {}) =>
  discoverFiles({ cwd: extra.cwd ?? root, inputs, select: extra.select ?? CACHE_CONFIG_PATTERNS, exclude: extra.exclude ?? [], root });

test('no paths: the working folder is walked for cache configs, skipping node_modules and .git', () => {
  const found = discover([]);
  assert.deepEqual(rel(found.files), ['a.cache.yaml', 'other/z.cache.yaml', 'svc/b.cache.yml', 'svc/deep/c.cache.json', 'svc/testdata/t.cache.yaml']);
  assert.deepEqual(found.errors, []);
});

test('exclude globs (project file) and select globs (schema mappings) are relative to the root', () => {
  const found = discover(['.'], { select: [...CACHE_CONFIG_PATTERNS, 'flags/*.yaml'], exclude: ['**/testdata/**', 'other/**'] });
  assert.deepEqual(rel(found.files), ['a.cache.yaml', 'flags/f.yaml', 'svc/b.cache.yml', 'svc/deep/c.cache.json']);
});

test('a folder given as a path is walked; matching stays relative to the project root', () => {
  const found = discover(['svc'], { exclude: ['svc/testdata/**'] });
  assert.deepEqual(rel(found.files), ['svc/b.cache.yml', 'svc/deep/c.cache.json']);
});

test('globs pick what they match, relative to the working folder', () => {
  assert.deepEqual(rel(discover(['svc/**/*.cache.*']).files), ['svc/b.cache.yml', 'svc/deep/c.cache.json', 'svc/testdata/t.cache.yaml']);
  assert.deepEqual(rel(discover(['*.cache.yaml']).files), ['a.cache.yaml']);
  assert.deepEqual(rel(discover(['**/*.yaml'], { cwd: path.join(root, 'svc') }).files), ['svc/notes.yaml', 'svc/testdata/t.cache.yaml']);
});

test('a glob starting with ! excludes', () => {
  assert.deepEqual(rel(discover(['.', '!**/testdata/**', '!other/**']).files), ['a.cache.yaml', 'svc/b.cache.yml', 'svc/deep/c.cache.json']);
});

test('a file named explicitly is checked whatever its name, once', () => {
  assert.deepEqual(rel(discover(['svc/notes.yaml', 'a.cache.yaml', './a.cache.yaml']).files), ['a.cache.yaml', 'svc/notes.yaml']);
});

test('a missing path and a glob that matches nothing are errors', () => {
  const found = discover(['nope/', 'svc/**/*.toml', 'a.cache.yaml']);
  assert.deepEqual(found.errors, ['path not found: nope/', 'no files match the pattern: svc/**/*.toml']);
  assert.deepEqual(rel(found.files), ['a.cache.yaml']);
});

test('a broken symlink is kept (reading it reports why), a linked folder is not followed', () => {
  const dir = tempDir();
  try {
    write(dir, 'real/r.cache.yaml', 'k: v\n');
    fs.symlinkSync(path.join(dir, 'missing.cache.yaml'), path.join(dir, 'broken.cache.yaml'));
    fs.symlinkSync(path.join(dir, 'real'), path.join(dir, 'loop'));
    const found = discoverFiles({ cwd: dir, inputs: [], select: CACHE_CONFIG_PATTERNS, exclude: [], root: dir });
    assert.deepEqual(found.files.map((f) => path.relative(dir, f)), ['broken.cache.yaml', path.join('real', 'r.cache.yaml')]);
  } finally {
    cleanup(dir);
  }
});

test('project globs without a slash match the file name in any folder', () => {
  const matches = globMatcher(['*.flags.yaml', 'config/*.yaml']);
  assert.equal(matches('deep/dir/x.flags.yaml'), true);
  assert.equal(matches('config/a.yaml'), true);
  assert.equal(matches('other/config/a.yaml'), false);
});

// ── Formats recognised by content (contentRecognisers.ts) ───────────────────────────────────────


const HELM_TEMPLATE = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ include "cache.fullname" . }}\nspec:\n  template:\n    spec:\n      containers:\n        - name: redis\n          image: redis:7.2\n          args: ["--maxmemory", "{{ .Values.maxmemory }}"]\n';
const NOT_COMPOSE = 'services:\n  billing:\n    url: https://billing.internal\n    timeout: 5s\n';
const STACK = 'services:\n  redis:\n    image: redis:7.2\n    command: ["redis-server", "--maxmemory", "768mb", "--maxmemory-policy", "volatile-lru"]\n    mem_limit: 1g\n';
const ELASTICACHE = 'Description: the shop cache\nResources:\n  Params:\n    Type: AWS::ElastiCache::ParameterGroup\n    Properties:\n      CacheParameterGroupFamily: redis7\n      Description: params\n      Properties:\n        maxmemory-policy: volatile-lru\n';

function contentProject(): string {
  const dir = tempDir();
  write(dir, 'infra/redis.yaml', MANIFEST);
  write(dir, 'charts/cache/templates/deployment.yaml', HELM_TEMPLATE);
  write(dir, 'config/app.yaml', NOT_COMPOSE);
  write(dir, 'vendor/acme/redis.yaml', MANIFEST);
  write(dir, 'ops/stack.yml', STACK);
  write(dir, 'aws/elasticache.yaml', ELASTICACHE);
  write(dir, 'src/main/java/App.java', 'class App {}\n');
  return dir;
}

const CW008 = {
  code: 'CW008', severity: 'warning', range: { start: { line: 8, column: 15 }, end: { line: 8, column: 20 } },
  message: '`maxmemory` 900Mi is 87.89% of `resources.limits.memory` 1Gi: replication buffers, fragmentation and forks need the rest, so the container is OOM-killed before eviction starts. Keep it at or below 768Mi (75%).',
};
const CW007 = {
  code: 'CW007', severity: 'error', range: { start: { line: 13, column: 9 }, end: { line: 13, column: 14 } },
  message: 'Backend `redis` (redis) sets no `maxmemory-policy`: Redis then uses noeviction, so once its 900Mi is full every write fails and reads fall through to the data sources.',
};

interface Report { files: { path: string; diagnostics: { code: string; severity: string; message: string; range: unknown }[] }[] }

test('check: a manifest at infra/redis.yaml, a template called elasticache.yaml and a stack.yml are checked by content; findings at their lines', async () => {
  const dir = contentProject();
  try {
    const { code, stdout } = await runCli(['check', '--format', 'json'], dir);
    assert.equal(code, 1);
    const report = JSON.parse(stdout) as Report;
    // Not the Helm template, the services: YAML that is no compose file, the vendored manifest, the Java source.
    assert.deepEqual(report.files.map((f) => f.path), ['aws/elasticache.yaml', 'infra/redis.yaml', 'ops/stack.yml']);
    const manifest = report.files.find((f) => f.path === 'infra/redis.yaml')!;
    assert.deepEqual(manifest.diagnostics.map(({ code: c, severity, range, message }) => ({ code: c, severity, range, message })), [CW008, CW007]);

    const human = await runCli(['check'], dir);
    assert.match(human.stdout, /^infra\/redis\.yaml\n {2}8:15 {2}warning {2}`maxmemory` 900Mi is 87\.89%/m);
    assert.match(human.stdout, /^ {2}13:9 {2}error {4}Backend `redis` \(redis\) sets no `maxmemory-policy`/m);
    assert.match(human.stdout, /in 1 of 3 files checked\n$/);
  } finally {
    cleanup(dir);
  }
});

test('check: the project file\'s exclude keeps a manifest out; a manifest named on the command line or in a walked folder is read', async () => {
  const dir = contentProject();
  try {
    write(dir, '.cachewarden.yaml', 'exclude: ["infra/**", "**/node_modules/**"]\n');
    const excluded = JSON.parse((await runCli(['check', '--format', 'json'], dir)).stdout) as Report;
    assert.deepEqual(excluded.files.map((f) => f.path), ['.cachewarden.yaml', 'aws/elasticache.yaml', 'ops/stack.yml']);
    fs.rmSync(path.join(dir, '.cachewarden.yaml'));
    for (const inputs of [['infra/redis.yaml'], ['infra'], ['charts', 'infra']]) {
      const report = JSON.parse((await runCli(['check', '--format', 'json', ...inputs], dir)).stdout) as Report;
      assert.deepEqual(report.files.map((f) => [f.path, f.diagnostics.map((d) => d.code)]), [['infra/redis.yaml', ['CW008', 'CW007']]], inputs.join(' '));
    }
  } finally {
    cleanup(dir);
  }
});

test('discovery walks for what content recognition looks at; check of folders reads each candidate\'s head once, then only the files it checks', async () => {
  const dir = contentProject();
  const opened = new Map<string, number>();
  // The module itself (the namespace import only has getters): every `fs.openSync` of the CLI goes through it.
  const openSync = nodeFs.openSync;
  try {
    const walked = discoverFiles({ cwd: dir, inputs: [], select: [...CACHE_CONFIG_PATTERNS, ...adapterGlobs()], exclude: ['**/node_modules/**'], root: dir });
    assert.deepEqual(walked.files.map((f) => path.relative(dir, f).split(path.sep).join('/')), [
      'aws/elasticache.yaml', 'charts/cache/templates/deployment.yaml', 'config/app.yaml', 'infra/redis.yaml', 'ops/stack.yml', 'vendor/acme/redis.yaml',
    ]);
    nodeFs.openSync = ((file: fs.PathLike, ...rest: unknown[]) => {
      const rel = path.relative(dir, String(file)).split(path.sep).join('/');
      if (!rel.startsWith('..')) opened.set(rel, (opened.get(rel) ?? 0) + 1);
      return (openSync as (...args: unknown[]) => number)(file, ...rest);
    }) as typeof fs.openSync;
    const { code, stdout } = await runCli(['check', 'aws', 'charts', 'config', 'infra', 'ops', 'src', 'vendor'], dir);
    assert.equal(code, 1);
    assert.match(stdout, /in 1 of 3 files checked\n$/);
  } finally {
    nodeFs.openSync = openSync;
    cleanup(dir);
  }
  assert.deepEqual(Object.fromEntries([...opened].sort()), {
    // The head (the sniff), then the whole file (the check).
    'aws/elasticache.yaml': 2, 'infra/redis.yaml': 2, 'ops/stack.yml': 2,
    // The head only; vendored files and the Java source are not opened.
    'charts/cache/templates/deployment.yaml': 1, 'config/app.yaml': 1,
  });
});

test('graph: files recognised by content are drawn too, from the same recognisers (not the Helm template or the vendored copy)', async () => {
  const dir = contentProject();
  try {
    const { code, stdout } = await runCli(['graph', '--format', 'json'], dir);
    assert.equal(code, 0);
    const graph = JSON.parse(stdout) as { entities: { ref: string; sources: { file: string }[] }[] };
    assert.deepEqual(graph.entities.map((e) => `${e.ref} ${e.sources.map((s) => s.file).sort().join(' ')}`), ['resource:params aws/elasticache.yaml', 'resource:redis infra/redis.yaml ops/stack.yml']);
  } finally {
    cleanup(dir);
  }
});

test('check of the whole project decides each file once: what the scan read (by path or by its first bytes) is not opened again to decide it', async () => {
  const dir = contentProject();
  const opened = new Map<string, number>();
  const openSync = nodeFs.openSync;
  try {
    nodeFs.openSync = ((file: fs.PathLike, ...rest: unknown[]) => {
      const rel = path.relative(dir, String(file)).split(path.sep).join('/');
      if (!rel.startsWith('..')) opened.set(rel, (opened.get(rel) ?? 0) + 1);
      return (openSync as (...args: unknown[]) => number)(file, ...rest);
    }) as typeof fs.openSync;
    const { code, stdout } = await runCli(['check'], dir);
    assert.equal(code, 1);
    assert.match(stdout, /in 1 of 3 files checked\n$/);
  } finally {
    nodeFs.openSync = openSync;
    cleanup(dir);
  }
  assert.deepEqual(Object.fromEntries([...opened].sort()), {
    // Read whole by the scan's sniff (they fit in its 4 KB), then never again.
    'aws/elasticache.yaml': 1, 'infra/redis.yaml': 1, 'ops/stack.yml': 1,
    // The head only, once.
    'charts/cache/templates/deployment.yaml': 1, 'config/app.yaml': 1, 'vendor/acme/redis.yaml': 1,
  });
});
