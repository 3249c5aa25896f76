import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyEdits, fixTitled, lint, only, othersThan, shown } from './helpers';
import { parseFile } from '../../../src/core/document/parse';

const JSON_FILE = `{
  "apiVersion": "cache-warden/v1",
  "kind": "CacheLayer",
  "metadata": { "service": "shop-service", "owner": "team-shop", "docs": "docs/shop.md" },
  "spec": {
    "backends": [
      { "name": "shop-redis", "type": "redis", "maxMemory": "4Gi", "eviction": "noeviction" }
    ],
    "caches": [
      {
        "name": "product",
        "backend": "shop-redis",
        "criticality": "cold",
        "fronts": { "name": "shop-db", "params": ["id"], "lookupBy": "external" },
        "key": { "template": "shop:product" },
        "ttl": { "value": "10m" },
        "capacity": { "maxEntries": 50000 }
      }
    ]
  }
}
`;

const PATH = 'services/shop.cache.json';

function fixAndRecheck(code: string, title: string): string {
  const diagnostics = lint(JSON_FILE, { filePath: PATH });
  const diagnostic = only(diagnostics, code);
  assert.equal(diagnostic.fixes?.some((f) => f.title.startsWith('Suppress')), false, 'JSON has no comments, so no suppression fix');
  const fixed = applyEdits(JSON_FILE, fixTitled(diagnostic, title).edits);
  assert.doesNotThrow(() => JSON.parse(fixed), 'the fixed file is still JSON');
  const after = lint(fixed, { filePath: PATH });
  assert.deepEqual(othersThan(after, code), othersThan(diagnostics, code), 'nothing new appears');
  return fixed;
}

test('JSON: setting eviction keeps JSON quoting', () => {
  const fixed = fixAndRecheck('CW007', 'Set `eviction: allkeys-lru`');
  assert.equal(fixed, JSON_FILE.replace('"eviction": "noeviction"', '"eviction": "allkeys-lru"'));
  assert.deepEqual(shown(lint(fixed, { filePath: PATH }), 'CW007'), []);
});

test('JSON: adding jitter inserts a JSON member inside the braces', () => {
  const text = JSON_FILE;
  const diagnostics = lint(text, { filePath: PATH });
  assert.deepEqual(shown(diagnostics, 'CW004'), [
    'CW004 16:27-16:32 `ttl.value` is 10m with no `ttl.jitter` on cache `product` (up to 50,000 entries): entries written together expire together, and shop-db takes every refill in the same moment. Add `jitter: 10%`.',
  ]);
  const fixed = fixAndRecheck('CW004', 'Add `ttl.jitter: 10%`');
  assert.equal(fixed, JSON_FILE.replace('"ttl": { "value": "10m" }', '"ttl": { "value": "10m", "jitter": "10%" }'));
});

test('JSON: adding a negative block and a key placeholder', () => {
  const negative = fixAndRecheck('CW006', 'Add a `negative:` block (cache misses for 30s)');
  assert.equal(negative, JSON_FILE.replace('"capacity": { "maxEntries": 50000 }', '"capacity": { "maxEntries": 50000 },\n        "negative": {"enabled": true, "ttl": "30s", "onError": "serve_stale"}'));
  const key = fixAndRecheck('CW005', 'Add `{id}` to `key.template`');
  assert.equal(key, JSON_FILE.replace('"shop:product"', '"shop:product:{id}"'));
});

test('a fix on a multi-document file edits only its own document', () => {
  const second = `apiVersion: cache-warden/v1
kind: CacheLayer
metadata: { service: b, owner: team-b, docs: docs/b.md }
spec:
  backends:
    - { name: b-redis, type: redis, maxMemory: 1Gi, eviction: allkeys-lru }
  caches:
    - name: b-cache
      backend: b-redis
      criticality: cold
      ttl:
        value: 10m
      capacity: { maxEntries: 20000 }
`;
  const text = `${second.replace(/b-/g, 'a-').replace('service: b,', 'service: a,')}---\n${second}`;
  assert.equal(parseFile(text).documents.length, 2);
  const diagnostics = lint(text).filter((d) => d.code === 'CW004');
  assert.equal(diagnostics.length, 2);
  const fixed = applyEdits(text, fixTitled(diagnostics[1], 'Add `ttl.jitter: 10%`').edits);
  assert.equal(fixed, text.slice(0, text.indexOf('---')) + text.slice(text.indexOf('---')).replace('        value: 10m\n', '        value: 10m\n        jitter: 10%\n'));
  assert.deepEqual(shown(lint(fixed), 'CW004').length, 1);
});

test('rules do not crash on wrong types and skip documents with syntax errors', () => {
  const wrong = `apiVersion: cache-warden/v1
kind: CacheLayer
metadata: "nobody"
spec:
  backends: { name: x }
  caches:
    - 42
    - name: [1, 2]
      backend: 7
      criticality: [hot]
      ttl: 10m
      fronts: { params: "a", variesBy: 3, lookupBy: external }
      key: { template: 5, ignoredParams: [null] }
      negative: "yes"
      capacity: { maxEntries: "many", workingSet: 3 }
      invalidation: { triggers: [null, 3, { scope: all }] }
`;
  const diagnostics = lint(wrong);
  assert.equal(diagnostics.some((d) => d.code === 'rule-failed'), false, diagnostics.map((d) => d.message).join('\n'));
  assert.deepEqual(shown(lint('apiVersion: cache-warden/v1\nkind: CacheLayer\nspec: [\n')), []);
});
