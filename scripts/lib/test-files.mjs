// Shared by scripts/test-all.mjs (`npm test`) and scripts/run-unit-tests.mjs (`npm run test:unit`):
// finding the compiled tests under out/, removing compiled files whose source is gone, and reading
// node:test's spec reporter output, so both runners agree on what ran.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Every `*.test.js` under `dir` (absolute paths, sorted); [] when `dir` does not exist. */
export function findTests(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true })
    .map((name) => path.join(dir, String(name)))
    .filter((file) => file.endsWith('.test.js'))
    .sort();
}

/**
 * tsc never deletes output, so a renamed or deleted test would keep running from out/. Removes
 * every out/**.js (and its map) whose .ts source is gone. (Not `rm -rf out`: other processes may
 * be using out/ at the same time.) Returns the removed files, relative to the repository root.
 */
export function pruneStaleOutput(root = repoRoot, log = console.log) {
  const outDir = path.join(root, 'out');
  const removed = [];
  if (!fs.existsSync(outDir)) return removed;
  for (const name of fs.readdirSync(outDir, { recursive: true })) {
    const file = path.join(outDir, String(name));
    if (!file.endsWith('.js')) continue;
    const source = path.join(root, path.relative(outDir, file)).replace(/\.js$/, '.ts');
    if (fs.existsSync(source)) continue;
    fs.rmSync(file, { force: true });
    fs.rmSync(`${file}.map`, { force: true });
    removed.push(path.relative(root, file));
    log(`removed stale ${path.relative(root, file)} (its source is gone)`);
  }
  return removed;
}

/** Counts from node:test's spec reporter summary (`ℹ pass 12`, `ℹ fail 1`, `ℹ cancelled 0`). */
export function nodeTestCounts(output) {
  const count = (label) => {
    const matches = [...output.matchAll(new RegExp(`^ℹ ${label} (\\d+)$`, 'gm'))];
    return matches.length ? Number(matches[matches.length - 1][1]) : undefined;
  };
  const passed = count('pass');
  const failed = count('fail');
  if (passed === undefined || failed === undefined) return undefined;
  return { passed, failed: failed + (count('cancelled') ?? 0) };
}

/**
 * The test files that declared no test at all. node:test (Node 20) reports such a file as one
 * passing test named by its path (`✔ /abs/path/x.test.js (12ms)`), which would count an empty or
 * wrongly compiled file as a pass. Files with tests are reported by their tests' names instead.
 */
export function filesWithoutTests(output, files, root = repoRoot) {
  const lines = new Set(output.split('\n').map((line) => line.replace(/\s*\([\d.]+m?s\)\s*$/, '').trimEnd()));
  return files.filter((file) => {
    const absolute = path.resolve(root, file);
    return lines.has(`✔ ${absolute}`) || lines.has(`✔ ${path.relative(root, absolute)}`);
  });
}
