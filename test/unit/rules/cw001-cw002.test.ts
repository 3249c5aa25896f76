import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CLEAN, change, lint, shown } from './helpers';

const TRIGGER = `      invalidation:
        triggers:
          - { on: db_change, scope: key, maxKeysPerEvent: 1, mode: delete }
      warmup:
`;

test('CW001: a missing ttl is reported at the cache name', () => {
  const text = change(CLEAN, '      ttl:\n        value: 10m\n        jitter: 10%\n', '');
  assert.deepEqual(shown(lint(text)), [
    'CW001 16:7-16:20 Cache `product` has no `ttl.value`: most clients then keep entries forever (Spring, Redis SET without EX), so shop-db changes are never seen and memory fills up. Set a duration such as `10m`, or `never` with invalidation triggers.',
  ]);
});

test('CW001: ttl 0s names the backend type and the data source; a positive ttl passes', () => {
  const cold = change(CLEAN, 'criticality: hot', 'criticality: cold');
  assert.deepEqual(shown(lint(change(cold, 'value: 10m', 'value: 0s'))), [
    'CW001 32:16-32:18 `ttl.value` is 0s: in redis-backed caches this never caches at all, so every read reaches shop-db. Write a positive duration such as `10m`, or `never` with invalidation triggers.',
  ]);
  assert.deepEqual(shown(lint(change(cold, 'value: 10m', 'value: 45s'))), []);
});

test('CW001: ttl 0 on memcached says it never expires', () => {
  const memcached = change(change(change(CLEAN, 'type: redis', 'type: memcached'), '      eviction: allkeys-lru\n', ''), 'value: 10m', 'value: "0"');
  assert.deepEqual(shown(lint(memcached), 'CW001'), [
    'CW001 31:16-31:19 `ttl.value` is 0: in memcached 0 means "never expire", so entries of shop-db are never refreshed and memory fills up. Write a positive duration such as `10m`, or `never` with invalidation triggers.',
  ]);
});

test('CW001: never without invalidation triggers; never with triggers and allkeys-* passes', () => {
  const never = change(CLEAN, 'value: 10m', 'value: never');
  assert.deepEqual(shown(lint(never)), [
    'CW001 32:16-32:21 `ttl.value` is never but cache `product` has no `invalidation.triggers`: entries of shop-db are never refreshed, so readers see stale data until the key is evicted.',
  ]);
  assert.deepEqual(shown(lint(change(never, '      warmup:\n', TRIGGER))), []);
});

test('CW001: never on a noeviction backend is reported at the ttl (and CW007 at the backend)', () => {
  const text = change(change(change(CLEAN, 'value: 10m', 'value: never'), 'eviction: allkeys-lru', 'eviction: noeviction'), '      warmup:\n', TRIGGER);
  const diagnostics = lint(text);
  assert.deepEqual(shown(diagnostics, 'CW001'), [
    'CW001 32:16-32:21 `ttl.value` is never but backend `shop-redis` evicts with noeviction, not an allkeys-* policy: keys without a TTL are never evicted there, so memory fills and writes start to fail.',
  ]);
  assert.deepEqual(diagnostics.find((d) => d.code === 'CW001')?.related?.[0].message, 'backend `shop-redis` eviction: noeviction');
});

test('CW002: a disabled hot cache is an error at `enabled`', () => {
  const text = change(CLEAN, '      criticality: hot\n', '      enabled: false\n      criticality: hot\n');
  const diagnostics = lint(text);
  assert.deepEqual(shown(diagnostics), [
    'CW002 18:16-18:21 `enabled: false` is set on cache `product`, which is hot (criticality: hot): every read goes straight to shop-db. Enable it, or add `override: { reason, expires }` if this is deliberate and temporary.',
  ]);
  assert.equal(diagnostics[0].severity, 'error');
});

test('CW002: a current override with reason and expiry passes; an expired one does not', () => {
  const withOverride = (expires: string) =>
    change(CLEAN, '      criticality: hot\n', `      enabled: false\n      override: { reason: "shop-db migration", expires: ${expires} }\n      criticality: hot\n`);
  assert.deepEqual(shown(lint(withOverride('2026-12-31'))), []);
  assert.deepEqual(shown(lint(withOverride('2026-11-01'))), [
    'CW002 18:16-18:21 `enabled: false` is set on cache `product`, which is hot (criticality: hot): every read goes straight to shop-db. Its `override` expired on 2026-11-01.',
  ]);
});

test('CW002: high expected QPS makes a warm cache hot; a disabled cold cache passes', () => {
  const warm = change(change(CLEAN, '      criticality: hot\n', '      enabled: false\n      criticality: warm\n'), '        lookupBy: external\n', '        lookupBy: external\n        expectedQps: 2500\n');
  assert.deepEqual(shown(lint(warm), 'CW002'), [
    'CW002 18:16-18:21 `enabled: false` is set on cache `product`, which is hot (2,500 expected reads/s): every read goes straight to shop-db. Enable it, or add `override: { reason, expires }` if this is deliberate and temporary.',
  ]);
  const cold = change(CLEAN, '      criticality: hot\n', '      enabled: false\n      criticality: cold\n');
  assert.deepEqual(shown(lint(cold), 'CW002'), []);
});

test('CW002: ttl 0s on a hot cache is reported by CW002 too', () => {
  assert.deepEqual(shown(lint(change(CLEAN, 'value: 10m', 'value: 0s')), 'CW002'), [
    'CW002 32:16-32:18 `ttl.value` is 0s (nothing is kept) on cache `product`, which is hot (criticality: hot): every read goes straight to shop-db. Enable it, or add `override: { reason, expires }` if this is deliberate and temporary.',
  ]);
});

test('CW001 leaves a bare number 0 to the schema (which rejects it with the same explanation)', () => {
  const cold = change(CLEAN, 'criticality: hot', 'criticality: cold');
  assert.deepEqual(shown(lint(change(cold, 'value: 10m', 'value: 0')), 'CW001'), []);
});
