import assert from 'node:assert/strict';
import { test } from 'node:test';
import { codeFrame, splitLines } from '../../../src/cli/codeFrame';

const range = (line: number, start: number, endLine: number, end: number) => ({ start: { line, character: start }, end: { line: endLine, character: end } });
const text = 'spec:\n  backends:\n    - name: redis\n      eviction: allkeys-lur\n  caches: []\n';

test('three lines around the problem, the range underlined with carets', () => {
  assert.deepEqual(codeFrame(splitLines(text), range(3, 16, 3, 27)), [
    '    3 |     - name: redis',
    '  > 4 |       eviction: allkeys-lur',
    '      |                 ^^^^^^^^^^^',
    '    5 |   caches: []',
  ]);
});

test('first line: no line before; an empty range still gets one caret', () => {
  assert.deepEqual(codeFrame(splitLines(text), range(0, 0, 0, 0)), ['  > 1 | spec:', '      | ^', '    2 |   backends:']);
});

test('a range over several lines is underlined to the end of its first line', () => {
  assert.deepEqual(codeFrame(splitLines(text), range(1, 2, 3, 5)).slice(1, 3), ['  > 2 |   backends:', '      |   ^^^^^^^^^']);
});

test('line numbers are right-aligned when the frame crosses a power of ten', () => {
  const lines = Array.from({ length: 12 }, (_, i) => `k${i + 1}: v`);
  assert.deepEqual(codeFrame(lines, range(9, 5, 9, 6)), ['     9 | k9: v', '  > 10 | k10: v', '       |      ^', '    11 | k11: v']);
});

test('tabs before the range are kept so the carets line up', () => {
  assert.deepEqual(codeFrame(['\tkey: value'], range(0, 6, 0, 11)), ['  > 1 | \tkey: value', '      | \t     ^^^^^']);
});

test('a very long line is cut to a window around the range', () => {
  const long = `${'x'.repeat(300)}BAD${'y'.repeat(300)}`;
  const [shown, carets] = codeFrame([long], range(0, 300, 0, 303), { maxWidth: 60 });
  assert.equal(shown, `  > 1 | …${'x'.repeat(20)}BAD${'y'.repeat(37)}…`);
  assert.equal(carets, `      | ${' '.repeat(21)}^^^`);
});

test('colour marks the line and the carets with ANSI codes', () => {
  const [, line, carets] = codeFrame(splitLines(text), range(3, 16, 3, 27), { color: true });
  assert.equal(line, '  \u001b[31m>\u001b[39m \u001b[2m4 |\u001b[22m       eviction: allkeys-lur');
  assert.equal(carets, '    \u001b[2m  |\u001b[22m                 \u001b[31m^^^^^^^^^^^\u001b[39m');
});

test('CRLF files: the carriage return is not part of the line', () => {
  assert.deepEqual(splitLines('a: 1\r\nb: 2\r\n'), ['a: 1', 'b: 2', '']);
});
