// "Cache Warden: Open Documentation…": every entity in a quick pick (kind and owner beside the
// title), opening its doc at its heading. `cacheWarden.openEntityDocumentation` opens one entity
// by ref (hover links and the diagram use it).
import * as vscode from 'vscode';
import type { EntityInfo } from '../server/protocol';
import { openEntity } from './entityLocation';
import type { ServerCatalog } from './serverCatalog';

export const OPEN_DOCUMENTATION_COMMAND = 'cacheWarden.openDocumentation';
export const OPEN_ENTITY_COMMAND = 'cacheWarden.openEntityDocumentation';

interface EntityPick extends vscode.QuickPickItem {
  entity: EntityInfo;
}

export function entityPicks(entities: readonly EntityInfo[]): EntityPick[] {
  return [...entities]
    .sort((a, b) => Number(b.doc !== undefined) - Number(a.doc !== undefined) || (a.title ?? a.name).localeCompare(b.title ?? b.name) || a.ref.localeCompare(b.ref))
    .map((entity) => ({
      entity,
      label: entity.title ?? entity.name,
      description: [entity.kind + (entity.type ? ` · ${entity.type}` : ''), entity.owner].filter(Boolean).join(' — '),
      detail: entity.docPath ?? `${entity.ref} (no doc)`,
    }));
}

export function registerOpenDocumentation(context: vscode.ExtensionContext, catalog: ServerCatalog): void {
  context.subscriptions.push(
    // An optional `{ query }` opens the list already filtered (other commands and tests use it).
    vscode.commands.registerCommand(OPEN_DOCUMENTATION_COMMAND, async (options?: { query?: unknown }) => {
      const pick = vscode.window.createQuickPick<EntityPick>();
      pick.title = 'Open Documentation';
      pick.placeholder = 'Entity (title, kind, owner, doc)';
      pick.matchOnDescription = true;
      pick.matchOnDetail = true;
      pick.busy = true;
      if (typeof options?.query === 'string') pick.value = options.query;
      pick.show();
      const picked = new Promise<EntityPick | undefined>((resolve) => {
        pick.onDidAccept(() => resolve(pick.selectedItems[0] ?? pick.activeItems[0]));
        pick.onDidHide(() => resolve(undefined));
      });
      pick.items = entityPicks(await catalog.entities());
      pick.busy = false;
      const chosen = await picked;
      pick.dispose();
      if (chosen) await openEntity(chosen.entity);
    }),
    vscode.commands.registerCommand(OPEN_ENTITY_COMMAND, async (ref: unknown) => {
      const entity = typeof ref === 'string' ? await catalog.entity(ref, true) : undefined;
      if (entity) await openEntity(entity);
      else void vscode.window.showWarningMessage(`No entity ${String(ref)} in the catalog.`);
    }),
  );
}
