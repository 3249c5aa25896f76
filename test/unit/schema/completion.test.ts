import assert from 'node:assert/strict';
import { test } from 'node:test';
import { completeAt, type CompletionItem } from '../../../src/core/schema/completion';
import { SchemaRegistry } from '../../../src/core/schema/schemaRegistry';
import { CACHE_LAYER_ID, fixtureSchemaId, parsedOf, withCaret } from './helpers';

const registry = new SchemaRegistry();
const DOCUMENTED = fixtureSchemaId('documented.schema.json');

function complete(marked: string, schemaId = DOCUMENTED): CompletionItem[] {
  const { text, offset } = withCaret(marked);
  return completeAt(parsedOf(text, '/work/x.yaml'), offset, schemaId, registry);
}

const at = (line: number, from: number, to = from) => ({ start: { line, character: from }, end: { line, character: to } });

test('empty line in a mapping: the properties not yet written, with their docs and a value skeleton', () => {
  assert.deepEqual(complete('service:\n  name: x\n  |\n  regions: [eu]\n'), [
    { label: 'cache', kind: 'property', insertText: 'cache:\n    $1', isSnippet: true, detail: 'Cache', sortText: '1cache', replaceRange: at(2, 2) },
    { label: 'routes', kind: 'property', insertText: 'routes:\n    - $1', isSnippet: true, sortText: '1routes', replaceRange: at(2, 2) },
  ]);
});

test('a key being typed on an unfinished line (the parse fails there) is completed from indentation', () => {
  const items = complete('service:\n  cache:\n    enabled: true\n    ev|\n');
  assert.deepEqual(items.map((i) => [i.label, i.insertText, i.replaceRange]), [
    ['eviction', 'eviction: ${1|noeviction,allkeys-lru,volatile-ttl|}', at(3, 4, 6)],
    ['ttl', 'ttl: $1', at(3, 4, 6)],
  ]);
  assert.equal(items[0].documentation, 'What the cache removes when **full**.');
});

test('after `eviction: `: the allowed values with their descriptions, default first', () => {
  assert.deepEqual(complete('service:\n  cache:\n    eviction: |\n'), [
    { label: 'noeviction', kind: 'value', insertText: 'noeviction', isSnippet: false, documentation: 'Never evict: writes fail.', sortText: '10000', replaceRange: at(2, 14) },
    { label: 'allkeys-lru', kind: 'value', insertText: 'allkeys-lru', isSnippet: false, documentation: 'Least recently used among **all** keys.', detail: 'default', sortText: '00001', replaceRange: at(2, 14) },
    { label: 'volatile-ttl', kind: 'value', insertText: 'volatile-ttl', isSnippet: false, documentation: 'Shortest TTL first.', sortText: '10002', replaceRange: at(2, 14) },
  ]);
  assert.deepEqual(complete('service:\n  cache:\n    eviction: all|\n').map((i) => i.replaceRange), [at(2, 14, 17), at(2, 14, 17), at(2, 14, 17)]);
});

test('booleans, and examples when there is no fixed set of values', () => {
  assert.deepEqual(complete('service:\n  cache:\n    enabled: |\n').map((i) => i.label), ['true', 'false']);
  assert.deepEqual(complete('service:\n  cache:\n    ttl: |\n').map((i) => [i.label, i.detail]), [['30s', 'example'], ['10m', 'example']]);
});

test('inside a list item: the item\'s properties and the list\'s snippet, indented to the item', () => {
  assert.deepEqual(complete('service:\n  routes:\n    - path: /a\n    - |\n').map((i) => [i.label, i.kind, i.insertText]), [
    ['path', 'property', 'path: $1'],
    ['timeout', 'property', 'timeout: $1'],
    ['retry', 'property', 'retry:\n        $1'],
    ['New route', 'snippet', 'path: ${1:/}\n      timeout: ${2:1s}\n      retry:\n        attempts: ${3:2}'],
  ]);
  assert.deepEqual(complete('service:\n  routes:\n    - path: /a\n      |\n').map((i) => i.label), ['timeout', 'retry']);
  assert.deepEqual(complete('service:\n  regions:\n    - |\n').map((i) => [i.label, i.documentation]), [['eu', 'Europe'], ['us', 'United States']]);
});

test('an empty line under a list key offers whole new items as snippets', () => {
  assert.deepEqual(complete('service:\n  routes:\n    |\n'), [
    {
      label: 'New route',
      kind: 'snippet',
      insertText: '- path: ${1:/}\n      timeout: ${2:1s}\n      retry:\n        attempts: ${3:2}',
      isSnippet: true,
      documentation: 'A route with a path and a timeout.',
      detail: 'snippet',
      sortText: '2New route',
      replaceRange: at(2, 4),
    },
  ]);
});

test('renaming an existing key inserts the name only', () => {
  assert.deepEqual(complete('service:\n  cache:\n    evic|tion: allkeys-lru\n').map((i) => [i.label, i.insertText, i.isSnippet, i.replaceRange]), [
    ['eviction', 'eviction', false, at(2, 4, 12)],
    ['ttl', 'ttl', false, at(2, 4, 12)],
    ['enabled', 'enabled', false, at(2, 4, 12)],
  ]);
});

test('cache layer: a new cache entry from the schema\'s snippets, indented under `caches:`', () => {
  const text = 'apiVersion: cache-warden/v1\nkind: CacheLayer\nmetadata:\n  service: s\nspec:\n  caches:\n    - name: a\n      backend: r\n    - |\n';
  const items = complete(text, CACHE_LAYER_ID);
  const cold = items.find((i) => i.label === 'New cold cache');
  assert.equal(cold?.insertText, 'name: ${1:name}\n      backend: ${2:backend}\n      criticality: cold\n      ttl:\n        value: ${3:5m}');
  const names = items.filter((i) => i.kind === 'property').map((i) => i.label);
  assert.deepEqual(names.slice(0, 2), ['name', 'backend']);
  assert.ok(names.includes('ttl') && names.includes('criticality'));
  assert.deepEqual(items.filter((i) => i.sortText?.startsWith('0')).map((i) => i.label), ['name', 'backend']);
});

test('nothing is offered in a comment or inside a value that is not a key position', () => {
  assert.deepEqual(complete('service:\n  # a comm|ent\n'), []);
  assert.deepEqual(complete('service:\n  name: "a b|"\n'), []);
});
