// mapScalar: where each character of a YAML string value is written in the file. Checked on the
// model's own parse (the spans it records), for literal blocks with every chomping indicator,
// explicit indentation, CRLF line breaks, trailing spaces, and for flow scalars; and undefined
// wherever the file does not spell the value out verbatim.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseFile } from '../../../src/core/document/parse';
import { mapScalar, type ScalarMap } from '../../../src/core/formats/blockScalar';

function mapped(text: string, pointer: string): { value: string; map: ScalarMap | undefined } {
  const doc = parseFile(text).documents[0];
  const value = pointer.split('/').slice(1).reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], doc.value) as string;
  return { value, map: mapScalar(text, doc.locations.get(pointer)!.value, value) };
}

/** Every non-newline character of the value is the file's character at its mapped offset. */
function assertExact(text: string, value: string, map: ScalarMap): void {
  for (let i = 0; i < value.length; i++) {
    if (value[i] === '\n') assert.ok(text[map.offset(i)] === '\n' || text.slice(map.offset(i), map.offset(i) + 2) === '\r\n', `line break ${i}`);
    else assert.equal(text[map.offset(i)], value[i], `character ${i}`);
  }
}

function spanOf(text: string, value: string, map: ScalarMap, word: string): string {
  const start = value.indexOf(word);
  const span = map.span({ start, end: start + word.length });
  return `${span.start}-${span.end} ${JSON.stringify(text.slice(span.start, span.end))}`;
}

test('literal |- block nested at indentation 6: words map to their file offsets', () => {
  const text = 'master:\n  configuration: |-\n      maxmemory 100mb\n      maxmemory-policy volatile-lru\n  resources: {}\n';
  const { value, map } = mapped(text, '/master/configuration');
  assert.equal(value, 'maxmemory 100mb\nmaxmemory-policy volatile-lru');
  assert.ok(map);
  assertExact(text, value, map);
  assert.equal(spanOf(text, value, map, 'volatile-lru'), `${text.indexOf('volatile-lru')}-${text.indexOf('volatile-lru') + 12} "volatile-lru"`);
  assert.deepEqual(map.block && { indent: map.block.indent, chomp: map.block.chomp, eol: map.block.eol, appendAt: map.block.appendAt, needsBreak: map.block.needsBreak },
    { indent: 6, chomp: 'strip', eol: '\n', appendAt: text.indexOf('  resources'), needsBreak: false });
});

test('literal | (clip) with blank lines and a comment line; the next key is not content', () => {
  const text = 'commonConfiguration: |\n  save ""\n\n  # no eviction yet\n  appendonly no\n\nmaster: {}\n';
  const { value, map } = mapped(text, '/commonConfiguration');
  assert.equal(value, 'save ""\n\n# no eviction yet\nappendonly no\n');
  assert.ok(map);
  assertExact(text, value, map);
  assert.equal(map.block?.appendAt, text.indexOf('\nmaster'));
  assert.equal(spanOf(text, value, map, 'appendonly no'), `${text.indexOf('appendonly')}-${text.indexOf('appendonly') + 13} "appendonly no"`);
});

test('|+ keeps trailing line breaks; each maps to the file\'s line break', () => {
  const text = 'a: |+\n  x\n\n\nb: 1\n';
  const { value, map } = mapped(text, '/a');
  assert.equal(value, 'x\n\n\n');
  assert.ok(map);
  assertExact(text, value, map);
  assert.deepEqual([map.offset(1), map.offset(2), map.offset(3)], [9, 10, 11]);
});

test('explicit indentation |2: spaces beyond the indicator are content, and map', () => {
  const text = 'a: |2\n    x\n   y\nb: 1\n';
  const { value, map } = mapped(text, '/a');
  assert.equal(value, '  x\n y\n');
  assert.ok(map);
  assertExact(text, value, map);
  assert.equal(map.block?.indent, 2);
  assert.equal(map.offset(0), 8);
});

test('CRLF line breaks and trailing spaces: content ends before \\r, trailing spaces are content', () => {
  const text = 'a: |\r\n  maxmemory 1gb  \r\n  maxmemory-policy allkeys-lru\r\n';
  const { value, map } = mapped(text, '/a');
  assert.equal(value, 'maxmemory 1gb  \nmaxmemory-policy allkeys-lru\n');
  assert.ok(map);
  assertExact(text, value, map);
  assert.equal(map.block?.eol, '\r\n');
  assert.equal(map.block?.appendAt, text.length);
  assert.equal(spanOf(text, value, map, 'allkeys-lru'), `${text.indexOf('allkeys-lru')}-${text.indexOf('allkeys-lru') + 11} "allkeys-lru"`);
});

test('a whitespace-only line inside the block (spaces beyond the indentation) maps as the parse reads it', () => {
  const text = 'a: |\n  x\n      \n  y\n';
  const { value, map } = mapped(text, '/a');
  assert.ok(map);
  assertExact(text, value, map);
  assert.equal(map.offset(value.indexOf('y')), text.indexOf('y'));
});

test('the last line without a line break (end of file)', () => {
  const text = 'a: |\n  x y';
  const { value, map } = mapped(text, '/a');
  assert.equal(value, 'x y\n');
  assert.ok(map);
  assert.equal(map.offset(2), text.indexOf('y'));
  assert.deepEqual({ appendAt: map.block?.appendAt, needsBreak: map.block?.needsBreak }, { appendAt: text.length, needsBreak: true });
});

test('flow scalars: plain and quoted single-line strings map; escapes, folded joins and multi-line plain scalars do not', () => {
  const text = "a: plain words  # c\nb: 'single q'\nc: \"double q\"\nd: \"tab\\there\"\ne: 'it''s'\nf: >\n  x\n  y\ng: plain\n  continued\nh: >\n  one line\n";
  const a = mapped(text, '/a');
  assert.equal(a.map?.offset(6), text.indexOf('words'));
  const b = mapped(text, '/b');
  assert.equal(b.map?.offset(0), text.indexOf('single'));
  const c = mapped(text, '/c');
  assert.equal(c.map?.span({ start: 7, end: 8 }).start, text.indexOf('double q') + 7);
  assert.equal(mapped(text, '/d').map, undefined);
  assert.equal(mapped(text, '/e').map, undefined);
  assert.equal(mapped(text, '/f').map, undefined, 'folded lines joined by a space');
  assert.equal(mapped(text, '/g').map, undefined, 'a plain scalar over two lines');
  const h = mapped(text, '/h');
  assert.equal(h.value, 'one line\n');
  assert.equal(h.map?.offset(4), text.indexOf('line'), 'a folded block with one line joins nothing');
  assert.equal(mapScalar(text, { start: 0, end: 1 }, 42), undefined, 'not a string');
});

test('a tag or an anchor before the block indicator', () => {
  const text = 'a: !!str |\n  x\nb: &conf |-\n  y z\n';
  assert.equal(mapped(text, '/a').map?.offset(0), text.indexOf('x'));
  assert.equal(mapped(text, '/b').map?.offset(2), text.indexOf('z'));
});
