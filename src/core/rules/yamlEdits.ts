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

/**
 * What each edit made here changes (pointer and the value it must have afterwards): runRules turns
 * them into the fix's `targets`, which the re-parse check holds the fix to.
 */
export const editTargets = new WeakMap<TextEdit, { pointer: string; value: unknown }>();

/**
 * Documents that stand for another format's file (src/core/formats): a fix on them is only its
 * intent — an empty edit with its target — which the format's adapter turns into a real edit.
 */
export const intentOnlyDocs = new WeakSet<DocumentModel>();

function intent(target: EditTarget, pointer: string, value: unknown): TextEdit | undefined {
  if (!intentOnlyDocs.has(target.doc)) return undefined;
  const edit: TextEdit = { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: '' };
  editTargets.set(edit, { pointer, value });
  return edit;
}

function targeted(edit: TextEdit | undefined, pointer: string, value: unknown): TextEdit | undefined {
  if (edit) editTargets.set(edit, { pointer, value });
  return edit;
}
export type FixValue = FixScalar | { [key: string]: FixValue };

/** How a new nested mapping is written inside a block mapping. */
export type NestedStyle = 'block' | 'flow';

const PLAIN_SAFE = /^[A-Za-z0-9_][A-Za-z0-9_.%\-/]*$/;
const YAML_RESERVED = /^(true|false|null|yes|no|on|off|~|[-+]?(\d[\d_]*(\.\d*)?|\.\d+)([eE][-+]?\d+)?)$/i;

/** The file's line break, judged by its first line (scanning a large file per fix would be wasteful). */
function eolOf(text: string): string {
  const first = text.search(/[\r\n]/);
  if (first === -1 || text[first] === '\n') return '\n';
  return text[first + 1] === '\n' ? '\r\n' : '\r';
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
  const pointer = `${mappingPointer}/${escapeSegment(key)}`;
  return intent(target, pointer, value) ?? targeted(insertMemberEdit(target, mappingPointer, key, value, style), pointer, value);
}

function insertMemberEdit(target: EditTarget, mappingPointer: string, key: string, value: FixValue, style: NestedStyle): TextEdit | undefined {
  const mapping = valueAt(target.doc.value, mappingPointer);
  const location = target.doc.locations.get(mappingPointer);
  if (!isObject(mapping) || !location || key in mapping) return undefined;
  const { text, lines } = target;
  const span = location.value;
  if (text[span.start] === '{') return insertIntoBraces(target, mappingPointer, mapping, span, key, value);
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

function insertIntoBraces(
  target: EditTarget, mappingPointer: string, mapping: Record<string, unknown>, span: { start: number; end: number }, key: string, value: FixValue,
): TextEdit | undefined {
  const { text, lines, isJson } = target;
  const close = span.end - 1;
  if (text[close] !== '}') return undefined;
  const rendered = isJson ? `${JSON.stringify(key)}: ${jsonInline(value)}` : `${yamlScalar(key)}: ${yamlFlow(value)}`;
  const inner = text.slice(span.start + 1, close);
  const memberKeys = Object.keys(mapping);
  if (memberKeys.length === 0) {
    if (inner.trim() !== '') return undefined; // only comments inside: no safe place
    const range = lines.rangeOf({ start: span.start + 1, end: close });
    return { range, newText: isJson ? rendered : ` ${rendered} ` };
  }
  // After the last member's value (not after a comment that may follow it), and after its
  // trailing comma when it has one (`{ value: 10m, }`).
  let end = span.start + 1;
  for (const member of memberKeys) {
    const at = target.doc.locations.get(`${mappingPointer}/${escapeSegment(member)}`);
    if (!at) return undefined;
    end = Math.max(end, at.value.end, at.key?.end ?? 0);
  }
  let after = end;
  while (after < close && (text[after] === ' ' || text[after] === '\t')) after++;
  const hasComma = text[after] === ',';
  const insertAt = hasComma ? after + 1 : end;
  const position = lines.positionAt(insertAt);
  const lead = hasComma ? '' : ',';
  if (inner.includes('\n') || inner.includes('\r')) {
    // A multi-line JSON/flow object: a new line at the column of its first member.
    const firstMember = span.start + 1 + (inner.length - inner.trimStart().length);
    const column = lines.positionAt(firstMember).character;
    return { range: { start: position, end: position }, newText: `${lead}${eolOf(text)}${' '.repeat(column)}${rendered}${hasComma ? ',' : ''}` };
  }
  return { range: { start: position, end: position }, newText: `${lead} ${rendered}${hasComma ? ',' : ''}` };
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
  if (intentOnlyDocs.has(target.doc)) return intent(target, pointer, value);
  const location = target.doc.locations.get(pointer);
  const current = valueAt(target.doc.value, pointer);
  if (!location || (current !== null && typeof current === 'object')) return undefined;
  const { start, end } = location.value;
  if (end <= start) return undefined;
  return targeted({ range: target.lines.rangeOf(location.value), newText: target.isJson ? JSON.stringify(value) : yamlScalar(value) }, pointer, value);
}

/**
 * Append `suffix` to a string scalar, escaped for how the scalar is written: inside double quotes
 * (JSON escapes), inside single quotes (`'` doubled), or to a plain scalar when the result stays
 * plain — else the whole value is rewritten double-quoted. Undefined when no safe edit exists.
 */
export function appendToString(target: EditTarget, pointer: string, suffix: string, parentPointer: string): TextEdit | undefined {
  const location = target.doc.locations.get(pointer);
  const current = valueAt(target.doc.value, pointer);
  if (intentOnlyDocs.has(target.doc)) return typeof current === 'string' ? intent(target, pointer, current + suffix) : undefined;
  if (!location || typeof current !== 'string') return undefined;
  const { start, end } = location.value;
  const first = target.text[start];
  const wanted = current + suffix;
  const insert = (at: number, newText: string): TextEdit => {
    const position = target.lines.positionAt(at);
    return targeted({ range: { start: position, end: position }, newText }, pointer, wanted)!;
  };
  if (first === '"' || first === "'") {
    if (target.text[end - 1] !== first || end - start < 2) return undefined;
    return insert(end - 1, first === '"' ? JSON.stringify(suffix).slice(1, -1) : suffix.replace(/'/g, "''"));
  }
  // A block scalar (`|`, `>`) is not appended to.
  if (first === '|' || first === '>' || target.isJson) return undefined;
  const parent = target.doc.locations.get(parentPointer);
  if (!parent) return undefined;
  const inFlow = target.text[parent.value.start] === '{' || target.text[parent.value.start] === '[';
  const raw = target.text.slice(start, end);
  // The plain scalar stays plain when it is on one line and the suffix adds nothing YAML reads
  // as syntax: no space (so no `: ` or ` #`), no `#`, not ending in `:`, and no flow indicators
  // inside a flow collection.
  const plainSafe = !/[\n\r]/.test(raw) && /^[^\s#]*$/.test(suffix) && !wanted.endsWith(':') && !(inFlow && /[{},[\]]/.test(wanted));
  if (plainSafe) return insert(end, suffix);
  return targeted({ range: target.lines.rangeOf(location.value), newText: JSON.stringify(wanted) }, pointer, wanted);
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
