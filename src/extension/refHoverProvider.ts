// Hover on an entity ref: title, kind, owner, the doc's first paragraph, and links to open the
// doc or show the entity in the diagram. Only those two commands may run from the hover.
import * as vscode from 'vscode';
import { entityHoverMarkdown } from '../core/catalog/entityHover';
import type { CatalogIndex } from './catalogIndex';
import { OPEN_ENTITY_COMMAND } from './openDocumentation';
import { REF_DOCUMENTS } from './refSelector';

export const SHOW_DIAGRAM_COMMAND = 'cacheWarden.showDiagram';

function commandLink(command: string, ref: string): string {
  return `command:${command}?${encodeURIComponent(JSON.stringify([ref]))}`;
}

export function registerRefHoverProvider(context: vscode.ExtensionContext, index: CatalogIndex): void {
  context.subscriptions.push(vscode.languages.registerHoverProvider(REF_DOCUMENTS, {
    async provideHover(document, position) {
      const found = await index.refAtPosition(document, position);
      if (!found) return undefined;
      const { ref, entity } = found;
      const docPath = entity.docFile !== undefined ? vscode.workspace.asRelativePath(index.uriOf(entity.docFile), false) : undefined;
      const markdown = new vscode.MarkdownString(entityHoverMarkdown(entity, {
        openDoc: commandLink(OPEN_ENTITY_COMMAND, entity.ref),
        showInDiagram: commandLink(SHOW_DIAGRAM_COMMAND, entity.ref),
      }, docPath));
      markdown.isTrusted = { enabledCommands: [OPEN_ENTITY_COMMAND, SHOW_DIAGRAM_COMMAND] };
      return new vscode.Hover(markdown, new vscode.Range(ref.range.start.line, ref.range.start.character, ref.range.end.line, ref.range.end.character));
    },
  }));
}
