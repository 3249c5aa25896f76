import type { Position, Range, Span } from '../types';

/**
 * The text with each lone CR turned into LF: same length, same offsets, the same lines (YAML 1.2
 * counts CR, LF and CRLF as line breaks). Parsers and scanners that only know LF read this.
 */
export function withLineFeeds(text: string): string {
  return text.includes('\r') ? text.replace(/\r(?!\n)/g, '\n') : text;
}

/** Converts offsets to line/character positions and back, in O(log lines). Lines end at LF, CRLF or a lone CR. */
export class LineIndex {
  private readonly lineStarts: number[];

  constructor(readonly text: string) {
    const starts = [0];
    const scanned = withLineFeeds(text);
    for (let i = scanned.indexOf('\n'); i !== -1; i = scanned.indexOf('\n', i + 1)) starts.push(i + 1);
    this.lineStarts = starts;
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.lineStarts[mid] <= clamped) low = mid;
      else high = mid - 1;
    }
    return { line: low, character: clamped - this.lineStarts[low] };
  }

  offsetAt(position: Position): number {
    if (position.line >= this.lineStarts.length) return this.text.length;
    if (position.line < 0) return 0;
    const lineEnd = this.lineEnd(position.line);
    return Math.min(this.lineStarts[position.line] + Math.max(0, position.character), lineEnd);
  }

  /** Offset of the start of a line. */
  lineStart(line: number): number {
    return this.lineStarts[Math.max(0, Math.min(line, this.lineStarts.length - 1))];
  }

  /** Offset just before the line break (\n, \r\n or a lone \r) that ends a line. */
  lineEnd(line: number): number {
    if (line + 1 >= this.lineStarts.length) return this.text.length;
    const lineBreak = this.lineStarts[line + 1] - 1;
    // CRLF: the line ends before the CR (a lone CR is the break itself).
    return this.text.charCodeAt(lineBreak) === 10 && lineBreak > this.lineStarts[line] && this.text.charCodeAt(lineBreak - 1) === 13 ? lineBreak - 1 : lineBreak;
  }

  lineText(line: number): string {
    return this.text.slice(this.lineStart(line), this.lineEnd(line));
  }

  rangeOf(span: Span): Range {
    return { start: this.positionAt(span.start), end: this.positionAt(span.end) };
  }
}
