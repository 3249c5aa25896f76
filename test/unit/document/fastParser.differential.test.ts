// The fast parse path must agree exactly with the reference parser whenever it accepts a text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseFast } from '../../../src/core/document/fastParser';
import { LineIndex } from '../../../src/core/document/lineIndex';
import { parseWithYamlLibrary } from '../../../src/core/document/yamlLibraryParser';
import { mutate, seededRandom, YamlGenerator } from './yamlCorpus';

interface Tally {
  accepted: number;
  declined: number;
}

function compare(text: string, tally: Tally): void {
  const lines = new LineIndex(text);
  const fast = parseFast(text, lines);
  if (!fast) {
    tally.declined++;
    return;
  }
  tally.accepted++;
  const reference = parseWithYamlLibrary(text, lines);
  assert.deepStrictEqual(fast, reference, `fast path differs from the reference parser on ${JSON.stringify(text)}`);
}

test('generated YAML and JSON: whenever the fast path accepts, its model equals the reference model', () => {
  const random = seededRandom(20261126);
  const lf = new YamlGenerator(random);
  const crlf = new YamlGenerator(random, true);
  const tally: Tally = { accepted: 0, declined: 0 };
  for (let i = 0; i < 1500; i++) compare((i % 10 === 9 ? crlf : lf).file(), tally);
  // The generator writes mostly valid, config-like YAML: most of it must take the fast path,
  // or this test would prove nothing.
  assert.ok(tally.accepted >= 900, `only ${tally.accepted} of 1500 generated texts took the fast path`);
});

test('mutated texts: whenever the fast path accepts, its model equals the reference model', () => {
  const random = seededRandom(7);
  const generator = new YamlGenerator(random);
  const tally: Tally = { accepted: 0, declined: 0 };
  for (let i = 0; i < 1500; i++) {
    let text = generator.file();
    const edits = 1 + Math.floor(random() * 3);
    for (let e = 0; e < edits; e++) text = mutate(text, random);
    compare(text, tally);
  }
  assert.ok(tally.accepted >= 200, `only ${tally.accepted} of 1500 mutated texts took the fast path`);
  assert.ok(tally.declined >= 150, `only ${tally.declined} of 1500 mutated texts were declined`);
});
