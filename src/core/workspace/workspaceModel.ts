// The one model of a workspace, shared by the language server, the CLI and the diagram. Each file
// has one source (the disk, or an editor's overlay with its version) and is parsed once per
// version; everything else is derived from that parse: the file's rule facts (cross-file rules),
// its catalog contribution, its schema association, and — on demand, cached until something it
// depends on changes — its analysis. Analysis only reads facts; the update path alone writes
// them, and marks the files whose findings depend on what changed (WorkspaceFacts is the index).
// Each workspace folder has its own settings, project file and schema registry (FolderModel).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeFile, looksBinary, type AnalyzeSettings, type FileAnalysis } from '../analyze';
import { Catalog, catalogFileRole, catalogRoleOf } from '../catalog/catalog';
import { frontMatterValidator } from '../catalog/frontMatterValidation';
import type { ParsedFile } from '../document/model';
import { parseFile } from '../document/parse';
import { readProjectConfig, emptyProjectConfig, PROJECT_CONFIG_FILE } from '../project/projectConfig';
import { factsOfFile, WorkspaceFacts } from '../rules/workspaceFacts';
import { resolveAssociation, type SchemaAssociation } from '../schema/association';
import { SchemaRegistry } from '../schema/schemaRegistry';
import { DEFAULT_MAX_FILE_BYTES, nodeFileSystem, readBoundedFileSync, type ModelFileSystem } from './fileSystem';
import type { AdaptedFile, FormatAdapter } from '../formats/adapter';
import { adaptedParse, analyzeAdapted } from '../formats/analyzeAdapted';
import { readAdapted } from '../formats/readAdapted';
import { formatFor } from '../formats/registry';
import { LineIndex } from '../document/lineIndex';
import { FolderModel, type FolderModelOptions, type FolderSettings, type FileRole } from './folderModel';
import type { DocPreparation, DocPreparer } from './docPreparation';
import type { FileContribution } from '../catalog/contribution';
import { HEAD_BYTES, readHeadWithSizeSync } from './contentRecognisers';

export interface ModelFile {
  readonly path: string;
  /** 'open': a YAML/JSON file an editor has open that the folder's globs do not select. */
  role: FileRole | 'open';
  /** The editor's overlay version, or undefined while the file's text comes from disk. */
  overlayVersion: number | undefined;
  /** Increases with every new text (disk or overlay). */
  generation: number;
  text: string;
  /** YAML/JSON files within the size limit; undefined for docs (the catalog parses front matter). */
  parsed: ParsedFile | undefined;
  association: SchemaAssociation | undefined;
  analysis: FileAnalysis | undefined;
  /** Files a format adapter reads (Spring, redis.conf, compose, …): what it read from this version. */
  adapted?: { adapter: FormatAdapter; file: AdaptedFile | undefined };
}

/** What an update changed: files whose problems must be shown again, and whether the catalog moved. */
export interface ModelChange {
  stale: string[];
  removed: string[];
  catalog: boolean;
}

export interface WorkspaceModelOptions extends FolderModelOptions {
  fs?: ModelFileSystem;
  /** Size limit of a file read from disk and of a file analyzed (default: 5 MB). */
  maxFileBytes?: number;
  /** Symlinks of files in no workspace folder may not lead outside this folder (the CLI's working folder). */
  looseRoot?: string;
  /** Schema folder with the shipped schemas (front matter validation of docs). */
  displayPath?: (file: string) => string;
  /** Reads many docs on another thread during a scan (the language server: workerDocPreparer). */
  prepareDocs?: DocPreparer;
}

export interface ScanOptions {
  onProgress?: (done: number, total: number) => void;
  isCancelled?: () => boolean;
  /** Yield to the event loop after this many files (default 25). */
  batch?: number;
}

const YAML_LIKE = /\.(ya?ml|json|jsonc)$/i;

export function isYamlLike(file: string): boolean {
  return YAML_LIKE.test(file);
}

export class WorkspaceModel {
  readonly facts = new WorkspaceFacts();
  readonly catalog: Catalog;
  /** Work counters (asserted by tests and read by the benchmarks). */
  readonly stats = { parses: 0, analyses: 0, reads: 0, sniffs: 0 };
  /** Files the last reads could not read (or the bounded reader refused), with the error. */
  readonly unreadable = new Map<string, unknown>();
  private readonly files = new Map<string, ModelFile>();
  private readonly folders = new Map<string, FolderModel>();
  private readonly looseFolder: FolderModel;
  private readonly fs: ModelFileSystem;
  private readonly listeners: ((change: ModelChange) => void)[] = [];
  private batching: ModelChange | undefined;
  /** Files an adapter read besides its own (a helmfile naming a values file's release) → the files that read them. */
  private readonly siblingDependents = new Map<string, Set<string>>();
  /**
   * What those reads found on disk — a file's text (undefined: none), a folder's file names — kept
   * until the model hears of a change to that path (refreshDependents): a values file is read again
   * on every keystroke, and the helmfile it depends on rarely changes, so typing reads no file.
   */
  private readonly siblingTexts = new Map<string, string | undefined>();
  private readonly siblingFolders = new Map<string, string[]>();

  private readonly maxBytes: number;
  /**
   * Whole texts a sniff already read of files a recogniser claimed (a file within the sniff's
   * bytes, or a file system that reads whole files): the read that follows takes them, so no file
   * is read twice. Emptied when the scan that sniffed them is done.
   */
  private readonly sniffedTexts = new Map<string, string>();

  constructor(private readonly options: WorkspaceModelOptions = {}) {
    this.fs = options.fs ?? nodeFileSystem;
    this.maxBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
    this.looseFolder = new FolderModel(undefined, {}, options);
    const catalogRegistry = new SchemaRegistry({ schemaDirs: options.builtinSchemaDirs ?? [] });
    this.catalog = new Catalog({
      validateFrontMatter: frontMatterValidator(catalogRegistry),
      displayPath: options.displayPath ?? ((file) => this.displayPath(file)),
    });
  }

  // ── folders ──────────────────────────────────────────────────────────────────────────────────

  addFolder(root: string, settings: FolderSettings = {}): FolderModel {
    const folder = new FolderModel(path.resolve(root), settings, this.options);
    this.folders.set(folder.root!, folder);
    return folder;
  }

  removeFolder(root: string): void {
    const folder = this.folders.get(path.resolve(root));
    if (!folder) return;
    this.folders.delete(folder.root!);
    this.batch(() => {
      for (const file of [...this.files.values()]) if (this.folderOf(file.path) === folder && file.overlayVersion === undefined) this.forget(file.path);
    });
  }

  workspaceFolders(): FolderModel[] {
    return [...this.folders.values()];
  }

  /** The innermost folder holding the file, else the folder of loose files. */
  folderOf(file: string): FolderModel {
    let best: FolderModel | undefined;
    for (const folder of this.folders.values()) {
      if ((file === folder.root || folder.relative(file) !== undefined) && (!best || folder.root!.length > best.root!.length)) best = folder;
    }
    return best ?? this.looseFolder;
  }

  /** New settings for a folder: re-reads membership and re-analyzes what they affect. */
  async updateSettings(root: string, settings: FolderSettings): Promise<void> {
    const folder = this.folders.get(path.resolve(root));
    if (!folder) return;
    const redo = folder.updateSettings(settings);
    if (redo.membership && folder.scanned) await this.scanFolder(folder);
    this.batch(() => this.invalidateFolder(folder));
  }

  // ── files ────────────────────────────────────────────────────────────────────────────────────

  file(file: string): ModelFile | undefined {
    return this.files.get(file);
  }

  allFiles(): ModelFile[] {
    return [...this.files.values()];
  }

  /** Reads every folder's files from disk (yielding between batches), then announces them all. */
  async scan(options: ScanOptions = {}): Promise<void> {
    for (const folder of this.folders.values()) await this.loadProjectFile(folder);
    const wanted: string[] = [];
    const warnings: string[] = [];
    for (const folder of this.folders.values()) {
      for (const file of this.fs.listFiles(folder.root!, (dir) => folder.skipsFolder(dir), warnings)) {
        if (this.folderOf(file) === folder && (folder.roleOf(file) || (await this.recognised(folder, file)))) wanted.push(file);
      }
    }
    // Files already in the model (the project file, open documents) are kept as they are.
    await this.readAll(wanted.filter((file) => !this.files.has(file)), options);
    this.sniffedTexts.clear();
    await this.followLocations();
    for (const folder of this.folders.values()) folder.scanned = true;
  }

  /**
   * Reads the given files (the CLI's selection), in the model whatever the globs say. Returns the
   * files that could not be read, with the error.
   */
  async loadFiles(files: readonly string[], options: ScanOptions = {}): Promise<Map<string, unknown>> {
    const wanted = files.map((file) => path.resolve(file));
    for (const file of wanted) {
      const folder = this.folderOf(file);
      if (file === folder.projectFilePath) await this.loadProjectFile(folder);
    }
    return this.readAll(wanted, options, true);
  }

  /** An editor opened or edited a file: its text is the overlay's until it is closed. */
  setOverlay(file: string, text: string, version: number): void {
    const existing = this.files.get(file);
    if (existing && existing.overlayVersion === version && existing.text === text) return;
    if (existing && existing.text === text) {
      // Opened as it is on disk: same parse, it only becomes an open file.
      existing.overlayVersion = version;
      this.batch(() => this.batching!.stale.push(file));
      return;
    }
    this.batch(() => this.setText(file, text, version, existing?.role ?? this.roleFor(file, true)));
  }

  /** The editor closed the file: the disk is the truth again (or the file leaves the model). */
  async closeOverlay(file: string): Promise<void> {
    const existing = this.files.get(file);
    if (!existing || existing.overlayVersion === undefined) return;
    const role = this.roleFor(file, false) ?? ((await this.recognised(this.folderOf(file), file, true)) ? 'config' : undefined);
    if (!role) {
      this.batch(() => this.forget(file));
      return;
    }
    existing.overlayVersion = undefined;
    // Closed files are reported (or not) by other rules than open ones.
    this.batch(() => this.batching!.stale.push(file));
    await this.diskChanged(file);
  }

  /** A file was created or changed on disk (an open overlay keeps precedence). */
  async diskChanged(file: string): Promise<void> {
    const existing = this.files.get(file);
    if (existing?.overlayVersion !== undefined) return;
    const folder = this.folderOf(file);
    const byContent = folder.sniffs(file);
    const role = existing?.role ?? this.roleFor(file, false) ?? ((await this.recognised(folder, file, true)) ? 'config' : undefined);
    if (!role) {
      // Not in the model, but an adapted file may have read it (a helmfile): read those again.
      if (this.siblingDependents.has(file) || this.siblingDependents.has(path.dirname(file))) {
        this.batch(() => {
          this.refreshDependents(file);
          this.refreshDependents(path.dirname(file));
        });
      }
      return;
    }
    let text: string;
    try {
      const sniffed = this.takeSniffed(file);
      if (sniffed === undefined) this.stats.reads++;
      text = sniffed ?? await this.readDisk(file);
    } catch {
      this.batch(() => this.forget(file));
      return;
    }
    if (this.files.get(file)?.overlayVersion !== undefined) return; // opened while reading
    if (existing && existing.text === text && existing.overlayVersion === undefined) return;
    // In the model for its content only (no glob selects it), and the content no longer says so.
    if (byContent && !folder.roleOfContent(file, text.slice(0, HEAD_BYTES))) {
      if (existing) this.batch(() => this.forget(file));
      return;
    }
    this.batch(() => this.setText(file, text, undefined, role));
  }

  /** A folder appeared on disk (a checkout, a copy): read the files in it that belong to the model. */
  async diskFolderCreated(folderPath: string): Promise<void> {
    // A folder an adapter listed or read from before it existed (a new `helmfile.d/`): read those again.
    const below = folderPath + path.sep;
    const read = [...this.siblingDependents.keys()].filter((target) => target === folderPath || target.startsWith(below));
    if (read.length) this.batch(() => { for (const target of read) this.refreshDependents(target); });
    const folder = this.folderOf(folderPath);
    if (folder.root === undefined || folder.skipsFolder(folderPath)) return;
    const warnings: string[] = [];
    const wanted: string[] = [];
    for (const file of this.fs.listFiles(folderPath, (dir) => folder.skipsFolder(dir), warnings)) {
      if (this.folderOf(file) === folder && !this.files.has(file) && (folder.roleOf(file) || (await this.recognised(folder, file)))) wanted.push(file);
    }
    await this.readAll(wanted, {});
    this.sniffedTexts.clear();
  }

  /** A file (or a folder, with everything in it) was deleted on disk. */
  diskDeleted(target: string): void {
    const prefix = target.endsWith(path.sep) ? target : target + path.sep;
    this.batch(() => {
      for (const file of [...this.files.keys()]) {
        if ((file === target || file.startsWith(prefix)) && this.files.get(file)!.overlayVersion === undefined) this.forget(file);
      }
      for (const read of [...this.siblingDependents.keys()]) if (read === target || read.startsWith(prefix)) this.refreshDependents(read);
      // The folder it was in lists one file less.
      this.refreshDependents(path.dirname(target));
    });
  }

  // ── derived data ─────────────────────────────────────────────────────────────────────────────

  /** The schema association of the file's current parse (no rules, no validation, no fetch). */
  association(file: string): SchemaAssociation | undefined {
    const entry = this.files.get(file);
    if (!entry?.parsed) return undefined;
    if (!entry.association) {
      const folder = this.folderOf(file);
      entry.association = resolveAssociation(
        { filePath: file, text: entry.text, parsed: entry.parsed, settingSchemas: folder.schemaMappings(), workspaceRoot: folder.root },
        folder.registry,
      );
    }
    return entry.association;
  }

  /**
   * The file's analysis (schema + rules), computed on first request after any change it depends
   * on. Undefined for docs, unknown files and files the folder excludes. `settings` replaces the
   * folder's schema settings for one uncached run (the CLI's --schema).
   */
  analysis(file: string, settings?: AnalyzeSettings): FileAnalysis | undefined {
    const entry = this.files.get(file);
    if (!entry || entry.role === 'doc' || (!isYamlLike(file) && !entry.adapted)) return undefined;
    const folder = this.folderOf(file);
    if (folder.isExcluded(file)) return undefined;
    if (entry.analysis && !settings) return entry.analysis;
    this.stats.analyses++;
    if (entry.adapted) {
      const analysis = this.adaptedAnalysis(entry, folder, settings);
      if (!settings) entry.analysis = analysis;
      return analysis;
    }
    const analysis = analyzeFile(entry.text, {
      filePath: file,
      registry: folder.registry,
      settings: settings ?? { schemas: folder.schemaMappings(), workspaceRoot: folder.root },
      ...(entry.parsed ? { previous: entry.parsed } : {}),
      maxBytes: this.maxBytes,
      rules: { facts: this.facts, projectConfig: folder.config, editorSettings: folder.settings.rules ?? {} },
    });
    explainSchemaRefusals(analysis, folder.schemaRefusals);
    if (!settings) {
      entry.analysis = analysis;
      entry.association = analysis.association;
    }
    return analysis;
  }

  private adaptedAnalysis(entry: ModelFile, folder: FolderModel, settings: AnalyzeSettings | undefined): FileAnalysis {
    const { adapter, file: adapted } = entry.adapted!;
    // YAML formats still get the generic checks (syntax, a schema the user maps onto the file).
    const generic = adapter.yaml
      ? analyzeFile(entry.text, {
        filePath: entry.path, registry: folder.registry, settings: settings ?? { schemas: folder.schemaMappings(), workspaceRoot: folder.root },
        ...(entry.parsed ? { previous: entry.parsed } : {}), maxBytes: this.maxBytes, rules: false,
      })
      : undefined;
    // CloudFormation's `!Ref`/`!GetAtt` are not YAML mistakes: its adapter reads them.
    if (generic && adapter.customYamlTags) generic.diagnostics = generic.diagnostics.filter((d) => d.code !== 'yaml-tag-resolve-failed');
    if (!adapted) return generic ?? { parsed: { text: entry.text, lines: new LineIndex(entry.text), documents: [] }, association: { schemaId: null, origin: 'none', diagnostics: [] }, diagnostics: [] };
    const relativePath = this.adapterPath(entry.path);
    const analysis = analyzeAdapted({
      filePath: entry.path,
      text: entry.text,
      lines: entry.parsed?.lines ?? new LineIndex(entry.text),
      adapted,
      reread: (text) => {
        const lines = new LineIndex(text);
        const parsed = adapter.yaml ? parseFile(text) : undefined;
        return readAdapted(adapter, { path: entry.path, relativePath, text, lines: parsed?.lines ?? lines, ...(parsed ? { parsed } : {}), readSibling: this.siblingReader(entry.path), listSiblings: this.siblingLister(entry.path) });
      },
      rules: { facts: this.facts, projectConfig: folder.config, editorSettings: folder.settings.rules ?? {}, ...(folder.root ? { workspaceRoot: folder.root } : {}) },
      base: generic?.diagnostics ?? [],
    });
    if (generic) analysis.association = generic.association;
    return analysis;
  }

  /** Drops a file's cached analysis (a remote schema arrived); the next request recomputes it. */
  invalidate(file: string): void {
    const entry = this.files.get(file);
    if (!entry) return;
    entry.analysis = undefined;
    entry.association = undefined;
    this.batch(() => this.batching!.stale.push(file));
  }

  /** Files whose problems are reported: YAML/JSON files in the model, not excluded. */
  analyzedFiles(): string[] {
    return [...this.files.values()].filter((f) => f.role !== 'doc' && (isYamlLike(f.path) || f.adapted) && !this.folderOf(f.path).isExcluded(f.path)).map((f) => f.path).sort();
  }

  /** A file path as people read it: relative to its folder. */
  displayPath(file: string): string {
    const folder = this.folderOf(file);
    return folder.relative(file) ?? file;
  }

  onDidChange(listener: (change: ModelChange) => void): { dispose(): void } {
    this.listeners.push(listener);
    return { dispose: () => this.listeners.splice(this.listeners.indexOf(listener) >>> 0, 1) };
  }

  // ── the one update path ──────────────────────────────────────────────────────────────────────

  private roleFor(file: string, open: boolean): ModelFile['role'] | undefined {
    const role = this.folderOf(file).roleOf(file);
    if (role) return role;
    if (catalogFileRole(file) === 'doc' && open) return 'doc';
    return open && isYamlLike(file) ? 'open' : undefined;
  }

  /** Every read from disk: bounded in size, regular files only, no symlink out of the folder. */
  private readDisk(file: string): Promise<string> {
    const root = this.folderOf(file).root ?? this.options.looseRoot;
    return this.fs.readFile(file, { maxBytes: this.maxBytes, ...(root !== undefined ? { root } : {}) });
  }

  private async readAll(files: readonly string[], options: ScanOptions, force = false): Promise<Map<string, unknown>> {
    const batchSize = options.batch ?? 25;
    const texts = new Map<string, string>();
    const contributions = new Map<string, FileContribution>();
    const unreadable = new Map<string, unknown>();
    const preparation = force ? undefined : this.prepareDocs(files);
    if (preparation) files = preparation.order;
    let done = 0;
    options.onProgress?.(0, files.length);
    for (let start = 0; start < files.length; start += batchSize) {
      if (options.isCancelled?.()) {
        preparation?.docs.dispose();
        return unreadable;
      }
      const slice = files.slice(start, start + batchSize);
      await Promise.all(slice.map(async (file) => {
        if (this.files.get(file)?.overlayVersion !== undefined) return;
        const prepared = await preparation?.docs.take(file);
        try {
          const sniffed = prepared ? undefined : this.takeSniffed(file);
          if (sniffed === undefined) this.stats.reads++;
          texts.set(file, prepared ? prepared.text : sniffed ?? await this.readDisk(file));
          if (prepared?.contribution) contributions.set(file, prepared.contribution);
          this.unreadable.delete(file);
        } catch (error) {
          // Unreadable: not in the model (the CLI reports it).
          unreadable.set(file, error);
          this.unreadable.set(file, error);
        }
      }));
      this.batch(() => {
        for (const file of slice) {
          const text = texts.get(file);
          const role = this.files.get(file)?.role ?? this.roleFor(file, false) ?? (text !== undefined ? this.folderOf(file).roleOfContent(file, text.slice(0, HEAD_BYTES)) : undefined)
            ?? (force ? (catalogFileRole(file) === 'doc' ? 'doc' : 'config') : undefined);
          if (text !== undefined && role && this.files.get(file)?.overlayVersion === undefined && this.files.get(file)?.text !== text) this.setText(file, text, undefined, role, contributions.get(file));
        }
      });
      done += slice.length;
      options.onProgress?.(done, files.length);
      // Let requests and other events in between batches.
      await new Promise((resolve) => setImmediate(resolve));
    }
    preparation?.docs.dispose();
    return unreadable;
  }

  /**
   * With many docs among `files`, a worker thread reads them (and computes their contributions)
   * while this thread does the rest: the docs go last and in reverse, to meet the worker half-way.
   */
  private prepareDocs(files: readonly string[]): { docs: DocPreparation; order: string[] } | undefined {
    if (!this.options.prepareDocs || this.fs !== nodeFileSystem) return undefined;
    const docs = files.filter((file) => catalogFileRole(file) === 'doc');
    const preparation = this.options.prepareDocs(docs.map((file) => ({ file, root: this.folderOf(file).root ?? this.options.looseRoot })), this.maxBytes);
    if (!preparation) return undefined;
    return { docs: preparation, order: [...files.filter((file) => catalogFileRole(file) !== 'doc'), ...docs.reverse()] };
  }

  /** `contribution`: a doc's catalog contribution computed from this text elsewhere (prepareDocs). */
  private setText(file: string, text: string, overlayVersion: number | undefined, role: ModelFile['role'] | undefined, contribution?: FileContribution): void {
    if (!role) return;
    const previous = this.files.get(file);
    const entry: ModelFile = {
      path: file, role, overlayVersion, generation: (previous?.generation ?? 0) + 1, text, parsed: undefined, association: undefined, analysis: undefined,
    };
    this.files.set(file, entry);
    const change = this.batching!;
    change.stale.push(file);
    this.refreshDependents(file);
    // A new file where an adapter listed the folder's files (a Terraform module).
    if (!previous) this.refreshDependents(path.dirname(file));
    const adapter = this.adapterOf(file, text);
    if (adapter) {
      this.setAdaptedText(entry, adapter);
      return;
    }
    if (isYamlLike(file)) {
      if (text.length <= this.maxBytes && !looksBinary(text) && !text.includes('\u0000')) {
        this.stats.parses++;
        entry.parsed = parseFile(text);
      }
      this.recordFacts(file, entry.parsed);
      // By name or by content (a Backstage descriptor of any name joins, and leaves, as its text says).
      if (entry.parsed && catalogRoleOf(file, text) && this.catalog.updateParsed(file, entry.parsed, text)) change.catalog = true;
      else this.removeFromCatalog(file);
      const folder = this.folderOf(file);
      if (file === folder.projectFilePath) this.applyProjectConfig(folder, entry);
    } else if (catalogFileRole(file) === 'doc') {
      this.stats.parses++;
      this.catalog.updateFile(file, text, contribution);
      change.catalog = true;
    }
  }

  /** A file of a format an adapter reads: parsed once (YAML formats), read by the adapter, its facts recorded. */
  private setAdaptedText(entry: ModelFile, adapter: FormatAdapter): void {
    const file = entry.path;
    const readable = entry.text.length <= this.maxBytes && !looksBinary(entry.text) && !entry.text.includes('\u0000');
    // Read again for what the file depends on (a helmfile, the project's links): the parse is kept.
    const reread = entry.parsed !== undefined && entry.parsed.text === entry.text;
    if (readable && adapter.yaml && !reread) {
      this.stats.parses++;
      entry.parsed = parseFile(entry.text);
    }
    const relativePath = this.adapterPath(file);
    const adapted = readable ? readAdapted(adapter, { path: file, relativePath, text: entry.text, lines: entry.parsed?.lines ?? new LineIndex(entry.text), ...(entry.parsed ? { parsed: entry.parsed } : {}), readSibling: this.siblingReader(file), listSiblings: this.siblingLister(file) }) : undefined;
    if (!adapter.yaml && readable && entry.adapted === undefined) this.stats.parses++;
    if (adapted) this.applyLinks(this.folderOf(file), adapted);
    entry.adapted = { adapter, file: adapted };
    this.recordFacts(file, adapted ? adaptedParse(entry.text, new LineIndex(entry.text), adapted) : undefined, true);
    this.feedCatalog(entry);
  }

  /**
   * What an adapted file adds to the catalog: its synthetic documents, with each cache's backend
   * named as the backend it resolves to (an app names `cache-redis-master`; the Helm release's
   * backend is `cache-redis`, with that name as an alias), so the diagram draws one Redis.
   */
  private feedCatalog(entry: ModelFile): void {
    const adapted = entry.adapted?.file;
    if (!adapted?.layers.length) {
      this.removeFromCatalog(entry.path);
      return;
    }
    const documents = adapted.layers.map((layer, index) => ({ ...layer.doc, index, value: this.withResolvedBackends(entry.path, layer.doc.value) }));
    if (this.catalog.updateAdapted(entry.path, { text: entry.text, lines: entry.parsed?.lines ?? new LineIndex(entry.text), documents })) this.batching!.catalog = true;
  }

  private withResolvedBackends(file: string, value: unknown): unknown {
    const spec = (value as { spec?: { caches?: { backend?: unknown }[] } }).spec;
    if (!spec?.caches?.length) return value;
    const caches = spec.caches.map((cache) => {
      const resolved = typeof cache.backend === 'string' ? this.facts.resolveBackend(file, cache.backend) : undefined;
      return resolved && resolved.name !== cache.backend ? { ...cache, backend: resolved.name } : cache;
    });
    return { ...(value as object), spec: { ...spec, caches } };
  }

  /**
   * What an adapter may read besides its file: another file of the same folder (the model's text
   * when the file is in the model, open or not; else the disk, bounded and never outside the folder).
   */
  private siblingReader(file: string): (relativePath: string) => string | undefined {
    const root = this.adapterRoot(file);
    return (relativePath) => {
      const target = path.resolve(root, relativePath);
      if (target !== root && !target.startsWith(root + path.sep)) return undefined;
      let readers = this.siblingDependents.get(target);
      if (!readers) this.siblingDependents.set(target, (readers = new Set()));
      readers.add(file);
      const known = this.files.get(target);
      if (known) return known.text;
      if (this.siblingTexts.has(target)) return this.siblingTexts.get(target);
      let text: string | undefined;
      try {
        this.stats.reads++;
        text = readBoundedFileSync(target, { maxBytes: this.maxBytes, root });
      } catch {
        text = undefined;
      }
      this.siblingTexts.set(target, text);
      return text;
    };
  }

  /**
   * What an adapter may list besides reading: the files of a folder of the same workspace folder
   * (the model's and the disk's). The lister depends on the folder: a file that appears in it or
   * goes has its readers read again.
   */
  private siblingLister(file: string): (relativeFolder: string) => string[] | undefined {
    const root = this.adapterRoot(file);
    return (relativeFolder) => {
      const target = path.resolve(root, relativeFolder);
      if (target !== root && !target.startsWith(root + path.sep)) return undefined;
      let readers = this.siblingDependents.get(target);
      if (!readers) this.siblingDependents.set(target, (readers = new Set()));
      readers.add(file);
      let onDisk = this.siblingFolders.get(target);
      if (!onDisk) {
        onDisk = [];
        try {
          for (const entry of fs.readdirSync(target, { withFileTypes: true })) if (entry.isFile()) onDisk.push(entry.name);
        } catch {
          // Not on disk (unsaved files only): the model's files below.
        }
        this.siblingFolders.set(target, onDisk);
      }
      const names = new Set<string>(onDisk);
      for (const known of this.files.keys()) if (path.dirname(known) === target) names.add(path.basename(known));
      const prefix = path.relative(root, target).split(path.sep).join('/');
      return [...names].sort().map((name) => (prefix ? `${prefix}/${name}` : name));
    };
  }

  /**
   * The folder adapters' relative paths start from: the file's workspace folder, else the CLI's
   * working folder when the file is in it, else the repository it is in (the nearest folder above
   * it with a `.git`), else the file's own folder. Adapters find what a file names relative to it
   * (a profile file's application.yml, a values file's helmfile), so it must be the same root
   * whether the file is checked from inside its repository or from outside.
   */
  private adapterRoot(file: string): string {
    const folder = this.folderOf(file);
    if (folder.root !== undefined && folder.relative(file) !== undefined) return folder.root;
    const looseRoot = this.options.looseRoot;
    const loose = looseRoot ? path.relative(looseRoot, file) : '';
    if (looseRoot && loose && !loose.startsWith('..') && !path.isAbsolute(loose)) return looseRoot;
    return this.repositoryOf(path.dirname(file)) ?? path.dirname(file);
  }

  private readonly repositories = new Map<string, string | null>();

  /** The nearest folder at or above `dir` holding `.git` (remembered per folder). */
  private repositoryOf(dir: string): string | undefined {
    const known = this.repositories.get(dir);
    if (known !== undefined) return known ?? undefined;
    let found: string | null = null;
    try {
      if (fs.existsSync(path.join(dir, '.git'))) found = dir;
    } catch {
      // unreadable: not a repository root
    }
    if (found === null) {
      const parent = path.dirname(dir);
      found = parent !== dir ? this.repositoryOf(parent) ?? null : null;
    }
    this.repositories.set(dir, found);
    return found ?? undefined;
  }

  /** A file's path as adapters see it: relative to adapterRoot, `/` separators. */
  private adapterPath(file: string): string {
    return path.relative(this.adapterRoot(file), file).split(path.sep).join('/');
  }

  /** A file some adapted files read besides their own changed (or went): they are read again. */
  private refreshDependents(changed: string): void {
    this.siblingTexts.delete(changed);
    this.siblingFolders.delete(changed);
    const readers = this.siblingDependents.get(changed);
    if (!readers) return;
    for (const reader of [...readers]) {
      const entry = this.files.get(reader);
      if (!entry?.adapted || reader === changed) continue;
      entry.analysis = undefined;
      this.setAdaptedText(entry, entry.adapted.adapter);
      this.batching!.stale.push(reader);
    }
  }

  /**
   * The project file's `links`: a cache whose backend is named by a host the project maps (compared
   * by first DNS label, as adapters name hosts) runs on the backend the project says.
   */
  private applyLinks(folder: FolderModel, adapted: AdaptedFile): void {
    const links = folder.config.links;
    if (!links) return;
    const byLabel = new Map(Object.entries(links).map(([host, backend]) => [host.trim().split('.')[0], backend.trim()]));
    for (const layer of adapted.layers) {
      const caches = (layer.doc.value as { spec?: { caches?: { backend?: unknown }[] } }).spec?.caches ?? [];
      for (const cache of caches) {
        const linked = typeof cache.backend === 'string' ? byLabel.get(cache.backend) : undefined;
        if (linked) cache.backend = linked;
      }
    }
  }

  /** The adapter that reads this file, if any: by path (and the first bytes for formats that sniff), else by content. */
  private adapterOf(file: string, text: string): FormatAdapter | undefined {
    const relativePath = this.adapterPath(file);
    return formatFor(relativePath, text);
  }

  private forget(file: string): void {
    const entry = this.files.get(file);
    if (!entry) return;
    this.files.delete(file);
    this.batching!.removed.push(file);
    this.refreshDependents(file);
    this.refreshDependents(path.dirname(file));
    const before = this.facts.get(file);
    if (this.facts.delete(file)) this.markAffected(file, before);
    this.removeFromCatalog(file);
    // The project file left the model (deleted, or closed after its deletion): defaults apply again.
    const folder = this.folderOf(file);
    if (file === folder.projectFilePath) this.applyProjectConfig(folder, undefined);
  }

  private removeFromCatalog(file: string): void {
    const version = this.catalog.version;
    this.catalog.removeFile(file);
    if (this.catalog.version !== version) this.batching!.catalog = true;
  }

  private recordFacts(file: string, parsed: ParsedFile | undefined, deployed = false): void {
    const before = this.facts.get(file);
    const changed = parsed ? this.facts.set(file, factsOfFile(file, parsed, deployed)) : this.facts.delete(file);
    if (changed) this.markAffected(file, before);
  }

  /** Files whose cross-file findings may differ now (they share a backend name with `file`). */
  private markAffected(file: string, before: ReturnType<WorkspaceFacts['get']>): void {
    for (const other of this.facts.filesAffectedBy(file, before)) {
      if (other === file) continue;
      const entry = this.files.get(other);
      if (entry) entry.analysis = undefined;
      // Its caches may now resolve to another backend's name (see feedCatalog).
      if (entry?.adapted) this.feedCatalog(entry);
      this.batching!.stale.push(other);
    }
  }

  private async loadProjectFile(folder: FolderModel): Promise<void> {
    const file = folder.projectFilePath;
    if (!file || this.files.get(file)?.overlayVersion !== undefined) return;
    try {
      this.stats.reads++;
      const text = await this.readDisk(file);
      if (this.files.get(file)?.text !== text) this.batch(() => this.setText(file, text, undefined, 'config'));
    } catch {
      // No project file: defaults apply.
    }
  }

  /** The project file's text changed (or it is gone): the folder's rules, globs and schemas follow. */
  private applyProjectConfig(folder: FolderModel, entry: ModelFile | undefined): void {
    const read = entry?.parsed ? readProjectConfig(entry.parsed) : { config: emptyProjectConfig(), diagnostics: [] };
    if (entry && folder.configText === entry.text) return;
    const redo = folder.updateConfig(read.config, read.diagnostics, entry?.text);
    // Before the first scan, the scan itself reads what the new globs select.
    if (redo.membership && folder.scanned) void this.scanFolder(folder);
    this.invalidateFolder(folder);
  }

  /** Brings the folder's membership in line with its globs: reads new members, drops old ones. */
  private async scanFolder(folder: FolderModel): Promise<void> {
    const warnings: string[] = [];
    const wanted = new Set<string>();
    for (const file of this.fs.listFiles(folder.root!, (dir) => folder.skipsFolder(dir), warnings)) {
      if (this.folderOf(file) === folder && (folder.roleOf(file) || (await this.recognised(folder, file)))) wanted.add(file);
    }
    this.batch(() => {
      for (const entry of [...this.files.values()]) {
        if (this.folderOf(entry.path) !== folder || entry.overlayVersion !== undefined || wanted.has(entry.path) || entry.path === folder.projectFilePath) continue;
        this.forget(entry.path);
      }
    });
    await this.readAll([...wanted].filter((file) => !this.files.has(file)), {});
    this.sniffedTexts.clear();
  }

  /**
   * Whether a file no glob selects is claimed by a content recogniser (contentRecognisers.ts),
   * from its first bytes: the model's text when it has the file (unless `fromDisk`), else a short
   * read of the file's head — never a full read or parse.
   */
  private async recognised(folder: FolderModel, file: string, fromDisk = false): Promise<boolean> {
    if (!folder.sniffs(file)) return false;
    const known = fromDisk ? undefined : this.files.get(file);
    if (known) return folder.roleOfContent(file, known.text.slice(0, HEAD_BYTES)) !== undefined;
    const read = await this.readHead(file);
    const claimed = read !== undefined && folder.roleOfContent(file, read.head) !== undefined;
    // The file is read next: a sniff that read all of it is that read.
    if (claimed && read.whole !== undefined) this.sniffedTexts.set(file, read.whole);
    return claimed;
  }

  private async readHead(file: string): Promise<{ head: string; whole?: string } | undefined> {
    this.stats.sniffs++;
    const root = this.folderOf(file).root ?? this.options.looseRoot;
    if (this.fs === nodeFileSystem) {
      const read = readHeadWithSizeSync(file, HEAD_BYTES, root);
      if (!read) return undefined;
      return { head: read.head, ...(read.whole && read.whole.bytes <= this.maxBytes ? { whole: read.whole.text } : {}) };
    }
    try {
      const text = await this.fs.readFile(file, { maxBytes: this.maxBytes, ...(root !== undefined ? { root } : {}) });
      return { head: text.slice(0, HEAD_BYTES), whole: text };
    } catch {
      return undefined;
    }
  }

  /** The whole text a sniff of the file read (see sniffedTexts), once. */
  private takeSniffed(file: string): string | undefined {
    const text = this.sniffedTexts.get(file);
    this.sniffedTexts.delete(file);
    return text;
  }

  /**
   * Location entities name more catalog files: each folder reads what their local targets select
   * (a rescan when the targets change), until no new target appears.
   */
  followLocations(): Promise<void> {
    // One run at a time, in order: a run asked for while one is going starts when it ends.
    this.locationRun = this.locationRun.then(() => this.followLocationsNow()).catch(() => undefined);
    return this.locationRun;
  }

  private locationRun: Promise<void> = Promise.resolve();

  private async followLocationsNow(): Promise<void> {
    for (let round = 0; round < 10; round++) {
      const patterns = this.catalog.locationPatterns().map((l) => l.pattern);
      const changed = [...this.folders.values()].filter((folder) => folder.setLocationTargets(patterns));
      if (!changed.length) return;
      for (const folder of changed) await this.scanFolder(folder);
    }
  }

  private invalidateFolder(folder: FolderModel): void {
    const change = this.batching;
    for (const entry of this.files.values()) {
      if (this.folderOf(entry.path) !== folder) continue;
      entry.analysis = undefined;
      entry.association = undefined;
      // The project file's `links` decide which backend an adapted file's caches run on.
      if (entry.adapted && change) this.setAdaptedText(entry, entry.adapted.adapter);
      change?.stale.push(entry.path);
    }
  }

  /** Collects the changes of `work` into one event (nested calls join the outer batch). */
  private batch(work: () => void): void {
    if (this.batching) {
      work();
      return;
    }
    const change: ModelChange = { stale: [], removed: [], catalog: false };
    this.batching = change;
    try {
      work();
    } finally {
      this.batching = undefined;
    }
    if (!change.stale.length && !change.removed.length && !change.catalog) return;
    const unique: ModelChange = { stale: [...new Set(change.stale)].filter((f) => this.files.has(f)), removed: [...new Set(change.removed)], catalog: change.catalog };
    for (const listener of [...this.listeners]) listener(unique);
    // A Location entity written or edited may name more catalog files (the first scan follows them itself).
    if (change.catalog && [...this.folders.values()].some((f) => f.scanned)) void this.followLocations();
  }
}

/** "The schema X was not found": says why, when the bounded reader refused to read X. */
function explainSchemaRefusals(analysis: FileAnalysis, refusals: ReadonlyMap<string, Error>): void {
  if (!refusals.size) return;
  for (const d of analysis.diagnostics) {
    if (d.code !== 'schema-not-found') continue;
    for (const [file, refusal] of refusals) {
      if (d.message.includes(file)) d.message = `The schema ${file} was not read: ${refusal.message.replace(/^This (file )?/, 'it ').replace(/; it is not (read|checked)\.$/, '.')}`;
    }
  }
}

export { PROJECT_CONFIG_FILE };
