// The standing hostile corpus: repositories built to crash, stall, fool or leak through
// `cache-warden check`. Each case lays its files out in an empty folder and names the command line
// to run there. hostileInputs.test.ts asserts the outcome of every case; the "hostile inputs"
// section of docs/BENCHMARKS.md measures them (bench/hostile.bench.ts).
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface HostileCase {
  name: string;
  /** What it attacks, for the benchmark table. */
  attack: string;
  /** Writes the case's files into `dir`; returns false when the platform cannot build it. */
  build(dir: string): boolean;
  args: string[];
  /** The exit code `check` must return. */
  exit: number;
}

/** A config with one cache and no problem at all; `params`, `template`, `ttl`, a first line and extra lines are spliced in. */
export function cacheConfig(options: { params?: string; template?: string; extra?: string; ttl?: string; header?: string } = {}): string {
  return [
    ...(options.header !== undefined ? [options.header] : []),
    'apiVersion: cache-warden/v1',
    'kind: CacheLayer',
    'metadata:',
    '  service: svc',
    '  owner: team',
    '  docs: docs/svc.md',
    'spec:',
    '  backends:',
    '    - name: r',
    '      type: redis',
    '      role: cache',
    '      maxMemory: 1Gi',
    '      eviction: allkeys-lru',
    '  caches:',
    '    - name: c',
    '      backend: r',
    '      fronts:',
    '        kind: sql',
    '        name: db',
    `        params: ${options.params ?? '[a]'}`,
    '      key:',
    `        template: ${options.template ?? '"c:{a}"'}`,
    `      ttl: ${options.ttl ?? '{ value: 10m }'}`,
    '      stampede: { mode: coalesce }',
    ...(options.extra !== undefined ? [options.extra] : []),
    '',
  ].join('\n');
}

function write(dir: string, relative: string, content: string | Buffer): string {
  const file = path.join(dir, relative);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
  return file;
}

function link(dir: string, relative: string, target: string): boolean {
  if (process.platform === 'win32' || !fs.existsSync(target)) return false;
  const file = path.join(dir, relative);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.symlinkSync(target, file);
  return true;
}

function manyParams(count: number): string {
  return `[${Array.from({ length: count }, (_, i) => `a${i}`).join(', ')}]`;
}

export const HOSTILE_CASES: HostileCase[] = [
  {
    name: 'cw005-20k-params',
    attack: 'crash: 20,000 parameters missing from a key of 10,000 unknown placeholders (each message repeated the list or the template)',
    build: (dir) => !!write(dir, 'big.cache.yaml', cacheConfig({ params: manyParams(20_000), template: `"${Array.from({ length: 10_000 }, (_, i) => `{b${i}}`).join('')}"` })),
    args: ['check', 'big.cache.yaml'],
    exit: 1,
  },
  {
    name: 'cw005-long-template',
    attack: 'crash: 2,000 unknown placeholders in a 40 KB template',
    build: (dir) => !!write(dir, 'tpl.cache.yaml', cacheConfig({ params: '[a]', template: `"${Array.from({ length: 2000 }, (_, i) => `{p${i}}`).join(':')}:{a}"` })),
    args: ['check', 'tpl.cache.yaml'],
    exit: 1,
  },
  {
    name: 'unknown-keys-75k',
    attack: 'stall: 75,000 unknown keys ("did you mean" on each)',
    build: (dir) => !!write(dir, 'keys.cache.yaml', cacheConfig({ extra: Array.from({ length: 75_000 }, (_, i) => `      unknownSetting${i}: 1`).join('\n') })),
    args: ['check', 'keys.cache.yaml'],
    exit: 1,
  },
  {
    name: 'unknown-keys-75k-long',
    attack: 'stall: 75,000 unknown 50-character keys ("did you mean" on each), 4.5 MB',
    build: (dir) => !!write(dir, 'long.cache.yaml', cacheConfig({ extra: Array.from({ length: 75_000 }, (_, i) => `      ${'setting_'.repeat(5)}${String(i).padStart(10, '0')}: 1`).join('\n') })),
    args: ['check', 'long.cache.yaml'],
    exit: 1,
  },
  {
    name: 'config-symlink-dev-zero',
    attack: 'crash: a config that is a symlink to /dev/zero',
    build: (dir) => link(dir, 'zero.cache.yaml', '/dev/zero'),
    args: ['check', 'zero.cache.yaml'],
    exit: 1,
  },
  {
    name: 'doc-symlink-dev-zero',
    attack: 'crash: a doc that is a symlink to /dev/zero',
    build: (dir) => !!write(dir, 'svc.cache.yaml', cacheConfig()) && link(dir, 'docs/svc.md', '/dev/zero'),
    args: ['check', 'svc.cache.yaml', 'docs/svc.md'],
    exit: 1,
  },
  {
    name: 'modeline-dev-zero',
    attack: 'crash: a `$schema` modeline pointing at /dev/zero',
    build: (dir) => !!write(dir, 'm.cache.yaml', cacheConfig({ header: '# cache-warden: $schema=/dev/zero' })),
    args: ['check', 'm.cache.yaml'],
    exit: 1,
  },
  {
    name: 'modeline-dev-stdin',
    attack: 'stall: a `$schema` modeline pointing at /dev/stdin',
    build: (dir) => !!write(dir, 's.cache.yaml', cacheConfig({ header: '# cache-warden: $schema=/dev/stdin' })),
    args: ['check', 's.cache.yaml'],
    exit: 1,
  },
  {
    name: 'schema-symlink-dev-zero',
    attack: 'crash: a schema file that is a symlink to /dev/zero, named by a modeline',
    build: (dir) => !!write(dir, 'l.cache.yaml', cacheConfig({ header: '# cache-warden: $schema=./schemas/s.json' })) && link(dir, 'schemas/s.json', '/dev/zero'),
    args: ['check', 'l.cache.yaml'],
    exit: 1,
  },
  {
    name: 'project-schemas-dev-zero',
    attack: 'crash: a `schemas` entry of .cachewarden.yaml naming /dev/zero',
    build: (dir) => !!write(dir, '.cachewarden.yaml', 'schemas:\n  /dev/zero: "*.cache.yaml"\n') && !!write(dir, 'p.cache.yaml', cacheConfig()),
    args: ['check', 'p.cache.yaml'],
    exit: 1,
  },
  {
    name: 'config-fifo',
    attack: 'stall: a config that is a FIFO',
    build: (dir) => {
      if (process.platform === 'win32') return false;
      try {
        execFileSync('mkfifo', [path.join(dir, 'fifo.cache.yaml')]);
        return true;
      } catch {
        return false;
      }
    },
    args: ['check', 'fifo.cache.yaml'],
    exit: 1,
  },
  {
    name: 'padded-past-5mb',
    attack: 'slip past: a broken config padded past 5 MB with comments, --max-warnings 0',
    build: (dir) => !!write(dir, 'pad.cache.yaml', cacheConfig({ ttl: '{ value: soon }' }) + '# padding padding padding padding padding padding padding padding\n'.repeat(90_000)),
    args: ['check', '--max-warnings', '0', 'pad.cache.yaml'],
    exit: 1,
  },
  {
    name: 'cr-only-line-ends',
    attack: 'slip past: CR-only line ends on a file that starts with a comment',
    build: (dir) => !!write(dir, 'cr.cache.yaml', cacheConfig({ header: '# a comment first', ttl: '{ value: soon }' }).replace(/\n/g, '\r')),
    args: ['check', 'cr.cache.yaml'],
    exit: 1,
  },
  {
    name: 'utf16le-bom',
    attack: 'slip past: UTF-16 (little endian) with a BOM',
    build: (dir) => !!write(dir, 'u16.cache.yaml', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(cacheConfig({ ttl: '{ value: soon }' }), 'utf16le')])),
    args: ['check', 'u16.cache.yaml'],
    exit: 1,
  },
  {
    name: 'utf16be-bom',
    attack: 'slip past: UTF-16 (big endian) with a BOM',
    build: (dir) => !!write(dir, 'u16be.cache.yaml', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(cacheConfig({ ttl: '{ value: soon }' }), 'utf16le').swap16()])),
    args: ['check', 'u16be.cache.yaml'],
    exit: 1,
  },
  {
    name: 'nul-byte',
    attack: 'slip past: a NUL byte in a config',
    build: (dir) => !!write(dir, 'nul.cache.yaml', cacheConfig().replace('owner: team', 'owner: te\u0000am')),
    args: ['check', 'nul.cache.yaml'],
    exit: 1,
  },
  {
    name: 'binary-file',
    attack: 'slip past: a binary file named like a config',
    build: (dir) => !!write(dir, 'bin.cache.yaml', Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256))),
    args: ['check', 'bin.cache.yaml'],
    exit: 1,
  },
  {
    name: 'config-symlink-etc-passwd',
    attack: 'leak: a config that is a symlink to /etc/passwd (JSON output)',
    build: (dir) => link(dir, 'passwd.cache.yaml', '/etc/passwd'),
    args: ['check', '--format', 'json', 'passwd.cache.yaml'],
    exit: 1,
  },
  {
    name: 'config-symlink-proc-environ',
    attack: 'leak: a config that is a symlink to /proc/self/environ (SARIF output)',
    build: (dir) => link(dir, 'environ.cache.yaml', '/proc/self/environ'),
    args: ['check', '--format', 'sarif', 'environ.cache.yaml'],
    exit: 1,
  },
  {
    name: 'redos-pattern-modeline',
    attack: 'stall: a modeline naming a schema whose `pattern` `^(a+)+$` backtracks exponentially on 40 `a`s and a `!` (and a `patternProperties` key likewise)',
    build: (dir) => !!write(dir, 'schemas/redos.json', JSON.stringify({ type: 'object', properties: { name: { type: 'string', pattern: '^(a+)+$' } }, patternProperties: { '^(b+)+$': { type: 'number' } } }))
      && !!write(dir, 'r.cache.yaml', `# cache-warden: $schema=./schemas/redos.json\nname: ${'a'.repeat(40)}!\n${'b'.repeat(40)}!: 1\n`),
    args: ['check', 'r.cache.yaml'],
    exit: 1,
  },
  {
    name: 'terminal-escapes',
    attack: 'terminal: escape bytes in file content and in the file name',
    build: (dir) => process.platform !== 'win32' && !!write(dir, 'esc\u001b[2J.cache.yaml', cacheConfig({ params: '[a, "b\u001b]0;pwned\u0007"]' })),
    args: ['check', '.'],
    exit: 1,
  },
];
