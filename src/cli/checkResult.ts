// What `cache-warden check` found, in the shape every formatter reads.
import type { ParsedFile } from '../core/document/model';
import type { Diagnostic, Severity } from '../core/types';

export interface FileResult {
  /** Absolute path of the file. */
  absPath: string;
  /** Path shown to people and in JSON: relative to the working folder, forward slashes. */
  displayPath: string;
  /** The text that was checked; undefined when the file could not be read. */
  text?: string;
  /** What the diagnostics were computed on (fixes are checked against it). */
  parsed?: ParsedFile;
  diagnostics: Diagnostic[];
}

export interface CheckSummary {
  filesChecked: number;
  filesWithProblems: number;
  problems: number;
  errors: number;
  warnings: number;
  /** Information and hints. */
  infos: number;
}

export function summarize(files: readonly FileResult[]): CheckSummary {
  const summary: CheckSummary = { filesChecked: files.length, filesWithProblems: 0, problems: 0, errors: 0, warnings: 0, infos: 0 };
  for (const file of files) {
    if (file.diagnostics.length) summary.filesWithProblems++;
    for (const d of file.diagnostics) {
      summary.problems++;
      if (d.severity === 'error') summary.errors++;
      else if (d.severity === 'warning') summary.warnings++;
      else summary.infos++;
    }
  }
  return summary;
}

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, information: 2, hint: 3 };

/** Diagnostics in reading order (line, column, then the most severe first). */
export function sortedDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(
    (a, b) =>
      a.range.start.line - b.range.start.line ||
      a.range.start.character - b.range.start.character ||
      SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
      a.code.localeCompare(b.code),
  );
}

export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}
