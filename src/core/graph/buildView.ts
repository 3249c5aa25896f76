// Turns the entity graph plus a request (focus, depth, direction, "what reaches", filters) into
// the small view model the webview and the CLI render. Views never exceed VIEW_LIMITS: the whole
// graph of a large catalog is its system/domain overview (systemOverview.ts), with a drill-down
// view per system and domain; a large neighbourhood is collapsed by system, and if that is still
// too big it is cut to the closest entities, and `notice` says so — mermaid never gets a graph it
// would silently refuse.
import { KINDS_NOT_IN_DEPENDENCY_VIEWS, OWNERSHIP_RELATIONS, type CatalogGraph, type Entity, type GraphView, type NodeStatus, type Relation, type ViewCluster, type ViewEdge, type ViewNode, type ViewRequest } from './graphModel';
import { backendsOf, isDatastore, neighbourhood, ownership, whatReaches, type ReachResult } from './queries';
import { nodeId } from './viewIds';
import { withUndrawnNotice } from './undrawnKinds';
import { collapseBySystem, type Selection } from './collapseSystems';
import { clusterBySystem, CLUSTER_MAX_NODES } from './systemClusters';
import { domainView, overviewView, systemView, type OverviewContext } from './systemOverview';

/** What one view may hold; far below MERMAID_LIMITS so the text always fits. */
export const VIEW_LIMITS = {
  maxNodes: 150,
  maxEdges: 400,
  /** The most a caller may ask for with `maxNodes`. */
  hardMaxNodes: 500,
  maxDepth: 3,
};

export const RELATION_LABELS: Readonly<Record<string, string | undefined>> = {
  usesCache: 'uses',
  backedBy: 'stored in',
  fronts: 'fronts',
  providesApi: 'provides',
  consumesApi: 'consumes',
  partOf: 'part of',
  ownedBy: 'owned by',
};

export interface BuildViewOptions {
  /** Draw small views' systems as boxes (default); off for callers that want every entity as a node. */
  systemBoxes?: boolean;
}

export function buildView(graph: CatalogGraph, request: ViewRequest, statusByRef?: Map<string, NodeStatus>, options: BuildViewOptions = {}): GraphView {
  // Views of the whole catalog also say which Backstage kinds they do not draw (undrawnKinds.ts).
  return withUndrawnNotice(graph, request, buildViewOf(graph, request, statusByRef, options));
}

function buildViewOf(graph: CatalogGraph, request: ViewRequest, statusByRef: Map<string, NodeStatus> | undefined, options: BuildViewOptions): GraphView {
  const maxNodes = Math.max(1, Math.min(request.maxNodes ?? VIEW_LIMITS.maxNodes, VIEW_LIMITS.hardMaxNodes));
  const maxEdges = Math.max(VIEW_LIMITS.maxEdges, Math.ceil(maxNodes * 2.5));
  const notices: string[] = [];
  let title: string;
  let rank = new Map<string, number>();
  let keep: string | undefined;
  let reach: ReachResult | undefined;
  // Dependency views never draw ownership: the owner is a node attribute (and a filter).
  let relationAllowed: (r: Relation) => boolean = (r) => !OWNERSHIP_RELATIONS.has(r.type);

  if (request.ownership) return ownershipView(graph, request, statusByRef, maxNodes);
  const overview = (): OverviewContext => ({
    graph,
    statusByRef,
    limits: { maxNodes, maxEdges, boxedNodes: CLUSTER_MAX_NODES },
    filter: request.filter,
    entityNode: (e) => entityNode(graph, e, statusByRef, undefined, false, undefined),
    relationEdge: (r) => viewEdge(r, undefined),
    relationLabel: (type) => RELATION_LABELS[type],
  });
  if (request.reaches === undefined && request.focus === undefined && (request.system !== undefined || request.domain !== undefined)) {
    // The overview's drill-down: one system's entities, or one domain's systems.
    const all = new Map<string, number>([...graph.entities.keys()].map((ref) => [ref, 0]));
    applyFilter(graph, all, request.filter, undefined);
    return request.system !== undefined ? systemView(overview(), all.keys(), request.system) : domainView(overview(), all.keys(), request.domain!);
  }
  if (request.reaches !== undefined) {
    const target = graph.entities.get(request.reaches);
    if (!target) return emptyView(`What reaches ${request.reaches}`, `${request.reaches} is not in the catalog.`);
    reach = whatReaches(graph, target.ref);
    keep = target.ref;
    title = `What reaches ${labelOf(target)}`;
    for (const n of reach.nodes) rank.set(n, n === target.ref ? 0 : 1);
    const backends = backendsOf(graph, reach.caches);
    for (const b of backends) if (!rank.has(b.to)) rank.set(b.to, 2);
    const allowed = new Set<Relation>([...reach.pathRelations, ...backends]);
    relationAllowed = (r) => allowed.has(r);
    if (reach.nodes.size === 1) notices.push(`Nothing in the catalog depends on ${labelOf(target)}.`);
  } else if (request.focus !== undefined) {
    const focus = graph.entities.get(request.focus);
    if (!focus) return emptyView(request.focus, `${request.focus} is not in the catalog.`);
    const depth = Math.max(1, Math.min(request.depth ?? 1, VIEW_LIMITS.maxDepth));
    const direction = request.direction ?? 'both';
    keep = focus.ref;
    rank = neighbourhood(graph, focus.ref, depth, direction);
    const towards = direction === 'up' ? 'upstream' : direction === 'down' ? 'downstream' : 'up- and downstream';
    title = `${labelOf(focus)}: ${towards}, depth ${depth}`;
    if (focus.kind === 'group') notices.push(`Ownership is not a dependency: the ownership view shows what ${labelOf(focus)} owns.`);
  } else {
    title = 'All entities';
    // Users and Location entities are people and catalog plumbing, not parts of the system.
    for (const [ref, e] of graph.entities) if (!KINDS_NOT_IN_DEPENDENCY_VIEWS.has(e.kind)) rank.set(ref, 0);
  }

  const total = rank.size;
  const filtered = applyFilter(graph, rank, request.filter, keep);
  if (filtered < total && filtered <= (keep ? 1 : 0)) notices.push('No entity matches the filter.');

  // The whole graph of a large catalog: its systems (or domains), never an arbitrary subset.
  if (!keep && !reach && rank.size > maxNodes) return overviewView(overview(), rank.keys());
  const selection: Selection = { refs: [...rank.keys()].sort(), edges: collectEdges(graph, rank, relationAllowed) };
  if (!keep && !reach && selection.edges.length > maxEdges) return overviewView(overview(), selection.refs);
  let view: { nodes: ViewNode[]; edges: ViewEdge[] } | undefined;
  let collapsedSystems: string[] | undefined;
  if (selection.refs.length > maxNodes || selection.edges.length > maxEdges) {
    const collapsed = collapseBySystem(graph, selection, rank, keep, statusByRef,
      (e) => entityNode(graph, e, statusByRef, keep, request.focus !== undefined, reach),
      (r) => viewEdge(r, reach));
    collapsedSystems = collapsed.systems;
    view = truncate(collapsed.nodes, collapsed.edges, collapsed.rank, maxNodes, maxEdges, keep);
    const systemsNote = collapsed.systems.length ? `collapsed by system (${collapsed.systems.length} systems)` : 'no systems to collapse';
    if (view.nodes.length < collapsed.nodes.length || view.edges.length < collapsed.edges.length) {
      notices.push(`Showing ${view.nodes.length} of ${collapsed.nodes.length} nodes (${rank.size} entities, ${systemsNote}): too many to draw. Focus on a node or filter by kind, system or owner to see the rest.`);
    } else {
      notices.push(`Showing ${view.nodes.length} nodes for ${rank.size} entities: ${systemsNote}. Focus on a node to see its entities.`);
    }
  }
  if (!view) {
    const nodes = selection.refs.map((ref) => entityNode(graph, graph.entities.get(ref)!, statusByRef, keep, request.focus !== undefined, reach));
    const edges = selection.edges.map((r) => viewEdge(r, reach));
    view = { nodes, edges };
  }
  let clusters: ViewCluster[] = [];
  if (options.systemBoxes !== false && !collapsedSystems && view.nodes.length <= CLUSTER_MAX_NODES) {
    const clustered = clusterBySystem(graph, view);
    view = { nodes: clustered.nodes, edges: clustered.edges };
    clusters = clustered.clusters;
  }
  return {
    nodes: view.nodes,
    edges: view.edges,
    ...(clusters.length ? { clusters } : {}),
    title,
    ...(notices.length ? { notice: notices.join(' ') } : {}),
    ...(collapsedSystems?.length ? { collapsedSystems } : {}),
  };
}

function emptyView(title: string, notice: string): GraphView {
  return { nodes: [], edges: [], title, notice };
}

export function labelOf(entity: Entity): string {
  return entity.title ?? entity.name;
}

/** Drops entities the filter excludes (the focus/target always stays); returns how many remain. */
function applyFilter(graph: CatalogGraph, rank: Map<string, number>, filter: ViewRequest['filter'], keep: string | undefined): number {
  if (!filter) return rank.size;
  const set = (list?: string[]): Set<string> | undefined => (list?.length ? new Set(list.map((s) => s.toLowerCase())) : undefined);
  const kinds = set(filter.kinds);
  const systems = set(filter.systems);
  const owners = set(filter.owners);
  for (const ref of [...rank.keys()]) {
    if (ref === keep) continue;
    const e = graph.entities.get(ref)!;
    const ok = (!kinds || kinds.has(e.kind)) && (!systems || systems.has((e.system ?? '').toLowerCase())) && (!owners || owners.has((e.owner ?? '').toLowerCase()));
    if (!ok) rank.delete(ref);
  }
  return rank.size;
}

/**
 * Groups (owners) and the entities they own, an `owned by` edge from each entity to its owner.
 * An owner nobody documents is drawn as a group node of its name. The filter applies to the owned
 * entities; no system boxes (the view is about teams, not systems).
 */
function ownershipView(graph: CatalogGraph, request: ViewRequest, statusByRef: Map<string, NodeStatus> | undefined, maxNodes: number): GraphView {
  const groups = ownership(graph, request.owner);
  const only = request.owner !== undefined ? groups[0] : undefined;
  const title = only ? `Owned by ${only.entity ? labelOf(only.entity) : only.name}` : request.owner !== undefined ? `Owned by ${request.owner}` : 'Ownership';
  if (groups.length === 0) return emptyView(title, request.owner !== undefined ? `Nothing in the catalog is owned by ${request.owner}.` : 'No entity has an owner and the catalog has no groups.');
  const rank = new Map<string, number>();
  const nodes = new Map<string, ViewNode>();
  const edges: ViewEdge[] = [];
  for (const g of groups) {
    rank.set(g.ref, 0);
    nodes.set(g.ref, g.entity ? entityNode(graph, g.entity, statusByRef, undefined, false, undefined) : { id: nodeId(g.ref), ref: g.ref, label: g.name, kind: 'group' });
  }
  const owned = new Map<string, number>(groups.flatMap((g) => g.owned.map((ref) => [ref, 1] as [string, number])));
  applyFilter(graph, owned, request.filter, undefined);
  for (const g of groups) {
    for (const ref of g.owned) {
      if (!owned.has(ref)) continue;
      if (!rank.has(ref)) rank.set(ref, 1);
      if (!nodes.has(ref)) nodes.set(ref, entityNode(graph, graph.entities.get(ref)!, statusByRef, undefined, false, undefined));
      edges.push({ from: nodeId(ref), to: nodeId(g.ref), type: 'ownedBy', label: RELATION_LABELS.ownedBy });
    }
  }
  const all = [...nodes.values()].sort((a, b) => cmp(a.ref, b.ref));
  edges.sort((a, b) => cmp(a.to, b.to) || cmp(a.from, b.from));
  const maxEdges = Math.max(VIEW_LIMITS.maxEdges, Math.ceil(maxNodes * 2.5));
  const view = truncate(all, edges, rank, maxNodes, maxEdges, only?.ref);
  const notices: string[] = [];
  if (view.nodes.length < all.length) notices.push(`Showing ${view.nodes.length} of ${all.length} nodes: too many to draw. Pick one owner or filter by kind or system to see the rest.`);
  if (request.filter && edges.length === 0 && groups.some((g) => g.owned.length)) notices.push('No entity matches the filter.');
  return { nodes: view.nodes, edges: view.edges, title, ...(notices.length ? { notice: notices.join(' ') } : {}) };
}

function collectEdges(graph: CatalogGraph, rank: Map<string, number>, allowed: (r: Relation) => boolean): Relation[] {
  const out: Relation[] = [];
  for (const ref of rank.keys()) {
    for (const r of graph.outgoing(ref)) if (!r.derived && rank.has(r.to) && allowed(r)) out.push(r);
  }
  return out.sort((a, b) => cmp(a.from, b.from) || cmp(a.type, b.type) || cmp(a.to, b.to));
}

export function entityNode(
  graph: CatalogGraph,
  e: Entity,
  statusByRef: Map<string, NodeStatus> | undefined,
  keep: string | undefined,
  isFocusView: boolean,
  reach: ReachResult | undefined,
): ViewNode {
  const node: ViewNode = { id: nodeId(e.ref), ref: e.ref, label: labelOf(e), kind: e.kind };
  if (e.type) node.type = e.type;
  if (e.system) node.system = e.system;
  if (e.owner) node.owner = e.owner;
  const status = statusByRef?.get(e.ref);
  if (status && (status.errors || status.warnings)) node.status = status;
  if (e.ref === keep && isFocusView) node.role = 'focus';
  else if (reach?.target === e.ref || (!reach && isDatastore(graph, e))) node.role = 'datastore';
  else if (reach?.caches.has(e.ref)) node.role = 'cache-on-path';
  else if (reach?.bypassing.has(e.ref)) node.role = 'bypass';
  return node;
}

function viewEdge(r: Relation, reach: ReachResult | undefined): ViewEdge {
  const edge: ViewEdge = { from: nodeId(r.from), to: nodeId(r.to), type: r.type };
  const label = RELATION_LABELS[r.type];
  if (label) edge.label = label;
  if (reach?.bypassRelations.has(r)) edge.highlight = 'bypass';
  else if (reach?.pathRelations.has(r)) edge.highlight = 'path';
  return edge;
}

/** Keeps the closest nodes (by rank, then most connected) and the edges among them. */
function truncate(nodes: ViewNode[], edges: ViewEdge[], rank: Map<string, number>, maxNodes: number, maxEdges: number, keep: string | undefined): { nodes: ViewNode[]; edges: ViewEdge[] } {
  const degree = new Map<string, number>();
  for (const e of edges) {
    degree.set(e.from, (degree.get(e.from) ?? 0) + 1);
    degree.set(e.to, (degree.get(e.to) ?? 0) + 1);
  }
  const ordered = [...nodes].sort((a, b) =>
    Number(b.ref === keep) - Number(a.ref === keep) || (rank.get(a.ref) ?? 0) - (rank.get(b.ref) ?? 0) || (degree.get(b.id) ?? 0) - (degree.get(a.id) ?? 0) || cmp(a.ref, b.ref));
  const kept = new Set(ordered.slice(0, maxNodes).map((n) => n.id));
  return {
    nodes: nodes.filter((n) => kept.has(n.id)),
    edges: edges.filter((e) => kept.has(e.from) && kept.has(e.to)).slice(0, maxEdges),
  };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
