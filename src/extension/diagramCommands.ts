// Wires the dependency diagram into VS Code: the "Show Dependency Diagram" command (palette,
// editor title of docs and cache configs, "Show in diagram" on Cache Warden diagnostics), the
// panel serializer that restores the diagram after a window reload, and two internal commands
// the integration tests use to see what the webview drew and to click a node through it.
import * as vscode from 'vscode';
import { isDiagramState, type DiagramState } from '../core/graph/webviewProtocol';
import { DIAGRAM_VIEW_TYPE, DiagramPanel, configuredLayout, initialRequest, type DiagramCatalogSource, type RenderRecord } from './graphPanel';

export const SHOW_DIAGRAM_COMMAND = 'cacheWarden.showDiagram';
/** Internal (not contributed): the last render the webview reported, for tests. */
export const LAST_RENDER_COMMAND = 'cacheWarden.diagram.lastRender';
/** Internal (not contributed): clicks a node in the webview, through its own DOM listener. */
export const SIMULATE_CLICK_COMMAND = 'cacheWarden.diagram.simulateClick';
/** Internal (not contributed): resolves after the next render report (or at once if none is pending). */
export const WAIT_FOR_RENDER_COMMAND = 'cacheWarden.diagram.waitForRender';

const SHOW_IN_DIAGRAM_KIND = vscode.CodeActionKind.Empty.append('cacheWarden').append('showInDiagram');

/** The entity a diagnostic is about: the innermost declaration around its line, else the file's. */
function entityAt(source: DiagramCatalogSource, uri: vscode.Uri, line: number) {
  const file = source.fileOf(uri);
  const declared = source.catalog.graph.declarationsByFile.get(file) ?? [];
  let best: (typeof declared)[number] | undefined;
  for (const candidate of declared) {
    const extent = candidate.extent;
    if (!extent || line < extent.start || line > extent.end) continue;
    if (!best?.extent || extent.end - extent.start < best.extent.end - best.extent.start) best = candidate;
  }
  return best ? source.catalog.entity(best.ref) : source.catalog.entityOfFile(file);
}

export function registerDiagram(context: vscode.ExtensionContext, source: DiagramCatalogSource, log: vscode.LogOutputChannel): void {
  let current: DiagramPanel | undefined;

  const adopt = (panel: vscode.WebviewPanel, state: DiagramState): DiagramPanel => {
    current?.dispose();
    const created: DiagramPanel = new DiagramPanel(panel, context.extensionUri, source, log, state, () => {
      if (current === created) current = undefined;
    });
    current = created;
    return created;
  };

  const show = (target?: unknown): void => {
    const uri = target instanceof vscode.Uri ? target : vscode.window.activeTextEditor?.document.uri;
    const explicit = target instanceof vscode.Uri || typeof target === 'string';
    const request = typeof target === 'string' ? { focus: target, depth: 2, direction: 'both' as const } : initialRequest(source, uri);
    if (current) {
      // An open diagram keeps its view unless asked about a particular file or entity.
      if (explicit || (uri && source.catalog.entityOfFile(source.fileOf(uri)))) current.show(request);
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
    vscode.commands.registerCommand(SHOW_DIAGRAM_COMMAND, (target?: unknown) => show(target)),
    vscode.window.registerWebviewPanelSerializer(DIAGRAM_VIEW_TYPE, {
      async deserializeWebviewPanel(panel: vscode.WebviewPanel, saved: unknown) {
        DiagramPanel.configureWebview(panel, context.extensionUri);
        adopt(panel, isDiagramState(saved) ? saved : { request: initialRequest(source, undefined), layout: configuredLayout() });
      },
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
          if (ours.length === 0) return [];
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
