// Every quick fix, applied through the whole pipeline (parse + schema + rules): the diagnostic it
// targets is gone, and no diagnostic appears that was not there before — schema ones included.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeFile } from '../../../src/core/analyze';
import { SchemaRegistry } from '../../../src/core/schema/schemaRegistry';
import type { Diagnostic } from '../../../src/core/types';
import { applyEdits, CLEAN, change, NOW } from './helpers';

const registry = new SchemaRegistry({});
const PATH = '/ws/services/shop.cache.yaml';

function analyze(text: string): Diagnostic[] {
  return analyzeFile(text, { filePath: PATH, registry, settings: { workspaceRoot: '/ws' }, rules: { now: NOW } }).diagnostics;
}

const key = (d: Diagnostic) => `${d.code} ${d.message}`;

const CASES: [string, string][] = [
  ['CW003', change(CLEAN, '      stampede:\n        mode: coalesce\n        lockTimeout: 1s\n', '')],
  ['CW003', change(CLEAN, 'mode: coalesce', 'mode: none')],
  ['CW004', change(CLEAN, '        jitter: 10%\n', '')],
  ['CW004', change(CLEAN, '      ttl:\n        value: 10m\n        jitter: 10%\n', '      ttl: { value: 10m }\n')],
  ['CW004', change(CLEAN, 'jitter: 10%', 'jitter: 1%')],
  ['CW005', change(CLEAN, ':{tenant_id}:{product_id}"', ':{tenant_id}"')],
  ['CW006', change(CLEAN, '      negative:\n        enabled: true\n        ttl: 30s\n        onError: serve_stale\n', '')],
  ['CW006', change(CLEAN, 'onError: serve_stale', 'onError: treat_as_miss')],
  ['CW007', change(CLEAN, 'eviction: allkeys-lru', 'eviction: noeviction')],
  ['CW007', change(CLEAN, '      eviction: allkeys-lru\n', '')],
];

for (const [code, text] of CASES) {
  test(`every fix for ${code} on "${text === CLEAN ? '' : firstDifference(text)}" leaves a valid file without that finding`, () => {
    const before = analyze(text);
    const target = before.find((d) => d.code === code);
    assert.ok(target, `no ${code} in:\n${before.map(key).join('\n')}`);
    assert.ok((target.fixes ?? []).length >= 2, 'a mechanical fix plus the suppression');
    for (const fix of target.fixes ?? []) {
      const after = analyze(applyEdits(text, fix.edits));
      assert.equal(after.some((d) => d.code === code && d.range.start.line === target.range.start.line && d.message === target.message), false, `${fix.title}: the finding is still there`);
      const added = after.map(key).filter((k) => !before.map(key).includes(k));
      assert.deepEqual(added, [], `${fix.title}: new diagnostics appeared`);
    }
  });
}

function firstDifference(text: string): string {
  const a = CLEAN.split('\n');
  const b = text.split('\n');
  const at = b.findIndex((line, i) => line !== a[i]);
  return (b[at] ?? '').trim();
}
