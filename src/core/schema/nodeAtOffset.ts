// What is under the cursor in a parsed file: the document, the instance path, and whether the
// offset is on a key or on a scalar value. Works on the caller's already-parsed file.
import { escapePointerSegment } from '../document/fastScalars';
import { segmentsOf, type DocumentModel, type NodeLocation, type ParsedFile } from '../document/model';
import type { Span } from '../types';

export interface NodeAtOffset {
  doc: DocumentModel;
  pointer: string;
  segments: string[];
  /** True on a key, false on a value. */
  onKey: boolean;
  /** The key or the value under the cursor. */
  span: Span;
  value: unknown;
}

export function documentAt(parsed: ParsedFile, offset: number): DocumentModel | undefined {
  const docs = parsed.documents;
  for (let i = docs.length - 1; i >= 0; i--) if (docs[i].span.start <= offset) return docs[i];
  return docs[0];
}

/** The smallest key or scalar value containing the offset (end inclusive, as a cursor sees it). */
export function nodeAtOffset(parsed: ParsedFile, offset: number): NodeAtOffset | undefined {
  const doc = documentAt(parsed, offset);
  if (!doc) return undefined;
  let best: { pointer: string; onKey: boolean; span: Span } | undefined;
  const better = (span: Span) => !best || span.end - span.start < best.span.end - best.span.start;
  const consider = (pointer: string, location: NodeLocation): void => {
    const { key, value } = location;
    if (key && key.start <= offset && offset <= key.end && better(key)) best = { pointer, onKey: true, span: key };
    if (value.start <= offset && offset <= value.end && value.end > value.start && better(value)) best = { pointer, onKey: false, span: value };
  };
  // Children are written inside their parent's value, so only the members whose value holds the
  // offset are descended into: a hover deep in a 6,000-line file looks at a few hundred nodes.
  const descend = (pointer: string, node: unknown): void => {
    if (node === null || typeof node !== 'object') return;
    for (const key of Object.keys(node)) {
      const child = `${pointer}/${escapePointerSegment(key)}`;
      const location = doc.locations.get(child);
      if (!location) continue;
      consider(child, location);
      if (location.value.start <= offset && offset <= location.value.end) descend(child, (node as Record<string, unknown>)[key]);
    }
  };
  const root = doc.locations.get('');
  if (root) consider('', root);
  descend('', doc.value);
  // Anything unusual (a node written outside its parent's extent): look at every node.
  if (!best) for (const [pointer, location] of doc.locations) consider(pointer, location);
  if (!best) return undefined;
  const segments = segmentsOf(best.pointer);
  const value = valueAt(doc.value, segments);
  if (!best.onKey && value !== null && typeof value === 'object') return undefined;
  return { doc, pointer: best.pointer, segments, onKey: best.onKey, span: best.span, value };
}

export function valueAt(root: unknown, segments: readonly string[]): unknown {
  let node = root;
  for (const segment of segments) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[segment];
  }
  return node;
}
