// What a container runs, word by word, with where each word is written: a compose `command:` /
// `entrypoint:` (a list or one string), a Kubernetes container's `command` + `args`, including
// the shell form `sh -c "redis-server --maxmemory 1gb"` and scripts in block scalars. Findings and
// hovers land on the word itself and fixes rewrite or add words in place — but only where the
// file's text is exactly the word: a word built from YAML escapes, or folded across lines, has no
// place of its own (`site` undefined) and is never edited.
import { locationOf, type DocumentModel } from '../document/model';
import type { LineIndex } from '../document/lineIndex';
import type { Span, TextEdit } from '../types';
import type { Word } from './redisDirectives';

// ── YAML scalars: where each character of the value is written ─────────────────────────────────

/**
 * A string value with, for each character, its offset in the file when the file has exactly that
 * character there (-1 for characters made by an escape, a fold or a quote pair).
 */
export interface MappedText {
  value: string;
  at: number[];
}

/** Source span of `value[from, to)` when the file has exactly that text there, contiguously. */
export function exactSpan(mapped: MappedText, from: number, to: number): Span | undefined {
  if (to <= from) return undefined;
  const start = mapped.at[from];
  if (start < 0) return undefined;
  for (let i = from + 1; i < to; i++) if (mapped.at[i] !== start + (i - from)) return undefined;
  return { start, end: start + (to - from) };
}

/**
 * How the scalar written at `span` produces `value`: plain, single- or double-quoted (one line or
 * folded over several), literal `|` or folded `>` block scalars with any chomping. The mapping is
 * rebuilt from the text and kept only when it yields `value` exactly; otherwise every character is
 * unplaced (-1), so nothing is ever located or edited on a guess.
 */
export function mapScalar(text: string, span: Span, value: string): MappedText {
  const built = buildScalar(text, span);
  if (built) {
    if (built.value === value) return built;
    // Block scalars: `|` keeps one final line break, `|-` none, `|+` all; the rest of the
    // reconstruction is the same, so the value is a prefix followed only by line breaks.
    if (built.value.startsWith(value) && /^\n*$/.test(built.value.slice(value.length))) return { value, at: built.at.slice(0, value.length) };
  }
  return { value, at: new Array<number>(value.length).fill(-1) };
}

function buildScalar(text: string, span: Span): MappedText | undefined {
  const first = text[span.start];
  if (first === '|' || first === '>') return blockScalar(text, span, first === '>');
  if (first === '"' || first === "'") {
    if (text[span.end - 1] !== first || span.end - span.start < 2) return undefined;
    return flowScalar(text, span.start + 1, span.end - 1, first);
  }
  return flowScalar(text, span.start, span.end, '');
}

/** Plain and quoted scalars: escapes (`\n`, `''`) and line folding (a line break reads as a space). */
function flowScalar(text: string, start: number, end: number, quote: string): MappedText {
  const out: MappedText = { value: '', at: [] };
  const push = (c: string, at: number): void => {
    out.value += c;
    out.at.push(at);
  };
  let i = start;
  while (i < end) {
    const c = text[i];
    if (quote === '"' && c === '\\') {
      const next = text[i + 1];
      if (next === '\n' || next === '\r') {
        // An escaped line break joins the lines without a space.
        i += next === '\r' && text[i + 2] === '\n' ? 3 : 2;
        while (i < end && (text[i] === ' ' || text[i] === '\t')) i++;
        continue;
      }
      const hex = next === 'x' ? 2 : next === 'u' ? 4 : next === 'U' ? 8 : 0;
      const decoded = hex ? String.fromCodePoint(parseInt(text.slice(i + 2, i + 2 + hex), 16)) : ESCAPES[next] ?? next;
      for (const ch of decoded) push(ch, -1);
      i += 2 + hex;
      continue;
    }
    if (quote === "'" && c === "'" && text[i + 1] === "'") {
      push("'", -1);
      i += 2;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r' || c === '\n') {
      // Whitespace that reaches a line break is folded: trailing spaces dropped, the break read as
      // a space (or as n-1 line feeds for n breaks), the next line's indentation dropped.
      let j = i;
      while (j < end && (text[j] === ' ' || text[j] === '\t')) j++;
      if (j < end && (text[j] === '\n' || text[j] === '\r')) {
        let breaks = 0;
        while (j < end && (text[j] === '\n' || text[j] === '\r' || text[j] === ' ' || text[j] === '\t')) {
          if (text[j] === '\n') breaks++;
          j++;
        }
        if (breaks <= 1) push(' ', -1);
        else for (let b = 1; b < breaks; b++) push('\n', -1);
        i = j;
        continue;
      }
      for (; i < j; i++) push(text[i], i);
      continue;
    }
    push(c, i);
    i++;
  }
  return out;
}

const ESCAPES: Record<string, string> = {
  '0': '\0', a: '\x07', b: '\b', t: '\t', '\t': '\t', n: '\n', v: '\v', f: '\f', r: '\r', e: '\x1b', ' ': ' ', '"': '"', '/': '/', '\\': '\\', N: '\x85', _: '\xa0', L: '\u2028', P: '\u2029',
};

/**
 * `|` and `>` block scalars, chomping and all trailing line breaks kept (mapScalar trims them).
 * The indentation is the first content line's, or the explicit indicator's relative to the line
 * the scalar starts on.
 */
function blockScalar(text: string, span: Span, folded: boolean): MappedText | undefined {
  const headerEnd = text.indexOf('\n', span.start);
  if (headerEnd === -1 || headerEnd >= span.end) return { value: '', at: [] };
  const header = text.slice(span.start + 1, headerEnd).replace(/\s+#.*$/, '').trim();
  const explicit = /\d/.exec(header);
  const lines: { start: number; end: number }[] = [];
  for (let at = headerEnd + 1; at < span.end;) {
    let end = text.indexOf('\n', at);
    if (end === -1 || end > span.end) end = span.end;
    lines.push({ start: at, end: text[end - 1] === '\r' ? end - 1 : end });
    at = end + 1;
  }
  const leading = (line: { start: number; end: number }): number => {
    let n = 0;
    while (line.start + n < line.end && text[line.start + n] === ' ') n++;
    return n;
  };
  let indent: number;
  if (explicit) {
    const lineStart = text.lastIndexOf('\n', span.start) + 1;
    let parent = 0;
    while (text[lineStart + parent] === ' ') parent++;
    // The indicator counts from the parent node's indentation; for `key: |2` and `- |2` that is
    // the line's own indentation (a sequence entry's content sits after its dash).
    const dash = /^\s*- /.test(text.slice(lineStart, span.start)) ? 2 : 0;
    indent = parent + dash + Number(explicit[0]);
  } else {
    const firstContent = lines.find((line) => leading(line) < line.end - line.start);
    if (!firstContent) return { value: '', at: [] };
    indent = leading(firstContent);
  }
  const out: MappedText = { value: '', at: [] };
  const isBlank = (line: { start: number; end: number }): boolean => line.end - line.start <= indent && leading(line) === line.end - line.start;
  let previousWasText = false;
  let pendingBreaks: number[] = [];
  let previousMoreIndented = false;
  for (const line of lines) {
    if (isBlank(line)) {
      pendingBreaks.push(line.end);
      continue;
    }
    const contentStart = line.start + indent;
    const moreIndented = text[contentStart] === ' ' || text[contentStart] === '\t';
    if (out.value.length || pendingBreaks.length) {
      // The break that ended the previous content line, then one per blank line.
      const breaks = pendingBreaks;
      if (folded && previousWasText && !moreIndented && !previousMoreIndented) {
        if (breaks.length === 1) {
          out.value += ' ';
          out.at.push(-1);
        } else {
          for (let b = 1; b < breaks.length; b++) {
            out.value += '\n';
            out.at.push(-1);
          }
        }
      } else {
        for (const at of breaks) {
          out.value += '\n';
          out.at.push(text[at] === '\n' ? at : -1);
        }
      }
    }
    for (let i = contentStart; i < line.end; i++) {
      out.value += text[i];
      out.at.push(i);
    }
    previousWasText = true;
    previousMoreIndented = moreIndented;
    pendingBreaks = [line.end];
  }
  // Trailing breaks (mapScalar keeps as many as the chomping indicator says).
  for (const at of pendingBreaks) {
    out.value += '\n';
    out.at.push(text[at] === '\n' ? at : -1);
  }
  return out;
}

/** Part of a mapped text (a word's characters with their places). */
export function sliceMapped(mapped: MappedText, from: number, to: number): MappedText {
  return { value: mapped.value.slice(from, to), at: mapped.at.slice(from, to) };
}

// ── Shell words ─────────────────────────────────────────────────────────────────────────────────

export interface MappedWord extends MappedText {
  /** A control operator (`&&`, `;`, `|`, …): it ends one command and starts the next. */
  operator?: boolean;
  /** The word's characters came from one run of text, with no quotes (their place is exact). */
  bare: boolean;
}

const OPERATORS = ['&&', '||', ';;', ';', '|', '&'];

/**
 * POSIX-shell words of a mapped text: whitespace separates, `'…'` and `"…"` quote (quotes are not
 * part of the word), a backslash escapes, control operators are words of their own. Comments and
 * expansions are left as written.
 */
export function shellWords(input: MappedText): MappedWord[] {
  const words: MappedWord[] = [];
  const s = input.value;
  let i = 0;
  let current: MappedWord | undefined;
  const add = (c: string, at: number): void => {
    current ??= { value: '', at: [], bare: true };
    current.value += c;
    current.at.push(at);
  };
  const end = (): void => {
    if (current) words.push(current);
    current = undefined;
  };
  while (i < s.length) {
    const c = s[i];
    if (c === ' ' || c === '\t' || c === '\n') {
      end();
      i++;
      continue;
    }
    const operator = OPERATORS.find((op) => s.startsWith(op, i));
    if (operator) {
      end();
      words.push({ value: operator, at: input.at.slice(i, i + operator.length), operator: true, bare: true });
      i += operator.length;
      continue;
    }
    if (c === "'" || c === '"') {
      current ??= { value: '', at: [], bare: true };
      const quoted = current.value === '';
      let j = i + 1;
      while (j < s.length && s[j] !== c) {
        if (c === '"' && s[j] === '\\' && j + 1 < s.length && '"\\$`'.includes(s[j + 1])) {
          add(s[j + 1], -1);
          j += 2;
          continue;
        }
        add(s[j], input.at[j]);
        j++;
      }
      // A word that is exactly one quoted string keeps exact places for its inside.
      current ??= { value: '', at: [], bare: true };
      if (!quoted) current.bare = false;
      i = j + 1;
      if (i < s.length && !/[\s;&|]/.test(s[i])) current.bare = false;
      continue;
    }
    if (c === '\\' && i + 1 < s.length) {
      // `\<newline>` continues the line; any other escaped character is itself.
      if (s[i + 1] === '\n') end();
      else add(s[i + 1], -1);
      i += 2;
      continue;
    }
    add(c, input.at[i]);
    i++;
  }
  end();
  return words;
}

// ── Container commands ──────────────────────────────────────────────────────────────────────────

/** Where a command word is written, for rewriting it or adding words after it. */
export type WordSite =
  /** A whole list item: rewritten as a new item in the same quotes. */
  | { kind: 'item'; quote: string; flow: boolean; indent: string; itemSpan: Span }
  /** Exact text inside a string (a shell word, a word of `command: redis-server --x y`). */
  | { kind: 'text' };

export interface CommandWord extends Word {
  operator?: boolean;
  site?: WordSite;
}

const SHELLS = /^(?:\/(?:usr\/)?bin\/)?(?:sh|bash|ash|dash|zsh)$/;

/**
 * The words of the command written at `pointer` (a string or a list of strings), each with its span.
 * A list item is one word (the scalar's span, quotes included) unless it is a shell script after
 * `sh -c` or a `--name value` pair in one item; a string is split like a shell would.
 */
export function commandWords(text: string, doc: DocumentModel, pointer: string, before: readonly CommandWord[] = []): CommandWord[] {
  const written = doc.locations.get(pointer);
  const value = valueAt(doc.value, pointer);
  if (value === undefined || value === null) return [];
  // A command reached through a YAML alias or merge (`<<: *redis`) has no place of its own: its
  // words are read, shown where the alias is, and never edited.
  const anchor = locationOf(doc, pointer).location;
  const unplaced = (item: string): MappedText => ({ value: item, at: new Array<number>(item.length).fill(-1) });
  const location = written ?? { value: anchor.key ?? anchor.value };
  if (typeof value === 'string' || typeof value === 'number') {
    // Also when it is the script of an `entrypoint: ["sh", "-c"]`: either way its words are the shell's.
    const mapped = written ? mapScalar(text, location.value, String(value)) : unplaced(String(value));
    return shellCommand(shellWords(mapped), location.value);
  }
  if (!Array.isArray(value)) return [];
  const flow = text[location.value.start] === '[';
  const words: CommandWord[] = [];
  value.forEach((item, index) => {
    if (typeof item !== 'string' && typeof item !== 'number') return;
    const itemText = String(item);
    const itemAt = written && doc.locations.get(`${pointer}/${index}`);
    const at = itemAt || location;
    const script = isShellC([...before, ...words]);
    if (script || (itemText.startsWith('--') && /\s/.test(itemText.trim()))) {
      words.push(...shellCommand(shellWords(itemAt ? mapScalar(text, at.value, itemText) : unplaced(itemText)), at.value));
      return;
    }
    if (!itemAt) {
      words.push({ text: itemText, span: at.value });
      return;
    }
    const first = text[at.value.start];
    const quote = first === '"' || first === "'" ? first : '';
    const lineStart = text.lastIndexOf('\n', at.value.start - 1) + 1;
    const prefix = text.slice(lineStart, at.value.start);
    const dash = /^(\s*)-\s+$/.exec(prefix);
    const site: WordSite | undefined = first === '|' || first === '>' ? undefined : { kind: 'item', quote, flow, indent: dash ? dash[1] : '', itemSpan: at.value };
    if (!flow && !dash) words.push({ text: itemText, span: at.value });
    else words.push({ text: itemText, span: at.value, ...(site ? { site } : {}) });
  });
  return words;
}

/** Whether the next word is a shell's script: the words so far end with `sh -c` (or `bash -ec`, …). */
function isShellC(words: readonly CommandWord[]): boolean {
  const [shell, flag] = words.slice(-2);
  return words.length >= 2 && SHELLS.test(shell.text) && /^-[a-z]*c$/.test(flag.text);
}

function commandWordOf(word: MappedWord, scalar: Span): CommandWord {
  const span = word.bare ? exactSpan(word, 0, word.value.length) : undefined;
  return {
    text: word.value,
    // A word with no exact place of its own is shown on the whole string it is part of.
    span: span ?? scalar,
    ...(word.operator ? { operator: true } : {}),
    ...(span ? { site: { kind: 'text' as const } } : {}),
  };
}

/** The shell words of a string value written at `scalar` (an environment variable holding arguments). */
export function stringWords(mapped: MappedText, scalar: Span): CommandWord[] {
  return shellWords(mapped).map((word) => commandWordOf(word, scalar));
}

/** Shell words as command words; in `sh -c "<script>"` the script's own words replace the quoted one. */
function shellCommand(words: MappedWord[], scalar: Span): CommandWord[] {
  const textWord = (word: MappedWord): CommandWord => commandWordOf(word, scalar);
  const out: CommandWord[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    const previous = words[i - 1];
    const shell = words[i - 2];
    if (shell && previous && !word.operator && SHELLS.test(shell.value) && /^-[a-z]*c$/.test(previous.value)) out.push(...shellWords(word).map(textWord));
    else out.push(textWord(word));
  }
  return out;
}

function valueAt(root: unknown, pointer: string): unknown {
  let current = root;
  for (const segment of pointer.split('/').slice(1)) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[segment.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return current;
}

/** The program a command runs (`redis-server`, `memcached`, …) and its arguments, up to the next shell operator. */
export function programArgs(words: readonly CommandWord[], program: RegExp): { program: CommandWord; args: CommandWord[] } | undefined {
  const at = words.findIndex((w) => !w.operator && (program.test(w.text) || program.test(w.text.slice(w.text.lastIndexOf('/') + 1))));
  if (at === -1) return undefined;
  const args: CommandWord[] = [];
  for (let i = at + 1; i < words.length && !words[i].operator; i++) args.push(words[i]);
  return { program: words[at], args };
}

// ── Edits ───────────────────────────────────────────────────────────────────────────────────────

/** Rewrites a word with `value` (same quotes for a list item); undefined when it has no exact place. */
export function replaceWordEdit(lines: LineIndex, word: CommandWord, value: string): TextEdit | undefined {
  if (!word.site || !isPlainWord(value)) return undefined;
  if (word.site.kind === 'item') return { range: lines.rangeOf(word.site.itemSpan), newText: `${word.site.quote}${value}${word.site.quote}` };
  return { range: lines.rangeOf(word.span), newText: value };
}

/** Adds `values` as words right after `word` (new list items after an item; ` a b` after a word in a string). */
export function insertWordsAfterEdit(text: string, lines: LineIndex, word: CommandWord, values: readonly string[]): TextEdit | undefined {
  if (!word.site || !values.every(isPlainWord)) return undefined;
  if (word.site.kind === 'text') {
    const at = lines.positionAt(word.span.end);
    return { range: { start: at, end: at }, newText: values.map((v) => ` ${v}`).join('') };
  }
  const { quote, flow, indent, itemSpan } = word.site;
  if (flow) {
    const at = lines.positionAt(itemSpan.end);
    return { range: { start: at, end: at }, newText: values.map((v) => `, ${quote}${v}${quote}`).join('') };
  }
  const at = lines.positionAt(itemSpan.end);
  const newline = text.includes('\r\n') ? '\r\n' : '\n';
  return { range: { start: at, end: at }, newText: values.map((v) => `${newline}${indent}- ${quote}${v}${quote}`).join('') };
}

/** Removes a word (with the separator before it, or after it when it is the first). */
export function removeWordEdit(text: string, lines: LineIndex, words: readonly CommandWord[], word: CommandWord): TextEdit | undefined {
  const index = words.indexOf(word);
  if (!word.site || index === -1) return undefined;
  const previous = words[index - 1];
  const next = words[index + 1];
  if (word.site.kind === 'text') {
    if (previous?.site?.kind === 'text' && /^\s+$/.test(text.slice(previous.span.end, word.span.start))) return { range: lines.rangeOf({ start: previous.span.end, end: word.span.end }), newText: '' };
    if (next?.site?.kind === 'text' && /^\s+$/.test(text.slice(word.span.end, next.span.start))) return { range: lines.rangeOf({ start: word.span.start, end: next.span.start }), newText: '' };
    return undefined;
  }
  const { flow, itemSpan } = word.site;
  if (flow) {
    if (previous?.site?.kind === 'item' && /^\s*,\s*$/.test(text.slice(previous.site.itemSpan.end, itemSpan.start))) return { range: lines.rangeOf({ start: previous.site.itemSpan.end, end: itemSpan.end }), newText: '' };
    if (next?.site?.kind === 'item' && /^\s*,\s*$/.test(text.slice(itemSpan.end, next.site.itemSpan.start))) return { range: lines.rangeOf({ start: itemSpan.start, end: next.site.itemSpan.start }), newText: '' };
    return undefined;
  }
  // A block item: its whole line, when nothing else is on it.
  const lineStart = text.lastIndexOf('\n', itemSpan.start - 1) + 1;
  let lineEnd = text.indexOf('\n', itemSpan.end);
  if (!/^\s*(#.*)?\r?$/.test(text.slice(itemSpan.end, lineEnd === -1 ? text.length : lineEnd))) return undefined;
  lineEnd = lineEnd === -1 ? text.length : lineEnd + 1;
  return { range: lines.rangeOf({ start: lineStart, end: lineEnd }), newText: '' };
}

/** Words a fix writes need no quoting anywhere (plain YAML scalar, shell word, list item). */
function isPlainWord(value: string): boolean {
  return /^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(value) || /^--?[A-Za-z0-9][A-Za-z0-9._-]*$/.test(value);
}
