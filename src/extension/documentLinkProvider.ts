// Every resolved entity ref with a doc becomes a link to that doc (Ctrl/Cmd+click).
import * as vscode from 'vscode';
import type { CatalogIndex } from './catalogIndex';
import { REF_DOCUMENTS } from './refSelector';

export function registerDocumentLinkProvider(context: vscode.ExtensionContext, index: CatalogIndex): void {
  context.subscriptions.push(vscode.languages.registerDocumentLinkProvider(REF_DOCUMENTS, {
    async provideDocumentLinks(document) {
      await index.ready();
      index.sync(document);
      const file = index.fileOf(document.uri);
      const links: vscode.DocumentLink[] = [];
      for (const ref of index.catalog.refsInFile(file)) {
        const entity = ref.target ? index.catalog.entity(ref.target) : undefined;
        // A declaration in this very file (a doc's own id) links nowhere new.
        if (!entity?.docFile || entity.docFile === file) continue;
        const range = new vscode.Range(ref.range.start.line, ref.range.start.character, ref.range.end.line, ref.range.end.character);
        const link = new vscode.DocumentLink(range, index.uriOf(entity.docFile).with({ fragment: `L${(entity.docLine ?? 0) + 1}` }));
        link.tooltip = `Open the documentation of ${entity.title ?? entity.name}`;
        links.push(link);
      }
      return links;
    },
  }));
}
