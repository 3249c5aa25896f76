import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyEdits, CLEAN, change, fixTitled, lint, only, shown } from './helpers';

test('CW005: a parameter missing from the key; the fix appends its placeholder inside the quotes', () => {
  const text = change(CLEAN, ':{tenant_id}:{product_id}"', ':{tenant_id}"');
  const diagnostics = lint(text);
  assert.deepEqual(shown(diagnostics), [
    'CW005 22:29-22:39 `fronts.params` has `product_id` but `key.template` (shop:v{version}:product:{tenant_id}) omits it: requests that differ only in product_id share one entry, so callers get each other\'s data. Add `{product_id}` to the key, or list it in `key.ignoredParams` with a reason.',
  ]);
  assert.equal(diagnostics[0].severity, 'error');
  const fixed = applyEdits(text, fixTitled(diagnostics[0], 'Add `{product_id}` to `key.template`').edits);
  assert.equal(fixed, CLEAN);
});

test('CW005: the fix works on a plain (unquoted) template in block style', () => {
  const text = change(CLEAN, 'template: "shop:v{version}:product:{tenant_id}:{product_id}"', 'template: shop:v{version}:product:{tenant_id}');
  const fixed = applyEdits(text, fixTitled(only(lint(text), 'CW005'), 'Add `{product_id}` to `key.template`').edits);
  assert.equal(fixed, change(text, '{tenant_id}\n', '{tenant_id}:{product_id}\n'));
  assert.deepEqual(shown(lint(fixed)), []);
});

test('CW005: a placeholder that is not a parameter is reported at the template', () => {
  assert.deepEqual(shown(lint(change(CLEAN, ':{tenant_id}:{product_id}"', ':{tenant_id}:{product_id}:{region}"'))), [
    'CW005 29:19-29:78 `key.template` uses `{region}`, which is not in `fronts.params` (tenant_id, product_id): the key is built from a value the query to shop-db does not receive, so entries and results can disagree. Add it to `fronts.params` or remove it from the key.',
  ]);
});

test('CW005: an ignored parameter needs a reason; with one it passes', () => {
  const base = change(CLEAN, 'params: [tenant_id, product_id]', 'params: [tenant_id, product_id, preview]');
  assert.deepEqual(shown(lint(change(base, '        version: 1\n', '        version: 1\n        ignoredParams:\n          - name: preview\n'))), [
    'CW005 32:13-32:26 `preview` is listed in `key.ignoredParams` without a `reason`: say why results never differ by preview, or add `{preview}` to `key.template`.',
  ]);
  const withReason = change(base, '        version: 1\n', '        version: 1\n        ignoredParams:\n          - { name: preview, reason: "always false on the read path" }\n');
  assert.deepEqual(shown(lint(withReason)), []);
});

test('CW005: a variesBy dimension missing from the key, unless the key is private', () => {
  const text = change(CLEAN, 'variesBy: [tenant]', 'variesBy: [tenant, locale]');
  assert.deepEqual(shown(lint(text)), [
    'CW005 23:28-23:34 `fronts.variesBy` has `locale` but `key.template` (shop:v{version}:product:{tenant_id}:{product_id}) has no locale placeholder and `key.scope` is not private: results that differ by locale share one entry, so callers see another locale\'s data. Add a locale placeholder to the key, or set `key.scope: private`.',
  ]);
  assert.deepEqual(shown(lint(change(text, '        version: 1\n', '        version: 1\n        scope: private\n'))), []);
});

const NO_NEGATIVE = change(CLEAN, '      negative:\n        enabled: true\n        ttl: 30s\n        onError: serve_stale\n', '');

test('CW006: external lookups without negative caching; the fix adds a block at the cache indentation', () => {
  const diagnostics = lint(NO_NEGATIVE);
  assert.deepEqual(shown(diagnostics), [
    'CW006 16:7-16:20 Cache `product` looks up externally supplied ids without a `negative` block: misses are not cached, so every request for an id that does not exist (typos, crawlers, attacks) reaches shop-db. Add `negative: { enabled: true, ttl: 30s }`.',
  ]);
  const fixed = applyEdits(NO_NEGATIVE, fixTitled(diagnostics[0], 'Add a `negative:` block (cache misses for 30s)').edits);
  assert.equal(fixed, NO_NEGATIVE.replace('        strategy: preload\n', '        strategy: preload\n      negative:\n        enabled: true\n        ttl: 30s\n        onError: serve_stale\n'));
  assert.deepEqual(shown(lint(fixed)), []);
});

test('CW006: internal lookups need no negative caching', () => {
  assert.deepEqual(shown(lint(change(NO_NEGATIVE, 'lookupBy: external', 'lookupBy: internal'))), []);
});

test('CW006: onError delete is an error at the value; the fix sets serve_stale', () => {
  const text = change(CLEAN, 'onError: serve_stale', 'onError: delete');
  const diagnostic = only(lint(text), 'CW006');
  assert.equal(diagnostic.message, '`negative.onError` is delete: a loader error then deletes the good entry, so while shop-db struggles every reader retries against it — the feedback loop of Facebook\'s 2010 outage. Use serve_stale or bypass_no_delete.');
  assert.deepEqual(diagnostic.range, { start: { line: 39, character: 17 }, end: { line: 39, character: 23 } });
  assert.equal(applyEdits(text, fixTitled(diagnostic, 'Set `negative.onError` to serve_stale').edits), CLEAN);
  assert.deepEqual(shown(lint(change(CLEAN, 'onError: serve_stale', 'onError: bypass_no_delete'))), []);
});

test('CW006: a negative TTL longer than the TTL, or negative caching disabled', () => {
  assert.deepEqual(shown(lint(change(CLEAN, '        ttl: 30s\n', '        ttl: 20m\n'))), [
    'CW006 39:14-39:17 `negative.ttl` is 20m, longer than `ttl.value` 10m: an id created after a miss stays "not found" longer than real data stays fresh. Keep it at or below the TTL.',
  ]);
  assert.deepEqual(shown(lint(change(CLEAN, '        ttl: 30s\n', '        ttl: 10m\n'))), []);
  assert.deepEqual(shown(lint(change(CLEAN, 'enabled: true', 'enabled: false'))), [
    'CW006 38:18-38:23 `negative.enabled` is false on cache `product`, which looks up externally supplied ids: misses are not cached, so every request for an id that does not exist (typos, crawlers, attacks) reaches shop-db.',
  ]);
});
