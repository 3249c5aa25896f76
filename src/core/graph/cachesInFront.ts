// "What reaches this datastore", ranked for on-call: which datastores have misconfigured caches in
// front of them, and for one datastore, the caches on the paths into it with their findings. The
// findings are the model's own diagnostics of the files that declare each cache, charged to the
// entity declared around them exactly as node status is (nodeStatus.ts), so the ranking, the side
// list and the badges in the diagram always agree. Plain data in, plain data out: the language
// server answers the requests with it, the CLI and tests call it directly.
import type { Range } from '../types';
import { formatRef } from '../catalog/entityRef';
import type { CatalogGraph, Entity } from './graphModel';
import { chargedTo, type DeclarationLookup, type StatusDiagnostic } from './nodeStatus';
import { backendsOf, isCache, isDatastore, whatReaches } from './queries';

/** A problem of a cache (error or warning), where it is written. */
export interface EntityFinding {
  code: string;
  severity: 'error' | 'warning';
  message: string;
  /** The file (catalog key) the finding is in, and its range there. */
  file: string;
  range: Range;
}

/** A diagnostic as the model has it: what `findingsByEntity` needs. */
export interface FindingDiagnostic extends StatusDiagnostic {
  message: string;
  range: Range;
}

/** A cache (or cache server) on a path into a datastore, with what is wrong with it. */
export interface CacheInFront {
  ref: string;
  label: string;
  kind: string;
  errors: number;
  warnings: number;
  /** Errors first, then warnings, each in the order they are written. */
  findings: EntityFinding[];
}

/** A datastore and the caches in front of it, ranked worst first. */
export interface DatastoreRank {
  ref: string;
  label: string;
  type?: string;
  /** A cache config backend declared with `role: store` (sessions, queues: data that must not be lost). */
  store: boolean;
  caches: CacheInFront[];
  /** Totals over the caches in front. */
  errors: number;
  warnings: number;
  /** How many of the caches in front have at least one finding. */
  withProblems: number;
}

/**
 * Each entity's findings: every error and warning of the files that declare entities, charged to
 * the innermost declaration around it (else the file's first), as node status counts them.
 */
export function findingsByEntity(catalog: DeclarationLookup, diagnosticsByFile: ReadonlyMap<string, readonly FindingDiagnostic[]>): Map<string, EntityFinding[]> {
  const out = new Map<string, EntityFinding[]>();
  for (const [file, diagnostics] of diagnosticsByFile) {
    const declared = catalog.graph.declarationsByFile.get(file);
    if (!declared?.length) continue;
    for (const d of diagnostics) {
      if (d.severity !== 'error' && d.severity !== 'warning') continue;
      const ref = chargedTo(declared, d);
      const list = out.get(ref) ?? [];
      list.push({ code: d.code, severity: d.severity, message: d.message, file, range: d.range });
      out.set(ref, list);
    }
  }
  for (const list of out.values()) list.sort(compareFindings);
  return out;
}

function compareFindings(a: EntityFinding, b: EntityFinding): number {
  return severityRank(a.severity) - severityRank(b.severity)
    || cmp(a.file, b.file)
    || a.range.start.line - b.range.start.line
    || a.range.start.character - b.range.start.character
    || cmp(a.code, b.code);
}

function severityRank(severity: string): number {
  return severity === 'error' ? 0 : 1;
}

/** Worst first: more errors, then more warnings, then by name. */
export function compareBySeverity(a: { errors: number; warnings: number; label: string; ref: string }, b: { errors: number; warnings: number; label: string; ref: string }): number {
  return b.errors - a.errors || b.warnings - a.warnings || a.label.localeCompare(b.label) || cmp(a.ref, b.ref);
}

/** The refs of cache config backends declared with `role: store`. */
export function storeBackendRefs(backends: Iterable<{ name: string; role: string }>): Set<string> {
  const out = new Set<string>();
  for (const backend of backends) if (backend.role === 'store') out.add(formatRef('resource', backend.name));
  return out;
}

/**
 * A datastore for "What Reaches…": a resource typed as a database or store (or fronted by a cache)
 * that is not itself a cache, or a cache config backend with `role: store`.
 */
export function isRankedDatastore(graph: CatalogGraph, entity: Entity, storeBackends: ReadonlySet<string>): boolean {
  if (storeBackends.has(entity.ref)) return entity.kind === 'resource';
  return isDatastore(graph, entity) && !isCache(graph, entity);
}

/**
 * The caches on some path into `target` and the cache servers they are stored in (the target
 * itself left out), worst first: the same caches and backends the "what reaches" view draws.
 */
export function cachesInFront(graph: CatalogGraph, target: string, findings: ReadonlyMap<string, readonly EntityFinding[]>): CacheInFront[] {
  if (!graph.entities.has(target)) return [];
  const onPath = whatReaches(graph, target).caches;
  const refs = new Set(onPath);
  for (const r of backendsOf(graph, onPath)) if (isCache(graph, graph.entities.get(r.to))) refs.add(r.to);
  const caches: CacheInFront[] = [];
  for (const ref of refs) {
    if (ref === target) continue;
    const entity = graph.entities.get(ref);
    if (!entity) continue;
    const list = [...(findings.get(ref) ?? [])];
    caches.push({
      ref,
      label: entity.title ?? entity.name,
      kind: entity.kind,
      errors: list.filter((f) => f.severity === 'error').length,
      warnings: list.filter((f) => f.severity === 'warning').length,
      findings: list,
    });
  }
  return caches.sort(compareBySeverity);
}

/** One datastore's rank entry (also for an entity that is not a datastore, e.g. one named by a hover). */
export function datastoreRank(graph: CatalogGraph, entity: Entity, findings: ReadonlyMap<string, readonly EntityFinding[]>, storeBackends: ReadonlySet<string> = new Set()): DatastoreRank {
  const caches = cachesInFront(graph, entity.ref, findings);
  return {
    ref: entity.ref,
    label: entity.title ?? entity.name,
    ...(entity.type ? { type: entity.type } : {}),
    store: storeBackends.has(entity.ref),
    caches,
    errors: caches.reduce((sum, c) => sum + c.errors, 0),
    warnings: caches.reduce((sum, c) => sum + c.warnings, 0),
    withProblems: caches.filter((c) => c.errors + c.warnings > 0).length,
  };
}

/**
 * Every datastore, ranked by the misconfigured caches in front of it: most errors over its caches
 * first, then most warnings, then by name.
 */
export function rankDatastores(graph: CatalogGraph, findings: ReadonlyMap<string, readonly EntityFinding[]>, storeBackends: ReadonlySet<string> = new Set()): DatastoreRank[] {
  const out: DatastoreRank[] = [];
  for (const entity of graph.entities.values()) {
    if (isRankedDatastore(graph, entity, storeBackends)) out.push(datastoreRank(graph, entity, findings, storeBackends));
  }
  return out.sort(compareBySeverity);
}

/** "3 caches in front, 2 with problems (5 errors, 1 warning)": what a picker says about a datastore. */
export function describeFront(caches: number, withProblems: number, errors: number, warnings: number): string {
  if (caches === 0) return 'no cache in front';
  const front = `${caches} ${caches === 1 ? 'cache' : 'caches'} in front`;
  if (withProblems === 0) return `${front}, none with problems`;
  return `${front}, ${withProblems} with problems (${problemCounts(errors, warnings)})`;
}

/** "2 errors, 1 warning" (only the non-zero parts). */
export function problemCounts(errors: number, warnings: number): string {
  const parts: string[] = [];
  if (errors) parts.push(`${errors} ${errors === 1 ? 'error' : 'errors'}`);
  if (warnings) parts.push(`${warnings} ${warnings === 1 ? 'warning' : 'warnings'}`);
  return parts.join(', ') || 'no problems';
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
