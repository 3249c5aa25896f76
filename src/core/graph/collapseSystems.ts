// Collapses each system into one node (Structurizr's implied relationships): an edge between two
// members of different systems becomes one edge between the systems. The system that holds the
// focus stays open, so the focus is always visible.
import type { CatalogGraph, Entity, NodeStatus, Relation, ViewEdge, ViewNode } from './graphModel';
import { nodeId } from './viewIds';

export interface Selection {
  refs: string[];
  edges: Relation[];
}

export interface Collapsed {
  nodes: ViewNode[];
  edges: ViewEdge[];
  /** Rank of each node by its ref (a collapsed system takes its closest member's rank). */
  rank: Map<string, number>;
  systems: string[];
}

export function collapseBySystem(
  graph: CatalogGraph,
  selection: Selection,
  rank: Map<string, number>,
  keep: string | undefined,
  statusByRef: Map<string, NodeStatus> | undefined,
  makeNode: (e: Entity) => ViewNode,
  makeEdge: (r: Relation) => ViewEdge,
): Collapsed {
  const openSystem = keep ? systemKey(graph.entities.get(keep)) : undefined;
  const members = new Map<string, string[]>();
  for (const ref of selection.refs) {
    const key = systemKey(graph.entities.get(ref));
    if (!key || key === openSystem || ref === keep) continue;
    (members.get(key) ?? members.set(key, []).get(key)!).push(ref);
  }
  const groupOf = new Map<string, string>();
  const systems: string[] = [];
  for (const [key, refs] of [...members].sort((a, b) => cmp(a[0], b[0]))) {
    if (refs.length < 2) continue;
    systems.push(key);
    for (const ref of refs) groupOf.set(ref, `system:${key}`);
  }

  const nodes: ViewNode[] = [];
  const outRank = new Map<string, number>();
  const groups = new Map<string, { node: ViewNode; status: NodeStatus }>();
  for (const ref of selection.refs) {
    const group = groupOf.get(ref);
    const r = rank.get(ref) ?? 0;
    if (!group) {
      if (groups.has(ref)) continue; // a system entity whose members collapsed into it
      nodes.push(makeNode(graph.entities.get(ref)!));
      outRank.set(ref, r);
      continue;
    }
    let g = groups.get(group);
    if (!g) {
      const systemEntity = graph.entities.get(group);
      const name = group.slice('system:'.length);
      const node: ViewNode = { id: nodeId(group), ref: group, label: systemEntity?.title ?? name, kind: 'system', system: name, memberCount: 0 };
      if (systemEntity?.owner) node.owner = systemEntity.owner;
      g = { node, status: { errors: 0, warnings: 0, rules: [] } };
      groups.set(group, g);
      // A system entity drawn on its own would duplicate the collapsed node.
      const index = nodes.findIndex((n) => n.ref === group);
      if (index >= 0) nodes.splice(index, 1);
      nodes.push(node);
    }
    g.node.memberCount = (g.node.memberCount ?? 0) + 1;
    outRank.set(group, Math.min(outRank.get(group) ?? Infinity, r));
    const s = statusByRef?.get(ref);
    if (s) {
      g.status.errors += s.errors;
      g.status.warnings += s.warnings;
      for (const rule of s.rules) if (!g.status.rules.includes(rule)) g.status.rules.push(rule);
    }
  }
  for (const g of groups.values()) {
    if (g.status.errors || g.status.warnings) g.node.status = { ...g.status, rules: [...g.status.rules].sort() };
  }
  nodes.sort((a, b) => cmp(a.ref, b.ref));

  const edges = new Map<string, ViewEdge>();
  for (const r of selection.edges) {
    const from = groupOf.get(r.from) ?? r.from;
    const to = groupOf.get(r.to) ?? r.to;
    if (from === to) continue;
    const edge = makeEdge(r);
    const collapsed = from !== r.from || to !== r.to;
    const key = `${from}\u0000${to}`;
    const existing = edges.get(key);
    if (!existing) {
      const e: ViewEdge = { ...edge, from: nodeId(from), to: nodeId(to) };
      if (collapsed) delete e.label;
      edges.set(key, e);
      continue;
    }
    if (existing.type !== edge.type) {
      existing.type = 'implied';
      delete existing.label;
    }
    if (edge.highlight === 'bypass' || (edge.highlight === 'path' && !existing.highlight)) existing.highlight = edge.highlight;
  }
  return { nodes, edges: [...edges.values()], rank: outRank, systems };
}

function systemKey(e: Entity | undefined): string | undefined {
  if (!e) return undefined;
  // The system's ref path (`name`, or `namespace/name`): what members' `system` values hold.
  if (e.kind === 'system') return e.ref.slice(e.ref.indexOf(':') + 1);
  return e.system?.toLowerCase();
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
