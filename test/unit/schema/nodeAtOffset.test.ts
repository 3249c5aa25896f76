// nodeAtOffset descends the tree instead of looking at every node; it must find exactly what a
// look at every node finds, at every offset of real configs (block, flow, JSON, multi-document).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { generateCacheConfig } from '../../../bench/cacheConfig';
import { segmentsOf, type ParsedFile } from '../../../src/core/document/model';
import { parseFile } from '../../../src/core/document/parse';
import { documentAt, nodeAtOffset, valueAt } from '../../../src/core/schema/nodeAtOffset';
import type { Span } from '../../../src/core/types';

const REPO = path.resolve(__dirname, '..', '..', '..', '..');

/** The reference: every node of the document, the smallest key or value holding the offset. */
function byLookingAtEveryNode(parsed: ParsedFile, offset: number) {
  const doc = documentAt(parsed, offset);
  if (!doc) return undefined;
  let best: { pointer: string; onKey: boolean; span: Span } | undefined;
  const better = (span: Span) => !best || span.end - span.start < best.span.end - best.span.start;
  for (const [pointer, { key, value }] of doc.locations) {
    if (key && key.start <= offset && offset <= key.end && better(key)) best = { pointer, onKey: true, span: key };
    if (value.start <= offset && offset <= value.end && value.end > value.start && better(value)) best = { pointer, onKey: false, span: value };
  }
  if (!best) return undefined;
  const value = valueAt(doc.value, segmentsOf(best.pointer));
  if (!best.onKey && value !== null && typeof value === 'object') return undefined;
  return { pointer: best.pointer, onKey: best.onKey, span: best.span };
}

const sources: Record<string, string> = {
  'catalog.cache.yaml': fs.readFileSync(path.join(REPO, 'examples/services/catalog/catalog.cache.yaml'), 'utf8'),
  'catalog-search.cache.json': fs.readFileSync(path.join(REPO, 'examples/services/catalog/catalog-search.cache.json'), 'utf8'),
  'catalog-info.yaml (multi-document)': fs.readFileSync(path.join(REPO, 'examples/catalog-info.yaml'), 'utf8'),
  'flow and aliases': 'base: &b { ttl: 5m, keys: [a, "b c", {x: 1}] }\nother: *b\nlist:\n  - { name: x, value: [1, 2] }\n  - plain\n',
  'generated, 600 lines': generateCacheConfig(600),
};

for (const [name, text] of Object.entries(sources)) {
  test(`nodeAtOffset finds what looking at every node finds, at every offset: ${name}`, () => {
    const parsed = parseFile(text);
    let found = 0;
    for (let offset = 0; offset <= text.length; offset++) {
      const fast = nodeAtOffset(parsed, offset);
      const reference = byLookingAtEveryNode(parsed, offset);
      assert.deepEqual(fast && { pointer: fast.pointer, onKey: fast.onKey, span: fast.span }, reference, `offset ${offset}`);
      if (fast) found++;
    }
    assert.ok(found > text.length / 3, `a node under most offsets (${found} of ${text.length})`);
  });
}

/** The text with `|` marks removed and the offsets of the marks. */
function marked(source: string): { text: string; offsets: number[] } {
  const offsets: number[] = [];
  let text = '';
  for (const ch of source) {
    if (ch === '|') offsets.push(text.length);
    else text += ch;
  }
  return { text, offsets };
}

test('nodeAtOffset: literal pointers at marked offsets (keys, values, items of long lists, flow, second document)', () => {
  const items = Array.from({ length: 40 }, (_, i) => `    - name: c${i}\n      ttl: ${i}m\n`).join('');
  const { text, offsets } = marked(
    `spec:\n  caches:\n${items}    - name: la|st\n      tr|iggers: [a, { on: db_|change, max|KeysPerEvent: 1 }]\n  backends: [redis]\n---\nsec|ond: [x, "y |z"]\n`,
  );
  // And inside the 40-item list: the key of item 17, the value of item 39.
  const inList = [text.indexOf('name: c17') + 2, text.indexOf('39m') + 1];
  const parsed = parseFile(text);
  const at = (offset: number) => {
    const node = nodeAtOffset(parsed, offset);
    return node && `${node.onKey ? 'key' : 'value'} ${node.pointer}`;
  };
  assert.deepEqual([...offsets, ...inList].map(at), [
    'value /spec/caches/40/name',
    'key /spec/caches/40/triggers',
    'value /spec/caches/40/triggers/1/on',
    'key /spec/caches/40/triggers/1/maxKeysPerEvent',
    'key /second',
    'value /second/1',
    'key /spec/caches/17/name',
    'value /spec/caches/39/ttl',
  ]);
  // Twice on the same parse (the members of each container are remembered): the same answers.
  assert.deepEqual([...offsets, ...inList].map(at), [...offsets, ...inList].map(at));
});

test('nodeAtOffset: sequence items written out of order, or outside their parent, are still found', () => {
  // A hand-made model (no parser writes one like it): the binary search over items must not be
  // trusted when item spans are not in order, and a node outside its parent's extent is found by
  // looking at every node.
  const span = (start: number, end: number): Span => ({ start, end });
  const text = 'x'.repeat(100);
  const doc = {
    index: 0,
    span: span(0, 100),
    value: { list: ['a', 'b', 'c', 'd'], far: 'e' },
    locations: new Map([
      ['', { value: span(0, 41) }],
      ['/list', { key: span(0, 4), value: span(6, 40) }],
      ['/list/0', { value: span(30, 32) }],
      ['/list/1', { value: span(10, 12) }],
      ['/list/2', { value: span(20, 22) }],
      ['/list/3', { value: span(50, 52) }],
      ['/far', { key: span(42, 45), value: span(80, 85) }],
    ]),
    syntaxErrors: [],
  };
  const parsed = { ...parseFile(text), documents: [doc] } as ParsedFile;
  const at = (offset: number) => nodeAtOffset(parsed, offset)?.pointer;
  assert.deepEqual([31, 11, 21, 51, 43, 82].map(at), ['/list/0', '/list/1', '/list/2', '/list/3', '/far', '/far']);
  for (let offset = 0; offset <= 100; offset++) {
    const fast = nodeAtOffset(parsed, offset);
    assert.deepEqual(fast && { pointer: fast.pointer, onKey: fast.onKey, span: fast.span }, byLookingAtEveryNode(parsed, offset), `offset ${offset}`);
  }
});
