// Scalar helpers for the fast parser: YAML 1.2 core-schema typing of plain scalars and decoding
// of single-line quoted scalars, written to give exactly what the `yaml` package gives.

/** Thrown (as this one shared object) when the fast path is not sure; the caller falls back. */
export const DECLINE: { readonly declined: true } = Object.freeze({ declined: true });

export function decline(): never {
  throw DECLINE;
}

/** Nesting deeper than PARSE_LIMITS.maxDepth at `offset` (where the reference parser reports it too). */
export class NestingTooDeep {
  constructor(readonly offset: number) {}
}

// The `yaml` package's core schema tests, in its order (null, bool, intOct, int, intHex, floatNaN,
// floatExp, float); the first match decides the type.
const NULL_RE = /^(?:~|[Nn]ull|NULL)?$/;
const BOOL_RE = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
const INT_OCT_RE = /^0o[0-7]+$/;
const INT_RE = /^[-+]?[0-9]+$/;
const INT_HEX_RE = /^0x[0-9a-fA-F]+$/;
const FLOAT_NAN_RE = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const FLOAT_EXP_RE = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/;
const FLOAT_RE = /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/;

/** The core-schema value of a plain scalar's source text. */
export function plainScalarValue(source: string): unknown {
  const c = source.charCodeAt(0);
  // Only these first characters can start a non-string: ~ n N t T f F digits + - .
  if (c === 126 || c === 110 || c === 78) {
    if (NULL_RE.test(source)) return null;
    return source;
  }
  if (c === 116 || c === 84 || c === 102 || c === 70) {
    if (BOOL_RE.test(source)) return c === 116 || c === 84;
    return source;
  }
  if ((c >= 48 && c <= 57) || c === 43 || c === 45 || c === 46) {
    // Every number ends in a digit, `.`, a hex digit, or the f/F/n/N of inf/nan: `5m`, `2s`,
    // `10%`, `256Mi` are strings without running the patterns.
    const last = source.charCodeAt(source.length - 1);
    const maybeNumber = (last >= 48 && last <= 57) || last === 46 || (last >= 97 && last <= 102) || (last >= 65 && last <= 70) || last === 110 || last === 78;
    if (!maybeNumber) return source;
    if (INT_OCT_RE.test(source)) return parseInt(source.substring(2), 8);
    if (INT_RE.test(source)) return parseInt(source, 10);
    if (INT_HEX_RE.test(source)) return parseInt(source.substring(2), 16);
    if (FLOAT_NAN_RE.test(source)) {
      return source.slice(-3).toLowerCase() === 'nan' ? NaN : source[0] === '-' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
    }
    if (FLOAT_EXP_RE.test(source) || FLOAT_RE.test(source)) return parseFloat(source);
  }
  return source;
}

/** A mapping key as the reference parser names it: String(value), null → ''. */
export function keyName(value: unknown): string {
  return value === null ? '' : String(value);
}

const ESCAPES: Record<string, string> = {
  '0': '\0', a: '\x07', b: '\b', e: '\x1b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v',
  N: '\u0085', _: '\u00a0', L: '\u2028', P: '\u2029', ' ': ' ', '"': '"', '/': '/', '\\': '\\', '\t': '\t',
};
const HEX_RE = /^[0-9a-fA-F]+$/;

/**
 * Scans a double-quoted scalar that starts at `start` (the opening quote) and closes on the same
 * line. Returns the decoded value and sets `end` (just after the closing quote) in `out`.
 */
export function scanDoubleQuoted(text: string, start: number, out: { end: number }): string {
  let i = start + 1;
  let chunkStart = i;
  let value = '';
  const n = text.length;
  for (;;) {
    if (i >= n) decline();
    const c = text.charCodeAt(i);
    if (c === 34) break;
    if (c === 10 || c === 13) decline(); // multi-line quoted scalars fold lines: not handled here
    if (c === 92) {
      value += text.slice(chunkStart, i);
      const next = text[i + 1];
      if (next === 'x' || next === 'u' || next === 'U') {
        const length = next === 'x' ? 2 : next === 'u' ? 4 : 8;
        const digits = text.substr(i + 2, length);
        if (digits.length !== length || !HEX_RE.test(digits)) decline();
        const code = parseInt(digits, 16);
        if (code > 0x10ffff) decline();
        value += String.fromCodePoint(code);
        i += 2 + length;
      } else {
        const decoded = next === undefined ? undefined : ESCAPES[next];
        if (decoded === undefined || !Object.prototype.hasOwnProperty.call(ESCAPES, next)) decline();
        value += decoded;
        i += 2;
      }
      chunkStart = i;
      continue;
    }
    i++;
  }
  out.end = i + 1;
  return chunkStart === start + 1 ? text.slice(chunkStart, i) : value + text.slice(chunkStart, i);
}

/** Scans a single-quoted scalar closed on the same line ('' is a quote). */
export function scanSingleQuoted(text: string, start: number, out: { end: number }): string {
  let i = start + 1;
  let value = '';
  let chunkStart = i;
  const n = text.length;
  for (;;) {
    if (i >= n) decline();
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) decline();
    if (c === 39) {
      if (text.charCodeAt(i + 1) === 39) {
        value += text.slice(chunkStart, i + 1);
        i += 2;
        chunkStart = i;
        continue;
      }
      break;
    }
    i++;
  }
  out.end = i + 1;
  return value + text.slice(chunkStart, i);
}

/** Anchor/alias names the fast path accepts (a safe subset; anything else is declined). */
export function scanName(text: string, start: number): number {
  let i = start;
  for (;;) {
    const c = text.charCodeAt(i);
    const ok = (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 45 || c === 46;
    if (!ok) break;
    i++;
  }
  if (i === start) decline();
  return i;
}


export function escapePointerSegment(name: string): string {
  if (name.indexOf('~') === -1 && name.indexOf('/') === -1) return name;
  return name.replace(/~/g, '~0').replace(/\//g, '~1');
}
