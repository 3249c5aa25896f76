import assert from 'node:assert/strict';
import { test } from 'node:test';
import { completeAt } from '../../../src/core/schema/completion';
import { hoverAt } from '../../../src/core/schema/hover';
import { SchemaRegistry } from '../../../src/core/schema/schemaRegistry';
import { analyzeWith, CACHE_LAYER_ID, describe } from './helpers';

const registry = new SchemaRegistry();

/** Analysis, hover and completion all return (no throw) for hostile input. */
function survive(text: string): string[] {
  const analysis = analyzeWith(text, '/work/hostile.cache.yaml', registry);
  const middle = Math.floor(text.length / 2);
  assert.doesNotThrow(() => hoverAt(analysis.parsed, middle, CACHE_LAYER_ID, registry));
  assert.doesNotThrow(() => completeAt(analysis.parsed, middle, CACHE_LAYER_ID, registry));
  return describe(analysis.diagnostics.filter((d) => !/^CW\d+$/.test(d.code)));
}

test('a 10 MB file gets a notice instead of an analysis', () => {
  assert.deepEqual(survive('a: ' + 'x'.repeat(10 * 1024 * 1024) + '\n'), [
    '0:0-0:0 information file-too-large This file is 10.0 MB; Cache Warden checks files up to 5 MB, so it is not validated.',
  ]);
});

test('10,000-deep nesting is reported, not overflowed', () => {
  assert.deepEqual(survive('['.repeat(10000) + ']'.repeat(10000)), ['0:257-0:20000 error nesting-too-deep Nesting is deeper than 256 levels; the file is not validated.']);
});

test('an alias bomb is reported where the expansion passes the limit', () => {
  const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (const [prev, next] of [['a', 'b'], ['b', 'c'], ['c', 'd'], ['d', 'e'], ['e', 'f'], ['f', 'g']]) {
    levels.push(`${next}: &${next} [${Array(9).fill('*' + prev).join(',')}]`);
  }
  assert.deepEqual(survive(levels.join('\n') + '\n'), [
    '4:7-4:34 error alias-expansion-limit Aliases expand to more than 10000 nodes (an "alias bomb"); the file is not validated.',
  ]);
});

// Binary data is an error, not a notice: a CI gate must not pass a file it could not check.
test('binary garbage is an error', () => {
  const bytes = Buffer.alloc(200000);
  for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7919 + (i >> 3) * 31) & 255;
  assert.deepEqual(survive(bytes.toString('latin1')), [
    '0:0-0:0 error file-binary This file contains binary data, not YAML or JSON text; it is not validated.',
  ]);
});

test('control characters in a wrong value are shown escaped in the message', () => {
  const text = 'apiVersion: cache-warden/v1\nkind: "Cache\\u0007Layer"\nmetadata:\n  service: s\nspec:\n  backends: [{name: r, type: redis}]\n  caches: [{name: c, backend: r, ttl: {value: 1m}}]\n';
  assert.deepEqual(survive(text), ['1:6-1:24 error schema-const `kind` must be `CacheLayer` — got `Cache\\u0007Layer`.']);
});
