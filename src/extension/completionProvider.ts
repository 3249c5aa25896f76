// Completion from the schema: property names, values and block snippets. The engine computes
// indentation itself, so whitespace is kept as given.
import * as vscode from 'vscode';
import { completeAt, type CompletionItem } from '../core/schema/completion';
import { LineIndex } from '../core/document/lineIndex';
import { SCHEMA_DOCUMENTS } from './hoverProvider';
import type { WorkspaceAnalysis } from './workspaceAnalysis';

const KIND: Record<CompletionItem['kind'], vscode.CompletionItemKind> = {
  property: vscode.CompletionItemKind.Property,
  value: vscode.CompletionItemKind.Value,
  snippet: vscode.CompletionItemKind.Snippet,
};

export function registerSchemaCompletion(context: vscode.ExtensionContext, analyses: WorkspaceAnalysis): void {
  context.subscriptions.push(
    vscode.languages.registerCompletionItemProvider(
      SCHEMA_DOCUMENTS,
      {
        provideCompletionItems(document, position, _token, completionContext) {
          const before = document.lineAt(position.line).text.slice(0, position.character);
          // A space only triggers right after `key: ` or `- `; a quote starts a JSON key or value.
          if (completionContext.triggerKind === vscode.CompletionTriggerKind.TriggerCharacter && !/(:|^\s*-)\s$|"$/.test(before)) return undefined;
          // Completion needs the schema (from the last analysis, which a keystroke rarely changes)
          // and the text as it is now; a full analysis is not needed.
          const known = analyses.latest(document) ?? analyses.get(document);
          const schemaId = known.association.schemaId;
          if (!schemaId) return undefined;
          // Completion reads the text by lines (indentation), so a stale parse is not redone.
          const text = document.getText();
          const parsed = known.parsed.text === text ? known.parsed : { text, lines: new LineIndex(text), documents: [] };
          return completeAt(parsed, document.offsetAt(position), schemaId, analyses.registry(document.uri)).map(toVscode);
        },
      },
      ' ',
      '"',
    ),
  );
}

function toVscode(item: CompletionItem): vscode.CompletionItem {
  const result = new vscode.CompletionItem(item.label, KIND[item.kind]);
  result.insertText = item.isSnippet ? new vscode.SnippetString(item.insertText) : item.insertText;
  result.keepWhitespace = true;
  if (item.documentation) result.documentation = new vscode.MarkdownString(item.documentation);
  if (item.detail) result.detail = item.detail;
  if (item.sortText) result.sortText = item.sortText;
  if (item.filterText) result.filterText = item.filterText;
  if (item.replaceRange) {
    const { start, end } = item.replaceRange;
    result.range = new vscode.Range(start.line, start.character, end.line, end.character);
  }
  return result;
}
