// Spring Boot's cache settings (spring.cache.*, spring.data.redis.*, spring.datasource.url) mapped
// onto the cache layer model. Shared by the application.yml/.properties adapter and by the
// compose/Kubernetes adapters, which find the same settings as environment variables
// (SPRING_CACHE_REDIS_TIME_TO_LIVE) and hand them here through canonicalSpringKey.
//
// What a Spring app says, in the model's terms:
// - `spring.cache.cache-names` → one cache per name (none → one cache named after the service).
// - `spring.cache.type: redis` → the caches live on the Redis the app connects to. The app does not
//   configure that Redis server, so no backend is declared here: the cache's `backend` is the first
//   DNS label of `spring.data.redis.host` (or of the url's host), which links to the Redis a compose
//   service, a Kubernetes Service, a Helm release or a redis.conf declares (workspaceFacts aliases).
// - `spring.cache.type: caffeine` (or simple) → an in-process backend of the service's own.
// - `spring.cache.type: none` → the caches exist but are switched off (`enabled: false`).
// - `spring.datasource.url` → what the caches front (`fronts.name`: the JDBC url's host, first label).
import type { Span } from '../types';
import type { SettingSite } from './adapter';
import type { LayerBuilder } from './layerBuilder';
import type { NodeLocation } from '../document/model';
import { CAFFEINE_OPTION_DOCS, caffeineDuration, isoDuration, parseCaffeineSpec } from './caffeineSpec';

export interface SpringProperty {
  /** Canonical: lowercase kebab dotted, e.g. `spring.cache.redis.time-to-live`. */
  key: string;
  value: string;
  keySpan: Span;
  valueSpan: Span;
  /**
   * Where each character of `value` is written (length value.length + 1), when the value's text
   * is not written verbatim at `valueSpan` (escapes, quotes, continuations). Absent: verbatim when
   * the span is as long as the value, else parts of the value are shown at the whole span.
   */
  offsets?: readonly number[];
  /** The value comes from another file (a profile file inherits application.yml): used, never located here. */
  inherited?: boolean;
}

/** Every rule a Spring layer may get; each layer gets the subset for its cache type (rulesForType). */
export const SPRING_RULES: ReadonlySet<string> = new Set(['CW001', 'CW002', 'CW007', 'CW008']);

/** How the model's fields read for a Redis-backed Spring cache (the common case). */
export const SPRING_TERMS: Readonly<Record<string, string>> = {
  'ttl.value': 'spring.cache.redis.time-to-live',
  ttl: 'spring.cache.redis.time-to-live',
  'negative.enabled': 'spring.cache.redis.cache-null-values',
  enabled: 'spring.cache.type',
  'enabled: false': 'spring.cache.type: none',
  'override: { reason, expires }': '# cache-warden-disable-next-line CW002 -- <reason, until when>',
  'fronts.name': 'spring.datasource.url',
};

export type SpringCacheType = 'redis' | 'caffeine' | 'simple' | 'none';

/**
 * CW001 and CW007 in Spring's words: a time-to-live of 0 is how Spring says "never expire", and a
 * Spring config has no invalidation triggers to name (entries leave when the code evicts them).
 */
export function springReword(code: string, message: string): string {
  // A Spring time-to-live is "never" only when it is 0: say what is written.
  if (code === 'CW007') return message.replace(/ never expires \(`([^`]+?)(: |=)never`\)/, ' never expires (`$1$20`, which Spring reads as never expire)');
  if (code !== 'CW001') return message;
  const noTriggers = /^`([^`]+)` is never but cache `([^`]+)` has no `invalidation\.triggers`: entries of (.+?) are never refreshed, so readers see stale data until the key is evicted\.$/.exec(message);
  if (noTriggers) {
    const [, key, cache, source] = noTriggers;
    return `\`${key}\` is 0, which Spring reads as never expire: entries of cache \`${cache}\` stay until the code evicts them (\`@CacheEvict\`), so changes to ${source} are never seen. Set a duration such as \`10m\`.`;
  }
  return message.replace(/^`([^`]+)` is never but /, '`$1` is 0 (never expire) but ');
}

/**
 * Which rules apply, by cache type, and why the others do not:
 * - redis: CW001 (time-to-live unset = never expire) and CW007 (those keys on a volatile-* Redis
 *   declared elsewhere). The Redis server's own settings (eviction, maxmemory: CW007's backend
 *   side, CW008) are reported where that server is configured, not in the app.
 * - caffeine / simple: CW001 (no expiry) and CW008 (no size bound: the heap fills).
 * - none: CW002 only (caches switched off where the profile says it matters); the other rules
 *   would report settings of caches that store nothing.
 * CW003–CW006 and CW009–CW013 read fields Spring's properties cannot express (stampede modes, key
 * templates, warm-up, owners), so they would report what cannot be fixed in this file.
 */
export function rulesForType(type: SpringCacheType): ReadonlySet<string> {
  switch (type) {
    case 'redis': return new Set(['CW001', 'CW007']);
    case 'caffeine':
    case 'simple': return new Set(['CW001', 'CW008']);
    case 'none': return new Set(['CW002']);
  }
}

/** The model's terms in the words of each cache type (backticked terms in messages and fix titles). */
export function termsForType(type: SpringCacheType): Readonly<Record<string, string>> {
  switch (type) {
    case 'redis': return SPRING_TERMS;
    case 'caffeine': return {
      'ttl.value': 'expireAfterWrite',
      ttl: 'expireAfterWrite',
      'ttl.value: 10m': 'expireAfterWrite=10m',
      'capacity.maxEntries': 'maximumSize',
      'capacity.maxMemory': 'maximumWeight',
      capacity: 'maximumSize',
      maxMemory: 'maximumWeight',
      'fronts.name': 'spring.datasource.url',
    };
    case 'simple': return {
      'ttl.value': 'expiry',
      'capacity.maxEntries': 'size limit',
      'capacity.maxMemory': 'memory limit',
      maxMemory: 'memory limit',
      'fronts.name': 'spring.datasource.url',
    };
    case 'none': return {
      enabled: 'spring.cache.type',
      'enabled: false': 'spring.cache.type: none',
      'override: { reason, expires }': '# cache-warden-disable-next-line CW002 -- <reason, until when>',
      'fronts.name': 'spring.datasource.url',
    };
  }
}

// ---------------------------------------------------------------------------------------------
// Keys

export interface KeyDoc {
  meaning: string;
  default: string;
  prevents: string;
}

export const SPRING_KEY_DOCS: Readonly<Record<string, KeyDoc>> = {
  'spring.cache.type': {
    meaning: 'Which cache manager Spring uses: `redis`, `caffeine`, `simple` (an unbounded ConcurrentHashMap), `none` (caching switched off: every `@Cacheable` call runs), or `jcache`, `hazelcast`, `infinispan`, `couchbase`, `cache2k`, `generic`.',
    default: 'detected from the classpath and the beans present.',
    prevents: 'Stating it avoids a silent switch to another provider (or to `simple`, which never expires and is unbounded) when a dependency changes. `none` in production sends every read to the database (CW002).',
  },
  'spring.cache.cache-names': {
    meaning: 'The caches created at start-up (comma-separated, or a list). With a name list, only these caches exist (`@Cacheable` with another name fails).',
    default: 'none: caches are created on first use.',
    prevents: 'Naming the caches makes each visible to checks and metrics; Cache Warden models one cache per name.',
  },
  'spring.cache.redis.time-to-live': {
    meaning: 'How long entries live in Redis (`10m`, `30s`, `1h`, ISO `PT10M`; a bare number is milliseconds). Applies to every cache of the Redis cache manager.',
    default: 'unset: entries never expire (`0` also means never expire).',
    prevents: 'Without it, database changes are never seen and keys without a TTL pile up; on a `volatile-*` Redis they can never be evicted, so it fills until writes fail (CW001, CW007).',
  },
  'spring.cache.redis.cache-null-values': {
    meaning: 'Whether a `null` result is cached (negative caching, with the same time-to-live).',
    default: 'true.',
    prevents: 'Caching nulls keeps lookups of missing ids from reaching the database every time; `false` lets a flood of unknown ids through.',
  },
  'spring.cache.redis.key-prefix': {
    meaning: 'A prefix written before every key (e.g. `catalog:v2:`).',
    default: 'unset: the cache name and `::` (`products::42`).',
    prevents: 'A versioned prefix lets a deploy with a new value format start on fresh keys instead of reading old ones; a shared Redis needs it to keep apps apart.',
  },
  'spring.cache.redis.use-key-prefix': {
    meaning: 'Whether keys get the prefix (`key-prefix`, or the cache name).',
    default: 'true.',
    prevents: 'With `false`, two caches that share a key (`42`) overwrite each other\'s entries.',
  },
  'spring.cache.redis.enable-statistics': {
    meaning: 'Whether the Redis cache manager records hits, misses, puts and deletes (exported by Actuator).',
    default: 'false.',
    prevents: 'Without statistics a falling hit ratio goes unnoticed until the database is overloaded.',
  },
  'spring.cache.caffeine.spec': {
    meaning: 'The Caffeine specification every cache is built with: `maximumSize=10000,expireAfterWrite=10m` (also `maximumWeight`, `expireAfterAccess`, `refreshAfterWrite`, `initialCapacity`, `recordStats`, `weakKeys`, `weakValues`, `softValues`).',
    default: 'unset: unbounded and never expiring.',
    prevents: 'Without `maximumSize` the cache grows until the JVM runs out of heap (CW008); without `expireAfterWrite` database changes are never seen (CW001).',
  },
  'spring.data.redis.host': {
    meaning: 'The Redis server the app connects to. Cache Warden links the caches to the Redis declared under this name (its first DNS label: `redis.cache.svc.cluster.local` → `redis`).',
    default: '`localhost`.',
    prevents: 'Linking the app to its Redis lets Cache Warden check the two together: caches that never expire on a `volatile-*` Redis (CW007).',
  },
  'spring.data.redis.port': { meaning: 'The Redis server\'s port.', default: '6379.', prevents: 'A wrong port fails every cache call; with a fallback the reads then all reach the database.' },
  'spring.data.redis.url': {
    meaning: 'The Redis connection as a url (`redis://user:password@host:6379/0`, `rediss://` for TLS); overrides host, port and password.',
    default: 'unset.',
    prevents: 'Cache Warden links the caches to the Redis named by the url\'s host (first DNS label).',
  },
  'spring.data.redis.timeout': {
    meaning: 'How long a Redis command may take before it fails (read timeout).',
    default: 'unset: the client\'s default (60s for Lettuce).',
    prevents: 'A short timeout (e.g. `500ms`) keeps a slow Redis from holding every request thread; without it a stalled Redis stalls the app.',
  },
  'spring.data.redis.connect-timeout': {
    meaning: 'How long connecting to Redis may take.',
    default: 'unset: the client\'s default (10s for Lettuce).',
    prevents: 'A short connect timeout lets the app fall back quickly when Redis is down instead of queueing requests.',
  },
  'spring.data.redis.database': { meaning: 'The Redis database index.', default: '0.', prevents: 'Keeps apps sharing one Redis from reading each other\'s keys (a key prefix does that too).' },
  'spring.data.redis.client-type': { meaning: 'The Redis client: `lettuce` or `jedis`.', default: 'lettuce.', prevents: 'Pool settings apply to the chosen client only.' },
  'spring.data.redis.lettuce.pool.enabled': { meaning: 'Whether Lettuce uses a connection pool (needs commons-pool2).', default: 'true when commons-pool2 is present.', prevents: 'Without a pool, blocking commands and transactions share one connection.' },
  'spring.data.redis.lettuce.pool.max-active': { meaning: 'The most connections the pool opens.', default: '8.', prevents: 'Too few: requests wait for a connection under load; too many: Redis runs out of client slots.' },
  'spring.data.redis.lettuce.pool.max-idle': { meaning: 'The most idle connections kept.', default: '8.', prevents: 'Connections closed and reopened at every burst.' },
  'spring.data.redis.lettuce.pool.min-idle': { meaning: 'Idle connections kept open at least.', default: '0.', prevents: 'Connection set-up on the first requests after a quiet period.' },
  'spring.data.redis.lettuce.pool.max-wait': { meaning: 'How long a request waits for a free connection.', default: '-1 (forever).', prevents: 'Forever means a saturated pool hangs request threads; a bound (e.g. `200ms`) fails fast.' },
  'spring.data.redis.lettuce.pool.time-between-eviction-runs': { meaning: 'How often idle connections are checked and closed.', default: 'unset (no eviction runs).', prevents: 'Stale connections after a network change or a Redis failover.' },
  'spring.data.redis.cluster.nodes': { meaning: 'The Redis Cluster nodes (`host:port` list). Cache Warden links the caches to the first node\'s host.', default: 'unset.', prevents: 'Linking the caches to their Redis (CW007 across files).' },
  'spring.data.redis.sentinel.master': { meaning: 'The Sentinel master name.', default: 'unset.', prevents: 'Failover to a replica when the master is down.' },
  'spring.datasource.url': {
    meaning: 'The JDBC url of the app\'s database. Cache Warden takes its host\'s first DNS label (`jdbc:postgresql://catalog-db:5432/catalog` → `catalog-db`) as the data source the caches front.',
    default: 'unset (an embedded database when one is on the classpath).',
    prevents: 'Naming the database in findings: what a cache outage sends its reads to.',
  },
  'spring.application.name': { meaning: 'The application\'s name. Cache Warden uses it as the service that runs these caches.', default: 'unset: Cache Warden uses the module folder (the folder above src/main/resources).', prevents: 'Findings and the diagram name the right service.' },
  'spring.config.activate.on-profile': { meaning: 'This document applies only when the profile is active (e.g. `prod`). Cache Warden checks each profile document as its own configuration: the base document with this one\'s settings on top.', default: 'unset: the document always applies.', prevents: 'A setting meant for production that is only in a dev document (or the reverse).' },
  'spring.profiles': { meaning: 'Spring Boot 2 form of `spring.config.activate.on-profile`: this document applies only when the profile is active.', default: 'unset.', prevents: 'See `spring.config.activate.on-profile` (the Boot 2 key is deprecated since 2.4).' },
  'spring.profiles.active': { meaning: 'The profiles activated by default.', default: 'unset (`default`).', prevents: 'Cache Warden does not follow it: each profile document is checked on its own.' },
};

/** Spring Boot 2 names: `spring.redis.*` became `spring.data.redis.*` in Boot 3. */
const BOOT2_PREFIX = 'spring.redis.';
const BOOT3_PREFIX = 'spring.data.redis.';

/** The hover of a canonical key, undefined when Cache Warden does not read it. */
export function springKeyDoc(key: string): string | undefined {
  const plain = key.replace(/\[\d+\]$/, '');
  const boot3 = plain.startsWith(BOOT2_PREFIX) ? BOOT3_PREFIX + plain.slice(BOOT2_PREFIX.length) : plain;
  const doc = SPRING_KEY_DOCS[boot3];
  if (!doc) return undefined;
  const note = boot3 !== plain ? `\n\n(Spring Boot 2 name; Boot 3 reads \`${boot3}\`.)` : '';
  return `**${plain}** — ${doc.meaning}\n\n**Default:** ${doc.default}\n\n**Prevents:** ${doc.prevents}${note}`;
}

/** Every key Cache Warden reads (Boot 3 names and their Boot 2 `spring.redis.*` forms). */
export const SPRING_KEYS: readonly string[] = [
  ...Object.keys(SPRING_KEY_DOCS),
  ...Object.keys(SPRING_KEY_DOCS).filter((k) => k.startsWith(BOOT3_PREFIX)).map((k) => BOOT2_PREFIX + k.slice(BOOT3_PREFIX.length)),
];

/** Environment-variable forms of the known keys: dashes removed (Spring's form) or turned into `_` (the legacy form Spring also reads). */
const ENV_FORMS: ReadonlyMap<string, string> = (() => {
  const map = new Map<string, string>();
  for (const key of SPRING_KEYS) {
    map.set(key.replace(/-/g, '').replace(/\./g, '_').toUpperCase(), key);
    map.set(key.replace(/[.-]/g, '_').toUpperCase(), key);
  }
  return map;
})();

/**
 * A property name in Spring's canonical form (relaxed binding): `spring.cache.redis.timeToLive`,
 * `spring.cache.redis.time_to_live`, `SPRING_CACHE_REDIS_TIME_TO_LIVE` and
 * `SPRING_CACHE_REDIS_TIMETOLIVE` all → `spring.cache.redis.time-to-live`. Environment forms of
 * keys Cache Warden knows map to the right kebab key; other environment names map `_` to `.`.
 * List indexes stay: `spring.cache.cacheNames[0]`, `SPRING_CACHE_CACHENAMES_0` →
 * `spring.cache.cache-names[0]`. Undefined when it is not a `spring.*` key.
 */
export function canonicalSpringKey(raw: string): string | undefined {
  const key = raw.trim();
  if (key === '') return undefined;
  if (!key.includes('.') && /^[A-Za-z0-9_]+$/.test(key)) {
    const upper = key.toUpperCase().replace(/_+$/, '');
    if (!upper.startsWith('SPRING_')) return undefined;
    const known = ENV_FORMS.get(upper);
    if (known) return known;
    const indexed = /^(.*)_(\d+)$/.exec(upper);
    if (indexed && ENV_FORMS.has(indexed[1])) return `${ENV_FORMS.get(indexed[1])}[${Number(indexed[2])}]`;
    return upper.toLowerCase().split('_').filter((s) => s !== '').join('.');
  }
  const segments: string[] = [];
  for (const part of key.split('.')) {
    const m = /^([^[\]]*)((?:\[[^\]]*\])*)$/.exec(part);
    const name = m ? m[1] : part;
    const index = m ? m[2] : '';
    const kebab = name
      .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
      .replace(/_/g, '-')
      .toLowerCase();
    segments.push(kebab + index);
  }
  if (segments[0] !== 'spring') return undefined;
  return segments.join('.');
}

/** A Boot 2 `spring.redis.x` key as its Boot 3 `spring.data.redis.x` form (others unchanged). */
export function boot3Key(key: string): string {
  return key.startsWith(BOOT2_PREFIX) ? BOOT3_PREFIX + key.slice(BOOT2_PREFIX.length) : key;
}

// ---------------------------------------------------------------------------------------------
// Values

/**
 * A Spring Boot duration (`10m`, `30s`, `500ms`, ISO `PT10M`, a bare number = milliseconds) in
 * the model's syntax; undefined when Spring could not read it either.
 */
export function springDuration(value: string): string | undefined {
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) === 0 ? '0s' : `${Number(text)}ms`;
  const m = /^(\d+)(ns|us|ms|s|m|h|d)$/i.exec(text);
  if (m) {
    const n = Number(m[1]);
    const unit = m[2].toLowerCase();
    if (unit === 'ns' || unit === 'us') {
      const ms = Math.floor(unit === 'ns' ? n / 1e6 : n / 1e3);
      return ms === 0 ? (n === 0 ? '0s' : '1ms') : `${ms}ms`;
    }
    return n === 0 ? '0s' : `${n}${unit}`;
  }
  if (/^[+-]?P/i.test(text)) return text.startsWith('-') ? undefined : isoDuration(text.replace(/^\+/, ''));
  return undefined;
}

/**
 * Spring's `${NAME:default}` placeholders resolved: the environment's value where it gives one,
 * else the default (`''` when there is none). `spring.data.redis.host=${REDIS_HOST:localhost}` is
 * `localhost`, or `redis` where a container's environment sets `REDIS_HOST=redis`.
 */
export function resolvePlaceholders(value: string, environment?: ReadonlyMap<string, string>): string {
  // Innermost first, as Spring nests them (`${REDIS_HOST:${CACHE_HOST:localhost}}`); a bounded number of rounds.
  let text = value;
  for (let round = 0; round < 16 && text.includes('${'); round++) {
    const next = text.replace(/\$\{([^${}:]+)(?::([^${}]*))?\}/g, (_whole, name: string, fallback?: string) => environment?.get(name.trim()) ?? fallback ?? '');
    if (next === text) break;
    text = next;
  }
  return text;
}

/** The names of the variables a value's placeholders read (`${REDIS_HOST:localhost}` → REDIS_HOST). */
export function placeholderNames(value: string): string[] {
  return [...value.matchAll(/\$\{([^${}:]+)/g)].map((m) => m[1].trim());
}

/** The first DNS label of a host (an IP address stays whole): `redis.cache.svc.cluster.local` → `redis`. */
export function firstLabel(host: string): string {
  const h = host.trim().replace(/^\[|\]$/g, '');
  if (/^\d+(\.\d+){3}$/.test(h) || h.includes(':')) return h;
  return h.split('.')[0];
}

/** Host of a `redis://user:pw@host:port/db` url (also `rediss://`). */
export function redisUrlHost(url: string): { host: string; offset: number } | undefined {
  const m = /^rediss?:\/\/(?:[^@/]*@)?(\[[^\]]+\]|[^:/?#]+)/i.exec(url.trim());
  if (!m) return undefined;
  const lead = url.length - url.trimStart().length;
  return { host: m[1], offset: lead + m[0].length - m[1].length };
}

/**
 * The data source a JDBC url names: the host's first DNS label
 * (`jdbc:postgresql://catalog-db:5432/catalog` → `catalog-db`, `jdbc:oracle:thin:@db1:1521:orcl`
 * → `db1`), or for embedded databases the database name (`jdbc:h2:mem:testdb` → `testdb`).
 */
export function jdbcSource(url: string): { name: string; offset: number; length: number } | undefined {
  const text = url.trim();
  const lead = url.length - url.trimStart().length;
  const host = /^jdbc:[a-z0-9]+(?::[a-z0-9]+)*:\/\/(?:[^@/]*@)?(\[[^\]]+\]|[^:/;?,]+)/i.exec(text)
    ?? /^jdbc:oracle:[a-z]+:(?:[^@]*)@(?:\/\/)?([^:/;?]+)/i.exec(text);
  if (host) {
    const name = firstLabel(host[1]);
    return { name, offset: lead + host[0].length - host[1].length, length: name.length };
  }
  const embedded = /^jdbc:(?:h2|hsqldb|derby):(?:mem:|file:|memory:)?([A-Za-z0-9_./-]+)/i.exec(text);
  if (embedded) {
    const base = embedded[1].split('/').pop() ?? embedded[1];
    const at = lead + embedded[0].length - base.length;
    return { name: base, offset: at, length: base.length };
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// The app

export interface SpringAppInput {
  builder: LayerBuilder;
  service: string;
  /** The app's effective settings; a key written twice counts as its last occurrence. */
  properties: readonly SpringProperty[];
  /** Where the app is declared (shown when no better place is written: the env list, the document). */
  declared: Span;
  /** Hovers of the recognised keys are added here. */
  settings: SettingSite[];
  /**
   * Key spans of mappings written as such (YAML `cache:` under `spring:` → `spring.cache`), so a
   * missing time-to-live is shown at `redis:`. Optional: the leaf keys stand in otherwise.
   */
  sections?: ReadonlyMap<string, Span>;
  /**
   * How much the caches matter where these settings apply. Spring has no such setting: the
   * adapter passes `hot` for the base configuration and production profiles (CW002 then reports
   * `spring.cache.type: none` there) and `cold` for dev/test/local profiles.
   */
  criticality?: 'hot' | 'warm' | 'cold';
  /**
   * Where missing settings may be shown: the properties of the document being checked (a profile
   * document's findings stay in that document even though it inherits the base's settings).
   * Default: every property.
   */
  anchors?: readonly SpringProperty[];
  /** Problems of values Spring itself would refuse at start-up (a CaffeineSpec that does not parse). */
  problems?: { message: string; span: Span }[];
}

export interface SpringApp {
  type: SpringCacheType;
  /** The cache indexes under /spec/caches. */
  caches: number[];
  /** The key a missing time-to-live or Caffeine option is shown at (and that a fix edits). */
  ttlAnchor?: Span;
  rules: ReadonlySet<string>;
  terms: Readonly<Record<string, string>>;
}

const REDIS_HINTS = ['spring.cache.redis.'];
const CONNECTION_KEYS = ['host', 'url', 'cluster.nodes'].map((k) => BOOT3_PREFIX + k);

/**
 * Adds the app's caches (and, for caffeine/simple, its in-process backend) to the builder.
 * Returns what was added, or undefined when the settings configure no cache (no `spring.cache.*`
 * key, or a cache type Cache Warden does not model: jcache, hazelcast, …).
 */
export function addSpringApp(input: SpringAppInput): SpringApp | undefined {
  const { builder, service, settings } = input;
  const props = new Map<string, SpringProperty>();
  for (const p of input.properties) {
    const key = boot3Key(p.key);
    props.delete(key);
    props.set(key, { ...p, key });
  }
  for (const p of input.properties) {
    if (p.inherited) continue;
    const doc = springKeyDoc(p.key);
    if (doc) settings.push({ span: p.keySpan, markdown: doc });
  }
  const cacheKeys = [...props.keys()].filter((k) => k.startsWith('spring.cache.'));
  if (cacheKeys.length === 0) return undefined;
  const located = (p: SpringProperty | undefined): p is SpringProperty => p !== undefined && !p.inherited;
  const at = (p: SpringProperty): NodeLocation => ({ key: p.keySpan, value: p.valueSpan });

  const typeProp = props.get('spring.cache.type');
  const spec = props.get('spring.cache.caffeine.spec');
  let type: string | undefined = typeProp?.value.trim().toLowerCase();
  if (!type) {
    if (spec) type = 'caffeine';
    else if (cacheKeys.some((k) => REDIS_HINTS.some((h) => k.startsWith(h))) || CONNECTION_KEYS.some((k) => props.has(k))) type = 'redis';
    else return undefined;
  }
  if (type !== 'redis' && type !== 'caffeine' && type !== 'simple' && type !== 'none') return undefined;

  // Where things are shown when nothing more precise is written.
  const section = (name: string): Span | undefined => {
    const own = input.sections?.get(name);
    if (own) return own;
    const leaf = (input.anchors ?? [...props.values()]).find((p) => located(p) && boot3Key(p.key).startsWith(`${name}.`));
    return leaf?.keySpan;
  };
  const typeAt = located(typeProp) ? typeProp : undefined;
  const cacheAnchor: Span = section('spring.cache') ?? input.declared;

  // Cache names: `a,b` or a list (`cache-names[0]`); none → one cache named after the service.
  const names: { name: string; span?: Span }[] = [];
  const indexed = [...props.values()].filter((p) => /^spring\.cache\.cache-names\[\d+\]$/.test(p.key))
    .sort((a, b) => Number(/\[(\d+)\]$/.exec(a.key)![1]) - Number(/\[(\d+)\]$/.exec(b.key)![1]));
  const listed = props.get('spring.cache.cache-names');
  const sources = indexed.length ? indexed : listed ? [listed] : [];
  for (const p of sources) {
    for (const part of partsOf(p.value, ',')) {
      if (part.text === '') continue;
      names.push({ name: part.text, ...(located(p) ? { span: innerSpan(p, part.start, part.start + part.text.length) } : {}) });
    }
  }
  const namesSeen = new Set<string>();
  const unique = names.filter((n) => !namesSeen.has(n.name) && namesSeen.add(n.name));
  if (unique.length === 0) unique.push({ name: service });

  // What the caches front.
  const datasource = props.get('spring.datasource.url') ?? props.get('spring.r2dbc.url');
  const source = datasource ? jdbcSource(datasource.value.replace(/^r2dbc:/i, 'jdbc:')) : undefined;

  const rules = rulesForType(type);
  const terms = termsForType(type);
  const app: SpringApp = { type, caches: [], rules, terms };

  // The backend.
  let backendName: string | undefined;
  let backendAt: Span | undefined;
  let backendIndex: number | undefined;
  if (type === 'redis') {
    const url = props.get(BOOT3_PREFIX + 'url');
    const host = props.get(BOOT3_PREFIX + 'host');
    const nodes = props.get(BOOT3_PREFIX + 'cluster.nodes') ?? props.get(BOOT3_PREFIX + 'cluster.nodes[0]');
    // A value with placeholders is placed as a whole: its resolved text is not in the file.
    const resolved = (p: SpringProperty | undefined) => (p ? resolvePlaceholders(p.value) : '');
    const fromUrl = url ? redisUrlHost(resolved(url)) : undefined;
    if (url && fromUrl) {
      backendName = firstLabel(fromUrl.host);
      if (located(url)) backendAt = resolved(url) === url.value ? innerSpan(url, fromUrl.offset, fromUrl.offset + fromUrl.host.length) : url.valueSpan;
    } else if (host && resolved(host).trim()) {
      backendName = firstLabel(resolved(host));
      if (located(host)) backendAt = host.valueSpan;
    } else if (nodes) {
      const first = partsOf(resolved(nodes), ',')[0];
      const hostPart = first ? first.text.replace(/:\d+$/, '') : '';
      if (hostPart) {
        backendName = firstLabel(hostPart);
        if (located(nodes)) backendAt = resolved(nodes) === nodes.value ? innerSpan(nodes, first.start, first.start + hostPart.length) : nodes.valueSpan;
      }
    }
    backendName ??= 'localhost';
  } else if (type === 'caffeine' || type === 'simple') {
    backendIndex = builder.nextIndex('backends');
    backendName = `${service}-${type}`;
    const bp = `/spec/backends/${backendIndex}`;
    const declaredAt = type === 'caffeine' && located(spec) ? spec.keySpan : typeAt?.keySpan ?? cacheAnchor;
    builder.locate(bp, declaredAt);
    builder.set(`${bp}/name`, backendName, declaredAt);
    builder.set(`${bp}/type`, 'in-process');
    builder.set(`${bp}/role`, 'cache');
  }

  // Settings every cache shares.
  const ttlProp = props.get('spring.cache.redis.time-to-live');
  let ttl: { value: string; at?: NodeLocation } | undefined;
  let stale: { value: string; at?: NodeLocation } | undefined;
  let capacity: { field: 'maxEntries' | 'maxMemory'; value: number | string; at?: NodeLocation } | undefined;
  let ttlAnchor: NodeLocation | undefined;
  let capacityAnchor: NodeLocation | undefined;
  if (type === 'redis') {
    // An empty value binds to null in Spring: the same as unset.
    if (ttlProp && ttlProp.value.trim() !== '') {
      const d = springDuration(ttlProp.value);
      if (d === undefined) {
        if (located(ttlProp)) input.problems?.push({ message: `\`spring.cache.redis.time-to-live\` is \`${ttlProp.value}\`, which Spring cannot read as a duration (write \`10m\`, \`30s\`, \`1h\`, \`PT10M\`, or a number of milliseconds); the application fails to start`, span: ttlProp.valueSpan });
      } else {
        // Spring Data Redis treats a zero time-to-live as "never expire".
        ttl = { value: d === '0s' ? 'never' : d, ...(located(ttlProp) ? { at: at(ttlProp) } : {}) };
      }
    }
    const anchor = section('spring.cache.redis') ?? cacheAnchor;
    ttlAnchor = { key: anchor, value: anchor };
  } else if (type === 'caffeine') {
    const specAt: NodeLocation | undefined = located(spec) ? { key: spec.keySpan, value: spec.valueSpan } : typeAt ? at(typeAt) : undefined;
    ttlAnchor = specAt ? { key: specAt.value, value: specAt.value } : { key: cacheAnchor, value: cacheAnchor };
    capacityAnchor = ttlAnchor;
    if (spec) {
      const parsed = parseCaffeineSpec(spec.value, offsetsOf(spec), spec.valueSpan);
      if (located(spec)) {
        for (const problem of parsed.problems) input.problems?.push({ message: `\`spring.cache.caffeine.spec\` does not parse: ${problem.message}; the application fails to start`, span: problem.span });
        if (offsetsOf(spec)) for (const option of parsed.options) {
          const doc = CAFFEINE_OPTION_DOCS[option.name];
          if (doc) settings.push({ span: option.nameSpan, markdown: doc });
        }
      }
      const option = (name: string) => parsed.options.find((o) => o.name === name && o.value !== undefined);
      const optionAt = (o: { nameSpan: Span; valueSpan?: Span }): NodeLocation | undefined => (located(spec) ? { key: o.nameSpan, value: o.valueSpan ?? o.nameSpan } : undefined);
      const expire = option('expireAfterWrite') ?? option('expireAfterAccess');
      const d = expire ? caffeineDuration(expire.value!) : undefined;
      if (expire && d !== undefined) {
        const where = optionAt(expire);
        ttl = { value: d === '0s' ? '0s' : d, ...(where ? { at: where } : {}) };
      }
      const refresh = option('refreshAfterWrite');
      const r = refresh ? caffeineDuration(refresh.value!) : undefined;
      if (refresh && r !== undefined && r !== '0s') {
        const where = optionAt(refresh);
        stale = { value: r, ...(where ? { at: where } : {}) };
      }
      const size = option('maximumSize');
      const weight = option('maximumWeight');
      if (size && /^\d+$/.test(size.value!)) {
        const where = optionAt(size);
        capacity = { field: 'maxEntries', value: Number(size.value), ...(where ? { at: where } : {}) };
      } else if (weight && /^\d+$/.test(weight.value!)) {
        // The model has no "weight": a weigher usually weighs bytes, so it stands as a memory bound.
        const where = optionAt(weight);
        capacity = { field: 'maxMemory', value: `${Number(weight.value)}B`, ...(where ? { at: where } : {}) };
      }
    }
  } else if (type === 'simple') {
    const where: NodeLocation = typeAt ? { key: typeAt.valueSpan, value: typeAt.valueSpan } : { key: cacheAnchor, value: cacheAnchor };
    ttlAnchor = where;
    capacityAnchor = where;
  }
  const cacheNull = props.get('spring.cache.redis.cache-null-values');

  for (const { name, span } of unique) {
    const index = builder.nextIndex('caches');
    const cp = `/spec/caches/${index}`;
    app.caches.push(index);
    const nameAt = span ?? (typeAt?.keySpan ?? cacheAnchor);
    builder.locate(cp, nameAt);
    builder.set(`${cp}/name`, name, span ? { key: span, value: span } : { value: nameAt });
    if (backendName) builder.set(`${cp}/backend`, backendName, backendAt ? { value: backendAt } : undefined);
    if (input.criticality) builder.set(`${cp}/criticality`, input.criticality);
    if (type === 'none') {
      builder.set(`${cp}/enabled`, false, typeAt ? at(typeAt) : { value: cacheAnchor });
    }
    if (source && datasource) {
      builder.set(`${cp}/fronts/kind`, 'sql');
      builder.set(`${cp}/fronts/name`, source.name, located(datasource) ? { value: innerSpan(datasource, source.offset, source.offset + source.length) } : undefined);
    }
    if (type === 'none') continue;
    if (ttl) {
      builder.set(`${cp}/ttl/value`, ttl.value, ttl.at);
      if (ttl.at) builder.locate(`${cp}/ttl`, { key: ttl.at.key ?? ttl.at.value, value: ttl.at.value });
    } else if (ttlAnchor) {
      builder.locate(`${cp}/ttl`, ttlAnchor);
    }
    if (stale) builder.set(`${cp}/stale/whileRevalidate`, stale.value, stale.at);
    if (capacity) {
      builder.set(`${cp}/capacity/${capacity.field}`, capacity.value, capacity.at);
      if (capacity.at) builder.locate(`${cp}/capacity`, { key: capacity.at.key ?? capacity.at.value, value: capacity.at.value });
    } else if (capacityAnchor) {
      builder.locate(`${cp}/capacity`, capacityAnchor);
    }
    if (type === 'redis') {
      const enabled = cacheNull ? !/^false$/i.test(cacheNull.value.trim()) : true;
      builder.set(`${cp}/negative/enabled`, enabled, located(cacheNull) ? at(cacheNull) : undefined);
    }
  }
  if (ttlAnchor) app.ttlAnchor = ttlAnchor.value;
  return app;
}

/** Comma-separated parts with their offsets in `value` (blanks around each part trimmed). */
export function partsOf(value: string, separator: string): { text: string; start: number }[] {
  const out: { text: string; start: number }[] = [];
  let start = 0;
  while (start <= value.length) {
    let end = value.indexOf(separator, start);
    if (end === -1) end = value.length;
    let a = start;
    let b = end;
    while (a < b && /\s/.test(value[a])) a++;
    while (b > a && /\s/.test(value[b - 1])) b--;
    out.push({ text: value.slice(a, b), start: a });
    start = end + separator.length;
  }
  return out;
}

/** Where each character of the property's value is written, when that can be told. */
export function offsetsOf(p: SpringProperty): readonly number[] | undefined {
  if (p.offsets && p.offsets.length === p.value.length + 1) return p.offsets;
  if (p.valueSpan.end - p.valueSpan.start !== p.value.length) return undefined;
  return Array.from({ length: p.value.length + 1 }, (_, i) => p.valueSpan.start + i);
}

/** The span of value[from, to) in the file, or the whole value's span when it cannot be told. */
export function innerSpan(p: SpringProperty, from: number, to: number): Span {
  const offsets = offsetsOf(p);
  if (!offsets || to <= from) return p.valueSpan;
  return { start: offsets[from], end: offsets[to - 1] + 1 };
}
