// Hostile input: huge files, deep nesting, alias bombs, binary garbage. Each gives a clear
// diagnostic or a valid model, never an exception.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseFast } from '../../../src/core/document/fastParser';
import { LineIndex } from '../../../src/core/document/lineIndex';
import { parseFile } from '../../../src/core/document/parse';
import { parseWithYamlLibrary } from '../../../src/core/document/yamlLibraryParser';
import { generateCacheConfig } from '../../../bench/cacheConfig';
import { seededRandom } from './yamlCorpus';

const TOO_DEEP = 'Nesting is deeper than 256 levels; the file is not validated.';

function problems(text: string): [string, string, number, number, number, number][][] {
  return parseFile(text).documents.map((d) =>
    d.syntaxErrors.map((e) => [e.code, e.message, e.range.start.line, e.range.start.character, e.range.end.line, e.range.end.character]),
  );
}

test('a 10 MB cache config parses on the fast path into a full model', () => {
  const text = generateCacheConfig(330_000);
  assert.ok(text.length > 10_000_000);
  const parsed = parseFile(text);
  assert.equal(parsed.documents.length, 1);
  const [doc] = parsed.documents;
  assert.deepEqual(doc.syntaxErrors, []);
  const caches = (doc.value as { spec: { caches: { name: string }[] } }).spec.caches;
  assert.equal(caches[caches.length - 1].name, `entity-${caches.length - 1}-by-id`);
  assert.ok(doc.locations.has(`/spec/caches/${caches.length - 1}/ttl/value`));
});

test('a 10 MB file the fast path declines gets a notice instead of a multi-second reference parse', () => {
  const text = 'notes: |\n' + '  a line of a block scalar\n'.repeat(400_000);
  assert.deepEqual(problems(text), [[[
    'yaml-too-large',
    `This file is ${(text.length / 1048576).toFixed(1)} MB and uses YAML beyond plain block and flow collections (or has a syntax error); files over 3 MB are only checked when they do not, so it is not validated.`,
    0, 0, 0, 8,
  ]]]);
});

test('10,000-deep flow nesting: nesting-too-deep at the 257th level, no stack overflow', () => {
  const n = 10_000;
  assert.deepEqual(problems('['.repeat(n) + ']'.repeat(n)), [[['nesting-too-deep', TOO_DEEP, 0, 257, 0, 2 * n]]]);
  assert.deepEqual(problems('{a: '.repeat(n) + '1' + '}'.repeat(n)), [[['nesting-too-deep', TOO_DEEP, 0, 4 * 257, 0, 5 * n + 1]]]);
  const doc = parseFile('['.repeat(n) + ']'.repeat(n)).documents[0];
  assert.equal(doc.value, undefined);
  assert.equal(doc.locations.size, 0);
});

test('10,000-deep block nesting (mappings, sequences, compact sequences): nesting-too-deep', () => {
  const n = 10_000;
  const maps = Array.from({ length: n }, (_, i) => ' '.repeat(i) + 'k:').join('\n') + ' 1\n';
  assert.deepEqual(problems(maps), [[['nesting-too-deep', TOO_DEEP, 257, 257, 257, 259]]]);
  const seqs = Array.from({ length: n }, (_, i) => ' '.repeat(2 * i) + '-').join('\n') + ' 1\n';
  assert.deepEqual(problems(seqs), [[['nesting-too-deep', TOO_DEEP, 257, 514, 257, 515]]]);
  assert.deepEqual(problems('- '.repeat(n) + '1\n'), [[['nesting-too-deep', TOO_DEEP, 0, 514, 0, 2 * n + 1]]]);
});

test('just past the depth limit, the fast path reports exactly what the reference parser reports', () => {
  const texts = [
    '['.repeat(258) + ']'.repeat(258),
    '['.repeat(300) + '1' + ']'.repeat(300),
    '- '.repeat(257) + 'x\n',
    Array.from({ length: 260 }, (_, i) => ' '.repeat(i) + 'k:').join('\n') + ' 1\n',
  ];
  for (const text of texts) {
    const lines = new LineIndex(text);
    const fast = parseFast(text, lines);
    assert.equal(fast?.[0].syntaxErrors[0].code, 'nesting-too-deep');
    assert.deepEqual(fast, parseWithYamlLibrary(text, lines));
  }
  // At the limit itself, both parse it.
  const atLimit = '['.repeat(257) + ']'.repeat(257);
  assert.deepEqual(parseFast(atLimit, new LineIndex(atLimit))?.[0].syntaxErrors, []);
});

test('deep nesting the fast path declines never reaches the recursive reference parser', () => {
  // A tag makes the fast path decline; 1,000 levels would overflow (or abort) the `yaml` package.
  // The guard stops at the 320th bracket (256 + 64 levels), before calling it.
  const text = 'a: !!str x\nb: ' + '['.repeat(1000) + ']'.repeat(1000) + '\n';
  assert.deepEqual(problems(text), [[['nesting-too-deep', TOO_DEEP, 1, 3 + 319, 1, 3 + 2000]]]);
});

test('an alias bomb (billion laughs) stops at the expansion budget with a diagnostic', () => {
  const lines = ['a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
  for (let i = 1; i < 9; i++) {
    const name = String.fromCharCode(97 + i);
    const prev = String.fromCharCode(96 + i);
    lines.push(`${name}: &${name} [${Array(9).fill('*' + prev).join(', ')}]`);
  }
  const text = lines.join('\n') + '\n';
  const message = 'Aliases expand to more than 10000 nodes (an "alias bomb"); the file is not validated.';
  // Expansions so far: b 9×10, c 9×91, d 9×820 = 8,289 nodes; the first *d of e (7,381 more)
  // breaks the 10,000 budget: line 4, column 7, to the end of that line.
  assert.deepEqual(problems(text), [[['alias-expansion-limit', message, 4, 7, 4, 42]]]);
  const lib = parseWithYamlLibrary(text, new LineIndex(text));
  assert.deepEqual(parseFile(text).documents, lib);
  assert.equal(parseFile(text).documents[0].value, undefined);
});

test('binary garbage (random bytes, NUL included) never throws and ends in a model or diagnostics', () => {
  const random = seededRandom(99);
  // What the loop looked at: rounds that end in a model or in diagnostics (a run checking neither proves nothing).
  let documents = 0;
  let syntaxErrors = 0;
  for (let round = 0; round < 50; round++) {
    let text = '';
    const length = 1 + Math.floor(random() * 4000);
    for (let i = 0; i < length; i++) text += String.fromCharCode(Math.floor(random() * 256));
    const parsed = parseFile(text);
    assert.ok(Array.isArray(parsed.documents));
    for (const doc of parsed.documents) {
      documents++;
      for (const d of doc.syntaxErrors) {
        assert.match(d.code, /^(yaml-|nesting-too-deep|alias-expansion-limit)/);
        assert.ok(d.message.length > 0);
        syntaxErrors++;
      }
    }
  }
  assert.ok(documents >= 25, `only ${documents} documents in 50 rounds`);
  assert.ok(syntaxErrors >= 10, `only ${syntaxErrors} syntax errors checked in 50 rounds`);
  const nul = parseFile('a: 1\0\nb: 2\n');
  assert.deepEqual(nul.documents.map((d) => d.value), [{ a: '1\0', b: 2 }]);
});
