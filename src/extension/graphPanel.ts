// The dependency diagram panel (one per window): asks the language server for the view (built
// from its workspace model, node status included), sends it to the webview, and acts on the
// webview's messages — opening docs and configs, refocusing, copying refs, saving exports. Entity
// ids from the webview are resolved against the view that was sent (or the server's catalog); the
// webview never names a file.
import * as vscode from 'vscode';
import type { GraphView, NodeStatus, ViewRequest } from '../core/graph/graphModel';
import {
  parseWebviewMessage,
  type DiagramLayout,
  type DiagramState,
  type FromWebviewMessage,
  type RenderReport,
  type ToWebviewMessage,
} from '../core/graph/webviewProtocol';
import type { EntityInfo } from '../server/protocol';
import type { SideList } from '../core/graph/inFrontProtocol';
import type { CachesInFrontResult, DiagramViewResult } from '../server/protocol';
import { sideListOf } from './sideListData';
import { besideColumn, openFinding, openRunbook } from './whatReaches';
import { diagramHtml } from './diagramHtml';
import { openAt } from './entityLocation';
import type { ServerCatalog } from './serverCatalog';

export const DIAGRAM_VIEW_TYPE = 'cacheWarden.diagram';
/** Live updates wait this long after the last change, well inside the 300 ms budget. */
const UPDATE_DEBOUNCE_MS = 80;

export interface RenderRecord extends RenderReport {
  /** How many renders this panel has reported (tests wait for it to grow). */
  count: number;
  view: {
    title: string;
    notice?: string;
    nodes: Array<{ id: string; ref: string; label: string; status?: NodeStatus }>;
    clusters?: Array<{ id: string; ref?: string; label: string; nodeIds: string[] }>;
  };
  /** The caches in front of a "what reaches" target, as the list beside the diagram showed them. */
  sideList?: SideList;
}

export class DiagramPanel implements vscode.Disposable {
  private state: DiagramState;
  private renderTicket = 0;
  /** Views sent and not yet reported drawn, by render id (the webview may skip superseded ones). */
  private readonly sentViews = new Map<number, GraphView>();
  private disposed = false;
  private view: GraphView = { nodes: [], edges: [], title: '' };
  private lastRender: RenderRecord | undefined;
  private renderCount = 0;
  private updateTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly renderWaiters: Array<() => void> = [];
  /** The caches in front of the current "what reaches" target (the side list's clicks resolve against it). */
  private inFront: CachesInFrontResult | undefined;
  private readonly sentSideLists = new Map<number, SideList>();
  /** Callers waiting for the caches in front of a datastore (What Reaches… opens the worst one's finding). */
  private inFrontWaiters: Array<{ ref: string; resolve: (result: CachesInFrontResult | undefined) => void }> = [];

  constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly extensionUri: vscode.Uri,
    private readonly source: ServerCatalog,
    private readonly log: vscode.LogOutputChannel,
    state: DiagramState,
    private readonly onDispose: () => void,
    private readonly testHooks = false,
  ) {
    this.state = state;
    DiagramPanel.configureWebview(panel, extensionUri);
    panel.webview.html = diagramHtml({
      cspSource: panel.webview.cspSource,
      scriptUri: panel.webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', 'diagram.js')).toString(),
      elkScriptUri: panel.webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', 'diagram-elk.js')).toString(),
      styleUri: panel.webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', 'diagram.css')).toString(),
      testHooks,
    });
    this.disposables.push(
      panel.webview.onDidReceiveMessage((raw) => void this.onMessage(raw)),
      panel.onDidDispose(() => this.dispose()),
      // The server says when the catalog or the problems behind node status changed.
      source.onDidChange(() => this.scheduleUpdate()),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('cacheWarden.diagram.layout')) {
          this.state = { ...this.state, layout: configuredLayout() };
          void this.render(false);
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
    void this.render(false);
  }

  /**
   * The caches in front of datastore `ref`, once a view of it has been built (now, if the panel
   * shows it); undefined when the panel closes first or none comes within `timeoutMs`.
   */
  inFrontOf(ref: string, timeoutMs: number): Promise<CachesInFrontResult | undefined> {
    if (this.inFront?.target.ref === ref) return Promise.resolve(this.inFront);
    if (this.disposed) return Promise.resolve(undefined);
    return new Promise((resolve) => {
      // Not a datastore (no list of caches in front comes), or a view that takes too long: give up.
      const timer = setTimeout(() => {
        this.inFrontWaiters = this.inFrontWaiters.filter((w) => w !== waiter);
        resolve(undefined);
      }, timeoutMs);
      const waiter = { ref, resolve: (result: CachesInFrontResult | undefined) => { clearTimeout(timer); resolve(result); } };
      this.inFrontWaiters.push(waiter);
    });
  }

  /** Resolves once the webview has reported a render after this call. */
  nextRender(): Promise<void> {
    return new Promise((resolve) => this.renderWaiters.push(resolve));
  }

  /** Test hook (test mode only): asks the webview to click a node's element (the same listener a user triggers). */
  simulateClick(idOrRef: string): boolean {
    if (!this.testHooks) return false;
    const node = this.view.nodes.find((candidate) => candidate.id === idOrRef || candidate.ref === idOrRef)
      ?? this.view.clusters?.find((candidate) => candidate.ref !== undefined && (candidate.id === idOrRef || candidate.ref === idOrRef));
    if (!node) return false;
    void this.post({ type: 'simulateClick', nodeId: node.id });
    return true;
  }

  /** Test hook (test mode only): asks the webview to click an entry of the list of caches in front. */
  simulateSideListClick(ref: string): boolean {
    if (!this.testHooks || !this.inFront?.caches.some((cache) => cache.ref === ref)) return false;
    void this.post({ type: 'simulateClick', nodeId: `sidelist:${ref}` });
    return true;
  }

  private scheduleUpdate(): void {
    clearTimeout(this.updateTimer);
    this.updateTimer = setTimeout(() => void this.render(true), UPDATE_DEBOUNCE_MS);
  }

  /** Asks the server for the view of the current state and sends it; `live` keeps the user's zoom and pan. */
  async render(live: boolean, restoreViewport = false): Promise<void> {
    clearTimeout(this.updateTimer);
    const ticket = ++this.renderTicket;
    const state = this.state;
    let result: DiagramViewResult;
    try {
      result = await this.source.view({ request: state.request, layout: state.layout });
    } catch (error) {
      // Shown in the panel instead of a blank diagram; the log has the details.
      const reason = error instanceof Error ? error.message : String(error);
      this.log.error(`Diagram: could not build the view: ${reason}`);
      result = { view: { nodes: [], edges: [], title: 'Dependency diagram', notice: `The diagram could not be built: ${reason}` }, source: '', facets: { kinds: [], systems: [], owners: [], entities: [] }, limits: { maxEdges: 0, maxTextSize: 0 } };
    }
    // A newer request (or a closed panel) makes this answer stale.
    if (ticket !== this.renderTicket || this.disposed) return;
    this.view = result.view;
    this.sentViews.set(ticket, result.view);
    this.inFront = result.inFront;
    if (this.inFront) {
      // Waiters name the datastore as it was asked for (`catalog-db`) or as resolved (`resource:catalog-db`).
      const answers = (waiter: { ref: string }) => waiter.ref === this.inFront!.target.ref || waiter.ref === state.request.reaches;
      const waiting = this.inFrontWaiters.filter(answers);
      this.inFrontWaiters = this.inFrontWaiters.filter((waiter) => !answers(waiter));
      for (const waiter of waiting) waiter.resolve(this.inFront);
    }
    const sideList = result.inFront ? sideListOf(result.inFront) : undefined;
    if (sideList) this.sentSideLists.set(ticket, sideList);
    for (const id of this.sentSideLists.keys()) if (this.sentSideLists.size > 8) this.sentSideLists.delete(id);
    // A hidden webview never reports; keep only the last few.
    for (const id of this.sentViews.keys()) if (this.sentViews.size > 8) this.sentViews.delete(id);
    this.panel.title = `Diagram: ${this.view.title}`;
    void this.post({
      type: 'render',
      view: this.view,
      source: result.source,
      layout: state.layout,
      request: state.request,
      facets: result.facets,
      limits: result.limits,
      keepViewport: live,
      renderId: ticket,
      ...(restoreViewport && this.state.viewport ? { viewport: this.state.viewport } : {}),
      ...(sideList ? { sideList } : {}),
      ...(result.details ? { details: result.details } : {}),
    });
  }

  private post(message: ToWebviewMessage): Thenable<boolean> {
    // A hidden webview cannot receive messages; it asks again with 'ready' when shown.
    return this.panel.webview.postMessage(message);
  }

  /** The entity a webview id names: a node or system box of the current view, else a catalog ref (search). */
  private async resolve(entityId: string): Promise<EntityInfo | undefined> {
    const node = this.view.nodes.find((candidate) => candidate.id === entityId) ?? this.view.clusters?.find((candidate) => candidate.id === entityId);
    return this.source.entity(node?.ref ?? entityId);
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
        await this.render(false, true);
        return;
      case 'rendered':
        this.recordRender(message);
        return;
      case 'state':
        if (message.rerender) {
          // The toolbar asked for another view (filters, depth, layout).
          this.state = { request: message.state.request, layout: message.state.layout };
          await this.render(false);
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
        const entity = await this.requireEntity(message.entityId);
        this.show({ ...keepFilter(this.state.request), focus: entity.ref, depth: message.depth, direction: message.direction });
        return;
      }
      case 'reaches': {
        const entity = await this.requireEntity(message.entityId);
        this.show({ ...keepFilter(this.state.request), reaches: entity.ref });
        return;
      }
      case 'copyRef': {
        const entity = await this.requireEntity(message.entityId);
        await vscode.env.clipboard.writeText(entity.ref);
        vscode.window.setStatusBarMessage(`Copied ${entity.ref}`, 3000);
        return;
      }
      case 'export':
        return this.saveExport(message.format, message.data);
      case 'openFinding':
        return openFinding(this.inFront, message.entityId, message.index, besideColumn(this.panel));
      case 'openRunbook':
        return openRunbook(await this.requireEntity(message.entityId), besideColumn(this.panel));
    }
  }

  private recordRender(report: RenderReport): void {
    // The view this report is about (an older one than the last sent, when a newer is on its way).
    const drawn = (report.renderId !== undefined ? this.sentViews.get(report.renderId) : undefined) ?? this.view;
    const sideList = report.renderId !== undefined ? this.sentSideLists.get(report.renderId) : undefined;
    if (report.renderId !== undefined) for (const id of [...this.sentSideLists.keys()]) if (id < report.renderId) this.sentSideLists.delete(id);
    if (report.renderId !== undefined) for (const id of [...this.sentViews.keys()]) if (id <= report.renderId) this.sentViews.delete(id);
    this.renderCount++;
    this.lastRender = {
      ...report,
      count: this.renderCount,
      view: {
        title: drawn.title,
        ...(drawn.notice ? { notice: drawn.notice } : {}),
        nodes: drawn.nodes.map((node) => ({ id: node.id, ref: node.ref, label: node.label, ...(node.status ? { status: node.status } : {}) })),
        ...(drawn.clusters ? { clusters: drawn.clusters.map((cluster) => ({ id: cluster.id, label: cluster.label, nodeIds: cluster.nodeIds, ...(cluster.ref ? { ref: cluster.ref } : {}) })) } : {}),
      },
      ...(sideList ? { sideList } : {}),
    };
    if (report.error) this.log.warn(`Diagram: render failed: ${report.error}`);
    else this.log.debug(`Diagram: drew ${report.nodes} nodes and ${report.edges} edges in ${report.ms} ms.`);
    for (const resolve of this.renderWaiters.splice(0)) resolve();
  }

  private async requireEntity(entityId: string): Promise<EntityInfo> {
    const entity = await this.resolve(entityId);
    if (entity) return entity;
    // An overview node that stands for entities, not one ("(no system)", a system nobody declares).
    const group = this.view.nodes.find((candidate) => candidate.id === entityId && candidate.drill);
    if (group) throw new Error(`${group.label} is a group of entities, not one entity: click it to open its view.`);
    throw new Error(`${entityId} is no longer in the catalog.`);
  }

  private async openDoc(entityId: string): Promise<void> {
    const entity = await this.requireEntity(entityId);
    // No doc, but a runbook (a cache config's `runbook:`): on-call's page is the next best thing.
    const doc = entity.doc ?? entity.runbook;
    if (doc) {
      const asPreview = vscode.workspace.getConfiguration('cacheWarden.diagram').get<string>('openDocsAs', 'source') === 'preview';
      if (asPreview && /\.(md|markdown)$/i.test(vscode.Uri.parse(doc.uri).path)) {
        await vscode.commands.executeCommand('markdown.showPreview', vscode.Uri.parse(doc.uri));
        return;
      }
      await openAt(doc, vscode.ViewColumn.One);
      return;
    }
    // No doc in the workspace, but a page about it (a Backstage `metadata.links` entry, its source location).
    const link = entity.links?.find((l) => /^https?:\/\//i.test(l.url));
    if (link) {
      await vscode.env.openExternal(vscode.Uri.parse(link.url));
      return;
    }
    const declared = entity.sources[0];
    if (declared) {
      await openAt(declared, vscode.ViewColumn.One);
      void vscode.window.showInformationMessage(`${entity.ref} has no doc; opened where it is declared.`);
      return;
    }
    void vscode.window.showInformationMessage(`${entity.ref} has no doc and is only referenced, never declared.`);
  }

  private async openConfig(entityId: string): Promise<void> {
    const entity = await this.requireEntity(entityId);
    const configs = entity.configs;
    if (configs.length === 0) {
      void vscode.window.showInformationMessage(`No cache config declares ${entity.ref}.`);
      return;
    }
    let target = configs[0];
    if (configs.length > 1) {
      const picked = await vscode.window.showQuickPick(
        configs.map((candidate) => ({ label: vscode.workspace.asRelativePath(vscode.Uri.parse(candidate.uri)), target: candidate })),
        { placeHolder: `Cache configs that declare ${entity.ref}` },
      );
      if (!picked) return;
      target = picked.target;
    }
    await openAt(target, vscode.ViewColumn.One);
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
    this.disposed = true;
    clearTimeout(this.updateTimer);
    for (const disposable of this.disposables.splice(0)) disposable.dispose();
    for (const resolve of this.renderWaiters.splice(0)) resolve();
    for (const waiter of this.inFrontWaiters.splice(0)) waiter.resolve(undefined);
    this.onDispose();
  }
}

export function configuredLayout(): DiagramLayout {
  return vscode.workspace.getConfiguration('cacheWarden.diagram').get<string>('layout') === 'elk' ? 'elk' : 'dagre';
}

/** The request a fresh diagram opens on: the file's entity's neighbourhood, or everything. */
export async function initialRequest(source: ServerCatalog, uri: vscode.Uri | undefined): Promise<ViewRequest> {
  const entity = uri ? await source.entityOfFile(uri) : undefined;
  if (entity) return { focus: entity.ref, depth: 2, direction: 'both' };
  // Without an entity to start from: everything (a large catalog comes back as its system/domain
  // overview; a click on a system opens its view, and the breadcrumb leads back).
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
