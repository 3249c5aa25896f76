// After mermaid has drawn the SVG: find each view node's element by mermaid's DOM id
// (`${svgId}-flowchart-${nodeId}-${n}`), colour it from the theme (kind, role, status), add the
// problem badge and the tooltip, and highlight "what reaches" paths. Everything added is built
// with DOM calls and textContent: nothing from docs is ever parsed as markup.
import type { GraphView, ViewEdge, ViewNode } from '../../src/core/graph/graphModel';
import type { DiagramPalette } from './theme';

const SVG_NS = 'http://www.w3.org/2000/svg';

export interface DrawnDiagram {
  /** View node id → its <g class="node"> element. */
  nodes: Map<string, SVGGElement>;
  /** Cluster id → the title of its system box (clickable when the system is in the catalog). */
  clusterTitles: Map<string, SVGGElement>;
  /** Edge elements found for the view's edges (paths). */
  edges: SVGPathElement[];
}

/** Maps mermaid's node elements back to view node ids. */
export function findNodeElements(svg: SVGSVGElement, svgId: string, view: GraphView): Map<string, SVGGElement> {
  const ids = new Set(view.nodes.map((node) => node.id));
  const prefix = `${svgId}-flowchart-`;
  const found = new Map<string, SVGGElement>();
  for (const element of svg.querySelectorAll<SVGGElement>('g.node[id]')) {
    const domId = element.id;
    if (!domId.startsWith(prefix)) continue;
    const nodeId = domId.slice(prefix.length).replace(/-\d+$/, '');
    if (ids.has(nodeId) && !found.has(nodeId)) found.set(nodeId, element);
  }
  return found;
}

/** The drawn edge paths, in the order mermaid drew them (the order of the source's links). */
export function findEdgeElements(svg: SVGSVGElement): SVGPathElement[] {
  return Array.from(svg.querySelectorAll<SVGPathElement>('g.edgePaths > path, path.flowchart-link')).filter(
    (path, index, all) => all.indexOf(path) === index,
  );
}

/** The path drawn for a view edge: mermaid ids links `L_<from>_<to>_<n>` (with the svg id in front). */
function edgeElementFor(edge: ViewEdge, paths: SVGPathElement[], used: Set<SVGPathElement>): SVGPathElement | undefined {
  const pattern = `L_${edge.from}_${edge.to}_`;
  return paths.find((path) => {
    if (used.has(path)) return false;
    const id = path.id;
    const at = id.lastIndexOf(pattern);
    return at >= 0 && /^\d+$/.test(id.slice(at + pattern.length));
  });
}

function shapeOf(element: SVGGElement): SVGGraphicsElement[] {
  // Rect for boxes, polygon/path for other shapes; skip the label's own elements.
  return Array.from(element.querySelectorAll<SVGGraphicsElement>(':scope > rect, :scope > polygon, :scope > path, :scope > circle, :scope > ellipse, :scope > g.basic > path, :scope > g > path.outer-path'));
}

function setImportant(element: SVGElement | HTMLElement, property: string, value: string): void {
  element.style.setProperty(property, value, 'important');
}

function tooltipText(node: ViewNode): string {
  const lines = [node.ref];
  if (node.type) lines.push(`type: ${node.type}`);
  if (node.system) lines.push(`system: ${node.system}`);
  if (node.owner) lines.push(`owner: ${node.owner}`);
  if (node.memberCount !== undefined) lines.push(`${node.memberCount} entities (collapsed system)`);
  const status = node.status;
  if (status && (status.errors > 0 || status.warnings > 0)) {
    const counts = [
      status.errors > 0 ? `${status.errors} error${status.errors === 1 ? '' : 's'}` : '',
      status.warnings > 0 ? `${status.warnings} warning${status.warnings === 1 ? '' : 's'}` : '',
    ].filter(Boolean);
    lines.push(`${counts.join(', ')} in cache config: ${status.rules.join(', ')}`);
  }
  lines.push('Click to open its doc · right-click for more');
  return lines.join('\n');
}

function styleNode(element: SVGGElement, node: ViewNode, palette: DiagramPalette): void {
  const errors = node.status?.errors ?? 0;
  const warnings = node.status?.warnings ?? 0;
  const kindColour = palette.kinds[node.kind] ?? palette.nodeBorder;
  let border = palette.highContrast ? palette.nodeBorder : kindColour;
  let fill = palette.nodeFill;
  let width = 1.5;
  let dash = '';
  if (node.role === 'focus') {
    border = palette.focus;
    fill = palette.focusFill;
    width = 3;
  } else if (node.role === 'cache-on-path') {
    border = palette.path;
    width = 2.5;
  } else if (node.role === 'bypass') {
    border = palette.bypass;
    width = 2.5;
    dash = '6 3';
  } else if (node.role === 'datastore') {
    width = 2.5;
  }
  if (errors > 0) {
    border = palette.error;
    fill = palette.errorFill;
    width = Math.max(width, 2.5);
  } else if (warnings > 0) {
    border = palette.warning;
    fill = palette.warningFill;
    width = Math.max(width, 2.5);
  }
  for (const shape of shapeOf(element)) {
    setImportant(shape, 'fill', fill);
    setImportant(shape, 'stroke', border);
    setImportant(shape, 'stroke-width', `${width}px`);
    if (dash) setImportant(shape, 'stroke-dasharray', dash);
  }
  for (const text of element.querySelectorAll<SVGElement | HTMLElement>('.label text, .label tspan, text.label')) {
    setImportant(text, 'fill', palette.foreground);
  }
  for (const text of element.querySelectorAll<HTMLElement>('.nodeLabel, .label foreignObject div')) {
    setImportant(text, 'color', palette.foreground);
  }
  element.classList.add('cw-node', `cw-kind-${node.kind}`);
  if (node.role) element.classList.add(`cw-role-${node.role}`);
  if (errors > 0) element.classList.add('cw-has-errors');
  else if (warnings > 0) element.classList.add('cw-has-warnings');
  element.setAttribute('data-entity-id', node.id);
  element.setAttribute('tabindex', '0');
  element.setAttribute('role', 'button');
  element.setAttribute('aria-label', `${node.label} (${node.kind})`);

  const title = document.createElementNS(SVG_NS, 'title');
  title.textContent = tooltipText(node);
  element.prepend(title);
}

function styleEdges(svg: SVGSVGElement, view: GraphView, paths: SVGPathElement[], palette: DiagramPalette): void {
  const used = new Set<SVGPathElement>();
  for (const path of paths) {
    setImportant(path, 'stroke', palette.line);
  }
  for (const edge of view.edges) {
    const path = edgeElementFor(edge, paths, used);
    if (!path) continue;
    used.add(path);
    if (edge.highlight === 'path') {
      setImportant(path, 'stroke', palette.path);
      setImportant(path, 'stroke-width', '3px');
    } else if (edge.highlight === 'bypass') {
      setImportant(path, 'stroke', palette.bypass);
      setImportant(path, 'stroke-width', '3px');
      setImportant(path, 'stroke-dasharray', '8 4');
    }
  }
  // Arrow heads take the line colour; highlighted edges keep theirs through the stroke above.
  for (const marker of svg.querySelectorAll<SVGElement>('marker path')) {
    setImportant(marker, 'fill', palette.line);
    setImportant(marker, 'stroke', palette.line);
  }
  for (const label of svg.querySelectorAll<SVGElement>('.edgeLabel text, .edgeLabel tspan')) {
    setImportant(label, 'fill', palette.muted);
  }
  for (const label of svg.querySelectorAll<HTMLElement>('.edgeLabel span, .edgeLabel p, .edgeLabel div')) {
    setImportant(label, 'color', palette.muted);
    setImportant(label, 'background-color', palette.background);
  }
  for (const rect of svg.querySelectorAll<SVGElement>('.edgeLabel rect, .labelBkg')) {
    setImportant(rect, 'fill', palette.background);
    setImportant(rect, 'background-color', palette.background);
  }
}

/** Mermaid draws a subgraph as <g class="cluster" id="…<cluster id>"> holding a rect and a g.cluster-label. */
export function findClusterTitles(svg: SVGSVGElement, view: GraphView): Map<string, SVGGElement> {
  const found = new Map<string, SVGGElement>();
  const clusters = view.clusters ?? [];
  for (const element of svg.querySelectorAll<SVGGElement>('g.cluster[id]')) {
    const cluster = clusters.find((candidate) => element.id === candidate.id || element.id.endsWith(`-${candidate.id}`));
    const title = element.querySelector<SVGGElement>(':scope > g.cluster-label');
    if (cluster && title && !found.has(cluster.id)) found.set(cluster.id, title);
  }
  return found;
}

/** A system box's title opens the system's doc, like a node: same attribute, same listeners. */
function linkClusterTitles(view: GraphView, titles: Map<string, SVGGElement>, palette: DiagramPalette): void {
  for (const cluster of view.clusters ?? []) {
    const title = titles.get(cluster.id);
    if (!title) continue;
    for (const text of title.querySelectorAll<HTMLElement>('.nodeLabel, span, p')) {
      setImportant(text, 'color', cluster.status?.errors ? palette.error : cluster.status?.warnings ? palette.warning : palette.foreground);
    }
    if (!cluster.ref) continue;
    title.classList.add('cw-cluster-title');
    title.setAttribute('data-entity-id', cluster.id);
    title.setAttribute('tabindex', '0');
    title.setAttribute('role', 'button');
    title.setAttribute('aria-label', `${cluster.label} (system)`);
    const tooltip = document.createElementNS(SVG_NS, 'title');
    tooltip.textContent = `${cluster.ref}\n${cluster.nodeIds.length} entities in this system\nClick to open its doc · right-click for more`;
    title.prepend(tooltip);
  }
}

function styleClusters(svg: SVGSVGElement, palette: DiagramPalette): void {
  for (const rect of svg.querySelectorAll<SVGElement>('g.cluster > rect')) {
    setImportant(rect, 'fill', palette.clusterFill);
    setImportant(rect, 'stroke', palette.clusterBorder);
  }
  for (const text of svg.querySelectorAll<SVGElement>('g.cluster text, g.cluster tspan, g.cluster-label text')) {
    setImportant(text, 'fill', palette.muted);
  }
  for (const text of svg.querySelectorAll<HTMLElement>('g.cluster .nodeLabel, g.cluster-label span')) {
    setImportant(text, 'color', palette.muted);
  }
}

/** Applies theme colours, status badges, tooltips and highlights; returns what was drawn. */
export function decorate(svg: SVGSVGElement, svgId: string, view: GraphView, palette: DiagramPalette): DrawnDiagram {
  const nodes = findNodeElements(svg, svgId, view);
  const byId = new Map(view.nodes.map((node) => [node.id, node]));
  for (const [id, element] of nodes) {
    const node = byId.get(id);
    if (node) styleNode(element, node, palette);
  }
  const edges = findEdgeElements(svg);
  styleEdges(svg, view, edges, palette);
  styleClusters(svg, palette);
  const clusterTitles = findClusterTitles(svg, view);
  linkClusterTitles(view, clusterTitles, palette);
  return { nodes, edges, clusterTitles };
}
