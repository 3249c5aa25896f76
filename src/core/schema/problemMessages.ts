// One ajv error → one message for people, with a stable code and where to point. The codes are
// documented in docs/schema-problems.md; messages say what is wrong and what is allowed.
import type { ErrorObject } from 'ajv';
import { segmentsOf } from '../document/model';
import { closestMatch } from './didYouMean';

/** Which part of the source a finding marks: the value, the member's key, or the parent's key. */
export type RangeTarget = 'value' | 'key' | 'parent-key';

export interface SchemaFinding {
  code: string;
  message: string;
  /** Instance pointer of the thing marked. */
  pointer: string;
  target: RangeTarget;
  data?: Record<string, unknown>;
}

export const SCHEMA_PROBLEMS_DOC = 'docs/schema-problems.md';
const MAX_LISTED = 12;

/** `ttl`, `caches[2]`, or "The document" for the root. */
export function nameOf(pointer: string): string {
  const segments = segmentsOf(pointer);
  if (!segments.length) return 'The document';
  const last = segments[segments.length - 1];
  if (/^\d+$/.test(last)) {
    const parent = segments.length > 1 ? segments[segments.length - 2] : 'item';
    return `\`${quoted(parent)}[${last}]\``;
  }
  return `\`${quoted(last)}\``;
}

export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'nothing (null)';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  // Control characters would garble the Problems panel; show them escaped.
  const text = String(value).replace(/[\u0000-\u001f\u007f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return `\`${text.length > 40 ? text.slice(0, 39) + '…' : text}\``;
}

const TYPE_WORDS: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  integer: 'a whole number',
  boolean: 'true or false',
  object: 'a mapping (key: value pairs)',
  array: 'a list',
  null: 'empty (null)',
};

export function describeTypes(types: unknown): string {
  const list = Array.isArray(types) ? types : [types];
  return list.map((t) => TYPE_WORDS[String(t)] ?? String(t)).join(' or ');
}

function listValues(values: readonly unknown[]): string {
  const shown = values.slice(0, MAX_LISTED).map((v) => (typeof v === 'string' ? v : JSON.stringify(v)));
  return shown.join(', ') + (values.length > MAX_LISTED ? `, … (${values.length - MAX_LISTED} more)` : '');
}

const FORMAT_WORDS: Record<string, string> = {
  date: 'a date like 2025-01-31',
  'date-time': 'a date and time like 2025-01-31T09:30:00Z',
  time: 'a time like 09:30:00Z',
  duration: 'an ISO 8601 duration like P1DT2H',
  uri: 'an absolute URI like https://example.com/page',
  'uri-reference': 'a URI or relative reference',
  email: 'an email address',
  hostname: 'a host name',
  ipv4: 'an IPv4 address',
  ipv6: 'an IPv6 address',
  uuid: 'a UUID',
  regex: 'a regular expression',
};

/** A message the schema author wrote for this keyword, if any. */
export function customMessage(schema: unknown, keyword: string): string | undefined {
  if (!schema || typeof schema !== 'object') return undefined;
  const record = schema as Record<string, unknown>;
  if (keyword === 'pattern' && typeof record.patternErrorMessage === 'string') return record.patternErrorMessage;
  for (const field of ['x-errorMessage', 'errorMessage']) {
    const value = record[field];
    if (typeof value === 'string') return value;
    if (value && typeof value === 'object') {
      const byKeyword = (value as Record<string, unknown>)[keyword];
      if (typeof byKeyword === 'string') return byKeyword;
    }
  }
  return undefined;
}

function withGot(message: string, value: unknown): string {
  return `${message.replace(/[.\s]+$/, '')} — got ${describeValue(value)}.`;
}

/** The finding for a single (non-combinator) ajv error. */
export function findingFor(error: ErrorObject): SchemaFinding {
  const pointer = error.instancePath;
  const name = nameOf(pointer);
  const params = error.params as Record<string, unknown>;
  const custom = customMessage(error.parentSchema, error.keyword);
  const value = error.data;
  const valueFinding = (code: string, message: string, data?: Record<string, unknown>): SchemaFinding => ({
    code,
    message: custom ? withGot(`${name}: ${custom}`, value) : message,
    pointer,
    target: 'value',
    data,
  });
  switch (error.keyword) {
    case 'type':
      return valueFinding('schema-type', `${name} must be ${describeTypes(params.type)} — got ${describeValue(value)}.`);
    case 'enum': {
      // "Did you mean" is added later, to the findings kept under the file's cap (withSuggestion).
      const allowed = (params.allowedValues as unknown[]) ?? [];
      const finding = valueFinding('schema-enum', `${name} must be one of: ${listValues(allowed)} — got ${describeValue(value)}.`, { values: allowed });
      if (!custom && typeof value === 'string') finding.data = { ...finding.data, [PENDING]: { input: value, candidates: allowed.filter((v): v is string => typeof v === 'string'), shape: 'enum' } };
      return finding;
    }
    case 'const': {
      const expected = params.allowedValue;
      return valueFinding('schema-const', `${name} must be \`${typeof expected === 'string' ? expected : JSON.stringify(expected)}\` — got ${describeValue(value)}.`, { values: [expected] });
    }
    case 'pattern':
      return valueFinding('schema-pattern', `${name} must match the pattern \`${String(params.pattern)}\` — got ${describeValue(value)}.`);
    case 'format': {
      const format = String(params.format);
      return valueFinding('schema-format', `${name} must be ${FORMAT_WORDS[format] ?? `in the format "${format}"`} — got ${describeValue(value)}.`);
    }
    case 'minimum':
    case 'exclusiveMinimum':
      return valueFinding('schema-minimum', `${name} must be ${params.comparison === '>' ? 'more than' : 'at least'} ${String(params.limit)} — got ${describeValue(value)}.`);
    case 'maximum':
    case 'exclusiveMaximum':
      return valueFinding('schema-maximum', `${name} must be ${params.comparison === '<' ? 'less than' : 'at most'} ${String(params.limit)} — got ${describeValue(value)}.`);
    case 'multipleOf':
      return valueFinding('schema-multiple-of', `${name} must be a multiple of ${String(params.multipleOf)} — got ${describeValue(value)}.`);
    case 'minLength':
      return valueFinding('schema-min-length', `${name} must be at least ${plural(Number(params.limit), 'character')} long — got ${describeValue(value)}.`);
    case 'maxLength':
      return valueFinding('schema-max-length', `${name} must be at most ${plural(Number(params.limit), 'character')} long — got ${describeValue(value)}.`);
    case 'minItems':
      return valueFinding('schema-min-items', `${name} must have at least ${plural(Number(params.limit), 'item')} — it has ${countOf(value)}.`);
    case 'maxItems':
      return valueFinding('schema-max-items', `${name} must have at most ${plural(Number(params.limit), 'item')} — it has ${countOf(value)}.`);
    case 'minProperties':
      return valueFinding('schema-min-properties', `${name} must have at least ${plural(Number(params.limit), 'property', 'properties')} — it has ${countOf(value)}.`);
    case 'maxProperties':
      return valueFinding('schema-max-properties', `${name} must have at most ${plural(Number(params.limit), 'property', 'properties')} — it has ${countOf(value)}.`);
    case 'uniqueItems': {
      const later = Math.max(Number(params.i), Number(params.j));
      const repeated = Array.isArray(value) ? value[later] : undefined;
      return {
        code: 'schema-unique-items',
        message: custom ?? `${name} must not repeat items: ${describeValue(repeated)} appears more than once.`,
        pointer: `${pointer}/${later}`,
        target: 'value',
      };
    }
    case 'required':
    case 'dependencies':
    case 'dependentRequired': {
      const missing = String(params.missingProperty);
      const owner = pointer === '' ? 'The document' : name;
      const because = error.keyword === 'required' ? '' : ` (needed because \`${String(params.property)}\` is set)`;
      return {
        code: error.keyword === 'required' ? 'schema-required' : 'schema-dependency',
        message: custom ?? `${owner} is missing the required property \`${missing}\`${because}.`,
        pointer,
        target: 'parent-key',
        data: { missing: [missing] },
      };
    }
    case 'additionalProperties':
    case 'unevaluatedProperties': {
      const property = String(params.additionalProperty ?? params.unevaluatedProperty);
      const allowed = Object.keys(((error.parentSchema as Record<string, unknown> | undefined)?.properties ?? {}) as object);
      const where = pointer === '' ? 'at the top level' : `in ${name}`;
      const hint = allowed.length ? ` Allowed: ${listValues(allowed)}.` : '';
      // "Did you mean" replaces the list later, for the findings kept under the file's cap (withSuggestion).
      return {
        code: 'schema-additional-property',
        message: custom ?? `\`${quoted(property)}\` is not allowed ${where}.${hint}`,
        pointer: `${pointer}/${property.replace(/~/g, '~0').replace(/\//g, '~1')}`,
        target: 'key',
        data: { properties: allowed, ...(custom ? {} : { [PENDING]: { input: property, candidates: allowed, shape: 'key', where } }) },
      };
    }
    case 'propertyNames':
      return {
        code: 'schema-property-name',
        message: custom ?? `\`${quoted(String(params.propertyName))}\` is not an allowed property name ${pointer === '' ? 'at the top level' : `in ${name}`}.`,
        pointer: `${pointer}/${String(params.propertyName).replace(/~/g, '~0').replace(/\//g, '~1')}`,
        target: 'key',
      };
    case 'false schema':
      return { code: 'schema-not-allowed', message: custom ?? `${name} is not allowed here.`, pointer, target: 'key' };
    case 'not':
      return valueFinding('schema-not', `${name} must not have this value — got ${describeValue(value)}.`);
    case 'contains':
    case 'minContains':
    case 'maxContains':
      return valueFinding('schema-contains', `${name} ${error.message ?? 'does not contain the required items'}.`);
    default:
      return valueFinding(`schema-${error.keyword.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase())}`, `${name} ${error.message ?? 'is not valid'}.`);
  }
}

const PENDING = 'pendingSuggestion';

interface PendingSuggestion {
  input: string;
  candidates: string[];
  shape: 'enum' | 'key';
  where?: string;
}

/**
 * Adds "Did you mean …?" to a schema finding (a diagnostic made from it) when a candidate is close
 * enough, and drops the pending note. Called only on the findings a file reports — after its cap —
 * so a file with 75,000 unknown keys costs 500 suggestions, not 75,000 (closestMatch is bounded too).
 */
export function withSuggestion<T extends { message: string; data?: Record<string, unknown> }>(finding: T): T {
  const pending = finding.data?.[PENDING] as PendingSuggestion | undefined;
  if (!pending) return finding;
  const { [PENDING]: _done, ...data } = finding.data!;
  finding.data = data;
  const suggestion = closestMatch(pending.input, pending.candidates);
  if (!suggestion) return finding;
  finding.data = { ...data, suggestion };
  finding.message = pending.shape === 'key'
    ? `\`${quoted(pending.input)}\` is not allowed ${pending.where}. Did you mean \`${suggestion}\`?`
    : `${finding.message} Did you mean \`${suggestion}\`?`;
  return finding;
}

/** A key quoted in a message: at most 80 characters (a hostile file's keys can be any length). */
function quoted(key: string): string {
  return key.length > 80 ? `${key.slice(0, 79)}…` : key;
}

function plural(n: number, word: string, many = word + 's'): string {
  return `${n} ${n === 1 ? word : many}`;
}

function countOf(value: unknown): number {
  if (Array.isArray(value)) return value.length;
  if (value && typeof value === 'object') return Object.keys(value).length;
  return 0;
}
