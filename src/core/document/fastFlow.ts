// Flow collections (`[…]`, `{…}` — so all of JSON) for the fast parser. Same contract as the
// block scanner: build exactly the reference parser's model, or decline.
import type { Span } from '../types';
import { PARSE_LIMITS, type NodeLocation } from './model';
import { decline, escapePointerSegment, NestingTooDeep, keyName, plainScalarValue, scanDoubleQuoted, scanName, scanSingleQuoted } from './fastScalars';

export abstract class FlowScanner {
  protected i = 0;
  protected readonly n: number;
  protected locations = new Map<string, NodeLocation>();
  protected anchors = new Map<string, unknown>();
  protected expansion = 0;
  /** The node end (the reference parser's range[2]) of the value parsed last. */
  protected end2 = 0;
  protected readonly out = { end: 0 };

  constructor(protected readonly t: string) {
    this.n = t.length;
  }

  protected resetDocument(): void {
    this.locations = new Map();
    this.anchors = new Map();
    this.expansion = 0;
  }

  /** The reference parser reports a node deeper than the limit at the node's start. */
  protected checkDepth(depth: number, offset: number): void {
    if (depth > PARSE_LIMITS.maxDepth) throw new NestingTooDeep(offset);
  }

  protected abstract aliasValue(name: string, start: number, ptr: string, key: Span | undefined, end: number): unknown;

  /**
   * A flow collection starting at `i`. Continuation lines must be indented more than `minIndent`
   * (the enclosing block collection's indentation; -1 at the root). Leaves `i` after the bracket.
   */
  protected parseFlowCollection(depth: number, ptr: string, key: Span | undefined, minIndent: number): unknown {
    const t = this.t;
    const start = this.i;
    this.checkDepth(depth, start);
    const span = { start, end: start };
    this.locations.set(ptr, key ? { key, value: span } : { value: span });
    this.i++;
    this.skipFlowSpace(minIndent);
    let result: unknown;
    if (t.charCodeAt(start) === 91) {
      const arr: unknown[] = [];
      if (t.charCodeAt(this.i) !== 93) {
        for (let index = 0; ; index++) {
          arr.push(this.parseFlowValue(depth + 1, ptr + '/' + index, undefined, minIndent));
          if (this.afterFlowItem(93, minIndent)) break;
        }
      }
      result = arr;
    } else {
      const obj: Record<string, unknown> = {};
      if (t.charCodeAt(this.i) !== 125) {
        for (;;) {
          const keyStart = this.i;
          const c = t.charCodeAt(keyStart);
          let name: string;
          let keyEnd: number;
          const quoted = c === 34 || c === 39;
          if (quoted) {
            name = c === 34 ? scanDoubleQuoted(t, keyStart, this.out) : scanSingleQuoted(t, keyStart, this.out);
            keyEnd = this.out.end;
          } else {
            const source = this.scanFlowPlain(keyStart);
            keyEnd = keyStart + source.length;
            name = keyName(plainScalarValue(source));
          }
          let j = keyEnd;
          while (t.charCodeAt(j) === 32) j++;
          if (t.charCodeAt(j) !== 58) decline(); // `{a}` or a multi-line key
          j++;
          const after = t.charCodeAt(j);
          if (!quoted && !(after === 32 || after === 10 || after === 13)) decline();
          if (Object.prototype.hasOwnProperty.call(obj, name) || name === '__proto__' || name === '<<') decline();
          this.i = j;
          this.skipFlowSpace(minIndent);
          obj[name] = this.parseFlowValue(depth + 1, ptr + '/' + escapePointerSegment(name), { start: keyStart, end: keyEnd }, minIndent);
          if (this.afterFlowItem(125, minIndent)) break;
        }
      }
      result = obj;
    }
    this.i++; // the closing bracket
    span.end = this.i;
    return result;
  }

  /** After an item: `,` and more, or the closing bracket (returns true). A trailing comma is declined. */
  private afterFlowItem(close: number, minIndent: number): boolean {
    this.skipFlowSpace(minIndent);
    const c = this.t.charCodeAt(this.i);
    if (c === close) return true;
    if (c !== 44) decline();
    this.i++;
    this.skipFlowSpace(minIndent);
    const d = this.t.charCodeAt(this.i);
    if (d === 93 || d === 125) decline();
    return false;
  }

  private parseFlowValue(depth: number, ptr: string, key: Span | undefined, minIndent: number): unknown {
    const t = this.t;
    const start = this.i;
    const c = t.charCodeAt(start);
    if (c !== 38) this.checkDepth(depth, start);
    if (c === 91 || c === 123) return this.parseFlowCollection(depth, ptr, key, minIndent);
    if (c === 42) {
      const end = scanName(t, start + 1);
      this.i = end;
      return this.aliasValue(t.slice(start + 1, end), start, ptr, key, end);
    }
    if (c === 38) {
      const nameEnd = scanName(t, start + 1);
      const anchor = t.slice(start + 1, nameEnd);
      if (this.anchors.has(anchor) || t.charCodeAt(nameEnd) !== 32) decline();
      let j = nameEnd;
      while (t.charCodeAt(j) === 32) j++;
      const d = t.charCodeAt(j);
      if (d === 42 || d === 38 || d === 10 || d === 13 || d === 35) decline();
      this.i = j;
      const value = this.parseFlowValue(depth, ptr, key, minIndent);
      this.anchors.set(anchor, value);
      return value;
    }
    let value: unknown;
    let end: number;
    if (c === 34 || c === 39) {
      value = c === 34 ? scanDoubleQuoted(t, start, this.out) : scanSingleQuoted(t, start, this.out);
      end = this.out.end;
    } else {
      const source = this.scanFlowPlain(start);
      value = plainScalarValue(source);
      end = start + source.length;
    }
    this.locations.set(ptr, key ? { key, value: { start, end } } : { value: { start, end } });
    this.i = end;
    return value;
  }

  /** A single-line plain scalar inside a flow collection; returns its trimmed source. */
  private scanFlowPlain(start: number): string {
    const t = this.t;
    const c = t.charCodeAt(start);
    // , [ ] { } # & * ! | > ' " % @ ` ? : and `- ` cannot start one (or are not handled here).
    if (c === 44 || c === 91 || c === 93 || c === 123 || c === 125 || c === 35 || c === 38 || c === 42 || c === 33 || c === 124
      || c === 62 || c === 39 || c === 34 || c === 37 || c === 64 || c === 96 || c === 63 || c === 58 || Number.isNaN(c)) decline();
    if (c === 45) {
      const d = t.charCodeAt(start + 1);
      if (d === 32 || d === 10 || d === 13 || d === 9 || d === 44 || d === 93 || d === 125 || Number.isNaN(d)) decline();
    }
    let last = start;
    for (let i = start; i < this.n; i++) {
      const d = t.charCodeAt(i);
      if (d === 10 || d === 13 || d === 44 || d === 93 || d === 125) break;
      if (d === 91 || d === 123 || d === 9) decline();
      if (d === 32) continue;
      if (d === 35 && t.charCodeAt(i - 1) === 32) break;
      if (d === 58) {
        // `:` ends the scalar before white space; before a flow indicator it is not handled here;
        // otherwise (`http://x`, `12:30`) it is part of the scalar.
        const e = t.charCodeAt(i + 1);
        if (e === 32 || e === 10 || e === 13) break;
        if (e === 9 || e === 44 || e === 91 || e === 93 || e === 123 || e === 125 || Number.isNaN(e)) decline();
      }
      last = i + 1;
    }
    return t.slice(start, last);
  }

  /** Whitespace, line breaks and comments between flow tokens. */
  private skipFlowSpace(minIndent: number): void {
    const t = this.t;
    let i = this.i;
    for (;;) {
      const c = t.charCodeAt(i);
      if (c === 32 || c === 9) {
        i++;
        continue;
      }
      if (c === 10 || c === 13) {
        if (c === 13 && t.charCodeAt(i + 1) !== 10) decline();
        i += c === 13 ? 2 : 1;
        let j = i;
        while (t.charCodeAt(j) === 32) j++;
        const d = t.charCodeAt(j);
        const blank = d === 10 || d === 13 || Number.isNaN(d);
        if (!blank && j - i <= minIndent) decline(); // not indented enough for the enclosing block
        if (j === i && (d === 45 || d === 46) && (t.startsWith('---', i) || t.startsWith('...', i))) decline();
        i = j;
        continue;
      }
      if (c === 35) {
        const p = t.charCodeAt(i - 1);
        if (!(p === 32 || p === 9 || p === 10)) decline();
        const nl = t.indexOf('\n', i);
        i = nl === -1 ? this.n : nl;
        continue;
      }
      break;
    }
    this.i = i;
  }
}
