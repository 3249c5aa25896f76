// Shared by the compose, Kubernetes and memcached adapter tests: a workspace folder on disk read by
// the real model (adapters chosen by path and sniff, facts linked across files), findings in the
// Problems-list form `CW007 5:75-5:89 message` (1-based), the text after applying an offered fix
// (offered = it survived the re-read check), and the hover at a position.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { applyEdits, offeredFixes } from '../../../src/core/rules/fixCheck';
import type { Diagnostic, Fix } from '../../../src/core/types';
import type { WorkspaceModel } from '../../../src/core/workspace/workspaceModel';
import { workspaceWith } from './adapterHarness';

export interface TestWorkspace {
  model: WorkspaceModel;
  root: string;
  file(relative: string): string;
}

/** A folder with these files, scanned by a fresh model (the formats tests' shared harness). */
export function workspace(files: Record<string, string>): Promise<TestWorkspace> {
  return workspaceWith(files);
}

export function diagnostics(ws: TestWorkspace, relative: string, code?: string): Diagnostic[] {
  const analysis = ws.model.analysis(ws.file(relative));
  assert.ok(analysis, `no analysis for ${relative}`);
  return analysis.diagnostics.filter((d) => code === undefined || d.code === code);
}

/** `CW007 5:75-5:89 message` (1-based positions, as the Problems list shows them). */
export function shown(ws: TestWorkspace, relative: string, code?: string): string[] {
  return diagnostics(ws, relative, code).map((d) => `${d.code} ${d.range.start.line + 1}:${d.range.start.character + 1}-${d.range.end.line + 1}:${d.range.end.character + 1} ${d.message}`);
}

/** Related locations of a diagnostic: `file 13:7-13:21 message`. */
export function related(ws: TestWorkspace, d: Diagnostic): string[] {
  return (d.related ?? []).map((r) => `${path.relative(ws.root, r.uri)} ${r.range.start.line + 1}:${r.range.start.character + 1}-${r.range.end.line + 1}:${r.range.end.character + 1} ${r.message}`);
}

/** The fixes the editor would offer for a diagnostic (those that pass the re-read check). */
export function offered(ws: TestWorkspace, relative: string, d: Diagnostic): Fix[] {
  const analysis = ws.model.analysis(ws.file(relative))!;
  return offeredFixes(analysis.parsed, d).filter((fix) => !fix.title.startsWith('Suppress '));
}

/** The file's text after applying the one offered fix of the first `code` diagnostic. */
export function afterFix(ws: TestWorkspace, relative: string, code: string, index = 0): { title: string; text: string } {
  const d = diagnostics(ws, relative, code)[index];
  assert.ok(d, `no ${code} in ${relative}`);
  const fixes = offered(ws, relative, d);
  assert.equal(fixes.length, 1, `expected one offered fix for ${code}, got ${fixes.map((f) => f.title).join(', ') || 'none'}`);
  const entry = ws.model.file(ws.file(relative))!;
  const analysis = ws.model.analysis(ws.file(relative))!;
  const text = applyEdits(entry.text, analysis.parsed.lines, fixes[0].edits);
  assert.ok(text !== undefined);
  return { title: fixes[0].title, text };
}

/** The hover markdown at the first occurrence of `needle` (plus `delta` characters) in the file. */
export function hoverAt(ws: TestWorkspace, relative: string, needle: string, delta = 0): string | undefined {
  const entry = ws.model.file(ws.file(relative))!;
  const offset = entry.text.indexOf(needle);
  assert.ok(offset >= 0, `${needle} not in ${relative}`);
  const at = offset + delta;
  return entry.adapted?.file?.settings.find((site) => site.span.start <= at && at <= site.span.end)?.markdown;
}
