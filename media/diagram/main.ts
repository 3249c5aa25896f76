// The dependency diagram webview: renders the view the extension sends with the bundled mermaid
// (securityLevel 'strict', explicit limits), themes it from VS Code's colours, and turns clicks,
// the context menu and the toolbar into typed messages. The extension owns the catalog and
// resolves every entity id; this script never sees a path.
import mermaid from 'mermaid';
import type { LayoutLoaderDefinition } from 'mermaid';
import {
  isDiagramState,
  parseExtensionMessage,
  type DiagramLayout,
  type DiagramState,
  type FocusDirection,
  type FromWebviewMessage,
  type RenderMessage,
} from '../../src/core/graph/webviewProtocol';
import type { ViewRequest } from '../../src/core/graph/graphModel';
import { NodeMenu } from './contextMenu';
import { decorate, type DrawnDiagram } from './decorate';
import { keepEdgeLabelsClear } from './edgeLabels';
import { exportPng, exportSvg } from './exportImage';
import { mermaidThemeVariables, readPalette, watchTheme, type DiagramPalette } from './theme';
import { Toolbar } from './toolbar';
import { NodeTooltip } from './nodeTooltip';
import { DrillNav, drillRequestOf, focusSearch } from './drillDown';
import { SideListPanel } from './sideList';
import { PanZoom, type ViewportMode } from './viewport';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const script = document.currentScript as HTMLScriptElement | null;
const scriptNonce = script?.nonce ?? '';
const elkScriptSrc = script?.dataset.elkSrc;
/** Test hooks (simulateClick) exist only when the extension runs its integration tests. */
const testHooks = script?.dataset.testHooks === 'true';

function post(message: FromWebviewMessage): void {
  vscode.postMessage(message);
}

// ---- ELK: a separate bundle, loaded the first time a view asks for it ----
let elkLayouts: Promise<LayoutLoaderDefinition[]> | undefined;
function loadElk(): Promise<LayoutLoaderDefinition[]> {
  elkLayouts ??= new Promise((resolve, reject) => {
    if (!elkScriptSrc) return reject(new Error('The ELK layout bundle is not available.'));
    const tag = document.createElement('script');
    tag.nonce = scriptNonce;
    tag.src = elkScriptSrc;
    tag.onload = () => {
      const layouts = (globalThis as { cacheWardenElkLayouts?: LayoutLoaderDefinition[] }).cacheWardenElkLayouts;
      if (layouts) resolve(layouts);
      else reject(new Error('The ELK layout bundle did not register itself.'));
    };
    tag.onerror = () => reject(new Error('The ELK layout bundle could not be loaded.'));
    document.head.append(tag);
  });
  return elkLayouts;
}
mermaid.registerLayoutLoaders([
  {
    name: 'elk',
    algorithm: 'elk.layered',
    loader: async () => {
      const elk = (await loadElk()).find((layout) => layout.name === 'elk');
      if (!elk) throw new Error('The ELK layout bundle has no "elk" layout.');
      return elk.loader();
    },
  },
]);

// ---- DOM ----
const toolbar = new Toolbar({
  search: (entityId) => onSearch(entityId),
  requestChanged: (request, layout) => requestView(request, layout),
  wholeGraph: () => requestView(current ? { ...(current.request.filter ? { filter: current.request.filter } : {}) } : {}, layoutNow()),
  fit: () => fitToWindow(),
  moreToggled: () => menu.close(),
  zoomIn: () => panZoom.zoomIn(),
  zoomOut: () => panZoom.zoomOut(),
  exportImage: (format) => void exportImage(format),
});
const notice = Object.assign(document.createElement('div'), { className: 'cw-notice', hidden: true });
notice.setAttribute('role', 'status');
const canvas = Object.assign(document.createElement('div'), { className: 'cw-canvas', tabIndex: 0 });
canvas.setAttribute('aria-label', 'Dependency diagram');
const stage = Object.assign(document.createElement('div'), { className: 'cw-stage' });
const message = Object.assign(document.createElement('div'), { className: 'cw-message', hidden: true });
// Says how to see the rest when a view opens at a readable scale that does not show all of it.
// An overlay on the canvas, so showing it never changes the size the view was fitted to.
const hint = Object.assign(document.createElement('div'), { className: 'cw-hint', hidden: true });
hint.setAttribute('role', 'status');
const hintText = Object.assign(document.createElement('span'), {
  textContent: 'Part of the diagram is shown, at a readable size. Drag or use the arrow keys to see the rest, scroll to zoom, or',
});
const hintFit = Object.assign(document.createElement('button'), { type: 'button', textContent: 'fit it all', title: 'Fit the whole diagram to the window (smaller text)' });
hintFit.addEventListener('click', () => fitToWindow());
hint.append(hintText, ' ', hintFit);
const statusLine = Object.assign(document.createElement('div'), { className: 'cw-statusline' });
canvas.append(stage, hint);
// Beside the canvas, for a "what reaches" view: the caches in front of its target (sideList.ts).
const sideList = new SideListPanel({
  openFinding: (ref, index) => post({ type: 'openFinding', entityId: ref, index }),
  openConfig: (ref) => post({ type: 'openConfig', entityId: ref }),
  openDoc: (ref) => post({ type: 'open', entityId: ref }),
  openRunbook: (ref) => post({ type: 'openRunbook', entityId: ref }),
});
const tooltip = new NodeTooltip(canvas);
const mainRow = Object.assign(document.createElement('div'), { className: 'cw-main' });
mainRow.append(canvas, sideList.root);
// The overview's breadcrumb and back button (drillDown.ts).
const drillNav = new DrillNav({ go: (request) => requestView(request, layoutNow()), search: () => focusSearch() });
document.body.append(toolbar.root, drillNav.root, notice, mainRow, message, statusLine, tooltip.root);
const menu = new NodeMenu(document.body, {
  open: (entityId) => post({ type: 'open', entityId }),
  focus: (entityId, depth, direction) => post({ type: 'focus', entityId, depth, direction }),
  reaches: (entityId) => post({ type: 'reaches', entityId }),
  openConfig: (entityId) => post({ type: 'openConfig', entityId }),
  copyRef: (entityId) => post({ type: 'copyRef', entityId }),
  drill: (entityId) => {
    const drill = drillRequestOf(current?.view, entityId);
    if (drill) requestView(drill, layoutNow());
  },
});

// ---- state ----
const restored: DiagramState | undefined = isDiagramState(vscode.getState()) ? (vscode.getState() as DiagramState) : undefined;
let current: RenderMessage | undefined;
let drawn:
  | {
      svg: SVGSVGElement;
      diagram: DrawnDiagram;
      palette: DiagramPalette;
      /** The node a view opens on when it cannot all be shown readably, and its centre in SVG pixels. */
      anchor?: { id: string; point: { x: number; y: number } };
      minScale: number;
    }
  | undefined;

function layoutNow(): DiagramLayout {
  return current?.layout ?? restored?.layout ?? 'dagre';
}

let saveTimer: ReturnType<typeof setTimeout> | undefined;
function saveState(): void {
  if (!current) return;
  // Only a viewport the user chose is kept: a view that was fitted for this window fits again.
  const state: DiagramState = { request: current.request, layout: current.layout, ...(panZoom.mode === 'user' ? { viewport: panZoom.current } : {}) };
  vscode.setState(state);
  clearTimeout(saveTimer);
  // The extension keeps a copy too, for the serializer and for re-renders it starts itself.
  saveTimer = setTimeout(() => post({ type: 'state', state, rerender: false }), 250);
}

const panZoom = new PanZoom(canvas, stage, (_viewport, mode) => onViewportChange(mode));

function onViewportChange(mode: ViewportMode): void {
  if (mode !== 'auto') hint.hidden = true;
  document.body.dataset.viewportMode = mode;
  saveState();
}

/** Labels are never drawn smaller than this on screen when a view opens (CSS pixels). */
const READABLE_LABEL_PX = 11;

/** The smallest scale at which every node and edge label is at least READABLE_LABEL_PX tall. */
function readableScale(svg: SVGSVGElement): number {
  let smallest = Infinity;
  for (const label of svg.querySelectorAll<HTMLElement>('g.node .nodeLabel, g.edgeLabel .edgeLabel, g.cluster-label .nodeLabel')) {
    if (!(label.textContent ?? '').trim()) continue;
    const size = parseFloat(getComputedStyle(label).fontSize);
    if (size > 0) smallest = Math.min(smallest, size);
  }
  if (!Number.isFinite(smallest)) smallest = 14;
  // A hair over, so the measured size is not 10.99 after rounding.
  return (READABLE_LABEL_PX + 0.05) / smallest;
}

/** Fits the drawn view, or shows its anchor at a readable scale, and says so when part is hidden. */
function autoFit(notify: boolean): void {
  if (!drawn) return;
  const result = panZoom.autoFit(naturalSize(drawn.svg), drawn.anchor?.point, drawn.minScale, notify);
  hint.hidden = result.whole;
  document.body.dataset.viewportMode = panZoom.mode;
}

// The panel was resized: a fitted view fits again; a zoom or pan of the user's own stays.
let resizeFrame = 0;
new ResizeObserver(() => {
  cancelAnimationFrame(resizeFrame);
  resizeFrame = requestAnimationFrame(() => {
    if (!drawn || panZoom.mode === 'user') return;
    if (panZoom.mode === 'fit') fitToWindow(false);
    else autoFit(true);
  });
}).observe(canvas);

function requestView(request: ViewRequest, layout: DiagramLayout): void {
  menu.close();
  post({ type: 'state', state: { request, layout }, rerender: true });
}

// ---- rendering ----
let renderCount = 0;
let queued: { message: RenderMessage; keepViewport: boolean } | undefined;
let rendering = false;

function schedule(next: RenderMessage, keepViewport: boolean): void {
  queued = { message: next, keepViewport };
  if (!rendering) void pump();
}

async function pump(): Promise<void> {
  rendering = true;
  while (queued) {
    const job = queued;
    queued = undefined;
    await draw(job.message, job.keepViewport);
  }
  rendering = false;
}

function errorText(error: unknown): string {
  // mermaid rejects with plain objects ({ str, message, hash }) as well as Errors.
  if (error instanceof Error) return error.message;
  if (typeof error === 'object' && error !== null) {
    const { message: text, str } = error as { message?: unknown; str?: unknown };
    if (typeof text === 'string') return text;
    if (typeof str === 'string') return str;
  }
  return String(error);
}

function showMessage(text: string, kind: 'error' | 'info'): void {
  message.textContent = text;
  message.className = `cw-message cw-message-${kind}`;
  message.hidden = false;
}

function showNotice(view: RenderMessage['view']): void {
  const parts: string[] = [];
  if (view.notice) parts.push(view.notice);
  notice.textContent = parts.join(' ');
  notice.hidden = parts.length === 0;
}

function naturalSize(svg: SVGSVGElement): { width: number; height: number } {
  const box = svg.viewBox.baseVal;
  return box && box.width > 0 ? { width: box.width, height: box.height } : { width: svg.clientWidth, height: svg.clientHeight };
}

function fitToWindow(notify = true): void {
  if (!drawn) return;
  panZoom.fit(naturalSize(drawn.svg), notify);
  hint.hidden = true;
}

async function draw(next: RenderMessage, keepViewport: boolean): Promise<void> {
  const started = performance.now();
  const palette = readPalette();
  document.body.classList.toggle('cw-dark', palette.dark);
  mermaid.initialize({
    startOnLoad: false,
    securityLevel: 'strict',
    suppressErrorRendering: true,
    maxEdges: next.limits.maxEdges,
    maxTextSize: next.limits.maxTextSize,
    theme: 'base',
    themeVariables: mermaidThemeVariables(palette),
    fontFamily: palette.fontFamily,
    layout: next.layout,
    // HTML labels: mermaid writes label entity codes (`#60;`) as HTML entities, which only HTML
    // text decodes; the label element is still text-only after mermaid's DOMPurify pass.
    htmlLabels: true,
    flowchart: { useMaxWidth: false, padding: 12, nodeSpacing: 40, rankSpacing: 60 },
  });
  current = next;
  toolbar.update(next.request, next.layout, next.facets);
  showNotice(next.view);
  drillNav.update(next.view);
  sideList.update(next.sideList);
  tooltip.setView(next.view.nodes, next.details);
  statusLine.textContent = next.view.title;
  const report = (nodes: number, edges: number, error?: string) => {
    const ms = Math.round(performance.now() - started);
    post({ type: 'rendered', nodes, edges, ms, ...(error !== undefined ? { error } : {}), ...(next.renderId !== undefined ? { renderId: next.renderId } : {}) });
    document.body.dataset.renderedNodes = String(nodes);
    document.body.dataset.renderedEdges = String(edges);
    document.body.dataset.renderMs = String(ms);
    document.body.dataset.renderError = error ?? '';
    document.body.dataset.renderCount = String(++renderCount);
    return ms;
  };

  if (next.view.nodes.length === 0) {
    stage.replaceChildren();
    drawn = undefined;
    showMessage(next.view.notice ?? 'Nothing to show: no entity matches this view.', 'info');
    report(0, 0);
    saveState();
    return;
  }
  // mermaid silently swaps an oversized source for a "Maximum text size" box; say so instead.
  if (next.source.length > next.limits.maxTextSize) {
    const error = `This view's diagram is ${next.source.length} characters, over the limit of ${next.limits.maxTextSize}. Narrow it down with a focus or a filter.`;
    stage.replaceChildren();
    drawn = undefined;
    showMessage(error, 'error');
    report(0, 0, error);
    return;
  }
  try {
    const svgId = `cw-diagram-${renderCount + 1}`;
    const { svg } = await mermaid.render(svgId, next.source);
    // mermaid's output is DOMPurify-sanitized in strict mode and the CSP forbids inline script.
    stage.innerHTML = svg;
    const element = stage.querySelector('svg');
    if (!element) throw new Error('mermaid returned no SVG.');
    const size = naturalSize(element);
    element.style.removeProperty('max-width');
    element.setAttribute('width', String(size.width));
    element.setAttribute('height', String(size.height));
    const diagram = decorate(element, svgId, next.view, palette);
    tooltip.attach(diagram.nodes);
    keepEdgeLabelsClear(element, svgId);
    const anchor = anchorOf(next, diagram);
    for (const old of element.querySelectorAll('[data-cw-anchor]')) old.removeAttribute('data-cw-anchor');
    anchor?.element.setAttribute('data-cw-anchor', 'true');
    const minScale = readableScale(element);
    drawn = { svg: element, diagram, palette, minScale, ...(anchor ? { anchor: { id: anchor.id, point: inFrontCentre(next, diagram, minScale) ?? centreOf(anchor.element) } } : {}) };
    message.hidden = true;
    if (next.viewport) {
      panZoom.set(next.viewport, false);
      hint.hidden = true;
    } else if (keepViewport && panZoom.mode === 'user') panZoom.set(panZoom.current, false);
    else if (keepViewport && panZoom.mode === 'fit') fitToWindow(false);
    else autoFit(false);
    document.body.dataset.viewportMode = panZoom.mode;
    const ms = report(diagram.nodes.size, diagram.edges.length);
    statusLine.textContent = `${next.view.title} · ${diagram.nodes.size} nodes · ${diagram.edges.length} edges · ${ms} ms`;
    saveState();
  } catch (error) {
    const text = errorText(error);
    stage.replaceChildren();
    drawn = undefined;
    showMessage(`The diagram could not be drawn: ${text}`, 'error');
    report(0, 0, text);
  }
}

/**
 * The node a view is about: its focus, or the "what reaches" target; in a view without one, the
 * node with the most edges (the hub the rest hangs off).
 */
function anchorOf(view: RenderMessage, diagram: DrawnDiagram): { id: string; element: SVGGElement } | undefined {
  const nodes = view.view.nodes.filter((node) => diagram.nodes.has(node.id));
  let node = nodes.find((candidate) => candidate.role === 'focus') ?? (view.request.reaches ? nodes.find((candidate) => candidate.ref === view.request.reaches) : undefined);
  if (!node) {
    const degree = new Map<string, number>();
    for (const edge of view.view.edges) for (const id of [edge.from, edge.to]) degree.set(id, (degree.get(id) ?? 0) + 1);
    node = nodes.reduce<(typeof nodes)[number] | undefined>((best, candidate) => (!best || (degree.get(candidate.id) ?? 0) > (degree.get(best.id) ?? 0) ? candidate : best), undefined);
  }
  const element = node ? diagram.nodes.get(node.id) : undefined;
  return node && element ? { id: node.id, element } : undefined;
}

/**
 * A "what reaches" view that cannot all be shown readably opens on its target and the caches in
 * front of it (the side list's entries, worst first): as many of them as fit together at a
 * readable scale, else on the target alone.
 */
function inFrontCentre(view: RenderMessage, diagram: DrawnDiagram, minScale: number): { x: number; y: number } | undefined {
  if (!view.request.reaches || !view.sideList?.entries.length) return undefined;
  const boxOf = (ref: string) => {
    const node = view.view.nodes.find((candidate) => candidate.ref === ref);
    return node ? diagram.nodes.get(node.id)?.getBoundingClientRect() : undefined;
  };
  const target = boxOf(view.request.reaches);
  if (!target) return undefined;
  const scale = panZoom.current.scale;
  // Their extent at the readable scale, with room to spare, must fit the canvas.
  const fits = (b: { left: number; right: number; top: number; bottom: number }) =>
    ((b.right - b.left) / scale) * minScale <= canvas.clientWidth - 48 && ((b.bottom - b.top) / scale) * minScale <= canvas.clientHeight - 48;
  let frame = { left: target.left, right: target.right, top: target.top, bottom: target.bottom };
  let added = 0;
  for (const entry of view.sideList.entries) {
    const box = boxOf(entry.ref);
    if (!box) continue;
    const grown = { left: Math.min(frame.left, box.left), right: Math.max(frame.right, box.right), top: Math.min(frame.top, box.top), bottom: Math.max(frame.bottom, box.bottom) };
    if (!fits(grown)) break;
    frame = grown;
    added++;
  }
  if (!added) return undefined;
  const stageBox = stage.getBoundingClientRect();
  return { x: ((frame.left + frame.right) / 2 - stageBox.left) / scale, y: ((frame.top + frame.bottom) / 2 - stageBox.top) / scale };
}

function centreOf(element: Element): { x: number; y: number } {
  const stageBox = stage.getBoundingClientRect();
  const box = element.getBoundingClientRect();
  const scale = panZoom.current.scale;
  return { x: (box.left + box.width / 2 - stageBox.left) / scale, y: (box.top + box.height / 2 - stageBox.top) / scale };
}

// ---- interaction ----
function nodeAt(target: EventTarget | null): SVGGElement | undefined {
  return (target instanceof Element ? target.closest<SVGGElement>('g.node[data-entity-id], g.cw-cluster-title[data-entity-id]') : null) ?? undefined;
}

/** A click (or Enter) on a node: an overview node opens its system's or domain's view, any other its doc. */
function activate(node: SVGGElement): void {
  const entityId = node.getAttribute('data-entity-id')!;
  const drill = drillRequestOf(current?.view, entityId);
  if (drill) requestView(drill, layoutNow());
  else post({ type: 'open', entityId });
}

canvas.addEventListener('click', (event) => {
  const node = nodeAt(event.target);
  if (!node || panZoom.wasDragging()) return;
  activate(node);
});
canvas.addEventListener('contextmenu', (event) => {
  const node = nodeAt(event.target);
  if (!node) return;
  event.preventDefault();
  openMenu(node, { x: event.clientX, y: event.clientY });
});
canvas.addEventListener('keydown', (event) => {
  const node = nodeAt(event.target);
  if (!node) return;
  if (event.key === 'Enter' || event.key === ' ') {
    event.preventDefault();
    activate(node);
  } else if (event.key === 'ContextMenu' || (event.shiftKey && event.key === 'F10')) {
    event.preventDefault();
    const box = node.getBoundingClientRect();
    openMenu(node, { x: box.left + box.width / 2, y: box.bottom });
  }
});

function openMenu(node: SVGGElement, at: { x: number; y: number }): void {
  const id = node.getAttribute('data-entity-id')!;
  const label = current?.view.nodes.find((candidate) => candidate.id === id)?.label ?? current?.view.clusters?.find((candidate) => candidate.id === id)?.label ?? id;
  const viewNode = current?.view.nodes.find((candidate) => candidate.id === id);
  menu.show(id, label, at, toolbar.focusDepth, {
    datastore: viewNode?.role === 'datastore',
    ...(viewNode?.drill ? { drill: { ...(viewNode.entityCount !== undefined ? { entities: viewNode.entityCount } : {}) } } : {}),
    ...(viewNode?.grouping ? { grouping: true } : {}),
  });
}

function onSearch(entityId: string): void {
  // The search lists catalog refs; if that entity is on screen, bring it into view, else focus it.
  const node = current?.view.nodes.find((candidate) => candidate.ref === entityId || candidate.id === entityId);
  const element = node ? drawn?.diagram.nodes.get(node.id) : undefined;
  if (element) {
    panZoom.centreOn(centreOf(element));
    element.classList.add('cw-flash');
    setTimeout(() => element.classList.remove('cw-flash'), 1600);
    element.focus({ preventScroll: true });
    return;
  }
  const direction: FocusDirection = toolbar.focusDirection;
  post({ type: 'focus', entityId, depth: toolbar.focusDepth, direction });
}

async function exportImage(format: 'svg' | 'png'): Promise<void> {
  if (!drawn) return;
  try {
    const data = format === 'svg' ? exportSvg(drawn.svg, drawn.palette.background) : await exportPng(drawn.svg, drawn.palette.background);
    post({ type: 'export', format, data });
  } catch (error) {
    showMessage(`Export failed: ${errorText(error)}`, 'error');
  }
}

window.addEventListener('message', (event: MessageEvent) => {
  const incoming = parseExtensionMessage(event.data);
  if (!incoming) return;
  if (incoming.type === 'render') {
    schedule(incoming, incoming.keepViewport);
  } else if (incoming.type === 'simulateClick' && testHooks) {
    // Test hook: a real DOM click on mermaid's node element, so the same listener runs.
    const element = drawn?.diagram.nodes.get(incoming.nodeId) ?? drawn?.diagram.clusterTitles.get(incoming.nodeId) ?? sideList.elementFor(incoming.nodeId);
    element?.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, view: window }));
  }
});

watchTheme(() => {
  if (current) schedule(current, true);
});

post({ type: 'ready', ...(restored ? { state: restored } : {}) });
