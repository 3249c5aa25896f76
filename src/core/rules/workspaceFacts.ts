// What cross-file rules need to know about every cache config in the workspace: the backends each
// file declares and the caches each file runs on them. Facts are extracted per file and merged into
// an index keyed by name, so replacing or removing one file's facts costs that file's size only.
import type { ParsedFile } from '../document/model';
import type { Range } from '../types';
import {
  asObject, asString, backendRefName, backendsOf, cachesOf, effectiveEviction, get, isCacheLayer, parseSizeOf,
} from './cacheLayer';
import { parseDuration } from './durations';
import { rangeFor } from './ranges';

export interface BackendFact {
  file: string;
  name: string;
  type?: string;
  role: string;
  /** The eviction in effect (Redis defaults to noeviction), undefined when unknown. */
  eviction?: string;
  maxMemoryBytes?: number;
  /** Where the eviction is written (or the backend's name when it is not). */
  range: Range;
  /** Where the backend is declared (its `name`). */
  nameRange: Range;
  /**
   * Other names the backend answers to: a Redis found in a compose file or a Helm release is
   * reached as its service name, `<svc>.<namespace>`, `<release>-master` and so on.
   */
  aliases?: string[];
  /** Read from a config that deploys it (compose, Helm, redis.conf, …), not declared in a cache layer file. */
  deployed?: true;
  /** A declared backend's `deployedBy`: the file that deploys it (absolute), or the deployed backend's name. */
  deployedBy?: string;
  /** Where `maxMemory` is written (or the backend's name when it is not). */
  maxMemoryRange?: Range;
  /** The eviction is written in the file (not a default such as Redis's noeviction). */
  evictionWritten?: true;
}

export type TtlKind = 'finite' | 'zero' | 'never' | 'missing' | 'unreadable';

export interface CacheFact {
  file: string;
  name: string;
  /** The bare backend name this cache refers to (entity refs reduced to the name). */
  backend: string;
  ttl: TtlKind;
  /** Where `ttl.value` is written (or the nearest parent when missing). */
  range: Range;
}

export interface FileFacts {
  backends: BackendFact[];
  caches: CacheFact[];
}

export function ttlKindOf(value: unknown, present: boolean): TtlKind {
  if (!present) return 'missing';
  const parsed = parseDuration(value);
  if (parsed === 'never') return 'never';
  if (parsed === 0) return 'zero';
  return parsed === undefined ? 'unreadable' : 'finite';
}

/** Facts of one parsed file (every CacheLayer document in it); `deployed` for files a format adapter read. */
export function factsOfFile(file: string, parsed: ParsedFile, deployed = false): FileFacts {
  const facts: FileFacts = { backends: [], caches: [] };
  for (const doc of parsed.documents) {
    if (doc.syntaxErrors.some((d) => d.severity === 'error') || !isCacheLayer(doc.value)) continue;
    const located = { doc, lines: parsed.lines };
    for (const { backend, pointer, name } of backendsOf(doc.value)) {
      const type = asString(backend.type);
      facts.backends.push({
        file,
        name,
        type,
        role: asString(backend.role) ?? 'cache',
        eviction: effectiveEviction(type, asString(backend.eviction)),
        maxMemoryBytes: parseSizeOf(backend.maxMemory),
        range: rangeFor(located, `${pointer}/eviction`),
        nameRange: rangeFor(located, `${pointer}/name`),
        ...aliasesOf(backend.aliases, name),
        maxMemoryRange: rangeFor(located, `${pointer}/maxMemory`),
        ...(asString(backend.eviction) !== undefined ? { evictionWritten: true as const } : {}),
        ...(deployed ? { deployed: true as const } : deployedByOf(file, backend.deployedBy)),
      });
    }
    for (const { cache, pointer, name } of cachesOf(doc.value)) {
      const ref = asString(cache.backend);
      if (!ref) continue;
      const ttl = asObject(cache.ttl);
      facts.caches.push({
        file,
        name,
        backend: backendRefName(ref),
        ttl: ttlKindOf(get(cache, 'ttl', 'value'), ttl !== undefined && 'value' in ttl),
        range: rangeFor(located, `${pointer}/ttl/value`),
      });
    }
  }
  return facts;
}

/** `deployedBy: deploy/redis/values.yaml` (relative to the config) → that file; a bare name stays a name. */
function deployedByOf(file: string, value: unknown): { deployedBy?: string } {
  if (typeof value !== 'string' || value.trim() === '') return {};
  const written = value.trim();
  if (!/[/\\]|\.[a-z]+$/i.test(written)) return { deployedBy: written };
  const separator = file.includes('\\') && !file.includes('/') ? '\\' : '/';
  const folder = file.slice(0, Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')));
  const parts: string[] = folder.split(/[/\\]/);
  for (const segment of written.split(/[/\\]/)) {
    if (segment === '..') parts.pop();
    else if (segment !== '.' && segment !== '') parts.push(segment);
  }
  return { deployedBy: parts.join(separator) };
}

function aliasesOf(value: unknown, name: string): { aliases?: string[] } {
  if (!Array.isArray(value)) return {};
  const aliases = [...new Set(value.filter((a): a is string => typeof a === 'string' && a !== '' && a !== name))];
  return aliases.length ? { aliases } : {};
}

/** Every name a backend is found by. */
export function namesOf(backend: BackendFact): string[] {
  return backend.aliases ? [backend.name, ...backend.aliases] : [backend.name];
}

/** The merged, incrementally updated index of every file's facts. */
export class WorkspaceFacts {
  private readonly files = new Map<string, FileFacts>();
  /** semanticKey() of each stored file's facts, so a set() serializes only the new facts. */
  private readonly keys = new Map<string, string>();
  private readonly backendsByName = new Map<string, BackendFact[]>();
  private readonly cachesByBackend = new Map<string, CacheFact[]>();
  /** Declared backends by their `deployedBy` (a file's absolute path, or a name): CW014's other end. */
  private readonly backendsByDeployedBy = new Map<string, BackendFact[]>();
  /** cachesOn() answers, valid until the next set/delete: rules ask once per cache. */
  private readonly cachesOnBackend = new Map<BackendFact, CacheFact[]>();

  /**
   * Replace a file's facts; returns true when they changed in a way that can change findings in
   * other files. Moved ranges alone (an edit above a cache) are stored but do not count, so typing
   * does not re-check every file that shares a backend; their related locations catch up on their
   * next analysis.
   */
  set(file: string, facts: FileFacts): boolean {
    const previous = this.files.get(file);
    const key = semanticKey(facts);
    const changed = !previous || this.keys.get(file) !== key;
    this.delete(file);
    this.cachesOnBackend.clear();
    this.files.set(file, facts);
    this.keys.set(file, key);
    for (const backend of facts.backends) for (const name of namesOf(backend)) push(this.backendsByName, name, backend);
    for (const cache of facts.caches) push(this.cachesByBackend, cache.backend, cache);
    for (const backend of facts.backends) if (backend.deployedBy !== undefined) push(this.backendsByDeployedBy, backend.deployedBy, backend);
    return changed;
  }

  delete(file: string): boolean {
    const previous = this.files.get(file);
    if (!previous) return false;
    this.files.delete(file);
    this.keys.delete(file);
    this.cachesOnBackend.clear();
    removeFile(this.backendsByName, previous.backends.flatMap(namesOf), file);
    removeFile(this.cachesByBackend, previous.caches.map((c) => c.backend), file);
    removeFile(this.backendsByDeployedBy, previous.backends.flatMap((b) => (b.deployedBy !== undefined ? [b.deployedBy] : [])), file);
    return true;
  }

  get(file: string): FileFacts | undefined {
    return this.files.get(file);
  }

  /** Backends read from deployment configs that the declared `backend` stands for (CW014). */
  deploymentsOf(backend: BackendFact): BackendFact[] {
    if (backend.deployed) return [];
    const by = backend.deployedBy;
    if (by !== undefined) {
      const inFile = this.files.get(by)?.backends ?? [];
      if (inFile.length) return inFile.length === 1 ? inFile : inFile.filter((b) => namesOf(b).includes(backend.name));
      return (this.backendsByName.get(by) ?? []).filter((b) => b.deployed);
    }
    return (this.backendsByName.get(backend.name) ?? []).filter((b) => b.deployed);
  }

  /** Declared backends that stand for this deployed one. */
  declarationsOf(deployed: BackendFact): BackendFact[] {
    if (!deployed.deployed) return [];
    // The only backends that can stand for it: deployed by its file or one of its names, or named like it.
    const candidates = new Set([
      ...(this.backendsByDeployedBy.get(deployed.file) ?? []),
      ...namesOf(deployed).flatMap((name) => [...(this.backendsByDeployedBy.get(name) ?? []), ...(this.backendsByName.get(name) ?? [])]),
    ]);
    const found = [...candidates].filter((b) => !b.deployed && this.deploymentsOf(b).includes(deployed));
    // In file order, then as declared in each file.
    return found.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : (this.files.get(a.file)?.backends.indexOf(a) ?? 0) - (this.files.get(b.file)?.backends.indexOf(b) ?? 0)));
  }

  fileNames(): string[] {
    return [...this.files.keys()];
  }

  /** The backend a cache in `fromFile` means by `ref`: its own file's backend first, then any file's. */
  resolveBackend(fromFile: string, ref: string): BackendFact | undefined {
    const candidates = this.backendsByName.get(backendRefName(ref));
    if (!candidates || candidates.length === 0) return undefined;
    if (candidates.length === 1) return candidates[0];
    // Several files declare that name (a compose file for local runs, a manifest for production):
    // the one nearest the cache's file, then the first by path — never whichever was read first.
    const near = (b: BackendFact) => (b.file === fromFile ? Infinity : sharedFolders(fromFile, b.file));
    return candidates.reduce((best, b) => {
      const by = near(b) - near(best);
      return by > 0 || (by === 0 && b.file < best.file) ? b : best;
    });
  }

  /** Every cache (in any file) whose backend reference resolves to `backend`. */
  cachesOn(backend: BackendFact): CacheFact[] {
    let caches = this.cachesOnBackend.get(backend);
    if (!caches) {
      caches = namesOf(backend).flatMap((name) => this.cachesByBackend.get(name) ?? []).filter((c) => this.resolveBackend(c.file, c.backend) === backend);
      this.cachesOnBackend.set(backend, caches);
    }
    return caches;
  }

  /** Files whose findings may change when `file`'s facts change: those sharing a backend name. */
  filesAffectedBy(file: string, before: FileFacts | undefined): string[] {
    const names = new Set<string>();
    for (const facts of [before, this.files.get(file)]) {
      for (const b of facts?.backends ?? []) for (const name of namesOf(b)) names.add(name);
      for (const c of facts?.caches ?? []) names.add(c.backend);
    }
    const out = new Set<string>();
    for (const name of names) {
      for (const b of this.backendsByName.get(name) ?? []) out.add(b.file);
      for (const c of this.cachesByBackend.get(name) ?? []) out.add(c.file);
    }
    // Declared backends that name this file as their deployment (CW014 compares the two).
    for (const backend of this.backendsByDeployedBy.get(file) ?? []) out.add(backend.file);
    out.delete(file);
    return [...out];
  }
}

/** How many leading folders two files' paths share. */
function sharedFolders(a: string, b: string): number {
  const pa = a.split(/[\\/]/);
  const pb = b.split(/[\\/]/);
  let n = 0;
  while (n < pa.length - 1 && n < pb.length - 1 && pa[n] === pb[n]) n++;
  return n;
}

function push<T>(map: Map<string, T[]>, key: string, item: T): void {
  const list = map.get(key);
  if (list) list.push(item);
  else map.set(key, [item]);
}

/** Drops one file's entries under the given keys: one pass per key, not one per entry. */
function removeFile<T extends { file: string }>(map: Map<string, T[]>, keys: string[], file: string): void {
  for (const key of new Set(keys)) {
    const list = map.get(key);
    if (!list) continue;
    const kept = list.filter((item) => item.file !== file);
    if (kept.length === 0) map.delete(key);
    else map.set(key, kept);
  }
}

/** Everything of a file's facts except where they are written. */
function semanticKey(facts: FileFacts): string {
  return JSON.stringify([
    facts.backends.map((b) => [b.name, b.type, b.role, b.eviction, b.maxMemoryBytes, b.aliases, b.deployed, b.deployedBy]),
    facts.caches.map((c) => [c.name, c.backend, c.ttl]),
  ]);
}
