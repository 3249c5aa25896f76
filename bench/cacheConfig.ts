// A realistic CacheLayer config (docs/cache-layer-format.md) of about the requested size, written
// the way people write them: comments, flow lists, quoted templates, blank lines between caches.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const KINDS = ['sql', 'http', 'grpc', 'service'] as const;
const MODES = ['coalesce', 'lease', 'lock', 'probabilistic'] as const;
const EVICTIONS = ['allkeys-lru', 'allkeys-lfu', 'volatile-lru', 'volatile-ttl'] as const;

function backend(i: number): string {
  return [
    `    - name: redis-${i}`,
    `      type: redis`,
    `      role: cache`,
    `      maxMemory: ${4 + (i % 4)}Gi`,
    `      containerMemoryLimit: ${8 + (i % 4)}Gi`,
    `      eviction: ${EVICTIONS[i % EVICTIONS.length]}`,
    '',
  ].join('\n');
}

function cache(i: number, backends: number): string {
  const kind = KINDS[i % KINDS.length];
  return [
    `    # Cache ${i}: reads of entity-${i} for the storefront (${i % 3 === 0 ? 'hot path' : 'background'}).`,
    `    - name: entity-${i}-by-id`,
    `      backend: redis-${i % backends}`,
    `      enabled: true`,
    `      criticality: ${['hot', 'warm', 'cold'][i % 3]}`,
    `      fronts:`,
    `        kind: ${kind}`,
    `        name: source-${i % 17}-db`,
    `        query: "SELECT * FROM entity_${i} WHERE tenant_id = :tenant_id AND id = :id AND locale = :locale"`,
    `        params: [tenant_id, id, locale]`,
    `        variesBy: [tenant, locale]`,
    `        lookupBy: ${i % 2 ? 'internal' : 'external'}            # ids come from URLs`,
    `        expectedQps: ${100 + ((i * 37) % 4000)}`,
    `        p99LoadTime: ${50 + (i % 200)}ms`,
    `        loadTimeout: 2s`,
    `        maxConcurrentLoads: ${8 + (i % 24)}`,
    `      key:`,
    `        template: "svc:v{version}:entity-${i}:{tenant_id}:{id}:{locale}"`,
    `        version: ${1 + (i % 5)}`,
    `        ignoredParams:`,
    `          - name: trace_id`,
    `            reason: "tracing only, never changes the result"`,
    `        scope: shared`,
    `      ttl:`,
    `        value: ${5 + (i % 55)}m`,
    `        jitter: 10%`,
    `      stale:`,
    `        whileRevalidate: 60s`,
    `        ifError: 30m`,
    `      stampede:`,
    `        mode: ${MODES[i % MODES.length]}`,
    `        scope: fleet`,
    `        lockTimeout: 2s`,
    `        earlyRefresh: 0.${1 + (i % 8)}`,
    `      negative:`,
    `        enabled: true`,
    `        ttl: 30s`,
    `        onError: serve_stale`,
    `      capacity:`,
    `        maxEntries: ${10000 * (1 + (i % 50))}`,
    `        maxMemory: ${256 + (i % 512)}Mi`,
    `        workingSet: { estimatedKeys: ${5000 * (1 + (i % 40))}, avgValueBytes: ${200 + (i % 3000)} }`,
    `        alerts:`,
    `          hitRatioMin: 0.${80 + (i % 19)}`,
    `          evictionsPerSecMax: ${10 + (i % 90)}`,
    `      warmup:`,
    `        strategy: ${i % 2 ? 'gradual_traffic' : 'preload'}`,
    `        source: "top-10k entity-${i} by 7-day views"`,
    `        requiredBeforeTraffic: ${i % 2 ? 'false' : 'true'}`,
    `      invalidation:`,
    `        triggers:`,
    `          - on: db_change`,
    `            source: 'source-${i % 17}-db.entity_${i}'`,
    `            scope: key`,
    `            keys: "svc:v{version}:entity-${i}:{tenant_id}:{id}:*"`,
    `            maxKeysPerEvent: 100`,
    `            mode: delete`,
    `            rateLimit: "200/s"`,
    `      rollout: { maxUnavailableFraction: 0.25 }`,
    `      owner: team-${i % 9}`,
    `      docs: docs/caches/entity-${i}.md`,
    '',
  ].join('\n');
}

/** A CacheLayer config of at least `targetLines` lines. */
export function generateCacheConfig(targetLines: number): string {
  const backends = 8;
  const head = [
    '# Cache layer of the storefront platform (generated for the benchmark).',
    'apiVersion: cache-warden/v1',
    'kind: CacheLayer',
    'metadata:',
    '  service: storefront-platform',
    '  owner: team-platform',
    '  docs: docs/services/storefront-platform.md',
    '  runbook: docs/runbooks/storefront-cache.md',
    'spec:',
    '  backends:',
    ...Array.from({ length: backends }, (_, i) => backend(i)),
    '  caches:',
  ].join('\n');
  const parts = [head];
  let lines = head.split('\n').length;
  for (let i = 0; lines < targetLines; i++) {
    const block = cache(i, backends);
    parts.push(block);
    lines += block.split('\n').length - 1;
  }
  return parts.join('\n') + '\n';
}

/** Writes the generated config to bench/generated/ (git-ignored) and returns its path. */
export function writeCacheConfig(benchDir: string, targetLines: number): string {
  const dir = join(benchDir, 'generated');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `storefront-${targetLines}.cache.yaml`);
  writeFileSync(file, generateCacheConfig(targetLines));
  return file;
}
