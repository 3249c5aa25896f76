// Wires the dependency diagram into VS Code: the "Show Dependency Diagram" command (palette,
// editor title of docs and cache configs, "Show in diagram" on Cache Warden diagnostics), the
// panel serializer that restores the diagram after a window reload, and two internal commands
// the integration tests use to see what the webview drew and to click a node through it.
import * as vscode from 'vscode';
import { isDiagramState, isViewRequest, type DiagramState } from '../core/graph/webviewProtocol';
import { getCatalogIndex } from './catalogIndex';
import { DIAGRAM_VIEW_TYPE, DiagramPanel, catalogFileOf, configuredLayout, initialRequest, type DiagramCatalogSource, type RenderRecord } from './graphPanel';

export const SHOW_DIAGRAM_COMMAND = 'cacheWarden.showDiagram';
/** Internal (not contributed): the last render the webview reported, for tests. */
export const LAST_RENDER_COMMAND = 'cacheWarden.diagram.lastRender';
/** Internal (not contributed): clicks a node in the webview, through its own DOM listener. */
export const SIMULATE_CLICK_COMMAND = 'cacheWarden.diagram.simulateClick';
/** Internal (not contributed): resolves after the next render report (or at once if none is pending). */
export const WAIT_FOR_RENDER_COMMAND = 'cacheWarden.diagram.waitForRender';
/** Internal (not contributed): the open panel's state (request, layout, viewport), as the serializer would get it. */
export const PANEL_STATE_COMMAND = 'cacheWarden.diagram.state';
/**
 * Internal (not contributed): restores a diagram from a saved state through the serializer's own
 * code path, in a new panel (tests cannot reload the window).
 */
export const RESTORE_COMMAND = 'cacheWarden.diagram.restore';

const SHOW_IN_DIAGRAM_KIND = vscode.CodeActionKind.Empty.append('cacheWarden').append('showInDiagram');

/** The entity a diagnostic is about: the innermost declaration around its line, else the file's. */
function entityAt(source: DiagramCatalogSource, uri: vscode.Uri, line: number) {
  const file = catalogFileOf(source, uri);
  const declared = source.catalog.graph.declarationsByFile.get(file) ?? [];
  let best: (typeof declared)[number] | undefined;
  for (const candidate of declared) {
    const extent = candidate.extent;
    if (!extent || line < extent.start || line > extent.end) continue;
    if (!best?.extent || extent.end - extent.start < best.extent.end - best.extent.start) best = candidate;
  }
  return best ? source.catalog.entity(best.ref) : source.catalog.entityOfFile(file);
}

/**
 * Registers the diagram. The catalog comes from the catalog index (looked up when first needed,
 * so registration order in `activate` does not matter); tests may pass their own source.
 */
export function registerDiagram(
  context: vscode.ExtensionContext,
  log: vscode.LogOutputChannel,
  catalogSource: () => DiagramCatalogSource | undefined = getCatalogIndex,
): void {
  let current: DiagramPanel | undefined;
  const requireSource = async (): Promise<DiagramCatalogSource> => {
    const found = catalogSource();
    if (!found) throw new Error('the workspace catalog is not available (is a folder open?).');
    await found.ready?.();
    return found;
  };

  const adopt = (panel: vscode.WebviewPanel, source: DiagramCatalogSource, state: DiagramState): DiagramPanel => {
    current?.dispose();
    const created: DiagramPanel = new DiagramPanel(panel, context.extensionUri, source, log, state, () => {
      if (current === created) current = undefined;
    });
    current = created;
    return created;
  };

  /** After a window reload: the panel comes back with the request, layout and viewport its webview saved. */
  const restore = async (panel: vscode.WebviewPanel, saved: unknown): Promise<void> => {
    DiagramPanel.configureWebview(panel, context.extensionUri);
    const source = await requireSource();
    adopt(panel, source, isDiagramState(saved) ? saved : { request: initialRequest(source, undefined), layout: configuredLayout() });
  };

  const show = async (target?: unknown): Promise<void> => {
    const source = await requireSource();
    const uri = target instanceof vscode.Uri ? target : vscode.window.activeTextEditor?.document.uri;
    // A view request (e.g. `{}` for the whole graph, or a filter) is shown as given.
    const asked = isViewRequest(target) ? target : undefined;
    const explicit = target instanceof vscode.Uri || typeof target === 'string' || asked !== undefined;
    const request = asked ?? (typeof target === 'string' ? { focus: target, depth: 2, direction: 'both' as const } : initialRequest(source, uri));
    if (current) {
      // An open diagram keeps its view unless asked about a particular file or entity.
      if (explicit || (uri && source.catalog.entityOfFile(catalogFileOf(source, uri)))) current.show(request);
      else current.panel.reveal();
      return;
    }
    const panel = vscode.window.createWebviewPanel(DIAGRAM_VIEW_TYPE, 'Dependency Diagram', vscode.ViewColumn.Beside, {
      enableScripts: true,
      localResourceRoots: [vscode.Uri.joinPath(context.extensionUri, 'dist', 'webview')],
    });
    adopt(panel, source, { request, layout: configuredLayout() });
  };

  context.subscriptions.push(
    vscode.commands.registerCommand(SHOW_DIAGRAM_COMMAND, async (target?: unknown) => {
      try {
        await show(target);
      } catch (error) {
        void vscode.window.showErrorMessage(`Cache Warden: cannot show the diagram: ${error instanceof Error ? error.message : String(error)}`);
      }
    }),
    vscode.window.registerWebviewPanelSerializer(DIAGRAM_VIEW_TYPE, { deserializeWebviewPanel: restore }),
    vscode.commands.registerCommand(PANEL_STATE_COMMAND, (): DiagramState | undefined => current?.currentState),
    vscode.commands.registerCommand(RESTORE_COMMAND, async (saved: unknown): Promise<void> => {
      const panel = vscode.window.createWebviewPanel(DIAGRAM_VIEW_TYPE, 'Dependency Diagram', vscode.ViewColumn.Beside, {});
      await restore(panel, saved);
    }),
    vscode.commands.registerCommand(LAST_RENDER_COMMAND, (): RenderRecord | undefined => current?.lastRenderReport),
    vscode.commands.registerCommand(SIMULATE_CLICK_COMMAND, (idOrRef: unknown): boolean =>
      typeof idOrRef === 'string' && current !== undefined && current.simulateClick(idOrRef),
    ),
    vscode.commands.registerCommand(WAIT_FOR_RENDER_COMMAND, async (): Promise<RenderRecord | undefined> => {
      if (!current) return undefined;
      await current.nextRender();
      return current?.lastRenderReport;
    }),
    vscode.languages.registerCodeActionsProvider(
      [{ language: 'yaml' }, { language: 'json' }, { language: 'markdown' }],
      {
        provideCodeActions(document, _range, codeActionContext) {
          const ours = codeActionContext.diagnostics.filter((d) => d.source?.startsWith('cache-warden'));
          const source = catalogSource();
          if (ours.length === 0 || !source) return [];
          const entity = entityAt(source, document.uri, ours[0].range.start.line);
          if (!entity) return [];
          const action = new vscode.CodeAction(`Show ${entity.title ?? entity.name} in the dependency diagram`, SHOW_IN_DIAGRAM_KIND);
          action.command = { command: SHOW_DIAGRAM_COMMAND, title: action.title, arguments: [entity.ref] };
          action.diagnostics = ours;
          return [action];
        },
      },
      { providedCodeActionKinds: [SHOW_IN_DIAGRAM_KIND] },
    ),
    { dispose: () => current?.dispose() },
  );
}
