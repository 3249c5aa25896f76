// A status bar item naming the schema that applies to the active file, and where the choice came
// from (modeline, $schema, setting, built-in). Hidden when no schema applies.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { SchemaAssociation } from '../core/schema/association';
import { isAnalyzable, type WorkspaceAnalysis } from './workspaceAnalysis';

const ORIGIN_TEXT: Record<SchemaAssociation['origin'], string> = {
  modeline: 'chosen by the `# cache-warden: $schema=` comment',
  $schema: 'chosen by the `$schema` key',
  setting: 'chosen by the `cacheWarden.schemas` setting',
  builtin: 'built in for this file name',
  none: 'validation is off for this file',
};

export function registerSchemaStatusBar(context: vscode.ExtensionContext, analyses: WorkspaceAnalysis): vscode.StatusBarItem {
  const item = vscode.window.createStatusBarItem('cacheWarden.schema', vscode.StatusBarAlignment.Right, 100);
  item.name = 'Cache Warden Schema';
  const update = (editor: vscode.TextEditor | undefined) => {
    const document = editor?.document;
    const analysis = document && isAnalyzable(document) ? analyses.latest(document) : undefined;
    const association = analysis?.association;
    if (!association?.schemaId) {
      item.hide();
      return;
    }
    const name = association.title ?? path.basename(association.schemaId);
    item.text = `$(file-code) ${name}`;
    item.tooltip = new vscode.MarkdownString(`**Schema:** ${name}\n\n\`${association.schemaId}\`\n\n${ORIGIN_TEXT[association.origin]}`);
    item.accessibilityInformation = { label: `Schema ${name}, ${ORIGIN_TEXT[association.origin]}` };
    item.show();
  };
  context.subscriptions.push(
    item,
    vscode.window.onDidChangeActiveTextEditor(update),
    analyses.onDidAnalyze(({ document }) => {
      if (vscode.window.activeTextEditor?.document === document) update(vscode.window.activeTextEditor);
    }),
  );
  update(vscode.window.activeTextEditor);
  return item;
}
