import assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import { SchemaRegistry } from '../../../src/core/schema/schemaRegistry';
import { analyzeWith, describe, fixtureSchemaId, SCHEMA_FIXTURES } from './helpers';

function check(schema: string, body: string, registry = new SchemaRegistry()): string[] {
  const text = `# cache-warden: $schema=${fixtureSchemaId(schema)}\n${body}`;
  return describe(analyzeWith(text, path.join(SCHEMA_FIXTURES, 'x.yaml'), registry).diagnostics);
}

test('draft 04 with $ref to a sibling file (and to a definition inside it)', () => {
  assert.deepEqual(check('draft04/main.json', 'port: 65535\nlevel: verbose\n'), [
    '1:6-1:11 error schema-maximum `port` must be less than 65535 — got `65535`.',
    '2:7-2:14 error schema-enum `level` must be one of: debug, info, warn — got `verbose`.',
  ]);
  assert.deepEqual(check('draft04/main.json', 'port: 8080\nlevel: info\n'), []);
});

test('draft 2020-12 with $ref to a sibling file, unevaluatedProperties and formats', () => {
  assert.deepEqual(check('draft2020/main.json', 'endpoint:\n  url: not a uri\n  timeout: 5m\nretries: 11\nextra: true\n'), [
    '2:7-2:16 error schema-format `url` must be an absolute URI like https://example.com/page — got `not a uri`.',
    '3:11-3:13 error schema-pattern `timeout` must match the pattern `^[0-9]+(ms|s)$` — got `5m`.',
    '4:9-4:11 error schema-maximum `retries` must be at most 10 — got `11`.',
    '5:0-5:5 error schema-additional-property `extra` is not allowed at the top level. Allowed: endpoint, retries.',
  ]);
  assert.deepEqual(check('draft2020/main.json', 'endpoint:\n  timeout: 5s\n'), [
    '1:0-1:8 error schema-required `endpoint` is missing the required property `url`.',
  ]);
});

test('a remote $ref resolves against a schema known by its $id in schemaDirs (offline mirror)', () => {
  const mirrored = new SchemaRegistry({ schemaDirs: [path.join(SCHEMA_FIXTURES, 'mirror')] });
  assert.deepEqual(check('mirrored-only.schema.json', 'color: purple\n', mirrored), [
    '1:7-1:13 error schema-enum `color` must be one of: red, green, blue — got `purple`.',
  ]);
});

test('a remote $ref that no local schema provides is not fetched: a diagnostic names the $ref, the rest still checks', () => {
  const mirrored = new SchemaRegistry({ schemaDirs: [path.join(SCHEMA_FIXTURES, 'mirror')] });
  assert.deepEqual(check('remote-ref.schema.json', 'color: purple\n', mirrored), [
    '0:24-0:' + (24 + fixtureSchemaId('remote-ref.schema.json').length) +
      ' error schema-remote-blocked The $ref `https://unmirrored.example.org/shapes.json#/definitions/shape` at remote-ref.schema.json:7:24 cannot be resolved: The schema https://unmirrored.example.org/shapes.json is remote and no local schema has that $id; remote schemas are not fetched unless the setting cacheWarden.allowRemoteSchemas is on (or mirror it into a folder listed in cacheWarden.schemaDirs). That part of the schema is not checked.',
    '1:7-1:13 error schema-enum `color` must be one of: red, green, blue — got `purple`.',
  ]);
});

test('with remote schemas allowed, prefetch loads them through the given fetcher, once', async () => {
  const fetched: string[] = [];
  const registry = new SchemaRegistry({
    allowRemote: true,
    fetchText: async (url) => {
      fetched.push(url);
      if (url === 'https://schemas.example.com/shared/types.json') return JSON.stringify({ $id: url, definitions: { color: { enum: ['red'] } } });
      return JSON.stringify({ $id: url, definitions: { shape: { enum: ['circle'] } } });
    },
  });
  const id = fixtureSchemaId('remote-ref.schema.json');
  await registry.prefetch(id);
  await registry.prefetch(id);
  assert.deepEqual(fetched.sort(), ['https://schemas.example.com/shared/types.json', 'https://unmirrored.example.org/shapes.json']);
  assert.deepEqual(check('remote-ref.schema.json', 'color: blue\nshape: circle\n', registry), [
    '1:7-1:11 error schema-enum `color` must be one of: red — got `blue`.',
  ]);
});

test('each schema is compiled once and the validator is cached', () => {
  const registry = new SchemaRegistry();
  const id = fixtureSchemaId('kinds.schema.json');
  const first = registry.getValidator(id);
  assert.ok(first.validate);
  assert.equal(registry.getValidator(id), first);
});

test('a $ref to a place that does not exist is reported at the $ref, not thrown; the rest still checks', () => {
  const registry = new SchemaRegistry({ readFile: () => '{"type": "object", "properties": {"a": {"$ref": "#/nowhere"}, "b": {"type": "string"}}}' });
  const id = fixtureSchemaId('virtual.json');
  assert.deepEqual(check('virtual.json', 'a: 1\nb: 2\n', registry), [
    `0:24-0:${24 + id.length} error schema-ref-unresolved The $ref \`#/nowhere\` (${id}#/nowhere) at virtual.json:1:49 cannot be resolved: that schema has no such place. That part of the schema is not checked.`,
    '2:3-2:4 error schema-type `b` must be a string — got `2`.',
  ]);
});

test('a schema ajv cannot compile is reported, not thrown', () => {
  const registry = new SchemaRegistry({ readFile: () => '{"type": "object", "properties": {"a": {"pattern": "("}}}' });
  const result = check('virtual.json', 'a: x\n', registry);
  assert.equal(result.length, 1);
  assert.match(result[0], /^0:24-0:\d+ error schema-invalid The schema file:\/\/\S+virtual\.json could not be compiled: /);
});
