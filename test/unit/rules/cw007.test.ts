import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyEdits, CLEAN, change, fixTitled, lint, lintWorkspace, only, shown } from './helpers';

test('CW007: noeviction on a cache backend; the fix sets allkeys-lru', () => {
  const text = change(CLEAN, 'eviction: allkeys-lru', 'eviction: noeviction');
  const diagnostics = lint(text);
  assert.deepEqual(shown(diagnostics), [
    'CW007 14:17-14:27 Backend `shop-redis` has `eviction: noeviction` but role cache: once its 4Gi is full every write fails instead of dropping old entries, so caches stop caching and reads fall through to their data sources.',
  ]);
  assert.equal(applyEdits(text, fixTitled(diagnostics[0], 'Set `eviction: allkeys-lru`').edits), CLEAN);
});

test('CW007: noeviction is fine on a store backend', () => {
  assert.deepEqual(shown(lint(change(change(CLEAN, 'eviction: allkeys-lru', 'eviction: noeviction'), 'role: cache', 'role: store'))), []);
});

test('CW007: a redis cache backend without eviction; the fix adds the line', () => {
  const text = change(CLEAN, '      eviction: allkeys-lru\n', '');
  const diagnostic = only(lint(text), 'CW007');
  assert.equal(diagnostic.message, 'Backend `shop-redis` (redis) sets no `eviction`: Redis then uses noeviction, so once its 4Gi is full every write fails and reads fall through to the data sources.');
  assert.deepEqual(diagnostic.range, { start: { line: 8, character: 6 }, end: { line: 8, character: 22 } });
  assert.equal(applyEdits(text, fixTitled(diagnostic, 'Set `eviction: allkeys-lru`').edits), CLEAN);
});

const BACKEND_FILE = `apiVersion: cache-warden/v1
kind: CacheLayer
metadata: { service: platform, owner: team-platform, docs: docs/platform.md }
spec:
  backends:
    - name: shared-redis
      type: redis
      maxMemory: 4Gi
      eviction: volatile-lru
  caches:
    - name: sessions
      backend: shared-redis
      criticality: cold
      ttl: { value: 30m, jitter: 10% }
`;

const CACHE_FILE = `apiVersion: cache-warden/v1
kind: CacheLayer
metadata: { service: catalog-service, owner: team-catalog, docs: docs/catalog.md }
spec:
  backends: []
  caches:
    - name: product-by-id
      backend: resource:shared-redis
      criticality: cold
      ttl:
        value: never
      invalidation:
        triggers:
          - { on: db_change, scope: key, maxKeysPerEvent: 1, mode: delete }
`;

test('CW007 across files: a volatile-* backend in one file, a never-expiring cache in another — both files report', () => {
  const result = lintWorkspace({ 'platform/redis.cache.yaml': BACKEND_FILE, 'catalog/catalog.cache.yaml': CACHE_FILE });
  assert.deepEqual(shown(result['platform/redis.cache.yaml']), [
    'CW007 9:17-9:29 Backend `shared-redis` evicts with volatile-lru, which only evicts keys that have a TTL, but `product-by-id` writes keys without one (ttl never), declared in catalog/catalog.cache.yaml: those keys pile up until writes fail like noeviction.',
  ]);
  assert.deepEqual(result['platform/redis.cache.yaml'][0].related, [
    { uri: 'catalog/catalog.cache.yaml', range: { start: { line: 10, character: 15 }, end: { line: 10, character: 20 } }, message: 'cache `product-by-id` (ttl never)' },
  ]);
  assert.deepEqual(shown(result['catalog/catalog.cache.yaml']), [
    'CW007 11:16-11:21 Cache `product-by-id` never expires (`ttl.value: never`) but its backend `shared-redis` (declared in platform/redis.cache.yaml) evicts with volatile-lru, which only evicts keys that have a TTL: these keys are never evicted and fill the backend until writes fail for every cache on it.',
  ]);
});

test('CW007 across files, the other way: fixing either side clears both files', () => {
  const finite = CACHE_FILE.replace('value: never', 'value: 1h');
  const afterTtl = lintWorkspace({ 'platform/redis.cache.yaml': BACKEND_FILE, 'catalog/catalog.cache.yaml': finite });
  assert.deepEqual(shown(afterTtl['platform/redis.cache.yaml'], 'CW007'), []);
  assert.deepEqual(shown(afterTtl['catalog/catalog.cache.yaml'], 'CW007'), []);
  const allKeys = BACKEND_FILE.replace('volatile-lru', 'allkeys-lfu');
  const afterEviction = lintWorkspace({ 'platform/redis.cache.yaml': allKeys, 'catalog/catalog.cache.yaml': CACHE_FILE });
  assert.deepEqual(shown(afterEviction['platform/redis.cache.yaml'], 'CW007'), []);
  assert.deepEqual(shown(afterEviction['catalog/catalog.cache.yaml'], 'CW007'), []);
});

test('CW007: a cache that resolves to its own file\'s backend is not confused with a same-named one elsewhere', () => {
  const local = CACHE_FILE.replace('  backends: []\n', '  backends:\n    - { name: shared-redis, type: redis, maxMemory: 1Gi, eviction: allkeys-lru }\n');
  const result = lintWorkspace({ 'platform/redis.cache.yaml': BACKEND_FILE, 'catalog/catalog.cache.yaml': local });
  assert.deepEqual(shown(result['catalog/catalog.cache.yaml'], 'CW007'), []);
  assert.deepEqual(shown(result['platform/redis.cache.yaml'], 'CW007'), []);
});
