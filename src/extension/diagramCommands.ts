// Wires the dependency diagram into VS Code: the "Show Dependency Diagram" command (palette,
// editor title of docs and cache configs, "Show in diagram" on Cache Warden diagnostics — that
// code action comes from the server) and the panel serializer that restores the diagram after a
// window reload. The view itself is built by the language server.
import * as vscode from 'vscode';
import { isDiagramState, isViewRequest, type DiagramState } from '../core/graph/webviewProtocol';
import { DIAGRAM_VIEW_TYPE, DiagramPanel, configuredLayout, initialRequest } from './graphPanel';
import type { ServerCatalog } from './serverCatalog';

export const SHOW_DIAGRAM_COMMAND = 'cacheWarden.showDiagram';

/** The open panel (one per window) and the ways to open or restore it. */
export interface DiagramController {
  current(): DiagramPanel | undefined;
  /** The serializer's path, in a given panel (tests use it: they cannot reload the window). */
  restore(panel: vscode.WebviewPanel, saved: unknown): Promise<void>;
}

export function registerDiagram(context: vscode.ExtensionContext, log: vscode.LogOutputChannel, source: ServerCatalog): DiagramController {
  let current: DiagramPanel | undefined;
  const testHooks = context.extensionMode === vscode.ExtensionMode.Test;

  const adopt = (panel: vscode.WebviewPanel, state: DiagramState): DiagramPanel => {
    current?.dispose();
    const created: DiagramPanel = new DiagramPanel(panel, context.extensionUri, source, log, state, () => {
      if (current === created) current = undefined;
    }, testHooks);
    current = created;
    return created;
  };

  /** After a window reload: the panel comes back with the request, layout and viewport its webview saved. */
  const restore = async (panel: vscode.WebviewPanel, saved: unknown): Promise<void> => {
    DiagramPanel.configureWebview(panel, context.extensionUri);
    adopt(panel, isDiagramState(saved) ? saved : { request: await initialRequest(source, undefined), layout: configuredLayout() });
  };

  const show = async (target?: unknown): Promise<void> => {
    await source.ready();
    const uri = target instanceof vscode.Uri ? target : vscode.window.activeTextEditor?.document.uri;
    // A view request (e.g. `{}` for the whole graph, or a filter) is shown as given.
    const asked = isViewRequest(target) ? target : undefined;
    const explicit = target instanceof vscode.Uri || typeof target === 'string' || asked !== undefined;
    const fileEntity = uri && !asked && typeof target !== 'string' ? await source.entityOfFile(uri) : undefined;
    const request = asked ?? (typeof target === 'string' ? { focus: target, depth: 2, direction: 'both' as const } : fileEntity ? { focus: fileEntity.ref, depth: 2, direction: 'both' as const } : {});
    if (current) {
      // An open diagram keeps its view unless asked about a particular file or entity.
      if (explicit || fileEntity) current.show(request);
      else current.panel.reveal();
      return;
    }
    const panel = vscode.window.createWebviewPanel(DIAGRAM_VIEW_TYPE, 'Dependency Diagram', vscode.ViewColumn.Beside, {
      enableScripts: true,
      localResourceRoots: [vscode.Uri.joinPath(context.extensionUri, 'dist', 'webview')],
    });
    adopt(panel, { request, layout: configuredLayout() });
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
    { dispose: () => current?.dispose() },
  );
  return { current: () => current, restore };
}
