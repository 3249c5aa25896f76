// "What Reaches…" from the model: datastores ranked by the misconfigured caches in front of them,
// the caches in front of one with their findings (the diagnostics the model computed for their
// configs, never read back from an editor), and each diagram node's details for its tooltip.
import {
  datastoreRank, findingsByEntity, isRankedDatastore, rankDatastores, storeBackendRefs,
  type DatastoreRank, type EntityFinding, type FindingDiagnostic,
} from '../core/graph/cachesInFront';
import type { Entity, GraphView, ViewRequest } from '../core/graph/graphModel';
import { TOOLTIP_PROBLEMS, type NodeDetails } from '../core/graph/inFrontProtocol';
import type { WorkspaceModel } from '../core/workspace/workspaceModel';
import type { CacheInFrontInfo, CachesInFrontResult, DatastoreInfo, FindingInfo } from './protocol';
import { uriOf } from './uris';

/** Every entity's errors and warnings, from the model's analyses and catalog checks. */
export function modelFindings(model: WorkspaceModel): Map<string, EntityFinding[]> {
  const byFile = new Map<string, FindingDiagnostic[]>();
  for (const file of model.catalog.graph.declarationsByFile.keys()) {
    const diagnostics = [...(model.analysis(file)?.diagnostics ?? []), ...model.catalog.diagnostics(file)];
    if (diagnostics.length) byFile.set(file, diagnostics);
  }
  return findingsByEntity(model.catalog, byFile);
}

/** Cache config backends declared with `role: store`. */
export function modelStoreBackends(model: WorkspaceModel): Set<string> {
  return storeBackendRefs(model.facts.fileNames().flatMap((file) => model.facts.get(file)?.backends ?? []));
}

function datastoreInfo(model: WorkspaceModel, rank: DatastoreRank, entity: Entity): DatastoreInfo {
  return {
    ref: rank.ref,
    label: rank.label,
    name: entity.name,
    ...(rank.type ? { type: rank.type } : {}),
    store: rank.store,
    caches: rank.caches.length,
    withProblems: rank.withProblems,
    errors: rank.errors,
    warnings: rank.warnings,
    ...(entity.docFile !== undefined ? { docPath: model.displayPath(entity.docFile) } : {}),
  };
}

/** The datastores, worst first (errors, then warnings over their caches in front, then name). */
export function datastores(model: WorkspaceModel): DatastoreInfo[] {
  const graph = model.catalog;
  return rankDatastores(graph, modelFindings(model), modelStoreBackends(model)).map((rank) => datastoreInfo(model, rank, graph.entities.get(rank.ref)!));
}

/** The caches in front of an entity (by ref, or a ref as written in a file), or null if there is none. */
export function cachesInFrontOf(model: WorkspaceModel, ref: string, findings = modelFindings(model)): CachesInFrontResult | null {
  const entity = model.catalog.entity(ref) ?? model.catalog.resolve(ref);
  if (!entity) return null;
  const rank = datastoreRank(model.catalog, entity, findings, modelStoreBackends(model));
  const caches: CacheInFrontInfo[] = rank.caches.map((cache) => {
    const e = model.catalog.entity(cache.ref)!;
    return {
      ref: cache.ref,
      label: cache.label,
      kind: cache.kind,
      errors: cache.errors,
      warnings: cache.warnings,
      findings: cache.findings.map((f): FindingInfo => ({ code: f.code, severity: f.severity, message: f.message, uri: uriOf(f.file), range: f.range, path: model.displayPath(f.file) })),
      ...(e.docFile !== undefined ? { doc: { uri: uriOf(e.docFile), line: e.docLine ?? 0 }, docPath: model.displayPath(e.docFile) } : {}),
      ...(e.runbook !== undefined ? { runbook: { uri: uriOf(e.runbook), line: 0 }, runbookPath: model.displayPath(e.runbook) } : {}),
      configs: e.configFiles.map((file) => ({ uri: uriOf(file), line: e.sources.find((s) => s.file === file)?.line ?? 0 })),
      ...(e.configFiles[0] !== undefined ? { configPath: model.displayPath(e.configFiles[0]) } : {}),
    };
  });
  return { target: datastoreInfo(model, rank, entity), caches };
}

/** Whether an entity is one "What Reaches…" lists (hovers link to it only for those). */
export function isModelDatastore(model: WorkspaceModel, entity: Entity): boolean {
  return isRankedDatastore(model.catalog, entity, modelStoreBackends(model));
}

/** What the diagram sends beside a view: its nodes' tooltips, and for "what reaches" the caches in front. */
export function diagramExtras(model: WorkspaceModel, request: ViewRequest, view: GraphView): { inFront?: CachesInFrontResult; details: Record<string, NodeDetails> } {
  const findings = modelFindings(model);
  const details: Record<string, NodeDetails> = {};
  for (const node of view.nodes) {
    const entity = model.catalog.entity(node.ref);
    if (!entity) continue;
    const list = findings.get(node.ref) ?? [];
    details[node.id] = {
      ...(entity.owner ? { owner: entity.owner } : {}),
      ...(entity.docFile !== undefined ? { doc: model.displayPath(entity.docFile) } : {}),
      ...(entity.runbook !== undefined ? { runbook: model.displayPath(entity.runbook) } : {}),
      errors: list.filter((f) => f.severity === 'error').length,
      warnings: list.filter((f) => f.severity === 'warning').length,
      problems: list.slice(0, TOOLTIP_PROBLEMS).map((f) => ({ code: f.code, severity: f.severity, message: f.message })),
    };
  }
  const inFront = request.reaches !== undefined ? cachesInFrontOf(model, request.reaches, findings) : null;
  return { details, ...(inFront ? { inFront } : {}) };
}
