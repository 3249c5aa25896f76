// Splits a Markdown file into its YAML front matter and body without copying offsets around:
// the front matter must start at line 0 with `---`, which YAML itself reads as a document start
// marker, so parsing the text up to (not including) the closing `---` gives spans, lines and
// hover/completion offsets that are already those of the Markdown file.
import { parseFile } from '../document/parse';
import type { ParsedFile } from '../document/model';

export interface FrontMatter {
  /** The parse of `text.slice(0, yamlEnd)`: offsets and lines equal the Markdown file's. */
  parsed: ParsedFile;
  /** Offset where the closing `---`/`...` line starts. */
  yamlEnd: number;
  /** 0-based line of the closing marker. */
  closingLine: number;
  /** Offset where the Markdown body starts (after the closing marker's line break). */
  bodyStart: number;
}

const OPENING = /^\uFEFF?---[ \t]*\r?\n/;
const CLOSING = /^(?:---|\.\.\.)[ \t]*$/;

/** Where the front matter ends, or undefined when the file has none (or it is never closed). */
export function locateFrontMatter(text: string): { yamlEnd: number; closingLine: number; bodyStart: number } | undefined {
  const opening = OPENING.exec(text);
  if (!opening) return undefined;
  let lineStart = opening[0].length;
  let line = 1;
  while (lineStart <= text.length) {
    const newline = text.indexOf('\n', lineStart);
    const lineEnd = newline === -1 ? text.length : newline;
    const content = text.slice(lineStart, lineEnd).replace(/\r$/, '');
    if (CLOSING.test(content)) {
      return { yamlEnd: lineStart, closingLine: line, bodyStart: newline === -1 ? text.length : newline + 1 };
    }
    if (newline === -1) return undefined;
    lineStart = newline + 1;
    line++;
  }
  return undefined;
}

export function extractFrontMatter(text: string): FrontMatter | undefined {
  const located = locateFrontMatter(text);
  if (!located) return undefined;
  return { parsed: parseFile(text.slice(0, located.yamlEnd)), ...located };
}

/** Whether an offset of the Markdown file lies inside the front matter's YAML (for hover/completion). */
export function isInFrontMatter(text: string, offset: number): boolean {
  const located = locateFrontMatter(text);
  if (!located) return false;
  const firstLineEnd = text.indexOf('\n');
  return offset > firstLineEnd && offset <= located.yamlEnd;
}
