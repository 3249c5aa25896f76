// memcached's command-line options (`memcached -m 64 -M -I 1m -c 1024`), as a compose `command:`
// or a Kubernetes container's `args` write them, mapped onto a cache layer backend of type
// memcached. memcached has no config file: these options are all there is.
import { formatSize, parseSize } from '../rules/durations';
import type { LineIndex } from '../document/lineIndex';
import type { Span, TextEdit } from '../types';
import type { SettingSite } from './adapter';
import { replaceWordEdit, removeWordEdit, type CommandWord } from './containerCommand';
import type { LayerBuilder } from './layerBuilder';

/** The model's words for memcached's options, in messages (`eviction: noeviction` is what `-M` means). */
export const MEMCACHED_TERMS: Readonly<Record<string, string>> = {
  'eviction: noeviction': '-M (--disable-evictions)',
  eviction: 'eviction',
  maxMemory: '-m (--memory-limit)',
  containerMemoryLimit: 'container memory limit',
};

/** memcached's evicting and memory options: the only rules its options can say anything about. */
export const MEMCACHED_RULES: ReadonlySet<string> = new Set(['CW007', 'CW008']);

const DEFAULT_MEGABYTES = 64;

/** Long option names and their short letters. */
const LONG: Readonly<Record<string, string>> = {
  'memory-limit': 'm', 'disable-evictions': 'M', 'max-item-size': 'I', 'conn-limit': 'c', threads: 't', port: 'p', 'listen': 'l',
};

/** Options that take a value. */
const WITH_VALUE = new Set(['m', 'I', 'c', 't', 'p', 'l', 'U', 'u', 'f', 'n', 'R', 'b', 'o', 'a', 's', 'P', 'e', 'D']);

export const MEMCACHED_OPTION_DOCS: Readonly<Record<string, string>> = {
  m: '**-m, --memory-limit** — memory for items, in megabytes (`-m 1024`; recent versions also take `-m 1g`).\n\nDefault: `64` MB. Too small for the working set and memcached evicts entries before they are read again (most reads miss); larger than ~75% of the container limit and the container is OOM-killed (connections, threads and slab overhead need the rest).',
  M: '**-M, --disable-evictions** — when memory is full, return an error to `set` instead of evicting the least recently used items.\n\nDefault: off (memcached evicts). With `-M` a full cache stops accepting writes: new entries are never cached and every read of them reaches the database — the same failure as Redis `noeviction`.',
  I: '**-I, --max-item-size** — the largest item memcached stores (`1m`, `512k`).\n\nDefault: `1m`. A larger value is refused on `set`, so it is never cached and every read of it reaches the database.',
  c: '**-c, --conn-limit** — the most simultaneous client connections.\n\nDefault: `1024`. When the application\'s pools exceed it, new connections fail and reads fall through to the database.',
  t: '**-t, --threads** — worker threads.\n\nDefault: `4`.',
};

export interface MemcachedOptions {
  /** `-m` and its value word (undefined when memcached's 64 MB default applies). */
  memory?: { flag: CommandWord; value: CommandWord; bytes: number | undefined; attached: boolean };
  /** `-M` / `--disable-evictions`. */
  disableEvictions?: CommandWord;
  /** The option words, in order (for removing `-M`). */
  words: CommandWord[];
}

/** memcached's options among its arguments (each word with its span), hovers added to `settings`. */
export function memcachedOptions(args: readonly CommandWord[], settings: SettingSite[]): MemcachedOptions {
  const out: MemcachedOptions = { words: [...args] };
  for (let i = 0; i < args.length; i++) {
    const word = args[i];
    let letter: string | undefined;
    let inline: string | undefined;
    let nameLength = word.text.length;
    const long = /^--([a-z-]+)(?:=(.*))?$/.exec(word.text);
    if (long) {
      letter = LONG[long[1]];
      inline = long[2];
      nameLength = 2 + long[1].length;
    } else if (/^-[A-Za-z]/.test(word.text)) {
      letter = word.text[1];
      if (word.text.length > 2 && WITH_VALUE.has(letter)) {
        inline = word.text.slice(2);
        nameLength = 2;
      } else if (word.text.length > 2) {
        continue; // bundled flags (`-vv`): nothing a rule reads
      }
    }
    if (!letter) continue;
    const doc = MEMCACHED_OPTION_DOCS[letter];
    const nameSpan: Span = word.site?.kind === 'text' ? { start: word.span.start, end: word.span.start + nameLength } : word.span;
    if (doc) settings.push({ span: nameSpan, markdown: doc });
    let value: CommandWord | undefined;
    if (inline === undefined && WITH_VALUE.has(letter) && i + 1 < args.length) value = args[++i];
    if (letter === 'M') out.disableEvictions = word;
    if (letter === 'm') {
      const written = inline ?? value?.text;
      out.memory = { flag: word, value: value ?? word, bytes: written === undefined ? undefined : memcachedBytes(written), attached: inline !== undefined };
    }
  }
  return out;
}

/** `-m` values: megabytes, or with a unit (`1g`, `512m`, `1024k`). */
export function memcachedBytes(value: string): number | undefined {
  const match = /^(\d+)([kmgt]?)$/i.exec(value.trim());
  if (!match) return undefined;
  const unit = match[2].toLowerCase();
  const scale = unit === '' || unit === 'm' ? 1024 ** 2 : unit === 'k' ? 1024 : unit === 'g' ? 1024 ** 3 : 1024 ** 4;
  return Number(match[1]) * scale;
}

export interface MemcachedBackendInput {
  builder: LayerBuilder;
  name: string;
  aliases?: string[];
  declared: Span;
  options: MemcachedOptions;
  containerLimit?: { bytes: number; span: Span };
}

/**
 * Adds the memcached these options configure (role cache). Without `-m` its 64 MB default is the
 * size; without `-M` it evicts least recently used items of any key (`allkeys-lru` in the model).
 */
export function addMemcachedBackend(input: MemcachedBackendInput): number {
  const { builder, options } = input;
  const index = builder.nextIndex('backends');
  const pointer = `/spec/backends/${index}`;
  builder.locate(pointer, input.declared);
  builder.set(`${pointer}/name`, input.name, input.declared);
  builder.set(`${pointer}/type`, 'memcached');
  builder.set(`${pointer}/role`, 'cache');
  if (input.aliases?.length) builder.set(`${pointer}/aliases`, input.aliases);
  if (options.memory?.bytes) builder.set(`${pointer}/maxMemory`, formatSize(options.memory.bytes), { key: options.memory.flag.span, value: options.memory.value.span });
  else if (options.memory) builder.locate(`${pointer}/maxMemory`, { key: options.memory.flag.span, value: options.memory.value.span });
  else builder.set(`${pointer}/maxMemory`, formatSize(DEFAULT_MEGABYTES * 1024 ** 2));
  if (options.disableEvictions) builder.set(`${pointer}/eviction`, 'noeviction', options.disableEvictions.span);
  else builder.set(`${pointer}/eviction`, 'allkeys-lru');
  if (input.containerLimit) builder.set(`${pointer}/containerMemoryLimit`, formatSize(input.containerLimit.bytes), input.containerLimit.span);
  return index;
}

/**
 * The edit behind a fix on a memcached backend: `eviction: allkeys-lru` removes `-M`; a
 * `maxMemory` rewrites `-m`'s value in whole megabytes. Undefined when it cannot be said exactly.
 */
export function memcachedEdit(text: string, lines: LineIndex, options: MemcachedOptions, field: string, value: unknown): TextEdit[] | undefined {
  if (field === 'eviction' && value === 'allkeys-lru' && options.disableEvictions) {
    const edit = removeWordEdit(text, lines, options.words, options.disableEvictions);
    return edit ? [edit] : undefined;
  }
  if (field === 'maxMemory' && typeof value === 'string' && options.memory && !options.memory.attached) {
    const bytes = parseSize(value);
    const megabytes = bytes === undefined ? undefined : bytes / 1024 ** 2;
    if (megabytes === undefined || !Number.isInteger(megabytes) || megabytes < 1) return undefined;
    const edit = replaceWordEdit(lines, options.memory.value, String(megabytes));
    return edit ? [edit] : undefined;
  }
  return undefined;
}
