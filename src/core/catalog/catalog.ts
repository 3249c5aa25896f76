// The catalog index: one contribution per file, updated per file (create/change/delete), and the
// entity graph assembled lazily from them when someone asks. A change costs the changed file's
// parse plus one linear re-assembly; nothing rescans the workspace.
import { parseFile } from '../document/parse';
import type { Diagnostic, Position } from '../types';
import type { CatalogGraph, Entity, Relation } from '../graph/graphModel';
import { buildGraph, type BuiltGraph, type ResolvedOccurrence } from './buildGraph';
import { cacheConfigContribution } from './cacheConfigSource';
import { catalogInfoContribution } from './catalogInfoSource';
import type { FileContribution, FrontMatterValidator } from './contribution';
import { docContribution } from './docSource';
import { entityShapeKey, refreshDescriptions, refShapeKey } from './contributionShape';
import { patchGraph } from './patchGraph';

export type CatalogFileRole = 'doc' | 'catalog-info' | 'cache-config';

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
  private built: BuiltGraph | undefined;
  private listeners: (() => void)[] = [];
  /** Increments on every change that can alter the graph. */
  version = 0;

  constructor(private readonly options: CatalogOptions = {}) {}

  /** Reads (or re-reads) one file. Returns false when the file is not a catalog source. */
  updateFile(file: string, text: string): boolean {
    const role = catalogFileRole(file);
    if (!role) return false;
    const contribution = contributionOf(file, role, text, this.options.validateFrontMatter);
    const previous = this.contributions.get(file);
    const irrelevant = contribution.entities.length === 0 && contribution.refs.length === 0 && contribution.diagnostics.length === 0;
    // Most Markdown files are not entity docs: skip the rebuild when nothing changes.
    if (irrelevant && !previous) return true;
    if (irrelevant) this.contributions.delete(file);
    else this.contributions.set(file, contribution);
    if (previous && !irrelevant && this.built && entityShapeKey(previous) === entityShapeKey(contribution)) {
      // Same nodes: same edges too → refresh titles/descriptions in place; other edges → patch.
      const patched = refShapeKey(previous) === refShapeKey(contribution) ? this.built : patchGraph(this.built, previous, contribution);
      if (patched) {
        this.built = patched;
        refreshDescriptions(patched.entities, contribution, (f) => this.contributions.get(f));
        this.version++;
        for (const listener of this.listeners) listener();
        return true;
      }
    }
    this.changed();
    return true;
  }

  removeFile(file: string): void {
    if (this.contributions.delete(file)) this.changed();
  }

  /** Removes every file under a folder (a deleted directory). */
  removeFolder(folder: string): void {
    const prefix = folder.endsWith('/') || folder.endsWith('\\') ? folder : folder + (folder.includes('\\') && !folder.includes('/') ? '\\' : '/');
    let removed = false;
    for (const file of [...this.contributions.keys()]) {
      if (file.startsWith(prefix)) removed = this.contributions.delete(file) || removed;
    }
    if (removed) this.changed();
  }

  onDidChange(listener: () => void): { dispose(): void } {
    this.listeners.push(listener);
    return { dispose: () => (this.listeners = this.listeners.filter((l) => l !== listener)) };
  }

  get graph(): BuiltGraph {
    return (this.built ??= buildGraph(this.contributions.values(), this.options.displayPath));
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

  private changed(): void {
    this.built = undefined;
    this.version++;
    for (const listener of this.listeners) listener();
  }
}

function contributionOf(file: string, role: CatalogFileRole, text: string, validate?: FrontMatterValidator): FileContribution {
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
