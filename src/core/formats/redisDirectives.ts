// Redis server settings, wherever they are written: redis.conf lines (a file, or a YAML block
// scalar in Helm values) and `redis-server --name value` arguments (compose `command:`, Kubernetes
// `args`). Both are read into directives with the span of every word, so findings and hovers land on
// the real text, and both map onto one cache layer backend (Redis's defaults when unset).
import type { Span } from '../types';
import { formatSize } from '../rules/durations';
import type { SettingSite } from './adapter';
import type { LayerBuilder } from './layerBuilder';
import type { DirectiveVocabulary } from './directiveCompletion';

export interface Word {
  text: string;
  span: Span;
}

export interface Directive {
  name: Word;
  args: Word[];
}

/**
 * redis.conf lines in `text`, offsets shifted by `base`. Comments (`#` at the start of a line) and
 * blank lines are skipped; words may be quoted ("…" with backslash escapes, or '…'). `lineStarts`,
 * when given, says where each line's content starts (a block scalar's indentation is not content).
 */
export function parseRedisConf(text: string, base = 0): Directive[] {
  const out: Directive[] = [];
  let lineStart = 0;
  while (lineStart <= text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd === -1) lineEnd = text.length;
    const words = wordsOf(text, lineStart, lineEnd, base);
    if (words.length && !words[0].text.startsWith('#')) out.push({ name: { ...words[0], text: words[0].text.toLowerCase() }, args: words.slice(1) });
    lineStart = lineEnd + 1;
  }
  return out;
}

function wordsOf(text: string, start: number, end: number, base: number): Word[] {
  const words: Word[] = [];
  let i = start;
  while (i < end) {
    const c = text[i];
    if (c === ' ' || c === '\t' || c === '\r') {
      i++;
      continue;
    }
    const from = i;
    let value = '';
    if (c === '"' || c === "'") {
      i++;
      while (i < end && text[i] !== c) {
        if (c === '"' && text[i] === '\\' && i + 1 < end) i++;
        value += text[i++];
      }
      i = Math.min(end, i + 1);
    } else {
      while (i < end && text[i] !== ' ' && text[i] !== '\t' && text[i] !== '\r') value += text[i++];
    }
    words.push({ text: value, span: { start: base + from, end: base + i } });
  }
  return words;
}

/**
 * `--maxmemory 2gb --maxmemory-policy allkeys-lru` (and a config file path, which is skipped) as
 * directives. `args` are the command's words after `redis-server`, each with its span.
 */
export function directivesOfArguments(args: readonly Word[]): Directive[] {
  const out: Directive[] = [];
  for (let i = 0; i < args.length; i++) {
    const word = args[i];
    if (!word.text.startsWith('--')) continue;
    const name: Word = { text: word.text.slice(2).toLowerCase(), span: { start: word.span.start, end: word.span.end } };
    const values: Word[] = [];
    while (i + 1 < args.length && !args[i + 1].text.startsWith('--')) values.push(args[++i]);
    out.push({ name, args: values });
  }
  return out;
}

const UNITS: Record<string, number> = { '': 1, b: 1, k: 1000, kb: 1024, m: 1000 ** 2, mb: 1024 ** 2, g: 1000 ** 3, gb: 1024 ** 3 };

/** Redis memory units: `1gb` = 1024³ bytes, `1g` = 10⁹ (case-insensitive). Undefined when unreadable. */
export function redisBytes(value: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)([a-z]*)$/i.exec(value.trim());
  const unit = match ? UNITS[match[2].toLowerCase()] : undefined;
  return match && unit !== undefined ? Number(match[1]) * unit : undefined;
}

export const EVICTION_POLICIES = ['noeviction', 'allkeys-lru', 'allkeys-lfu', 'allkeys-random', 'volatile-lru', 'volatile-lfu', 'volatile-random', 'volatile-ttl'] as const;

/** What the hover of each recognised directive says: meaning, default, the failure it prevents. */
export const REDIS_DIRECTIVE_DOCS: Readonly<Record<string, string>> = {
  maxmemory: '**maxmemory** — the memory Redis may use for data before it applies `maxmemory-policy`.\n\nDefault: `0`, no limit (on 64-bit builds): Redis grows until the container or host kills it, and it restarts empty — every read then reaches the database. Set it to at most ~75% of the container memory limit (replication buffers, fragmentation and forks need the rest). Units: `1gb` = 1024³ bytes, `1g` = 10⁹.',
  'maxmemory-policy': `**maxmemory-policy** — what Redis does when \`maxmemory\` is reached.\n\nDefault: \`noeviction\`: writes fail instead of dropping entries, so a full cache stops caching. \`volatile-*\` policies evict only keys that have a TTL: keys written without one (Spring's default) pile up until it behaves like noeviction. For a cache, use \`allkeys-lru\` or \`allkeys-lfu\`.\n\nValues: ${EVICTION_POLICIES.map((p) => `\`${p}\``).join(', ')}.`,
  'maxmemory-samples': '**maxmemory-samples** — how many keys Redis samples per eviction (approximate LRU/LFU).\n\nDefault: `5`. Higher is more accurate and costs CPU; it does not change whether eviction happens.',
  'maxmemory-eviction-tenacity': '**maxmemory-eviction-tenacity** — how hard Redis works to evict within one command (0–100).\n\nDefault: `10`. Raise it when write bursts outpace eviction and memory overshoots `maxmemory`.',
  maxclients: '**maxclients** — the most client connections Redis accepts.\n\nDefault: `10000` (less if the file descriptor limit is lower). When the application\'s pools exceed it, new connections fail and reads fall through to the database.',
  timeout: '**timeout** — close a client connection after this many idle seconds.\n\nDefault: `0` (never).',
  'lazyfree-lazy-eviction': '**lazyfree-lazy-eviction** — free evicted values in a background thread.\n\nDefault: `no`. `yes` keeps eviction of large values from blocking the server.',
  'lfu-log-factor': '**lfu-log-factor** — how slowly the LFU counter saturates (with `allkeys-lfu`/`volatile-lfu`).\n\nDefault: `10`.',
  'lfu-decay-time': '**lfu-decay-time** — minutes after which an LFU counter is halved.\n\nDefault: `1`.',
  save: '**save** — RDB snapshot points (`<seconds> <changes>`). Forks for snapshots need memory beyond `maxmemory`; `save ""` turns snapshots off (common for pure caches).',
  appendonly: '**appendonly** — append-only file persistence.\n\nDefault: `no`. A pure cache rarely needs it; with it, a restart reloads the data instead of starting cold.',
};

export interface RedisBackendInput {
  builder: LayerBuilder;
  name: string;
  aliases?: string[];
  /** Where the Redis is declared (the service, the release, the file's first directive). */
  declared: Span;
  directives: readonly Directive[];
  /** The container's memory limit, when the deployment says it. */
  containerLimit?: { bytes: number; span: Span };
  /** Where hovers are collected. */
  settings: SettingSite[];
  /** The eviction to assume when none is written (managed services differ from Redis's `noeviction`). */
  defaultEviction?: string;
}

/**
 * Adds the Redis these directives configure as a backend (role cache) and returns its index. An
 * unwritten `maxmemory-policy` stays unwritten (CW007 reports Redis's noeviction default at the
 * declaration); `maxmemory 0` counts as unset but keeps its place, so CW008 underlines it.
 */
export function addRedisBackend(input: RedisBackendInput): number {
  const { builder } = input;
  const index = builder.nextIndex('backends');
  const pointer = `/spec/backends/${index}`;
  builder.locate(pointer, input.declared);
  builder.set(`${pointer}/name`, input.name, input.declared);
  builder.set(`${pointer}/type`, 'redis');
  builder.set(`${pointer}/role`, 'cache');
  if (input.aliases?.length) builder.set(`${pointer}/aliases`, input.aliases);
  if (input.defaultEviction) builder.set(`${pointer}/eviction`, input.defaultEviction);
  for (const directive of input.directives) {
    const doc = REDIS_DIRECTIVE_DOCS[directive.name.text];
    if (doc) input.settings.push({ span: directive.name.span, markdown: doc });
    const value = directive.args[0];
    if (directive.name.text === 'maxmemory-policy' && value) {
      builder.set(`${pointer}/eviction`, value.text.toLowerCase(), { key: directive.name.span, value: value.span });
    } else if (directive.name.text === 'maxmemory' && value) {
      const bytes = redisBytes(value.text);
      if (bytes) builder.set(`${pointer}/maxMemory`, formatSize(bytes), { key: directive.name.span, value: value.span });
      else builder.locate(`${pointer}/maxMemory`, { key: directive.name.span, value: value.span });
    }
  }
  if (input.containerLimit) builder.set(`${pointer}/containerMemoryLimit`, formatSize(input.containerLimit.bytes), input.containerLimit.span);
  return index;
}

/** What completion offers in Redis settings: the directives above, and the values of those with a fixed set. */
export const REDIS_VOCABULARY: DirectiveVocabulary = {
  directives: REDIS_DIRECTIVE_DOCS,
  values: {
    'maxmemory-policy': EVICTION_POLICIES,
    appendonly: ['yes', 'no'],
    'lazyfree-lazy-eviction': ['yes', 'no'],
  },
};
