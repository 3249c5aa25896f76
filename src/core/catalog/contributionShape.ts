// Most edits do not change the graph's shape: a doc's body, a title, a description, a config's
// TTL. For those the catalog refreshes the entity's descriptive fields in place instead of
// re-computing the entities and refs the edit touches, which keeps an edit far below the 20 ms budget.
import type { Entity } from '../graph/graphModel';
import type { DeclaredEntity, FileContribution } from './contribution';

const ORIGIN_RANK = { doc: 0, 'catalog-info': 1, 'cache-config': 2 } as const;

/** What decides the nodes: which entities a file declares, where, and their system and doc. */
export function entityShapeKey(c: FileContribution): string {
  return JSON.stringify(c.entities.map((d) => [d.ref, d.kind, d.name, d.namespace, d.origin, d.range, d.definition, d.extent, d.system, d.docFile]));
}

/** What decides the edges and the ref diagnostics: every ref the file writes, where. */
export function refShapeKey(c: FileContribution): string {
  return JSON.stringify(c.refs.map((r) => [r.text, r.field, r.holder, r.relation, r.inverse, r.defaultKind, r.defaultNamespace, r.range, r.onMissing, r.implied, r.localTarget]));
}

/** Re-derives the descriptive fields of the entities a file declares, from all their declarations. */
export function refreshDescriptions(entities: ReadonlyMap<string, Entity>, changed: FileContribution, contributionOf: (file: string) => FileContribution | undefined): void {
  for (const ref of new Set(changed.entities.map((d) => d.ref))) {
    const entity = entities.get(ref);
    if (!entity) continue;
    const declarations: DeclaredEntity[] = [];
    for (const file of new Set(entity.sources.map((s) => s.file))) {
      for (const d of contributionOf(file)?.entities ?? []) if (d.ref === ref) declarations.push(d);
    }
    declarations.sort((a, b) => ORIGIN_RANK[a.origin] - ORIGIN_RANK[b.origin] || (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
    const first = <K extends keyof DeclaredEntity>(key: K): DeclaredEntity[K] | undefined => declarations.find((d) => d[key] !== undefined)?.[key];
    entity.type = first('type');
    entity.title = first('title');
    entity.owner = first('owner');
    entity.description = first('description');
    entity.tags = first('tags');
    const links = first('links');
    if (links !== undefined) entity.links = links;
    else delete entity.links;
    const runbook = first('runbook');
    if (runbook !== undefined) entity.runbook = runbook;
    else delete entity.runbook;
    const doc = declarations.find((d) => d.docFile !== undefined);
    if (doc) entity.docLine = doc.docLine;
  }
}
