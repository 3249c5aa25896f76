// Wires the schema features: the shared analysis service, diagnostics, hover, completion and the
// schema status bar item. Nothing here compiles a schema; the first analysis does.
import * as vscode from 'vscode';
import { registerSchemaCompletion } from './completionProvider';
import { registerClosedFileDiagnostics } from './closedFileDiagnostics';
import { registerDiagnostics } from './diagnosticsManager';
import { registerSchemaHover } from './hoverProvider';
import { registerSchemaStatusBar } from './schemaStatusBar';
import { createWorkspaceAnalysis, type WorkspaceAnalysis } from './workspaceAnalysis';

export function registerSchemaFeatures(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): WorkspaceAnalysis {
  const analyses = createWorkspaceAnalysis(context, log);
  const diagnostics = registerDiagnostics(context, analyses);
  registerClosedFileDiagnostics(context, analyses, diagnostics);
  registerSchemaHover(context, analyses);
  registerSchemaCompletion(context, analyses);
  registerSchemaStatusBar(context, analyses);
  return analyses;
}
