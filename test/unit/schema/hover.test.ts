import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { hoverAt } from '../../../src/core/schema/hover';
import { SchemaRegistry } from '../../../src/core/schema/schemaRegistry';
import { CACHE_LAYER_ID, fixtureSchemaId, parsedOf, withCaret } from './helpers';

const registry = new SchemaRegistry();
const DOCUMENTED = fixtureSchemaId('documented.schema.json');

function hover(marked: string, schemaId = DOCUMENTED, linkFor?: (p: string) => string) {
  const { text, offset } = withCaret(marked);
  return hoverAt(parsedOf(text, '/work/x.yaml'), offset, schemaId, registry, linkFor ? { linkFor } : {});
}

const EVICTION_MARKDOWN = [
  '#### Eviction policy',
  '',
  'What the cache removes when **full**.',
  '',
  'Default: `allkeys-lru`',
  '',
  'Allowed values:',
  '',
  '- `noeviction`: Never evict: writes fail.',
  '- `allkeys-lru`: Least recently used among **all** keys.',
  '- `volatile-ttl`: Shortest TTL first.',
  '',
  'Examples:',
  '',
  '```yaml',
  'eviction: allkeys-lru',
  '```',
  '',
  '[Documentation](command:open?docs%2Fconfig%2Feviction.md%23policy)',
].join('\n');

test('hover on a nested key: title, description, default, allowed values, examples, docs link', () => {
  const result = hover('service:\n  cache:\n    evic|tion: volatile-ttl\n', DOCUMENTED, (p) => `command:open?${encodeURIComponent(p)}`);
  assert.deepEqual(result, { markdown: EVICTION_MARKDOWN, range: { start: { line: 2, character: 4 }, end: { line: 2, character: 12 } } });
});

test('hover on an enum value marks the current value', () => {
  const result = hover('service:\n  cache:\n    eviction: volatile-t|tl\n');
  assert.deepEqual(result?.range, { start: { line: 2, character: 14 }, end: { line: 2, character: 26 } });
  assert.equal(result?.markdown, EVICTION_MARKDOWN.replace('- `volatile-ttl`', '- **`volatile-ttl`**').replace(/\(command:open\?.*\)$/, '(docs/config/eviction.md#policy)'));
});

test('hover through a $ref shows the referenced definition; a plain description is escaped', () => {
  assert.deepEqual(hover('service:\n  cache:\n    t|tl: 10m\n')?.markdown, '#### Duration\n\nA duration such as 30s.\n\nExamples:\n\n```yaml\nttl: 30s\n```\n\n```yaml\nttl: 10m\n```');
  assert.equal(hover('service:\n  na|me: x\n')?.markdown, '#### Service name\n\nA unique name, like \\*catalog\\*.');
});

test('hover inside a list item, in the second document of a file', () => {
  const result = hover('service:\n  name: a\n---\nservice:\n  regions:\n    - e|u\n');
  assert.equal(result?.markdown, '#### regions\n\nAllowed values:\n\n- **`eu`**: Europe\n- `us`: United States');
});

test('no hover where the schema says nothing, on a mapping, or outside any schema property', () => {
  assert.equal(hover('serv|ice:\n  name: x\n')?.markdown, '#### Service\n\nThe service these settings belong to.');
  assert.equal(hover('unknown: |x\n'), undefined);
  assert.equal(hover('service:\n  routes:\n    - pa|th: /\n')?.markdown, '#### path\n\nURL path.');
});

test('hover on the built-in cache layer schema uses its documentation (eviction)', () => {
  const schema = JSON.parse(readFileSync(path.resolve(__dirname, '../../../../schemas/cache-layer.schema.json'), 'utf8'));
  const eviction = schema.properties.spec.properties.backends.items.properties.eviction;
  const text = 'apiVersion: cache-warden/v1\nkind: CacheLayer\nspec:\n  backends:\n    - name: r\n      evi|ction: allkeys-lru\n';
  const result = hover(text, CACHE_LAYER_ID);
  assert.ok(result);
  assert.deepEqual(result.range, { start: { line: 5, character: 6 }, end: { line: 5, character: 14 } });
  const [heading, description] = result.markdown.split('\n\n');
  assert.equal(heading, '#### Eviction policy');
  assert.equal(description, eviction.markdownDescription.split('\n\n')[0]);
  assert.ok(description.startsWith('The Redis `maxmemory-policy` (or its equivalent)'), description);
  // Every allowed value, in the schema's order, each with the schema's description of it.
  const lines = result.markdown.split('\n');
  const allowed = lines.slice(lines.indexOf('Allowed values:') + 2, lines.indexOf('Examples:') - 1);
  assert.deepEqual(allowed.map((line) => /^- `([^`]+)`: /.exec(line)?.[1]), [
    'noeviction', 'allkeys-lru', 'allkeys-lfu', 'allkeys-random', 'volatile-lru', 'volatile-lfu', 'volatile-random', 'volatile-ttl',
  ]);
  assert.equal(eviction.markdownEnumDescriptions.length, 8);
  assert.deepEqual(allowed, eviction.enum.map((value: string, i: number) => `- \`${value}\`: ${eviction.markdownEnumDescriptions[i]}`));
  assert.ok(allowed[0].startsWith('- `noeviction`: Never evict;'), allowed[0]);
});
