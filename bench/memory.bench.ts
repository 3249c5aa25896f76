// Memory: heap for the 6,000-line file (ours and yaml-language-server), and no growth across
// 1,000 edits of one document. Each engine runs in its own child process with --expose-gc.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { writeCacheConfig } from './cacheConfig';
import { table, type Benchmark } from './harness';

interface Ours {
  base: number;
  afterFirst: number;
  retained: number;
  after100: number;
  after1000: number;
  diagnostics: number;
  maxRssMiB: number;
}
interface Peer {
  base: number;
  afterFirst: number;
  retained: number;
  maxRssMiB: number;
}

function child<T>(outDir: string, mode: string, file: string): T {
  const out = execFileSync(process.execPath, ['--expose-gc', join(outDir, 'memoryChild.js'), mode, file], { encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').pop() as string) as T;
}

const mib = (n: number) => n.toFixed(1);

export const memoryBenchmark: Benchmark = {
  id: 'memory',
  async run(context) {
    const file = writeCacheConfig(join(context.root, 'bench'), 6000);
    const ours = child<Ours>(context.outDir, 'ours', file);
    const peer = child<Peer>(context.outDir, 'yls', file);
    const growth = ours.after1000 - ours.after100;
    const rows = [
      ['heap before (engine loaded, GC settled)', mib(ours.base), mib(peer.base)],
      ['heap right after the first validation (≈ peak, before GC)', mib(ours.afterFirst), mib(peer.afterFirst)],
      ['heap retained with the analysis alive (after GC)', mib(ours.retained), mib(peer.retained)],
      ['process max RSS (ours: after the 1,000 edits below too)', mib(ours.maxRssMiB), mib(peer.maxRssMiB)],
    ];
    const markdown = [
      table(['MiB', 'Cache Warden', 'yaml-language-server'], rows),
      '',
      table(['1,000 edits of the same document (ours, latest analysis kept, GC settled)', 'MiB'], [
        ['heap after 100 edits', mib(ours.after100)],
        ['heap after 1,000 edits', mib(ours.after1000)],
        ['**growth from edit 100 to edit 1,000**', `**${growth >= 0 ? '+' : ''}${mib(growth)}**`],
      ]),
    ].join('\n');
    return { id: 'memory', title: 'Memory (6,000-line cache config)', markdown };
  },
};
