// "Cache Warden: Open Documentation…": every entity in a quick pick (kind and owner beside the
// title), opening its doc at its heading. `cacheWarden.openEntityDocumentation` opens one entity
// by ref (hover links and the diagram use it).
import * as vscode from 'vscode';
import type { CatalogIndex } from './catalogIndex';
import { openEntity } from './entityLocation';

export const OPEN_DOCUMENTATION_COMMAND = 'cacheWarden.openDocumentation';
export const OPEN_ENTITY_COMMAND = 'cacheWarden.openEntityDocumentation';

interface EntityPick extends vscode.QuickPickItem {
  ref: string;
}

export function entityPicks(index: CatalogIndex): EntityPick[] {
  return [...index.catalog.entities.values()]
    .sort((a, b) => Number(b.docFile !== undefined) - Number(a.docFile !== undefined) || (a.title ?? a.name).localeCompare(b.title ?? b.name) || a.ref.localeCompare(b.ref))
    .map((e) => ({
      ref: e.ref,
      label: e.title ?? e.name,
      description: [e.kind + (e.type ? ` · ${e.type}` : ''), e.owner].filter(Boolean).join(' — '),
      detail: e.docFile !== undefined ? vscode.workspace.asRelativePath(index.uriOf(e.docFile), false) : `${e.ref} (no doc)`,
    }));
}

export function registerOpenDocumentation(context: vscode.ExtensionContext, index: CatalogIndex): void {
  context.subscriptions.push(
    // An optional `{ query }` opens the list already filtered (other commands and tests use it).
    vscode.commands.registerCommand(OPEN_DOCUMENTATION_COMMAND, async (options?: { query?: unknown }) => {
      await index.ready();
      const pick = vscode.window.createQuickPick<EntityPick>();
      pick.title = 'Open Documentation';
      pick.placeholder = 'Entity (title, kind, owner, doc)';
      pick.matchOnDescription = true;
      pick.matchOnDetail = true;
      pick.items = entityPicks(index);
      if (typeof options?.query === 'string') pick.value = options.query;
      const picked = await new Promise<EntityPick | undefined>((resolve) => {
        pick.onDidAccept(() => resolve(pick.selectedItems[0] ?? pick.activeItems[0]));
        pick.onDidHide(() => resolve(undefined));
        pick.show();
      });
      pick.dispose();
      const entity = picked ? index.catalog.entity(picked.ref) : undefined;
      if (entity) await openEntity(index, entity);
    }),
    vscode.commands.registerCommand(OPEN_ENTITY_COMMAND, async (ref: unknown) => {
      await index.ready();
      const entity = typeof ref === 'string' ? index.catalog.entity(ref) ?? index.catalog.resolve(ref) : undefined;
      if (entity) await openEntity(index, entity);
      else void vscode.window.showWarningMessage(`No entity ${String(ref)} in the catalog.`);
    }),
  );
}
