// Assembles the entity graph from every file's contribution in one pass: merges declarations,
// resolves refs leniently, adds the derived reverse of each written relation, and reports
// unresolved refs, duplicates and cycles at the text that causes them. Pure and deterministic
// (files are sorted). This is the reference definition of the graph: the catalog keeps the same
// result up to date file by file (graphIndex.ts, which shares the helpers below), and the
// differential tests compare the two after random edits.
import type { Diagnostic, Range } from '../types';
import { REVERSE_RELATION, type CatalogGraph, type Entity, type Relation, type SourceOrigin } from '../graph/graphModel';
import type { DeclaredEntity, FileContribution, RefOccurrence } from './contribution';
import { DEFAULT_NAMESPACE, formatRef, nameOfRef, namespaceOfRef, parseRef, refPath, resolveRef, type RefResolver, type Resolution } from './entityRef';
import { dependencyCycleDiagnostics } from './cycles';

export const CATALOG_SOURCE = 'cache-warden (catalog)';
export const CATALOG_DOCS = 'docs/catalog.md';

export interface ResolvedOccurrence extends RefOccurrence {
  file: string;
  /** The entity the ref resolves to, if any. */
  target?: string;
}

/** A written relation plus the text that wrote it (for cycle diagnostics). */
export interface WrittenRelation extends Relation {
  file: string;
  range: Range;
}

export interface BuiltGraph extends CatalogGraph {
  entities: Map<string, Entity>;
  relations: Relation[];
  /** Graph problems (unresolved, duplicates, cycles) by file. */
  diagnosticsByFile: Map<string, Diagnostic[]>;
  occurrencesByFile: Map<string, ResolvedOccurrence[]>;
  declarationsByFile: Map<string, DeclaredEntity[]>;
  resolve(text: string, defaultKind: Entity['kind']): string | undefined;
  /** What an incremental update needs; not for consumers. */
  core: GraphCore;
  adjacency: Adjacency;
  cycles: { file: string; diagnostic: Diagnostic }[];
}

export interface Adjacency {
  outgoing: Map<string, Relation[]>;
  incoming: Map<string, Relation[]>;
}

export const ORIGIN_RANK: Record<SourceOrigin, number> = { doc: 0, 'catalog-info': 1, 'cache-config': 2 };

/** `displayPath` turns a file key into what messages show (relative to the workspace or cwd). */
export function buildGraph(contributions: Iterable<FileContribution>, displayPath: (file: string) => string = (f) => f): BuiltGraph {
  const sorted = [...contributions].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  const diagnosticsByFile = new Map<string, Diagnostic[]>();
  const report = (file: string, diagnostic: Diagnostic): void => {
    const list = diagnosticsByFile.get(file);
    if (list) list.push(diagnostic);
    else diagnosticsByFile.set(file, [diagnostic]);
  };

  // 1. Declarations, docs first: the doc's title/owner win over a config's.
  const declarations: DeclaredEntity[] = [];
  const declarationsByFile = new Map<string, DeclaredEntity[]>();
  for (const c of sorted) {
    declarations.push(...c.entities);
    if (c.entities.length) declarationsByFile.set(c.file, c.entities);
  }
  declarations.sort((a, b) => ORIGIN_RANK[a.origin] - ORIGIN_RANK[b.origin] || (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  const entities = new Map<string, Entity>();
  const definitions = new Map<string, DeclaredEntity[]>();
  for (const d of declarations) {
    mergeDeclaration(entities, d);
    if (d.definition) {
      const key = `${d.origin} ${d.ref}`;
      const list = definitions.get(key);
      if (list) list.push(d);
      else definitions.set(key, [d]);
    }
  }
  for (const list of definitions.values()) if (list.length > 1) reportDuplicates(list, report, displayPath);

  const byName = new Map<string, string[]>();
  const index = (e: Entity): void => {
    const key = e.name.toLowerCase();
    const list = byName.get(key);
    if (list) list.push(e.ref);
    else byName.set(key, [e.ref]);
  };
  for (const e of entities.values()) index(e);
  const resolver: RefResolver = { has: (ref) => entities.has(ref), refsNamed: (name) => byName.get(name.toLowerCase()) ?? [] };

  // 2. Refs. Implying refs go first so docs can point at a datastore only a config mentions.
  const occurrencesByFile = new Map<string, ResolvedOccurrence[]>();
  const all: ResolvedOccurrence[] = [];
  for (const c of sorted) {
    const list = c.refs.map((r) => ({ ...r, file: c.file }));
    if (list.length) occurrencesByFile.set(c.file, list);
    all.push(...list);
  }
  for (const occ of all) {
    if (occ.onMissing !== 'imply') continue;
    const resolution = resolveRef(occ.text, occ.defaultKind, resolver, occ.defaultNamespace);
    if (resolution.ok) occ.target = resolution.ref;
    else if (resolution.reason === 'missing' && occ.implied) {
      const ref = impliedRef(occ);
      if (!entities.has(ref)) {
        const implied = impliedEntity(occ, ref);
        entities.set(ref, implied);
        index(implied);
      }
      entities.get(ref)!.sources.push({ file: occ.file, line: occ.range.start.line, origin: 'cache-config' });
      occ.target = ref;
      const hint = unresolvedProblem(occ, resolution);
      if (hint) report(occ.file, hint);
    } else report(occ.file, unresolvedDiagnostic(occ, resolution));
  }
  // The entity set is final now: the same ref written in many files resolves once.
  const resolved = new Map<string, ReturnType<typeof resolveRef>>();
  for (const occ of all) {
    if (occ.onMissing === 'imply') continue;
    if (occ.localTarget) {
      occ.target = occ.localTarget;
      continue;
    }
    const key = `${occ.defaultKind}\u0000${occ.defaultNamespace ?? ''}\u0000${occ.text}`;
    let resolution = resolved.get(key);
    if (!resolution) resolved.set(key, (resolution = resolveRef(occ.text, occ.defaultKind, resolver, occ.defaultNamespace)));
    if (resolution.ok) occ.target = resolution.ref;
    else {
      const problem = unresolvedProblem(occ, resolution);
      if (problem) report(occ.file, problem);
    }
  }

  // 3. Relations: each written one once, plus its derived reverse.
  const relations: Relation[] = [];
  const written: WrittenRelation[] = [];
  const writers = new Map<string, string[]>();
  for (const occ of all) addRelation(occ, relations, written, writers);
  // A cache belongs to its service's system (filters and collapsing group them together).
  for (const r of written) {
    if (r.type !== 'usesCache') continue;
    const cache = entities.get(r.to);
    const system = entities.get(r.from)?.system;
    if (cache && system) cache.system ??= system;
  }
  return finishGraph({ entities, resolver, occurrencesByFile, declarationsByFile, relations, written, writers, nonCycleByFile: diagnosticsByFile });
}

/** The parts of a built graph an incremental update starts from. */
export interface GraphCore {
  entities: Map<string, Entity>;
  resolver: RefResolver;
  occurrencesByFile: Map<string, ResolvedOccurrence[]>;
  declarationsByFile: Map<string, DeclaredEntity[]>;
  relations: Relation[];
  written: WrittenRelation[];
  /** Relation key → the files that write it (the first one's relation is used). */
  writers: Map<string, string[]>;
  /** Unresolved refs and duplicates by file (cycles are recomputed from `written`). */
  nonCycleByFile: Map<string, Diagnostic[]>;
}

export function relationKey(from: string, type: string, to: string): string {
  return `${from}\u0000${type}\u0000${to}`;
}

/** Adds the relation an occurrence writes (if resolved and not already written elsewhere). */
export function addRelation(occ: ResolvedOccurrence, relations: Relation[], written: WrittenRelation[], writers: Map<string, string[]>): void {
  if (!occ.relation || !occ.target) return;
  const [from, to] = occ.inverse ? [occ.target, occ.holder] : [occ.holder, occ.target];
  const key = relationKey(from, occ.relation, to);
  const existing = writers.get(key);
  if (existing) {
    existing.push(occ.file);
    return;
  }
  writers.set(key, [occ.file]);
  const line = occ.range.start.line;
  const forward: WrittenRelation = { from, to, type: occ.relation, derived: false, file: occ.file, line, range: occ.range };
  written.push(forward);
  relations.push(forward); // the same object: it only carries its range as well
  relations.push({ from: to, to: from, type: REVERSE_RELATION[occ.relation], derived: true, file: occ.file, line });
}

/** Cycles, adjacency and the merged diagnostics: the part every (re)build ends with. */
export function finishGraph(core: GraphCore, adjacency?: Adjacency, cycles?: { file: string; diagnostic: Diagnostic }[]): BuiltGraph {
  const cycleDiagnostics = cycles ?? dependencyCycleDiagnostics(core.written);
  const diagnosticsByFile = new Map<string, Diagnostic[]>();
  for (const [file, list] of core.nonCycleByFile) diagnosticsByFile.set(file, [...list]);
  for (const d of cycleDiagnostics) {
    (diagnosticsByFile.get(d.file) ?? diagnosticsByFile.set(d.file, []).get(d.file)!).push(d.diagnostic);
  }
  let outgoing: Map<string, Relation[]>;
  let incoming: Map<string, Relation[]>;
  if (adjacency) ({ outgoing, incoming } = adjacency);
  else {
    outgoing = new Map();
    incoming = new Map();
    for (const r of core.relations) {
      (outgoing.get(r.from) ?? outgoing.set(r.from, []).get(r.from)!).push(r);
      (incoming.get(r.to) ?? incoming.set(r.to, []).get(r.to)!).push(r);
    }
  }
  return {
    adjacency: { outgoing, incoming },
    cycles: cycleDiagnostics,
    entities: core.entities,
    relations: core.relations,
    outgoing: (ref) => outgoing.get(ref) ?? [],
    incoming: (ref) => incoming.get(ref) ?? [],
    diagnosticsByFile,
    occurrencesByFile: core.occurrencesByFile,
    declarationsByFile: core.declarationsByFile,
    resolve: (text, defaultKind) => {
      const r = resolveRef(text, defaultKind, core.resolver);
      return r.ok ? r.ref : undefined;
    },
    core,
  };
}

export function mergeDeclaration(entities: Map<string, Entity>, d: DeclaredEntity): void {
  let e = entities.get(d.ref);
  if (!e) {
    e = { ref: d.ref, kind: d.kind, name: d.name, ...(d.namespace !== undefined ? { namespace: d.namespace } : {}), sources: [], configFiles: [] };
    entities.set(d.ref, e);
  }
  e.sources.push({ file: d.file, line: d.range.start.line, origin: d.origin });
  if (d.origin === 'cache-config' && !e.configFiles.includes(d.file)) e.configFiles.push(d.file);
  e.type ??= d.type;
  e.title ??= d.title;
  e.owner ??= d.owner;
  e.system ??= d.system;
  e.description ??= d.description;
  e.tags ??= d.tags;
  if (d.runbook !== undefined) e.runbook ??= d.runbook;
  if (d.docFile && e.docFile === undefined) {
    e.docFile = d.docFile;
    e.docLine = d.docLine;
  }
  if (d.domain !== undefined) e.domain ??= d.domain;
  // Last, so an in-place refresh that adds links keeps the key order of a fresh merge.
  if (d.links !== undefined) e.links ??= d.links;
}

/** The entity a cache config's `fronts.name` implies when nobody declares it. */
export function impliedRef(occ: ResolvedOccurrence): string {
  const parsed = parseRef(occ.text);
  return formatRef(occ.implied!.kind, parsed.name, parsed.namespace ?? occ.defaultNamespace);
}

export function impliedEntity(occ: ResolvedOccurrence, ref: string): Entity {
  const parsed = parseRef(occ.text);
  const namespace = namespaceOfRef(ref);
  return { ref, kind: occ.implied!.kind, name: parsed.name, ...(namespace !== DEFAULT_NAMESPACE ? { namespace } : {}), type: occ.implied!.type, sources: [], configFiles: [] };
}

export function reportDuplicates(list: DeclaredEntity[], report: (file: string, d: Diagnostic) => void, displayPath: (file: string) => string): void {
  for (const d of list) {
    const others = list.filter((o) => o !== d);
    report(d.file, {
      code: 'catalog-duplicate-entity',
      severity: 'error',
      message: `\`${d.ref}\` is declared more than once; it is also declared in ${others.map((o) => `${displayPath(o.file)}:${o.range.start.line + 1}`).join(', ')}. Give each entity a unique id.`,
      range: d.range,
      source: CATALOG_SOURCE,
      docsUrl: `${CATALOG_DOCS}#duplicate-entities`,
      related: others.map((o) => ({ uri: o.file, range: o.range, message: `\`${o.ref}\` is also declared here.` })),
      data: { ref: d.ref },
    });
  }
}

type Unresolved = Extract<Resolution, { ok: false }>;

/**
 * The problem an unresolved ref is, if any: always for fields that report (a warning); for label
 * fields (owner, system, domain) and implied datastores only when an entity of that name exists
 * in another kind or namespace — then the writer probably meant it (information).
 */
export function unresolvedProblem(occ: ResolvedOccurrence, resolution: Unresolved): Diagnostic | undefined {
  if (occ.onMissing === 'report') return unresolvedDiagnostic(occ, resolution);
  if (resolution.reason === 'missing' && resolution.others.length) return { ...unresolvedDiagnostic(occ, resolution), severity: 'information' };
  return undefined;
}

export function unresolvedDiagnostic(occ: ResolvedOccurrence, resolution: Unresolved): Diagnostic {
  const written = occ.text.trim();
  let message: string;
  if (resolution.reason === 'unknown-kind') {
    message = `\`${written}\` (${occ.field}) has a kind the catalog does not know; use component, resource, api, system, domain, group, user, location or cache.`;
  } else if (resolution.others.length) {
    const wantedKind = resolution.wanted.slice(0, resolution.wanted.indexOf(':'));
    const writer = occ.defaultNamespace ?? DEFAULT_NAMESPACE;
    const described = resolution.others.map((ref) => `${article(ref)} ${ref.slice(0, ref.indexOf(':'))} ${refPath(ref)}`);
    const spelled = resolution.others.map((ref) => `\`${writtenForm(ref, writer)}\``);
    message = `\`${written}\` (${occ.field}): no ${wantedKind} named ${refPath(resolution.wanted)} (there ${described.length === 1 ? 'is' : 'are'} ${joinList(described, 'and')}: write ${joinList(spelled, 'or')} if that is meant).`;
  } else {
    message = `\`${written}\` (${occ.field}) matches no entity in the catalog. Declare \`${resolution.wanted}\` in a doc's front matter or a catalog-info.yaml, or fix the name.`;
  }
  return {
    code: 'catalog-unresolved-ref',
    severity: 'warning',
    message,
    range: occ.range,
    source: CATALOG_SOURCE,
    docsUrl: `${CATALOG_DOCS}#unresolved-refs`,
    data: { ref: written, field: occ.field },
  };
}

/** How a ref is written from an entity in `namespace`: the namespace is spelled out when it differs. */
function writtenForm(ref: string, namespace: string): string {
  const kind = ref.slice(0, ref.indexOf(':'));
  const target = namespaceOfRef(ref);
  const name = nameOfRef(ref);
  return target === namespace ? `${kind}:${name}` : `${kind}:${target}/${name}`;
}

function article(ref: string): string {
  return ref.startsWith('api:') ? 'an' : 'a';
}

function joinList(items: string[], conjunction: string): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} ${conjunction} ${items[items.length - 1]}`;
}
