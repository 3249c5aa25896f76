import type { Diagnostic, Span } from '../types';
import type { LineIndex } from './lineIndex';

/** Where a value is written: the key of a mapping member (if any) and the value itself. */
export interface NodeLocation {
  key?: Span;
  value: Span;
}

/**
 * One YAML document (one `---` section; a JSON file is a single document) as plain data plus a
 * source map. Aliases are resolved into `value`; content reached through an alias has no entry of
 * its own in `locations`, so `rangeOfPointer` lands on the alias — where the user wrote it.
 */
export interface DocumentModel {
  /** Position of this document in the file (0-based). */
  index: number;
  /** The document's extent in the text. */
  span: Span;
  /** The parsed value (objects, arrays, strings, numbers, booleans, null; undefined if empty). */
  value: unknown;
  /** JSON Pointer ('' for the root, '/spec/caches/0/ttl') → where it is written. */
  locations: Map<string, NodeLocation>;
  /** Syntax problems; when any is an error, schema validation and rules skip this document. */
  syntaxErrors: Diagnostic[];
}

export interface ParsedFile {
  text: string;
  lines: LineIndex;
  documents: DocumentModel[];
}

/** Limits that keep hostile input bounded; exceeding one is reported as a diagnostic. */
export const PARSE_LIMITS = {
  /**
   * Deeper nesting than this is reported instead of parsed (no stack overflow downstream). The
   * `yaml` package overflows the stack some 800 levels down even from a shallow stack (and V8 may
   * then abort the process), so the limit stays well below that.
   */
  maxDepth: 256,
  /** Total nodes an alias may expand to across a document ("billion laughs" guard). */
  maxAliasExpansion: 10000,
  /**
   * Larger texts are parsed only on the fast path: the reference parser needs about a second per
   * megabyte, too long to block an editor for.
   */
  maxReferenceParseBytes: 3 * 1024 * 1024,
};

export function pointerOf(segments: readonly (string | number)[]): string {
  let out = '';
  for (const s of segments) out += '/' + String(s).replace(/~/g, '~0').replace(/\//g, '~1');
  return out;
}

export function segmentsOf(pointer: string): string[] {
  if (pointer === '') return [];
  const segments = pointer.slice(1).split('/');
  // Escapes are rare; skip the two replaces (hot in rules and hover) when there are none.
  return pointer.includes('~') ? segments.map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~')) : segments;
}

/** The nearest written location for a pointer: itself, or its closest ancestor that has one. */
export function locationOf(doc: DocumentModel, pointer: string): { pointer: string; location: NodeLocation } {
  let p = pointer;
  for (;;) {
    const found = doc.locations.get(p);
    if (found) return { pointer: p, location: found };
    if (p === '') return { pointer: '', location: { value: doc.span } };
    p = p.slice(0, p.lastIndexOf('/'));
  }
}

/** Counts nodes of a value up to `cap` (the alias-expansion budget, same as the reference parser). */
export function countNodes(value: unknown, cap: number): number {
  let count = 0;
  const stack: unknown[] = [value];
  while (stack.length && count < cap) {
    const v = stack.pop();
    count++;
    if (Array.isArray(v)) for (const item of v) stack.push(item);
    else if (v && typeof v === 'object') for (const key in v) stack.push((v as Record<string, unknown>)[key]);
  }
  return count;
}
