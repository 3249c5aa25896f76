// The fast parse path on representative inputs: exact values and spans, and what it declines.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseFast } from '../../../src/core/document/fastParser';
import { LineIndex } from '../../../src/core/document/lineIndex';
import { locationOf, type DocumentModel } from '../../../src/core/document/model';
import { parseFile } from '../../../src/core/document/parse';

function fast(text: string): DocumentModel[] {
  const docs = parseFast(text, new LineIndex(text));
  assert.ok(docs, `the fast path declined ${JSON.stringify(text)}`);
  return docs;
}

function spans(doc: DocumentModel): Record<string, [number, number] | [number, number, number, number]> {
  const out: Record<string, [number, number] | [number, number, number, number]> = {};
  for (const [pointer, loc] of doc.locations) {
    out[pointer] = loc.key ? [loc.key.start, loc.key.end, loc.value.start, loc.value.end] : [loc.value.start, loc.value.end];
  }
  return out;
}

test('block mappings, a comment, an empty value (null) and a flow list', () => {
  const text = 'a: 1\nb:\n  c: x   # hi\n  d:\ne: [1, "two", {f: g}]\n';
  const [doc] = fast(text);
  assert.deepEqual(doc.value, { a: 1, b: { c: 'x', d: null }, e: [1, 'two', { f: 'g' }] });
  assert.deepEqual(doc.span, { start: 0, end: 49 });
  assert.deepEqual(doc.syntaxErrors, []);
  assert.deepEqual(spans(doc), {
    '': [0, 49],
    '/a': [0, 1, 3, 4],
    '/b': [5, 6, 10, 26],
    '/b/c': [10, 11, 13, 14],
    // `d:` with nothing after it: null, located right after the colon.
    '/b/d': [24, 25, 26, 26],
    '/e': [27, 28, 30, 48],
    '/e/0': [31, 32],
    '/e/1': [34, 39],
    '/e/2': [41, 47],
    '/e/2/f': [42, 43, 45, 46],
  });
});

test('sequences: anchors, aliases resolved into the value, compact mappings', () => {
  const text = '- &x foo\n- *x\n- k: v\n  j: w\n';
  const [doc] = fast(text);
  assert.deepEqual(doc.value, ['foo', 'foo', { k: 'v', j: 'w' }]);
  assert.deepEqual(spans(doc), {
    '': [0, 28],
    '/0': [5, 8],
    '/1': [11, 13],
    '/2': [16, 28],
    '/2/k': [16, 17, 19, 20],
    '/2/j': [23, 24, 26, 27],
  });
});

test('content reached through an alias has no locations of its own: it maps to the alias', () => {
  const text = 'base: &b\n  ttl: 5m\ncopy: *b\n';
  const [doc] = fast(text);
  assert.deepEqual(doc.value, { base: { ttl: '5m' }, copy: { ttl: '5m' } });
  assert.equal(doc.locations.has('/copy/ttl'), false);
  assert.deepEqual(locationOf(doc, '/copy/ttl'), { pointer: '/copy', location: { key: { start: 19, end: 23 }, value: { start: 25, end: 27 } } });
});

test('a sequence at the same indentation as its key, and nested compact sequences', () => {
  const [doc] = fast('caches:\n- name: a\n  ttl: 1m\n- - x\n  - y\nowner: me\n');
  assert.deepEqual(doc.value, { caches: [{ name: 'a', ttl: '1m' }, ['x', 'y']], owner: 'me' });
  assert.deepEqual(doc.locations.get('/caches'), { key: { start: 0, end: 6 }, value: { start: 8, end: 40 } });
  assert.deepEqual(doc.locations.get('/caches/1/1'), { value: { start: 38, end: 39 } });
});

test('several documents: spans, and each document its own anchors', () => {
  const docs = fast('---\na: 1\n---\n- 1\n');
  assert.equal(docs.length, 2);
  assert.deepEqual(docs.map((d) => [d.index, d.span, d.value]), [
    [0, { start: 0, end: 9 }, { a: 1 }],
    [1, { start: 9, end: 17 }, [1]],
  ]);
  assert.deepEqual(spans(docs[1]), { '': [13, 17], '/0': [15, 16] });
});

test('a JSON file takes the fast path, spans include the quotes', () => {
  const text = '{"name": "n", "list": [1, 2.5, true, null], "o": {}}';
  const [doc] = fast(text);
  assert.deepEqual(doc.value, { name: 'n', list: [1, 2.5, true, null], o: {} });
  assert.deepEqual(spans(doc), {
    '': [0, 52],
    '/name': [1, 7, 9, 12],
    '/list': [14, 20, 22, 42],
    '/list/0': [23, 24],
    '/list/1': [26, 29],
    '/list/2': [31, 35],
    '/list/3': [37, 41],
    '/o': [44, 47, 49, 51],
  });
});

test('pretty-printed JSON (tabs, CRLF) and JSON escapes', () => {
  const text = '{\r\n\t"a": "x\\"y\\\\z\\n\\u00e9\\/",\r\n\t"b": [\r\n\t\t-1.5e3\r\n\t]\r\n}\r\n';
  const [doc] = fast(text);
  assert.deepEqual(doc.value, { a: 'x"y\\z\né/', b: [-1500] });
  assert.deepEqual(doc.locations.get('/b/0'), { value: { start: 42, end: 48 } });
});

test('plain scalars are typed by the YAML 1.2 core schema', () => {
  const cases: [string, unknown][] = [
    ['~', null], ['null', null], ['Null', null], ['NULL', null], ['nULL', 'nULL'],
    ['true', true], ['True', true], ['TRUE', true], ['false', false], ['FALSE', false], ['yes', 'yes'], ['on', 'on'],
    ['0', 0], ['-7', -7], ['+7', 7], ['007', 7], ['0o17', 15], ['0x1F', 31], ['0b101', '0b101'], ['1_000', '1_000'],
    ['1.5', 1.5], ['.5', 0.5], ['1.', 1], ['1e3', 1000], ['-2.5E-3', -0.0025],
    ['.inf', Infinity], ['-.Inf', -Infinity], ['+.INF', Infinity], ['.nan', NaN], ['NaN', 'NaN'],
    ['12:30', '12:30'], ['5m', '5m'], ['http://x.test/a?b=c', 'http://x.test/a?b=c'], ['a#b', 'a#b'],
  ];
  const text = cases.map(([source], i) => `k${i}: ${source}`).join('\n') + '\n';
  const [doc] = fast(text);
  const value = doc.value as Record<string, unknown>;
  cases.forEach(([source, expected], i) => assert.deepEqual(value[`k${i}`], expected, `${source}`));
});

test('keys are named as the reference parser names them (typed, then String())', () => {
  const [doc] = fast('1: a\n0x10: b\n"quoted key": c\n\'it\'\'s\': d\nx/y: e\n');
  assert.deepEqual(Object.keys(doc.value as object), ['1', '16', 'quoted key', "it's", 'x/y']);
  assert.deepEqual(doc.locations.get('/x~1y'), { key: { start: 40, end: 43 }, value: { start: 45, end: 46 } });
});

test('comment lines after the last value move collection ends the way the reference parser does', () => {
  // A comment at the indentation of `b:`'s mapping joins that mapping: the root now ends after it.
  const [trailing] = fast('a:\n  b:\n    c: 1\n  # x\n');
  assert.deepEqual(spans(trailing), { '': [0, 23], '/a': [0, 1, 5, 17], '/a/b': [5, 6, 12, 17], '/a/b/c': [12, 13, 15, 16] });
  // An empty value followed by a comment ends at the next token (`d`), and so does its mapping.
  const [empty] = fast('a:\n  b:\n    c: # x\n  d: 1');
  assert.deepEqual(spans(empty), { '': [0, 25], '/a': [0, 1, 5, 25], '/a/b': [5, 6, 12, 21], '/a/b/c': [12, 13, 15, 15], '/a/d': [21, 22, 24, 25] });
});

test('what the fast path declines goes to the reference parser, which reports syntax errors', () => {
  const declined = [
    'a: !!str 1\n', 'a: |\n  text\n', 'a: >\n  text\n', 'a: multi\n  line\n', 'a: "multi\n  line"\n', '? complex\n: key\n',
    'a:\n\tb: 1\n', '%YAML 1.2\n---\na: 1\n', 'a: 1\na: 2\n', '<<: *x\n', 'a: [1, 2,]\n', 'a: *missing\n',
  ];
  for (const text of declined) assert.equal(parseFast(text, new LineIndex(text)), undefined, JSON.stringify(text));
  const duplicate = parseFile('a: 1\na: 2\n').documents[0];
  assert.deepEqual(duplicate.syntaxErrors.map((d) => [d.code, d.message, d.range]), [
    ['yaml-duplicate-key', 'Map keys must be unique', { start: { line: 1, character: 0 }, end: { line: 1, character: 1 } }],
  ]);
});

test('an empty file or one with only comments has no documents', () => {
  assert.deepEqual(fast(''), []);
  assert.deepEqual(fast('# nothing here\n\n'), []);
  assert.deepEqual(parseFile('# nothing here\n').documents, []);
});

test('parseFile uses the fast path result when it accepts', () => {
  const text = 'a: [1, {b: c}]\n';
  assert.deepEqual(parseFile(text).documents, fast(text));
});
