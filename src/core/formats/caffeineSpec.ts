// Caffeine's cache specification string (`spring.cache.caffeine.spec`), read like
// com.github.benmanes.caffeine.cache.CaffeineSpec: comma-separated options, each `name=value` or a
// bare flag (`recordStats`, `weakKeys`, `weakValues`, `softValues`), blanks around them ignored.
// Every option keeps the span of its name and value in the real file, so findings and hovers land on
// the `maximumSize` token inside the string.
import type { Span } from '../types';

export interface CaffeineOption {
  name: string;
  nameSpan: Span;
  value?: string;
  valueSpan?: Span;
}

export interface CaffeineSpec {
  options: CaffeineOption[];
  problems: { message: string; span: Span }[];
}

/** Options that take a number; then durations; then flags (no value). */
const LONG_OPTIONS = ['initialCapacity', 'maximumSize', 'maximumWeight'];
const DURATION_OPTIONS = ['expireAfterWrite', 'expireAfterAccess', 'refreshAfterWrite'];
const FLAG_OPTIONS = ['recordStats', 'weakKeys', 'weakValues', 'softValues'];
export const CAFFEINE_OPTIONS: readonly string[] = [...LONG_OPTIONS, ...DURATION_OPTIONS, ...FLAG_OPTIONS];

/**
 * Parses `spec`. `offsets[i]` is where character i of `spec` is written in the file (length
 * `spec.length + 1`); when absent, every span is the whole `fallback` span (the value is written in
 * a way whose characters cannot be mapped one to one, e.g. a folded scalar).
 */
export function parseCaffeineSpec(spec: string, offsets: readonly number[] | undefined, fallback: Span): CaffeineSpec {
  const options: CaffeineOption[] = [];
  const problems: CaffeineSpec['problems'] = [];
  const spanOf = (from: number, to: number): Span => (offsets ? { start: offsets[from], end: to > from ? offsets[to - 1] + 1 : offsets[from] } : fallback);
  const seen = new Set<string>();
  let start = 0;
  while (start <= spec.length) {
    let end = spec.indexOf(',', start);
    if (end === -1) end = spec.length;
    let a = start;
    let b = end;
    while (a < b && /\s/.test(spec[a])) a++;
    while (b > a && /\s/.test(spec[b - 1])) b--;
    if (a < b) {
      const eq = spec.indexOf('=', a);
      const hasValue = eq !== -1 && eq < b;
      let nameEnd = hasValue ? eq : b;
      while (nameEnd > a && /\s/.test(spec[nameEnd - 1])) nameEnd--;
      const name = spec.slice(a, nameEnd);
      const option: CaffeineOption = { name, nameSpan: spanOf(a, nameEnd) };
      if (hasValue) {
        let v = eq + 1;
        while (v < b && /\s/.test(spec[v])) v++;
        option.value = spec.slice(v, b);
        option.valueSpan = v < b ? spanOf(v, b) : spanOf(eq, eq + 1);
      }
      const whole = spanOf(a, b);
      if (!CAFFEINE_OPTIONS.includes(name)) {
        problems.push({ message: `unknown option \`${name}\` (Caffeine knows ${CAFFEINE_OPTIONS.join(', ')})`, span: option.nameSpan });
      } else if (seen.has(name)) {
        problems.push({ message: `\`${name}\` is set twice`, span: whole });
      } else if (FLAG_OPTIONS.includes(name) && hasValue) {
        problems.push({ message: `\`${name}\` takes no value`, span: whole });
      } else if (!FLAG_OPTIONS.includes(name) && !option.value) {
        problems.push({ message: `\`${name}\` needs a value (\`${name}=…\`)`, span: whole });
      } else if (LONG_OPTIONS.includes(name) && !/^\d+$/.test(option.value ?? '')) {
        problems.push({ message: `\`${name}\` must be a whole number, not \`${option.value}\``, span: option.valueSpan ?? whole });
      } else if (DURATION_OPTIONS.includes(name) && caffeineDuration(option.value ?? '') === undefined) {
        problems.push({ message: `\`${name}\` must be a duration such as \`10m\`, \`30s\`, \`1h\`, \`2d\` or \`PT10M\`, not \`${option.value}\``, span: option.valueSpan ?? whole });
      }
      if (name === 'maximumSize' && seen.has('maximumWeight')) problems.push({ message: '`maximumSize` and `maximumWeight` cannot both be set', span: whole });
      if (name === 'maximumWeight' && seen.has('maximumSize')) problems.push({ message: '`maximumSize` and `maximumWeight` cannot both be set', span: whole });
      seen.add(name);
      options.push(option);
    }
    start = end + 1;
  }
  return { options, problems };
}

/**
 * A CaffeineSpec duration (`10m`, `30s`, `1h`, `2d`; Caffeine 3 also takes ISO-8601 `PT10M`) in
 * the cache layer's duration syntax (`10m`, `1h30m`); undefined when it is not one.
 */
export function caffeineDuration(value: string): string | undefined {
  const simple = /^(\d+)\s*([dhms])$/i.exec(value.trim());
  if (simple) return `${Number(simple[1])}${simple[2].toLowerCase()}`;
  return isoDuration(value.trim());
}

/** ISO-8601 `PT10M`, `P1DT2H`, `PT0.5S` → `10m`, `1d2h`, `500ms`; undefined otherwise. */
export function isoDuration(value: string): string | undefined {
  const m = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)(?:\.(\d{1,3}))?S)?)?$/i.exec(value);
  if (!m || value.toUpperCase() === 'P' || /T$/i.test(value)) return undefined;
  const [, d, h, min, s, frac] = m;
  const ms = frac ? Number(frac.padEnd(3, '0')) : 0;
  let out = '';
  if (d && Number(d)) out += `${Number(d)}d`;
  if (h && Number(h)) out += `${Number(h)}h`;
  if (min && Number(min)) out += `${Number(min)}m`;
  if (s && Number(s)) out += `${Number(s)}s`;
  if (ms) out += `${ms}ms`;
  return out || '0s';
}

export const CAFFEINE_OPTION_DOCS: Readonly<Record<string, string>> = {
  initialCapacity: '**initialCapacity** (Caffeine spec) — how many entries the cache table is sized for at start. Default 16. Only avoids early resizing; it is not a limit.',
  maximumSize: '**maximumSize** (Caffeine spec) — the most entries the cache keeps; beyond it Caffeine evicts (W-TinyLFU). Default: no limit. Without it (or `maximumWeight`) the cache grows with every distinct key until the JVM runs out of heap (CW008).',
  maximumWeight: '**maximumWeight** (Caffeine spec) — the most total weight the cache keeps, in the units of the `Weigher` bean the application defines (often bytes). Default: no limit. Needs a weigher; with it, the heap the cache may use is bounded (CW008).',
  expireAfterWrite: '**expireAfterWrite** (Caffeine spec) — entries expire this long after they were written (`10m`, `30s`, `1h`, `2d`, or ISO `PT10M`). Default: never. Without it (or `expireAfterAccess`) changes in the database are never seen (CW001).',
  expireAfterAccess: '**expireAfterAccess** (Caffeine spec) — entries expire this long after they were last read or written. Default: never. An entry read often never expires, so prefer `expireAfterWrite` for data that changes (CW001).',
  refreshAfterWrite: '**refreshAfterWrite** (Caffeine spec) — after this long, the next read returns the old value and reloads it in the background (needs a `CacheLoader` bean). Default: off. Spreads reloads so one expiry does not send every reader to the database at once.',
  recordStats: '**recordStats** (Caffeine spec) — counts hits, misses and evictions, exported as metrics by Spring Boot Actuator. Default: off. Without it a falling hit ratio goes unnoticed.',
  weakKeys: '**weakKeys** (Caffeine spec) — keys are held weakly and compared by identity (`==`). Default: off. Rarely right for a cache keyed by value: equal keys then miss.',
  weakValues: '**weakValues** (Caffeine spec) — values may be collected when nothing else holds them. Default: off. Entries then disappear at any GC, so the hit ratio depends on heap pressure.',
  softValues: '**softValues** (Caffeine spec) — values are collected only under memory pressure. Default: off. Bounds nothing predictably: full GCs and latency spikes instead of eviction; prefer `maximumSize`.',
};
