// The catalog index: one contribution per file, updated per file (create/change/delete). The
// entity graph is built once from all of them when first asked for; after that each change is
// applied to it incrementally (graphIndex.ts): a change costs the changed file's parse plus the
// entities, refs and relations that depend on what it declares. Nothing rescans the workspace.
import { parseFile } from '../document/parse';
import type { ParsedFile } from '../document/model';
import type { Diagnostic, Position } from '../types';
import type { CatalogGraph, Entity, Relation } from '../graph/graphModel';
import type { ResolvedOccurrence } from './buildGraph';
import { cacheConfigContribution } from './cacheConfigSource';
import picomatch from 'picomatch';
import { CATALOG_DOCS, CATALOG_SOURCE } from './buildGraph';
import { catalogInfoContribution, hasBackstageApiVersion } from './catalogInfoSource';
import { lookupRef } from './entityRef';
import type { FileContribution, FrontMatterValidator, LocationTarget } from './contribution';
import { docContribution } from './docSource';
import { entityShapeKey, refreshDescriptions, refShapeKey } from './contributionShape';
import { GraphIndex, type FileChange } from './graphIndex';

export type CatalogFileRole = 'doc' | 'catalog-info' | 'cache-config';

/**
 * File name patterns of catalog sources (what `catalogFileRole` accepts), for walkers. Backstage
 * descriptors with other names are found by content (`catalogRoleOf`, contentRecognisers.ts).
 */
export const CATALOG_FILE_PATTERNS = ['**/*.md', '**/*.markdown', '**/catalog-info.yaml', '**/catalog-info.yml', '**/*.cache.yaml', '**/*.cache.yml', '**/*.cache.json'];

/** Which files feed the catalog, by name (paths with `/` or `\`). */
export function catalogFileRole(file: string): CatalogFileRole | undefined {
  const base = file.slice(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1).toLowerCase();
  if (base === 'catalog-info.yaml' || base === 'catalog-info.yml') return 'catalog-info';
  if (/\.cache\.(ya?ml|json)$/.test(base)) return 'cache-config';
  if (base.endsWith('.md') || base.endsWith('.markdown')) return 'doc';
  return undefined;
}

/**
 * Which files feed the catalog, by name and then by content: any other YAML/JSON file whose
 * documents have `apiVersion: backstage.io/…` is a Backstage descriptor, whatever its name. The
 * editor, the disk scan and the CLI all ask this, so an edited file joins (or leaves) the catalog
 * as soon as its content says so.
 */
export function catalogRoleOf(file: string, text: string): CatalogFileRole | undefined {
  const byName = catalogFileRole(file);
  if (byName) return byName;
  return /\.(ya?ml|json)$/i.test(file) && hasBackstageApiVersion(text) ? 'catalog-info' : undefined;
}

/** A Backstage entity of a kind the catalog does not draw, where it is declared. */
export interface UndrawnEntry {
  kind: string;
  name: string;
  namespace?: string;
  file: string;
  /** 0-based. */
  line: number;
}

export interface CatalogOptions {
  /** Front matter schema validation (the schema engine's validator, bound to the front-matter schema). */
  validateFrontMatter?: FrontMatterValidator;
  /** How messages name other files (e.g. relative to the workspace); file keys by default. */
  displayPath?: (file: string) => string;
}

export class Catalog implements CatalogGraph {
  private readonly contributions = new Map<string, FileContribution>();
  private readonly index: GraphIndex;
  /** Files changed since the index was last brought up to date, with what the index saw of each. */
  private readonly pending = new Map<string, FileContribution | undefined>();
  private listeners: (() => void)[] = [];
  /** Increments on every change that can alter the graph. */
  version = 0;

  constructor(private readonly options: CatalogOptions = {}) {
    this.index = new GraphIndex(options.displayPath);
  }

  /**
   * Reads (or re-reads) one file. Returns false when the file is not a catalog source (by name or
   * content); a file whose content stopped being a descriptor leaves the catalog.
   */
  updateFile(file: string, text: string, prepared?: FileContribution): boolean {
    const role = catalogRoleOf(file, text);
    if (!role) {
      this.removeFile(file);
      return false;
    }
    // `prepared`: the doc's contribution computed from this same text on the scan's doc worker.
    return this.apply(file, prepared && role === 'doc' ? prepared : contributionOf(file, role, text, this.options.validateFrontMatter));
  }

  /**
   * The same for a YAML/JSON source the caller already parsed (the workspace model parses once).
   * With `text`, its content decides too (Backstage descriptors of any name); without, its name.
   */
  updateParsed(file: string, parsed: ParsedFile, text?: string): boolean {
    const role = text !== undefined ? catalogRoleOf(file, text) : catalogFileRole(file);
    if (!role || role === 'doc') {
      if (text !== undefined) this.removeFile(file);
      return false;
    }
    return this.apply(file, role === 'catalog-info' ? catalogInfoContribution(file, parsed) : cacheConfigContribution(file, parsed));
  }

  /**
   * A file a format adapter reads (compose, Helm values, Spring, …): its synthetic cache layer
   * documents add their backends, caches and services like a cache config does.
   */
  updateAdapted(file: string, parsed: ParsedFile): boolean {
    return this.apply(file, cacheConfigContribution(file, parsed, { discovered: true }));
  }

  private apply(file: string, contribution: FileContribution): boolean {
    const previous = this.contributions.get(file);
    const irrelevant = contribution.entities.length === 0 && contribution.refs.length === 0 && contribution.diagnostics.length === 0
      && !contribution.undrawn?.length && !contribution.locations?.length;
    // Most Markdown files are not entity docs: skip the rebuild when nothing changes.
    if (irrelevant && !previous) return true;
    if (irrelevant) this.contributions.delete(file);
    else this.contributions.set(file, contribution);
    if (previous && !irrelevant && !this.pending.has(file) && entityShapeKey(previous) === entityShapeKey(contribution) && refShapeKey(previous) === refShapeKey(contribution)) {
      // Same nodes, same edges: refresh titles and descriptions in place.
      this.index.replaceDeclarations(previous, contribution);
      refreshDescriptions(this.index.entities, contribution, (f) => this.contributions.get(f));
      this.version++;
      for (const listener of this.listeners) listener();
      return true;
    }
    this.changed(file, previous);
    return true;
  }

  removeFile(file: string): void {
    const previous = this.contributions.get(file);
    if (previous && this.contributions.delete(file)) this.changed(file, previous);
  }

  /** Removes every file under a folder (a deleted directory). */
  removeFolder(folder: string): void {
    const prefix = folder.endsWith('/') || folder.endsWith('\\') ? folder : folder + (folder.includes('\\') && !folder.includes('/') ? '\\' : '/');
    let removed = false;
    for (const [file, previous] of [...this.contributions]) {
      if (!file.startsWith(prefix)) continue;
      this.contributions.delete(file);
      this.record(file, previous);
      removed = true;
    }
    if (removed) this.notify();
  }

  onDidChange(listener: () => void): { dispose(): void } {
    this.listeners.push(listener);
    return { dispose: () => (this.listeners = this.listeners.filter((l) => l !== listener)) };
  }

  get graph(): GraphIndex {
    if (this.pending.size) {
      const changes: FileChange[] = [...this.pending].map(([file, previous]) => ({ file, previous, next: this.contributions.get(file) }));
      this.pending.clear();
      this.index.apply(changes);
    }
    return this.index;
  }

  get entities(): ReadonlyMap<string, Entity> {
    return this.graph.entities;
  }

  get relations(): readonly Relation[] {
    return this.graph.relations;
  }

  outgoing(ref: string): readonly Relation[] {
    return this.graph.outgoing(ref);
  }

  incoming(ref: string): readonly Relation[] {
    return this.graph.incoming(ref);
  }

  entity(ref: string): Entity | undefined {
    return this.graph.entities.get(ref);
  }

  /**
   * Looks up `[kind:][namespace/]name` for people typing it (`--focus`, "show in diagram"): as
   * refs in files are resolved, except that a name without a kind that one entity alone has is
   * accepted whatever its kind. Refs written in files never fall back across kinds.
   */
  resolve(text: string, defaultKind: Entity['kind'] = 'component'): Entity | undefined {
    const ref = lookupRef(text, defaultKind, this.graph.resolver);
    return ref ? this.graph.entities.get(ref) : undefined;
  }

  /** Backstage entities of kinds the catalog does not draw, counted by kind (sorted by kind). */
  undrawnKinds(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const entry of this.undrawnEntities()) counts.set(entry.kind, (counts.get(entry.kind) ?? 0) + 1);
    return new Map([...counts].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)));
  }

  /** Every Backstage entity of a kind the catalog does not draw, by file. */
  undrawnEntities(): UndrawnEntry[] {
    const out: UndrawnEntry[] = [];
    for (const file of this.files()) {
      for (const u of this.contributions.get(file)!.undrawn ?? []) {
        out.push({ kind: u.kind, name: u.name, ...(u.namespace ? { namespace: u.namespace } : {}), file, line: u.range.start.line });
      }
    }
    return out;
  }

  /** The local targets of every Location entity: absolute globs or paths (`/` separators) to read. */
  locationPatterns(): { file: string; pattern: string }[] {
    const out: { file: string; pattern: string }[] = [];
    for (const [file, c] of this.contributions) for (const t of c.locations ?? []) if (t.pattern) out.push({ file, pattern: t.pattern });
    return out;
  }

  /** Files that contribute something, sorted. */
  files(): string[] {
    return [...this.contributions.keys()].sort();
  }

  /** The file's own problems (front matter, descriptors), its Location targets' and the graph's problems located in it. */
  diagnostics(file: string): Diagnostic[] {
    const own = this.contributions.get(file)?.diagnostics ?? [];
    const locations = this.locationProblems().get(file) ?? [];
    const graph = this.graph.diagnosticsByFile.get(file) ?? [];
    return [...own, ...locations, ...graph].sort(compareDiagnostics);
  }

  /**
   * The problems of the file alone (its front matter, its Backstage descriptors), without those
   * that depend on other files (refs, duplicates, cycles, Location targets).
   */
  fileDiagnostics(file: string): Diagnostic[] {
    return [...(this.contributions.get(file)?.diagnostics ?? [])].sort(compareDiagnostics);
  }

  /** Every file with catalog problems. */
  allDiagnostics(): Map<string, Diagnostic[]> {
    const out = new Map<string, Diagnostic[]>();
    const files = new Set([...this.graph.diagnosticsByFile.keys(), ...this.locationProblems().keys()]);
    for (const [file, c] of this.contributions) if (c.diagnostics.length) files.add(file);
    for (const file of [...files].sort()) out.set(file, this.diagnostics(file));
    return out;
  }

  /** Every ref written in a file, with what it resolves to. */
  refsInFile(file: string): readonly ResolvedOccurrence[] {
    return this.graph.occurrencesByFile.get(file) ?? [];
  }

  /** The ref under a position (for Go to Definition and hover). */
  refAt(file: string, position: Position): ResolvedOccurrence | undefined {
    return this.refsInFile(file).find((r) => contains(r.range, position));
  }

  /** The entity a file documents or declares first (the diagram's default focus). */
  entityOfFile(file: string): Entity | undefined {
    const declared = this.graph.declarationsByFile.get(file);
    return declared?.length ? this.graph.entities.get(declared[0].ref) : undefined;
  }

  private locationCache: { version: number; byFile: Map<string, Diagnostic[]> } | undefined;

  /**
   * Location targets that select no file declaring Backstage entities (a typo, a moved folder):
   * reported at the target, since nothing is read from them. Recomputed when the catalog changes.
   */
  private locationProblems(): Map<string, Diagnostic[]> {
    if (this.locationCache?.version === this.version) return this.locationCache.byFile;
    const byFile = new Map<string, Diagnostic[]>();
    const withTargets = [...this.contributions.values()].filter((c) => c.locations?.some((t) => t.pattern));
    if (withTargets.length) {
      const known = [...this.contributions.values()].filter((c) => c.origin === 'catalog-info').map((c) => toSlashes(c.file));
      for (const c of withTargets) {
        for (const target of c.locations!) {
          if (!target.pattern || known.some(targetMatcher(target))) continue;
          (byFile.get(c.file) ?? byFile.set(c.file, []).get(c.file)!).push({
            code: 'catalog-location-target-missing',
            severity: 'warning',
            message: `\`${target.target}\` (Location target) selects no file that declares Backstage entities, so nothing is read from it. Fix the path or glob (it is read relative to this file's folder).`,
            range: target.range,
            source: CATALOG_SOURCE,
            docsUrl: `${CATALOG_DOCS}#which-files`,
          });
        }
      }
    }
    this.locationCache = { version: this.version, byFile };
    return byFile;
  }

  private changed(file: string, previous: FileContribution | undefined): void {
    this.record(file, previous);
    this.notify();
  }

  /** Remembers what the index last saw of a file; the index catches up when the graph is read. */
  private record(file: string, previous: FileContribution | undefined): void {
    if (!this.pending.has(file)) this.pending.set(file, previous);
  }

  private notify(): void {
    this.version++;
    for (const listener of this.listeners) listener();
  }
}

export function contributionOf(file: string, role: CatalogFileRole, text: string, validate?: FrontMatterValidator): FileContribution {
  if (role === 'doc') return docContribution(file, text, validate);
  const parsed = parseFile(text);
  return role === 'catalog-info' ? catalogInfoContribution(file, parsed) : cacheConfigContribution(file, parsed);
}

function toSlashes(file: string): string {
  return file.replace(/\\/g, '/');
}

/** Does a file (with `/` separators) match a Location target's pattern (a path or a glob)? */
function targetMatcher(target: LocationTarget): (file: string) => boolean {
  const pattern = target.pattern!;
  if (!picomatch.scan(pattern).isGlob) return (file) => file === pattern;
  const matches = picomatch(pattern, { dot: true });
  return (file) => matches(file);
}

function contains(range: { start: Position; end: Position }, p: Position): boolean {
  const afterStart = p.line > range.start.line || (p.line === range.start.line && p.character >= range.start.character);
  const beforeEnd = p.line < range.end.line || (p.line === range.end.line && p.character <= range.end.character);
  return afterStart && beforeEnd;
}

function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
}
