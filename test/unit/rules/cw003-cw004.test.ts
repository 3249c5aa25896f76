import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyEdits, CLEAN, change, fixTitled, lint, lintWorkspace, only, othersThan, shown } from './helpers';

const NO_STAMPEDE = change(CLEAN, '      stampede:\n        mode: coalesce\n        lockTimeout: 1s\n', '');

test('CW003: a hot cache without stampede protection is reported at its name', () => {
  assert.deepEqual(shown(lint(NO_STAMPEDE)), [
    'CW003 16:7-16:20 No stampede protection on hot cache `product`: when a popular key expires, every concurrent reader queries shop-db at once. Set `stampede.mode` (coalesce, lease, lock or probabilistic), `stale.whileRevalidate` or `stampede.earlyRefresh`.',
  ]);
});

test('CW003: stale-while-revalidate or early refresh count as protection; cold caches are exempt', () => {
  assert.deepEqual(shown(lint(change(NO_STAMPEDE, '      negative:\n', '      stale: { whileRevalidate: 30s }\n      negative:\n'))), []);
  assert.deepEqual(shown(lint(change(CLEAN, 'mode: coalesce', 'mode: none\n        earlyRefresh: 0.9'))), []);
  assert.deepEqual(shown(lint(change(NO_STAMPEDE, 'criticality: hot', 'criticality: cold')), 'CW003'), []);
});

test('CW003: mode none is reported at the value; the quick fix sets coalesce', () => {
  const text = change(CLEAN, 'mode: coalesce', 'mode: none');
  const diagnostic = only(lint(text), 'CW003');
  assert.equal(diagnostic.message.startsWith('`stampede.mode` is none on hot cache `product`'), true);
  assert.deepEqual(diagnostic.range, { start: { line: 34, character: 14 }, end: { line: 34, character: 18 } });
  const fixed = applyEdits(text, fixTitled(diagnostic, 'Add stampede protection: `stampede.mode: coalesce`').edits);
  assert.equal(fixed, CLEAN);
});

test('CW003 quick fix: adds `stampede: { mode: coalesce }` after the last member of the cache', () => {
  const diagnostic = only(lint(NO_STAMPEDE), 'CW003');
  const fixed = applyEdits(NO_STAMPEDE, fixTitled(diagnostic, 'Add stampede protection: `stampede.mode: coalesce`').edits);
  assert.equal(fixed, NO_STAMPEDE.replace('        strategy: preload\n', '        strategy: preload\n      stampede: { mode: coalesce }\n'));
  assert.deepEqual(shown(lint(fixed)), []);
});

test('CW003: a lock timeout shorter than the p99 load time; equal passes', () => {
  assert.deepEqual(shown(lint(change(CLEAN, 'lockTimeout: 1s', 'lockTimeout: 50ms')), 'CW003'), [
    'CW003 36:22-36:26 `stampede.lockTimeout` is 50ms but `fronts.p99LoadTime` is 100ms: the lock expires before a slow load finishes, so the waiting readers all query shop-db anyway. Make the lock timeout at least the p99 load time.',
  ]);
  assert.deepEqual(shown(lint(change(CLEAN, 'lockTimeout: 1s', 'lockTimeout: 100ms')), 'CW003'), []);
});

const NO_JITTER = change(CLEAN, '        jitter: 10%\n', '');

test('CW004: a warmed, large cache without jitter; the quick fix adds `jitter: 10%` in place', () => {
  const diagnostics = lint(NO_JITTER);
  assert.deepEqual(shown(diagnostics), [
    'CW004 32:16-32:19 `ttl.value` is 10m with no `ttl.jitter` on cache `product` (warmed by preload, up to 200,000 entries): entries written together expire together, and shop-db takes every refill in the same moment. Add `jitter: 10%`.',
  ]);
  const fixed = applyEdits(NO_JITTER, fixTitled(diagnostics[0], 'Add `ttl.jitter: 10%`').edits);
  assert.equal(fixed, CLEAN);
  assert.deepEqual(shown(lint(fixed)), []);
});

test('CW004: a TTL under 60s, or a small unwarmed cache on its own backend, needs no jitter', () => {
  assert.deepEqual(shown(lint(change(NO_JITTER, 'value: 10m', 'value: 45s'))), []);
  const small = change(change(NO_JITTER, 'strategy: preload', 'strategy: none'), 'maxEntries: 200000', 'maxEntries: 9999');
  assert.deepEqual(shown(lint(small), 'CW004'), []);
});

test('CW004 quick fix in a flow mapping inserts inside the braces and keeps the comment', () => {
  const text = change(CLEAN, '      ttl:\n        value: 10m\n        jitter: 10%\n', '      ttl: { value: 10m }  # ten minutes\n');
  const diagnostic = only(lint(text), 'CW004');
  const fixed = applyEdits(text, fixTitled(diagnostic, 'Add `ttl.jitter: 10%`').edits);
  assert.equal(fixed, text.replace('{ value: 10m }', '{ value: 10m, jitter: 10% }'));
  assert.deepEqual(othersThan(lint(fixed), 'CW004'), othersThan(lint(text), 'CW004'));
  assert.deepEqual(shown(lint(fixed), 'CW004'), []);
});

test('CW004: jitter outside 5–50% of the TTL; the fix sets 10%', () => {
  const text = change(CLEAN, 'jitter: 10%', 'jitter: 6m');
  const diagnostic = only(lint(text), 'CW004');
  assert.equal(diagnostic.message, '`ttl.jitter` is 6m (60% of the 10m TTL): above 50% entries live far shorter or longer than intended. Use 5–50%, e.g. `10%`.');
  assert.deepEqual(diagnostic.range, { start: { line: 32, character: 16 }, end: { line: 32, character: 18 } });
  assert.equal(applyEdits(text, fixTitled(diagnostic, 'Set `ttl.jitter` to 10%').edits), CLEAN);
  assert.deepEqual(shown(lint(change(CLEAN, 'jitter: 10%', 'jitter: 2%'))), [
    'CW004 33:17-33:19 `ttl.jitter` is 2% (2% of the 10m TTL): below 5% the expiries stay bunched together. Use 5–50%, e.g. `10%`.',
  ]);
  assert.deepEqual(shown(lint(change(CLEAN, 'jitter: 10%', 'jitter: 5m'))), []);
});

test('CW004: a backend shared by caches in two files counts as shared in both', () => {
  const small = change(change(NO_JITTER, 'strategy: preload', 'strategy: none'), 'maxEntries: 200000', 'maxEntries: 5000');
  const other = `apiVersion: cache-warden/v1
kind: CacheLayer
metadata: { service: search-service, owner: team-search, docs: docs/search.md }
spec:
  backends: []
  caches:
    - name: suggestions
      backend: resource:shop-redis
      criticality: cold
      ttl: { value: 5m, jitter: 10% }
`;
  assert.deepEqual(shown(lintWorkspace({ 'services/shop.cache.yaml': small })['services/shop.cache.yaml'], 'CW004'), []);
  const both = lintWorkspace({ 'services/shop.cache.yaml': small, 'services/search.cache.yaml': other });
  assert.deepEqual(shown(both['services/shop.cache.yaml'], 'CW004'), [
    'CW004 32:16-32:19 `ttl.value` is 10m with no `ttl.jitter` on cache `product` (backend `shop-redis` shared by 2 caches): entries written together expire together, and shop-db takes every refill in the same moment. Add `jitter: 10%`.',
  ]);
});
