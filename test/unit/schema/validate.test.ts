import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SchemaRegistry } from '../../../src/core/schema/schemaRegistry';
import { analyzeWith, describe, fixtureSchemaId } from './helpers';

const KINDS = fixtureSchemaId('kinds.schema.json');
const registry = new SchemaRegistry();

/** Schema and syntax problems only (the rules have their own tests). */
function problems(text: string, filePath = '/work/x.yaml'): string[] {
  const analysis = analyzeWith(text, filePath, registry);
  return describe(analysis.diagnostics.filter((d) => d.code.startsWith('schema-') || d.code.startsWith('yaml-') || d.code.includes('alias') || d.code.includes('nesting')));
}

const header = `# cache-warden: $schema=${KINDS}\n`;

test('each kind of schema problem: exact range and message', () => {
  const text = header + [
    'name: ab',
    'mode: fsat',
    'kind: Gadget',
    'port: 0',
    'ratio: 0',
    'code: abc',
    'size: 12Gb',
    'expires: 2025-13-45x',
    'tags: [a, b, a]',
    'other: 1',
    'port2: 70000',
  ].join('\n') + '\n';
  assert.deepEqual(problems(text), [
    '1:6-1:8 error schema-min-length `name` must be at least 3 characters long — got `ab`.',
    '2:6-2:10 error schema-enum `mode` must be one of: fast, safe, off — got `fsat`. Did you mean `fast`?',
    '3:6-3:12 error schema-const `kind` must be `Widget` — got `Gadget`.',
    '4:6-4:7 error schema-minimum `port` must be at least 1 — got `0`.',
    '5:7-5:8 error schema-minimum `ratio` must be more than 0 — got `0`.',
    '6:6-6:9 error schema-pattern `code` must match the pattern `^[A-Z]{3}$` — got `abc`.',
    '7:6-7:10 error schema-pattern `size`: A size is a number and a unit, such as 512Mi or 6Gi — got `12Gb`.',
    '8:9-8:20 error schema-format `expires` must be a date like 2025-01-31 — got `2025-13-45x`.',
    '9:13-9:14 error schema-unique-items `tags` must not repeat items: `a` appears more than once.',
    '10:0-10:5 error schema-additional-property `other` is not allowed at the top level. Allowed: name, mode, kind, port, ratio, code, size, expires, tags, limit, items.',
    '11:0-11:5 error schema-additional-property `port2` is not allowed at the top level. Did you mean `port`?',
  ]);
});

test('a wrong type marks the value; a missing required property marks the parent key', () => {
  const text = header + 'name: 42\nmode: fast\nitems:\n  - weight: 2\n  - id: x\nport: 8080.5\n';
  assert.deepEqual(problems(text), [
    '1:6-1:8 error schema-type `name` must be a string — got `42`.',
    '4:4-4:13 error schema-required `items[0]` is missing the required property `id`.',
    '6:6-6:12 error schema-type `port` must be a whole number — got `8080.5`.',
  ]);
});

test('missing properties of the top level are listed once, on the first line', () => {
  assert.deepEqual(problems(header + 'port: 80\n'), [
    '1:0-1:8 error schema-required The document is missing the required properties `name`, `mode`.',
  ]);
});

test('an empty value with the wrong type marks its key', () => {
  assert.deepEqual(problems(header + 'name:\nmode: safe\n'), ['1:0-1:4 error schema-type `name` must be a string — got nothing (null).']);
});

test('oneOf: the branch that nearly matched is explained, not "must match exactly one schema"', () => {
  const text = header + 'name: abc\nmode: off\nlimit:\n  value: 5x\n  burts: 1\n';
  assert.deepEqual(problems(text), [
    '4:9-4:11 error schema-pattern `value` must match the pattern `^[0-9]+[smh]$` — got `5x`.',
    '5:2-5:7 error schema-additional-property `burts` is not allowed in `limit`. Did you mean `burst`?',
  ]);
  assert.deepEqual(problems(header + 'name: abc\nmode: off\nlimit: 5x\n'), [
    '3:7-3:9 error schema-pattern `limit` must match the pattern `^[0-9]+[smh]$` — got `5x`.',
  ]);
});

test('oneOf: when no branch is close, the message names every allowed form', () => {
  assert.deepEqual(problems(header + 'name: abc\nmode: off\nlimit: true\n'), [
    '3:7-3:11 error schema-type `limit` must be a duration or a limit block — got `true`.',
  ]);
});

test('the schema author\'s message is used (built-in schema: bare 0 duration)', () => {
  const text = [
    'apiVersion: cache-warden/v1',
    'kind: CacheLayer',
    'metadata:',
    '  service: catalog-service',
    'spec:',
    '  backends:',
    '    - name: catalog-redis',
    '      type: redis',
    '      eviction: allkeys-lur',
    '  caches:',
    '    - name: product-by-id',
    '      backend: catalog-redis',
    '      ttl:',
    '        value: 0',
  ].join('\n') + '\n';
  assert.deepEqual(problems(text, '/work/catalog.cache.yaml'), [
    '8:16-8:27 error schema-enum `eviction` must be one of: noeviction, allkeys-lru, allkeys-lfu, allkeys-random, volatile-lru, volatile-lfu, volatile-random, volatile-ttl — got `allkeys-lur`. Did you mean `allkeys-lru`?',
    '13:15-13:16 error schema-type `value`: A duration is a string with a unit, such as "30s", "10m" or "1h", or "never". A bare number is ambiguous: 0 means "never expire" in memcached and Symfony but "never cache" in Django — got `0`.',
  ]);
});

test('multi-document files: each document is validated on its own', () => {
  const text = header + 'name: abc\nmode: fast\n---\nname: abc\nmode: slow\n---\nmode: off\n';
  assert.deepEqual(problems(text), [
    '5:6-5:10 error schema-enum `mode` must be one of: fast, safe, off — got `slow`.',
    '7:0-7:9 error schema-required The document is missing the required property `name`.',
  ]);
});

test('errors inside aliased content are reported where the alias is used', () => {
  const text = header + [
    'name: abc',
    'mode: fast',
    'items:',
    '  - &shared',
    '    id: a',
    '    weight: heavy',
    '  - *shared',
  ].join('\n') + '\n';
  assert.deepEqual(problems(text), [
    '6:12-6:17 error schema-type `weight` must be a number — got `heavy`.',
    '7:4-7:11 error schema-type `weight` must be a number — got `heavy`.',
  ]);
});

test('syntax errors are reported where they are, without a cascade of schema errors', () => {
  // The broken first document gets only its syntax error (no "port must be an integer" etc.);
  // the second document, which parses, is still validated.
  const text = header + 'name: abc\nmode: [fast\nport: x\n---\nname: abc\nmode: slow\n';
  assert.deepEqual(problems(text), [
    '3:0-3:1 error yaml-bad-indent Flow sequence in block collection must be sufficiently indented and end with a ]',
    '6:6-6:10 error schema-enum `mode` must be one of: fast, safe, off — got `slow`.',
  ]);
  assert.deepEqual(problems(header + 'name: abc\nmode: fast\nname: x\n'), ['3:0-3:1 error yaml-duplicate-key Map keys must be unique']);
});

test('JSON files are validated the same way, with JSON ranges', () => {
  const text = `{\n  "$schema": ${JSON.stringify(KINDS)},\n  "name": "abc",\n  "mode": "fsat"\n}\n`;
  assert.deepEqual(problems(text, '/work/x.json'), [
    '3:10-3:16 error schema-enum `mode` must be one of: fast, safe, off — got `fsat`. Did you mean `fast`?',
  ]);
});

test('every schema diagnostic links to its docs section and carries the pointer', () => {
  const analysis = analyzeWith(header + 'name: abc\nmode: fsat\n', '/work/x.yaml', registry);
  const [d] = analysis.diagnostics;
  assert.equal(d.source, 'cache-warden (schema)');
  assert.equal(d.docsUrl, 'docs/schema-problems.md#schema-enum');
  assert.equal(d.data?.pointer, '/mode');
  assert.deepEqual(d.data?.values, ['fast', 'safe', 'off']);
  assert.equal(d.data?.suggestion, 'fast');
});
