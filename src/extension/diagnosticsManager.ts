// Publishes every analysis as VS Code diagnostics: severity, source, and a code that links to its
// docs page inside the extension. JSON syntax errors are left to VS Code's own JSON validation.
import * as vscode from 'vscode';
import type { Diagnostic, Severity } from '../core/types';
import { docsUri } from './docsLinks';
import type { WorkspaceAnalysis } from './workspaceAnalysis';

const SEVERITY: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

const SYNTAX_SOURCE = 'cache-warden (yaml)';

export function registerDiagnostics(context: vscode.ExtensionContext, analyses: WorkspaceAnalysis): vscode.DiagnosticCollection {
  const collection = vscode.languages.createDiagnosticCollection('cache-warden');
  context.subscriptions.push(
    collection,
    analyses.onDidAnalyze(({ document, analysis }) => {
      const deferSyntax = isJson(document) && vscode.workspace.getConfiguration('json', document.uri).get<boolean>('validate.enable') !== false;
      const shown = deferSyntax ? analysis.diagnostics.filter((d) => d.source !== SYNTAX_SOURCE) : analysis.diagnostics;
      collection.set(document.uri, shown.map((d) => toVscode(d, context.extensionUri, document.uri)));
    }),
    // A closed file's problems are the closed-file diagnostics' business (closedFileDiagnostics.ts).
    vscode.workspace.onDidCloseTextDocument((document) => collection.delete(document.uri)),
  );
  // Documents already open when the extension starts.
  setTimeout(() => {
    for (const document of vscode.workspace.textDocuments) analyses.schedule(document, 0);
  }, 0);
  return collection;
}

/** VS Code's JSON language service already reports JSON syntax errors; we would only double them. */
function isJson(document: vscode.TextDocument): boolean {
  return document.languageId === 'json' || document.languageId === 'jsonc';
}

export function toVscode(d: Diagnostic, extensionUri: vscode.Uri, documentUri: vscode.Uri): vscode.Diagnostic {
  const range = new vscode.Range(d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character);
  const diagnostic = new vscode.Diagnostic(range, d.message, SEVERITY[d.severity]);
  diagnostic.source = d.source;
  diagnostic.code = d.docsUrl ? { value: d.code, target: docsUri(extensionUri, d.docsUrl) } : d.code;
  if (d.related?.length) {
    diagnostic.relatedInformation = d.related.map(
      (r) =>
        new vscode.DiagnosticRelatedInformation(
          new vscode.Location(relatedUri(r.uri, documentUri), new vscode.Range(r.range.start.line, r.range.start.character, r.range.end.line, r.range.end.character)),
          r.message,
        ),
    );
  }
  return diagnostic;
}

function relatedUri(uri: string, fallback: vscode.Uri): vscode.Uri {
  if (!uri) return fallback;
  return /^[a-z][a-z0-9+.-]*:/i.test(uri) && !/^[a-z]:[\\/]/i.test(uri) ? vscode.Uri.parse(uri) : vscode.Uri.file(uri);
}
