// The schema hover remembers, per registry, the schemas at each instance path and the markdown
// rendered from them. What it shows must not depend on that: another value of the same key, another
// link function, and a schema document the registry learns later all show what a fresh walk shows.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hoverAt, hoverMarkdown } from '../../../src/core/schema/hover';
import { SchemaRegistry } from '../../../src/core/schema/schemaRegistry';
import { nodesAtPath } from '../../../src/core/schema/schemaWalk';
import { fixtureSchemaId, parsedOf, withCaret } from './helpers';

const DOCUMENTED = fixtureSchemaId('documented.schema.json');

function hoverWith(registry: SchemaRegistry, marked: string, schemaId = DOCUMENTED, linkFor?: (p: string) => string) {
  const { text, offset } = withCaret(marked);
  return hoverAt(parsedOf(text, '/work/x.yaml'), offset, schemaId, registry, linkFor ? { linkFor } : {})?.markdown;
}

test('hover memo: the same key with another value (or on its key) shows that value, as a fresh registry does', () => {
  const registry = new SchemaRegistry();
  const texts = [
    'service:\n  cache:\n    eviction: volatile-t|tl\n',
    'service:\n  cache:\n    eviction: noevi|ction\n',
    'service:\n  cache:\n    evic|tion: noeviction\n',
    'service:\n  cache:\n    eviction: volatile-t|tl\n',
    'service:\n  regions: [e|u, us]\n',
    'service:\n  regions: [eu, u|s]\n',
  ];
  const remembered = texts.map((t) => hoverWith(registry, t));
  const fresh = texts.map((t) => hoverWith(new SchemaRegistry(), t));
  assert.deepEqual(remembered, fresh);
  assert.match(remembered[0]!, /\*\*`volatile-ttl`\*\*/);
  assert.match(remembered[1]!, /\*\*`noeviction`\*\*/);
  assert.doesNotMatch(remembered[2]!, /\*\*`/);
  // A list item is named after its list and shows which item is under the cursor.
  assert.match(remembered[4]!, /^#### regions/);
  assert.match(remembered[4]!, /\*\*`eu`\*\*/);
  assert.match(remembered[5]!, /\*\*`us`\*\*/);
});

test('hover memo: the link function in use makes the links', () => {
  const registry = new SchemaRegistry();
  const text = 'service:\n  cache:\n    evic|tion: noeviction\n';
  const a = hoverWith(registry, text, DOCUMENTED, (p) => `a:${p}`);
  const b = hoverWith(registry, text, DOCUMENTED, (p) => `b:${p}`);
  assert.match(a!, /\[Documentation\]\(a:docs\/config\/eviction\.md#policy\)/);
  assert.match(b!, /\[Documentation\]\(b:docs\/config\/eviction\.md#policy\)/);
  assert.equal(hoverWith(registry, text), hoverMarkdown(nodesAtPath(new SchemaRegistry(), DOCUMENTED, ['service', 'cache', 'eviction']), 'eviction', undefined));
});

test('hover memo: a schema document the registry learns later (a fetched remote $ref) shows up in the next hover', async () => {
  const remoteRef = fixtureSchemaId('remote-ref.schema.json');
  let fetched = 0;
  const registry = new SchemaRegistry({
    allowRemote: true,
    fetchText: async (url) => {
      fetched++;
      if (url !== 'https://schemas.example.com/shared/types.json') throw new Error(`unexpected fetch ${url}`);
      return JSON.stringify({ $id: url, definitions: { color: { title: 'Colour', description: 'A colour name.', enum: ['red', 'purple'] } } });
    },
  });
  const text = 'color: pur|ple\n';
  const before = hoverWith(registry, text, remoteRef);
  assert.doesNotMatch(before ?? '', /Colour/);
  await registry.prefetch(remoteRef);
  assert.ok(fetched >= 1);
  const after = hoverWith(registry, text, remoteRef);
  assert.match(after!, /^#### Colour/);
  assert.match(after!, /\*\*`purple`\*\*/);
});
