import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CLEAN, change, lint, only, shown } from './helpers';

test('CW008: a redis backend without maxMemory is reported at the backend name', () => {
  const text = change(change(CLEAN, '      maxMemory: 4Gi\n', ''), '      containerMemoryLimit: 6Gi\n', '');
  assert.deepEqual(shown(lint(text)), [
    'CW008 9:7-9:23 Backend `shop-redis` (redis) has no `maxMemory`: Redis defaults to no limit (maxmemory 0), so it grows until the container is OOM-killed and restarts empty. Set `maxMemory` (≤ 75% of the container limit).',
  ]);
});

test('CW008: maxMemory above 75% of the container limit; exactly 75% passes', () => {
  assert.deepEqual(shown(lint(change(CLEAN, 'maxMemory: 4Gi', 'maxMemory: 5Gi'))), [
    'CW008 12:18-12:21 `maxMemory` 5Gi is 83.33% of `containerMemoryLimit` 6Gi: replication buffers, fragmentation and forks need the rest, so the container is OOM-killed before eviction starts. Keep it at or below 4.5Gi (75%).',
  ]);
  assert.deepEqual(shown(lint(change(CLEAN, 'maxMemory: 4Gi', 'maxMemory: 4608Mi'))), []);
});

test('CW008: an in-process cache without an entry or memory bound; maxEntries passes', () => {
  const inProcess = change(change(CLEAN, 'type: redis', 'type: in-process'), '      maxMemory: 4Gi\n      containerMemoryLimit: 6Gi\n      eviction: allkeys-lru\n', '');
  assert.deepEqual(shown(lint(inProcess)), []);
  assert.deepEqual(shown(lint(change(inProcess, '        maxEntries: 200000\n', ''))), [
    'CW008 38:7-38:15 In-process cache `product` has no `capacity.maxEntries` or `capacity.maxMemory` and backend `shop-redis` no `maxMemory`: it grows with every distinct key until the service runs out of heap. Set `capacity.maxEntries`.',
  ]);
});

test('CW009: maxEntries below the working set plus 20% headroom; exactly 120% passes', () => {
  assert.deepEqual(shown(lint(change(CLEAN, 'maxEntries: 200000', 'maxEntries: 110000'))), [
    'CW009 42:21-42:27 `capacity.maxEntries` is 110,000 but the working set is 100,000 keys (needs ≥ 120,000 with 20% headroom): entries are evicted before they are read again, so most reads miss.',
  ]);
  assert.deepEqual(shown(lint(change(CLEAN, 'maxEntries: 200000', 'maxEntries: 120000'))), []);
});

test('CW009: memory below keys × bytes × 1.5, on the cache or on its backend', () => {
  assert.deepEqual(shown(lint(change(CLEAN, '        maxEntries: 200000\n', '        maxEntries: 200000\n        maxMemory: 100Mi\n'))), [
    'CW009 43:20-43:25 `capacity.maxMemory` is 100Mi but 100,000 keys × 1,000 bytes × 1.5 overhead needs 143.05Mi: the working set does not fit, entries are evicted before reuse and most reads miss.',
  ]);
  assert.deepEqual(shown(lint(change(CLEAN, '        maxEntries: 200000\n', '        maxEntries: 200000\n        maxMemory: 150Mi\n'))), []);
  const smallBackend = change(change(CLEAN, 'maxMemory: 4Gi', 'maxMemory: 64Mi'), 'containerMemoryLimit: 6Gi', 'containerMemoryLimit: 1Gi');
  assert.deepEqual(shown(lint(smallBackend)), [
    'CW009 43:9-43:19 backend `shop-redis` has `maxMemory` 64Mi but 100,000 keys × 1,000 bytes × 1.5 overhead needs 143.05Mi: the working set does not fit, entries are evicted before reuse and most reads miss.',
  ]);
});

test('CW009: a hot cache without a working set is an advisory "cannot verify" (information)', () => {
  const text = change(CLEAN, '        workingSet:\n          estimatedKeys: 100000\n          avgValueBytes: 1000\n', '');
  const diagnostic = only(lint(text), 'CW009');
  assert.equal(diagnostic.message, 'Cannot verify the capacity of hot cache `product`: no `capacity.workingSet.estimatedKeys` is declared, so nothing shows the cache can hold what is read. Add `workingSet: { estimatedKeys, avgValueBytes }`.');
  assert.equal(diagnostic.severity, 'information');
  assert.deepEqual(shown(lint(change(text, 'criticality: hot', 'criticality: warm'))), []);
});

test('CW010: a hot cache with warm-up none and no bulkhead; either one passes', () => {
  const text = change(change(CLEAN, 'strategy: preload', 'strategy: none'), '        maxConcurrentLoads: 16\n', '');
  assert.deepEqual(shown(lint(text), 'CW010'), [
    'CW010 46:19-46:23 Hot cache `product` has no warm-up (`warmup.strategy` is none) and no `fronts.maxConcurrentLoads`. After a restart, failover or key version bump it starts empty, and its whole read rate reaches shop-db at once. Add a warm-up strategy or a load bulkhead.',
  ]);
  assert.deepEqual(shown(lint(change(CLEAN, 'strategy: preload', 'strategy: none'))), []);
});

test('CW010: in-process hot caches say every new pod starts empty', () => {
  const inProcess = change(change(change(CLEAN, 'type: redis', 'type: in-process'), '      maxMemory: 4Gi\n      containerMemoryLimit: 6Gi\n      eviction: allkeys-lru\n', ''), '      warmup:\n        strategy: preload\n', '');
  const text = change(inProcess, '        maxConcurrentLoads: 16\n', '');
  assert.equal(only(lint(text), 'CW010').message, 'Hot cache `product` has no warm-up (no `warmup.strategy`) and no `fronts.maxConcurrentLoads`. It is in-process, so every new pod starts empty, and its whole read rate reaches shop-db at once. Add a warm-up strategy or a load bulkhead.');
});

const TRIGGER = (fields: string) => `${CLEAN}      invalidation:\n        triggers:\n          - on: event\n${fields}`;

test('CW011: a prefix purge on a hot cache without mark_stale and rateLimit', () => {
  const text = TRIGGER('            scope: prefix\n            maxKeysPerEvent: 50000\n            mode: delete\n');
  assert.deepEqual(shown(lint(text)), [
    'CW011 51:20-51:26 Invalidation trigger 1 of hot cache `product` purges scope prefix without `mode: mark_stale` and `rateLimit`: one event empties much of the cache and shop-db takes every refill at once. Mark entries stale and rate-limit the purge.',
  ]);
  assert.deepEqual(shown(lint(TRIGGER('            scope: prefix\n            maxKeysPerEvent: 50000\n            mode: mark_stale\n            rateLimit: 2000/s\n'))), []);
  assert.deepEqual(shown(lint(change(text, 'criticality: hot', 'criticality: warm')), 'CW011'), []);
});

test('CW011: more than 1,000 keys per event counts as fan-out; 1,000 does not', () => {
  assert.deepEqual(shown(lint(TRIGGER('            scope: tag\n            maxKeysPerEvent: 5000\n            mode: mark_stale\n'))), [
    'CW011 52:30-52:34 Invalidation trigger 1 of hot cache `product` purges up to 5,000 keys per event without `rateLimit`: one event empties much of the cache and shop-db takes every refill at once. Mark entries stale and rate-limit the purge.',
  ]);
  assert.deepEqual(shown(lint(TRIGGER('            scope: tag\n            maxKeysPerEvent: 1000\n            mode: delete\n'))), []);
});

test('CW012: a hot cache without loadTimeout is reported at `fronts`', () => {
  assert.deepEqual(shown(lint(change(CLEAN, '        loadTimeout: 500ms\n', ''))), [
    'CW012 19:7-19:13 Hot cache `product` sets no `loadTimeout` in `fronts`: when the cache empties or shop-db slows down, loads pile up without limit and keep it overloaded.',
  ]);
});

test('CW012: a load timeout not shorter than the lock timeout; shorter passes', () => {
  assert.deepEqual(shown(lint(change(CLEAN, 'loadTimeout: 500ms', 'loadTimeout: 1s'))), [
    'CW012 26:22-26:24 `fronts.loadTimeout` is 1s, not shorter than `stampede.lockTimeout` 1s: the lock can expire while the load still runs, and the next reader starts a second load of the same key against shop-db.',
  ]);
  assert.deepEqual(shown(lint(change(CLEAN, 'loadTimeout: 500ms', 'loadTimeout: 999ms'))), []);
});

test('CW013: missing owner and docs are reported at `metadata`', () => {
  const text = change(change(CLEAN, '  owner: team-shop\n', ''), '  docs: docs/shop.md\n', '');
  assert.deepEqual(shown(lint(text)), [
    'CW013 3:1-3:9 `metadata.owner` is missing: nobody is named for the caches of shop-service, so during an incident the on-call engineer cannot tell whom to page. Add a team or email.',
    'CW013 3:1-3:9 `metadata.docs` is missing: the caches of shop-service link to no documentation, so a troubleshooter cannot see what they front or how to operate them. Add a path or URL.',
  ]);
});
