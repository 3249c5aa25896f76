// Property-based fuzzing of everything a keystroke or a saved file reaches after parsing: schema
// validation, the rules (with their fixes), hover, completion, and the catalog with its diagram
// view and mermaid text. Inputs are the examples and test fixtures, mutated with a seeded PRNG.
// Properties: nothing throws, each case stays bounded in time, every range lies inside the text,
// and every fix applies to the text it was computed on.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeFile } from '../../../src/core/analyze';
import { Catalog, catalogFileRole } from '../../../src/core/catalog/catalog';
import { frontMatterValidator } from '../../../src/core/catalog/frontMatterValidation';
import { LineIndex } from '../../../src/core/document/lineIndex';
import { buildView } from '../../../src/core/graph/buildView';
import { toMermaid } from '../../../src/core/graph/mermaid';
import { WorkspaceFacts } from '../../../src/core/rules/workspaceFacts';
import { BUILTIN_SCHEMA_IDS } from '../../../src/core/schema/builtinSchemas';
import { completeAt } from '../../../src/core/schema/completion';
import { hoverAt } from '../../../src/core/schema/hover';
import { SchemaRegistry } from '../../../src/core/schema/schemaRegistry';
import type { Diagnostic, Range } from '../../../src/core/types';
import { mutate, seededRandom } from '../document/yamlCorpus';

const REPO = path.resolve(__dirname, '..', '..', '..', '..');
/** Hangs are what this guards against; a generous bound keeps loaded machines green. */
const MAX_MS_PER_CASE = 3000;

function filesUnder(folder: string, pattern: RegExp): { name: string; text: string }[] {
  const out: { name: string; text: string }[] = [];
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const abs = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(abs);
      else if (pattern.test(entry.name)) out.push({ name: entry.name, text: fs.readFileSync(abs, 'utf8') });
    }
  };
  walk(path.join(REPO, folder));
  return out;
}

const CONFIGS = [...filesUnder('examples', /\.cache\.(ya?ml|json)$/), ...filesUnder('test/fixtures/workspace', /\.cache\.(ya?ml|json)$/)];
const DOCS = [...filesUnder('examples', /\.md$|^catalog-info\.yaml$/), ...filesUnder('test/fixtures/workspace/catalog', /\.md$/)];

function assertInside(range: Range, lines: LineIndex, what: string): void {
  const ok = (p: Range['start']) => p.line >= 0 && p.line < lines.lineCount && p.character >= 0;
  assert.ok(ok(range.start) && ok(range.end), `${what}: ${JSON.stringify(range)} outside ${lines.lineCount} lines`);
  assert.ok(range.start.line < range.end.line || (range.start.line === range.end.line && range.start.character <= range.end.character), `${what}: reversed ${JSON.stringify(range)}`);
}

function mutated(text: string, random: () => number): string {
  let out = text;
  const rounds = 1 + Math.floor(random() * 3);
  for (let i = 0; i < rounds; i++) out = mutate(out, random);
  return out;
}

function timed<T>(what: string, text: string, run: () => T): T {
  const started = Date.now();
  const result = run();
  const elapsed = Date.now() - started;
  assert.ok(elapsed < MAX_MS_PER_CASE, `${what} took ${elapsed} ms on ${JSON.stringify(text.slice(0, 200))}`);
  return result;
}

test('1,200 mutated cache configs: analysis, fixes, hover and completion never throw and stay in range', () => {
  assert.ok(CONFIGS.length >= 8, `found ${CONFIGS.length} configs to mutate`);
  const registry = new SchemaRegistry();
  const facts = new WorkspaceFacts();
  const random = seededRandom(20261126);
  // What the properties were checked on: a run that checked no diagnostic, fix or hover proves nothing.
  // (Seeded, so the counts are fixed: 5,641 diagnostics, 1,207 fix edits, 740 hovers, 2,135 completion
  // lists when this was written. The bounds are about half, so new rules or schema docs do not break them.)
  const checked = { diagnostics: 0, fixEdits: 0, hovers: 0, completions: 0 };
  for (let i = 0; i < 1200; i++) {
    const source = CONFIGS[Math.floor(random() * CONFIGS.length)];
    const text = mutated(source.text, random);
    const filePath = `/ws/fuzz/${i % 7}-${source.name}`;
    const analysis = timed('analyzeFile', text, () => analyzeFile(text, { filePath, registry, rules: { facts } }));
    const lines = analysis.parsed.lines;
    for (const d of analysis.diagnostics as Diagnostic[]) {
      assert.equal(typeof d.message, 'string');
      assert.ok(d.message.length > 0, `${d.code} has an empty message`);
      assertInside(d.range, lines, `${d.code} in case ${i}`);
      checked.diagnostics++;
      for (const fix of d.fixes ?? []) {
        for (const edit of fix.edits) {
          assertInside(edit.range, lines, `fix "${fix.title}" of ${d.code} in case ${i}`);
          checked.fixEdits++;
        }
      }
    }
    if (analysis.association.schemaId) {
      for (let k = 0; k < 3; k++) {
        const offset = Math.floor(random() * (text.length + 1));
        const hover = timed('hoverAt', text, () => hoverAt(analysis.parsed, offset, analysis.association.schemaId!, registry));
        if (hover) {
          assertInside(hover.range, lines, `hover at ${offset} in case ${i}`);
          checked.hovers++;
        }
        if (timed('completeAt', text, () => completeAt(analysis.parsed, offset, analysis.association.schemaId!, registry)).length) checked.completions++;
      }
    }
  }
  const summary = JSON.stringify(checked);
  assert.ok(checked.diagnostics >= 2500, `too few diagnostics checked: ${summary}`);
  assert.ok(checked.fixEdits >= 500, `too few fix edits checked: ${summary}`);
  assert.ok(checked.hovers >= 300, `too few hovers checked: ${summary}`);
  assert.ok(checked.completions >= 1000, `too few completions computed: ${summary}`);
});

test('600 mutated docs and catalog files: the catalog, its view and the mermaid text never throw', () => {
  assert.ok(DOCS.length >= 10, `found ${DOCS.length} docs to mutate`);
  const registry = new SchemaRegistry();
  const catalog = new Catalog({ validateFrontMatter: frontMatterValidator(registry) });
  const byName = new Map<string, string>();
  for (const doc of [...DOCS, ...CONFIGS]) {
    const file = `/ws/${doc.name}`;
    byName.set(file, doc.text);
    if (catalogFileRole(file)) catalog.updateFile(file, doc.text);
  }
  const files = [...byName.keys()].filter((file) => catalogFileRole(file));
  assert.ok(files.length >= 20, `found ${files.length} catalog files to mutate`);
  assert.ok(catalog.entities.size >= 20, `the unmutated catalog has ${catalog.entities.size} entities`);
  const random = seededRandom(4242);
  // Seeded: 277 catalog diagnostics, 600 focused views, 4,252 drawn nodes when this was written.
  const checked = { diagnostics: 0, focusedViews: 0, nodes: 0 };
  for (let i = 0; i < 600; i++) {
    const file = files[Math.floor(random() * files.length)];
    const text = mutated(byName.get(file)!, random);
    timed('catalog.updateFile', text, () => catalog.updateFile(file, text));
    const lines = new LineIndex(text);
    for (const d of catalog.diagnostics(file)) {
      assertInside(d.range, lines, `${d.code} in ${file}, case ${i}`);
      checked.diagnostics++;
    }
    const entity = catalog.entities.size ? [...catalog.entities.keys()][Math.floor(random() * catalog.entities.size)] : undefined;
    const view = timed('buildView', text, () => buildView(catalog, entity ? { focus: entity, depth: 2, direction: 'both' } : {}));
    if (entity) checked.focusedViews++;
    checked.nodes += view.nodes.length;
    const mermaid = toMermaid(view, { layout: 'dagre' });
    assert.ok(!/<script/i.test(mermaid), `raw markup in the mermaid text of case ${i}`);
    // Put the file back now and then, so later cases mutate valid text again.
    if (random() < 0.3) catalog.updateFile(file, byName.get(file)!);
  }
  const summary = JSON.stringify(checked);
  assert.ok(checked.diagnostics >= 100, `too few catalog diagnostics checked: ${summary}`);
  assert.ok(checked.focusedViews >= 500, `too few focused views built: ${summary}`);
  assert.ok(checked.nodes >= 2000, `too few view nodes drawn: ${summary}`);
});
