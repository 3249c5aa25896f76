// Go to Definition on an entity ref (metadata.service, backend, fronts.name, dependsOn, system, …)
// lands in the entity's doc.
import * as vscode from 'vscode';
import type { CatalogIndex } from './catalogIndex';
import { entityLocation } from './entityLocation';
import { REF_DOCUMENTS } from './refSelector';

export function registerDefinitionProvider(context: vscode.ExtensionContext, index: CatalogIndex): void {
  context.subscriptions.push(vscode.languages.registerDefinitionProvider(REF_DOCUMENTS, {
    async provideDefinition(document, position) {
      const found = await index.refAtPosition(document, position);
      const target = found ? entityLocation(index, found.entity) : undefined;
      if (!found || !target) return undefined;
      const { ref } = found;
      const link: vscode.LocationLink = {
        originSelectionRange: new vscode.Range(ref.range.start.line, ref.range.start.character, ref.range.end.line, ref.range.end.character),
        targetUri: target.uri,
        targetRange: target.range,
      };
      return [link];
    },
  }));
}
