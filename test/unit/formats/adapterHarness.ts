// Shared by the format adapter tests: a real workspace folder on disk, scanned by the real model,
// and helpers to read what a user sees — diagnostics (code, line:col, message), hovers, and the
// text after the quick fixes a user would be offered (checked the way the editor checks them).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after } from 'node:test';
import { applyEdits, offeredFixes } from '../../../src/core/rules/fixCheck';
import type { Diagnostic } from '../../../src/core/types';
import { WorkspaceModel } from '../../../src/core/workspace/workspaceModel';

const REPO_ROOT = path.resolve(__dirname, '..', '..', '..', '..');
const temps: string[] = [];
after(() => {
  for (const dir of temps) fs.rmSync(dir, { recursive: true, force: true });
});

/** A folder with these files (relative path → text), scanned by a fresh model. */
export async function workspaceWith(files: Record<string, string>): Promise<{ root: string; model: WorkspaceModel; file(rel: string): string }> {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'cw-formats-')));
  temps.push(root);
  for (const [rel, text] of Object.entries(files)) {
    const abs = path.join(root, rel);
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(abs, text);
  }
  const model = new WorkspaceModel({ builtinSchemaDirs: [path.join(REPO_ROOT, 'schemas')] });
  model.addFolder(root);
  await model.scan();
  return { root, model, file: (rel) => path.join(root, rel) };
}

/** `CW007 3:18 message` for each finding of the file, in order (1-based line and column). */
export function findings(model: WorkspaceModel, file: string): string[] {
  return (model.analysis(file)?.diagnostics ?? []).map(show);
}

export function show(d: Diagnostic): string {
  return `${d.code} ${d.range.start.line + 1}:${d.range.start.character + 1}-${d.range.end.line + 1}:${d.range.end.character + 1} ${d.message}`;
}

/** The file's text after the offered fix titled `title` of the first finding with `code`. */
export function afterFix(model: WorkspaceModel, file: string, code: string, title?: string): { title: string; text: string } | undefined {
  const analysis = model.analysis(file)!;
  const finding = analysis.diagnostics.find((d) => d.code === code);
  if (!finding) return undefined;
  const fix = offeredFixes(analysis.parsed, finding).find((f) => (title ? f.title === title : !f.title.startsWith('Suppress ')));
  if (!fix) return undefined;
  return { title: fix.title, text: applyEdits(analysis.parsed.text, analysis.parsed.lines, fix.edits)! };
}

/** The hover markdown of a recognised setting at the first occurrence of `needle` (+ `delta`). */
export function hoverAt(model: WorkspaceModel, file: string, needle: string, delta = 0): string | undefined {
  const entry = model.file(file)!;
  const offset = entry.text.indexOf(needle) + delta;
  return entry.adapted?.file?.settings.find((s) => s.span.start <= offset && offset <= s.span.end)?.markdown;
}

/** A cache layer file whose caches (`c0`, `c1`, …) never expire, one on each backend named. */
export function neverExpiringCachesOn(...backends: string[]): string {
  return `apiVersion: cache-warden/v1
kind: CacheLayer
metadata: { service: shop, owner: team-shop, docs: docs/shop.md }
spec:
  backends: []
  caches:
${backends.map((b, i) => `    - name: c${i}\n      backend: ${b}\n      ttl: { value: never }\n`).join('')}`;
}
