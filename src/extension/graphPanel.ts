// The dependency diagram panel (one per window): builds the view from the catalog index and the
// current diagnostics, sends it to the webview, and acts on the webview's messages — opening docs
// and configs, refocusing, copying refs, saving exports. Entity ids from the webview are resolved
// here against the view that was sent (or the catalog); the webview never names a file.
import * as vscode from 'vscode';
import { buildView } from '../core/graph/buildView';
import type { Entity, GraphView, NodeStatus, ViewRequest } from '../core/graph/graphModel';
import { MERMAID_LIMITS, toMermaid } from '../core/graph/mermaid';
import {
  parseWebviewMessage,
  type DiagramFacets,
  type DiagramLayout,
  type DiagramState,
  type FromWebviewMessage,
  type RenderReport,
  type ToWebviewMessage,
} from '../core/graph/webviewProtocol';
import { diagramHtml } from './diagramHtml';
import { nodeStatusFromDiagnostics } from './diagramStatus';

export const DIAGRAM_VIEW_TYPE = 'cacheWarden.diagram';
/** Live updates wait this long after the last change, well inside the 300 ms budget. */
const UPDATE_DEBOUNCE_MS = 80;

/** What the panel needs from the catalog index. */
export interface DiagramCatalogSource {
  readonly catalog: import('../core/catalog/catalog').Catalog;
  readonly onDidChange: vscode.Event<unknown>;
  /** The catalog's file key for a URI and back (default: the file system path). */
  fileOf?(uri: vscode.Uri): string;
  uriOf?(file: string): vscode.Uri;
  /** Resolves once the first workspace scan is done. */
  ready?(): Promise<void>;
  /** Brings a document's current text into the catalog now (used on save, skipping edit debounces). */
  sync?(document: vscode.TextDocument): void;
}

export function catalogFileOf(source: DiagramCatalogSource, uri: vscode.Uri): string {
  return source.fileOf ? source.fileOf(uri) : uri.fsPath;
}

export function catalogUriOf(source: DiagramCatalogSource, file: string): vscode.Uri {
  return source.uriOf ? source.uriOf(file) : vscode.Uri.file(file);
}

export interface RenderRecord extends RenderReport {
  /** How many renders this panel has reported (tests wait for it to grow). */
  count: number;
  view: {
    title: string;
    notice?: string;
    nodes: Array<{ id: string; ref: string; label: string; status?: NodeStatus }>;
    clusters?: Array<{ id: string; ref?: string; label: string; nodeIds: string[] }>;
  };
}

export class DiagramPanel implements vscode.Disposable {
  private state: DiagramState;
  private view: GraphView = { nodes: [], edges: [], title: '' };
  private lastRender: RenderRecord | undefined;
  private renderCount = 0;
  private updateTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly renderWaiters: Array<() => void> = [];

  constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly extensionUri: vscode.Uri,
    private readonly source: DiagramCatalogSource,
    private readonly log: vscode.LogOutputChannel,
    state: DiagramState,
    private readonly onDispose: () => void,
  ) {
    this.state = state;
    DiagramPanel.configureWebview(panel, extensionUri);
    panel.webview.html = diagramHtml({
      cspSource: panel.webview.cspSource,
      scriptUri: panel.webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', 'diagram.js')).toString(),
      elkScriptUri: panel.webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', 'diagram-elk.js')).toString(),
      styleUri: panel.webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', 'diagram.css')).toString(),
    });
    this.disposables.push(
      panel.webview.onDidReceiveMessage((raw) => void this.onMessage(raw)),
      panel.onDidDispose(() => this.dispose()),
      source.onDidChange(() => this.scheduleUpdate()),
      // A save is the moment users expect the diagram to follow: index the file now.
      vscode.workspace.onDidSaveTextDocument((document) => source.sync?.(document)),
      vscode.languages.onDidChangeDiagnostics((event) => {
        if (event.uris.some((uri) => this.mayAffectStatus(uri))) this.scheduleUpdate();
      }),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('cacheWarden.diagram.layout')) {
          this.state = { ...this.state, layout: configuredLayout() };
          this.render(false);
        }
      }),
    );
  }

  /** Scripts on, and only the bundle folder readable: the webview can load nothing else. */
  static configureWebview(panel: vscode.WebviewPanel, extensionUri: vscode.Uri): void {
    panel.webview.options = { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist', 'webview')] };
  }

  get currentState(): DiagramState {
    return this.state;
  }

  get lastRenderReport(): RenderRecord | undefined {
    return this.lastRender;
  }

  /** Shows a new request (a command, the editor title, a diagnostic) and brings the panel forward. */
  show(request: ViewRequest): void {
    this.state = { ...this.state, request, viewport: undefined };
    this.panel.reveal(undefined, false);
    this.render(false);
  }

  /** Resolves once the webview has reported a render after this call. */
  nextRender(): Promise<void> {
    return new Promise((resolve) => this.renderWaiters.push(resolve));
  }

  /** Test hook: asks the webview to click a node's element (the same listener a user triggers). */
  simulateClick(idOrRef: string): boolean {
    const node = this.view.nodes.find((candidate) => candidate.id === idOrRef || candidate.ref === idOrRef)
      ?? this.view.clusters?.find((candidate) => candidate.ref !== undefined && (candidate.id === idOrRef || candidate.ref === idOrRef));
    if (!node) return false;
    void this.post({ type: 'simulateClick', nodeId: node.id });
    return true;
  }

  private mayAffectStatus(uri: vscode.Uri): boolean {
    const file = catalogFileOf(this.source, uri);
    return this.view.nodes.some((node) => this.source.catalog.entity(node.ref)?.configFiles.includes(file));
  }

  private scheduleUpdate(): void {
    clearTimeout(this.updateTimer);
    this.updateTimer = setTimeout(() => this.render(true), UPDATE_DEBOUNCE_MS);
  }

  private buildFacets(): DiagramFacets {
    const kinds = new Set<string>();
    const systems = new Set<string>();
    const owners = new Set<string>();
    const entities: DiagramFacets['entities'] = [];
    for (const entity of this.source.catalog.entities.values()) {
      kinds.add(entity.kind);
      if (entity.system) systems.add(entity.system);
      if (entity.owner) owners.add(entity.owner);
      entities.push({ id: entity.ref, label: entity.title ?? entity.name, kind: entity.kind });
    }
    const sorted = (set: Set<string>) => [...set].sort((a, b) => a.localeCompare(b));
    entities.sort((a, b) => a.label.localeCompare(b.label));
    return { kinds: sorted(kinds), systems: sorted(systems), owners: sorted(owners), entities };
  }

  /** Rebuilds the view for the current state and sends it; `live` keeps the user's zoom and pan. */
  render(live: boolean, restoreViewport = false): void {
    clearTimeout(this.updateTimer);
    const catalog = this.source.catalog;
    let source: string;
    try {
      const status = nodeStatusFromDiagnostics(catalog, (uri) => catalogFileOf(this.source, uri));
      this.view = buildView(catalog, this.state.request, status);
      source = toMermaid(this.view, { layout: this.state.layout });
    } catch (error) {
      // Shown in the panel instead of a blank diagram; the log has the details.
      const reason = error instanceof Error ? error.message : String(error);
      this.log.error(`Diagram: could not build the view: ${reason}`);
      this.view = { nodes: [], edges: [], title: 'Dependency diagram', notice: `The diagram could not be built: ${reason}` };
      source = '';
    }
    this.panel.title = `Diagram: ${this.view.title}`;
    void this.post({
      type: 'render',
      view: this.view,
      source,
      layout: this.state.layout,
      request: this.state.request,
      facets: this.buildFacets(),
      limits: { maxEdges: MERMAID_LIMITS.maxEdges, maxTextSize: MERMAID_LIMITS.maxTextSize },
      keepViewport: live,
      ...(restoreViewport && this.state.viewport ? { viewport: this.state.viewport } : {}),
    });
  }

  private post(message: ToWebviewMessage): Thenable<boolean> {
    // A hidden webview cannot receive messages; it asks again with 'ready' when shown.
    return this.panel.webview.postMessage(message);
  }

  /** The entity a webview id names: a node or system box of the current view, else a catalog ref (search). */
  private resolve(entityId: string): Entity | undefined {
    const node = this.view.nodes.find((candidate) => candidate.id === entityId) ?? this.view.clusters?.find((candidate) => candidate.id === entityId);
    const ref = node?.ref ?? entityId;
    return this.source.catalog.entity(ref);
  }

  private async onMessage(raw: unknown): Promise<void> {
    const parsed = parseWebviewMessage(raw);
    if ('rejected' in parsed) {
      this.log.warn(`Diagram: ignored a webview message (${parsed.rejected}).`);
      return;
    }
    try {
      await this.handle(parsed.message);
    } catch (error) {
      this.log.error(`Diagram: ${parsed.message.type} failed: ${error instanceof Error ? error.message : String(error)}`);
      void vscode.window.showErrorMessage(`Cache Warden: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private async handle(message: FromWebviewMessage): Promise<void> {
    switch (message.type) {
      case 'ready':
        // A new webview (first open, shown again, window reload): restore what it last showed.
        if (message.state && !this.state.viewport && sameRequest(message.state.request, this.state.request)) {
          this.state = { ...this.state, viewport: message.state.viewport };
        }
        this.render(false, true);
        return;
      case 'rendered':
        this.recordRender(message);
        return;
      case 'state':
        if (message.rerender) {
          // The toolbar asked for another view (filters, depth, layout).
          this.state = { request: message.state.request, layout: message.state.layout };
          this.render(false);
        } else if (sameRequest(message.state.request, this.state.request) && message.state.layout === this.state.layout) {
          // Only the viewport; a report about an older view must not undo a newer request.
          this.state = { ...this.state, viewport: message.state.viewport };
        }
        return;
      case 'open':
        return this.openDoc(message.entityId);
      case 'openConfig':
        return this.openConfig(message.entityId);
      case 'focus': {
        const entity = this.requireEntity(message.entityId);
        this.show({ ...keepFilter(this.state.request), focus: entity.ref, depth: message.depth, direction: message.direction });
        return;
      }
      case 'reaches': {
        const entity = this.requireEntity(message.entityId);
        this.show({ ...keepFilter(this.state.request), reaches: entity.ref });
        return;
      }
      case 'copyRef': {
        const entity = this.requireEntity(message.entityId);
        await vscode.env.clipboard.writeText(entity.ref);
        vscode.window.setStatusBarMessage(`Copied ${entity.ref}`, 3000);
        return;
      }
      case 'export':
        return this.saveExport(message.format, message.data);
    }
  }

  private recordRender(report: RenderReport): void {
    this.renderCount++;
    this.lastRender = {
      ...report,
      count: this.renderCount,
      view: {
        title: this.view.title,
        ...(this.view.notice ? { notice: this.view.notice } : {}),
        nodes: this.view.nodes.map((node) => ({ id: node.id, ref: node.ref, label: node.label, ...(node.status ? { status: node.status } : {}) })),
        ...(this.view.clusters ? { clusters: this.view.clusters.map((cluster) => ({ id: cluster.id, label: cluster.label, nodeIds: cluster.nodeIds, ...(cluster.ref ? { ref: cluster.ref } : {}) })) } : {}),
      },
    };
    if (report.error) this.log.warn(`Diagram: render failed: ${report.error}`);
    else this.log.debug(`Diagram: drew ${report.nodes} nodes and ${report.edges} edges in ${report.ms} ms.`);
    for (const resolve of this.renderWaiters.splice(0)) resolve();
  }

  private requireEntity(entityId: string): Entity {
    const entity = this.resolve(entityId);
    if (!entity) throw new Error(`${entityId} is no longer in the catalog.`);
    return entity;
  }

  private async openDoc(entityId: string): Promise<void> {
    const entity = this.requireEntity(entityId);
    if (entity.docFile !== undefined) {
      await this.openAt(entity.docFile, entity.docLine ?? 0);
      return;
    }
    const declared = entity.sources[0];
    if (declared) {
      await this.openAt(declared.file, declared.line);
      void vscode.window.showInformationMessage(`${entity.ref} has no doc; opened where it is declared.`);
      return;
    }
    void vscode.window.showInformationMessage(`${entity.ref} has no doc and is only referenced, never declared.`);
  }

  private async openConfig(entityId: string): Promise<void> {
    const entity = this.requireEntity(entityId);
    const configs = entity.configFiles;
    if (configs.length === 0) {
      void vscode.window.showInformationMessage(`No cache config declares ${entity.ref}.`);
      return;
    }
    let file = configs[0];
    if (configs.length > 1) {
      const picked = await vscode.window.showQuickPick(
        configs.map((candidate) => ({ label: vscode.workspace.asRelativePath(catalogUriOf(this.source, candidate)), file: candidate })),
        { placeHolder: `Cache configs that declare ${entity.ref}` },
      );
      if (!picked) return;
      file = picked.file;
    }
    const line = entity.sources.find((source) => source.file === file)?.line ?? 0;
    await this.openAt(file, line);
  }

  private async openAt(file: string, line: number): Promise<void> {
    const position = new vscode.Position(line, 0);
    await vscode.window.showTextDocument(catalogUriOf(this.source, file), {
      viewColumn: vscode.ViewColumn.One,
      selection: new vscode.Range(position, position),
      preserveFocus: false,
    });
  }

  private async saveExport(format: 'svg' | 'png', data: string): Promise<void> {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const name = `${slug(this.view.title) || 'dependency-diagram'}.${format}`;
    const target = await vscode.window.showSaveDialog({
      ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, name) } : {}),
      filters: format === 'svg' ? { 'SVG image': ['svg'] } : { 'PNG image': ['png'] },
      saveLabel: `Export ${format.toUpperCase()}`,
      title: 'Export dependency diagram',
    });
    if (!target) return;
    const bytes = format === 'svg' ? Buffer.from(data, 'utf8') : Buffer.from(data.slice(data.indexOf(',') + 1), 'base64');
    await vscode.workspace.fs.writeFile(target, bytes);
    vscode.window.setStatusBarMessage(`Diagram exported to ${vscode.workspace.asRelativePath(target)}`, 4000);
  }

  dispose(): void {
    clearTimeout(this.updateTimer);
    for (const disposable of this.disposables.splice(0)) disposable.dispose();
    for (const resolve of this.renderWaiters.splice(0)) resolve();
    this.onDispose();
  }
}

export function configuredLayout(): DiagramLayout {
  return vscode.workspace.getConfiguration('cacheWarden.diagram').get<string>('layout') === 'elk' ? 'elk' : 'dagre';
}

/** The request a fresh diagram opens on: the file's entity's neighbourhood, or everything when small. */
export function initialRequest(source: DiagramCatalogSource, uri: vscode.Uri | undefined): ViewRequest {
  const entity = uri ? source.catalog.entityOfFile(catalogFileOf(source, uri)) : undefined;
  if (entity) return { focus: entity.ref, depth: 2, direction: 'both' };
  // Without an entity to start from: everything (a large catalog comes back collapsed by system,
  // with a notice saying so).
  return {};
}

function keepFilter(request: ViewRequest): ViewRequest {
  return request.filter ? { filter: request.filter } : {};
}

function sameRequest(a: ViewRequest, b: ViewRequest): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
}
