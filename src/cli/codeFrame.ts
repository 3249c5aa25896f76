// A few lines of source around a diagnostic with the range underlined by carets, like the code
// frames of Babel and ESLint. Very long lines (minified JSON) are cut to a window around the range.
import type { Range } from '../core/types';
import { styleFor } from './terminalStyle';
import { escapeControls } from './terminalSafe';

export interface CodeFrameOptions {
  /** Lines shown before and after the diagnostic's line. */
  context?: number;
  color?: boolean;
  /** Longest slice of a line that is shown; the window follows the range. */
  maxWidth?: number;
}

/** `sourceLines` are the file's lines without line breaks. Returns the frame's lines. */
export function codeFrame(sourceLines: readonly string[], range: Range, options: CodeFrameOptions = {}): string[] {
  const context = options.context ?? 1;
  const maxWidth = options.maxWidth ?? 160;
  const style = styleFor(options.color);
  if (sourceLines.length === 0) return [];
  const line = Math.min(Math.max(range.start.line, 0), sourceLines.length - 1);
  const text = sourceLines[line];
  const startChar = Math.min(Math.max(range.start.character, 0), text.length);
  // A range that runs past its first line is underlined to that line's end.
  const endChar = range.end.line > line ? Math.max(text.length, startChar + 1) : Math.max(range.end.character, startChar + 1);

  const windowStart = text.length > maxWidth ? Math.max(0, Math.min(startChar - Math.floor(maxWidth / 3), text.length - maxWidth)) : 0;
  const first = Math.max(0, line - context);
  const last = Math.min(sourceLines.length - 1, line + context);
  const numberWidth = String(last + 1).length;
  const out: string[] = [];
  for (let n = first; n <= last; n++) {
    const shown = escapeControls(clip(sourceLines[n], n === line ? windowStart : 0, maxWidth));
    const marker = n === line ? style.red('>') : ' ';
    const gutter = style.dim(`${String(n + 1).padStart(numberWidth)} |`);
    out.push(`  ${marker} ${gutter}${shown ? ` ${shown}` : ''}`);
    if (n === line) {
      const clipped = windowStart > 0 ? 1 : 0; // the leading '…'
      // Escaped control characters take several columns: the carets follow what is shown.
      const lead = escapeControls(text.slice(windowStart, startChar)).replace(/[^\t]/g, ' ');
      const underlineEnd = Math.min(endChar, windowStart + maxWidth);
      const underlined = text.slice(startChar, underlineEnd);
      const width = Math.max(1, underlineEnd - startChar + escapeControls(underlined).length - underlined.length);
      out.push(`    ${style.dim(`${' '.repeat(numberWidth)} |`)} ${' '.repeat(clipped)}${lead}${style.red('^'.repeat(width))}`);
    }
  }
  return out;
}

function clip(text: string, from: number, maxWidth: number): string {
  if (text.length <= maxWidth && from === 0) return text;
  const slice = text.slice(from, from + maxWidth);
  return `${from > 0 ? '…' : ''}${slice}${from + maxWidth < text.length ? '…' : ''}`;
}

/** Splits text into lines the way LineIndex counts them (\n, \r\n or a lone \r). */
export function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}
