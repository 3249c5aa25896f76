// Front matter that a plain walk of the schema proves valid skips the compiled validator. The walk
// may say "not sure" as often as it likes, but never "valid" where ajv finds a problem: checked on
// the examples' docs, the start-up benchmark's docs and hundreds of broken variants of them.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { startupWorkspace } from '../../../bench/startup.bench';
import { extractFrontMatter } from '../../../src/core/catalog/frontMatter';
import { FRONT_MATTER_SCHEMA_ID, frontMatterValidator, PATTERNS_LINEAR_ON_REGEXP, surelyValid } from '../../../src/core/catalog/frontMatterValidation';
import { linearRegExp } from '../../../src/core/schema/linearRegExp';
import { withSuggestion } from '../../../src/core/schema/problemMessages';
import { SchemaRegistry } from '../../../src/core/schema/schemaRegistry';
import { validateDocument, validateValue } from '../../../src/core/schema/validate';

const REPO = path.resolve(__dirname, '..', '..', '..', '..');

function markdownFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? markdownFiles(path.join(dir, e.name)) : e.name.endsWith('.md') ? [path.join(dir, e.name)] : []));
}

function frontMatterValues(): unknown[] {
  const texts = [
    ...markdownFiles(path.join(REPO, 'examples', 'docs')).map((file) => fs.readFileSync(file, 'utf8')),
    ...[...startupWorkspace()].filter(([file]) => file.endsWith('.md')).map(([, text]) => text).filter((_, i) => i % 7 === 0),
  ];
  return texts.map((text) => extractFrontMatter(text)?.parsed.documents[0]?.value).filter((value) => value !== undefined);
}

const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** Broken (and a few still valid) variants of one front matter value. */
function variants(value: Record<string, unknown>): unknown[] {
  const out: unknown[] = [];
  const edit = (change: (v: Record<string, unknown>) => void) => {
    const v = clone(value);
    change(v);
    out.push(v);
  };
  for (const key of Object.keys(value)) {
    edit((v) => delete v[key]);
    edit((v) => (v[key] = null));
    edit((v) => (v[key] = 42));
    edit((v) => (v[key] = ''));
    edit((v) => (v[key] = ['x']));
    edit((v) => (v[key] = { ref: 'x' }));
  }
  edit((v) => (v.unknownField = 'x'));
  edit((v) => (v.kind = 'Component'));
  edit((v) => (v.kind = 'resource'));
  edit((v) => (v.type = 'custom-type'));
  edit((v) => (v.type = 'Not A Type'));
  edit((v) => (v.id = 'a'.repeat(63)));
  edit((v) => (v.id = 'a'.repeat(64)));
  edit((v) => (v.id = '-leading-dash'));
  edit((v) => (v.id = 'café'));
  edit((v) => (v.owner = '😀'));
  edit((v) => (v.system = `x${'😀'.repeat(2)}`));
  edit((v) => (v.system = 'component:' + 'a'.repeat(117)));
  edit((v) => (v.system = 'component:' + 'a'.repeat(118)));
  edit((v) => (v.lifecycle = 'retired'));
  edit((v) => (v.tags = ['go', 'go']));
  edit((v) => (v.tags = ['Go']));
  edit((v) => (v.tags = ['a'.repeat(63), 'b'.repeat(64)]));
  edit((v) => (v.tags = ['c++', 'c#', 'k8s:prod']));
  edit((v) => (v.dependsOn = ['resource:db', 'resource:db']));
  edit((v) => (v.dependsOn = [{ ref: 'db', technology: 'SQL' }, { technology: 'SQL', ref: 'db' }]));
  edit((v) => (v.dependsOn = [{ ref: 'db', technology: 'SQL' }, { ref: 'db', technology: 'HTTP' }]));
  edit((v) => (v.dependsOn = [{ ref: 'db', color: 'red' }]));
  edit((v) => (v.dependsOn = [{ technology: 'SQL' }]));
  edit((v) => (v.dependsOn = ['resource:db', { ref: 'resource:db' }]));
  edit((v) => (v.dependsOn = [1, 1.5, true]));
  edit((v) => (v.providesApis = ['orders-api', 'orders api']));
  edit((v) => (v.links = [{ url: 'https://example.com', title: 'Dashboard' }, { url: '' }]));
  edit((v) => (v.links = [{ title: 'no url' }]));
  edit((v) => (v.links = [{ url: 'https://example.com', icon: 'x' }]));
  edit((v) => (v.source = ''));
  return out;
}

test('front matter fast path: never "valid" where ajv finds a problem, and valid docs need no compiled validator', () => {
  const registry = new SchemaRegistry();
  const schema = registry.getSchemaDocument(FRONT_MATTER_SCHEMA_ID)!;
  const values = frontMatterValues();
  assert.ok(values.length > 100, `front matter values: ${values.length}`);
  let vouched = 0;
  let validTotal = 0;
  let checked = 0;
  for (const value of values) {
    for (const candidate of [value, ...(typeof value === 'object' && value && !Array.isArray(value) ? variants(value as Record<string, unknown>) : [])]) {
      checked++;
      const ajvValid = (validateValue(candidate, FRONT_MATTER_SCHEMA_ID, registry) ?? []).length === 0;
      const fast = surelyValid(candidate, schema, schema);
      if (fast) assert.ok(ajvValid, `the fast path vouched for an invalid value: ${JSON.stringify(candidate)}`);
      if (ajvValid) validTotal++;
      if (fast) vouched++;
    }
  }
  // Every unedited doc that ajv finds valid is vouched for (the point of the fast path).
  for (const value of values) {
    if ((validateValue(value, FRONT_MATTER_SCHEMA_ID, registry) ?? []).length === 0) assert.ok(surelyValid(value, schema, schema), JSON.stringify(value));
  }
  assert.ok(checked > 3000, `checked ${checked}`);
  assert.ok(vouched > values.length, `vouched for ${vouched} of ${validTotal} valid values`);
});

test('front matter validator: the same diagnostics as validating every doc with the compiled schema', () => {
  const registry = new SchemaRegistry();
  const validate = frontMatterValidator(registry);
  const texts = [
    '---\nid: orders\nkind: component\ntype: service\ntags: [go, go]\n---\n# Orders\n',
    '---\nid: orders\nkind: component\ntype: service\nowner: team-a\n---\n# Orders\n',
    '---\nid: orders\nkind: resources\n---\n',
    '---\nid: orders\nkind: component\nextra: 1\n---\n',
    '---\nid: [orders\n---\n',
    '---\n---\n',
  ];
  for (const text of texts) {
    const fm = extractFrontMatter(text)!;
    const doc = fm.parsed.documents[0];
    const expected = validateDocument(doc, FRONT_MATTER_SCHEMA_ID, new SchemaRegistry(), fm.parsed.lines).map(withSuggestion);
    assert.deepEqual(validate(doc, fm.parsed.lines).map((d) => [d.code, d.message, d.range]), expected.map((d) => [d.code, d.message, d.range]), text);
  }
  // Unknown keywords (anything the walk does not know) are never vouched for.
  assert.equal(surelyValid('x', { type: 'string', format: 'email' }, {}), false);
  assert.equal(surelyValid(['a'], { type: 'array', prefixItems: [{}], items: {} }, {}), false);
  assert.equal(surelyValid({ a: 1 }, { oneOf: [{}, { type: 'object' }] }, {}), false);
  assert.equal(surelyValid('x', { $ref: 'other.json#/x' }, {}), false);
});

test('front matter fast path: the patterns it runs on RegExp are the schema\'s, and RegExp answers as the linear-time engine does', () => {
  const schema = new SchemaRegistry().getSchemaDocument(FRONT_MATTER_SCHEMA_ID)!;
  const patterns = new Set<string>();
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if (key === 'pattern' && typeof value === 'string') patterns.add(value);
        else if (!key.startsWith('x-')) walk(value); // x-errorMessage.pattern is a message
      }
    }
  };
  walk(schema);
  // A pattern added to the schema is reviewed (linear on a backtracking engine?) before it joins.
  assert.deepEqual([...patterns].sort(), [...PATTERNS_LINEAR_ON_REGEXP].sort());
  const alphabet = ['a', 'Z', '0', '9', '.', '_', '-', ':', '+', '#', '/', ' ', '\n', 'é', '😀', 'k8s', 'resource:', 'component:x'];
  let seed = 7;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const texts = ['', 'a', '-a', 'a-', 'a--b', 'resource:catalog-db', 'Resource:db', ':db', 'db\n', 'c++', 'k8s:prod-eu', 'x'.repeat(200)];
  for (let i = 0; i < 3000; i++) texts.push(Array.from({ length: 1 + Math.floor(random() * 6) }, () => alphabet[Math.floor(random() * alphabet.length)]).join(''));
  for (const pattern of PATTERNS_LINEAR_ON_REGEXP) {
    const native = new RegExp(pattern, 'u');
    const linear = linearRegExp(pattern, 'u');
    for (const text of texts) assert.equal(native.test(text), linear.test(text), `${pattern} on ${JSON.stringify(text)}`);
  }
});
