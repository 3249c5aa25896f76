// Where a finding is shown. A field that exists is shown where it is written (its value for a
// scalar, its key for a mapping or list, so a whole block is never underlined); a missing field
// is shown at its nearest written parent: the parent's key, or the `name` of a list item.
import { locationOf, segmentsOf, type NodeLocation } from '../document/model';
import type { Range, Span } from '../types';
import type { DocumentModel } from '../document/model';
import type { LineIndex } from '../document/lineIndex';

/** What range computations need: the document and the file's line index. */
export interface LocatedDocument {
  doc: DocumentModel;
  lines: LineIndex;
}

export function valueAt(root: unknown, pointer: string): unknown {
  let current = root;
  for (const segment of segmentsOf(pointer)) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}

/** The range for a finding about `pointer` (see the file comment). */
export function rangeFor(ctx: LocatedDocument, pointer: string): Range {
  return ctx.lines.rangeOf(spanFor(ctx, pointer));
}

export function spanFor(ctx: LocatedDocument, pointer: string): Span {
  const { pointer: found, location } = locationOf(ctx.doc, pointer);
  if (found === pointer) return shownSpan(ctx, found, location);
  return anchorSpan(ctx, found, location);
}

/** Span of the field when it is written, undefined when it is not. */
export function writtenSpan(ctx: LocatedDocument, pointer: string): Span | undefined {
  return ctx.doc.locations.get(pointer)?.value;
}

function shownSpan(ctx: LocatedDocument, pointer: string, location: NodeLocation): Span {
  const value = valueAt(ctx.doc.value, pointer);
  const isCollection = value !== null && typeof value === 'object';
  if (isCollection) return anchorSpan(ctx, pointer, location);
  // `key:` with nothing after it has an empty value span: show the key instead.
  if (location.value.end === location.value.start && location.key) return location.key;
  return location.value;
}

function anchorSpan(ctx: LocatedDocument, pointer: string, location: NodeLocation): Span {
  if (location.key) return location.key;
  const name = ctx.doc.locations.get(`${pointer}/name`);
  if (name && valueAt(ctx.doc.value, pointer) !== null) return name.key ? { start: name.key.start, end: name.value.end } : name.value;
  return firstLineOf(ctx, location.value);
}

function firstLineOf(ctx: LocatedDocument, span: Span): Span {
  const line = ctx.lines.positionAt(span.start).line;
  const end = Math.min(span.end, ctx.lines.lineEnd(line));
  return { start: span.start, end: Math.max(end, span.start) };
}
