// redis.conf: the Redis server's own config file. One backend per file, named after the file
// (`sessions-redis.conf` → sessions-redis) or, for a plain `redis.conf`, its folder.
import * as path from 'node:path';
import type { TextEdit } from '../types';
import type { AdaptedFile, AdapterInput, FormatAdapter, SettingSite } from './adapter';
import { LayerBuilder } from './layerBuilder';
import { addRedisBackend, parseRedisConf, REDIS_VOCABULARY } from './redisDirectives';
import { completeDirectives } from './directiveCompletion';

export const REDIS_RULES: ReadonlySet<string> = new Set(['CW007', 'CW008']);

/** How the rules' field names read in a Redis config. */
export const REDIS_TERMS: Readonly<Record<string, string>> = {
  eviction: 'maxmemory-policy',
  maxMemory: 'maxmemory',
  containerMemoryLimit: 'container memory limit',
};

export const redisConfAdapter: FormatAdapter = {
  id: 'redis-conf',
  title: 'Redis server config',
  paths: ['redis.conf', '*redis*.conf', '**/redis/**/*.conf'],
  yaml: false,
  complete: (text, offset) => completeDirectives(text, offset, REDIS_VOCABULARY),
  read(input: AdapterInput): AdaptedFile {
    const directives = parseRedisConf(input.text);
    const builder = new LayerBuilder();
    const settings: SettingSite[] = [];
    const first = directives[0]?.name.span ?? { start: 0, end: 0 };
    addRedisBackend({ builder, name: redisNameOf(input.relativePath), declared: first, directives, settings });
    const doc = builder.build(0, { start: 0, end: input.text.length });
    return {
      format: 'redis-conf',
      layers: [{
        doc,
        rules: REDIS_RULES,
        terms: REDIS_TERMS,
        termSeparator: ' ',
        editFor: (pointer, value) => confLineEdit(input, doc.locations, pointer, value),
      }],
      diagnostics: [],
      settings,
    };
  },
};

/** `sessions-redis.conf` → sessions-redis; `cache/redis.conf` → cache; `redis.conf` → redis. */
export function redisNameOf(relativePath: string): string {
  const base = path.posix.basename(relativePath).replace(/\.conf$/i, '');
  if (base.toLowerCase() !== 'redis') return base;
  const folder = path.posix.basename(path.posix.dirname(relativePath));
  return folder && folder !== '.' && !/^(conf|config|etc)$/i.test(folder) ? folder : base;
}

const DIRECTIVE_OF: Readonly<Record<string, string>> = { eviction: 'maxmemory-policy', maxMemory: 'maxmemory' };

/**
 * The edit that sets a backend field in conf-style text (redis.conf lines): the written value is
 * replaced, or a `directive value` line is added after the last directive.
 */
export function confLineEdit(
  input: Pick<AdapterInput, 'text' | 'lines'>,
  locations: ReadonlyMap<string, { key?: { start: number; end: number }; value: { start: number; end: number } }>,
  pointer: string,
  value: unknown,
  indent = '',
  insertAt?: number,
): TextEdit[] | undefined {
  const field = pointer.slice(pointer.lastIndexOf('/') + 1);
  const directive = DIRECTIVE_OF[field];
  if (!directive || typeof value !== 'string') return undefined;
  const written = locations.get(pointer);
  const newValue = field === 'maxMemory' ? value.replace(/i$/, 'b').toLowerCase() : value;
  if (written?.key) return [{ range: input.lines.rangeOf(written.value), newText: newValue }];
  const at = insertAt ?? input.text.length;
  const before = input.text.slice(0, at);
  const newline = before === '' || before.endsWith('\n') ? '' : '\n';
  const position = input.lines.positionAt(at);
  return [{ range: { start: position, end: position }, newText: `${newline}${indent}${directive} ${newValue}\n` }];
}
