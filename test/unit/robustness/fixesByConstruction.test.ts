// Quick fixes are correct by construction (rules/fixCheck.ts): every fix offered, applied to its
// text and parsed again, leaves the file parseable and changes nothing but its target — checked
// here independently of fixCheck, over every style a fix meets and over the fuzz corpus. A fix
// that would break the file is not offered at all. `check --fix` applies them; `--fix-dry-run`
// shows them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeFile } from '../../../src/core/analyze';
import { segmentsOf } from '../../../src/core/document/model';
import { parseFile } from '../../../src/core/document/parse';
import { applyEdits, fixKeepsFileValid, offeredFixes } from '../../../src/core/rules/fixCheck';
import { SchemaRegistry } from '../../../src/core/schema/schemaRegistry';
import type { Diagnostic, Fix } from '../../../src/core/types';
import { mutate, seededRandom } from '../document/yamlCorpus';
import { cleanup, runCli, tempDir, write } from '../cli/cliTestKit';
import { cacheConfig } from './hostileCorpus';

const registry = new SchemaRegistry();
const REPO = path.resolve(__dirname, '..', '..', '..', '..');

/** The value with the node at each pointer removed (a deep copy). */
function without(value: unknown, pointers: readonly string[]): unknown {
  const copy = value === undefined ? undefined : JSON.parse(JSON.stringify(value));
  for (const pointer of pointers) {
    const segments = segmentsOf(pointer);
    if (!segments.length) return null;
    let parent = copy as Record<string, unknown> | undefined;
    for (const s of segments.slice(0, -1)) parent = parent && typeof parent === 'object' ? (parent[s] as Record<string, unknown>) : undefined;
    if (parent && typeof parent === 'object') delete parent[segments[segments.length - 1]];
  }
  return copy;
}

function valueAt(value: unknown, pointer: string): unknown {
  let current = value;
  for (const s of segmentsOf(pointer)) current = current && typeof current === 'object' ? (current as Record<string, unknown>)[s] : undefined;
  return current;
}

/** Asserts the property on one fix; returns the fixed text. */
function assertFixIsSound(text: string, d: Diagnostic, fix: Fix, what: string): string {
  const before = parseFile(text);
  const fixed = applyEdits(text, before.lines, fix.edits);
  assert.ok(fixed !== undefined, `${what}: overlapping edits`);
  const after = parseFile(fixed!);
  assert.equal(after.documents.length, before.documents.length, `${what}: documents changed\n${fixed}`);
  const docIndex = typeof d.data?.docIndex === 'number' ? d.data.docIndex : 0;
  const errors = (p: typeof before) => p.documents.flatMap((doc) => doc.syntaxErrors).filter((e) => e.severity === 'error').length;
  assert.ok(errors(after) <= errors(before), `${what}: new syntax error\n${fixed}`);
  const targets = fix.targets ?? [];
  before.documents.forEach((doc, i) => {
    const own = i === docIndex ? targets.map((t) => t.pointer) : [];
    assert.deepEqual(without(after.documents[i].value, own), without(doc.value, own), `${what}: a value other than the target changed\n${fixed}`);
  });
  for (const t of targets) if ('value' in t) assert.deepEqual(valueAt(after.documents[docIndex].value, t.pointer), t.value, `${what}: target ${t.pointer}\n${fixed}`);
  return fixed!;
}

/** The fixes an editor or `check --fix` is offered: those that pass the re-parse check. */
function fixesOf(text: string, code: string, filePath = '/ws/x.cache.yaml'): { d: Diagnostic; fix: Fix }[] {
  const analysis = analyzeFile(text, { filePath, registry });
  return analysis.diagnostics.filter((d) => d.code === code).flatMap((d) => offeredFixes(analysis.parsed, d).map((fix) => ({ d, fix })));
}

const NAMES = ['plain_id', 'a"b', "it's", 'x: y', 'a #b', 'back\\slash', 'tab\tx', 'uni\u00e9', 'nl\\n', 'brace}', '{x', 'c,d', 'e[f]', 'ends:'];
const TEMPLATES = ['"c:{a}"', "'c:{a}'", 'c:{a}', '"c:{a}"  # the key', 'c:{a}  # the key', '""', "'it''s:{a}'", '"q\\"{a}"', '"bs\\\\{a}"'];

test('CW005: the placeholder fix is exact in every quoting style, whatever the parameter name', () => {
  let offered = 0;
  for (const name of NAMES) {
    for (const template of TEMPLATES) {
      const text = cacheConfig({ params: `[a, ${JSON.stringify(name)}]`, template });
      const fixes = fixesOf(text, 'CW005').filter((f) => f.fix.isPreferred && String(f.fix.targets?.[0]?.value).endsWith(`{${name}}`));
      assert.equal(fixes.length, 1, `${name} in ${template}: one preferred fix`);
      const fixed = assertFixIsSound(text, fixes[0].d, fixes[0].fix, `${name} in ${template}`);
      const parsedTemplate = valueAt(parseFile(fixed).documents[0].value, '/spec/caches/0/key/template') as string;
      const original = valueAt(parseFile(text).documents[0].value, '/spec/caches/0/key/template') as string;
      assert.equal(parsedTemplate, `${original}${original === '' || /[:/._-]$/.test(original) ? '' : ':'}{${name}}`);
      offered++;
    }
  }
  assert.equal(offered, NAMES.length * TEMPLATES.length);
});

test('CW005 in JSON: the fix writes JSON escapes', () => {
  for (const name of NAMES) {
    const json = JSON.stringify({ apiVersion: 'cache-warden/v1', kind: 'CacheLayer', metadata: { service: 's', owner: 'o', docs: 'd.md' }, spec: { backends: [{ name: 'r', type: 'redis', role: 'cache', maxMemory: '1Gi', eviction: 'allkeys-lru' }], caches: [{ name: 'c', backend: 'r', fronts: { kind: 'sql', name: 'db', params: ['a', name] }, key: { template: 'c:{a}' }, ttl: { value: '10m' }, stampede: { mode: 'coalesce' } }] } }, null, 2);
    const fixes = fixesOf(json, 'CW005', '/ws/x.cache.json');
    assert.equal(fixes.length, 1, name);
    const fixed = assertFixIsSound(json, fixes[0].d, fixes[0].fix, `json ${name}`);
    assert.equal(JSON.parse(fixed).spec.caches[0].key.template, `c:{a}:{${name}}`);
  }
});

test('CW004: flow mappings with a trailing comma, a comment at line end, several lines — the jitter lands inside, once', () => {
  const warm = '      warmup: { strategy: preload }';
  const cases: [string, string][] = [
    ['{ value: 10m }', '      ttl: { value: 10m, jitter: 10% }'],
    ['{ value: 10m, }', '      ttl: { value: 10m, jitter: 10%, }'],
    ['{ value: 10m ,}', '      ttl: { value: 10m , jitter: 10%,}'],
    ['{value: 10m}', '      ttl: {value: 10m, jitter: 10%}'],
    ['{\n        value: 10m  # ten minutes\n      }', '        value: 10m,\n        jitter: 10%  # ten minutes'],
    ['{\n        value: 10m,  # ten minutes\n      }', '        value: 10m,\n        jitter: 10%,  # ten minutes'],
    ['\n        value: 10m  # ten minutes', '        value: 10m  # ten minutes\n        jitter: 10%'],
  ];
  for (const [ttl, expected] of cases) {
    const text = cacheConfig({ ttl, extra: warm });
    const fixes = fixesOf(text, 'CW004').filter((f) => f.fix.isPreferred);
    assert.equal(fixes.length, 1, ttl);
    const fixed = assertFixIsSound(text, fixes[0].d, fixes[0].fix, ttl);
    assert.ok(fixed.includes(expected), `${ttl} →\n${fixed}`);
    assert.ok(!fixed.includes(',,'), fixed);
  }
});

test('a fix that breaks the file or changes another value is not offered', () => {
  const text = cacheConfig();
  const parsed = parseFile(text);
  const at = (line: number, character: number) => ({ start: { line, character }, end: { line, character } });
  const ttlLine = text.split('\n').findIndex((l) => l.includes('ttl:'));
  const ttlColumn = text.split('\n')[ttlLine].indexOf('}');
  // `,,` inside the flow mapping: a syntax error.
  assert.equal(fixKeepsFileValid(parsed, { title: 'x', edits: [{ range: at(ttlLine, ttlColumn), newText: ',, jitter: 10%' }], targets: [{ pointer: '/spec/caches/0/ttl/jitter', value: '10%' }] }, 0), false);
  // Right syntax, wrong target: it also changes `value`.
  const valueColumn = text.split('\n')[ttlLine].indexOf('10m');
  assert.equal(fixKeepsFileValid(parsed, { title: 'x', edits: [{ range: { start: { line: ttlLine, character: valueColumn }, end: { line: ttlLine, character: valueColumn + 3 } }, newText: '1h' }], targets: [{ pointer: '/spec/caches/0/ttl/jitter', value: '10%' }] }, 0), false);
  // The promised value must be the one written.
  assert.equal(fixKeepsFileValid(parsed, { title: 'x', edits: [{ range: at(ttlLine, ttlColumn), newText: ', jitter: 20% ' }], targets: [{ pointer: '/spec/caches/0/ttl/jitter', value: '10%' }] }, 0), false);
  assert.equal(fixKeepsFileValid(parsed, { title: 'x', edits: [{ range: at(ttlLine, ttlColumn), newText: ', jitter: 10% ' }], targets: [{ pointer: '/spec/caches/0/ttl/jitter', value: '10%' }] }, 0), true);
  // What editors and --fix are offered goes through the same check: the broken fix is filtered out.
  const good: Fix = { title: 'good', edits: [{ range: at(ttlLine, ttlColumn), newText: ', jitter: 10% ' }], targets: [{ pointer: '/spec/caches/0/ttl/jitter', value: '10%' }] };
  const broken: Fix = { title: 'broken', edits: [{ range: at(ttlLine, ttlColumn), newText: ',, jitter: 10%' }], targets: [{ pointer: '/spec/caches/0/ttl/jitter', value: '10%' }] };
  const comment: Fix = { title: 'comment inside a value', edits: [{ range: at(ttlLine, valueColumn), newText: '# x\n' }] };
  const d: Diagnostic = { code: 'CW004', severity: 'warning', message: 'm', range: at(ttlLine, 0), source: 'cache-warden', fixes: [broken, good, comment] };
  assert.deepEqual(offeredFixes(parsed, d).map((f) => f.title), ['good']);
});

test('over the fuzz corpus (examples and fixtures, mutated), every offered fix re-parses to its target alone', () => {
  const sources: { text: string; ext: string }[] = [];
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const abs = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(abs);
      else if (/\.cache\.(ya?ml|json)$/.test(entry.name)) sources.push({ text: fs.readFileSync(abs, 'utf8'), ext: path.extname(entry.name) });
    }
  };
  walk(path.join(REPO, 'examples'));
  walk(path.join(REPO, 'test', 'fixtures', 'workspace'));
  const random = seededRandom(20261202);
  let checked = 0;
  for (let i = 0; i < 300; i++) {
    const source = sources[Math.floor(random() * sources.length)];
    let text = source.text;
    if (i % 3) text = mutate(text, random);
    if (i % 5 === 0) text = text.replace(/\n/g, '\r\n');
    else if (i % 7 === 0) text = text.replace(/\n/g, '\r');
    const analysis = analyzeFile(text, { filePath: `/ws/f${i}.cache${source.ext}`, registry });
    for (const d of analysis.diagnostics) {
      for (const fix of offeredFixes(analysis.parsed, d)) {
        const fixed = assertFixIsSound(text, d, fix, `case ${i} ${d.code} ${fix.title}`);
        // A fix writes the file's own line breaks (CR-only files stay CR-only).
        if (!text.includes('\n')) assert.ok(!fixed.includes('\n'), `case ${i}: LF written into a CR-only file`);
        checked++;
      }
    }
  }
  // Seeded: 2,000+ fixes when this was written; the bound is far below, to survive new rules.
  assert.ok(checked > 500, `only ${checked} fixes checked`);
  assert.ok(sources.some((s) => s.ext === '.json'), 'JSON configs are in the corpus');
});

test('check --fix writes the safe fixes and reports what is left; --fix-dry-run prints the diff and writes nothing', async () => {
  const dir = tempDir();
  try {
    const text = cacheConfig({ params: '[a, "it\'s"]', template: "'c:{a}'", ttl: '{ value: 10m, }', extra: '      warmup: { strategy: preload }' });
    const file = write(dir, 'f.cache.yaml', text);
    const dry = await runCli(['check', '--fix-dry-run', 'f.cache.yaml'], dir);
    assert.equal(dry.code, 1);
    assert.equal(fs.readFileSync(file, 'utf8'), text, 'dry run wrote the file');
    assert.ok(dry.stdout.startsWith([
      '--- a/f.cache.yaml',
      '+++ b/f.cache.yaml',
      '@@ -19,8 +19,8 @@',
      '         name: db',
      '         params: [a, "it\'s"]',
      '       key:',
      "-        template: 'c:{a}'",
      '-      ttl: { value: 10m, }',
      "+        template: 'c:{a}:{it''s}'",
      '+      ttl: { value: 10m, jitter: 10%, }',
      '       stampede: { mode: coalesce }',
      '       warmup: { strategy: preload }',
      ' ',
      'f.cache.yaml',
    ].join('\n')), dry.stdout);
    assert.equal(dry.stderr, 'cache-warden: would fix 2 problems in 1 file\n');

    const fixed = await runCli(['check', '--fix', 'f.cache.yaml'], dir);
    assert.equal(fixed.stderr, 'cache-warden: fixed 2 problems in 1 file\n');
    assert.equal(fixed.code, 0, fixed.stdout);
    assert.equal(fixed.stdout, '✔ 1 file checked, no problems\n');
    assert.equal(fs.readFileSync(file, 'utf8'), text.replace("'c:{a}'", "'c:{a}:{it''s}'").replace('{ value: 10m, }', '{ value: 10m, jitter: 10%, }'));
    assert.equal((await runCli(['check', '--fix', '--fix-dry-run'], dir)).code, 2);
  } finally {
    cleanup(dir);
  }
});

test('check --fix never writes a file whose fixes conflict (two placeholders appended at one place)', async () => {
  const dir = tempDir();
  try {
    const text = cacheConfig({ params: '[a, b, c]' });
    const file = write(dir, 'f.cache.yaml', text);
    const run = await runCli(['check', '--fix', 'f.cache.yaml'], dir);
    assert.equal(run.code, 1);
    assert.equal(run.stderr, 'cache-warden: f.cache.yaml: not fixed: 2 fixes touch the same text; none applied\ncache-warden: fixed 0 problems in 0 files\n');
    assert.equal(fs.readFileSync(file, 'utf8'), text);
    assert.match(run.stdout, /✖ 2 problems \(2 errors, 0 warnings\)/);
  } finally {
    cleanup(dir);
  }
});
