// Finds the instance path at a cursor from indentation alone, so completion works on text being
// typed (an unfinished line often makes the parse fail, leaving no source map to consult).

export interface LineShape {
  blank: boolean;
  /** Column of the first non-space character. */
  indent: number;
  /** The line starts with `- ` (a list item). */
  dash: boolean;
  /** Column where the mapping content starts (after `- ` for a list item). */
  keyCol: number;
  key?: string;
  /** `key:` with nothing after it (its value is the block below). */
  valueEmpty: boolean;
}

const KEY_LINE = /^((?:"[^"]*"|'[^']*'|[^\s#'"{[\-?:][^#]*?|[-?:][^\s#][^#]*?))\s*:(?:\s+(.*))?$/;
const MAX_LINES_SCANNED = 20000;

export function shapeOf(text: string): LineShape {
  const trimmedStart = text.length - text.trimStart().length;
  const rest = text.slice(trimmedStart).replace(/\s+$/, '');
  if (!rest || rest.startsWith('#') || rest === '---' || rest === '...') return { blank: true, indent: trimmedStart, dash: false, keyCol: trimmedStart, valueEmpty: false };
  let content = rest;
  let keyCol = trimmedStart;
  let dash = false;
  const dashMatch = /^-(\s+|$)/.exec(content);
  if (dashMatch) {
    dash = true;
    keyCol = trimmedStart + dashMatch[0].length;
    if (!dashMatch[1]) keyCol += 1;
    content = content.slice(dashMatch[0].length);
  }
  const match = KEY_LINE.exec(content);
  if (!match) return { blank: false, indent: trimmedStart, dash, keyCol, valueEmpty: false };
  const key = match[1].replace(/^(["'])(.*)\1$/, '$2');
  const value = (match[2] ?? '').replace(/\s+#.*$/, '').trim();
  return { blank: false, indent: trimmedStart, dash, keyCol, key, valueEmpty: value === '' || /^[|>][-+0-9]*$/.test(value) || /^&\S+$/.test(value) };
}

/**
 * The instance path of the mapping that holds a key written at column `col` on line `line`
 * (`dashHere`: that line starts a list item whose content begins at `col`). Undefined when the
 * structure above is not block YAML we can follow.
 */
export function mappingPathAt(lineText: (line: number) => string, line: number, col: number, dashHere: boolean): (string | number)[] | undefined {
  const segments: (string | number)[] = [];
  // One budget for the whole walk, so deeply nested or huge files stay bounded.
  let budget = MAX_LINES_SCANNED;
  let l = line;
  let c = col;
  let dash = dashHere;
  for (let guard = 0; guard < 200 && budget > 0; guard++) {
    let itemStart = dash ? l : -1;
    let parentLine = -1;
    if (itemStart < 0) {
      for (let k = l - 1; k >= 0 && budget-- > 0; k--) {
        const s = shapeOf(lineText(k));
        if (s.blank || s.keyCol > c || (s.indent > c && !s.dash)) continue;
        if (s.keyCol === c) {
          if (s.dash) {
            itemStart = k;
            break;
          }
          continue;
        }
        parentLine = k;
        break;
      }
    }
    if (budget <= 0) return undefined;
    if (itemStart >= 0) {
      const dashCol = shapeOf(lineText(itemStart)).indent;
      let index = 0;
      let ownerLine = -1;
      for (let k = itemStart - 1; k >= 0 && budget-- > 0; k--) {
        const s = shapeOf(lineText(k));
        if (s.blank || s.indent > dashCol) continue;
        if (s.indent === dashCol && s.dash) {
          index++;
          continue;
        }
        ownerLine = k;
        break;
      }
      if (budget <= 0) return undefined;
      segments.unshift(index);
      if (ownerLine < 0) return segments;
      const owner = shapeOf(lineText(ownerLine));
      if (owner.key === undefined && owner.dash) {
        // A list item that holds a list: `-` then nested `- x` lines.
        l = ownerLine;
        c = owner.keyCol;
        dash = true;
        continue;
      }
      if (owner.key === undefined || !owner.valueEmpty || owner.keyCol > dashCol) return undefined;
      segments.unshift(owner.key);
      l = ownerLine;
      c = owner.keyCol;
      dash = owner.dash;
      continue;
    }
    if (parentLine < 0) return segments;
    const parent = shapeOf(lineText(parentLine));
    if (parent.key !== undefined && parent.valueEmpty) {
      segments.unshift(parent.key);
      l = parentLine;
      c = parent.keyCol;
      dash = parent.dash;
      continue;
    }
    if (parent.dash && parent.key === undefined) {
      l = parentLine;
      c = parent.keyCol;
      dash = true;
      continue;
    }
    return undefined;
  }
  return undefined;
}

/** Keys already written in the mapping that holds column `col` at `line` (found by indentation). */
export function siblingKeys(lineText: (line: number) => string, lineCount: number, line: number, col: number, dashHere: boolean): Set<string> {
  const keys = new Set<string>();
  // Upwards until the mapping starts: its list dash, or a shallower line.
  if (!dashHere) {
    for (let k = line - 1, n = 0; k >= 0 && n < MAX_LINES_SCANNED; k--, n++) {
      const s = shapeOf(lineText(k));
      if (s.blank || s.indent > col || (s.indent === col && s.dash)) continue;
      if (s.keyCol !== col) break;
      if (s.key !== undefined) keys.add(s.key);
      if (s.dash) break;
    }
  }
  // Downwards until the next list item or a shallower line.
  for (let k = line + 1, n = 0; k < lineCount && n < MAX_LINES_SCANNED; k++, n++) {
    const s = shapeOf(lineText(k));
    if (s.blank || s.indent > col || (s.indent === col && s.dash)) continue;
    if (s.indent !== col) break;
    if (s.key !== undefined) keys.add(s.key);
  }
  return keys;
}
