// Front matter proved valid without a compiled validator: a plain walk of the schema
// (surelyValid) answers "valid" for the keywords it knows, judged as ajv judges them, and "not
// sure" for everything else (then the compiled validator decides and writes every message). No
// ajv here: the doc worker (src/core/workspace/docWorker.ts) runs this too.
import type { DocumentModel } from '../document/model';
import { linearRegExp, type LinearRegExp } from '../schema/linearRegExp';

/**
 * Whether a front matter document surely has no schema problems (what validateDocument would
 * answer with no diagnostics) against the front-matter schema document `schema`: syntax errors or
 * no value (validation skips those), or a value the walk vouches for.
 */
export function frontMatterSurelyValid(doc: DocumentModel, schema: unknown): boolean {
  if (doc.syntaxErrors.some((d) => d.severity === 'error') || doc.value === undefined) return true;
  return (schema as { $schema?: unknown } | undefined)?.$schema === DRAFT_2020_12 && surelyValid(doc.value, schema, schema);
}

const DRAFT_2020_12 = 'https://json-schema.org/draft/2020-12/schema';
/** Keywords that never make an instance invalid. */
const ANNOTATIONS = new Set([
  '$schema', '$comment', '$defs', 'definitions', 'title', 'description', 'markdownDescription', 'default', 'examples',
  'enumDescriptions', 'markdownEnumDescriptions', 'deprecated', 'readOnly', 'writeOnly', 'defaultSnippets', 'x-docs', 'x-errorMessage',
]);
const MAX_DEPTH = 32;

/**
 * True only when `value` is valid against `schema` (a JSON Schema 2020-12 document, `root`),
 * judged the way ajv judges it; false when it is not, or when the schema uses anything this walk
 * does not know (then the compiled validator decides). Knows: local `$ref`, `type`, `enum`, `const`,
 * `required`, `properties`, `additionalProperties`, `items`, `uniqueItems`, `minLength`,
 * `maxLength`, `pattern` (on the same linear-time engine as validation), `anyOf`, `allOf`.
 */
export function surelyValid(value: unknown, schema: unknown, root: unknown): boolean {
  if (root === null || typeof root !== 'object') return false;
  let byRoot = checksByRoot.get(root);
  if (!byRoot) checksByRoot.set(root, (byRoot = new Map()));
  return checkOf(schema, root, byRoot, 0)(value);
}

/** A schema turned into a function: true when the value is surely valid. */
type Check = (value: unknown) => boolean;

const ALWAYS: Check = () => true;
const NEVER: Check = () => false;
/** The checks of each schema object, per schema document (built once, like a compiled validator). */
const checksByRoot = new WeakMap<object, Map<unknown, Check>>();

function checkOf(schema: unknown, root: object, checks: Map<unknown, Check>, depth: number): Check {
  if (schema === true) return ALWAYS;
  if (schema === null || typeof schema !== 'object' || Array.isArray(schema) || depth > MAX_DEPTH) return NEVER;
  const known = checks.get(schema);
  if (known) return known;
  // Through an indirection, so a schema that refers to itself (or a parent) finds its check.
  let check: Check = NEVER;
  const indirect: Check = (value) => check(value);
  checks.set(schema, indirect);
  check = buildCheck(schema as Record<string, unknown>, root, checks, depth);
  return indirect;
}

function buildCheck(s: Record<string, unknown>, root: object, checks: Map<unknown, Check>, depth: number): Check {
  const sub = (schema: unknown) => checkOf(schema, root, checks, depth + 1);
  const parts: Check[] = [];
  for (const keyword of Object.keys(s)) {
    if (ANNOTATIONS.has(keyword)) continue;
    switch (keyword) {
      case '$id':
        // Only the root's: another one moves the base of the references under it.
        if (s !== root) return NEVER;
        break;
      case '$ref': {
        const target = localTarget(root, s.$ref);
        if (target === undefined) return NEVER;
        parts.push(sub(target));
        break;
      }
      case 'type': {
        const types = Array.isArray(s.type) ? s.type : [s.type];
        if (!types.every((t) => typeof t === 'string' && TYPES.has(t))) return NEVER;
        parts.push((value) => types.some((t) => hasType(value, t as string)));
        break;
      }
      case 'enum': {
        if (!Array.isArray(s.enum)) return NEVER;
        const members = new Set(s.enum.filter(isPrimitive));
        parts.push((value) => isPrimitive(value) && members.has(value));
        break;
      }
      case 'const': {
        const constant = s.const;
        parts.push((value) => isPrimitive(value) && value === constant);
        break;
      }
      case 'anyOf':
      case 'allOf': {
        const list = s[keyword];
        if (!Array.isArray(list) || !list.length) return NEVER;
        const subs = list.map(sub);
        parts.push(keyword === 'anyOf' ? (value) => subs.some((c) => c(value)) : (value) => subs.every((c) => c(value)));
        break;
      }
      case 'required': {
        const keys = s.required;
        if (!Array.isArray(keys) || !keys.every((key) => typeof key === 'string')) return NEVER;
        parts.push((value) => !isObject(value) || keys.every((key: string) => hasOwn(value, key) && value[key] !== undefined));
        break;
      }
      case 'properties': {
        if (!isObject(s.properties)) return NEVER;
        const entries = Object.entries(s.properties).map(([key, schema]) => [key, sub(schema)] as const);
        // An inherited property counts for ajv: never vouched for.
        parts.push((value) => !isObject(value) || entries.every(([key, c]) => (hasOwn(value, key) ? c(value[key]) : !(key in value))));
        break;
      }
      case 'additionalProperties': {
        // patternProperties would decide which keys are additional: not known here.
        if ('patternProperties' in s) return NEVER;
        const listed = new Set(isObject(s.properties) ? Object.keys(s.properties) : []);
        const other = sub(s.additionalProperties);
        parts.push((value) => {
          if (!isObject(value)) return true;
          if (!isPlainObject(value)) return false;
          for (const key of Object.keys(value)) {
            if (key === '__proto__' || (!listed.has(key) && !other(value[key]))) return false;
          }
          return true;
        });
        break;
      }
      case 'items': {
        if ('prefixItems' in s) return NEVER;
        const item = sub(s.items);
        parts.push((value) => !Array.isArray(value) || value.every(item));
        break;
      }
      case 'uniqueItems':
        if (typeof s.uniqueItems !== 'boolean') return NEVER;
        if (s.uniqueItems) parts.push((value) => !Array.isArray(value) || allDistinct(value));
        break;
      case 'minLength':
      case 'maxLength': {
        const limit = s[keyword];
        if (typeof limit !== 'number') return NEVER;
        parts.push(keyword === 'minLength' ? (value) => typeof value !== 'string' || codePoints(value) >= limit : (value) => typeof value !== 'string' || codePoints(value) <= limit);
        break;
      }
      case 'pattern': {
        if (typeof s.pattern !== 'string') return NEVER;
        const re = patternTest(s.pattern);
        if (!re) return NEVER;
        parts.push((value) => typeof value !== 'string' || re(value));
        break;
      }
      default:
        return NEVER;
    }
  }
  if (parts.length === 0) return ALWAYS;
  if (parts.length === 1) return parts[0];
  return (value) => {
    for (const part of parts) if (!part(value)) return false;
    return true;
  };
}

const TYPES = new Set(['string', 'object', 'array', 'boolean', 'null', 'integer', 'number']);
const MAX_REMEMBERED_MATCHES = 4096;

/**
 * The patterns of the shipped front-matter schema, each reviewed to take linear time on the
 * backtracking engine: every repetition is of one character class, or of a group that starts with
 * a character its own class cannot match (`-`, `:`), so there is one way to match any text. For
 * them the fast path asks RegExp, which answers as the linear-time engine does (ASCII classes and
 * anchors only) without the engine's cold start. Any other pattern (a schema edited later) runs on
 * the linear-time engine. A unit test keeps this list in step with the schema.
 */
export const PATTERNS_LINEAR_ON_REGEXP: ReadonlySet<string> = new Set([
  '^[a-zA-Z0-9][a-zA-Z0-9._-]*$',
  '^([a-z]+:)?[a-zA-Z0-9][a-zA-Z0-9._-]*$',
  '^[a-z0-9:+#]+(-[a-z0-9:+#]+)*$',
  '^[a-z0-9][a-z0-9._-]*$',
]);

/**
 * A pattern answered as validation answers it: on the linear-time engine, remembering its
 * answers (the same refs, tags and systems recur across docs), or on RegExp for the reviewed
 * patterns above.
 */
function patternTest(pattern: string): ((text: string) => boolean) | undefined {
  if (PATTERNS_LINEAR_ON_REGEXP.has(pattern)) {
    const native = new RegExp(pattern, 'u');
    return (text) => native.test(text);
  }
  let re: LinearRegExp;
  try {
    re = linearRegExp(pattern, 'u');
  } catch {
    return undefined;
  }
  if (re.unsupported) return undefined;
  const answers = new Map<string, boolean>();
  return (text) => {
    let answer = answers.get(text);
    if (answer === undefined) {
      answer = re.test(text);
      if (answers.size >= MAX_REMEMBERED_MATCHES) answers.clear();
      answers.set(text, answer);
    }
    return answer;
  };
}

function localTarget(root: unknown, ref: unknown): unknown {
  if (typeof ref !== 'string' || !ref.startsWith('#')) return undefined;
  if (ref === '#') return root;
  if (!ref.startsWith('#/')) return undefined;
  let node = root;
  for (const raw of ref.slice(2).split('/')) {
    const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (node === null || typeof node !== 'object' || !Object.prototype.hasOwnProperty.call(node, key)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

function hasType(value: unknown, type: string): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'object':
      return isObject(value);
    case 'array':
      return Array.isArray(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'null':
      return value === null;
    case 'integer':
      return Number.isInteger(value);
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    default:
      return false;
  }
}

function hasOwn(value: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(value, key);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** A mapping as the parsers build it: a plain object, no properties inherited from elsewhere. */
function isPlainObject(value: Record<string, unknown>): boolean {
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

function isPrimitive(value: unknown): value is string | boolean | null | number {
  return value === null || typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && !Number.isNaN(value));
}

/** ajv's uniqueItems compares by deep equality: two items with the same canonical JSON may be equal. */
function allDistinct(items: readonly unknown[]): boolean {
  const seen = new Set<string>();
  for (const item of items) {
    const key = typeof item === 'string' ? `s${item}` : `j${canonicalJson(item)}`;
    if (seen.has(key)) return false;
    seen.add(key);
  }
  return true;
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (isObject(value)) return `{${Object.keys(value).sort().map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key])}`).join(',')}}`;
  return JSON.stringify(value) ?? 'undefined';
}

/** String length as JSON Schema (and ajv) count it: in code points, a surrogate pair is one. */
function codePoints(text: string): number {
  let count = text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        count--;
        i++;
      }
    }
  }
  return count;
}
