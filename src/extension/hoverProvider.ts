// Hover from the schema for keys and values, on the document's current analysis.
import * as vscode from 'vscode';
import { hoverAt } from '../core/schema/hover';
import { docsUri } from './docsLinks';
import type { WorkspaceAnalysis } from './workspaceAnalysis';

export const SCHEMA_DOCUMENTS: vscode.DocumentSelector = [
  { language: 'yaml', scheme: 'file' },
  { language: 'yaml', scheme: 'untitled' },
  { language: 'json', scheme: 'file' },
  { language: 'json', scheme: 'untitled' },
  { language: 'jsonc', scheme: 'file' },
];

export function registerSchemaHover(context: vscode.ExtensionContext, analyses: WorkspaceAnalysis): void {
  context.subscriptions.push(
    vscode.languages.registerHoverProvider(SCHEMA_DOCUMENTS, {
      provideHover(document, position) {
        const analysis = analyses.get(document);
        const schemaId = analysis.association.schemaId;
        if (!schemaId) return undefined;
        const result = hoverAt(analysis.parsed, document.offsetAt(position), schemaId, analyses.registry(document.uri), {
          linkFor: (docsPath) => docsUri(context.extensionUri, docsPath).toString(),
        });
        if (!result) return undefined;
        const { start, end } = result.range;
        return new vscode.Hover(new vscode.MarkdownString(result.markdown), new vscode.Range(start.line, start.character, end.line, end.character));
      },
    }),
  );
}
