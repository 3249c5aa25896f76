// Paths written in configs and front matter (`docs: docs/services/orders-service.md#order-summary-cache`,
// `runbook: …`, `source: ../../services/catalog/catalog.cache.yaml`): which workspace file a value
// names, and the line of the heading its anchor (or the entity it documents) names.
//
// A relative path is read relative to the file it is written in, else relative to a folder above
// it up to the workspace root (examples write `docs/…` from the root): the first that names an
// existing regular file wins. URLs and values that name no file are not paths.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readBoundedFileSync } from '../workspace/fileSystem';
import { headingLine } from './markdownBody';

export interface PathValue {
  /** The file, absolute. */
  file: string;
  /** The `#anchor` written after the path, without `#`. */
  anchor?: string;
}

/** Folders that end the walk up when no workspace root is known (a project's root). */
const ROOT_MARKERS = ['.cachewarden.yaml', '.git'];
const MAX_VALUE = 1024;
/** `https:`, `mailto:`…, but not a Windows drive (`C:`). */
const URL_LIKE = /^[a-z][a-z0-9+.-]+:/i;

/** Splits `path#anchor`; undefined for what cannot be a path (URLs, multi-line text, empty). */
export function splitPathValue(value: string): { path: string; anchor?: string } | undefined {
  const trimmed = value.trim();
  if (!trimmed || trimmed.length > MAX_VALUE || /[\n\r\0]/.test(trimmed) || URL_LIKE.test(trimmed)) return undefined;
  const hash = trimmed.indexOf('#');
  const file = hash === -1 ? trimmed : trimmed.slice(0, hash);
  if (!file) return undefined;
  const anchor = hash === -1 ? undefined : trimmed.slice(hash + 1) || undefined;
  return anchor !== undefined ? { path: file, anchor } : { path: file };
}

/** Whether a value is worth a file-system look-up: it has a folder separator or a file extension. */
export function looksLikePath(value: string): boolean {
  const split = splitPathValue(value);
  return !!split && (/[/\\]/.test(split.path) || /\.[A-Za-z0-9]{1,10}$/.test(split.path));
}

/**
 * The existing workspace file a value names, written in `fromFile`. `root` (the workspace folder)
 * bounds the walk up and absolute paths; without it the walk stops at a project root marker.
 */
export function resolvePathValue(fromFile: string, value: string, root?: string): PathValue | undefined {
  if (!path.isAbsolute(fromFile) || !looksLikePath(value)) return undefined;
  const split = splitPathValue(value)!;
  const withAnchor = (file: string): PathValue => (split.anchor !== undefined ? { file, anchor: split.anchor } : { file });
  if (path.isAbsolute(split.path)) {
    const file = path.resolve(split.path);
    return (root === undefined || inside(file, root)) && isFile(file) ? withAnchor(file) : undefined;
  }
  for (let dir = path.dirname(fromFile); ; dir = path.dirname(dir)) {
    const file = path.resolve(dir, split.path);
    if ((root === undefined || inside(file, root)) && isFile(file)) return withAnchor(file);
    if (root !== undefined ? !inside(path.dirname(dir), root) || dir === root : isProjectRoot(dir)) return undefined;
    if (path.dirname(dir) === dir) return undefined;
  }
}

/**
 * The line a path value lands on: its anchor's heading in a Markdown file (or a `names` heading),
 * else line 0. `textOf` gives the text of a file open in the editor; the disk is read otherwise.
 */
export function pathValueLine(target: PathValue, names: readonly string[] = [], textOf?: (file: string) => string | undefined): number {
  if (!/\.(md|markdown)$/i.test(target.file)) return 0;
  const text = textOf?.(target.file) ?? readText(target.file);
  return text === undefined ? 0 : headingLine(text, target.anchor, names);
}

function inside(file: string, root: string): boolean {
  const rel = path.relative(root, file);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** Whether an absolute path is an existing regular file (answers remembered for one turn of the event loop). */
export function isFile(file: string): boolean {
  return remembered(`f:${file}`, () => {
    try {
      // Most candidates of the walk up do not exist: no exception (and stack trace) for those.
      return fs.statSync(file, { throwIfNoEntry: false })?.isFile() ?? false;
    } catch {
      return false;
    }
  });
}

function isProjectRoot(dir: string): boolean {
  return remembered(`r:${dir}`, () => ROOT_MARKERS.some((marker) => fs.existsSync(path.join(dir, marker))));
}

/**
 * File-system answers for the current turn of the event loop only: a config's service, backends
 * and caches (and a batch of configs in the same folders) resolve the same paths, while a file
 * created later is seen on the next turn.
 */
const turnMemo = new Map<string, boolean>();
let clearScheduled = false;

function remembered(key: string, compute: () => boolean): boolean {
  const known = turnMemo.get(key);
  if (known !== undefined) return known;
  if (!clearScheduled) {
    clearScheduled = true;
    setImmediate(() => {
      turnMemo.clear();
      turnTexts.clear();
      clearScheduled = false;
    });
  }
  const value = compute();
  turnMemo.set(key, value);
  return value;
}

const MAX_DOC_BYTES = 2 * 1024 * 1024;
/** Docs read for their headings, by path, while their size and modification time stay the same. */
const textCache = new Map<string, { mtimeMs: number; size: number; text: string }>();

function readText(file: string): string | undefined {
  if (turnTexts.has(file)) return turnTexts.get(file);
  const text = readTextNow(file);
  remembered(`t:${file}`, () => true); // schedules the end-of-turn clear
  turnTexts.set(file, text);
  return text;
}

/** Texts read in this turn of the event loop (cleared with the other answers). */
const turnTexts = new Map<string, string | undefined>();

function readTextNow(file: string): string | undefined {
  try {
    const stat = fs.statSync(file);
    if (!stat.isFile() || stat.size > MAX_DOC_BYTES) return undefined;
    const cached = textCache.get(file);
    if (cached && cached.mtimeMs === stat.mtimeMs && cached.size === stat.size) return cached.text;
    const text = readBoundedFileSync(file, { maxBytes: MAX_DOC_BYTES });
    if (textCache.size > 5000) textCache.clear();
    textCache.set(file, { mtimeMs: stat.mtimeMs, size: stat.size, text });
    return text;
  } catch {
    return undefined;
  }
}
