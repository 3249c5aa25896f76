// Guarded access to a cache layer document. Rules also run on schema-invalid documents, so no
// field is trusted to have its declared type: every accessor returns undefined on a mismatch.

export type Obj = Record<string, unknown>;

export function asObject(value: unknown): Obj | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Obj) : undefined;
}

export function asArray(value: unknown): unknown[] | undefined {
  return Array.isArray(value) ? value : undefined;
}

export function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export function asNumber(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** Nested lookup that stops at the first non-object: get(cache, 'ttl', 'value'). */
export function get(value: unknown, ...path: string[]): unknown {
  let current = value;
  for (const segment of path) {
    const object = asObject(current);
    if (!object) return undefined;
    current = object[segment];
  }
  return current;
}

export function isCacheLayer(value: unknown): value is Obj {
  return asObject(value)?.kind === 'CacheLayer';
}

export interface CacheEntry {
  cache: Obj;
  index: number;
  /** JSON pointer of the cache, e.g. '/spec/caches/3'. */
  pointer: string;
  name: string;
}

export interface BackendEntry {
  backend: Obj;
  index: number;
  pointer: string;
  name: string;
}

export function cachesOf(layer: Obj): CacheEntry[] {
  const out: CacheEntry[] = [];
  (asArray(get(layer, 'spec', 'caches')) ?? []).forEach((item, index) => {
    const cache = asObject(item);
    if (cache) out.push({ cache, index, pointer: `/spec/caches/${index}`, name: asString(cache.name) ?? `#${index + 1}` });
  });
  return out;
}

export function backendsOf(layer: Obj): BackendEntry[] {
  const out: BackendEntry[] = [];
  (asArray(get(layer, 'spec', 'backends')) ?? []).forEach((item, index) => {
    const backend = asObject(item);
    if (backend) out.push({ backend, index, pointer: `/spec/backends/${index}`, name: asString(backend.name) ?? `#${index + 1}` });
  });
  return out;
}

/** criticality defaults to warm (docs/cache-layer-format.md). */
export function criticalityOf(cache: Obj): string {
  return asString(cache.criticality) ?? 'warm';
}

/** What a data source is called in messages: `fronts.name`, or "the data source". */
export function sourceName(cache: Obj): string {
  const name = asString(get(cache, 'fronts', 'name'));
  return name ? name : 'the data source';
}

/**
 * A backend reference may be a plain name (`catalog-redis`) or an entity ref
 * (`resource:catalog-redis`, `resource:default/catalog-redis`); both resolve by the bare name.
 */
export function backendRefName(ref: string): string {
  const afterKind = ref.slice(ref.indexOf(':') + 1);
  return afterKind.slice(afterKind.lastIndexOf('/') + 1).trim();
}

export function isAllKeysEviction(eviction: string | undefined): boolean {
  return eviction !== undefined && eviction.startsWith('allkeys-');
}

/** The eviction a backend actually uses: Redis defaults to noeviction when none is written. */
export function effectiveEviction(type: string | undefined, eviction: string | undefined): string | undefined {
  return eviction ?? (type === 'redis' ? 'noeviction' : undefined);
}

/** Code-formatted list for messages: [a, b, c, d] → "`a`, `b`, `c` and 1 more". */
export function nameList(names: string[], max = 3): string {
  const shown = names.slice(0, max).map((n) => `\`${n}\``);
  const rest = names.length - shown.length;
  if (rest > 0) return `${shown.join(', ')} and ${rest} more`;
  if (shown.length <= 1) return shown.join('');
  return `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`;
}

export { parseSize as parseSizeOf } from './durations';
