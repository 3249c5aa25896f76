// memcached's options as compose/Kubernetes write them: `-m 64`, `-m64`, `--memory-limit=64`, `-M`
// / `--disable-evictions`, each at its exact place, with hovers; and the backend they make.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SettingSite } from '../../../src/core/formats/adapter';
import type { CommandWord } from '../../../src/core/formats/containerCommand';
import { LayerBuilder } from '../../../src/core/formats/layerBuilder';
import { addMemcachedBackend, memcachedBytes, memcachedOptions } from '../../../src/core/formats/memcachedArgs';
import { shown, workspace } from './containerFormatsKit';

/** Words of a one-line string starting at offset 0 (each word's span is where it is in `line`). */
function words(line: string): CommandWord[] {
  const out: CommandWord[] = [];
  for (const m of line.matchAll(/\S+/g)) out.push({ text: m[0], span: { start: m.index, end: m.index + m[0].length }, site: { kind: 'text' } });
  return out;
}

test('memcached: -m in its three spellings, -M and --disable-evictions, bundled flags ignored', () => {
  const settings: SettingSite[] = [];
  const a = memcachedOptions(words('-m 1024 -M -vv -c 4096'), settings);
  assert.equal(a.memory?.bytes, 1024 * 1024 ** 2);
  assert.deepEqual(a.memory?.value.span, { start: 3, end: 7 });
  assert.deepEqual(a.disableEvictions?.span, { start: 8, end: 10 });
  assert.deepEqual(settings.map((s) => `${s.span.start}-${s.span.end} ${s.markdown.slice(0, 22)}`), [
    '0-2 **-m, --memory-limit**',
    '8-10 **-M, --disable-evicti',
    '15-17 **-c, --conn-limit** —',
  ]);
  const b = memcachedOptions(words('-m64 --disable-evictions'), []);
  assert.equal(b.memory?.bytes, 64 * 1024 ** 2);
  assert.equal(b.memory?.attached, true);
  assert.equal(b.disableEvictions?.text, '--disable-evictions');
  const hovers: SettingSite[] = [];
  const c = memcachedOptions(words('--memory-limit=2g -I 5m'), hovers);
  assert.equal(c.memory?.bytes, 2 * 1024 ** 3);
  assert.equal(c.disableEvictions, undefined);
  // The hover of `--memory-limit=2g` covers the option's name only.
  assert.deepEqual(hovers.map((s) => [s.span.start, s.span.end]), [[0, 14], [18, 20]]);
  assert.equal(memcachedBytes('64'), 64 * 1024 ** 2);
  assert.equal(memcachedBytes('512k'), 512 * 1024);
  assert.equal(memcachedBytes('lots'), undefined);
});

test('memcached: the backend — 64 MB and LRU eviction when unset, -M is noeviction', () => {
  const builder = new LayerBuilder();
  addMemcachedBackend({ builder, name: 'mc', aliases: ['memcached'], declared: { start: 0, end: 2 }, options: memcachedOptions([], []) });
  addMemcachedBackend({ builder, name: 'mc2', declared: { start: 0, end: 2 }, options: memcachedOptions(words('-M'), []), containerLimit: { bytes: 128 * 1024 ** 2, span: { start: 0, end: 1 } } });
  assert.deepEqual((builder.value.spec as { backends: unknown[] }).backends, [
    { name: 'mc', type: 'memcached', role: 'cache', aliases: ['memcached'], maxMemory: '64Mi', eviction: 'allkeys-lru' },
    { name: 'mc2', type: 'memcached', role: 'cache', maxMemory: '64Mi', eviction: 'noeviction', containerMemoryLimit: '128Mi' },
  ]);
});

test('memcached: CW008 — -m at 75% of the limit passes, above it the fix rewrites -m in megabytes', async () => {
  const ws = await workspace({
    'docker-compose.yml': `services:
  ok:
    image: memcached:1.6
    command: ["memcached", "-m", "768"]
    mem_limit: 1g
  big:
    image: memcached:1.6
    command: ["memcached", "-m", "1000"]
    mem_limit: 1g
`,
  });
  assert.deepEqual(shown(ws, 'docker-compose.yml'), [
    'CW008 8:34-8:40 `-m (--memory-limit)` 1000Mi is 97.66% of `mem_limit` 1Gi: replication buffers, fragmentation and forks need the rest, so the container is OOM-killed before eviction starts. Keep it at or below 768Mi (75%).',
  ]);
  const { afterFix } = await import('./containerFormatsKit');
  const fixed = afterFix(ws, 'docker-compose.yml', 'CW008');
  assert.equal(fixed.title, 'Set `-m 768`');
  assert.equal(fixed.text.split('\n')[7], '    command: ["memcached", "-m", "768"]');
});
