// Where "open this entity" lands: its doc at the first heading, else the first file that
// declares it (a catalog-info.yaml entry, a cache config).
import * as vscode from 'vscode';
import type { EntityInfo, EntityLocationInfo } from '../server/protocol';

export function entityTarget(entity: EntityInfo): EntityLocationInfo | undefined {
  return entity.doc ?? entity.sources[0];
}

export async function openAt(target: EntityLocationInfo, viewColumn?: vscode.ViewColumn): Promise<void> {
  const position = new vscode.Position(target.line, 0);
  await vscode.window.showTextDocument(vscode.Uri.parse(target.uri), {
    selection: new vscode.Range(position, position),
    preview: false,
    ...(viewColumn !== undefined ? { viewColumn } : {}),
  });
}

export async function openEntity(entity: EntityInfo): Promise<void> {
  const target = entityTarget(entity);
  if (!target) {
    void vscode.window.showInformationMessage(`${entity.ref} is not declared in any file.`);
    return;
  }
  await openAt(target);
}
