// Small typed readers over a DocumentModel's plain value and source map.
import type { DocumentModel } from '../document/model';
import { locationOf, pointerOf } from '../document/model';
import type { LineIndex } from '../document/lineIndex';
import type { Range } from '../types';

export type Path = readonly (string | number)[];

export function valueAt(root: unknown, path: Path): unknown {
  let current = root;
  for (const segment of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string | number, unknown>)[segment];
  }
  return current;
}

export function stringAt(root: unknown, path: Path): string | undefined {
  const value = valueAt(root, path);
  if (typeof value === 'string') return value.trim() === '' ? undefined : value.trim();
  if (typeof value === 'number') return String(value);
  return undefined;
}

export function stringsAt(root: unknown, path: Path): string[] | undefined {
  const value = valueAt(root, path);
  if (!Array.isArray(value)) return undefined;
  return value.filter((v): v is string => typeof v === 'string');
}

/** The range of the value at a path (or of its nearest written ancestor). */
export function rangeAt(doc: DocumentModel, lines: LineIndex, path: Path): Range {
  return lines.rangeOf(locationOf(doc, pointerOf(path)).location.value);
}

/** Lines [start, end] a value spans (a cache or backend item, for status attribution). */
export function extentAt(doc: DocumentModel, lines: LineIndex, path: Path): { start: number; end: number } {
  const span = locationOf(doc, pointerOf(path)).location.value;
  const range = lines.rangeOf(span);
  // A block item's span ends at the start of the next line; do not claim that line.
  const end = range.end.character === 0 && range.end.line > range.start.line ? range.end.line - 1 : range.end.line;
  return { start: range.start.line, end };
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
