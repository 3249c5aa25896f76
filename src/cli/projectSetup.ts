// Finds and reads the project file (.cachewarden.yaml) for a `check` run and derives what the run
// needs from it: the workspace root, the file selection, the schema mappings and schema folders.
import { adapterGlobs } from '../core/formats/registry';
import * as fs from 'node:fs';
import * as path from 'node:path';
import picomatch from 'picomatch';
import { emptyProjectConfig, loadProjectConfig, PROJECT_CONFIG_FILE, type ProjectConfig } from '../core/project/projectConfig';
import type { Diagnostic } from '../core/types';
import { DEFAULT_EXCLUDE, DEFAULT_INCLUDE, schemaMappingsOf } from '../core/workspace/folderModel';
import { readBoundedFileSync } from '../core/workspace/fileSystem';
import { UsageError } from './cliIo';

export { DEFAULT_INCLUDE, DEFAULT_EXCLUDE } from '../core/workspace/folderModel';

export interface ProjectSetup {
  /** Absolute path of the project file, when there is one. */
  configPath?: string;
  config: ProjectConfig;
  /** What reading the project file found wrong (syntax, unknown rule ids, unusable severities). */
  configDiagnostics: Diagnostic[];
  /** The project file's folder, else the working folder: globs and schema paths are relative to it. */
  root: string;
  /** `schemas`: schema path or $id → glob(s), as the editor's cacheWarden.schemas setting. */
  schemaMappings: Record<string, string | string[]>;
  /** Absolute schema folders: the project file's `schemaDirs` and the --schema-dir options. */
  schemaDirs: string[];
  /** The --schema-dir options alone (absolute). */
  extraSchemaDirs: string[];
  /** The --schema-map options: URL prefix → absolute folder. */
  extraSchemaMaps: Record<string, string>;
}

/**
 * The project file is --config, else the nearest .cachewarden.yaml in the working folder or above,
 * else the nearest one at or above the first path checked (`check path/to/project` uses its file).
 */
export function loadProjectSetup(
  cwd: string, explicitConfig: string | undefined, extraSchemaDirs: readonly string[], inputs: readonly string[] = [], schemaMaps: Record<string, string> = {},
): ProjectSetup {
  const configPath = explicitConfig ? path.resolve(cwd, explicitConfig) : findProjectFile(cwd) ?? projectFileNear(cwd, inputs);
  let config = emptyProjectConfig();
  let configDiagnostics: Diagnostic[] = [];
  if (configPath) {
    let text: string;
    try {
      text = readBoundedFileSync(configPath);
    } catch (error) {
      throw new UsageError(`cannot read the project file ${configPath}: ${reason(error)}`);
    }
    ({ config, diagnostics: configDiagnostics } = loadProjectConfig(text, configPath));
  }
  const root = configPath ? path.dirname(configPath) : cwd;
  const extra: string[] = [];
  for (const dir of extraSchemaDirs) {
    const abs = path.resolve(cwd, dir);
    if (!isDirectory(abs)) throw new UsageError(`--schema-dir: folder not found: ${dir}`);
    extra.push(abs);
  }
  const extraSchemaMaps: Record<string, string> = {};
  for (const [prefix, dir] of Object.entries(schemaMaps)) {
    const abs = path.resolve(cwd, dir);
    if (!isDirectory(abs)) throw new UsageError(`--schema-map: folder not found: ${dir}`);
    extraSchemaMaps[prefix] = abs;
  }
  const schemaDirs = [...(config.schemaDirs ?? []).map((dir) => path.resolve(root, dir)), ...extra];
  return {
    ...(configPath ? { configPath } : {}), config, configDiagnostics, root, schemaMappings: schemaMappingsOf(config.schemas), schemaDirs, extraSchemaDirs: extra, extraSchemaMaps,
  };
}

/** The nearest .cachewarden.yaml in the working folder or above it. */
export function findProjectFile(cwd: string): string | undefined {
  let dir = path.resolve(cwd);
  for (;;) {
    const candidate = path.join(dir, PROJECT_CONFIG_FILE);
    if (isFile(candidate)) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

function projectFileNear(cwd: string, inputs: readonly string[]): string | undefined {
  const first = inputs.find((input) => !input.startsWith('!'));
  if (!first) return undefined;
  // A glob's fixed leading folders ('configs/**/*.yaml' → 'configs') are where to start looking.
  const scan = picomatch.scan(first);
  const fixed = scan.isGlob ? scan.base : first;
  const start = path.resolve(cwd, fixed || '.');
  return findProjectFile(isDirectory(start) ? start : path.dirname(start));
}

/** What walking a folder picks: the include globs, the globs schemas are mapped to, the project file. */
export function selectionPatterns(setup: ProjectSetup, withAdapters = true): string[] {
  const mapped = Object.values(setup.schemaMappings).flatMap((globs) => (Array.isArray(globs) ? globs : [globs]));
  // Plus the files teams already have that an adapter reads (Spring, redis.conf, compose, …).
  return [...(setup.config.include ?? DEFAULT_INCLUDE), ...mapped, ...(withAdapters ? adapterGlobs() : []), PROJECT_CONFIG_FILE].map((glob) => glob.replace(/^\.\//, ''));
}

export function exclusionPatterns(setup: ProjectSetup): string[] {
  return (setup.config.exclude ?? DEFAULT_EXCLUDE).map((glob) => glob.replace(/^\.\//, ''));
}

/** The folder SARIF paths are relative to: the repository (nearest folder with .git), else the root. */
export function repositoryRoot(from: string): string {
  let dir = from;
  for (;;) {
    if (fs.existsSync(path.join(dir, '.git'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return from;
    dir = parent;
  }
}

function isFile(p: string): boolean {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}

function isDirectory(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

export function reason(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  if (e.code === 'EACCES' || e.code === 'EPERM') return 'permission denied';
  if (e.code === 'ENOENT') return 'no such file (a broken link?)';
  if (e.code === 'EISDIR') return 'it is a folder';
  return e.message ?? String(error);
}
