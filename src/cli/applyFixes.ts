// `check --fix` and `--fix-dry-run` (ESLint's convention): every safe fix of a file applied at once.
// A safe fix is a rule's preferred fix (never a "suppress" comment). The fixes of a file are applied
// together only when no two of them touch the same text and the result passes the re-parse check
// of rules/fixCheck.ts with all their targets (parses, the same documents, only the targets changed,
// each to its promised value). When it does not, each fix is checked alone, the failing ones are
// dropped, and the rest is checked together again; if that fails too the file is not written.
import * as fs from 'node:fs';
import { parseFile } from '../core/document/parse';
import { applyEdits, docIndexOf, fixKeepsFileValid, reparse, resultIsValid } from '../core/rules/fixCheck';
import type { Diagnostic, Fix, TextEdit } from '../core/types';
import { LineIndex } from '../core/document/lineIndex';
import type { FileResult } from './checkResult';
import type { CliIo } from './cliIo';
import { escapeControls } from './terminalSafe';

export interface FileFixes {
  file: FileResult;
  /** The fixed text; undefined when the file is not changed (see `refused`). */
  fixed?: string;
  /** How many problems the fixes address. */
  count: number;
  /** Why the fixes were not applied. */
  refused?: string;
}

/** The fix `--fix` applies for a diagnostic, if any. */
export function safeFix(d: Diagnostic): Fix | undefined {
  if (!d.fixes?.length || !/^CW\d+$/.test(d.code)) return undefined;
  return d.fixes.find((fix) => fix.isPreferred && !fix.title.startsWith('Suppress '));
}

export function fixesFor(file: FileResult): FileFixes | undefined {
  if (file.text === undefined) return undefined;
  const chosen = file.diagnostics.map((d) => ({ d, fix: safeFix(d) })).filter((c): c is { d: Diagnostic; fix: Fix } => c.fix !== undefined);
  if (!chosen.length) return undefined;
  // The same fix offered by two findings (one placeholder for a parameter and a dimension) counts once.
  const unique = new Map<string, { d: Diagnostic; fix: Fix }>();
  for (const c of chosen) unique.set(JSON.stringify(c.fix.edits), c);
  let fixes = [...unique.values()];
  const text = file.text;
  const lines = new LineIndex(text);
  // The analysis' own reading of the file (a format adapter's, for Spring or Redis configs).
  const before = file.parsed?.text === text ? file.parsed : parseFile(text);
  const together = (list: typeof fixes) => {
    const edits: TextEdit[] = list.flatMap((c) => c.fix.edits);
    const fixed = applyEdits(text, lines, edits);
    if (fixed === undefined) return { conflict: true };
    const valid = resultIsValid(before, reparse(before, fixed), list.map((c) => ({ docIndex: docIndexOf(c.d), targets: c.fix.targets ?? [] })));
    return { conflict: false, fixed: valid ? fixed : undefined };
  };
  let result = together(fixes);
  if (result.conflict) return { file, count: 0, refused: `${fixes.length} fixes touch the same text; none applied` };
  if (result.fixed === undefined) {
    fixes = fixes.filter((c) => fixKeepsFileValid(before, c.fix, docIndexOf(c.d)));
    result = fixes.length ? together(fixes) : { conflict: false };
    if (result.fixed === undefined) return { file, count: 0, refused: 'the fixes would change more than their targets; none applied' };
  }
  const kept = new Set(fixes.map((c) => JSON.stringify(c.fix.edits)));
  return { file, fixed: result.fixed, count: chosen.filter((c) => kept.has(JSON.stringify(c.fix.edits))).length };
}

/** A unified diff of two texts (3 lines of context), for --fix-dry-run. */
export function unifiedDiff(displayPath: string, before: string, after: string): string {
  // Lines as LineIndex counts them (LF, CRLF or a lone CR), without their breaks.
  const a = before.split(/\r\n|\r|\n/);
  const b = after.split(/\r\n|\r|\n/);
  // Common prefix and suffix, then the changed middle split into hunks by a line-level LCS when small.
  const ops = diffLines(a, b);
  const out: string[] = [`--- a/${displayPath}`, `+++ b/${displayPath}`];
  const context = 3;
  let i = 0;
  while (i < ops.length) {
    if (ops[i].kind === ' ') {
      i++;
      continue;
    }
    let start = i;
    while (start > 0 && ops[start - 1].kind === ' ' && i - start < context) start--;
    let end = i;
    let quiet = 0;
    while (end < ops.length && quiet <= context * 2) {
      quiet = ops[end].kind === ' ' ? quiet + 1 : 0;
      end++;
    }
    end -= Math.max(0, quiet - context);
    const hunk = ops.slice(start, end);
    const oldStart = hunk[0].oldLine;
    const newStart = hunk[0].newLine;
    const oldCount = hunk.filter((o) => o.kind !== '+').length;
    const newCount = hunk.filter((o) => o.kind !== '-').length;
    out.push(`@@ -${oldStart + 1},${oldCount} +${newStart + 1},${newCount} @@`);
    for (const op of hunk) out.push(`${op.kind}${op.text}`);
    i = end;
  }
  return `${out.join('\n')}\n`;
}

interface DiffOp {
  kind: ' ' | '-' | '+';
  text: string;
  oldLine: number;
  newLine: number;
}

function diffLines(a: string[], b: string[]): DiffOp[] {
  let prefix = 0;
  while (prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++;
  let suffix = 0;
  while (suffix < a.length - prefix && suffix < b.length - prefix && a[a.length - 1 - suffix] === b[b.length - 1 - suffix]) suffix++;
  const ops: DiffOp[] = [];
  for (let k = 0; k < prefix; k++) ops.push({ kind: ' ', text: a[k], oldLine: k, newLine: k });
  const midA = a.slice(prefix, a.length - suffix);
  const midB = b.slice(prefix, b.length - suffix);
  if (midA.length * midB.length <= 4_000_000) {
    // LCS table over the changed middle (fixes change a few lines; the bound keeps it small).
    const rows = midA.length + 1;
    const cols = midB.length + 1;
    const table = new Uint32Array(rows * cols);
    for (let x = midA.length - 1; x >= 0; x--) {
      for (let y = midB.length - 1; y >= 0; y--) {
        table[x * cols + y] = midA[x] === midB[y] ? table[(x + 1) * cols + y + 1] + 1 : Math.max(table[(x + 1) * cols + y], table[x * cols + y + 1]);
      }
    }
    let x = 0;
    let y = 0;
    while (x < midA.length || y < midB.length) {
      if (x < midA.length && y < midB.length && midA[x] === midB[y]) {
        ops.push({ kind: ' ', text: midA[x], oldLine: prefix + x, newLine: prefix + y });
        x++;
        y++;
      } else if (y < midB.length && (x === midA.length || table[x * cols + y + 1] > table[(x + 1) * cols + y])) {
        ops.push({ kind: '+', text: midB[y], oldLine: prefix + x, newLine: prefix + y });
        y++;
      } else {
        ops.push({ kind: '-', text: midA[x], oldLine: prefix + x, newLine: prefix + y });
        x++;
      }
    }
  } else {
    midA.forEach((text, k) => ops.push({ kind: '-', text, oldLine: prefix + k, newLine: prefix }));
    midB.forEach((text, k) => ops.push({ kind: '+', text, oldLine: prefix + midA.length, newLine: prefix + k }));
  }
  for (let k = 0; k < suffix; k++) {
    ops.push({ kind: ' ', text: a[a.length - suffix + k], oldLine: a.length - suffix + k, newLine: b.length - suffix + k });
  }
  return ops;
}

/**
 * `--fix` writes each file's safe fixes, then runs the check again (`recheck`) so the report shows
 * what is left; `--fix-dry-run` prints them as a unified diff (on stdout for the human format, on
 * stderr beside a JSON or SARIF report) and reports the files as they are.
 */
export async function runFixes(
  files: FileResult[], mode: 'write' | 'dry-run', format: string, io: CliIo, recheck: () => Promise<FileResult[]>,
): Promise<FileResult[]> {
  let fixedFiles = 0;
  let fixedProblems = 0;
  const show = format === 'human' ? io.stdout : io.stderr;
  for (const file of files) {
    const fixes = fixesFor(file);
    if (!fixes) continue;
    const name = escapeControls(file.displayPath);
    if (fixes.refused) {
      io.stderr(`cache-warden: ${name}: not fixed: ${fixes.refused}\n`);
      continue;
    }
    if (mode === 'dry-run') {
      show(unifiedDiff(file.displayPath, file.text!, fixes.fixed!).split('\n').map(escapeControls).join('\n'));
    } else {
      try {
        await fs.promises.writeFile(file.absPath, fixes.fixed!);
      } catch (error) {
        io.stderr(`cache-warden: ${name}: not fixed: cannot write it (${(error as Error).message})\n`);
        continue;
      }
    }
    fixedFiles++;
    fixedProblems += fixes.count;
  }
  const verb = mode === 'dry-run' ? 'would fix' : 'fixed';
  io.stderr(`cache-warden: ${verb} ${fixedProblems} problem${fixedProblems === 1 ? '' : 's'} in ${fixedFiles} file${fixedFiles === 1 ? '' : 's'}\n`);
  return mode === 'write' && fixedFiles > 0 ? recheck() : files;
}
