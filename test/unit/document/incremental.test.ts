// reparseAfterEdit must always equal a full parse of the edited text, and reuse the documents
// before the edit.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { reparseAfterEdit } from '../../../src/core/document/incremental';
import { parseFile } from '../../../src/core/document/parse';
import type { TextEdit } from '../../../src/core/types';
import { generateCacheConfig } from '../../../bench/cacheConfig';
import { seededRandom, YamlGenerator } from './yamlCorpus';

function editAt(text: string, lines: ReturnType<typeof parseFile>['lines'], start: number, end: number, newText: string): TextEdit {
  return { range: { start: lines.positionAt(start), end: lines.positionAt(end) }, newText };
}

test('an edit in the third document reuses the first two and re-parses the rest', () => {
  const text = '---\na: 1\n---\nb: [2]\n---\nc:\n  d: 3\n---\ne: 4\n';
  const previous = parseFile(text);
  const at = text.indexOf('3');
  const next = reparseAfterEdit(previous, editAt(text, previous.lines, at, at + 1, '30'));
  assert.equal(next.text, '---\na: 1\n---\nb: [2]\n---\nc:\n  d: 30\n---\ne: 4\n');
  assert.equal(next.documents[0], previous.documents[0]);
  assert.equal(next.documents[1], previous.documents[1]);
  assert.deepEqual(next.documents.map((d) => d.value), [{ a: 1 }, { b: [2] }, { c: { d: 30 } }, { e: 4 }]);
  assert.deepEqual(next.documents[3].span, { start: 35, end: 44 });
  assert.deepEqual(next.documents, parseFile(next.text).documents);
});

test('an edit that removes a `---` line merges documents correctly', () => {
  const text = '---\na: 1\n---\nb: 2\n';
  const previous = parseFile(text);
  const next = reparseAfterEdit(previous, editAt(text, previous.lines, 9, 13, ''));
  assert.equal(next.text, '---\na: 1\nb: 2\n');
  assert.deepEqual(next.documents, parseFile(next.text).documents);
  assert.deepEqual(next.documents.map((d) => d.value), [{ a: 1, b: 2 }]);
});

test('random edits of multi-document files: always equal to a full parse', () => {
  const random = seededRandom(4242);
  const generator = new YamlGenerator(random);
  const config = generateCacheConfig(90);
  let reused = 0;
  for (let i = 0; i < 300; i++) {
    const docs: string[] = [];
    const count = 2 + Math.floor(random() * 4);
    // Mostly realistic configs (the fast path takes them), some generated corner cases.
    for (let d = 0; d < count; d++) docs.push('---\n' + (random() < 0.8 ? config : generator.blockMap(0, 0)));
    const text = docs.join('');
    const previous = parseFile(text);
    const start = Math.floor(random() * text.length);
    const end = Math.min(text.length, start + Math.floor(random() * 6));
    const insert = ['', 'x', ': ', '\n', '---\n', '  ', '1', '#'][Math.floor(random() * 8)];
    const next = reparseAfterEdit(previous, editAt(text, previous.lines, start, end, insert));
    assert.deepEqual(next.documents, parseFile(next.text).documents, `edit [${start}, ${end}) → ${JSON.stringify(insert)} in ${JSON.stringify(text)}`);
    if (previous.documents.length && next.documents[0] === previous.documents[0]) reused++;
  }
  // Edits that break the document fall back to a full parse; many still reuse the prefix.
  assert.ok(reused >= 30, `only ${reused} of 300 edits reused a document`);
});
