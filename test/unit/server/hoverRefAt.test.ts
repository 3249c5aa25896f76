// The hover finds the ref under the cursor through an index of the file's refs by line; it must
// find what Catalog.refAt (the first ref, in the file's order, whose range holds the position) finds.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { generateCacheConfig } from '../../../bench/cacheConfig';
import type { ResolvedOccurrence } from '../../../src/core/catalog/buildGraph';
import { WorkspaceModel } from '../../../src/core/workspace/workspaceModel';
import { refAt } from '../../../src/server/hover';

test('hover refAt: the same ref as Catalog.refAt at every position of a config with hundreds of refs', async () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'cw-hover-refat-'));
  try {
    const file = path.join(root, 'storefront.cache.yaml');
    const text = generateCacheConfig(1500);
    fs.writeFileSync(file, text);
    const model = new WorkspaceModel();
    model.addFolder(root);
    await model.scan();
    const refs = model.catalog.refsInFile(file);
    assert.ok(refs.length >= 50, `refs in the generated config: ${refs.length}`);
    let found = 0;
    text.split('\n').forEach((line, n) => {
      for (let character = 0; character <= line.length + 1; character++) {
        const position = { line: n, character };
        const ours = refAt(refs, position);
        assert.equal(ours, model.catalog.refAt(file, position), `${n}:${character}`);
        if (ours) found++;
      }
    });
    assert.ok(found > 0);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});

test('hover refAt: overlapping and tall ranges: the first ref in the list order wins', () => {
  const at = (l1: number, c1: number, l2: number, c2: number, text: string) => ({ text, range: { start: { line: l1, character: c1 }, end: { line: l2, character: c2 } } }) as unknown as ResolvedOccurrence;
  const refs = [
    ...Array.from({ length: 20 }, (_, i) => at(i + 10, 2, i + 10, 8, `r${i}`)),
    at(0, 0, 500, 0, 'tall'), // over 64 lines: checked on every lookup
    at(12, 4, 12, 6, 'inner'), // inside r2, later in the list
    at(2, 0, 3, 5, 'two-lines'),
  ];
  const name = (line: number, character: number) => refAt(refs, { line, character })?.text;
  assert.equal(name(12, 5), 'r2');
  assert.equal(name(12, 9), 'tall');
  assert.equal(name(3, 5), 'tall');
  assert.equal(name(501, 0), undefined);
  const later = [refs[21], refs[22], ...refs.slice(0, 21)];
  assert.equal(refAt(later, { line: 12, character: 5 })?.text, 'inner');
  assert.equal(refAt(later, { line: 3, character: 4 })?.text, 'two-lines');
  assert.equal(refAt(later, { line: 3, character: 6 })?.text, 'tall');
});
