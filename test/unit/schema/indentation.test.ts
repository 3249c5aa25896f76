import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mappingPathAt, siblingKeys } from '../../../src/core/schema/indentationPath';
import { needsQuotes, snippetLines } from '../../../src/core/schema/snippetYaml';
import { closestMatch } from '../../../src/core/schema/didYouMean';

/** The mapping path at the `|` caret, from indentation only. */
function pathAt(marked: string): (string | number)[] | undefined {
  const lines = marked.split('\n');
  const line = lines.findIndex((l) => l.includes('|'));
  const before = lines[line].slice(0, lines[line].indexOf('|'));
  lines[line] = before;
  const dash = /^\s*-\s+$/.test(before) || /^\s*-\s+\S*$/.test(before);
  const col = before.replace(/^\s*-\s+/, (m) => ' '.repeat(m.length)).length - (before.trimStart().replace(/^-\s+/, '').length);
  return mappingPathAt((l) => lines[l], line, col, dash);
}

test('the path of the mapping at the cursor, through nested mappings and list items', () => {
  assert.deepEqual(pathAt('spec:\n  caches:\n    - name: a\n      |'), ['spec', 'caches', 0]);
  assert.deepEqual(pathAt('spec:\n  caches:\n    - name: a\n    - name: b\n      ttl:\n        |'), ['spec', 'caches', 1, 'ttl']);
  assert.deepEqual(pathAt('spec:\n  caches:\n    - name: a\n    - |'), ['spec', 'caches', 1]);
  assert.deepEqual(pathAt('spec:\n  |'), ['spec']);
  assert.deepEqual(pathAt('|'), []);
});

test('compact lists (dash at the key\'s column), comments and blank lines are followed', () => {
  assert.deepEqual(pathAt('caches:\n- name: a\n  # note\n\n  |'), ['caches', 0]);
  assert.deepEqual(pathAt('a:\n  b:\n    # c:\n\n    |'), ['a', 'b']);
});

test('a parent that is not a block (a scalar or flow value) gives no path', () => {
  assert.equal(pathAt('a: 1\n  |'), undefined);
});

test('the keys already written in the mapping, above and below the cursor', () => {
  const lines = ['spec:', '  caches:', '    - name: a', '      backend: r', '      ', '      ttl:', '        value: 1m', '    - name: b'];
  assert.deepEqual([...siblingKeys((l) => lines[l], lines.length, 4, 6, false)].sort(), ['backend', 'name', 'ttl']);
});

test('snippet bodies become block YAML; placeholders stay, `^` values are unquoted, odd strings are quoted', () => {
  assert.deepEqual(snippetLines({ name: '${1:x}', port: '^${2:80}', on: 'yes', list: ['a: b', { k: 1 }], price: 'a$b' }), [
    'name: ${1:x}',
    'port: ${2:80}',
    'on: "yes"',
    'list:',
    '  - "a: b"',
    '  - k: 1',
    'price: a\\$b',
  ]);
  assert.equal(needsQuotes('10%'), false);
  assert.equal(needsQuotes('0'), true);
  assert.equal(needsQuotes('*ref'), true);
});

test('"did you mean" only for plausible typos', () => {
  assert.equal(closestMatch('evicton', ['eviction', 'name']), 'eviction');
  assert.equal(closestMatch('allkeys-lur', ['allkeys-lru', 'allkeys-lfu']), 'allkeys-lru');
  assert.equal(closestMatch('other', ['name', 'mode']), undefined);
  assert.equal(closestMatch('TTL', ['ttl']), 'ttl');
});
