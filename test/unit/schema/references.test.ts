// `$id`, `$ref`, `$anchor`, `$recursiveRef` and `$dynamicRef` resolve as JSON Schema says: the whole
// document goes to ajv; only what is really outside it is looked up (schemaDirs by `$id`, URL-prefix
// mirrors, the draft meta-schemas). A reference nobody has is reported at its `$ref`.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import { referencedDocuments, SchemaRegistry, type SchemaRegistryOptions } from '../../../src/core/schema/schemaRegistry';
import { fileUriOf } from '../../../src/core/schema/schemaUris';
import { analyzeWith, describe } from './helpers';

const ROOT = path.resolve('/virtual/refs');

/** A registry over an in-memory file system (absolute path → schema). */
function registryOf(files: Record<string, unknown>, options: SchemaRegistryOptions = {}): SchemaRegistry {
  const texts = new Map(Object.entries(files).map(([file, schema]) => [path.join(ROOT, file), typeof schema === 'string' ? schema : JSON.stringify(schema, null, 2)]));
  return new SchemaRegistry({
    readFile: (p) => texts.get(p),
    listFiles: (dir) => [...texts.keys()].filter((p) => p.startsWith(dir + path.sep)),
    ...options,
  });
}

const uriOf = (file: string) => fileUriOf(path.join(ROOT, file));

/** Validates each value against the schema file and returns what ajv said (true = valid). */
function verdicts(registry: SchemaRegistry, file: string, values: unknown[]): boolean[] {
  const compiled = registry.getValidator(uriOf(file));
  assert.deepEqual(compiled.problems, [], 'no schema problems');
  assert.ok(compiled.validate);
  return values.map((value) => compiled.validate!(value) as boolean);
}

test('a $ref to an $id embedded in the same schema resolves inside the document (draft 7 and 2020-12)', () => {
  for (const [$schema, defs] of [['http://json-schema.org/draft-07/schema#', 'definitions'], ['https://json-schema.org/draft/2020-12/schema', '$defs']]) {
    const registry = registryOf({
      's.json': {
        $schema,
        $id: 'http://example.com/root.json',
        properties: { a: { $ref: 'http://example.com/item.json' }, b: { $ref: 'item.json' } },
        [defs]: { item: { $id: 'http://example.com/item.json', type: 'integer' } },
      },
    });
    assert.deepEqual(verdicts(registry, 's.json', [{ a: 1, b: 2 }, { a: 'x' }, { b: 'x' }]), [true, false, false], $schema);
  }
});

test('$id changes the base URI of its subschema: refs resolve against the nearest parent $id (draft 4 `id` too)', () => {
  const registry = registryOf({
    'd7.json': {
      $schema: 'http://json-schema.org/draft-07/schema#',
      $id: 'http://example.com/a.json',
      definitions: {
        x: { $id: 'http://example.com/b/c.json', not: { definitions: { y: { $id: 'd.json', type: 'number' } } } },
      },
      allOf: [{ $ref: 'http://example.com/b/d.json' }],
    },
    'd4.json': {
      $schema: 'http://json-schema.org/draft-04/schema#',
      id: 'http://example.com/folder/',
      items: { id: 'sub/', items: { $ref: 'int.json' } },
      definitions: { int: { id: 'http://example.com/folder/sub/int.json', type: 'integer' } },
    },
  });
  assert.deepEqual(verdicts(registry, 'd7.json', [1, 'a']), [true, false]);
  assert.deepEqual(verdicts(registry, 'd4.json', [[[1]], [['a']]]), [true, false]);
});

test('$anchor with an absolute and with a relative base URI (2019-09 and 2020-12)', () => {
  for (const $schema of ['https://json-schema.org/draft/2019-09/schema', 'https://json-schema.org/draft/2020-12/schema']) {
    const registry = registryOf({
      'abs.json': { $schema, $id: 'http://example.com/root', $ref: 'http://example.com/nested.json#foo', $defs: { a: { $id: 'nested.json', $defs: { b: { $anchor: 'foo', type: 'string' } } } } },
      'rel.json': { $schema, $id: 'root-relative', $ref: '#bar', $defs: { bar: { $anchor: 'bar', type: 'boolean' } } },
    });
    assert.deepEqual(verdicts(registry, 'abs.json', ['x', 1]), [true, false], $schema);
    assert.deepEqual(verdicts(registry, 'rel.json', [true, 'x']), [true, false], $schema);
  }
});

test('refs to if/then/else resources and an absolute-path reference against a base with a path', () => {
  const registry = registryOf({
    'ifs.json': {
      $schema: 'http://json-schema.org/draft-07/schema#',
      $id: 'http://example.com/ref/main',
      allOf: [{ $ref: 'if' }, { $ref: 'then' }],
      if: { $id: 'http://example.com/ref/if', type: 'integer' },
      then: { $id: 'http://example.com/ref/then', minimum: 3 },
    },
    'abs.json': {
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      $id: 'http://example.com/ref/absref.json',
      $defs: { a: { $id: 'http://example.com/ref/absref/foobar.json', type: 'number' }, b: { $id: 'http://example.com/absref/foobar.json', type: 'string' } },
      $ref: '/absref/foobar.json',
    },
  });
  assert.deepEqual(verdicts(registry, 'ifs.json', [5, 'x', 1]), [true, false, false]);
  assert.deepEqual(verdicts(registry, 'abs.json', ['a', 1]), [true, false]);
});

test('$recursiveRef (2019-09) and $dynamicRef (2020-12) through embedded resources; unevaluatedProperties sees through refs', () => {
  const registry = registryOf({
    'recursive.json': {
      $schema: 'https://json-schema.org/draft/2019-09/schema',
      $id: 'http://example.com/tree.json',
      $recursiveAnchor: true,
      type: 'object',
      properties: { children: { type: 'array', items: { $recursiveRef: '#' } }, value: { type: 'number' } },
    },
    'dynamic.json': {
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      $id: 'http://example.com/strict-tree',
      $dynamicAnchor: 'node',
      $ref: 'tree',
      unevaluatedProperties: false,
      $defs: { tree: { $id: 'tree', $dynamicAnchor: 'node', type: 'object', properties: { children: { type: 'array', items: { $dynamicRef: '#node' } }, data: true } } },
    },
    'unevaluated.json': {
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      $id: 'http://example.com/closed',
      $ref: 'http://example.com/base',
      unevaluatedProperties: false,
      $defs: { base: { $id: 'http://example.com/base', properties: { name: { type: 'string' } } } },
    },
  });
  assert.deepEqual(verdicts(registry, 'recursive.json', [{ children: [{ value: 1, children: [] }] }, { children: [{ value: 'x' }] }]), [true, false]);
  // The extended tree is strict all the way down: `#node` resolves dynamically to the outer resource.
  assert.deepEqual(verdicts(registry, 'dynamic.json', [{ children: [{ data: 1, children: [] }] }, { children: [{ daat: 1 }] }]), [true, false]);
  assert.deepEqual(verdicts(registry, 'unevaluated.json', [{ name: 'a' }, { name: 'a', extra: 1 }]), [true, false]);
});

test('a $ref to a standard meta-schema resolves offline, across drafts', () => {
  const registry = registryOf({
    'meta07.json': { $schema: 'https://json-schema.org/draft/2020-12/schema', $ref: 'http://json-schema.org/draft-07/schema#' },
    'meta04.json': { $schema: 'http://json-schema.org/draft-07/schema#', properties: { s: { $ref: 'http://json-schema.org/draft-04/schema#' } } },
    'meta2019.json': { $schema: 'http://json-schema.org/draft-07/schema#', $ref: 'https://json-schema.org/draft/2019-09/schema' },
    'meta2020.json': { $schema: 'https://json-schema.org/draft/2020-12/schema', $ref: 'https://json-schema.org/draft/2020-12/schema' },
  });
  assert.deepEqual(verdicts(registry, 'meta07.json', [{ type: 'string' }, { type: 7 }]), [true, false]);
  assert.deepEqual(verdicts(registry, 'meta04.json', [{ s: { minLength: 1 } }, { s: { minLength: -1 } }]), [true, false]);
  assert.deepEqual(verdicts(registry, 'meta2019.json', [{ minItems: 1 }, { minItems: 'x' }]), [true, false]);
  assert.deepEqual(verdicts(registry, 'meta2020.json', [{ $defs: {} }, { $defs: 1 }]), [true, false]);
  // Meta-schemas are known on demand; they are not offered as the user's schemas.
  assert.deepEqual(registry.knownIds().filter((id) => id.includes('json-schema.org')), []);
});

test('referencedDocuments lists only what is outside the document: embedded $ids and anchors are inside', () => {
  const doc = {
    $id: 'http://example.com/root.json',
    properties: { a: { $ref: 'item.json' }, b: { $ref: '#anchor' }, c: { $ref: 'http://other.example/x.json#/definitions/y' }, d: { $ref: 'sub/more.json' } },
    $defs: { item: { $id: 'item.json', $anchor: 'anchor' }, sub: { $id: 'sub/', properties: { e: { $ref: 'deeper.json' } } } },
  };
  assert.deepEqual(referencedDocuments(doc, 'http://example.com/root.json', '2020-12').sort(), [
    'http://example.com/sub/deeper.json',
    'http://example.com/sub/more.json',
    'http://other.example/x.json',
  ]);
});

test('a reference nobody has is reported at its $ref (file, line, resolved URI); the rest of the schema still checks', () => {
  const schema = '{\n  "$schema": "http://json-schema.org/draft-07/schema#",\n  "$id": "https://example.test/schemas/service.json",\n  "properties": {\n    "port": { "$ref": "defs/port.json" },\n    "name": { "type": "string" },\n    "mode": { "$ref": "#/definitions/nowhere" }\n  }\n}\n';
  const registry = registryOf({ 'service.json': schema });
  const compiled = registry.getValidator(uriOf('service.json'));
  assert.ok(compiled.validate);
  assert.deepEqual(compiled.problems.map((p) => ({ code: p.code, uri: p.uri, at: p.at })), [
    {
      code: 'schema-remote-blocked',
      uri: 'https://example.test/schemas/defs/port.json',
      at: {
        documentUri: 'https://example.test/schemas/service.json', pointer: '/properties/port', ref: 'defs/port.json', resolved: 'https://example.test/schemas/defs/port.json',
        path: path.join(ROOT, 'service.json'), range: { start: { line: 4, character: 22 }, end: { line: 4, character: 38 } },
      },
    },
    {
      code: 'schema-ref-unresolved',
      uri: 'https://example.test/schemas/service.json#/definitions/nowhere',
      at: {
        documentUri: 'https://example.test/schemas/service.json', pointer: '/properties/mode', ref: '#/definitions/nowhere', resolved: 'https://example.test/schemas/service.json#/definitions/nowhere',
        path: path.join(ROOT, 'service.json'), range: { start: { line: 6, character: 22 }, end: { line: 6, character: 45 } },
      },
    },
  ]);
  const text = `# cache-warden: $schema=${path.join(ROOT, 'service.json')}\nport: 1\nname: 2\n`;
  const analysis = analyzeWith(text, path.join(ROOT, 'x.yaml'), registry);
  const end = 24 + path.join(ROOT, 'service.json').length;
  assert.deepEqual(describe(analysis.diagnostics), [
    `0:24-0:${end} error schema-remote-blocked The $ref \`defs/port.json\` (https://example.test/schemas/defs/port.json) at service.json:5:23 cannot be resolved: The schema https://example.test/schemas/defs/port.json is remote and no local schema has that $id; remote schemas are not fetched unless the setting cacheWarden.allowRemoteSchemas is on (or mirror it into a folder listed in cacheWarden.schemaDirs). That part of the schema is not checked.`,
    `0:24-0:${end} error schema-ref-unresolved The $ref \`#/definitions/nowhere\` (https://example.test/schemas/service.json#/definitions/nowhere) at service.json:7:23 cannot be resolved: that schema has no such place. That part of the schema is not checked.`,
    '2:6-2:7 error schema-type `name` must be a string — got `2`.',
  ]);
  assert.deepEqual(analysis.diagnostics[0].related, [
    { uri: path.join(ROOT, 'service.json'), range: { start: { line: 4, character: 22 }, end: { line: 4, character: 38 } }, message: 'The `defs/port.json` reference (resolves to https://example.test/schemas/defs/port.json).' },
  ]);
});

test('schemaMappings read a URL prefix from a local folder; a mirrored file without $id keeps its URL as base', () => {
  const files = {
    'main.json': { $schema: 'http://json-schema.org/draft-07/schema#', properties: { n: { $ref: 'https://schemas.example.com/types/number.json' }, s: { $ref: 'https://schemas.example.com/types/string.json#/definitions/short' } } },
    'mirror/types/number.json': { type: 'number', not: { $ref: 'zero.json' } },
    'mirror/types/zero.json': { const: 0 },
    'mirror/types/string.json': { $id: 'https://schemas.example.com/types/string.json', definitions: { short: { type: 'string', maxLength: 3 } } },
  };
  const mapped = registryOf(files, { schemaMappings: { 'https://schemas.example.com/': path.join(ROOT, 'mirror') } });
  assert.deepEqual(verdicts(mapped, 'main.json', [{ n: 1, s: 'abc' }, { n: 0 }, { n: 'x' }, { s: 'abcd' }]), [true, false, false, false]);
  assert.equal(mapped.mappedPath('https://schemas.example.com/types/a%20b.json'), path.join(ROOT, 'mirror', 'types', 'a b.json'));
  assert.equal(mapped.mappedPath('https://elsewhere.example.com/x.json'), undefined);

  const missing = registryOf({ 'main.json': files['main.json'] }, { schemaMappings: { 'https://schemas.example.com/': path.join(ROOT, 'mirror') } });
  assert.deepEqual(missing.getValidator(uriOf('main.json')).problems.map((p) => `${p.code}: ${p.message}`), [
    `schema-not-found: The $ref \`https://schemas.example.com/types/number.json\` at main.json:${lineOf(files['main.json'], 'number.json')} cannot be resolved: The schema https://schemas.example.com/types/number.json is mapped to ${path.join(ROOT, 'mirror', 'types', 'number.json')}, which was not found or is not valid JSON. That part of the schema is not checked.`,
    `schema-not-found: The $ref \`https://schemas.example.com/types/string.json#/definitions/short\` at main.json:${lineOf(files['main.json'], 'string.json')} cannot be resolved: The schema https://schemas.example.com/types/string.json is mapped to ${path.join(ROOT, 'mirror', 'types', 'string.json')}, which was not found or is not valid JSON. That part of the schema is not checked.`,
  ]);
});

test('a boolean schema file: true allows everything, false nothing', () => {
  const registry = registryOf({ 'yes.json': 'true', 'no.json': 'false' });
  assert.deepEqual(verdicts(registry, 'yes.json', [1, 'a', null]), [true, true, true]);
  assert.deepEqual(verdicts(registry, 'no.json', [1, 'a', null]), [false, false, false]);
});

/** `line:column` (1-based) of the `$ref` value that contains `needle` in the pretty-printed schema. */
function lineOf(schema: unknown, needle: string): string {
  const lines = JSON.stringify(schema, null, 2).split('\n');
  const line = lines.findIndex((l) => l.includes('"$ref"') && l.includes(needle));
  return `${line + 1}:${lines[line].indexOf('"https') + 1}`;
}

test('with remote schemas allowed, a $ref that was pending resolves once prefetch has fetched it', async () => {
  const registry = registryOf(
    { 'main.json': { $schema: 'http://json-schema.org/draft-07/schema#', properties: { n: { $ref: 'https://remote.example/n.json' } } } },
    { allowRemote: true, fetchText: async () => JSON.stringify({ type: 'number' }) },
  );
  const before = registry.getValidator(uriOf('main.json'));
  assert.deepEqual(before.problems.map((p) => p.code), ['schema-remote-pending']);
  await registry.prefetch(uriOf('main.json'));
  const after = registry.getValidator(uriOf('main.json'));
  assert.deepEqual(after.problems, []);
  assert.deepEqual([{ n: 1 }, { n: 'x' }].map((v) => after.validate!(v)), [true, false]);
});
