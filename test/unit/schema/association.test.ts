import assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
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

test('a $schema key beats the setting; a modeline beats both', () => {
  const withKey = `$schema: ./kinds.schema.json\nname: abc\n`;
  assert.deepEqual(associate('a.cache.yaml', withKey, setting), { schemaId: KINDS, origin: '$schema', title: 'Schema problem kinds', problems: [] });
  const withModeline = `# cache-warden: $schema=${CACHE_LAYER_ID}\n$schema: ./kinds.schema.json\n`;
  assert.deepEqual(associate('configs/x.yaml', withModeline, setting), { schemaId: CACHE_LAYER_ID, origin: 'modeline', title: 'Cache Warden cache layer', problems: [] });
  const relativeModeline = `# a comment first\n# cache-warden: $schema=draft04/main.json\nport: 1\n`;
  assert.deepEqual(associate('x.cache.yaml', relativeModeline), { schemaId: DRAFT04, origin: 'modeline', title: 'Draft 04 service', problems: [] });
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
