// Schema `pattern`s and `patternProperties` come from users' schemas (a modeline in the file being
// checked can name any schema), so they run on a linear-time engine, never on the backtracking
// RegExp: `^(a+)+$` against forty `a`s and a `!` takes a backtracking engine minutes and RE2 a
// microsecond. The engine is re2js, a pure-JavaScript port of RE2 (linear time by construction):
// it bundles with esbuild like any other module, needs no native addon (`re2`, whose binary would
// have to match each platform and Electron's ABI) and no WebAssembly start-up (`re2-wasm`).
// What RE2 cannot express (lookaround, backreferences) runs on the backtracking engine inside a
// vm context with a time limit per value, and the schema says so (`schema-pattern-unsupported`).
import * as vm from 'node:vm';
import { RE2JS } from 're2js';

/** What ajv needs of a regular expression (its `code.regExp` option returns one). */
export interface LinearRegExp {
  test(input: string): boolean;
  toString(): string;
  /**
   * Why the linear-time engine cannot run the pattern, when it cannot: it then runs on the
   * backtracking engine, cut off after FALLBACK_TIMEOUT_MS per value (not decided in time = no match).
   */
  unsupported?: string;
}

/** How long the backtracking fallback may take on one value. */
export const FALLBACK_TIMEOUT_MS = 100;

const cache = new Map<string, LinearRegExp | SyntaxError>();
const MAX_CACHED = 5000;

/**
 * A linear-time regular expression for an ECMAScript pattern (JSON Schema's dialect). Throws a
 * SyntaxError only for a pattern neither engine accepts (ajv then reports the schema as invalid).
 */
export function linearRegExp(pattern: string, _flags = 'u'): LinearRegExp {
  let re = cache.get(pattern);
  if (!re) {
    re = compile(pattern);
    if (cache.size >= MAX_CACHED) cache.clear();
    cache.set(pattern, re);
  }
  if (re instanceof SyntaxError) throw re;
  return re;
}

function compile(pattern: string): LinearRegExp | SyntaxError {
  const source = `/${pattern}/u`;
  try {
    const compiled = RE2JS.compile(toRe2Syntax(pattern));
    return { test: (input: string) => compiled.test(input), toString: () => source };
  } catch (error) {
    let native: RegExp;
    try {
      native = new RegExp(pattern, 'u');
    } catch (invalid) {
      return invalid as SyntaxError;
    }
    return { test: (input: string) => boundedTest(native, input), toString: () => source, unsupported: unsupportedReason(pattern, error) };
  }
}

let fallbackContext: vm.Context | undefined;
const fallbackScript = new vm.Script('re.test(input)');

/** The backtracking engine with a time limit: V8 stops the match when the vm's timeout fires. */
function boundedTest(re: RegExp, input: string): boolean {
  fallbackContext ??= vm.createContext({});
  fallbackContext.re = re;
  fallbackContext.input = input;
  try {
    return fallbackScript.runInContext(fallbackContext, { timeout: FALLBACK_TIMEOUT_MS }) === true;
  } catch {
    return false;
  } finally {
    fallbackContext.re = fallbackContext.input = undefined;
  }
}

/** For ajv's `code: { regExp }` option. */
export const ajvRegExp = Object.assign((pattern: string, flags: string) => linearRegExp(pattern, flags), { code: 'linearRegExp' });

/**
 * ECMAScript escapes RE2 spells differently: `\uXXXX` (surrogate pairs joined) and `\u{X…}` become
 * `\x{X…}`, `\/` stays (RE2 takes escaped punctuation), `[^]` (anything) becomes `[\s\S]`.
 */
export function toRe2Syntax(pattern: string): string {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '[' && pattern.startsWith('[^]', i)) {
      out += '[\\s\\S]';
      i += 2;
      continue;
    }
    if (c !== '\\') {
      out += c;
      continue;
    }
    const next = pattern[i + 1];
    if (next === 'u') {
      const braced = /^\{([0-9a-fA-F]{1,6})\}/.exec(pattern.slice(i + 2, i + 11));
      if (braced) {
        out += `\\x{${braced[1]}}`;
        i += 1 + braced[0].length;
        continue;
      }
      const hex = pattern.slice(i + 2, i + 6);
      if (/^[0-9a-fA-F]{4}$/.test(hex)) {
        let code = parseInt(hex, 16);
        i += 5;
        const low = /^\\u([dD][c-fC-F][0-9a-fA-F]{2})/.exec(pattern.slice(i + 1, i + 7));
        if (code >= 0xd800 && code <= 0xdbff && low) {
          code = 0x10000 + ((code - 0xd800) << 10) + (parseInt(low[1], 16) - 0xdc00);
          i += 6;
        }
        out += `\\x{${code.toString(16)}}`;
        continue;
      }
    }
    out += c + (next ?? '');
    i++;
  }
  return out;
}

function unsupportedReason(pattern: string, error: unknown): string {
  if (/\(\?<?[=!]/.test(pattern)) return 'lookahead and lookbehind are not supported';
  if (/\\[1-9]|\\k</.test(pattern)) return 'backreferences are not supported';
  const message = (error as Error)?.message ?? String(error);
  return message.replace(/^error parsing regexp: /, '');
}
