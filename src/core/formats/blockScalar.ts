// Where the characters of a YAML string value are written in the file. Text embedded in YAML (a
// redis.conf inside a Helm values block scalar or a ConfigMap, a CaffeineSpec string) is parsed on
// its own; its findings and hovers must land on the real characters, and fixes must edit them at
// the block's indentation. The mapping is built from the source and then checked against the
// parsed value character by character: where the file does not spell the value out verbatim
// (folded `>` lines joined by spaces, escapes in quoted strings, plain scalars over several lines)
// there is no exact mapping and the answer is undefined.
import type { Span } from '../types';

export interface BlockInfo {
  /** `|` literal or `>` folded (folded maps only when no line is joined). */
  style: '|' | '>';
  chomp: 'strip' | 'clip' | 'keep';
  /** Spaces before each content line (the block's indentation); 0 when the block is empty (not known). */
  indent: number;
  /** The line break the block's lines end with. */
  eol: '\n' | '\r\n';
  /** Offset of the first content line's start (just after the header line's break). */
  contentStart: number;
  /**
   * Where a new last line goes: the start of the line after the last non-blank content line (or the
   * end of the file when that line has no line break; `needsBreak` is then true).
   */
  appendAt: number;
  needsBreak: boolean;
}

export interface ScalarMap {
  /** File offset of the value's character `i` (`i === value.length`: just after the last one). */
  offset(i: number): number;
  /** A span of the value (start inclusive, end exclusive) as a span of the file. */
  span(local: Span): Span;
  /** For block scalars: their shape, for edits that add or change lines. */
  block?: BlockInfo;
}

/**
 * Maps a string value's offsets to file offsets. `span` is the value node's extent as the model's
 * parse records it (a block scalar's span starts at its `|`/`>` indicator).
 */
export function mapScalar(text: string, span: Span, value: unknown): ScalarMap | undefined {
  if (typeof value !== 'string') return undefined;
  let start = span.start;
  // Tags and anchors before the scalar (`!!str |`, `&conf |`).
  while (text[start] === '!' || text[start] === '&') {
    while (start < span.end && !/\s/.test(text[start])) start++;
    while (start < span.end && (text[start] === ' ' || text[start] === '\t')) start++;
  }
  const first = text[start];
  if (first === '|' || first === '>') return mapBlock(text, start, span.end, value);
  if (first === '"' || first === "'") {
    const end = span.end;
    if (text[end - 1] !== first || end - start < 2) return undefined;
    const inner = text.slice(start + 1, end - 1);
    return inner === value ? linear(start + 1, value.length) : undefined;
  }
  return text.slice(start, start + value.length) === value && start + value.length <= span.end ? linear(start, value.length) : undefined;
}

function linear(base: number, length: number): ScalarMap {
  const offset = (i: number): number => base + Math.max(0, Math.min(i, length));
  return { offset, span: (local) => ({ start: offset(local.start), end: offset(local.end) }) };
}

function fromTable(at: number[], block?: BlockInfo): ScalarMap {
  const offset = (i: number): number => at[Math.max(0, Math.min(i, at.length - 1))];
  return {
    offset,
    // The end maps from the last character, so a span never stretches over an indentation.
    span: (local) => ({ start: offset(local.start), end: local.end > local.start ? offset(local.end - 1) + 1 : offset(local.start) }),
    ...(block ? { block } : {}),
  };
}

function mapBlock(text: string, start: number, end: number, value: string): ScalarMap | undefined {
  const style = text[start] as '|' | '>';
  let i = start + 1;
  let chomp: BlockInfo['chomp'] = 'clip';
  let explicit: number | undefined;
  while (i < end && /[-+1-9]/.test(text[i])) {
    if (text[i] === '-') chomp = 'strip';
    else if (text[i] === '+') chomp = 'keep';
    else explicit = Number(text[i]);
    i++;
  }
  const headerBreak = text.indexOf('\n', i);
  if (headerBreak === -1 || headerBreak >= end) {
    if (value !== '') return undefined;
    // An empty block at the end of the file: a first line goes after a new line break.
    const eolAtEnd: BlockInfo['eol'] = text.includes('\r\n') ? '\r\n' : '\n';
    return fromTable([end], headerBreak === -1 ? { style, chomp, indent: 0, eol: eolAtEnd, contentStart: end, appendAt: end, needsBreak: true } : undefined);
  }
  const eol: BlockInfo['eol'] = text[headerBreak - 1] === '\r' ? '\r\n' : '\n';
  const contentStart = headerBreak + 1;

  // The source's lines after the header, each with its extent (content ends before `\r\n`).
  const lines: { start: number; contentEnd: number; breakAt: number | undefined }[] = [];
  for (let at = contentStart; at < end;) {
    const nl = text.indexOf('\n', at);
    const lineEnd = nl === -1 || nl >= end ? end : nl;
    const contentEnd = text[lineEnd - 1] === '\r' && lineEnd > at ? lineEnd - 1 : lineEnd;
    lines.push({ start: at, contentEnd, breakAt: lineEnd < text.length && text[lineEnd] === '\n' ? contentEnd : undefined });
    at = lineEnd + 1;
  }
  const valueLines = value.split('\n');
  // The indentation: the first non-blank source line's leading spaces less its value line's (an
  // explicit indicator like `|2` leaves content spaces in the value; this reads them from the value).
  const firstIndex = lines.findIndex((l) => /[^ ]/.test(text.slice(l.start, l.contentEnd)));
  let indent = 0;
  if (firstIndex >= 0) {
    const sourceLead = leadingSpaces(text, lines[firstIndex].start, lines[firstIndex].contentEnd);
    const valueLine = valueLines[firstIndex];
    if (valueLine === undefined) return undefined;
    indent = sourceLead - leadingSpaces(valueLine, 0, valueLine.length);
    if (indent < 1 || (explicit !== undefined && indent < explicit)) return undefined;
  }

  const at: number[] = [];
  let built = '';
  let lastContent = -1;
  for (let k = 0; k < lines.length; k++) {
    const line = lines[k];
    const length = line.contentEnd - line.start;
    const blank = !/[^ \t]/.test(text.slice(line.start, line.contentEnd));
    if (!blank && leadingSpaces(text, line.start, line.contentEnd) < indent) break;
    let from = line.start + Math.min(indent, length);
    // A whitespace-only line reads as empty unless the value keeps its spaces.
    if (blank && (valueLines[k] ?? '') === '') from = line.contentEnd;
    for (let c = from; c < line.contentEnd; c++) {
      at.push(c);
      built += text[c];
    }
    if (!blank) lastContent = k;
    if (line.breakAt === undefined) break;
    at.push(line.breakAt);
    built += '\n';
  }
  const last = lastContent >= 0 ? lines[lastContent] : undefined;
  const appendAt = last ? (last.breakAt !== undefined ? last.breakAt + eol.length : last.contentEnd) : contentStart;
  const block: BlockInfo = { style, chomp, indent, eol, contentStart, appendAt, needsBreak: last !== undefined && last.breakAt === undefined };
  if (value === built || (built.startsWith(value) && /^\n*$/.test(built.slice(value.length)))) {
    at.length = value.length;
    at.push(value.length ? at[value.length - 1] + 1 : contentStart);
    return fromTable(at, block);
  }
  // The file's last line has no line break; clipping still ends the value with one.
  if (value === `${built}\n`) {
    at.push(end, end);
    return fromTable(at, block);
  }
  return undefined;
}

function leadingSpaces(s: string, from: number, to: number): number {
  let i = from;
  while (i < to && s[i] === ' ') i++;
  return i - from;
}
