// Completion from the schema: keys, values and whole entries in YAML/JSON files with a schema,
// and in doc front matter. Uses the latest parse's schema association and the text as it is now
// (completion reads lines and brackets); never analyses.
import {
  CompletionItemKind, CompletionTriggerKind, InsertTextFormat, InsertTextMode,
  type CompletionItem as LspCompletionItem, type CompletionParams,
} from 'vscode-languageserver';
import { extractFrontMatter, isInFrontMatter } from '../core/catalog/frontMatter';
import { FRONT_MATTER_SCHEMA_ID } from '../core/catalog/frontMatterValidation';
import { LineIndex } from '../core/document/lineIndex';
import { completeAt, type CompletionItem } from '../core/schema/completion';
import type { WorkspaceModel } from '../core/workspace/workspaceModel';
import type { DocumentSync } from './documentSync';
import { snippetAsPlainText, type ClientFeatures } from './clientFeatures';
import { docsLink, fileOf } from './uris';

export const COMPLETION_TRIGGERS = [' ', '"', ':'];

const KIND: Record<CompletionItem['kind'], CompletionItemKind> = {
  property: CompletionItemKind.Property,
  value: CompletionItemKind.Value,
  snippet: CompletionItemKind.Snippet,
};

export function provideCompletion(model: WorkspaceModel, sync: DocumentSync, params: CompletionParams, client: ClientFeatures): LspCompletionItem[] | null {
  const toLsp = (item: CompletionItem) => toLspItem(item, client.snippets);
  const uri = params.textDocument.uri;
  sync.flush(uri);
  const document = sync.get(uri);
  const file = fileOf(uri);
  if (!document) return null;
  const text = document.getText();
  const offset = document.offsetAt(params.position);
  const before = text.slice(text.lastIndexOf('\n', offset - 1) + 1, offset);
  const triggered = params.context?.triggerKind === CompletionTriggerKind.TriggerCharacter;

  if (/\.(md|markdown)$/i.test(file)) {
    if (triggered && !/:\s?$/.test(before)) return null;
    const registry = model.folderOf(file).registry;
    if (!isInFrontMatter(text, offset) || !registry.has(FRONT_MATTER_SCHEMA_ID)) return null;
    const frontMatter = extractFrontMatter(text);
    return frontMatter ? completeAt(frontMatter.parsed, offset, FRONT_MATTER_SCHEMA_ID, registry).map(toLsp) : null;
  }
  // Formats an adapter reads with their own vocabulary (redis.conf, nginx directives).
  const adapter = model.file(file)?.adapted?.adapter;
  if (adapter?.complete) return adapter.complete(text, offset).map(toLsp);
  // A space only triggers right after `key: ` or `- `; a quote starts a JSON key or value.
  if (triggered && !/(:|^\s*-)\s$|"$/.test(before)) return null;
  const entry = model.file(file);
  const schemaId = model.association(file)?.schemaId;
  if (!entry || !schemaId) return null;
  const parsed = entry.parsed && entry.parsed.text === text ? entry.parsed : { text, lines: new LineIndex(text), documents: [] };
  return completeAt(parsed, offset, schemaId, model.folderOf(file).registry).map(toLsp);
}

function toLspItem(item: CompletionItem, snippets: boolean): LspCompletionItem {
  const asSnippet = item.isSnippet && snippets;
  const text = item.isSnippet && !snippets ? snippetAsPlainText(item.insertText) : item.insertText;
  const out: LspCompletionItem = {
    label: item.label,
    kind: KIND[item.kind],
    insertTextFormat: asSnippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
    // The engine indents continuation lines itself.
    insertTextMode: InsertTextMode.asIs,
  };
  if (item.replaceRange) out.textEdit = { range: item.replaceRange, newText: text };
  else out.insertText = text;
  // Docs links point into the installed package, as in hovers.
  if (item.documentation) out.documentation = { kind: 'markdown', value: item.documentation.replace(/\]\((docs\/[^)\s]+)\)/g, (_link, docsPath: string) => `](${docsLink(docsPath)})`) };
  if (item.detail) out.detail = item.detail;
  if (item.sortText) out.sortText = item.sortText;
  if (item.filterText) out.filterText = item.filterText;
  return out;
}
