// A cheap, iterative estimate of how deeply a text nests, taken before handing it to the
// reference parser: the `yaml` package recurses per level and overflows the stack (on some inputs
// V8 then aborts the whole process) a few hundred levels down, far below our own depth limit.

import { PARSE_LIMITS } from './model';

/**
 * Deeper than this and the reference parser is not called (well inside its stack budget). A bit
 * above PARSE_LIMITS.maxDepth, so that just past the limit the reference parser still reports
 * the exact node itself.
 */
export const REFERENCE_PARSER_SAFE_DEPTH = PARSE_LIMITS.maxDepth + 64;

/**
 * The offset where nesting (block indentation levels, `- ` on one line, and open flow brackets)
 * first exceeds `limit`, or -1. It may overestimate (brackets inside plain scalars count), never
 * underestimates.
 */
export function offsetDeeperThan(text: string, limit: number): number {
  const indents: number[] = [];
  let flow = 0;
  const n = text.length;
  let i = 0;
  while (i < n) {
    // Line start: indentation.
    let j = i;
    while (text.charCodeAt(j) === 32) j++;
    const c = text.charCodeAt(j);
    if (flow === 0 && j < n && c !== 10 && c !== 13 && c !== 35) {
      const col = j - i;
      while (indents.length && indents[indents.length - 1] >= col) indents.pop();
      indents.push(col);
      if (indents.length > limit) return j;
      // `- - - x`: each dash opens a level on the same line.
      while (text.charCodeAt(j) === 45 && text.charCodeAt(j + 1) === 32) {
        indents.push(j - i + 2);
        if (indents.length > limit) return j;
        j += 2;
        while (text.charCodeAt(j) === 32) j++;
      }
    }
    // The rest of the line: flow brackets, skipping quoted text and comments.
    for (; j < n; j++) {
      const d = text.charCodeAt(j);
      if (d === 10) break;
      if (d === 91 || d === 123) {
        flow++;
        if (flow + indents.length > limit) return j;
      } else if (d === 93 || d === 125) {
        if (flow > 0) flow--;
      } else if (d === 34 || d === 39) {
        const close = text.indexOf(d === 34 ? '"' : "'", j + 1);
        const eol = text.indexOf('\n', j + 1);
        if (close !== -1 && (eol === -1 || close < eol)) j = close;
      } else if (d === 35 && (j === 0 || text.charCodeAt(j - 1) === 32)) {
        const eol = text.indexOf('\n', j);
        j = eol === -1 ? n : eol - 1;
      }
    }
    i = j + 1;
  }
  return -1;
}
