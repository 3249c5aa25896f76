// Completion in JSON configs (and flow-style YAML): keys inside `{…}` written as `"key": ` with a
// value skeleton, values after `"key": ` JSON-encoded, and the typed part (with its quotes) replaced.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { completeAt, type CompletionItem } from '../../../src/core/schema/completion';
import { flowContextAt } from '../../../src/core/schema/flowPath';
import { SchemaRegistry } from '../../../src/core/schema/schemaRegistry';
import { CACHE_LAYER_ID, parsedOf, withCaret } from './helpers';

const registry = new SchemaRegistry();

function complete(marked: string): CompletionItem[] {
  const { text, offset } = withCaret(marked);
  return completeAt(parsedOf(text, '/work/x.cache.json'), offset, CACHE_LAYER_ID, registry);
}

const CONFIG = (backend: string) => `{
  "apiVersion": "cache-warden/v1",
  "kind": "CacheLayer",
  "metadata": { "service": "s", "owner": "o", "docs": "d.md" },
  "spec": {
    "backends": [ ${backend} ],
    "caches": []
  }
}
`;

test('keys inside a JSON object: the ones not yet written, as "key": with a value skeleton', () => {
  const items = complete(CONFIG('{ "name": "r", |, "maxMemory": "1Gi" }'));
  const labels = items.map((i) => i.label).sort();
  assert.deepEqual(labels, ['containerMemoryLimit', 'deployedBy', 'eviction', 'role', 'type']);
  const eviction = items.find((i) => i.label === 'eviction')!;
  assert.equal(
    eviction.insertText,
    '"eviction": ${1|"noeviction","allkeys-lru","allkeys-lfu","allkeys-random","volatile-lru","volatile-lfu","volatile-random","volatile-ttl"|}',
  );
  assert.equal(items.find((i) => i.label === 'containerMemoryLimit')!.insertText, '"containerMemoryLimit": "$1"');
  assert.deepEqual(eviction.replaceRange, { start: { line: 5, character: 33 }, end: { line: 5, character: 33 } });
  assert.ok(eviction.documentation?.includes('allkeys-lru'), 'the key carries its docs');
});

test('a key being typed inside quotes replaces the quotes the editor closed', () => {
  const items = complete(CONFIG('{ "name": "r", "evi|" }'));
  assert.ok(items.some((i) => i.label === 'eviction'));
  assert.deepEqual(items[0].replaceRange, { start: { line: 5, character: 33 }, end: { line: 5, character: 38 } });
  assert.equal(items.find((i) => i.label === 'eviction')!.filterText, '"eviction"');
});

test('values after "key": are the allowed values, JSON-encoded', () => {
  const items = complete(CONFIG('{ "name": "r", "type": "redis", "eviction": | }'));
  assert.deepEqual(items.map((i) => i.label), ['"noeviction"', '"allkeys-lru"', '"allkeys-lfu"', '"allkeys-random"', '"volatile-lru"', '"volatile-lfu"', '"volatile-random"', '"volatile-ttl"']);
  assert.deepEqual(items[1].insertText, '"allkeys-lru"');
  const booleans = complete(CONFIG('{ "name": "r" } ], "caches": [ { "name": "c", "enabled": | } ], "x": [ {}'));
  assert.deepEqual(booleans.map((i) => i.label), ['true', 'false']);
});

test('the flow scanner tracks objects, arrays, strings with brackets and escaped quotes', () => {
  const { text, offset } = withCaret('{ "a": { "b": [ "x]", { "c\\"": 1, |');
  assert.deepEqual(flowContextAt(text, offset), { path: ['a', 'b', 1], at: 'key', keysBefore: new Set(['c"']), wordStart: offset });
  const value = withCaret('{ "a": [1, 2, |');
  assert.deepEqual(flowContextAt(value.text, value.offset), { path: ['a', 2], at: 'value', keysBefore: new Set(), wordStart: value.offset });
});

test('stray delimiters (a colon in an array, unmatched brackets) never stop the scanner', () => {
  for (const marked of ['[ : : |', '{ "a": [ 1 : 2, |', '] } { |', ': |', '{ "a" "b" : |']) {
    const { text, offset } = withCaret(marked);
    flowContextAt(text, offset);
  }
  const { text, offset } = withCaret('{ "a": [ 1 : 2, |');
  assert.deepEqual(flowContextAt(text, offset)?.path, ['a', 1], 'one comma before the cursor: the second item');
});
