// The diagram's requests: a view of the catalog with each node's status taken from the model's
// own analyses (never read back from an editor), its mermaid text and the toolbar's facets.
import { buildView } from '../core/graph/buildView';
import { KINDS_NOT_IN_DEPENDENCY_VIEWS, type GraphView, type NodeStatus } from '../core/graph/graphModel';
import { MERMAID_LIMITS, toMermaid } from '../core/graph/mermaid';
import { statusFromDiagnostics, type StatusDiagnostic } from '../core/graph/nodeStatus';
import type { DiagramFacets } from '../core/graph/webviewProtocol';
import type { WorkspaceModel } from '../core/workspace/workspaceModel';
import type { DiagramViewParams, DiagramViewResult } from './protocol';
import { diagramExtras } from './whatReaches';

export function diagramView(model: WorkspaceModel, params: DiagramViewParams): DiagramViewResult {
  let view: GraphView;
  let source: string;
  try {
    view = buildView(model.catalog, params.request, nodeStatus(model));
    source = toMermaid(view, { layout: params.layout });
  } catch (error) {
    // Shown in the panel instead of a blank diagram.
    const reason = error instanceof Error ? error.message : String(error);
    view = { nodes: [], edges: [], title: 'Dependency diagram', notice: `The diagram could not be built: ${reason}` };
    source = '';
  }
  // Node tooltips, and for "what reaches" the caches in front (the list beside the diagram).
  let extras: Partial<Pick<DiagramViewResult, 'inFront' | 'details'>> = {};
  try {
    extras = diagramExtras(model, params.request, view);
  } catch {
    // The diagram still draws without them.
  }
  return { view, source, facets: facets(model), limits: { maxEdges: MERMAID_LIMITS.maxEdges, maxTextSize: MERMAID_LIMITS.maxTextSize }, ...extras };
}

/** Problems of every file that declares entities, charged to the entity declared around them. */
export function nodeStatus(model: WorkspaceModel): Map<string, NodeStatus> {
  const byFile = new Map<string, StatusDiagnostic[]>();
  for (const file of model.catalog.graph.declarationsByFile.keys()) {
    const diagnostics = [...(model.analysis(file)?.diagnostics ?? []), ...model.catalog.diagnostics(file)];
    if (diagnostics.length) byFile.set(file, diagnostics.map((d) => ({ code: d.code, severity: d.severity, range: d.range, ...(d.data ? { data: d.data } : {}) })));
  }
  return statusFromDiagnostics(model.catalog, byFile);
}

function facets(model: WorkspaceModel): DiagramFacets {
  const kinds = new Set<string>();
  const systems = new Set<string>();
  const owners = new Set<string>();
  const entities: DiagramFacets['entities'] = [];
  for (const entity of model.catalog.entities.values()) {
    // Users and Location entities are not drawn in dependency views: no filter offers them.
    if (!KINDS_NOT_IN_DEPENDENCY_VIEWS.has(entity.kind)) kinds.add(entity.kind);
    if (entity.system) systems.add(entity.system);
    if (entity.owner) owners.add(entity.owner);
    entities.push({ id: entity.ref, label: entity.title ?? entity.name, kind: entity.kind });
  }
  const sorted = (set: Set<string>) => [...set].sort((a, b) => a.localeCompare(b));
  entities.sort((a, b) => a.label.localeCompare(b.label));
  return { kinds: sorted(kinds), systems: sorted(systems), owners: sorted(owners), entities };
}
