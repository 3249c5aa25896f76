// What the diagram's side list is sent for a "what reaches" view: the server's caches in front,
// reduced to display text (paths relative to the workspace, 1-based lines) — no URIs go to the
// webview, and its clicks come back as entity refs and finding indexes. No `vscode` import, so the
// browser-level tests build exactly the message the extension sends.
import type { SideList } from '../core/graph/inFrontProtocol';
import type { CachesInFrontResult } from '../server/protocol';

export function sideListOf(result: CachesInFrontResult): SideList {
  return {
    targetRef: result.target.ref,
    targetLabel: result.target.label,
    entries: result.caches.map((cache) => ({
      ref: cache.ref,
      label: cache.label,
      kind: cache.kind,
      errors: cache.errors,
      warnings: cache.warnings,
      findings: cache.findings.map((f) => ({ code: f.code, severity: f.severity, message: f.message, path: f.path, line: f.range.start.line + 1 })),
      ...(cache.docPath ? { doc: cache.docPath } : {}),
      ...(cache.runbookPath ? { runbook: cache.runbookPath } : {}),
      ...(cache.configPath ? { config: cache.configPath } : {}),
    })),
  };
}
