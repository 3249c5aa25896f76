// Groups a small view's entities into one box per system (mermaid subgraphs), so membership is
// shown by position instead of a "part of" edge from every entity to its system. The system's
// own node becomes the box title (it still opens the system's doc); it stays a node only when it
// has other edges in the view or is the view's focus. Large views collapse systems instead:
// dagre's cluster layout grows explosively past ~150 nodes (docs/BENCHMARKS.md, research notes).
import type { CatalogGraph, GraphView, NodeStatus, ViewCluster, ViewEdge, ViewNode } from './graphModel';
import { nodeId } from './viewIds';

/** Views up to this many nodes are drawn with system boxes. */
export const CLUSTER_MAX_NODES = 60;

const MEMBERSHIP = new Set(['partOf', 'hasPart']);

export function clusterId(systemRef: string): string {
  return `c${nodeId(systemRef).slice(1)}`;
}

export function clusterBySystem(graph: CatalogGraph, view: Pick<GraphView, 'nodes' | 'edges'>): { nodes: ViewNode[]; edges: ViewEdge[]; clusters: ViewCluster[] } {
  const members = new Map<string, ViewNode[]>();
  for (const node of view.nodes) {
    if (node.kind === 'system' || !node.system) continue;
    const key = node.system.toLowerCase();
    (members.get(key) ?? members.set(key, []).get(key)!).push(node);
  }
  if (members.size === 0) return { nodes: view.nodes, edges: view.edges, clusters: [] };

  const byId = new Map(view.nodes.map((node) => [node.id, node]));
  const systemOfNode = new Map<string, string>();
  for (const [key, list] of members) for (const node of list) systemOfNode.set(node.id, key);
  const isMembership = (edge: ViewEdge, systemNodeId: string): boolean =>
    MEMBERSHIP.has(edge.type) && ((edge.to === systemNodeId && systemOfNode.has(edge.from)) || (edge.from === systemNodeId && systemOfNode.has(edge.to)));

  const dropped = new Set<string>();
  const droppedEdges = new Set<ViewEdge>();
  const clusters: ViewCluster[] = [];
  for (const [key, list] of [...members].sort((a, b) => cmp(a[0], b[0]))) {
    const systemRef = `system:${key}`;
    const entity = graph.entities.get(systemRef);
    const systemNodeId = nodeId(systemRef);
    const systemNode = byId.get(systemNodeId);
    const cluster: ViewCluster = { id: clusterId(systemRef), label: entity ? entity.title ?? entity.name : list[0].system!, nodeIds: list.map((node) => node.id) };
    if (entity) cluster.ref = entity.ref;
    for (const edge of view.edges) if (isMembership(edge, systemNodeId)) droppedEdges.add(edge);
    if (systemNode) {
      const otherEdges = view.edges.some((edge) => (edge.from === systemNodeId || edge.to === systemNodeId) && !droppedEdges.has(edge));
      if (otherEdges || systemNode.role) {
        cluster.nodeIds.unshift(systemNode.id);
      } else {
        dropped.add(systemNode.id);
        if (systemNode.status) cluster.status = systemNode.status as NodeStatus;
      }
    }
    clusters.push(cluster);
  }
  return {
    nodes: view.nodes.filter((node) => !dropped.has(node.id)),
    edges: view.edges.filter((edge) => !droppedEdges.has(edge)),
    clusters,
  };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
