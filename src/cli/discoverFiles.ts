// Which files `check` looks at. Folders are walked for the files the selection patterns pick
// (cache configs, the globs the project file maps schemas to, and what format adapters may read:
// their path globs and every YAML/JSON file, which `check` then keeps only when its first bytes say
// an adapter reads it — registry.ts `readByAdapter`, the decision the editor's scan makes too);
// globs pick what they match; a file named on the command line is always checked. Matching uses picomatch, the matcher the
// editor uses for the same globs, over our own walk (which skips node_modules and VCS folders).
import * as fs from 'node:fs';
import * as path from 'node:path';
import picomatch from 'picomatch';
import { globMatcher } from '../core/workspace/folderModel';
import { walkFolder } from '../core/workspace/fileSystem';

export const CACHE_CONFIG_PATTERNS = ['**/*.cache.yaml', '**/*.cache.yml', '**/*.cache.json'];
const SKIPPED_FOLDERS = new Set(['node_modules', '.git', '.hg', '.svn']);

export interface DiscoverOptions {
  cwd: string;
  /** Paths and globs from the command line; none means the working folder. `!glob` excludes. */
  inputs: readonly string[];
  /** Patterns that pick files inside walked folders, relative to `root` (no slash: any folder). */
  select: readonly string[];
  /** Patterns that drop walked or globbed files, relative to `root`. */
  exclude: readonly string[];
  /** The project folder (where .cachewarden.yaml is); patterns are relative to it. */
  root: string;
}

export interface Discovery {
  /** Absolute paths, sorted, each once. */
  files: string[];
  /** Inputs that cannot be used: a missing path, a glob that matches nothing (exit code 2). */
  errors: string[];
  /** Folders that could not be read while walking. */
  warnings: string[];
}

export function discoverFiles(options: DiscoverOptions): Discovery {
  const inputs = options.inputs.length ? options.inputs : ['.'];
  const negated = inputs.filter((i) => i.startsWith('!')).map((i) => i.slice(1));
  const positive = inputs.filter((i) => !i.startsWith('!'));
  const selected = globMatcher(options.select);
  const excluded = globMatcher(options.exclude);
  const excludedByArgs = negated.length ? picomatch(negated.map(toPosix), { dot: true }) : () => false;
  const relativeToRoot = (abs: string, fallbackBase = options.cwd) => projectRelative(abs, options.root, fallbackBase);
  const droppedByArgs = (abs: string) => excludedByArgs(toPosix(path.relative(options.cwd, abs)));

  const found = new Set<string>();
  const errors: string[] = [];
  const warnings: string[] = [];
  for (const input of positive.length ? positive : ['.']) {
    const abs = path.resolve(options.cwd, input);
    const stat = statOrUndefined(abs);
    if (stat?.isDirectory()) {
      for (const file of walk(abs, warnings)) {
        const rel = relativeToRoot(file, abs);
        if (selected(rel) && !excluded(rel) && !droppedByArgs(file)) found.add(file);
      }
    } else if (stat) {
      // Named explicitly: checked whatever its name, like a linter given a file.
      found.add(abs);
    } else if (picomatch.scan(input).isGlob) {
      const matches = globFiles(input, options.cwd, warnings).filter((file) => !excluded(relativeToRoot(file)) && !droppedByArgs(file));
      if (!matches.length) errors.push(`no files match the pattern: ${input}`);
      for (const file of matches) found.add(file);
    } else {
      errors.push(`path not found: ${input}`);
    }
  }
  return { files: [...found].sort(), errors, warnings };
}

export { globMatcher } from '../core/workspace/folderModel';

/** Files matching a glob (relative to cwd, or absolute), found by walking the glob's base folder. */
function globFiles(glob: string, cwd: string, warnings: string[]): string[] {
  const pattern = toPosix(path.isAbsolute(glob) ? glob : path.join(cwd, glob));
  const { base } = picomatch.scan(pattern);
  const start = base || (path.isAbsolute(pattern) ? path.parse(pattern).root : cwd);
  if (!statOrUndefined(start)?.isDirectory()) return [];
  const matches = picomatch(pattern, { dot: true });
  return [...walk(start, warnings)].filter((file) => matches(toPosix(file)));
}

/** Every file under a folder, skipping node_modules and VCS folders; symlinked folders are not followed. */
function walk(dir: string, warnings: string[]): Iterable<string> {
  return walkFolder(dir, (folder) => SKIPPED_FOLDERS.has(path.basename(folder)), warnings);
}

/** The path patterns are matched against: relative to the project root, or (outside it) to `fallbackBase`. */
function projectRelative(abs: string, root: string, fallbackBase: string): string {
  const fromRoot = path.relative(root, abs);
  if (!fromRoot.startsWith('..') && !path.isAbsolute(fromRoot)) return toPosix(fromRoot);
  return toPosix(path.relative(fallbackBase, abs));
}

function statOrUndefined(abs: string): fs.Stats | undefined {
  try {
    return fs.statSync(abs);
  } catch {
    return undefined;
  }
}

export function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}
