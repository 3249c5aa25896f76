// Property-based fuzzing of parseFile: thousands of seeded random and mutated inputs. It never
// throws, every case finishes in bounded time, and every reported span lies inside the text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseFile } from '../../../src/core/document/parse';
import { mutate, seededRandom, YamlGenerator } from './yamlCorpus';

const TOKENS = [
  'a', 'key', ':', ': ', '- ', '-', ' ', '  ', '\n', '\r\n', '#', ' # c', '"', "'", '"x"', "'y'", '[', ']', '{', '}', ',', '&a ', '*a',
  '&b', '*b', '!!str ', '!', '|', '>', '? ', '---', '...', '%YAML 1.2', '\t', '~', 'null', 'true', '1', '-1.5e3', '0x1F', '.inf',
  '<<: ', '\\', '\\u00e9', '\0', '\u2028', '\uFEFF', 'é', '日本',
];

/** Hangs are what this guards against; a generous bound keeps slow machines green. */
const MAX_MS_PER_CASE = 3000;

/** What `check` looked at, so a run that checked nothing (no documents, no spans) fails. */
interface Checked {
  documents: number;
  spans: number;
  syntaxErrors: number;
}

function check(text: string, checked: Checked): void {
  const started = Date.now();
  const parsed = parseFile(text);
  const elapsed = Date.now() - started;
  assert.ok(elapsed < MAX_MS_PER_CASE, `parseFile took ${elapsed} ms on ${JSON.stringify(text.slice(0, 200))}`);
  for (const doc of parsed.documents) {
    assert.ok(doc.span.start >= 0 && doc.span.start <= doc.span.end && doc.span.end <= text.length, `document span ${JSON.stringify(doc.span)}`);
    checked.documents++;
    for (const [pointer, loc] of doc.locations) {
      const spans = loc.key ? [loc.key, loc.value] : [loc.value];
      for (const s of spans) assert.ok(s.start >= 0 && s.start <= s.end && s.end <= text.length, `${pointer}: ${JSON.stringify(s)}`);
      checked.spans += spans.length;
    }
    for (const d of doc.syntaxErrors) {
      assert.equal(typeof d.message, 'string');
      assert.ok(d.range.start.line <= d.range.end.line);
      checked.syntaxErrors++;
    }
  }
}

function assertChecked(checked: Checked, minimum: Checked): void {
  for (const key of Object.keys(minimum) as (keyof Checked)[]) {
    assert.ok(checked[key] >= minimum[key], `only ${checked[key]} ${key} checked (expected at least ${minimum[key]}): ${JSON.stringify(checked)}`);
  }
}

test('token soup: 1,500 random YAML-ish texts', () => {
  const random = seededRandom(1234);
  const checked: Checked = { documents: 0, spans: 0, syntaxErrors: 0 };
  for (let i = 0; i < 1500; i++) {
    let text = '';
    const length = Math.floor(random() * 60);
    for (let t = 0; t < length; t++) text += TOKENS[Math.floor(random() * TOKENS.length)];
    check(text, checked);
  }
  // Seeded: 1,443 documents, 538 spans, 3,587 syntax errors when this was written; bounds about half.
  assertChecked(checked, { documents: 700, spans: 250, syntaxErrors: 1500 });
});

test('mutated configs: 1,500 generated texts with 1–8 random edits each', () => {
  const random = seededRandom(5678);
  const generator = new YamlGenerator(random);
  const checked: Checked = { documents: 0, spans: 0, syntaxErrors: 0 };
  for (let i = 0; i < 1500; i++) {
    let text = generator.file();
    const edits = 1 + Math.floor(random() * 8);
    for (let e = 0; e < edits; e++) text = mutate(text, random);
    check(text, checked);
  }
  // Seeded: 1,858 documents, 9,435 spans, 13,864 syntax errors when this was written; bounds about half.
  assertChecked(checked, { documents: 900, spans: 4500, syntaxErrors: 6500 });
});

test('random code units: 300 texts of arbitrary UTF-16 (lone surrogates, NUL, controls)', () => {
  const random = seededRandom(91011);
  const checked: Checked = { documents: 0, spans: 0, syntaxErrors: 0 };
  for (let i = 0; i < 300; i++) {
    let text = '';
    const length = Math.floor(random() * 300);
    for (let c = 0; c < length; c++) text += String.fromCharCode(random() < 0.7 ? Math.floor(random() * 128) : Math.floor(random() * 65536));
    check(text, checked);
  }
  // Seeded: 297 documents, 269 spans, 44 syntax errors when this was written; bounds about half.
  assertChecked(checked, { documents: 150, spans: 130, syntaxErrors: 20 });
});
