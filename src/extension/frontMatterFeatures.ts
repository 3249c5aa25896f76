// Hover and completion inside a Markdown doc's front matter, from the doc-front-matter schema —
// the same engine and texts as in cache configs. The front matter parse keeps the Markdown
// file's offsets, so positions need no translation.
import * as vscode from 'vscode';
import { extractFrontMatter, isInFrontMatter } from '../core/catalog/frontMatter';
import { FRONT_MATTER_SCHEMA_ID } from '../core/catalog/frontMatterValidation';
import { completeAt, type CompletionItem } from '../core/schema/completion';
import { hoverAt } from '../core/schema/hover';
import type { Range } from '../core/types';
import type { CatalogIndex } from './catalogIndex';

const MARKDOWN: vscode.DocumentSelector = { language: 'markdown' };

function toRange(r: Range): vscode.Range {
  return new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
}

const KINDS: Record<CompletionItem['kind'], vscode.CompletionItemKind> = {
  property: vscode.CompletionItemKind.Property,
  value: vscode.CompletionItemKind.Value,
  snippet: vscode.CompletionItemKind.Snippet,
};

export function registerFrontMatterFeatures(context: vscode.ExtensionContext, index: CatalogIndex): void {
  const docsLink = (docsPath: string): string => {
    const [pathPart, fragment] = docsPath.split('#');
    return vscode.Uri.joinPath(context.extensionUri, pathPart).with({ fragment: fragment ?? '' }).toString();
  };
  const frontMatterAt = (document: vscode.TextDocument, position: vscode.Position) => {
    const text = document.getText();
    const offset = document.offsetAt(position);
    if (!isInFrontMatter(text, offset) || !index.registry.has(FRONT_MATTER_SCHEMA_ID)) return undefined;
    const frontMatter = extractFrontMatter(text);
    return frontMatter ? { parsed: frontMatter.parsed, offset } : undefined;
  };
  context.subscriptions.push(
    vscode.languages.registerHoverProvider(MARKDOWN, {
      provideHover(document, position) {
        const at = frontMatterAt(document, position);
        const hover = at && hoverAt(at.parsed, at.offset, FRONT_MATTER_SCHEMA_ID, index.registry, { linkFor: docsLink });
        if (!hover) return undefined;
        const markdown = new vscode.MarkdownString(hover.markdown);
        return new vscode.Hover(markdown, toRange(hover.range));
      },
    }),
    vscode.languages.registerCompletionItemProvider(MARKDOWN, {
      provideCompletionItems(document, position) {
        const at = frontMatterAt(document, position);
        if (!at) return undefined;
        return completeAt(at.parsed, at.offset, FRONT_MATTER_SCHEMA_ID, index.registry).map((c) => {
          const item = new vscode.CompletionItem(c.label, KINDS[c.kind]);
          item.insertText = c.isSnippet ? new vscode.SnippetString(c.insertText) : c.insertText;
          if (c.documentation) item.documentation = new vscode.MarkdownString(c.documentation);
          if (c.detail) item.detail = c.detail;
          if (c.sortText) item.sortText = c.sortText;
          if (c.replaceRange) item.range = toRange(c.replaceRange);
          return item;
        });
      },
    }, ':', ' '),
  );
}
