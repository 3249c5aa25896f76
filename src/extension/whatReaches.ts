// "Cache Warden: What Reaches…": a quick pick of the datastores, ranked by the misconfigured caches
// in front of them (errors, then warnings, then name — the server ranks them from its model), that
// opens the diagram's "what reaches" view of the chosen one with the caches in front listed beside
// it. Run with a datastore's ref it skips the pick: the datastore's hover links to it, its doc has
// a CodeLens for it, and the diagram's context menu on a datastore opens the same view. The side
// list's clicks (open a cache's config at a finding, its runbook) are resolved here as well.
import * as vscode from 'vscode';
import { describeFront } from '../core/graph/cachesInFront';
import { WHAT_REACHES_COMMAND, type CachesInFrontResult, type DatastoreInfo, type EntityInfo } from '../server/protocol';
import type { DiagramController } from './diagramCommands';
import { openAt } from './entityLocation';
import type { ServerCatalog } from './serverCatalog';

export { WHAT_REACHES_COMMAND };
const SHOW_DIAGRAM_COMMAND = 'cacheWarden.showDiagram';

export const WHAT_REACHES_TEST_COMMANDS = {
  /** The open "What Reaches…" quick pick's items, as shown (undefined when none is open). */
  picks: 'cacheWarden.test.whatReaches.picks',
  /** A DOM click on an entry of the list beside the diagram (through the webview). */
  clickSideListEntry: 'cacheWarden.test.diagram.clickSideListEntry',
} as const;

interface DatastorePick extends vscode.QuickPickItem {
  datastore: DatastoreInfo;
}

/** The quick pick's items, in the server's order (worst first). */
export function datastorePicks(list: readonly DatastoreInfo[]): DatastorePick[] {
  return list.map((datastore) => {
    const what = [datastore.label !== datastore.name ? datastore.name : '', datastore.type ?? '', datastore.store ? 'store backend' : ''].filter(Boolean).join(' · ');
    const colour = datastore.errors ? 'problemsErrorIcon.foreground' : datastore.warnings ? 'problemsWarningIcon.foreground' : undefined;
    return {
      datastore,
      label: datastore.label,
      description: what,
      detail: describeFront(datastore.caches, datastore.withProblems, datastore.errors, datastore.warnings),
      iconPath: new vscode.ThemeIcon('database', colour ? new vscode.ThemeColor(colour) : undefined),
    };
  });
}

/** The editor column next to the diagram's (the diagram stays in view). */
export function besideColumn(panel: vscode.WebviewPanel): vscode.ViewColumn {
  return panel.viewColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Beside : vscode.ViewColumn.One;
}

/** How long What Reaches… waits for the diagram's view before it gives up opening the worst finding. */
const VIEW_WAIT_MS = 20_000;

/**
 * What Reaches… brings on-call to the likeliest cause at once: the config of the worst cache in
 * front of the datastore (the list's top entry), at its first finding, beside the diagram.
 */
async function openWorstFinding(diagram: DiagramController, ref: string): Promise<void> {
  if (!vscode.workspace.getConfiguration('cacheWarden.whatReaches').get<boolean>('openWorstFinding', true)) return;
  const panel = diagram.current();
  if (!panel) return;
  const inFront = await panel.inFrontOf(ref, VIEW_WAIT_MS);
  const worst = inFront?.caches.find((cache) => cache.findings.length > 0);
  // The user may have moved on (another view, the panel closed) while the view was being built.
  if (!inFront || !worst || diagram.current() !== panel || panel.currentState.request.reaches !== ref) return;
  await openFinding(inFront, worst.ref, 0, besideColumn(panel.panel));
}

/** Opens a cache's config with the finding's range selected (the diagnostic's range). */
export async function openFinding(inFront: CachesInFrontResult | undefined, ref: string, index: number, column: vscode.ViewColumn): Promise<void> {
  const cache = inFront?.caches.find((candidate) => candidate.ref === ref);
  const finding = cache?.findings[index];
  if (!cache || !finding) {
    void vscode.window.showInformationMessage(`${ref}: that problem is gone (the list updates when the config changes).`);
    return;
  }
  const { start, end } = finding.range;
  const range = new vscode.Range(start.line, start.character, end.line, end.character);
  const editor = await vscode.window.showTextDocument(vscode.Uri.parse(finding.uri), { selection: range, preview: false, viewColumn: column });
  editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}

/** Opens an entity's runbook (a cache config's `runbook:`). */
export async function openRunbook(entity: EntityInfo, column: vscode.ViewColumn): Promise<void> {
  if (!entity.runbook) {
    void vscode.window.showInformationMessage(`${entity.ref} has no runbook: its cache config names none (metadata.runbook).`);
    return;
  }
  await openAt(entity.runbook, column);
}

export function registerWhatReaches(context: vscode.ExtensionContext, catalog: ServerCatalog, diagram: DiagramController): void {
  let openPick: vscode.QuickPick<DatastorePick> | undefined;

  const showReaches = (ref: string) => vscode.commands.executeCommand(SHOW_DIAGRAM_COMMAND, { reaches: ref });

  const pickDatastore = async (): Promise<DatastoreInfo | undefined> => {
    const pick = vscode.window.createQuickPick<DatastorePick>();
    openPick = pick;
    pick.title = 'What Reaches…';
    pick.placeholder = 'Datastore — worst first: the most errors, then warnings, in the caches in front of it';
    pick.matchOnDescription = true;
    pick.matchOnDetail = true;
    pick.busy = true;
    pick.show();
    const picked = new Promise<DatastorePick | undefined>((resolve) => {
      pick.onDidAccept(() => resolve(pick.selectedItems[0] ?? pick.activeItems[0]));
      pick.onDidHide(() => resolve(undefined));
    });
    try {
      const items = datastorePicks(await catalog.datastores());
      if (items.length === 0) {
        pick.hide();
        void vscode.window.showInformationMessage('No datastore in the catalog. Declare one in a doc\'s front matter (kind: resource, type: database) or name it in a cache\'s fronts.name.');
        return undefined;
      }
      pick.items = items;
      // The worst datastore is the one to look at first: Enter picks it.
      pick.activeItems = [items[0]];
      pick.busy = false;
      return (await picked)?.datastore;
    } finally {
      if (openPick === pick) openPick = undefined;
      pick.dispose();
    }
  };

  context.subscriptions.push(
    vscode.commands.registerCommand(WHAT_REACHES_COMMAND, async (target?: unknown) => {
      try {
        // A ref (hover link, CodeLens) or a file (a datastore's doc) skips the pick.
        let ref = typeof target === 'string' ? target : undefined;
        if (target instanceof vscode.Uri) ref = (await catalog.entityOfFile(target))?.ref;
        if (ref === undefined) ref = (await pickDatastore())?.ref;
        if (ref === undefined) return;
        await showReaches(ref);
        await openWorstFinding(diagram, ref);
      } catch (error) {
        void vscode.window.showErrorMessage(`Cache Warden: What Reaches… failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }),
    registerDatastoreCodeLens(catalog),
  );

  if (context.extensionMode !== vscode.ExtensionMode.Test) return;
  context.subscriptions.push(
    vscode.commands.registerCommand(WHAT_REACHES_TEST_COMMANDS.picks, () =>
      openPick && !openPick.busy
        ? { items: openPick.items.map((item) => ({ label: item.label, description: item.description, detail: item.detail })), active: openPick.activeItems[0]?.label }
        : undefined,
    ),
    vscode.commands.registerCommand(WHAT_REACHES_TEST_COMMANDS.clickSideListEntry, (ref: unknown): boolean =>
      typeof ref === 'string' && diagram.current()?.simulateSideListClick(ref) === true,
    ),
  );
}

/** A CodeLens above a datastore's doc heading: "What reaches Catalog DB: 5 caches in front, 4 with problems". */
function registerDatastoreCodeLens(catalog: ServerCatalog): vscode.Disposable {
  const changed = new vscode.EventEmitter<void>();
  let ranked: Promise<DatastoreInfo[]> | undefined;
  const subscription = catalog.onDidChange(() => {
    ranked = undefined;
    changed.fire();
  });
  const provider: vscode.CodeLensProvider = {
    onDidChangeCodeLenses: changed.event,
    async provideCodeLenses(document) {
      const entity = await catalog.entityOfFile(document.uri);
      if (!entity) return [];
      ranked ??= catalog.datastores();
      let datastore: DatastoreInfo | undefined;
      try {
        datastore = (await ranked).find((candidate) => candidate.ref === entity.ref);
      } catch {
        ranked = undefined; // the server is restarting: the next request asks again
      }
      if (!datastore) return [];
      const line = entity.doc && vscode.Uri.parse(entity.doc.uri).toString() === document.uri.toString() ? entity.doc.line : 0;
      const title = `$(database) What reaches ${datastore.label}: ${describeFront(datastore.caches, datastore.withProblems, datastore.errors, datastore.warnings)}`;
      return [new vscode.CodeLens(new vscode.Range(line, 0, line, 0), { title, command: WHAT_REACHES_COMMAND, arguments: [datastore.ref], tooltip: 'Show what reaches it, with the caches in front listed worst first' })];
    },
  };
  return vscode.Disposable.from(
    vscode.languages.registerCodeLensProvider([{ language: 'markdown', scheme: 'file' }, { language: 'markdown', scheme: 'untitled' }], provider),
    subscription,
    changed,
  );
}
