// The common structural edit — a doc or catalog-info file adds or drops a relation (a dependsOn
// entry) while declaring the same entities — patched into the graph instead of re-assembling it:
// only that file's refs are resolved again and only the touched nodes' adjacency is rebuilt.
// Anything else (entities appear or vanish, implied datastores, a relation another file also
// writes, an existing cycle) returns undefined and the caller re-assembles.
import type { Diagnostic } from '../types';
import { DEPENDENCY_RELATIONS, REVERSE_RELATION, type Relation } from '../graph/graphModel';
import { finishGraph, relationKey, unresolvedDiagnostic, type BuiltGraph, type ResolvedOccurrence, type WrittenRelation } from './buildGraph';
import type { FileContribution } from './contribution';
import { resolveRef } from './entityRef';

export function patchGraph(built: BuiltGraph, previous: FileContribution, next: FileContribution): BuiltGraph | undefined {
  const core = built.core;
  const file = next.file;
  if (previous.refs.some((r) => r.onMissing === 'imply') || next.refs.some((r) => r.onMissing === 'imply')) return undefined;
  if (built.cycles.length) return undefined;
  const oldOccurrences = core.occurrencesByFile.get(file) ?? [];
  const writers = new Map(core.writers);
  for (const occ of oldOccurrences) {
    const key = keyOf(occ);
    if (!key) continue;
    const list = writers.get(key);
    if (list && !list.every((f) => f === file)) return undefined;
    writers.delete(key);
  }

  const occurrences: ResolvedOccurrence[] = next.refs.map((r) => ({ ...r, file }));
  const unresolved: Diagnostic[] = [];
  for (const occ of occurrences) {
    if (occ.localTarget) {
      occ.target = occ.localTarget;
      continue;
    }
    const resolution = resolveRef(occ.text, occ.defaultKind, core.resolver);
    if (resolution.ok) occ.target = resolution.ref;
    else if (occ.onMissing === 'report') unresolved.push(unresolvedDiagnostic(occ, resolution));
  }

  const relations = core.relations.filter((r) => r.file !== file);
  const written = core.written.filter((r) => r.file !== file);
  const removed = core.relations.filter((r) => r.file === file);
  const added: Relation[] = [];
  const addedWritten: WrittenRelation[] = [];
  for (const occ of occurrences) {
    const key = keyOf(occ);
    if (!key) continue;
    const existing = writers.get(key);
    if (existing) {
      writers.set(key, [...existing, file]);
      continue;
    }
    writers.set(key, [file]);
    const [from, to] = occ.inverse ? [occ.target!, occ.holder] : [occ.holder, occ.target!];
    const line = occ.range.start.line;
    const forward: WrittenRelation = { from, to, type: occ.relation!, derived: false, file, line, range: occ.range };
    addedWritten.push(forward);
    added.push(forward, { from: to, to: from, type: REVERSE_RELATION[occ.relation!], derived: true, file, line });
  }
  relations.push(...added);
  written.push(...addedWritten);

  // There were no cycles; a new one must go through an added dependency edge u → v (v reaches u).
  const next_ = new Map<string, string[]>();
  for (const r of written) if (DEPENDENCY_RELATIONS.has(r.type)) (next_.get(r.from) ?? next_.set(r.from, []).get(r.from)!).push(r.to);
  if (addedWritten.some((r) => DEPENDENCY_RELATIONS.has(r.type) && reaches(next_, r.to, r.from))) return undefined;

  const outgoing = new Map(built.adjacency.outgoing);
  const incoming = new Map(built.adjacency.incoming);
  const touched = new Set<string>();
  for (const r of [...removed, ...added]) touched.add(r.from).add(r.to);
  for (const ref of touched) {
    outgoing.set(ref, [...(built.adjacency.outgoing.get(ref) ?? []).filter((r) => r.file !== file), ...added.filter((r) => r.from === ref)]);
    incoming.set(ref, [...(built.adjacency.incoming.get(ref) ?? []).filter((r) => r.file !== file), ...added.filter((r) => r.to === ref)]);
  }

  const nonCycleByFile = new Map(core.nonCycleByFile);
  const kept = (core.nonCycleByFile.get(file) ?? []).filter((d) => d.code !== 'catalog-unresolved-ref');
  if (kept.length || unresolved.length) nonCycleByFile.set(file, [...kept, ...unresolved]);
  else nonCycleByFile.delete(file);
  const occurrencesByFile = new Map(core.occurrencesByFile);
  if (occurrences.length) occurrencesByFile.set(file, occurrences);
  else occurrencesByFile.delete(file);
  const declarationsByFile = new Map(core.declarationsByFile);
  if (next.entities.length) declarationsByFile.set(file, next.entities);
  else declarationsByFile.delete(file);

  return finishGraph(
    { entities: core.entities, resolver: core.resolver, occurrencesByFile, declarationsByFile, relations, written, writers, nonCycleByFile },
    { outgoing, incoming },
    [],
  );
}

function keyOf(occ: ResolvedOccurrence): string | undefined {
  if (!occ.relation || !occ.target) return undefined;
  const [from, to] = occ.inverse ? [occ.target, occ.holder] : [occ.holder, occ.target];
  return relationKey(from, occ.relation, to);
}

function reaches(next: Map<string, string[]>, from: string, to: string): boolean {
  const seen = new Set([from]);
  const queue = [from];
  for (let i = 0; i < queue.length; i++) {
    if (queue[i] === to) return true;
    for (const n of next.get(queue[i]) ?? []) if (!seen.has(n)) (seen.add(n), queue.push(n));
  }
  return false;
}
