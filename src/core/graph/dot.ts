// Graphviz DOT text for a view (for teams that render with dot). Deterministic; labels are DOT
// quoted strings with quotes, backslashes and line breaks escaped.
import type { GraphView, ViewNode } from './graphModel';

function quote(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/[\r\n]+/g, ' ')}"`;
}

function nodeShape(node: ViewNode): string {
  if (node.role === 'datastore') return 'cylinder';
  switch (node.kind) {
    case 'cache': return 'box3d';
    case 'api': return 'ellipse';
    case 'system':
    case 'domain': return 'folder';
    case 'group':
    case 'user': return 'tab';
    default: return node.kind === 'resource' && /^(database|db|datastore|sql)$/i.test(node.type ?? '') ? 'cylinder' : 'box';
  }
}

export function toDot(view: GraphView): string {
  const lines = ['digraph catalog {', '  rankdir=LR;', '  node [shape=box, fontname="Helvetica"];'];
  // Systems drawn as boxes: DOT clusters, named cluster_* so dot draws the frame.
  for (const cluster of view.clusters ?? []) {
    lines.push(`  subgraph cluster_${cluster.id} { label=${quote(cluster.label)}; ${cluster.nodeIds.map((id) => `${id};`).join(' ')} }`);
  }
  for (const node of view.nodes) {
    let label = node.label;
    if (node.memberCount !== undefined) label += ` (${node.memberCount})`;
    if (node.status?.errors) label += ` ✖ ${node.status.errors}`;
    if (node.status?.warnings) label += ` ⚠ ${node.status.warnings}`;
    const attrs = [`label=${quote(label)}`, `shape=${nodeShape(node)}`];
    if (node.status?.errors) attrs.push('color="#d13438"', 'penwidth=2');
    else if (node.status?.warnings) attrs.push('color="#c19c00"', 'penwidth=2');
    if (node.role === 'focus') attrs.push('style=bold');
    lines.push(`  ${node.id} [${attrs.join(', ')}];`);
  }
  for (const edge of view.edges) {
    const attrs: string[] = [];
    if (edge.label) attrs.push(`label=${quote(edge.label)}`);
    if (edge.highlight === 'bypass') attrs.push('color="#d13438"', 'penwidth=2');
    else if (edge.highlight === 'path') attrs.push('penwidth=2');
    lines.push(`  ${edge.from} -> ${edge.to}${attrs.length ? ` [${attrs.join(', ')}]` : ''};`);
  }
  lines.push('}');
  return lines.join('\n') + '\n';
}
