// Node status for the diagram from the diagnostics VS Code currently shows: Cache Warden's own
// problems (source `cache-warden…`), charged to entities by the core's declaration lookup.
import * as vscode from 'vscode';
import type { Catalog } from '../core/catalog/catalog';
import type { NodeStatus } from '../core/graph/graphModel';
import { statusFromDiagnostics, type StatusDiagnostic } from '../core/graph/nodeStatus';


function codeOf(code: vscode.Diagnostic['code']): string {
  if (code === undefined) return '';
  return typeof code === 'object' ? String(code.value) : String(code);
}

function severityOf(severity: vscode.DiagnosticSeverity): string {
  switch (severity) {
    case vscode.DiagnosticSeverity.Error:
      return 'error';
    case vscode.DiagnosticSeverity.Warning:
      return 'warning';
    case vscode.DiagnosticSeverity.Information:
      return 'info';
    default:
      return 'hint';
  }
}

export function nodeStatusFromDiagnostics(catalog: Catalog, fileOf: (uri: vscode.Uri) => string): Map<string, NodeStatus> {
  const byFile = new Map<string, StatusDiagnostic[]>();
  for (const [uri, diagnostics] of vscode.languages.getDiagnostics()) {
    const ours = diagnostics.filter((d) => d.source?.startsWith('cache-warden'));
    if (ours.length === 0) continue;
    byFile.set(
      fileOf(uri),
      ours.map((d) => ({
        code: codeOf(d.code),
        severity: severityOf(d.severity),
        range: {
          start: { line: d.range.start.line, character: d.range.start.character },
          end: { line: d.range.end.line, character: d.range.end.character },
        },
      })),
    );
  }
  return statusFromDiagnostics(catalog, byFile);
}
