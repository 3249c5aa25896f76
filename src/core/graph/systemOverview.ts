// The overview of a catalog too large to draw entity by entity (1,000 to 20,000 entities): one node
// per system — grouped in boxes by domain when systems name one — carrying how many entities it
// holds and their problems, and one edge per pair of systems that depend on each other, labelled
// with how many relations it stands for. Entities without a system are one "(no system)" node (per
// domain, when they name one), never dropped. A click drills down: into a system (its entities,
// their dependencies, and the systems outside they connect to as collapsed nodes) or, when there are
// too many systems to draw, into a domain (its systems). Every view says what it shows in its
// title and breadcrumb; nothing is cut without a notice saying so.
import { DEPENDENCY_RELATIONS, type CatalogGraph, type Entity, type GraphView, type NodeStatus, type Relation, type ViewCluster, type ViewEdge, type ViewNode, type ViewRequest } from './graphModel';
import { followsInNeighbourhood } from './queries';
import { clusterId } from './systemClusters';
import { nodeId } from './viewIds';

/** What the overview aggregates: how requests flow (no ownership, no membership). */
export const OVERVIEW_RELATIONS: ReadonlySet<string> = new Set([...DEPENDENCY_RELATIONS, 'providesApi']);

/** The ref of the node for entities without a system (`(no system):<domain ref>` within a domain). */
export const NO_SYSTEM = '(no system)';
/** The ref of the node for systems without a domain, when the overview is drawn by domain. */
export const NO_DOMAIN = '(no domain)';

/** Kinds a system holds; the rest (groups, users, domains, locations) are not system members. */
const MEMBER_KINDS: ReadonlySet<string> = new Set(['component', 'resource', 'api', 'cache', 'system']);
/** Kinds drawn elsewhere: owners in the ownership view, domains as the overview's boxes. */
const OWNER_KINDS: ReadonlySet<string> = new Set(['group', 'user']);

/** How many suggestions a system too large to draw offers (its most connected entities). */
const HUB_SUGGESTIONS = 5;

/**
 * Links per node an overview draws at most: past that a system or domain graph is a hairball
 * (and dagre lays each labelled edge out as a node of its own). The heaviest are kept and the
 * notice says how many lighter ones are left out; a system's own view shows all of its links.
 */
export const OVERVIEW_EDGES_PER_NODE = 4;

export interface OverviewLimits {
  maxNodes: number;
  maxEdges: number;
  /** Views up to this many nodes draw boxes (domains in the overview, the system in its view). */
  boxedNodes: number;
}

/** What the overview needs from buildView: its node and edge makers and its limits. */
export interface OverviewContext {
  graph: CatalogGraph;
  statusByRef: Map<string, NodeStatus> | undefined;
  limits: OverviewLimits;
  /** The request's filter, kept on every link the views offer. */
  filter: ViewRequest['filter'];
  entityNode(e: Entity): ViewNode;
  relationEdge(r: Relation): ViewEdge;
  relationLabel(type: string): string | undefined;
}

interface DomainInfo {
  key: string;
  label: string;
  /** The domain entity, when the catalog has one (its box title opens its doc). */
  ref?: string;
}

/** A system, or the entities without one (in one domain, or overall): one overview node. */
interface Group {
  key: string;
  label: string;
  isSystem: boolean;
  /** The system entity, when the catalog has one. */
  systemRef?: string;
  domain?: DomainInfo;
  /** Entities in it (the system entity itself not counted), sorted. */
  members: string[];
  status: NodeStatus;
}

interface Partition {
  groups: Map<string, Group>;
  /** Entity ref → its group's key (members and system entities). */
  groupOf: Map<string, string>;
  /** Selected entities of kinds no system holds, by kind. */
  notDrawn: Map<string, number>;
  entities: number;
}

interface AggregatedEdge {
  from: string;
  to: string;
  count: number;
  types: Set<string>;
}

// ---- partition ----

function domainInfo(graph: CatalogGraph, e: Entity): DomainInfo | undefined {
  for (const r of graph.outgoing(e.ref)) {
    if (r.derived || r.type !== 'partOf') continue;
    const target = graph.entities.get(r.to);
    if (target && (target.kind as string) === 'domain') return { key: target.ref, label: target.title ?? target.name, ref: target.ref };
  }
  // A domain named but not declared: a label (the catalog may keep it as an attribute).
  const written = (e as Entity & { domain?: unknown }).domain;
  if (typeof written !== 'string' || !written.trim()) return undefined;
  const name = written.trim().replace(/^domain:/i, '');
  const key = `domain:${name.toLowerCase()}`;
  const declared = graph.entities.get(key);
  return declared ? { key, label: declared.title ?? declared.name, ref: declared.ref } : { key, label: name };
}

/** The system an entity belongs to: its resolved `partOf` a system, else its `system` attribute. */
function systemOf(graph: CatalogGraph, e: Entity): { key: string; label: string; ref?: string } | undefined {
  if (e.kind === 'system') return { key: e.ref, label: e.title ?? e.name, ref: e.ref };
  for (const r of graph.outgoing(e.ref)) {
    if (r.derived || r.type !== 'partOf') continue;
    const target = graph.entities.get(r.to);
    if (target?.kind === 'system') return { key: target.ref, label: target.title ?? target.name, ref: target.ref };
  }
  const written = e.system?.trim();
  if (!written) return undefined;
  const name = written.replace(/^system:/i, '');
  const key = `system:${name.toLowerCase()}`;
  const declared = graph.entities.get(key);
  return declared ? { key, label: declared.title ?? declared.name, ref: declared.ref } : { key, label: name };
}

function emptyStatus(): NodeStatus {
  return { errors: 0, warnings: 0, rules: [] };
}

function addStatus(into: NodeStatus, add: NodeStatus | undefined): void {
  if (!add) return;
  into.errors += add.errors;
  into.warnings += add.warnings;
  for (const rule of add.rules) if (!into.rules.includes(rule)) into.rules.push(rule);
}

function partition(ctx: OverviewContext, refs: Iterable<string>): Partition {
  const { graph, statusByRef } = ctx;
  const groups = new Map<string, Group>();
  const groupOf = new Map<string, string>();
  const notDrawn = new Map<string, number>();
  let entities = 0;
  const domainOfSystem = new Map<string, DomainInfo | undefined>();
  for (const ref of refs) {
    entities++;
    const e = graph.entities.get(ref);
    if (!e) continue;
    if (!MEMBER_KINDS.has(e.kind)) {
      notDrawn.set(e.kind, (notDrawn.get(e.kind) ?? 0) + 1);
      continue;
    }
    const system = systemOf(graph, e);
    let key: string;
    let group: Group | undefined;
    if (system) {
      key = system.key;
      group = groups.get(key);
      if (!group) {
        if (!domainOfSystem.has(key)) {
          const systemEntity = system.ref ? graph.entities.get(system.ref) : undefined;
          domainOfSystem.set(key, systemEntity ? domainInfo(graph, systemEntity) : undefined);
        }
        const domain = domainOfSystem.get(key);
        group = { key, label: system.label, isSystem: true, members: [], status: emptyStatus(), ...(system.ref ? { systemRef: system.ref } : {}), ...(domain ? { domain } : {}) };
        groups.set(key, group);
      }
    } else {
      const domain = domainInfo(graph, e);
      key = domain ? `${NO_SYSTEM}:${domain.key}` : NO_SYSTEM;
      group = groups.get(key);
      if (!group) {
        group = { key, label: NO_SYSTEM, isSystem: false, members: [], status: emptyStatus(), ...(domain ? { domain } : {}) };
        groups.set(key, group);
      }
    }
    groupOf.set(ref, key);
    if (ref !== group.systemRef) group.members.push(ref);
    addStatus(group.status, statusByRef?.get(ref));
  }
  for (const group of groups.values()) {
    group.members.sort();
    group.status.rules.sort();
  }
  return { groups, groupOf, notDrawn, entities };
}

/** Dependencies between groups (`keyOf` maps a group to what is drawn: itself, or its domain). */
function aggregate(ctx: OverviewContext, part: Partition, keyOf: (group: string) => string | undefined): Map<string, AggregatedEdge> {
  const edges = new Map<string, AggregatedEdge>();
  for (const [ref, group] of part.groupOf) {
    const from = keyOf(group);
    if (from === undefined) continue;
    for (const r of ctx.graph.outgoing(ref)) {
      if (r.derived || !OVERVIEW_RELATIONS.has(r.type)) continue;
      const targetGroup = part.groupOf.get(r.to);
      if (targetGroup === undefined) continue;
      const to = keyOf(targetGroup);
      if (to === undefined || to === from) continue;
      const key = `${from}\u0000${to}`;
      let edge = edges.get(key);
      if (!edge) edges.set(key, (edge = { from, to, count: 0, types: new Set() }));
      edge.count++;
      edge.types.add(r.type);
    }
  }
  return edges;
}

/** Group-level edges re-aggregated onto what is drawn instead (domains), without another scan. */
function regroup(edges: Iterable<AggregatedEdge>, keyOf: (group: string) => string | undefined): AggregatedEdge[] {
  const out = new Map<string, AggregatedEdge>();
  for (const e of edges) {
    const from = keyOf(e.from);
    const to = keyOf(e.to);
    if (from === undefined || to === undefined || from === to) continue;
    const key = `${from}\u0000${to}`;
    let edge = out.get(key);
    if (!edge) out.set(key, (edge = { from, to, count: 0, types: new Set() }));
    edge.count += e.count;
    for (const type of e.types) edge.types.add(type);
  }
  return [...out.values()];
}

function countEdge(edge: AggregatedEdge): ViewEdge {
  return { from: nodeId(edge.from), to: nodeId(edge.to), type: edge.types.size === 1 ? [...edge.types][0] : 'implied', label: String(edge.count), count: edge.count };
}

// ---- text ----

/** 1234 → "1,234" (no locale: the same text everywhere). */
export function formatCount(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}

function entities(n: number): string {
  return plural(n, 'entity', 'entities');
}

// ---- nodes ----

function finalStatus(status: NodeStatus): NodeStatus | undefined {
  return status.errors || status.warnings ? { ...status, rules: [...status.rules].sort() } : undefined;
}

function withFilter(ctx: OverviewContext, request: ViewRequest): ViewRequest {
  return ctx.filter ? { ...request, filter: ctx.filter } : request;
}

function groupNode(ctx: OverviewContext, group: Group, options: { drill: boolean; label?: string; status?: NodeStatus; count?: number } = { drill: true }): ViewNode {
  const count = options.count ?? group.members.length;
  const node: ViewNode = { id: nodeId(group.key), ref: group.key, label: options.label ?? `${group.label} · ${entities(count)}`, kind: 'system', entityCount: count };
  if (group.isSystem) node.system = group.label;
  const owner = group.systemRef ? ctx.graph.entities.get(group.systemRef)?.owner : undefined;
  if (owner) node.owner = owner;
  const status = finalStatus(options.status ?? group.status);
  if (status) node.status = status;
  if (options.drill) node.drill = withFilter(ctx, { system: group.key });
  if (!group.systemRef) node.grouping = true;
  return node;
}

interface DomainSummary {
  info: DomainInfo;
  groups: Group[];
  systems: number;
  entities: number;
  status: NodeStatus;
}

function domainSummaries(part: Partition): Map<string, DomainSummary> {
  const out = new Map<string, DomainSummary>();
  for (const group of part.groups.values()) {
    const info = group.domain ?? { key: NO_DOMAIN, label: NO_DOMAIN };
    let summary = out.get(info.key);
    if (!summary) out.set(info.key, (summary = { info, groups: [], systems: 0, entities: 0, status: emptyStatus() }));
    summary.groups.push(group);
    if (group.isSystem) summary.systems++;
    summary.entities += group.members.length;
    addStatus(summary.status, group.status);
  }
  return out;
}

function domainNode(ctx: OverviewContext, summary: DomainSummary, drill: boolean): ViewNode {
  const node: ViewNode = {
    id: nodeId(summary.info.key),
    ref: summary.info.key,
    label: `${summary.info.label}${summary.systems ? ` · ${plural(summary.systems, 'system')}` : ''} · ${entities(summary.entities)}`,
    kind: 'system',
    entityCount: summary.entities,
  };
  const owner = summary.info.ref ? ctx.graph.entities.get(summary.info.ref)?.owner : undefined;
  if (owner) node.owner = owner;
  const status = finalStatus(summary.status);
  if (status) node.status = status;
  if (drill) node.drill = withFilter(ctx, { domain: summary.info.key });
  if (!summary.info.ref) node.grouping = true;
  return node;
}

function domainCluster(summary: DomainSummary, nodeIds: string[]): ViewCluster {
  return { id: clusterId(summary.info.key), label: summary.info.label, nodeIds, ...(summary.info.ref ? { ref: summary.info.ref } : {}) };
}

/** The biggest first (then by key), for the rare view that still has to be cut. */
function bySize<T>(list: T[], size: (item: T) => number, key: (item: T) => string): T[] {
  return [...list].sort((a, b) => size(b) - size(a) || cmp(key(a), key(b)));
}

/** Keeps the heaviest edges when there are more than the view may draw. */
function heaviest(edges: AggregatedEdge[], max: number): AggregatedEdge[] {
  if (edges.length <= max) return edges;
  return [...edges].sort((a, b) => b.count - a.count || cmp(a.from, b.from) || cmp(a.to, b.to)).slice(0, max);
}

/** How many links an overview of `nodes` nodes draws. */
function edgeBudget(ctx: OverviewContext, nodes: number): number {
  return Math.min(ctx.limits.maxEdges, OVERVIEW_EDGES_PER_NODE * nodes);
}

/** Says which links were left out (never silently): how many, and how light they are. */
function leftOutNote(shown: AggregatedEdge[], all: AggregatedEdge[], between: string): string | undefined {
  if (shown.length >= all.length) return undefined;
  const kept = new Set(shown);
  const counts = all.filter((e) => !kept.has(e)).map((e) => e.count);
  const low = Math.min(...counts);
  const high = Math.max(...counts);
  return `Showing the ${shown.length} heaviest of ${all.length} links between ${between}, so the picture stays readable; the other ${counts.length} stand for ${low === high ? plural(low, 'dependency', 'dependencies') : `${low}–${high} dependencies`} each (a system's view shows all its links).`;
}

function sortEdges(edges: ViewEdge[]): ViewEdge[] {
  return edges.sort((a, b) => cmp(a.from, b.from) || cmp(a.to, b.to));
}

function notDrawnNote(part: Partition): string | undefined {
  const parts: string[] = [];
  let owners = false;
  for (const [kind, n] of [...part.notDrawn].sort((a, b) => cmp(a[0], b[0]))) {
    if (kind === 'domain') continue; // drawn as the boxes (or nodes) of the overview
    parts.push(plural(n, kind));
    if (OWNER_KINDS.has(kind)) owners = true;
  }
  // Kinds the catalog does not model (Template, …) are named by buildView's own notice (undrawnKinds.ts).
  if (!parts.length) return undefined;
  return `Not in any system, so not drawn here: ${parts.join(', ')}${owners ? ' (the ownership view shows owners)' : ''}.`;
}

function overviewCrumb(ctx: OverviewContext): { label: string; request: ViewRequest } {
  return { label: 'Overview', request: withFilter(ctx, {}) };
}

// ---- what a view can drill into ----

/** A system node of the overview (or the entities in no system) that a system's view opens. */
export interface SystemTarget {
  /** The `system` of the request that opens its view (`system:payments`, `(no system)`). */
  key: string;
  label: string;
  /** The domain node it is drawn in, when its system names one. */
  domain?: string;
  /** Its entities (the system entity itself included when the catalog declares it), sorted. */
  refs: string[];
}

/** A domain of the overview that a domain's view opens, with its systems' keys. */
export interface DomainTarget {
  key: string;
  label: string;
  systems: string[];
}

/**
 * What the overview's drill-down views open, for callers that ask for one by name (the CLI's
 * `graph --system` and `--domain`): every system node and every domain, as the views group them.
 */
export function drillDownTargets(graph: CatalogGraph): { systems: SystemTarget[]; domains: DomainTarget[] } {
  const part = partition({ graph, statusByRef: undefined } as OverviewContext, graph.entities.keys());
  const systems = [...part.groups.values()].map((g): SystemTarget => ({
    key: g.key,
    label: g.label,
    ...(g.domain ? { domain: g.domain.key } : {}),
    refs: g.systemRef ? [...g.members, g.systemRef].sort() : g.members,
  })).sort((a, b) => cmp(a.key, b.key));
  const domains = [...domainSummaries(part).values()].map((s): DomainTarget => ({ key: s.info.key, label: s.info.label, systems: s.groups.map((g) => g.key).sort() }))
    .sort((a, b) => cmp(a.key, b.key));
  return { systems, domains };
}

// ---- the overview ----

/**
 * The whole selection as systems (or, when there are too many systems to draw, as domains).
 * `refs` are the selected entities (after filters).
 */
export function overviewView(ctx: OverviewContext, refs: Iterable<string>): GraphView {
  const part = partition(ctx, refs);
  const { maxNodes, boxedNodes } = ctx.limits;
  const groups = [...part.groups.values()];
  const summaries = domainSummaries(part);
  const domains = [...summaries.values()].filter((s) => s.info.key !== NO_DOMAIN);
  const systems = groups.filter((g) => g.isSystem).length;
  const title = `${plural(systems, 'system')}${domains.length ? ` in ${plural(domains.length, 'domain')}` : ''} · ${entities(part.entities)}`;
  const notices: string[] = [];
  const groupEdges = [...aggregate(ctx, part, (g) => g).values()];

  // Systems in domains are drawn in boxes, which dagre lays out readably up to `boxedNodes` nodes.
  const systemLevelFits = groups.length <= (domains.length ? boxedNodes : maxNodes);
  if (!systemLevelFits && domains.length) {
    // Too many systems for one readable picture: one node per domain.
    const keyOf = (g: string) => part.groups.get(g)!.domain?.key ?? NO_DOMAIN;
    let shown = [...summaries.values()];
    const cut = shown.length > maxNodes;
    if (cut) shown = bySize(shown, (s) => s.entities, (s) => s.info.key).slice(0, maxNodes);
    const kept = new Set(shown.map((s) => s.info.key));
    const all = regroup(groupEdges, keyOf).filter((e) => kept.has(e.from) && kept.has(e.to));
    const edges = heaviest(all, edgeBudget(ctx, shown.length));
    notices.push(`${formatCount(systems)} systems are too many to draw at once, so each node is a domain, with its systems, entities and problems (✖ errors, ⚠ warnings); edge labels count the dependencies between domains. Click a domain to see its systems.`);
    if (cut) notices.push(`Showing the ${shown.length} largest of ${summaries.size} domains: search for an entity to see the rest.`);
    const left = leftOutNote(edges, all, 'domains');
    if (left) notices.push(left);
    const note = notDrawnNote(part);
    if (note) notices.push(note);
    return {
      nodes: shown.map((s) => domainNode(ctx, s, true)).sort((a, b) => cmp(a.ref, b.ref)),
      edges: sortEdges(edges.map(countEdge)),
      title,
      notice: notices.join(' '),
      breadcrumb: [{ label: title }],
    };
  }

  let shown = groups;
  const cut = shown.length > maxNodes;
  if (cut) shown = bySize(groups, (g) => g.members.length, (g) => g.key).slice(0, maxNodes);
  const kept = new Set(shown.map((g) => g.key));
  const all = groupEdges.filter((e) => kept.has(e.from) && kept.has(e.to));
  const edges = heaviest(all, edgeBudget(ctx, shown.length));
  const nodes = shown.map((g) => groupNode(ctx, g)).sort((a, b) => cmp(a.ref, b.ref));
  notices.push('Each node is a system, with how many entities it holds and their problems (✖ errors, ⚠ warnings); edge labels count the dependencies between systems. Click a system to see its entities.');
  if (cut) notices.push(`Showing the ${shown.length} largest of ${groups.length} systems: search for an entity, or filter by system, to see the rest.`);
  const left = leftOutNote(edges, all, 'systems');
  if (left) notices.push(left);
  const note = notDrawnNote(part);
  if (note) notices.push(note);
  const view: GraphView = { nodes, edges: sortEdges(edges.map(countEdge)), title, notice: notices.join(' '), breadcrumb: [{ label: title }] };
  if (domains.length && nodes.length <= boxedNodes) {
    const clusters: ViewCluster[] = [];
    for (const summary of [...domains].sort((a, b) => cmp(a.info.key, b.info.key))) {
      const ids = summary.groups.filter((g) => kept.has(g.key)).map((g) => nodeId(g.key)).sort();
      if (ids.length) clusters.push(domainCluster(summary, ids));
    }
    if (clusters.length) view.clusters = clusters;
  }
  return view;
}

// ---- a domain's view ----

export function domainView(ctx: OverviewContext, refs: Iterable<string>, domainKey: string): GraphView {
  const part = partition(ctx, refs);
  const summaries = domainSummaries(part);
  const wanted = summaries.get(domainKey) ?? [...summaries.values()].find((s) => s.info.label.toLowerCase() === domainKey.toLowerCase() || s.info.key === `domain:${domainKey.toLowerCase()}`);
  if (!wanted) {
    const label = ctx.graph.entities.get(domainKey)?.name ?? domainKey;
    return { nodes: [], edges: [], title: label, notice: ctx.filter ? `No entity of ${label} matches the filter.` : `${label} is not a domain with systems in the catalog.`, breadcrumb: [overviewCrumb(ctx), { label }] };
  }
  const { maxNodes, boxedNodes } = ctx.limits;
  const inside = new Set(wanted.groups.map((g) => g.key));
  const title = `${wanted.info.label}: ${plural(wanted.systems, 'system')} · ${entities(wanted.entities)}`;
  const notices: string[] = [];
  let shown = wanted.groups;
  const externalDomains = new Set<string>();
  const keyOf = (g: string): string => (inside.has(g) ? g : (part.groups.get(g)!.domain?.key ?? NO_DOMAIN));
  const all = regroup(aggregate(ctx, part, (g) => g).values(), keyOf).filter((e) => inside.has(e.from) || inside.has(e.to));
  for (const e of all) for (const end of [e.from, e.to]) if (!inside.has(end)) externalDomains.add(end);
  const room = Math.max(1, maxNodes - externalDomains.size);
  const cut = shown.length > room;
  if (cut) shown = bySize(shown, (g) => g.members.length, (g) => g.key).slice(0, room);
  const kept = new Set([...shown.map((g) => g.key), ...externalDomains]);
  const drawnEdges = all.filter((e) => kept.has(e.from) && kept.has(e.to));
  const edges = heaviest(drawnEdges, edgeBudget(ctx, shown.length + externalDomains.size));
  const nodes = [
    ...shown.map((g) => groupNode(ctx, g)),
    ...[...externalDomains].map((key) => domainNode(ctx, summaries.get(key)!, true)),
  ].sort((a, b) => cmp(a.ref, b.ref));
  notices.push(`The systems of ${wanted.info.label}, and the other domains they depend on or that depend on them; edge labels count the dependencies. Click a system to see its entities.`);
  if (cut) notices.push(`Showing the ${shown.length} largest of ${wanted.groups.length} systems: search for an entity to see the rest.`);
  const left = leftOutNote(edges, drawnEdges, 'these systems and domains');
  if (left) notices.push(left);
  const view: GraphView = {
    nodes,
    edges: sortEdges(edges.map(countEdge)),
    title,
    notice: notices.join(' '),
    breadcrumb: [overviewCrumb(ctx), { label: title }],
  };
  if (wanted.info.key !== NO_DOMAIN && nodes.length <= boxedNodes) view.clusters = [domainCluster(wanted, shown.map((g) => nodeId(g.key)).sort())];
  return view;
}

// ---- a system's view ----

export function systemView(ctx: OverviewContext, refs: Iterable<string>, systemKey: string): GraphView {
  const { graph } = ctx;
  const part = partition(ctx, refs);
  const group = part.groups.get(systemKey) ?? part.groups.get(`system:${systemKey.toLowerCase()}`);
  if (!group) {
    const label = graph.entities.get(systemKey)?.title ?? graph.entities.get(systemKey)?.name ?? systemKey;
    return { nodes: [], edges: [], title: label, notice: ctx.filter ? `No entity of ${label} matches the filter.` : `${label} is not a system in the catalog.`, breadcrumb: [overviewCrumb(ctx), { label }] };
  }
  const { maxNodes, maxEdges, boxedNodes } = ctx.limits;
  const title = `${group.label}: ${entities(group.members.length)}`;
  const breadcrumb: GraphView['breadcrumb'] = [overviewCrumb(ctx)];
  if (group.domain) breadcrumb.push({ label: group.domain.label, request: withFilter(ctx, { domain: group.domain.key }) });
  breadcrumb.push({ label: title });

  // Its entities and the relations among them; the system entity is the box, unless it has edges.
  const inside = new Set(group.members);
  if (group.systemRef) inside.add(group.systemRef);
  const internal: Relation[] = [];
  for (const ref of inside) {
    for (const r of graph.outgoing(ref)) if (!r.derived && inside.has(r.to) && followsInNeighbourhood(graph, r)) internal.push(r);
  }
  internal.sort((a, b) => cmp(a.from, b.from) || cmp(a.type, b.type) || cmp(a.to, b.to));
  // The entities outside it they connect to, collapsed into their system (or "(no system)"); if
  // those are too many to draw next to its entities, into their domain.
  let outside = externalLinks(ctx, part, group, inside, 'system');
  const withEdges = new Set<string>();
  for (const r of internal) withEdges.add(r.from).add(r.to);
  for (const l of outside.links) withEdges.add(l.from).add(l.to);
  const drawSystemEntity = group.systemRef !== undefined && withEdges.has(group.systemRef);
  const internalRefs = [...group.members, ...(drawSystemEntity ? [group.systemRef!] : [])].sort();
  const fits = () => internalRefs.length + outside.nodes.length <= maxNodes && internal.length + outside.links.length <= maxEdges;
  if (!fits() && internalRefs.length < maxNodes && internal.length < maxEdges) outside = externalLinks(ctx, part, group, inside, 'domain');
  if (!fits()) return tooLargeSystem(ctx, part, group, title, breadcrumb, internal.length);

  const nodes: ViewNode[] = [...internalRefs.map((ref) => ctx.entityNode(graph.entities.get(ref)!)), ...outside.nodes];
  nodes.sort((a, b) => cmp(a.ref, b.ref));
  const edges: ViewEdge[] = internal.map((r) => ctx.relationEdge(r));
  for (const l of [...outside.links].sort((a, b) => cmp(a.from, b.from) || cmp(a.to, b.to))) {
    const type = l.types.size === 1 ? [...l.types][0] : 'implied';
    const label = l.count === 1 ? ctx.relationLabel(type) : String(l.count);
    edges.push({ from: nodeId(l.from), to: nodeId(l.to), type, ...(label ? { label } : {}), count: l.count });
  }
  const view: GraphView = {
    nodes,
    edges,
    title,
    notice: outside.nodes.length === 0
      ? `The entities of ${group.label} and their dependencies; none connects to an entity outside it.`
      : outside.by === 'system'
        ? `The entities of ${group.label} and their dependencies; each system outside it they connect to is one node, with how many of its entities are linked. Click one to open that system.`
        : `The entities of ${group.label} and their dependencies; the entities outside it they connect to are too many systems to draw, so each is shown as its domain. Click one to open that domain.`,
    breadcrumb,
  };
  if (nodes.length <= boxedNodes) {
    const systemEntity = group.systemRef ? graph.entities.get(group.systemRef) : undefined;
    const cluster: ViewCluster = { id: clusterId(group.key), label: group.label, nodeIds: internalRefs.map((ref) => nodeId(ref)) };
    if (systemEntity) cluster.ref = systemEntity.ref;
    const own = group.systemRef && !drawSystemEntity ? ctx.statusByRef?.get(group.systemRef) : undefined;
    if (own && (own.errors || own.warnings)) cluster.status = own;
    if (cluster.nodeIds.length) view.clusters = [cluster];
  }
  return view;
}

/** Links between a system's entities and the groups (or domains) of the entities outside it they connect to. */
function externalLinks(ctx: OverviewContext, part: Partition, group: Group, inside: Set<string>, by: 'system' | 'domain'): { by: 'system' | 'domain'; nodes: ViewNode[]; links: AggregatedEdge[] } {
  const { graph } = ctx;
  const external = new Map<string, { groups: Set<Group>; linked: Set<string>; status: NodeStatus }>();
  const links = new Map<string, AggregatedEdge>();
  const reach = (memberRef: string, otherRef: string, type: string, outgoing: boolean) => {
    const otherGroup = part.groupOf.get(otherRef);
    if (otherGroup === undefined || otherGroup === group.key) return;
    const g = part.groups.get(otherGroup)!;
    const key = by === 'system' ? otherGroup : g.domain?.key ?? NO_DOMAIN;
    let ext = external.get(key);
    if (!ext) external.set(key, (ext = { groups: new Set(), linked: new Set(), status: emptyStatus() }));
    ext.groups.add(g);
    if (!ext.linked.has(otherRef)) {
      ext.linked.add(otherRef);
      addStatus(ext.status, ctx.statusByRef?.get(otherRef));
    }
    const [from, to] = outgoing ? [memberRef, key] : [key, memberRef];
    const linkKey = `${from}\u0000${to}`;
    let edge = links.get(linkKey);
    if (!edge) links.set(linkKey, (edge = { from, to, count: 0, types: new Set() }));
    edge.count++;
    edge.types.add(type);
  };
  for (const ref of inside) {
    for (const r of graph.outgoing(ref)) if (!r.derived && OVERVIEW_RELATIONS.has(r.type)) reach(ref, r.to, r.type, true);
    for (const r of graph.incoming(ref)) if (!r.derived && OVERVIEW_RELATIONS.has(r.type)) reach(ref, r.from, r.type, false);
  }
  const nodes: ViewNode[] = [];
  for (const [key, ext] of external) {
    const n = ext.linked.size;
    if (by === 'system') {
      const g = [...ext.groups][0];
      nodes.push(groupNode(ctx, g, { drill: true, label: `${g.label} · ${entities(n)} linked`, status: ext.status, count: n }));
      continue;
    }
    const domain = [...ext.groups][0].domain;
    const label = domain?.label ?? NO_DOMAIN;
    const node: ViewNode = { id: nodeId(key), ref: key, label: `${label} · ${entities(n)} linked in ${plural(ext.groups.size, 'system')}`, kind: 'system', entityCount: n };
    const status = finalStatus(ext.status);
    if (status) node.status = status;
    node.drill = withFilter(ctx, { domain: key });
    if (!domain?.ref) node.grouping = true;
    nodes.push(node);
  }
  return { by, nodes, links: [...links.values()] };
}

/**
 * A system with more entities than a view can draw readably: the system as one node with the
 * systems it connects to, a notice saying why, and the neighbourhoods of its most connected
 * entities (and the search) offered instead of an arbitrary cut.
 */
function tooLargeSystem(ctx: OverviewContext, part: Partition, group: Group, title: string, breadcrumb: GraphView['breadcrumb'], internalRelations: number): GraphView {
  const { graph, limits } = ctx;
  const around = [...aggregate(ctx, part, (g) => g).values()].filter((e) => e.from === group.key || e.to === group.key);
  const neighbours = new Set<string>();
  for (const e of around) neighbours.add(e.from === group.key ? e.to : e.from);
  let shownNeighbours = [...neighbours].map((key) => part.groups.get(key)!);
  const cut = shownNeighbours.length > limits.maxNodes - 1;
  if (cut) shownNeighbours = bySize(shownNeighbours, (g) => g.members.length, (g) => g.key).slice(0, limits.maxNodes - 1);
  const kept = new Set([group.key, ...shownNeighbours.map((g) => g.key)]);
  const edges = around.filter((e) => kept.has(e.from) && kept.has(e.to));
  const self = groupNode(ctx, group, { drill: false });
  self.role = 'focus';
  const nodes = [self, ...shownNeighbours.map((g) => groupNode(ctx, g))].sort((a, b) => cmp(a.ref, b.ref));

  const degree = new Map<string, number>();
  for (const ref of group.members) {
    let d = 0;
    for (const r of graph.outgoing(ref)) if (!r.derived && OVERVIEW_RELATIONS.has(r.type)) d++;
    for (const r of graph.incoming(ref)) if (!r.derived && OVERVIEW_RELATIONS.has(r.type)) d++;
    degree.set(ref, d);
  }
  const hubs = [...group.members].sort((a, b) => (degree.get(b) ?? 0) - (degree.get(a) ?? 0) || cmp(a, b)).slice(0, HUB_SUGGESTIONS);
  const suggestions: NonNullable<GraphView['suggestions']> = hubs.map((ref) => {
    const e = graph.entities.get(ref)!;
    return { label: `${e.title ?? e.name} (${plural(degree.get(ref) ?? 0, 'link')})`, request: withFilter(ctx, { focus: ref, depth: 1, direction: 'both' }) };
  });
  suggestions.push({ label: `Search the entities of ${group.label}…`, search: true });
  const notices = [
    `${group.label} has ${entities(group.members.length)} and ${plural(internalRelations, 'relation')} among them: too many to draw one by one, so it is shown as one node with the systems it connects to (edge labels count the dependencies). Open the neighbourhood of one of its most connected entities, or search for one.`,
  ];
  if (cut) notices.push(`Showing the ${shownNeighbours.length} largest of ${neighbours.size} connected systems.`);
  return { nodes, edges: sortEdges(edges.map(countEdge)), title, notice: notices.join(' '), breadcrumb, suggestions };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
