// Machine-readable output: every checked file with its diagnostics and a summary. Positions are
// 1-based lines and columns (UTF-16 code units, as editors count them); `end` is the column just
// after the last character, as in SARIF.
import { sortedDiagnostics, summarize, type CheckSummary, type FileResult } from './checkResult';
import { PACKAGE_VERSION } from './packageInfo';
import type { Diagnostic, Range, Severity } from '../core/types';

export interface JsonPosition {
  line: number;
  column: number;
}

export interface JsonDiagnostic {
  code: string;
  severity: Severity;
  message: string;
  range: { start: JsonPosition; end: JsonPosition };
  source: string;
  /** Absolute URI of the page that explains the code, when there is one. */
  docsUrl?: string;
}

export interface JsonReport {
  /** The cache-warden version that wrote the report. */
  version: string;
  files: { path: string; diagnostics: JsonDiagnostic[] }[];
  summary: CheckSummary;
}

export interface JsonFormatOptions {
  /** Turns a diagnostic's package-relative docsUrl into an absolute URI. */
  resolveDocs: (docsPath: string) => string;
}

export function jsonReport(files: readonly FileResult[], options: JsonFormatOptions): JsonReport {
  return {
    version: PACKAGE_VERSION,
    files: files.map((file) => ({
      path: file.displayPath,
      diagnostics: sortedDiagnostics(file.diagnostics).map((d) => jsonDiagnostic(d, options)),
    })),
    summary: summarize(files),
  };
}

export function formatJson(files: readonly FileResult[], options: JsonFormatOptions): string {
  return `${JSON.stringify(jsonReport(files, options), null, 2)}\n`;
}

function jsonDiagnostic(d: Diagnostic, options: JsonFormatOptions): JsonDiagnostic {
  const out: JsonDiagnostic = { code: d.code, severity: d.severity, message: d.message, range: oneBased(d.range), source: d.source };
  if (d.docsUrl) out.docsUrl = options.resolveDocs(d.docsUrl);
  return out;
}

export function oneBased(range: Range): { start: JsonPosition; end: JsonPosition } {
  return {
    start: { line: range.start.line + 1, column: range.start.character + 1 },
    end: { line: range.end.line + 1, column: range.end.character + 1 },
  };
}
