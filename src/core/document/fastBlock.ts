// Block structure for the fast parser: mappings and sequences by indentation, single-line values,
// anchors and aliases. It mirrors where the reference parser (the `yaml` package) puts each node's
// start and end — including the odd cases of trailing comment lines and empty values — and
// declines whatever it does not model. Documents and roots are in fastParser.ts.
import type { Span } from '../types';
import type { LineIndex } from './lineIndex';
import { countNodes, PARSE_LIMITS } from './model';
import {
  decline, escapePointerSegment, keyName, plainScalarValue, scanDoubleQuoted, scanName, scanSingleQuoted,
} from './fastScalars';
import { FlowScanner } from './fastFlow';

export interface AliasLimit {
  offset: number;
}

type ItemComment = 'none' | 'yes' | 'unknown';

export abstract class BlockScanner extends FlowScanner {
  /** Column of the content line the scanner stopped at; -1 at end of input or at a document marker. */
  protected col = -1;
  /** Column of the first comment line between the last item and the next content (-1 when none). */
  protected pendingCommentCol = -1;
  /** Whether a comment line was skipped since the last value (or key) line. */
  protected sawCommentSinceValue = false;
  protected limit: AliasLimit | undefined;
  /** When the last value was an empty (null) one, its node end; -1 otherwise. */
  protected lastEmptyAt = -1;
  /** Whether comment lines came before the sequence item being parsed. */
  protected itemHadComment: ItemComment = 'none';
  /** The last value's node end is not modelled; fine unless its collection ends right after it. */
  protected uncertainEnd = false;

  constructor(text: string, protected readonly lines: LineIndex) {
    super(text);
  }

  protected startsWith(marker: string): boolean {
    if (!this.t.startsWith(marker, this.i)) return false;
    const c = this.t.charCodeAt(this.i + 3);
    return Number.isNaN(c) || c === 32 || c === 10 || c === 13;
  }

  /**
   * From a line start, skips blank and comment-only lines. Leaves `i` at the start of the next
   * content line with `col` its indentation, or `col` = -1 at a document marker or end of input.
   */
  protected skipToNextContent(): void {
    const t = this.t;
    const n = this.n;
    let i = this.i;
    for (;;) {
      if (i >= n) {
        this.i = n;
        this.col = -1;
        return;
      }
      let j = i;
      while (t.charCodeAt(j) === 32) j++;
      const c = t.charCodeAt(j);
      if (c === 10 || (c === 13 && t.charCodeAt(j + 1) === 10) || j >= n) {
        i = j >= n ? n : j + (c === 13 ? 2 : 1);
        continue;
      }
      if (c === 35) {
        if (this.pendingCommentCol === -1) this.pendingCommentCol = j - i;
        this.sawCommentSinceValue = true;
        const nl = t.indexOf('\n', j);
        i = nl === -1 ? n : nl + 1;
        continue;
      }
      if (c === 9 || c === 13) decline(); // tab indentation, lone CR
      this.i = i;
      if (j === i && (c === 45 || c === 46) && (this.startsWith('---') || this.startsWith('...'))) {
        this.col = -1;
        return;
      }
      this.col = j - i;
      return;
    }
  }

  /** After a value on a line: optional spaces and comment, then the line break. Returns the next line's start. */
  protected finishLine(): number {
    const t = this.t;
    let i = this.i;
    const from = i;
    while (t.charCodeAt(i) === 32) i++;
    const c = t.charCodeAt(i);
    if (c === 35) {
      // A comment needs white space before it (`"a"#b` is an error).
      if (i === from && from > 0 && t.charCodeAt(from - 1) !== 32) decline();
      const nl = t.indexOf('\n', i);
      return nl === -1 ? this.n : nl + 1;
    }
    if (i >= this.n) return this.n;
    if (c === 13) {
      if (t.charCodeAt(i + 1) !== 10) decline();
      return i + 2;
    }
    if (c !== 10) decline();
    return i + 1;
  }

  /** A block node whose first token starts at column `col` of the line at `i`. */
  protected parseBlockNode(col: number, depth: number, ptr: string, key: Span | undefined, parentMapIndent: number): unknown {
    this.i += col;
    this.checkDepth(depth, this.i);
    const c = this.t.charCodeAt(this.i);
    if (c === 45 && this.isSeparatorAt(this.i + 1)) return this.parseBlockSeq(col, depth, ptr, key, col === parentMapIndent);
    if (c === 91 || c === 123) decline(); // a flow collection on the line below its key
    return this.parseBlockMap(col, depth, ptr, key);
  }

  protected isSeparatorAt(i: number): boolean {
    const c = this.t.charCodeAt(i);
    return c === 32 || c === 10 || c === 13 || Number.isNaN(c);
  }

  protected parseBlockMap(ind: number, depth: number, ptr: string, key: Span | undefined): Record<string, unknown> {
    const start = this.i;
    const obj: Record<string, unknown> = {};
    const span = { start, end: start };
    this.locations.set(ptr, key ? { key, value: span } : { value: span });
    let end = start;
    for (;;) {
      const keyStart = this.i;
      const name = this.scanBlockKey();
      const keyEnd = this.keyEnd;
      if (Object.prototype.hasOwnProperty.call(obj, name) || name === '__proto__' || name === '<<') decline();
      obj[name] = this.parseBlockValue(ind, depth + 1, ptr + '/' + escapePointerSegment(name), { start: keyStart, end: keyEnd }, true);
      end = this.end2;
      // parseBlockValue leaves the scanner at the next content line.
      if (this.col === ind) {
        const c = this.t.charCodeAt(this.i + ind);
        if (c === 45 && this.isSeparatorAt(this.i + ind + 1)) decline();
        this.pendingCommentCol = -1;
        this.uncertainEnd = false;
        this.i += ind;
        continue;
      }
      if (this.col > ind) decline();
      break;
    }
    span.end = end;
    this.end2 = this.closeCollection(ind, end);
    return obj;
  }

  /** A block collection at `ind` ends; a trailing comment line at its indentation extends its node end. */
  protected closeCollection(ind: number, end: number): number {
    if (this.uncertainEnd) decline();
    if (this.pendingCommentCol === -1) return end;
    if (this.pendingCommentCol === ind && ind > 0) {
      // The comment lines become part of this collection, up to the next token.
      this.pendingCommentCol = -1;
      return this.col >= 0 ? this.i + this.col : this.i;
    }
    if (this.pendingCommentCol === 0 && ind === 0) {
      // A column-0 comment after a root collection belongs to the document, not the collection.
      this.pendingCommentCol = -1;
      return end;
    }
    if (this.pendingCommentCol > ind) decline();
    return end;
  }

  protected parseBlockSeq(ind: number, depth: number, ptr: string, key: Span | undefined, endsAtSiblingKey: boolean): unknown[] {
    const start = this.i;
    const arr: unknown[] = [];
    const span = { start, end: start };
    this.locations.set(ptr, key ? { key, value: span } : { value: span });
    let end = start;
    // Comment lines before an item belong to it (they move an empty item's node end); before the
    // first item they may belong to the enclosing node instead, which is not modelled.
    let commentBefore: ItemComment = this.sawCommentSinceValue ? 'unknown' : 'none';
    for (let index = 0; ; index++) {
      this.i += 1; // the `-`
      this.itemHadComment = commentBefore;
      arr.push(this.parseBlockValue(ind, depth + 1, ptr + '/' + index, undefined, false));
      end = this.end2;
      if (this.col === ind) {
        const c = this.t.charCodeAt(this.i + ind);
        if (c === 45 && this.isSeparatorAt(this.i + ind + 1)) {
          commentBefore = this.pendingCommentCol === -1 ? 'none' : this.pendingCommentCol === ind ? 'yes' : 'unknown';
          this.pendingCommentCol = -1;
          this.uncertainEnd = false;
          this.i += ind;
          continue;
        }
        if (!endsAtSiblingKey) decline();
      } else if (this.col > ind) {
        decline();
      }
      break;
    }
    span.end = end;
    this.end2 = this.closeCollection(ind, end);
    return arr;
  }

  /**
   * The value after `key:` (inMap) or after `-`. `i` is just past the indicator. Leaves the scanner
   * at the next content line and sets `end2` to the value's node end.
   */
  protected parseBlockValue(ind: number, depth: number, ptr: string, key: Span | undefined, inMap: boolean): unknown {
    const t = this.t;
    let i = this.i;
    while (t.charCodeAt(i) === 32) i++;
    this.i = i;
    let c = t.charCodeAt(i);
    let anchor: string | undefined;
    if (c === 38) {
      const nameEnd = scanName(t, i + 1);
      anchor = t.slice(i + 1, nameEnd);
      if (this.anchors.has(anchor)) decline();
      if (t.charCodeAt(nameEnd) !== 32 && !this.isSeparatorAt(nameEnd)) decline();
      i = nameEnd;
      while (t.charCodeAt(i) === 32) i++;
      this.i = i;
      c = t.charCodeAt(i);
    }
    let value: unknown;
    const restOfLineEmpty = c === 10 || c === 13 || c === 35 || i >= this.n;
    if (!restOfLineEmpty) this.checkDepth(depth, i);
    if (restOfLineEmpty) {
      // Nothing more on this line: a nested block node follows, or the value is empty (null).
      const emptyAt = i;
      this.i = this.finishLine();
      this.pendingCommentCol = -1;
      this.sawCommentSinceValue = c === 35;
      this.skipToNextContent();
      const col = this.col;
      const isDash = col >= 0 && t.charCodeAt(this.i + col) === 45 && this.isSeparatorAt(this.i + col + 1);
      if (col > ind || (inMap && col === ind && isDash)) {
        this.pendingCommentCol = -1;
        value = this.parseBlockNode(col, depth, ptr, key, inMap ? ind : -2);
      } else {
        // An anchored empty value gets a node end not modelled here; that matters only if it is
        // the last value of its collection (checked when the collection closes).
        if (anchor !== undefined || (!inMap && this.itemHadComment === 'unknown')) this.uncertainEnd = true;
        // Comments after the indicator (or before a `-` item) become part of an empty value: its
        // node end moves to the next token, and no collection gets those comment lines.
        const commented = this.sawCommentSinceValue || (!inMap && this.itemHadComment === 'yes');
        // Before a `---` line the reference parser splits such comments differently: not modelled.
        if (commented && this.col === -1 && this.i < this.n) decline();
        const nodeEnd = !commented ? emptyAt : this.col >= 0 ? this.i + this.col : this.i;
        if (commented) this.pendingCommentCol = -1;
        this.checkDepth(depth, emptyAt);
        const span = { start: emptyAt, end: emptyAt };
        this.locations.set(ptr, key ? { key, value: span } : { value: span });
        this.end2 = nodeEnd;
        this.lastEmptyAt = nodeEnd;
        value = null;
      }
    } else if (c === 45 && this.isSeparatorAt(i + 1)) {
      // `- - x`: a sequence nested on the same line; `key: - x` is an error.
      if (inMap || anchor !== undefined) decline();
      value = this.parseBlockSeq(i - (t.lastIndexOf('\n', i - 1) + 1), depth, ptr, key, false);
    } else {
      value = this.parseInlineValue(ind, depth, ptr, key, inMap, c, anchor !== undefined);
    }
    if (anchor !== undefined) this.anchors.set(anchor, value);
    return value;
  }

  /** A value that starts on the line of its key or `-`. */
  protected parseInlineValue(ind: number, depth: number, ptr: string, key: Span | undefined, inMap: boolean, c: number, anchored: boolean): unknown {
    const t = this.t;
    const start = this.i;
    let value: unknown;
    let valueEnd: number;
    if (c === 91 || c === 123) {
      value = this.parseFlowCollection(depth, ptr, key, ind);
      this.finishValueLine();
      return value;
    }
    if (c === 42) {
      if (anchored) decline();
      const nameEnd = scanName(t, start + 1);
      this.i = nameEnd;
      value = this.resolveAlias(t.slice(start + 1, nameEnd), start, ptr, key, nameEnd);
      this.finishValueLine();
      return value;
    }
    if (c === 34 || c === 39) {
      value = c === 34 ? scanDoubleQuoted(t, start, this.out) : scanSingleQuoted(t, start, this.out);
      valueEnd = this.out.end;
      let j = valueEnd;
      while (t.charCodeAt(j) === 32) j++;
      if (t.charCodeAt(j) === 58) {
        // `- "key": value` starts a compact mapping; `key: "x": y` is an error.
        if (inMap || anchored || !this.isSeparatorAt(j + 1)) decline();
        return this.parseCompactMap(start, depth, ptr);
      }
    } else {
      if (!this.isPlainStart(c, start)) decline();
      const source = this.scanBlockPlain(start);
      if (source === undefined) {
        if (inMap || anchored) decline(); // `a: b: c`; `- &a k: v` anchors the key
        return this.parseCompactMap(start, depth, ptr);
      }
      value = plainScalarValue(source);
      valueEnd = start + source.length;
    }
    const span = { start, end: valueEnd };
    this.locations.set(ptr, key ? { key, value: span } : { value: span });
    this.i = valueEnd;
    this.finishValueLine();
    return value;
  }

  /** `- key: value` — a mapping whose first key is on the `-` line; its column is its indentation. */
  protected parseCompactMap(start: number, depth: number, ptr: string): Record<string, unknown> {
    const lineStart = this.t.lastIndexOf('\n', start - 1) + 1;
    this.i = start;
    return this.parseBlockMap(start - lineStart, depth, ptr, undefined);
  }

  /** After an inline value: the rest of the line, then on to the next content line. */
  protected finishValueLine(): void {
    this.i = this.finishLine();
    this.end2 = this.i;
    this.lastEmptyAt = -1;
    this.pendingCommentCol = -1;
    this.skipToNextContent();
  }

  protected resolveAlias(name: string, start: number, ptr: string, key: Span | undefined, end: number): unknown {
    if (!this.anchors.has(name)) decline();
    const span = { start, end };
    this.locations.set(ptr, key ? { key, value: span } : { value: span });
    const value = this.anchors.get(name);
    if (this.limit) return null;
    this.expansion += countNodes(value, PARSE_LIMITS.maxAliasExpansion + 1);
    if (this.expansion > PARSE_LIMITS.maxAliasExpansion) {
      this.limit = { offset: start };
      return null;
    }
    return value;
  }

  protected override aliasValue(name: string, start: number, ptr: string, key: Span | undefined, end: number): unknown {
    return this.resolveAlias(name, start, ptr, key, end);
  }

  protected isPlainStart(c: number, at: number): boolean {
    // Indicators that cannot start a plain scalar (or that we do not handle there).
    if (c === 44 || c === 93 || c === 125 || c === 35 || c === 33 || c === 124 || c === 62 || c === 37 || c === 64 || c === 96) return false;
    if (c === 63 || c === 58) return false;
    if (c === 45) return !this.isSeparatorAt(at + 1);
    if (c === 9) return false;
    return true;
  }

  /**
   * A single-line plain scalar in block context. Returns its source (trimmed), or undefined when
   * it is really a mapping key (`: ` follows). Declines when the scalar continues on the next
   * line (detected by the caller's indentation check).
   */
  protected scanBlockPlain(start: number): string | undefined {
    const t = this.t;
    const n = this.n;
    let i = start;
    let last = start; // end of the last non-space character
    for (; i < n; i++) {
      const c = t.charCodeAt(i);
      if (c === 10 || c === 13) break;
      if (c === 32) continue;
      if (c === 35 && t.charCodeAt(i - 1) === 32) break;
      if (c === 9) decline();
      if (c === 58 && this.isSeparatorAt(i + 1)) return undefined;
      last = i + 1;
    }
    return t.slice(start, last);
  }

  protected keyEnd = 0;

  /** A block mapping key at `i` through its `:`; returns the key's name and sets `keyEnd`. */
  protected scanBlockKey(): string {
    const t = this.t;
    const start = this.i;
    const c = t.charCodeAt(start);
    let name: string;
    let j: number;
    if (c === 34 || c === 39) {
      name = c === 34 ? scanDoubleQuoted(t, start, this.out) : scanSingleQuoted(t, start, this.out);
      this.keyEnd = this.out.end;
      j = this.out.end;
      while (t.charCodeAt(j) === 32) j++;
      if (t.charCodeAt(j) !== 58) decline();
    } else {
      if (!this.isPlainStart(c, start) || c === 45 || c === 91 || c === 123 || c === 38 || c === 42) decline();
      let last = start;
      for (j = start; ; j++) {
        const d = t.charCodeAt(j);
        if (d === 58 && this.isSeparatorAt(j + 1)) break;
        if (Number.isNaN(d) || d === 10 || d === 13 || d === 9 || d === 44 || d === 91 || d === 93 || d === 123 || d === 125) decline();
        if (d === 35 && t.charCodeAt(j - 1) === 32) decline();
        if (d !== 32) last = j + 1;
      }
      if (last - start > 1024) decline();
      name = keyName(plainScalarValue(t.slice(start, last)));
      this.keyEnd = last;
    }
    if (!this.isSeparatorAt(j + 1) && t.charCodeAt(j + 1) !== 32) decline();
    this.i = j + 1;
    return name;
  }
}

