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

/**
 * The written members of one mapping or sequence, in the order a walk of the value meets them
 * (`Object.keys`), with their spans in flat arrays: finding the members that hold an offset reads a
 * few cache lines instead of building a pointer and looking it up in the document's map for each
 * member. Built on first use per parse (documents are never changed after parsing).
 */
interface Members {
  /** Pointer of each member. */
  pointers: string[];
  /** Key spans (-1 when the member has none: sequence items) and value spans. */
  keyStart: Int32Array;
  keyEnd: Int32Array;
  valueStart: Int32Array;
  valueEnd: Int32Array;
  /** Values in the order of the members (what is descended into). */
  values: unknown[];
  /**
   * Value spans do not overlap and come in the members' order (sequences as written): the
   * members whose value holds an offset are found by binary search.
   */
  ordered: boolean;
}

const membersCache = new WeakMap<DocumentModel, Map<string, Members>>();

function membersOf(doc: DocumentModel, pointer: string, node: object): Members {
  let byPointer = membersCache.get(doc);
  if (!byPointer) membersCache.set(doc, (byPointer = new Map()));
  let members = byPointer.get(pointer);
  if (members) return members;
  const pointers: string[] = [];
  const values: unknown[] = [];
  const spans: NodeLocation[] = [];
  for (const key of Object.keys(node)) {
    const child = `${pointer}/${escapePointerSegment(key)}`;
    const location = doc.locations.get(child);
    if (!location) continue;
    pointers.push(child);
    values.push((node as Record<string, unknown>)[key]);
    spans.push(location);
  }
  const n = spans.length;
  members = { pointers, values, keyStart: new Int32Array(n), keyEnd: new Int32Array(n), valueStart: new Int32Array(n), valueEnd: new Int32Array(n), ordered: Array.isArray(node) };
  for (let i = 0; i < n; i++) {
    const { key, value } = spans[i];
    members.keyStart[i] = key ? key.start : -1;
    members.keyEnd[i] = key ? key.end : -1;
    members.valueStart[i] = value.start;
    members.valueEnd[i] = value.end;
    // Keys are not looked at by the binary search: only key-less members (sequence items) qualify.
    if (key || value.end < value.start || (i > 0 && value.start < members.valueEnd[i - 1])) members.ordered = false;
  }
  byPointer.set(pointer, members);
  return members;
}

/** The smallest key or scalar value containing the offset (end inclusive, as a cursor sees it). */
export function nodeAtOffset(parsed: ParsedFile, offset: number): NodeAtOffset | undefined {
  const doc = documentAt(parsed, offset);
  if (!doc) return undefined;
  let bestPointer = '';
  let bestOnKey = false;
  let bestStart = -1;
  let bestEnd = -1;
  let found = false;
  const consider = (pointer: string, onKey: boolean, start: number, end: number): void => {
    if (found && end - start >= bestEnd - bestStart) return;
    found = true;
    bestPointer = pointer;
    bestOnKey = onKey;
    bestStart = start;
    bestEnd = end;
  };
  // Children are written inside their parent's value, so only the members whose value holds the
  // offset are descended into: a hover deep in a 6,000-line file looks at a few dozen members.
  const descend = (pointer: string, node: unknown): void => {
    if (node === null || typeof node !== 'object') return;
    const m = membersOf(doc, pointer, node);
    const n = m.pointers.length;
    let i = 0;
    if (m.ordered) {
      // The first item whose value ends at or after the offset; the items from there on that start
      // at or before it are the ones holding it.
      let hi = n;
      while (i < hi) {
        const mid = (i + hi) >>> 1;
        if (m.valueEnd[mid] < offset) i = mid + 1;
        else hi = mid;
      }
    }
    for (; i < n; i++) {
      const start = m.valueStart[i];
      if (m.ordered && start > offset) break;
      const keyStart = m.keyStart[i];
      if (keyStart !== -1 && keyStart <= offset && offset <= m.keyEnd[i]) consider(m.pointers[i], true, keyStart, m.keyEnd[i]);
      const end = m.valueEnd[i];
      if (start <= offset && offset <= end) {
        if (end > start) consider(m.pointers[i], false, start, end);
        descend(m.pointers[i], m.values[i]);
      }
    }
  };
  const root = doc.locations.get('');
  if (root) considerLocation('', root);
  descend('', doc.value);
  // Anything unusual (a node written outside its parent's extent): look at every node.
  if (!found) for (const [pointer, location] of doc.locations) considerLocation(pointer, location);
  if (!found) return undefined;
  const segments = segmentsOf(bestPointer);
  const value = valueAt(doc.value, segments);
  if (!bestOnKey && value !== null && typeof value === 'object') return undefined;
  const span = bestOnKey ? doc.locations.get(bestPointer)!.key! : doc.locations.get(bestPointer)!.value;
  return { doc, pointer: bestPointer, segments, onKey: bestOnKey, span, value };

  function considerLocation(pointer: string, { key, value }: NodeLocation): void {
    if (key && key.start <= offset && offset <= key.end) consider(pointer, true, key.start, key.end);
    if (value.start <= offset && offset <= value.end && value.end > value.start) consider(pointer, false, value.start, value.end);
  }
}

export function valueAt(root: unknown, segments: readonly string[]): unknown {
  let node = root;
  for (const segment of segments) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[segment];
  }
  return node;
}
