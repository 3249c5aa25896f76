import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { extractFrontMatter, isInFrontMatter, locateFrontMatter } from '../../../src/core/catalog/frontMatter';
import { frontMatterValidator } from '../../../src/core/catalog/frontMatterValidation';
import { summarizeBody } from '../../../src/core/catalog/markdownBody';
import { SchemaRegistry } from '../../../src/core/schema/schemaRegistry';
import { catalogOf } from './fixtureCatalog';

const SCHEMAS = path.resolve(__dirname, '../../../../schemas');

test('front matter is found only at line 0 and must be closed', () => {
  assert.deepEqual(locateFrontMatter('---\nid: a\n---\n# A\n'), { yamlEnd: 10, closingLine: 2, bodyStart: 14 });
  assert.deepEqual(locateFrontMatter('---\r\nid: a\r\n...\r\nbody'), { yamlEnd: 12, closingLine: 2, bodyStart: 17 });
  assert.equal(locateFrontMatter('\n---\nid: a\n---\n'), undefined);
  assert.equal(locateFrontMatter('---\nid: a\n'), undefined);
  assert.equal(locateFrontMatter('----\nid: a\n---\n'), undefined);
});

test('the parsed front matter keeps the Markdown file offsets and lines', () => {
  const text = '---\nid: a\nkind: component\n---\n# A\n';
  const fm = extractFrontMatter(text)!;
  const doc = fm.parsed.documents[0];
  assert.deepEqual(doc.value, { id: 'a', kind: 'component' });
  const kind = doc.locations.get('/kind')!;
  assert.equal(text.slice(kind.value.start, kind.value.end), 'component');
  assert.deepEqual(fm.parsed.lines.rangeOf(kind.value), { start: { line: 2, character: 6 }, end: { line: 2, character: 15 } });
  assert.equal(isInFrontMatter(text, text.indexOf('kind')), true);
  assert.equal(isInFrontMatter(text, text.indexOf('# A')), false);
  assert.equal(isInFrontMatter(text, 1), false);
});

test('the body summary skips code, comments and headings, and stops at the first blank line', () => {
  const body = '\n# Title\n<!-- note\nstill -->\n```\ncode\n```\nFirst line\nsecond  line.\n\nNext paragraph.\n';
  assert.deepEqual(summarizeBody(body, 0, 10), { heading: { line: 11, text: 'Title' }, paragraph: 'First line second line.' });
});

test('front matter is validated with the doc front matter schema, at the right lines of the Markdown file', () => {
  const registry = new SchemaRegistry({ schemaDirs: [SCHEMAS] });
  const catalog = catalogOf(
    { 'docs/a.md': '---\nid: a\nkind: servce\ndependsOn: [resource:catalog-db]\n---\n# A\n' },
    { validateFrontMatter: frontMatterValidator(registry) },
  );
  const problems = catalog.diagnostics('docs/a.md');
  assert.deepEqual(problems.map((d) => [d.source, d.range]), [
    ['cache-warden (schema)', { start: { line: 2, character: 6 }, end: { line: 2, character: 12 } }],
  ]);
  assert.match(problems[0].message, /component, resource, api(,| or) system/);
});

test('a front matter syntax error is reported in the Markdown file, and declares nothing', () => {
  const catalog = catalogOf({ 'docs/a.md': '---\nid: a\nkind: [component\n---\n# A\n' });
  const [d] = catalog.diagnostics('docs/a.md');
  assert.equal(d.source, 'cache-warden (yaml)');
  assert.equal(d.severity, 'error');
  assert.ok(d.range.start.line >= 2 && d.range.start.line <= 3, `line ${d.range.start.line}`);
  assert.equal(catalog.entities.size, 0);
});
