// nodeAtOffset descends the tree instead of looking at every node; it must find exactly what a
// look at every node finds, at every offset of real configs (block, flow, JSON, multi-document).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { generateCacheConfig } from '../../../bench/cacheConfig';
import { segmentsOf, type ParsedFile } from '../../../src/core/document/model';
import { parseFile } from '../../../src/core/document/parse';
import { documentAt, nodeAtOffset, valueAt } from '../../../src/core/schema/nodeAtOffset';
import type { Span } from '../../../src/core/types';

const REPO = path.resolve(__dirname, '..', '..', '..', '..');

/** The reference: every node of the document, the smallest key or value holding the offset. */
function byLookingAtEveryNode(parsed: ParsedFile, offset: number) {
  const doc = documentAt(parsed, offset);
  if (!doc) return undefined;
  let best: { pointer: string; onKey: boolean; span: Span } | undefined;
  const better = (span: Span) => !best || span.end - span.start < best.span.end - best.span.start;
  for (const [pointer, { key, value }] of doc.locations) {
    if (key && key.start <= offset && offset <= key.end && better(key)) best = { pointer, onKey: true, span: key };
    if (value.start <= offset && offset <= value.end && value.end > value.start && better(value)) best = { pointer, onKey: false, span: value };
  }
  if (!best) return undefined;
  const value = valueAt(doc.value, segmentsOf(best.pointer));
  if (!best.onKey && value !== null && typeof value === 'object') return undefined;
  return { pointer: best.pointer, onKey: best.onKey, span: best.span };
}

const sources: Record<string, string> = {
  'catalog.cache.yaml': fs.readFileSync(path.join(REPO, 'examples/services/catalog/catalog.cache.yaml'), 'utf8'),
  'catalog-search.cache.json': fs.readFileSync(path.join(REPO, 'examples/services/catalog/catalog-search.cache.json'), 'utf8'),
  'catalog-info.yaml (multi-document)': fs.readFileSync(path.join(REPO, 'examples/catalog-info.yaml'), 'utf8'),
  'flow and aliases': 'base: &b { ttl: 5m, keys: [a, "b c", {x: 1}] }\nother: *b\nlist:\n  - { name: x, value: [1, 2] }\n  - plain\n',
  'generated, 600 lines': generateCacheConfig(600),
};

for (const [name, text] of Object.entries(sources)) {
  test(`nodeAtOffset finds what looking at every node finds, at every offset: ${name}`, () => {
    const parsed = parseFile(text);
    let found = 0;
    for (let offset = 0; offset <= text.length; offset++) {
      const fast = nodeAtOffset(parsed, offset);
      const reference = byLookingAtEveryNode(parsed, offset);
      assert.deepEqual(fast && { pointer: fast.pointer, onKey: fast.onKey, span: fast.span }, reference, `offset ${offset}`);
      if (fast) found++;
    }
    assert.ok(found > text.length / 3, `a node under most offsets (${found} of ${text.length})`);
  });
}
