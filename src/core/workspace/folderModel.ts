// One workspace folder of the model: the editor's settings for it, its project file
// (`.cachewarden.yaml` at the folder root) and what both decide — which files belong to the
// workspace (include / docs / schema-mapped globs minus exclude and `files.exclude`), the schema
// associations, the schema folders (one registry per folder) and the rule severities. The CLI
// builds the same object from the project file alone, so the editor and CI decide alike.
import * as path from 'node:path';
import { adaptersForPath } from '../formats/registry';
import picomatch from 'picomatch';
import type { EditorRuleSettings } from '../project/severity';
import { emptyProjectConfig, PROJECT_CONFIG_FILE, type ProjectConfig } from '../project/projectConfig';
import { SchemaRegistry } from '../schema/schemaRegistry';
import { FileRefusal, readBoundedFileSync } from './fileSystem';
import { isContentCandidate, recogniseContent, WORKSPACE_RECOGNISERS } from './contentRecognisers';
import type { Diagnostic } from '../types';

/** What the editor's settings say for one folder (all optional: the CLI has none). */
export interface FolderSettings {
  /** `cacheWarden.schemas`: schema path or URL → glob(s). */
  schemas?: Record<string, string | string[]>;
  /** `cacheWarden.schemaDirs`, relative to the folder or absolute. */
  schemaDirs?: string[];
  /** `cacheWarden.schemaMappings`: URL prefix → mirror folder (relative to the folder or absolute). */
  schemaMappings?: Record<string, string>;
  allowRemoteSchemas?: boolean;
  /** `cacheWarden.allowPrivateSchemaHosts`: remote schemas may come from loopback, link-local and private addresses. */
  allowPrivateSchemaHosts?: boolean;
  /** `cacheWarden.validate.closedFiles`: report problems of files nobody has open. */
  closedFiles?: boolean;
  /** `cacheWarden.rules` / `cacheWarden.ruleOverrides`, unvalidated. */
  rules?: EditorRuleSettings;
  /** The editor's `files.exclude` globs that are switched on. */
  filesExclude?: string[];
}

export const CACHE_CONFIG_GLOBS = ['**/*.cache.yaml', '**/*.cache.yml', '**/*.cache.json'];
/** The project file's documented defaults (schemas/project-config.schema.json). */
export const DEFAULT_INCLUDE = [...CACHE_CONFIG_GLOBS, '**/catalog-info.yaml', '**/catalog-info.yml'];
export const DEFAULT_EXCLUDE = ['**/node_modules/**', '**/.git/**'];
export const DEFAULT_DOCS = ['**/*.md', '**/*.markdown'];
/** Dependency and version-control folders: never part of a workspace, whatever the globs say. */
export const ALWAYS_SKIPPED_FOLDERS = ['**/node_modules', '**/.git', '**/.hg', '**/.svn'];

export type FileRole = 'config' | 'doc';

/**
 * A matcher for project globs: a glob without `/` matches the file name in any folder (as in the
 * editor's settings); one with `/` matches the whole root-relative path.
 */
export function globMatcher(globs: readonly string[]): (relativePath: string) => boolean {
  const matchers = globs.map((glob) => picomatch(glob.replace(/^\.\//, ''), { dot: true, basename: !glob.includes('/') }));
  return (relativePath) => matchers.some((matches) => matches(relativePath));
}

export function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

export interface FolderModelOptions {
  fetchText?: (url: string, options: { allowPrivateHosts: boolean }) => Promise<string>;
  /** Extra schema folders every registry knows (the shipped `schemas/`). */
  builtinSchemaDirs?: string[];
}

export class FolderModel {
  config: ProjectConfig = emptyProjectConfig();
  /** Problems the project file's reader found (the CLI prints them when it does not check the file). */
  configDiagnostics: Diagnostic[] = [];
  /** Text of the project file the config was read from (undefined: there is none). */
  configText: string | undefined;
  /** Set once the model has read the folder's files (later glob changes rescan it). */
  scanned = false;
  private registryInstance: SchemaRegistry | undefined;
  private matchers: { config: (rel: string) => boolean; doc: (rel: string) => boolean; excluded: (rel: string) => boolean } | undefined;

  constructor(
    /** Absolute folder path; undefined for files outside every folder (untitled documents). */
    readonly root: string | undefined,
    public settings: FolderSettings,
    private readonly options: FolderModelOptions = {},
  ) {}

  get projectFilePath(): string | undefined {
    return this.root === undefined ? undefined : path.join(this.root, PROJECT_CONFIG_FILE);
  }

  /** Replaces the settings; returns what must be redone. */
  updateSettings(settings: FolderSettings): { registry: boolean; membership: boolean } {
    const before = this.settings;
    this.settings = settings;
    const registry = JSON.stringify(before.schemaDirs ?? []) !== JSON.stringify(settings.schemaDirs ?? []) || before.allowRemoteSchemas !== settings.allowRemoteSchemas
      || before.allowPrivateSchemaHosts !== settings.allowPrivateSchemaHosts
      || JSON.stringify(before.schemaMappings ?? {}) !== JSON.stringify(settings.schemaMappings ?? {});
    const membership = JSON.stringify(before.filesExclude ?? []) !== JSON.stringify(settings.filesExclude ?? []) || JSON.stringify(before.schemas ?? {}) !== JSON.stringify(settings.schemas ?? {});
    if (registry) this.registryInstance = undefined;
    if (membership) this.matchers = undefined;
    return { registry, membership };
  }

  /** Replaces the project config; returns what must be redone. */
  updateConfig(config: ProjectConfig, diagnostics: Diagnostic[], text: string | undefined): { registry: boolean; membership: boolean } {
    const before = this.config;
    this.config = config;
    this.configDiagnostics = diagnostics;
    this.configText = text;
    const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
    const registry = !same(before.schemaDirs, config.schemaDirs) || !same(before.schemaMappings, config.schemaMappings);
    const membership = !same(before.include, config.include) || !same(before.exclude, config.exclude) || !same(before.docs, config.docs) || !same(before.schemas, config.schemas)
      || !same(before.catalog, config.catalog);
    if (registry) this.registryInstance = undefined;
    if (membership) this.matchers = undefined;
    return { registry, membership };
  }

  /** The folder's schema registry, built on first use (activation never compiles a schema). */
  get registry(): SchemaRegistry {
    this.registryInstance ??= new SchemaRegistry({
      schemaDirs: this.schemaDirs(),
      schemaMappings: this.schemaMirrors(),
      allowRemote: this.settings.allowRemoteSchemas === true,
      readFile: (absPath) => this.readSchemaFile(absPath),
      ...(this.options.fetchText ? { fetchText: (url: string) => this.options.fetchText!(url, { allowPrivateHosts: this.settings.allowPrivateSchemaHosts === true }) } : {}),
    });
    return this.registryInstance;
  }

  /** Why schema files could not be read (the bounded reader's refusals), by absolute path. */
  readonly schemaRefusals = new Map<string, FileRefusal>();

  /** Schema files (settings, project file, `$schema` modelines) go through the bounded reader. */
  private readSchemaFile(absPath: string): string | undefined {
    try {
      return readBoundedFileSync(absPath, this.root !== undefined ? { root: this.root } : {});
    } catch (error) {
      if (error instanceof FileRefusal) this.schemaRefusals.set(absPath, error);
      return undefined;
    }
  }

  /** Absolute schema folders: the project file's, the settings', the shipped ones. */
  schemaDirs(): string[] {
    const resolve = (dir: string) => (path.isAbsolute(dir) || this.root === undefined ? dir : path.join(this.root, dir));
    return [...(this.config.schemaDirs ?? []).map(resolve), ...(this.settings.schemaDirs ?? []).map(resolve), ...(this.options.builtinSchemaDirs ?? [])];
  }

  /** Mirrors of remote schema hosts (URL prefix → absolute folder): the project file's, then the settings'. */
  schemaMirrors(): Record<string, string> {
    const resolve = (dir: string) => (path.isAbsolute(dir) || this.root === undefined ? dir : path.join(this.root, dir));
    const out: Record<string, string> = {};
    for (const [prefix, dir] of Object.entries({ ...(this.config.schemaMappings ?? {}), ...(this.settings.schemaMappings ?? {}) })) out[prefix] = resolve(dir);
    return out;
  }

  /** Schema associations: the settings' and the project file's (which wins for the same schema). */
  schemaMappings(): Record<string, string | string[]> {
    return { ...(this.settings.schemas ?? {}), ...schemaMappingsOf(this.config.schemas) };
  }

  /** A path relative to the folder with `/` separators, or undefined when outside it. */
  relative(absPath: string): string | undefined {
    if (this.root === undefined) return undefined;
    const rel = path.relative(this.root, absPath);
    if (!rel || rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
    return toPosix(rel);
  }

  /** Which part of the model a file of this folder is, or undefined when it is not in the model. */
  roleOf(absPath: string): FileRole | undefined {
    const rel = this.relative(absPath);
    if (rel === undefined) return undefined;
    const m = this.matcherSet();
    if (m.excluded(rel)) return undefined;
    if (rel === PROJECT_CONFIG_FILE || m.config(rel)) return 'config';
    if (m.doc(rel)) return 'doc';
    // Files teams already have (Spring, redis.conf, compose, …): read when an adapter's paths match.
    if (adaptersForPath(rel).length) return 'config';
    return undefined;
  }

  /**
   * Files no glob selects whose first bytes the scan reads to ask the content recognisers
   * (contentRecognisers.ts: Backstage descriptors and formats): in the folder, not excluded, of a
   * type a recogniser looks at.
   */
  sniffs(absPath: string): boolean {
    const rel = this.relative(absPath);
    return rel !== undefined && isContentCandidate(rel, WORKSPACE_RECOGNISERS) && !this.matcherSet().excluded(rel) && this.roleOf(absPath) === undefined;
  }

  /** The role of a file the globs do not select, from the start of its text ('config' when a recogniser claims it). */
  roleOfContent(absPath: string, head: string): FileRole | undefined {
    const rel = this.relative(absPath);
    return rel !== undefined && !this.matcherSet().excluded(rel) && recogniseContent(rel, head, WORKSPACE_RECOGNISERS) ? 'config' : undefined;
  }

  /**
   * The local targets of the catalog's Location entities (absolute globs or paths, `/`
   * separators): the files they select are in the model like included ones. Returns whether
   * membership changed (the caller rescans).
   */
  setLocationTargets(patterns: readonly string[]): boolean {
    const root = this.root === undefined ? undefined : toPosix(this.root);
    const globs = root === undefined ? [] : [...new Set(patterns.filter((p) => p.startsWith(`${root}/`)).map((p) => p.slice(root.length + 1)))].sort();
    if (JSON.stringify(globs) === JSON.stringify(this.locationGlobs)) return false;
    this.locationGlobs = globs;
    this.matchers = undefined;
    return true;
  }

  private locationGlobs: string[] = [];

  /** Is the file excluded by the project file or `files.exclude`? (Excluded files get no problems.) */
  isExcluded(absPath: string): boolean {
    const rel = this.relative(absPath);
    return rel !== undefined && this.matcherSet().excluded(rel);
  }

  /** Folders the scan need not enter: excluded as a whole. */
  skipsFolder(absFolder: string): boolean {
    const rel = this.relative(absFolder);
    if (rel === undefined) return false;
    const m = this.matcherSet();
    return m.excluded(rel) || m.excluded(`${rel}/x`);
  }

  private matcherSet() {
    if (!this.matchers) {
      const mapped = Object.values(this.schemaMappings()).flatMap((globs) => (Array.isArray(globs) ? globs : [globs]));
      this.matchers = {
        // Location targets are paths relative to the root (a `/` in each): never matched by file name alone.
        config: globMatcher([...(this.config.include ?? DEFAULT_INCLUDE), ...mapped, ...(this.config.catalog?.files ?? []), ...this.locationGlobs.map((g) => (g.includes('/') ? g : `./${g}`))]),
        doc: globMatcher(docGlobs(this.config.docs)),
        excluded: exclusionMatcher([...ALWAYS_SKIPPED_FOLDERS, ...(this.config.exclude ?? DEFAULT_EXCLUDE), ...(this.settings.filesExclude ?? [])]),
      };
    }
    return this.matchers;
  }
}

/** `docs` may list globs or folders (`docs/` means every Markdown file under it). */
export function docGlobs(value: unknown): string[] {
  const list = typeof value === 'string' ? [value] : Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : undefined;
  if (!list) return DEFAULT_DOCS;
  return list.map((entry) => (picomatch.scan(entry).isGlob ? entry : `${entry.replace(/\/+$/, '')}/**/*.{md,markdown}`));
}

/**
 * Exclusion matches a path or any folder above it: `files.exclude`-style `**\/dist` names the folder,
 * project-style `**\/node_modules/**` its contents; both exclude every file inside.
 */
function exclusionMatcher(globs: readonly string[]): (relativePath: string) => boolean {
  const matches = globMatcher(globs);
  // Folders repeat for every file in them: remember each folder's answer.
  const folders = new Map<string, boolean>();
  const folderExcluded = (folder: string): boolean => {
    let excluded = folders.get(folder);
    if (excluded === undefined) {
      const parent = folder.lastIndexOf('/');
      excluded = (parent !== -1 && folderExcluded(folder.slice(0, parent))) || matches(folder);
      if (folders.size > 50_000) folders.clear();
      folders.set(folder, excluded);
    }
    return excluded;
  };
  return (relativePath) => {
    const parent = relativePath.lastIndexOf('/');
    return (parent !== -1 && folderExcluded(relativePath.slice(0, parent))) || matches(relativePath);
  };
}

export function schemaMappingsOf(value: unknown): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  if (!value || typeof value !== 'object' || Array.isArray(value)) return out;
  for (const [schema, globs] of Object.entries(value)) {
    if (typeof globs === 'string') out[schema] = globs;
    else if (Array.isArray(globs)) out[schema] = globs.filter((g): g is string => typeof g === 'string');
  }
  return out;
}
