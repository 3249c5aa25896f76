import assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import { analyzeFile, type AnalyzeSettings } from '../../../src/core/analyze';
import { parseFile } from '../../../src/core/document/parse';
import { resolveAssociation } from '../../../src/core/schema/association';
import { SchemaRegistry } from '../../../src/core/schema/schemaRegistry';
import { CACHE_LAYER_ID, SCHEMA_FIXTURES, fixtureSchemaId } from './helpers';

const registry = new SchemaRegistry();
const root = SCHEMA_FIXTURES;
const KINDS = fixtureSchemaId('kinds.schema.json');
const DRAFT04 = fixtureSchemaId('draft04/main.json');

function associate(fileName: string, text: string, settingSchemas?: Record<string, string | string[]>) {
  const filePath = path.join(root, fileName);
  const result = resolveAssociation({ filePath, text, parsed: parseFile(text), settingSchemas, workspaceRoot: root }, registry);
  return { schemaId: result.schemaId, origin: result.origin, title: result.title, problems: result.diagnostics.map((d) => `${d.code}: ${d.message}`) };
}

const setting = { 'draft04/main.json': ['configs/**/*.yaml', '*.cache.yaml'] };

test('built-in: *.cache.yaml, *.cache.yml and *.cache.json use the cache layer schema', () => {
  for (const name of ['a.cache.yaml', 'b.cache.yml', 'nested/c.cache.json']) {
    assert.deepEqual(associate(name, 'kind: CacheLayer\n'), { schemaId: CACHE_LAYER_ID, origin: 'builtin', title: 'Cache Warden cache layer', problems: [] });
  }
  assert.deepEqual(associate('plain.yaml', 'a: 1\n'), { schemaId: null, origin: 'none', title: undefined, problems: [] });
  const project = associate('.cachewarden.yaml', 'rules: {}\n');
  assert.deepEqual([project.schemaId, project.origin], ['https://cache-warden.dev/schemas/v1/project-config.schema.json', 'builtin']);
});

test('the cacheWarden.schemas setting beats the built-ins (paths relative to the workspace root)', () => {
  assert.deepEqual(associate('a.cache.yaml', 'port: 1\n', setting), { schemaId: DRAFT04, origin: 'setting', title: 'Draft 04 service', problems: [] });
  assert.deepEqual(associate('configs/deep/x.yaml', 'port: 1\n', setting), { schemaId: DRAFT04, origin: 'setting', title: 'Draft 04 service', problems: [] });
  assert.equal(associate('elsewhere/x.yaml', 'port: 1\n', setting).origin, 'none');
});

test('the setting beats a $schema key; a $schema key beats the built-ins; a modeline beats all of them', () => {
  const withKey = `$schema: ./kinds.schema.json\nname: abc\n`;
  assert.deepEqual(associate('a.cache.yaml', withKey, setting), { schemaId: DRAFT04, origin: 'setting', title: 'Draft 04 service', problems: [] });
  assert.deepEqual(associate('a.cache.yaml', withKey), { schemaId: KINDS, origin: '$schema', title: 'Schema problem kinds', problems: [] });
  const withModeline = `# cache-warden: $schema=${CACHE_LAYER_ID}\n$schema: ./kinds.schema.json\n`;
  assert.deepEqual(associate('configs/x.yaml', withModeline, setting), { schemaId: CACHE_LAYER_ID, origin: 'modeline', title: 'Cache Warden cache layer', problems: [] });
  const relativeModeline = `# a comment first\n# cache-warden: $schema=draft04/main.json\nport: 1\n`;
  assert.deepEqual(associate('x.cache.yaml', relativeModeline), { schemaId: DRAFT04, origin: 'modeline', title: 'Draft 04 service', problems: [] });
});

test('the CLI\'s --schema (forcedSchema) beats a modeline, the setting and a $schema key', () => {
  const text = `# cache-warden: $schema=${CACHE_LAYER_ID}\n$schema: ./kinds.schema.json\nport: 1\n`;
  const result = resolveAssociation({ filePath: path.join(root, 'configs/x.yaml'), text, parsed: parseFile(text), settingSchemas: setting, workspaceRoot: root, forcedSchema: KINDS }, registry);
  assert.deepEqual([result.schemaId, result.origin, result.declared, result.diagnostics], [KINDS, 'setting', true, []]);
});

test('a $schema key naming a schema that cannot be had is a warning, and the next association applies', () => {
  assert.deepEqual(associate('a.cache.yaml', '$schema: ./nope.json\nkind: x\n'), {
    schemaId: CACHE_LAYER_ID, origin: 'builtin', title: 'Cache Warden cache layer',
    problems: [`schema-declared-unresolved: The schema ${path.join(root, 'nope.json')} was not found or is not valid JSON. The file's \`$schema\` is ignored: the file is checked against Cache Warden cache layer instead.`],
  });
  const remote = resolveAssociation({ filePath: path.join(root, 'x.yaml'), text: '$schema: https://example.org/s.json\na: 1\n', parsed: parseFile('$schema: https://example.org/s.json\na: 1\n'), workspaceRoot: root }, registry);
  assert.deepEqual([remote.schemaId, remote.origin, remote.declared], [null, 'none', true]);
  assert.deepEqual(remote.diagnostics.map((d) => [d.code, d.severity, d.range.start.line, d.message]), [[
    'schema-declared-unresolved', 'warning', 0,
    'The schema https://example.org/s.json is remote and no local schema has that $id; remote schemas are not fetched unless the setting cacheWarden.allowRemoteSchemas is on (or mirror it into a folder listed in cacheWarden.schemaDirs). The file\'s `$schema` is ignored: the file is not validated against a schema.',
  ]]);
  // A modeline naming a missing schema stays an error: it is an explicit choice.
  assert.equal(resolveAssociation({ filePath: path.join(root, 'x.yaml'), text: '# cache-warden: $schema=./nope.json\n', workspaceRoot: root }, registry).diagnostics[0].severity, 'error');
});

test('a `# yaml-language-server: $schema=…` modeline is honoured like ours; ours wins when both are there', () => {
  assert.deepEqual(associate('x.yaml', '# yaml-language-server: $schema=draft04/main.json\n$schema: ./kinds.schema.json\nport: 1\n', setting), { schemaId: DRAFT04, origin: 'modeline', title: 'Draft 04 service', problems: [] });
  assert.deepEqual(associate('x.yaml', `# yaml-language-server: $schema=draft04/main.json\n# cache-warden: $schema=${CACHE_LAYER_ID}\n`).schemaId, CACHE_LAYER_ID);
  assert.deepEqual(associate('a.cache.yaml', '# yaml-language-server: $schema=none\nkind: x\n').origin, 'none');
  const range = resolveAssociation({ filePath: path.join(root, 'x.yaml'), text: '#yaml-language-server: $schema=./nope.json\n', workspaceRoot: root }, registry).diagnostics[0].range;
  assert.deepEqual(range, { start: { line: 0, character: 31 }, end: { line: 0, character: 42 } });
});

test('`none` switches validation off, whatever else applies', () => {
  assert.deepEqual(associate('a.cache.yaml', '# cache-warden: $schema=none\nkind: x\n', setting), { schemaId: null, origin: 'none', title: undefined, problems: [] });
  assert.deepEqual(associate('a.cache.yaml', '$schema: none\nkind: x\n'), { schemaId: null, origin: 'none', title: undefined, problems: [] });
});

test('a modeline after the first content line is not a modeline', () => {
  assert.equal(associate('a.cache.yaml', 'kind: x\n# cache-warden: $schema=none\n').origin, 'builtin');
});

test('a schema that does not exist, or is remote and not allowed, is reported on the association', () => {
  const missing = associate('x.yaml', '# cache-warden: $schema=./nope.json\na: 1\n');
  assert.deepEqual(missing.problems, [`schema-not-found: The schema ${path.join(root, 'nope.json')} was not found or is not valid JSON.`]);
  const remote = associate('x.yaml', '# cache-warden: $schema=https://example.org/s.json\na: 1\n');
  assert.deepEqual(remote.problems, [
    'schema-remote-blocked: The schema https://example.org/s.json is remote and no local schema has that $id; remote schemas are not fetched unless the setting cacheWarden.allowRemoteSchemas is on (or mirror it into a folder listed in cacheWarden.schemaDirs).',
  ]);
});

test('an empty document (only comments) is validated as null; `$schema` keys are never validated; --schema beats the file\'s $schema', () => {
  const schemas: Record<string, unknown> = {
    '/s/object.json': { type: 'object', additionalProperties: false, properties: { a: { type: 'number' } } },
    '/s/nullable.json': { type: ['object', 'null'] },
  };
  const local = new SchemaRegistry({ readFile: (p) => (schemas[p] ? JSON.stringify(schemas[p]) : undefined) });
  const run = (text: string, settings?: AnalyzeSettings) => analyzeFile(text, { filePath: '/w/x.yaml', registry: local, rules: false, ...(settings ? { settings } : {}) }).diagnostics.map((d) => `${d.range.start.line}:${d.range.start.character} ${d.severity} ${d.code}: ${d.message}`);
  assert.deepEqual(run('# cache-warden: $schema=/s/object.json\n# nothing else\n'), ['0:0 error schema-type: The document must be a mapping (key: value pairs) — got nothing (null).']);
  assert.deepEqual(run('# yaml-language-server: $schema=/s/nullable.json\n'), []);
  assert.deepEqual(run('# cache-warden: $schema=/s/object.json\n---\n# empty second\n'), ['1:3 error schema-type: The document must be a mapping (key: value pairs) — got nothing (null).']);
  // The setting wins over the key, and the key itself is not validated (additionalProperties: false).
  assert.deepEqual(run('$schema: /s/nullable.json\na: 1\n', { schemas: { '/s/object.json': 'x.yaml' }, workspaceRoot: '/w' }), []);
  assert.deepEqual(run('$schema: /s/nullable.json\na: x\n', { forcedSchema: 'file:///s/object.json' }).map((l) => l.slice(0, 26)), ['1:3 error schema-type: `a`']);
  // An unresolvable key falls back (here: to no schema) with a warning; the file is still checked by what follows.
  assert.deepEqual(run('$schema: ./missing.json\na: 1\n', { schemas: {}, workspaceRoot: '/w' }), ['0:9 warning schema-declared-unresolved: The schema /w/missing.json was not found or is not valid JSON. The file\'s `$schema` is ignored: the file is not validated against a schema.']);
});
