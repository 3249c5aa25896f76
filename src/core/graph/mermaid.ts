// Mermaid flowchart text for a view. Deterministic (same view, same text) so diffs and pasted
// docs stay stable, and safe: every label is reduced to letters, digits and a few harmless
// characters, everything else written as a mermaid entity code (`#60;`), so text from docs is
// shown as text. Status, kind and role are classes (`classDef`), never `click` or raw styles.
import type { GraphView, NodeStatus, ViewEdge, ViewNode } from './graphModel';

/** The limits the webview passes to `mermaid.initialize`; views are built well below them. */
export const MERMAID_LIMITS = { maxEdges: 2000, maxTextSize: 200_000 } as const;

/** Class names on nodes (the webview styles them from the VS Code theme). */
export const MERMAID_CLASSES = {
  error: 'cwError',
  warning: 'cwWarning',
  ok: 'cwOk',
  service: 'cwService',
  cache: 'cwCache',
  datastore: 'cwDatastore',
  api: 'cwApi',
  system: 'cwSystem',
  group: 'cwGroup',
  focus: 'cwFocus',
  cacheOnPath: 'cwCacheOnPath',
  bypass: 'cwBypass',
} as const;

/** Default colours, for diagrams pasted into docs; the webview overrides them with theme colours. */
const CLASS_STYLES: Record<string, string> = {
  cwService: 'fill:#e8f0fe,stroke:#4a6fa5',
  cwCache: 'fill:#fff4ce,stroke:#b08800',
  cwDatastore: 'fill:#e6f4ea,stroke:#2e7d32',
  cwApi: 'fill:#f3e8fd,stroke:#7b1fa2',
  cwSystem: 'fill:#eeeeee,stroke:#616161',
  cwGroup: 'fill:#fafafa,stroke:#9e9e9e',
  cwOk: 'stroke-width:1px',
  cwWarning: 'stroke:#c19c00,stroke-width:3px',
  cwError: 'stroke:#d13438,stroke-width:3px',
  cwCacheOnPath: 'fill:#ffe08a,stroke:#b08800,stroke-width:2px',
  cwBypass: 'stroke:#d13438,stroke-width:3px,stroke-dasharray:6 3',
  cwFocus: 'stroke:#0078d4,stroke-width:4px',
};

export interface MermaidOptions {
  layout: 'dagre' | 'elk';
  direction?: 'LR' | 'TB';
}

const MAX_LABEL = 60;
const PLAIN = /[\p{L}\p{N} \-_.,/()+@!?=%~$^*]/u;

/** Writes text as a mermaid label body: letters, digits and a few safe signs as-is, the rest as `#<code point>;`. */
export function escapeMermaidLabel(text: string): string {
  let out = '';
  let count = 0;
  for (const ch of text.replace(/[\u0000-\u001f\u007f]+/g, ' ')) {
    if (count++ === MAX_LABEL) {
      out += '…';
      break;
    }
    out += PLAIN.test(ch) ? ch : `#${ch.codePointAt(0)};`;
  }
  return out;
}

/** Problem counts after a label: ✖ errors, ⚠ warnings (both in common text fonts, unlike emoji). */
function statusSuffix(status: NodeStatus | undefined): string {
  let suffix = '';
  if (status?.errors) suffix += ` ✖ ${status.errors}`;
  if (status?.warnings) suffix += ` ⚠ ${status.warnings}`;
  return suffix;
}

export function nodeLabel(node: ViewNode): string {
  let label = escapeMermaidLabel(node.label);
  if (node.memberCount !== undefined) label += ` (${node.memberCount})`;
  return label + statusSuffix(node.status);
}

function shape(node: ViewNode, label: string): string {
  const q = `"${label}"`;
  if (node.role === 'datastore' || (node.kind === 'resource' && node.type && /^(database|db|datastore|sql)$/i.test(node.type))) return `[(${q})]`;
  switch (node.kind) {
    case 'cache': return `[[${q}]]`;
    case 'api': return `([${q}])`;
    case 'system':
    case 'domain': return `{{${q}}}`;
    case 'group':
    case 'user': return `>${q}]`;
    default: return `[${q}]`;
  }
}

export function nodeClasses(node: ViewNode): string[] {
  const c = MERMAID_CLASSES;
  const classes: string[] = [];
  if (node.role === 'datastore' || (node.kind === 'resource' && node.type && /^(database|db|datastore|sql)$/i.test(node.type))) classes.push(c.datastore);
  else if (node.kind === 'cache' || (node.kind === 'resource' && node.type && /^(redis|memcached|in-process|cdn|http-proxy|cache)$/i.test(node.type))) classes.push(c.cache);
  else if (node.kind === 'api') classes.push(c.api);
  else if (node.kind === 'system' || node.kind === 'domain') classes.push(c.system);
  else if (node.kind === 'group' || node.kind === 'user') classes.push(c.group);
  else classes.push(c.service);
  classes.push(node.status?.errors ? c.error : node.status?.warnings ? c.warning : c.ok);
  if (node.role === 'focus') classes.push(c.focus);
  if (node.role === 'cache-on-path') classes.push(c.cacheOnPath);
  if (node.role === 'bypass') classes.push(c.bypass);
  return classes;
}

/**
 * A cache's `fronts` edge spans two ranks, so its backend sits between the cache and the
 * database it fronts: service → cache → backend → database reads left to right.
 */
function arrow(edge: ViewEdge): string {
  const line = edge.highlight ? '=' : '-';
  return line.repeat(edge.type === 'fronts' ? 3 : 2) + '>';
}

export function toMermaid(view: GraphView, options: MermaidOptions): string {
  if (view.edges.length > MERMAID_LIMITS.maxEdges) {
    throw new RangeError(`The view has ${view.edges.length} edges; mermaid is configured for at most ${MERMAID_LIMITS.maxEdges}. Build it with buildView, which collapses large graphs.`);
  }
  const lines: string[] = [];
  if (options.layout === 'elk') lines.push('---', 'config:', '  layout: elk', '---');
  lines.push(`flowchart ${options.direction ?? 'LR'}`);
  const byClass = new Map<string, string[]>();
  const inCluster = new Map<string, string>();
  for (const cluster of view.clusters ?? []) for (const id of cluster.nodeIds) inCluster.set(id, cluster.id);
  const writeNode = (node: ViewNode, indent: string) => {
    lines.push(`${indent}${node.id}${shape(node, nodeLabel(node))}`);
    for (const cls of nodeClasses(node)) (byClass.get(cls) ?? byClass.set(cls, []).get(cls)!).push(node.id);
  };
  for (const node of view.nodes) if (!inCluster.has(node.id)) writeNode(node, '  ');
  const byId = new Map(view.nodes.map((node) => [node.id, node]));
  for (const cluster of view.clusters ?? []) {
    lines.push(`  subgraph ${cluster.id}["${escapeMermaidLabel(cluster.label)}${statusSuffix(cluster.status)}"]`);
    for (const id of cluster.nodeIds) {
      const node = byId.get(id);
      if (node) writeNode(node, '    ');
    }
    lines.push('  end');
  }
  const bypass: number[] = [];
  view.edges.forEach((edge, i) => {
    const label = edge.label ? `|${escapeMermaidLabel(edge.label)}|` : '';
    lines.push(`  ${edge.from} ${arrow(edge)}${label} ${edge.to}`);
    if (edge.highlight === 'bypass') bypass.push(i);
  });
  for (const name of Object.values(MERMAID_CLASSES)) {
    const ids = byClass.get(name);
    if (!ids) continue;
    lines.push(`  classDef ${name} ${CLASS_STYLES[name]}`);
    lines.push(`  class ${ids.join(',')} ${name}`);
  }
  if (bypass.length) lines.push(`  linkStyle ${bypass.join(',')} stroke:#d13438,stroke-width:3px`);
  const text = lines.join('\n') + '\n';
  if (text.length > MERMAID_LIMITS.maxTextSize) {
    throw new RangeError(`The diagram text is ${text.length} characters; mermaid is configured for at most ${MERMAID_LIMITS.maxTextSize}. Build the view with buildView, which keeps views small.`);
  }
  return text;
}
