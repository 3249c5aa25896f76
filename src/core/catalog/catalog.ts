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
import { catalogInfoContribution } from './catalogInfoSource';
import type { FileContribution, FrontMatterValidator } from './contribution';
import { docContribution } from './docSource';
import { entityShapeKey, refreshDescriptions, refShapeKey } from './contributionShape';
import { GraphIndex, type FileChange } from './graphIndex';

export type CatalogFileRole = 'doc' | 'catalog-info' | 'cache-config';

/** File name patterns of catalog sources (what `catalogFileRole` accepts), for walkers. */
export const CATALOG_FILE_PATTERNS = ['**/*.md', '**/*.markdown', '**/catalog-info.yaml', '**/catalog-info.yml', '**/*.cache.yaml', '**/*.cache.yml', '**/*.cache.json'];

/** Which files feed the catalog, by name (paths with `/` or `\`). */
export function catalogFileRole(file: string): CatalogFileRole | undefined {
  const base = file.slice(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1).toLowerCase();
  if (base === 'catalog-info.yaml' || base === 'catalog-info.yml') return 'catalog-info';
  if (/\.cache\.(ya?ml|json)$/.test(base)) return 'cache-config';
  if (base.endsWith('.md') || base.endsWith('.markdown')) return 'doc';
  return undefined;
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

  /** Reads (or re-reads) one file. Returns false when the file is not a catalog source. */
  updateFile(file: string, text: string): boolean {
    const role = catalogFileRole(file);
    if (!role) return false;
    return this.apply(file, contributionOf(file, role, text, this.options.validateFrontMatter));
  }

  /** The same for a YAML/JSON source the caller already parsed (the workspace model parses once). */
  updateParsed(file: string, parsed: ParsedFile): boolean {
    const role = catalogFileRole(file);
    if (!role || role === 'doc') return false;
    return this.apply(file, role === 'catalog-info' ? catalogInfoContribution(file, parsed) : cacheConfigContribution(file, parsed));
  }

  private apply(file: string, contribution: FileContribution): boolean {
    const previous = this.contributions.get(file);
    const irrelevant = contribution.entities.length === 0 && contribution.refs.length === 0 && contribution.diagnostics.length === 0;
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

  /** Resolves `[kind:]name` the way refs in files are resolved. */
  resolve(text: string, defaultKind: Entity['kind'] = 'component'): Entity | undefined {
    const ref = this.graph.resolve(text, defaultKind);
    return ref ? this.graph.entities.get(ref) : undefined;
  }

  /** Files that contribute something, sorted. */
  files(): string[] {
    return [...this.contributions.keys()].sort();
  }

  /** The file's own problems (front matter) and the graph's problems located in it. */
  diagnostics(file: string): Diagnostic[] {
    const own = this.contributions.get(file)?.diagnostics ?? [];
    const graph = this.graph.diagnosticsByFile.get(file) ?? [];
    return [...own, ...graph].sort(compareDiagnostics);
  }

  /** Every file with catalog problems. */
  allDiagnostics(): Map<string, Diagnostic[]> {
    const out = new Map<string, Diagnostic[]>();
    const files = new Set([...this.graph.diagnosticsByFile.keys()]);
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

function contains(range: { start: Position; end: Position }, p: Position): boolean {
  const afterStart = p.line > range.start.line || (p.line === range.start.line && p.character >= range.start.character);
  const beforeEnd = p.line < range.end.line || (p.line === range.end.line && p.character <= range.end.character);
  return afterStart && beforeEnd;
}

function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
}
