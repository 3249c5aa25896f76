// Helm values for the Bitnami Redis chart: redis.conf lines inside block scalars read with their
// exact file positions, the master's memory limit, and fixes that edit inside the block at its
// indentation (or add the block). Release naming has its own file (helmReleases.test.ts).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { afterFix, findings, hoverAt, workspaceWith } from './adapterHarness';

const ARCHITECTURE_DOC = '**architecture** (Bitnami Redis) — `standalone` (one master) or `replication` (a master plus `replica.replicaCount` read replicas).\n\nDefault: `replication`. Replicas follow the master\'s evictions (they do not evict on their own), so the master\'s `maxmemory` and `maxmemory-policy` decide how the cache behaves when full.';

export const NEVER_EXPIRES = (backend: string): string => `apiVersion: cache-warden/v1
kind: CacheLayer
metadata: { service: shop, owner: team-shop, docs: docs/shop.md }
spec:
  backends: []
  caches:
    - name: products
      backend: ${backend}
      ttl: { value: never }
`;

const HELMFILE = 'releases:\n  - name: cache\n    chart: bitnami/redis\n    values:\n      - redis/values.yaml\n';

const VALUES = `architecture: standalone
master:
  resources:
    limits:
      memory: 512Mi
  configuration: |-
      maxmemory 450mb
      maxmemory-policy volatile-lru
  disableCommands:
    - FLUSHALL
`;

test('maxmemory-policy volatile-lru inside master.configuration |- (indented 6): CW007 at the exact word, linked to a cache on cache-redis-master; the fix edits inside the block', async () => {
  const ws = await workspaceWith({ 'helmfile.yaml': HELMFILE, 'redis/values.yaml': VALUES, 'shop.cache.yaml': NEVER_EXPIRES('cache-redis-master') });
  const file = ws.file('redis/values.yaml');
  assert.deepEqual(findings(ws.model, file), [
    'CW008 7:17-7:22 `maxmemory` 450Mi is 87.89% of `master.resources.limits.memory` 512Mi: replication buffers, fragmentation and forks need the rest, so the container is OOM-killed before eviction starts. Keep it at or below 384Mi (75%).',
    'CW007 8:24-8:36 Backend `cache-redis` evicts with volatile-lru, which only evicts keys that have a TTL, but `products` writes keys without one (ttl never), declared in shop.cache.yaml: those keys pile up until writes fail like noeviction.',
  ]);
  assert.deepEqual(afterFix(ws.model, file, 'CW007'), { title: 'Set `maxmemory-policy allkeys-lru`', text: VALUES.replace('volatile-lru', 'allkeys-lru') });
  assert.deepEqual(afterFix(ws.model, file, 'CW008'), { title: 'Set `maxmemory 384Mi`', text: VALUES.replace('450mb', '384mb') });
  // The cache's end names the values file.
  assert.ok(findings(ws.model, ws.file('shop.cache.yaml')).includes('CW007 9:21-9:26 Cache `products` never expires (`ttl.value: never`) but its backend `cache-redis` (declared in redis/values.yaml) evicts with volatile-lru, which only evicts keys that have a TTL: these keys are never evicted and fill the backend until writes fail for every cache on it.'));
  const related = ws.model.analysis(file)!.diagnostics.find((d) => d.code === 'CW007')!.related;
  assert.deepEqual(related?.map((r) => [r.uri, r.range.start.line]), [[ws.file('shop.cache.yaml'), 8]]);
});

test('nothing about memory written: Redis defaults reported at `master:` (where the block goes, not the first key), saying where to add the line; fixes add `configuration: |` under master at its indentation', async () => {
  const values = '# cache for the shop\narchitecture: standalone\nmaster:\n    persistence:\n        enabled: false\n    resources:\n        limits:\n            memory: 1Gi\n';
  const ws = await workspaceWith({ 'helmfile.yaml': HELMFILE, 'redis/values.yaml': values });
  const file = ws.file('redis/values.yaml');
  assert.deepEqual(findings(ws.model, file), [
    'CW007 3:1-3:7 Backend `cache-redis` (redis) sets no `maxmemory-policy`: Redis then uses noeviction, so once its memory is full every write fails and reads fall through to the data sources. Add a `maxmemory-policy allkeys-lru` line to a `configuration: |` block under `master:`.',
    'CW008 3:1-3:7 Backend `cache-redis` (redis) has no `maxmemory`: Redis defaults to no limit (maxmemory 0), so it grows until the container is OOM-killed and restarts empty. Add a `maxmemory` line (≤ 75% of the container limit) to a `configuration: |` block under `master:`.',
  ]);
  assert.deepEqual(afterFix(ws.model, file, 'CW007'), {
    title: 'Set `maxmemory-policy allkeys-lru`',
    text: '# cache for the shop\narchitecture: standalone\nmaster:\n    configuration: |\n      maxmemory-policy allkeys-lru\n    persistence:\n        enabled: false\n    resources:\n        limits:\n            memory: 1Gi\n',
  });
  assert.deepEqual(afterFix(ws.model, file, 'CW008'), {
    title: 'Set `maxmemory 768Mi`',
    text: '# cache for the shop\narchitecture: standalone\nmaster:\n    configuration: |\n      maxmemory 768mb\n    persistence:\n        enabled: false\n    resources:\n        limits:\n            memory: 1Gi\n',
  });
});

test('no master key at all: the fix adds `master:` with its configuration block before the first key', async () => {
  const values = 'auth:\n  enabled: false\n';
  const ws = await workspaceWith({ 'helmfile.yaml': HELMFILE, 'redis/values.yaml': values });
  const file = ws.file('redis/values.yaml');
  assert.deepEqual(afterFix(ws.model, file, 'CW007'), {
    title: 'Set `maxmemory-policy allkeys-lru`',
    text: 'master:\n  configuration: |\n    maxmemory-policy allkeys-lru\nauth:\n  enabled: false\n',
  });
});

test('commonConfiguration only: the missing line is appended to it at its indentation (CRLF kept); a quoted configuration gets no fix', async () => {
  const values = 'commonConfiguration: |-\r\n    appendonly no\r\n    save ""\r\nmaster:\r\n  count: 1\r\n';
  const ws = await workspaceWith({ 'helmfile.yaml': HELMFILE, 'redis/values.yaml': values });
  const file = ws.file('redis/values.yaml');
  assert.deepEqual(afterFix(ws.model, file, 'CW007'), {
    title: 'Set `maxmemory-policy allkeys-lru`',
    text: 'commonConfiguration: |-\r\n    appendonly no\r\n    save ""\r\n    maxmemory-policy allkeys-lru\r\nmaster:\r\n  count: 1\r\n',
  });
  const quoted = await workspaceWith({ 'helmfile.yaml': HELMFILE, 'redis/values.yaml': 'master:\n  configuration: "appendonly no"\n' });
  const q = quoted.file('redis/values.yaml');
  // Reported at the `configuration` key that would hold the lines (the quoted string has no exact columns).
  assert.deepEqual(findings(quoted.model, q), [
    'CW007 2:3-2:16 Backend `cache-redis` (redis) sets no `maxmemory-policy`: Redis then uses noeviction, so once its memory is full every write fails and reads fall through to the data sources. Add a `maxmemory-policy allkeys-lru` line to `master.configuration`.',
    'CW008 2:3-2:16 Backend `cache-redis` (redis) has no `maxmemory`: Redis defaults to no limit (maxmemory 0), so it grows until the container is OOM-killed and restarts empty. Add a `maxmemory` line (≤ 75% of the container limit) to `master.configuration`.',
  ]);
  assert.equal(afterFix(quoted.model, q, 'CW007'), undefined);
});

test('master.configuration overrides commonConfiguration; extraFlags override both and are read word by word', async () => {
  const values = 'commonConfiguration: |\n  maxmemory-policy volatile-lru\n  maxmemory 100mb\nmaster:\n  configuration: |\n    maxmemory-policy allkeys-lfu\n';
  const ws = await workspaceWith({ 'helmfile.yaml': HELMFILE, 'redis/values.yaml': values });
  assert.deepEqual(findings(ws.model, ws.file('redis/values.yaml')), []);
  const flags = 'master:\n  configuration: |\n    maxmemory-policy allkeys-lru\n    maxmemory 100mb\n  extraFlags:\n    - "--maxmemory-policy noeviction"\n';
  const ws2 = await workspaceWith({ 'helmfile.yaml': HELMFILE, 'redis/values.yaml': flags });
  const file = ws2.file('redis/values.yaml');
  assert.deepEqual(findings(ws2.model, file), [
    'CW007 6:27-6:37 Backend `cache-redis` has `maxmemory-policy noeviction` but role cache: once its 100Mi is full every write fails instead of dropping old entries, so caches stop caching and reads fall through to their data sources.',
  ]);
  assert.deepEqual(afterFix(ws2.model, file, 'CW007'), { title: 'Set `maxmemory-policy allkeys-lru`', text: flags.replace('noeviction', 'allkeys-lru') });
});

test('resourcesPreset stands for the container limit while master.resources is empty', async () => {
  const values = 'master:\n  resourcesPreset: micro\n  configuration: |\n    maxmemory 300mb\n    maxmemory-policy allkeys-lru\n';
  const ws = await workspaceWith({ 'helmfile.yaml': HELMFILE, 'redis/values.yaml': values });
  assert.deepEqual(findings(ws.model, ws.file('redis/values.yaml')), [
    'CW008 4:15-4:20 `maxmemory` 300Mi is 78.13% of `master.resources.limits.memory` 384Mi: replication buffers, fragmentation and forks need the rest, so the container is OOM-killed before eviction starts. Keep it at or below 288Mi (75%).',
  ]);
});

test('hovers: the Redis keys, the directives inside the block, and the release on the first key', async () => {
  const ws = await workspaceWith({ 'helmfile.yaml': HELMFILE, 'redis/values.yaml': VALUES });
  const file = ws.file('redis/values.yaml');
  assert.match(hoverAt(ws.model, file, 'disableCommands')!, /^\*\*master\.disableCommands\*\* .*Default: `FLUSHDB` and `FLUSHALL`/s);
  assert.match(hoverAt(ws.model, file, 'configuration')!, /^\*\*master\.configuration\*\* .*Default: empty/s);
  assert.match(hoverAt(ws.model, file, 'memory: 512Mi')!, /^\*\*master\.resources\.limits\.memory\*\* .*75%/s);
  assert.match(hoverAt(ws.model, file, 'maxmemory-policy')!, /^\*\*maxmemory-policy\*\* — .*Default: `noeviction`/s);
  assert.equal(hoverAt(ws.model, file, 'architecture'),
    `${ARCHITECTURE_DOC}\n\n---\n\n` + '**Helm values** — these values configure a Bitnami Redis (bitnami/redis); Cache Warden calls it `cache-redis`.\n\nRelease `cache`, named in `helmfile.yaml`.\n\nApplications reach it as `cache-redis-master`, `cache-redis-headless`, `cache-redis-replicas` (Bitnami\'s fullname `<release>-redis`, or the release name alone when it contains `redis`; `fullnameOverride`/`nameOverride` change it). A cache whose host is one of these names links to this Redis.');
});

test('a values file with nothing Redis-like is not read as Redis (no findings); one that does not parse gets format-syntax', async () => {
  const ws = await workspaceWith({
    'web/values.yaml': 'replicaCount: 2\nimage:\n  repository: nginx\n',
    'db/values.yaml': 'architecture: replication\nprimary:\n  resources: {}\n',
    'redis/values.yaml': 'master:\n  configuration: |\n    maxmemory 1gb\n  resources: [\n',
  });
  assert.deepEqual(findings(ws.model, ws.file('web/values.yaml')), []);
  assert.deepEqual(findings(ws.model, ws.file('db/values.yaml')), []);
  const broken = findings(ws.model, ws.file('redis/values.yaml')).filter((f) => f.startsWith('format-syntax'));
  assert.equal(broken.length, 1);
  assert.match(broken[0], /^format-syntax \d+:\d+-\d+:\d+ This Helm values file is not valid YAML \(.+\), so its Redis settings are not checked\.$/);
});

test('an empty configuration block gets its first line two columns in from its key', async () => {
  for (const [values, fixed] of [
    ['master:\n  configuration: |\n  resources: {}\n', 'master:\n  configuration: |\n    maxmemory-policy allkeys-lru\n  resources: {}\n'],
    ['master:\n  configuration: |-\n', 'master:\n  configuration: |-\n    maxmemory-policy allkeys-lru\n'],
    ['master:\n  configuration: |', 'master:\n  configuration: |\n    maxmemory-policy allkeys-lru'],
  ]) {
    const ws = await workspaceWith({ 'helmfile.yaml': HELMFILE, 'redis/values.yaml': values });
    assert.deepEqual(afterFix(ws.model, ws.file('redis/values.yaml'), 'CW007')?.text, fixed, values);
  }
});

test('an unwritten setting is reported where it would be written — master.configuration, commonConfiguration, master:, replica:, architecture:, else the first key — not at an unrelated first key such as `global:`', async () => {
  const global = 'global:\n  imageRegistry: ""\n  storageClass: fast\n';
  const policy = (at: string, memory: string, where: string): string => `CW007 ${at} Backend \`cache-redis\` (redis) sets no \`maxmemory-policy\`: Redis then uses noeviction, so once ${memory} is full every write fails and reads fall through to the data sources. Add a \`maxmemory-policy allkeys-lru\` line ${where}.`;
  const limit = (at: string, where: string): string => `CW008 ${at} Backend \`cache-redis\` (redis) has no \`maxmemory\`: Redis defaults to no limit (maxmemory 0), so it grows until the container is OOM-killed and restarts empty. Add a \`maxmemory\` line (≤ 75% of the container limit) ${where}.`;
  const newBlock = 'to `master.configuration` (a `master:` key with a `configuration: |` block)';
  const cases: [string, string[]][] = [
    // The written maxmemory stays where it is written (and is within 75%); the missing policy goes to the block's key.
    [`${global}architecture: standalone\nmaster:\n  resources:\n    limits:\n      memory: 512Mi\n  configuration: |-\n    maxmemory 300mb\n`,
      [policy('9:3-9:16', 'its 300Mi', 'to `master.configuration`')]],
    [`${global}commonConfiguration: |\n  appendonly no\nmaster:\n  count: 1\n`,
      [policy('4:1-4:20', 'its memory', 'to `commonConfiguration`'), limit('4:1-4:20', 'to `commonConfiguration`')]],
    [`${global}architecture: replication\nreplica:\n  replicaCount: 2\n`,
      [policy('5:1-5:8', 'its memory', newBlock), limit('5:1-5:8', newBlock)]],
    [`${global}architecture: standalone\nauth:\n  enabled: false\n`,
      [policy('4:1-4:13', 'its memory', newBlock), limit('4:1-4:13', newBlock)]],
    // Nothing of the Redis's own: the first key is all there is.
    [`${global}auth:\n  enabled: false\n`,
      [policy('1:1-1:7', 'its memory', newBlock), limit('1:1-1:7', newBlock)]],
  ];
  for (const [values, expected] of cases) {
    const ws = await workspaceWith({ 'helmfile.yaml': HELMFILE, 'redis/values.yaml': values });
    assert.deepEqual(findings(ws.model, ws.file('redis/values.yaml')), expected, values);
  }
  // The fix still writes where the message says: a new `master:` block before the first key.
  const ws = await workspaceWith({ 'helmfile.yaml': HELMFILE, 'redis/values.yaml': `${global}architecture: replication\nreplica:\n  replicaCount: 2\n` });
  assert.equal(afterFix(ws.model, ws.file('redis/values.yaml'), 'CW007')?.text, `master:\n  configuration: |\n    maxmemory-policy allkeys-lru\n${global}architecture: replication\nreplica:\n  replicaCount: 2\n`);
});

test('`maxmemory 0` keeps its place (the written word), and the message keeps the rule\'s wording: the line exists', async () => {
  const values = 'global:\n  storageClass: fast\nmaster:\n  configuration: |\n    maxmemory 0\n    maxmemory-policy allkeys-lru\n';
  const ws = await workspaceWith({ 'helmfile.yaml': HELMFILE, 'redis/values.yaml': values });
  assert.deepEqual(findings(ws.model, ws.file('redis/values.yaml')), [
    'CW008 5:15-5:16 Backend `cache-redis` (redis) has no `maxmemory`: Redis defaults to no limit (maxmemory 0), so it grows until the container is OOM-killed and restarts empty. Set `maxmemory` (≤ 75% of the container limit).',
  ]);
});

test('a cache layer file on a Redis whose policy is unwritten points its related location at the block that would hold it', async () => {
  const values = 'global:\n  storageClass: fast\nmaster:\n  configuration: |\n    maxmemory 100mb\n';
  const ws = await workspaceWith({ 'helmfile.yaml': HELMFILE, 'redis/values.yaml': values });
  const fact = ws.model.facts.get(ws.file('redis/values.yaml'))!.backends[0];
  assert.deepEqual([fact.name, fact.range, fact.nameRange], ['cache-redis', { start: { line: 3, character: 2 }, end: { line: 3, character: 15 } }, { start: { line: 0, character: 0 }, end: { line: 0, character: 6 } }]);
});
