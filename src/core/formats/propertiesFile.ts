// A Java `.properties` reader that keeps where everything is written, following the rules of
// java.util.Properties#load: `key=value`, `key: value` and `key value`; `#` and `!` comment lines;
// a line ending in an odd number of backslashes continues on the next line (whose leading blanks
// are dropped); backslash escapes (`\t`, `\n`, `\r`, `\f`, `\uXXXX`, and `\x` for any other x).
import type { Span } from '../types';

export interface PropertyEntry {
  /** The key with its escapes resolved. */
  key: string;
  /** The value with its escapes resolved and continuation lines joined. */
  value: string;
  /** The key as written (first to last character of the key). */
  keySpan: Span;
  /** The value as written, from its first character to the end of its last line (empty span after the separator when the value is empty). */
  valueSpan: Span;
  /**
   * Where each character of `value` is written (offsets into the text), so a part of the value
   * (a token of a CaffeineSpec) can be underlined exactly even across escapes and continuations.
   * A `\uXXXX` maps to its backslash. Length `value.length + 1`: the last entry is the end.
   */
  offsets: number[];
}

export interface PropertiesProblem {
  message: string;
  span: Span;
}

export interface PropertiesFile {
  entries: PropertyEntry[];
  problems: PropertiesProblem[];
}

const BLANK = new Set([' ', '\t', '\f']);

/** Reads `text` (a whole .properties file). Later entries do not replace earlier ones here: callers decide. */
export function parseProperties(text: string): PropertiesFile {
  const entries: PropertyEntry[] = [];
  const problems: PropertiesProblem[] = [];
  let i = 0;
  const n = text.length;
  const atLineEnd = (at: number) => at >= n || text[at] === '\n' || text[at] === '\r';
  const skipLineBreak = (at: number) => (text[at] === '\r' && text[at + 1] === '\n' ? at + 2 : at + 1);
  while (i < n) {
    // Leading blanks of a natural line.
    while (i < n && BLANK.has(text[i])) i++;
    if (i >= n) break;
    if (atLineEnd(i)) {
      i = skipLineBreak(i);
      continue;
    }
    if (text[i] === '#' || text[i] === '!') {
      while (i < n && !atLineEnd(i)) i++;
      continue;
    }
    // One logical line: read characters (resolving escapes and continuations) into key, then value.
    let key = '';
    let value = '';
    const keyOffsets: number[] = [];
    const offsets: number[] = [];
    let inKey = true;
    let keyStart = i;
    let keyEnd = i;
    let valueStart = -1;
    let sawSeparator = false;
    let lastEnd = i;
    for (;;) {
      if (atLineEnd(i)) break;
      const c = text[i];
      if (c === '\\') {
        if (atLineEnd(i + 1)) {
          // Continuation: the logical line goes on after the line break, without its leading blanks.
          if (i + 1 >= n) {
            i++;
            break;
          }
          i = skipLineBreak(i + 1);
          while (i < n && BLANK.has(text[i])) i++;
          continue;
        }
        const at = i;
        const e = text[i + 1];
        let decoded: string;
        if (e === 'u') {
          const hex = text.slice(i + 2, i + 6);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) {
            problems.push({ message: `malformed \\uXXXX escape \`${text.slice(i, Math.min(n, i + 6)).split(/[\r\n]/)[0]}\` (four hex digits expected)`, span: { start: i, end: Math.min(i + 2 + hex.replace(/[\r\n].*$/s, '').length, n) } });
            decoded = '';
            i += 2;
          } else {
            decoded = String.fromCharCode(parseInt(hex, 16));
            i += 6;
          }
        } else {
          decoded = e === 't' ? '\t' : e === 'n' ? '\n' : e === 'r' ? '\r' : e === 'f' ? '\f' : e;
          i += 2;
        }
        if (inKey) {
          key += decoded;
          for (let k = 0; k < decoded.length; k++) keyOffsets.push(at);
          keyEnd = i;
        } else {
          if (valueStart < 0) valueStart = at;
          value += decoded;
          for (let k = 0; k < decoded.length; k++) offsets.push(at);
        }
        lastEnd = i;
        continue;
      }
      if (inKey) {
        if (c === '=' || c === ':' || BLANK.has(c)) {
          inKey = false;
          // Blanks, then at most one `=`/`:`, then blanks.
          if (c === '=' || c === ':') sawSeparator = true;
          i++;
          while (i < n && BLANK.has(text[i])) i++;
          if (!sawSeparator && (text[i] === '=' || text[i] === ':')) {
            sawSeparator = true;
            i++;
            while (i < n && BLANK.has(text[i])) i++;
          }
          lastEnd = i;
          continue;
        }
        if (key === '') keyStart = i;
        key += c;
        keyOffsets.push(i);
        i++;
        keyEnd = i;
        lastEnd = i;
        continue;
      }
      if (valueStart < 0) valueStart = i;
      value += c;
      offsets.push(i);
      i++;
      lastEnd = i;
    }
    const valueFrom = valueStart < 0 ? lastEnd : valueStart;
    offsets.push(lastEnd);
    if (keyOffsets.length) keyStart = keyOffsets[0];
    entries.push({ key, value, keySpan: { start: keyStart, end: keyEnd }, valueSpan: { start: valueFrom, end: Math.max(valueFrom, lastEnd) }, offsets });
    if (i < n) i = skipLineBreak(i);
  }
  return { entries, problems };
}

/** Escapes a value for writing after `key=` (leading blanks, backslashes, line breaks). */
export function propertiesValue(value: string): string {
  let out = '';
  for (let k = 0; k < value.length; k++) {
    const c = value[k];
    if (c === '\\') out += '\\\\';
    else if (c === '\n') out += '\\n';
    else if (c === '\r') out += '\\r';
    else if (c === '\t') out += '\\t';
    else if (c === ' ' && out === '') out += '\\ ';
    else out += c;
  }
  return out;
}
