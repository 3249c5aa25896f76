// Where "open this entity" lands: its doc at the first heading, else the first file that
// declares it (a catalog-info.yaml entry, a cache config).
import * as vscode from 'vscode';
import type { Entity } from '../core/graph/graphModel';
import type { CatalogIndex } from './catalogIndex';

export function entityLocation(index: CatalogIndex, entity: Entity): vscode.Location | undefined {
  if (entity.docFile !== undefined) return new vscode.Location(index.uriOf(entity.docFile), new vscode.Position(entity.docLine ?? 0, 0));
  const source = entity.sources[0];
  return source ? new vscode.Location(index.uriOf(source.file), new vscode.Position(source.line, 0)) : undefined;
}

export async function openEntity(index: CatalogIndex, entity: Entity): Promise<void> {
  const location = entityLocation(index, entity);
  if (!location) {
    void vscode.window.showInformationMessage(`${entity.ref} is not declared in any file.`);
    return;
  }
  await vscode.window.showTextDocument(location.uri, { selection: new vscode.Range(location.range.start, location.range.start), preview: false });
}
