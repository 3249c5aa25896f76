// Text edits for quick fixes that keep the file's own style: block mappings get new lines at the
// indentation of their siblings (after the last member, so comments stay where they are), flow
// mappings (`ttl: { value: 10m }`) get the member inside the braces, JSON files get JSON.
import type { DocumentModel } from '../document/model';
import type { LineIndex } from '../document/lineIndex';
import type { TextEdit } from '../types';
import { valueAt } from './ranges';

export interface EditTarget {
  text: string;
  lines: LineIndex;
  doc: DocumentModel;
  isJson: boolean;
}

export type FixScalar = string | number | boolean;
export type FixValue = FixScalar | { [key: string]: FixValue };

/** How a new nested mapping is written inside a block mapping. */
export type NestedStyle = 'block' | 'flow';

const PLAIN_SAFE = /^[A-Za-z0-9_][A-Za-z0-9_.%\-/]*$/;
const YAML_RESERVED = /^(true|false|null|yes|no|on|off|~|[-+]?(\d[\d_]*(\.\d*)?|\.\d+)([eE][-+]?\d+)?)$/i;

/** The file's line break, judged by its first line (scanning a large file per fix would be wasteful). */
function eolOf(text: string): string {
  const first = text.indexOf('\n');
  return first > 0 && text[first - 1] === '\r' ? '\r\n' : '\n';
}

export function yamlScalar(value: FixScalar): string {
  if (typeof value !== 'string') return String(value);
  return PLAIN_SAFE.test(value) && !YAML_RESERVED.test(value) ? value : JSON.stringify(value);
}

function yamlFlow(value: FixValue): string {
  if (typeof value !== 'object') return yamlScalar(value);
  const members = Object.entries(value).map(([k, v]) => `${yamlScalar(k)}: ${yamlFlow(v)}`);
  return members.length ? `{ ${members.join(', ')} }` : '{}';
}

function jsonInline(value: FixValue): string {
  if (typeof value !== 'object') return JSON.stringify(value);
  const members = Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}: ${jsonInline(v)}`);
  return `{${members.join(', ')}}`;
}

function yamlBlockMember(key: string, value: FixValue, column: number, unit: number, style: NestedStyle, eol: string): string {
  if (typeof value !== 'object') return `${yamlScalar(key)}: ${yamlScalar(value)}`;
  if (style === 'flow') return `${yamlScalar(key)}: ${yamlFlow(value)}`;
  const childColumn = column + unit;
  const children = Object.entries(value).map(
    ([k, v]) => `${eol}${' '.repeat(childColumn)}${yamlBlockMember(k, v, childColumn, unit, style, eol)}`,
  );
  return `${yamlScalar(key)}:${children.join('')}`;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Insert `key: value` into the mapping at `mappingPointer`; undefined when no safe edit exists. */
export function insertMember(
  target: EditTarget, mappingPointer: string, key: string, value: FixValue, style: NestedStyle = 'block',
): TextEdit | undefined {
  const mapping = valueAt(target.doc.value, mappingPointer);
  const location = target.doc.locations.get(mappingPointer);
  if (!isObject(mapping) || !location || key in mapping) return undefined;
  const { text, lines } = target;
  const span = location.value;
  if (text[span.start] === '{') return insertIntoBraces(target, span, key, value);
  const memberKeys = Object.keys(mapping);
  if (memberKeys.length === 0) return undefined;
  let column: number | undefined;
  let end = span.start;
  for (const member of memberKeys) {
    const at = target.doc.locations.get(`${mappingPointer}/${escapeSegment(member)}`);
    if (!at) continue;
    if (column === undefined && at.key) column = lines.positionAt(at.key.start).character;
    end = Math.max(end, at.value.end, at.key?.end ?? 0);
  }
  if (column === undefined) return undefined;
  while (end > span.start && /\s/.test(text[end - 1])) end--;
  const insertAt = lines.lineEnd(lines.positionAt(end - 1).line);
  const eol = eolOf(text);
  const unit = indentUnit(target, mappingPointer, mapping, column);
  const member = yamlBlockMember(key, value, column, unit, style, eol);
  const position = lines.positionAt(insertAt);
  return { range: { start: position, end: position }, newText: `${eol}${' '.repeat(column)}${member}` };
}

function insertIntoBraces(target: EditTarget, span: { start: number; end: number }, key: string, value: FixValue): TextEdit | undefined {
  const { text, lines, isJson } = target;
  const close = span.end - 1;
  if (text[close] !== '}') return undefined;
  const rendered = isJson ? `${JSON.stringify(key)}: ${jsonInline(value)}` : `${yamlScalar(key)}: ${yamlFlow(value)}`;
  const inner = text.slice(span.start + 1, close);
  if (inner.trim() === '') {
    const range = lines.rangeOf({ start: span.start + 1, end: close });
    return { range, newText: isJson ? rendered : ` ${rendered} ` };
  }
  let last = close;
  while (last > span.start + 1 && /\s/.test(text[last - 1])) last--;
  const position = lines.positionAt(last);
  if (inner.includes('\n')) {
    // A multi-line JSON/flow object: a new line at the column of its first member.
    const firstMember = span.start + 1 + (inner.length - inner.trimStart().length);
    const column = lines.positionAt(firstMember).character;
    return { range: { start: position, end: position }, newText: `,${eolOf(text)}${' '.repeat(column)}${rendered}` };
  }
  return { range: { start: position, end: position }, newText: `, ${rendered}` };
}

/** Indentation step of the file near this mapping (2 when nothing tells). */
function indentUnit(target: EditTarget, pointer: string, mapping: Record<string, unknown>, column: number): number {
  for (const member of Object.keys(mapping)) {
    const child = mapping[member];
    if (!isObject(child)) continue;
    const childPointer = `${pointer}/${escapeSegment(member)}`;
    const location = target.doc.locations.get(childPointer);
    if (!location || target.text[location.value.start] === '{') continue;
    const firstKey = Object.keys(child)[0];
    const grandchild = firstKey === undefined ? undefined : target.doc.locations.get(`${childPointer}/${escapeSegment(firstKey)}`);
    if (grandchild?.key) {
      const step = target.lines.positionAt(grandchild.key.start).character - column;
      if (step > 0) return step;
    }
  }
  const own = target.doc.locations.get(pointer);
  if (own?.key) {
    const step = column - target.lines.positionAt(own.key.start).character;
    if (step > 0) return step;
  }
  return 2;
}

/** Replace the scalar at `pointer` with `value`, keeping JSON as JSON. */
export function replaceScalar(target: EditTarget, pointer: string, value: FixScalar): TextEdit | undefined {
  const location = target.doc.locations.get(pointer);
  const current = valueAt(target.doc.value, pointer);
  if (!location || (current !== null && typeof current === 'object')) return undefined;
  const { start, end } = location.value;
  if (end <= start) return undefined;
  return { range: target.lines.rangeOf(location.value), newText: target.isJson ? JSON.stringify(value) : yamlScalar(value) };
}

/** Append text inside a string scalar (before its closing quote); undefined when that is unsafe. */
export function appendToString(target: EditTarget, pointer: string, suffix: string, parentPointer: string): TextEdit | undefined {
  const location = target.doc.locations.get(pointer);
  if (!location || typeof valueAt(target.doc.value, pointer) !== 'string') return undefined;
  const { start, end } = location.value;
  const first = target.text[start];
  let at: number;
  if (first === '"' || first === "'") {
    if (target.text[end - 1] !== first || end - start < 2) return undefined;
    at = end - 1;
  } else {
    // A plain scalar may not contain `{` inside a flow mapping, nor be a block scalar.
    const parent = target.doc.locations.get(parentPointer);
    if (first === '|' || first === '>' || !parent || target.text[parent.value.start] === '{') return undefined;
    at = end;
  }
  const position = target.lines.positionAt(at);
  return { range: { start: position, end: position }, newText: suffix };
}

/** A whole comment line above `line`, at that line's indentation. */
export function insertCommentAbove(target: EditTarget, line: number, comment: string): TextEdit {
  const lineText = target.lines.lineText(line);
  const indent = lineText.slice(0, lineText.length - lineText.trimStart().length);
  const position = { line, character: 0 };
  return { range: { start: position, end: position }, newText: `${indent}# ${comment}${eolOf(target.text)}` };
}

function escapeSegment(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}
