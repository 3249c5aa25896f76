// The catalog's entities as the client sees them (URIs, lines), and the entity a file or a line of
// it is about.
import type { Entity } from '../core/graph/graphModel';
import type { WorkspaceModel } from '../core/workspace/workspaceModel';
import type { EntityInfo } from './protocol';
import { uriOf } from './uris';

export function entityInfo(model: WorkspaceModel, entity: Entity): EntityInfo {
  const configs = entity.configFiles.map((file) => ({ uri: uriOf(file), line: entity.sources.find((s) => s.file === file)?.line ?? 0 }));
  return {
    ref: entity.ref,
    name: entity.name,
    kind: entity.kind,
    ...(entity.type ? { type: entity.type } : {}),
    ...(entity.title ? { title: entity.title } : {}),
    ...(entity.owner ? { owner: entity.owner } : {}),
    ...(entity.docFile !== undefined ? { doc: { uri: uriOf(entity.docFile), line: entity.docLine ?? 0 }, docPath: model.displayPath(entity.docFile) } : {}),
    ...(entity.runbook !== undefined ? { runbook: { uri: uriOf(entity.runbook), line: 0 } } : {}),
    ...(entity.links?.length ? { links: entity.links } : {}),
    sources: entity.sources.map((s) => ({ uri: uriOf(s.file), line: s.line })),
    configs,
  };
}

/** The innermost entity declared around a line of a file, else the file's own entity. */
export function entityAtLine(model: WorkspaceModel, file: string, line: number | undefined): Entity | undefined {
  const declared = model.catalog.graph.declarationsByFile.get(file) ?? [];
  let best: (typeof declared)[number] | undefined;
  if (line !== undefined) {
    for (const candidate of declared) {
      const extent = candidate.extent;
      if (!extent || line < extent.start || line > extent.end) continue;
      if (!best?.extent || extent.end - extent.start < best.extent.end - best.extent.start) best = candidate;
    }
  }
  return best ? model.catalog.entity(best.ref) : model.catalog.entityOfFile(file);
}
