// The entity graph kept up to date file by file. Everything that depends on the entity set is
// partitioned by lower-case entity name — a ref `[kind:][namespace/]name` resolves against the
// entities of that name only (its hint names the others of that name) — so a change recomputes just the names the changed file declares or implies:
// those entities (merged again from all their declarations), the refs anywhere that name them,
// the relations those refs write (with their derived reverses and adjacency) and the
// unresolved-ref and duplicate diagnostics. Cycle detection stays global (a few ms) and runs only
// when a dependency relation changed. The result equals buildGraph's over the same files; the
// differential tests hold both to that.
import type { Diagnostic } from '../types';
import { DEPENDENCY_RELATIONS, REVERSE_RELATION, type CatalogGraph, type Entity, type Relation } from '../graph/graphModel';
import type { DeclaredEntity, FileContribution } from './contribution';
import { parseRef, resolveRef, type RefResolver } from './entityRef';
import { dependencyCycleDiagnostics } from './cycles';
import { impliedEntity, impliedRef, mergeDeclaration, ORIGIN_RANK, relationKey, reportDuplicates, unresolvedDiagnostic, unresolvedProblem, type ResolvedOccurrence, type WrittenRelation } from './buildGraph';

/** What the catalog's consumers read; buildGraph's result has the same shape. */
export interface IndexedGraph extends CatalogGraph {
  entities: ReadonlyMap<string, Entity>;
  relations: readonly Relation[];
  diagnosticsByFile: ReadonlyMap<string, Diagnostic[]>;
  occurrencesByFile: ReadonlyMap<string, ResolvedOccurrence[]>;
  declarationsByFile: ReadonlyMap<string, DeclaredEntity[]>;
  resolve(text: string, defaultKind: Entity['kind']): string | undefined;
}

/** One file's change: what the index last saw of it and what it is now (absent: no contribution). */
export interface FileChange {
  file: string;
  previous?: FileContribution;
  next?: FileContribution;
}

interface RelationEntry {
  forward: WrittenRelation;
  reverse: Relation;
  /** The occurrence whose relation is used: the first writer in file order. */
  first: ResolvedOccurrence;
}

export class GraphIndex implements IndexedGraph {
  readonly entities = new Map<string, Entity>();
  readonly occurrencesByFile = new Map<string, ResolvedOccurrence[]>();
  readonly declarationsByFile = new Map<string, DeclaredEntity[]>();
  readonly resolver: RefResolver = {
    has: (ref) => this.entities.has(ref),
    refsNamed: (name) => this.refsByName.get(name.toLowerCase()) ?? [],
  };

  /** ref → its declarations in every file; name key → the refs declared with it. */
  private readonly declarations = new Map<string, DeclaredEntity[]>();
  private readonly declarationIndex = new Map<DeclaredEntity, number>();
  private readonly declaredRefsByName = new Map<string, Set<string>>();
  /** name key → the entity refs (declared and implied) with that name. */
  private readonly refsByName = new Map<string, string[]>();
  /** name key → refs that may imply an entity / that only resolve. */
  private readonly implying = new Map<string, Set<ResolvedOccurrence>>();
  private readonly resolving = new Map<string, Set<ResolvedOccurrence>>();
  private readonly position = new Map<ResolvedOccurrence, number>();
  /** relation key → the refs writing it; ref → the key it writes. */
  private readonly writers = new Map<string, Set<ResolvedOccurrence>>();
  private readonly writes = new Map<ResolvedOccurrence, string>();
  private readonly relationsByKey = new Map<string, RelationEntry>();
  private readonly unresolved = new Map<ResolvedOccurrence, Diagnostic>();
  private readonly duplicates = new Map<string, { file: string; diagnostic: Diagnostic }[]>();
  private cycles: { file: string; diagnostic: Diagnostic }[] = [];
  private readonly outgoingByRef = new Map<string, Relation[]>();
  private readonly incomingByRef = new Map<string, Relation[]>();
  private relationList: Relation[] | undefined;
  private diagnosticMap: Map<string, Diagnostic[]> | undefined;

  constructor(private readonly displayPath: (file: string) => string = (f) => f) {}

  get relations(): readonly Relation[] {
    return (this.relationList ??= [...this.relationsByKey.values()].flatMap((r) => [r.forward, r.reverse]));
  }

  get diagnosticsByFile(): ReadonlyMap<string, Diagnostic[]> {
    return (this.diagnosticMap ??= this.collectDiagnostics());
  }

  outgoing(ref: string): readonly Relation[] {
    return this.outgoingByRef.get(ref) ?? [];
  }

  incoming(ref: string): readonly Relation[] {
    return this.incomingByRef.get(ref) ?? [];
  }

  resolve(text: string, defaultKind: Entity['kind']): string | undefined {
    const r = resolveRef(text, defaultKind, this.resolver);
    return r.ok ? r.ref : undefined;
  }

  /** Applies a batch of file changes (the first build is one batch of every file). */
  apply(changes: readonly FileChange[]): void {
    const dirtyNames = new Set<string>();
    const dirtyRefs = new Set<string>();
    const touched = new Set<string>();
    const fresh: ResolvedOccurrence[] = [];
    for (const { file, previous, next } of changes) {
      if (previous) {
        for (const d of previous.entities) this.removeDeclaration(d, dirtyNames, dirtyRefs);
        for (const occ of this.occurrencesByFile.get(file) ?? []) this.removeOccurrence(occ, dirtyNames, touched);
        this.occurrencesByFile.delete(file);
        this.declarationsByFile.delete(file);
      }
      if (next) {
        next.entities.forEach((d, i) => this.addDeclaration(d, i, dirtyNames, dirtyRefs));
        if (next.entities.length) this.declarationsByFile.set(file, next.entities);
        const list: ResolvedOccurrence[] = next.refs.map((r) => ({ ...r, file }));
        list.forEach((occ, i) => {
          this.position.set(occ, i);
          const key = nameKey(occ.text);
          if (occ.onMissing === 'imply') {
            addTo(this.implying, key, occ);
            dirtyNames.add(key);
          } else {
            if (!occ.localTarget) addTo(this.resolving, key, occ);
            fresh.push(occ);
          }
        });
        if (list.length) this.occurrencesByFile.set(file, list);
      }
    }

    const recomputed: string[] = [];
    for (const key of dirtyNames) recomputed.push(...this.recomputeName(key, touched));
    const pending = new Set(fresh);
    for (const key of dirtyNames) for (const occ of this.resolving.get(key) ?? []) pending.add(occ);
    for (const occ of pending) this.resolveOccurrence(occ, touched);

    const caches = new Set(recomputed);
    for (const key of touched) this.updateRelation(key, caches);
    for (const ref of recomputed) for (const r of this.outgoingByRef.get(ref) ?? []) if (r.type === 'usesCache') caches.add(r.to);
    for (const ref of caches) this.inheritSystem(ref);
    for (const ref of dirtyRefs) this.updateDuplicates(ref);
    if ([...touched].some((key) => DEPENDENCY_RELATIONS.has(key.split('\u0000')[1]))) {
      // Which edges are in a cycle does not depend on order, but the cycle spelled out does:
      // only when there are cycles is the written order (files sorted) worth restoring.
      const unordered = [...this.relationsByKey.values()].map((r) => r.forward);
      this.cycles = dependencyCycleDiagnostics(unordered).length ? dependencyCycleDiagnostics(this.writtenInFileOrder()) : [];
    }
    this.relationList = undefined;
    this.diagnosticMap = undefined;
  }

  /**
   * A file edit that keeps every declaration's shape and every ref (a title, a description, a
   * doc's body): the index swaps in the new declaration objects and keeps everything else.
   */
  replaceDeclarations(previous: FileContribution, next: FileContribution): void {
    previous.entities.forEach((old, i) => {
      const d = next.entities[i];
      const list = this.declarations.get(old.ref);
      const at = list ? list.indexOf(old) : -1;
      if (at >= 0) list![at] = d;
      this.declarationIndex.delete(old);
      this.declarationIndex.set(d, i);
    });
    if (next.entities.length) this.declarationsByFile.set(next.file, next.entities);
    this.diagnosticMap = undefined;
  }

  // ---- declarations ----

  private addDeclaration(d: DeclaredEntity, index: number, dirtyNames: Set<string>, dirtyRefs: Set<string>): void {
    (this.declarations.get(d.ref) ?? this.declarations.set(d.ref, []).get(d.ref)!).push(d);
    this.declarationIndex.set(d, index);
    const key = d.name.toLowerCase();
    addTo(this.declaredRefsByName, key, d.ref);
    dirtyNames.add(key);
    dirtyRefs.add(d.ref);
  }

  private removeDeclaration(d: DeclaredEntity, dirtyNames: Set<string>, dirtyRefs: Set<string>): void {
    const list = this.declarations.get(d.ref)?.filter((other) => other !== d) ?? [];
    this.declarationIndex.delete(d);
    const key = d.name.toLowerCase();
    if (list.length) this.declarations.set(d.ref, list);
    else {
      this.declarations.delete(d.ref);
      deleteFrom(this.declaredRefsByName, key, d.ref);
    }
    dirtyNames.add(key);
    dirtyRefs.add(d.ref);
  }

  /** Declarations of a ref in buildGraph's merge order: docs first, then by file, then as written. */
  private sortedDeclarations(ref: string): DeclaredEntity[] {
    return [...(this.declarations.get(ref) ?? [])].sort((a, b) =>
      ORIGIN_RANK[a.origin] - ORIGIN_RANK[b.origin] || compare(a.file, b.file) || this.declarationIndex.get(a)! - this.declarationIndex.get(b)!);
  }

  /** Rebuilds the entities of one name and re-resolves the refs that may imply one; returns their refs. */
  private recomputeName(key: string, touched: Set<string>): string[] {
    for (const ref of this.refsByName.get(key) ?? []) this.entities.delete(ref);
    const refs: string[] = [];
    this.refsByName.set(key, refs);
    for (const ref of [...(this.declaredRefsByName.get(key) ?? [])].sort()) {
      const merged = new Map<string, Entity>();
      for (const d of this.sortedDeclarations(ref)) mergeDeclaration(merged, d);
      this.entities.set(ref, merged.get(ref)!);
      refs.push(ref);
    }
    for (const occ of this.inFileOrder(this.implying.get(key))) {
      this.unresolved.delete(occ);
      const resolution = resolveRef(occ.text, occ.defaultKind, this.resolver, occ.defaultNamespace);
      let target: string | undefined;
      if (resolution.ok) target = resolution.ref;
      else if (resolution.reason === 'missing' && occ.implied) {
        target = impliedRef(occ);
        if (!this.entities.has(target)) {
          this.entities.set(target, impliedEntity(occ, target));
          refs.push(target);
        }
        this.entities.get(target)!.sources.push({ file: occ.file, line: occ.range.start.line, origin: 'cache-config' });
        const hint = unresolvedProblem(occ, resolution);
        if (hint) this.unresolved.set(occ, hint);
      } else this.unresolved.set(occ, unresolvedDiagnostic(occ, resolution));
      occ.target = target;
      this.rewire(occ, touched);
    }
    if (refs.length === 0) this.refsByName.delete(key);
    return refs;
  }

  // ---- refs and relations ----

  private removeOccurrence(occ: ResolvedOccurrence, dirtyNames: Set<string>, touched: Set<string>): void {
    const key = nameKey(occ.text);
    if (occ.onMissing === 'imply') {
      deleteFrom(this.implying, key, occ);
      dirtyNames.add(key);
    } else deleteFrom(this.resolving, key, occ);
    this.unresolved.delete(occ);
    occ.target = undefined;
    this.rewire(occ, touched);
    this.position.delete(occ);
  }

  private resolveOccurrence(occ: ResolvedOccurrence, touched: Set<string>): void {
    this.unresolved.delete(occ);
    if (occ.localTarget) occ.target = occ.localTarget;
    else {
      const resolution = resolveRef(occ.text, occ.defaultKind, this.resolver, occ.defaultNamespace);
      occ.target = resolution.ok ? resolution.ref : undefined;
      const problem = resolution.ok ? undefined : unresolvedProblem(occ, resolution);
      if (problem) this.unresolved.set(occ, problem);
    }
    this.rewire(occ, touched);
  }

  /** Moves a ref to the relation it writes now (if that changed). */
  private rewire(occ: ResolvedOccurrence, touched: Set<string>): void {
    const before = this.writes.get(occ);
    let after: string | undefined;
    if (occ.relation && occ.target) after = occ.inverse ? relationKey(occ.target, occ.relation, occ.holder) : relationKey(occ.holder, occ.relation, occ.target);
    if (before === after) return;
    if (before !== undefined) {
      deleteFrom(this.writers, before, occ);
      this.writes.delete(occ);
      touched.add(before);
    }
    if (after !== undefined) {
      addTo(this.writers, after, occ);
      this.writes.set(occ, after);
      touched.add(after);
    }
  }

  /** Re-derives one relation (and its reverse) from its first writer; collects caches it points at. */
  private updateRelation(key: string, caches: Set<string>): void {
    const old = this.relationsByKey.get(key);
    const writers = this.writers.get(key);
    const first = writers?.size ? this.firstOf(writers) : undefined;
    if (old && old.first === first && old.forward.line === first.range.start.line) return;
    if (old) {
      removeFrom(this.outgoingByRef, old.forward.from, old.forward);
      removeFrom(this.incomingByRef, old.forward.to, old.forward);
      removeFrom(this.outgoingByRef, old.reverse.from, old.reverse);
      removeFrom(this.incomingByRef, old.reverse.to, old.reverse);
      this.relationsByKey.delete(key);
      if (old.forward.type === 'usesCache') caches.add(old.forward.to);
    }
    if (!first) return;
    const [from, to] = first.inverse ? [first.target!, first.holder] : [first.holder, first.target!];
    const line = first.range.start.line;
    const forward: WrittenRelation = { from, to, type: first.relation!, derived: false, file: first.file, line, range: first.range };
    const reverse: Relation = { from: to, to: from, type: REVERSE_RELATION[first.relation!], derived: true, file: first.file, line };
    this.relationsByKey.set(key, { forward, reverse, first });
    pushTo(this.outgoingByRef, from, forward);
    pushTo(this.incomingByRef, to, forward);
    pushTo(this.outgoingByRef, to, reverse);
    pushTo(this.incomingByRef, from, reverse);
    if (forward.type === 'usesCache') caches.add(to);
  }

  /** A cache without a system of its own belongs to the system of the first service that uses it. */
  private inheritSystem(ref: string): void {
    const entity = this.entities.get(ref);
    if (!entity || entity.kind !== 'cache') return;
    let system = this.sortedDeclarations(ref).find((d) => d.system !== undefined)?.system;
    if (system === undefined) {
      let best: RelationEntry | undefined;
      for (const r of this.incomingByRef.get(ref) ?? []) {
        if (r.type !== 'usesCache' || r.derived) continue;
        const entry = this.relationsByKey.get(relationKey(r.from, r.type, r.to))!;
        if (!this.entities.get(r.from)?.system) continue;
        if (!best || this.before(entry.first, best.first)) best = entry;
      }
      if (best) system = this.entities.get(best.forward.from)!.system;
    }
    if ('system' in entity || system !== undefined) entity.system = system;
  }

  // ---- diagnostics ----

  private updateDuplicates(ref: string): void {
    this.duplicates.delete(ref);
    const byOrigin = new Map<string, DeclaredEntity[]>();
    for (const d of this.sortedDeclarations(ref)) if (d.definition) (byOrigin.get(d.origin) ?? byOrigin.set(d.origin, []).get(d.origin)!).push(d);
    const found: { file: string; diagnostic: Diagnostic }[] = [];
    for (const list of byOrigin.values()) if (list.length > 1) reportDuplicates(list, (file, diagnostic) => found.push({ file, diagnostic }), this.displayPath);
    if (found.length) this.duplicates.set(ref, found);
  }

  private collectDiagnostics(): Map<string, Diagnostic[]> {
    const out = new Map<string, Diagnostic[]>();
    const add = (file: string, d: Diagnostic) => (out.get(file) ?? out.set(file, []).get(file)!).push(d);
    for (const list of this.duplicates.values()) for (const { file, diagnostic } of list) add(file, diagnostic);
    for (const occ of this.inFileOrder(this.unresolved.keys())) add(occ.file, this.unresolved.get(occ)!);
    for (const { file, diagnostic } of this.cycles) add(file, diagnostic);
    return out;
  }

  private writtenInFileOrder(): WrittenRelation[] {
    return [...this.relationsByKey.values()].sort((a, b) => (this.before(a.first, b.first) ? -1 : 1)).map((r) => r.forward);
  }

  // ---- order: files sorted, then as written (buildGraph's order) ----

  private before(a: ResolvedOccurrence, b: ResolvedOccurrence): boolean {
    return a.file < b.file || (a.file === b.file && this.position.get(a)! < this.position.get(b)!);
  }

  private firstOf(occurrences: Iterable<ResolvedOccurrence>): ResolvedOccurrence {
    let best: ResolvedOccurrence | undefined;
    for (const occ of occurrences) if (!best || this.before(occ, best)) best = occ;
    return best!;
  }

  private inFileOrder(occurrences: Iterable<ResolvedOccurrence> | undefined): ResolvedOccurrence[] {
    return occurrences ? [...occurrences].sort((a, b) => (a === b ? 0 : this.before(a, b) ? -1 : 1)) : [];
  }
}

/** The name part of a ref, lower-case: all a ref's resolution depends on. */
function nameKey(text: string): string {
  return parseRef(text).name.toLowerCase();
}

function addTo<K, V>(map: Map<K, Set<V>>, key: K, value: V): void {
  (map.get(key) ?? map.set(key, new Set()).get(key)!).add(value);
}

function deleteFrom<K, V>(map: Map<K, Set<V>>, key: K, value: V): void {
  const set = map.get(key);
  if (!set) return;
  set.delete(value);
  if (set.size === 0) map.delete(key);
}

function pushTo<V>(map: Map<string, V[]>, key: string, value: V): void {
  (map.get(key) ?? map.set(key, []).get(key)!).push(value);
}

function removeFrom<V>(map: Map<string, V[]>, key: string, value: V): void {
  const list = map.get(key);
  if (!list) return;
  const index = list.indexOf(value);
  if (index >= 0) list.splice(index, 1);
  if (list.length === 0) map.delete(key);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
