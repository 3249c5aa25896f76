// Shared pieces of the benchmarks: timing with warmup and medians, markdown tables, and writing
// one section of docs/BENCHMARKS.md without touching the others.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';

export interface BenchSection {
  /** Stable id: the section is replaced between `<!-- bench:id -->` markers. */
  id: string;
  title: string;
  /** Markdown body (tables, notes). */
  markdown: string;
}

export interface Benchmark {
  id: string;
  run(context: BenchContext): Promise<BenchSection>;
}

export interface BenchContext {
  /** Repository root. */
  root: string;
  /** Compiled bench folder (out/bench), for spawning child processes. */
  outDir: string;
}

export interface Timing {
  median: number;
  min: number;
  runs: number;
}

/** Runs `fn` `warmup` times, then `runs` times; milliseconds. */
export async function time(fn: () => unknown | Promise<unknown>, runs: number, warmup = 3): Promise<Timing> {
  for (let i = 0; i < warmup; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = process.hrtime.bigint();
    await fn();
    samples.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  return summarize(samples);
}

/**
 * Times several candidates round-robin (one run of each per round), so that load changes on a
 * shared machine hit all of them alike instead of whichever happened to run at the time.
 */
export function timeInterleaved<K extends string>(candidates: Record<K, () => unknown>, runs: number, warmup = 3): Record<K, Timing> {
  const names = Object.keys(candidates) as K[];
  const samples = new Map<K, number[]>(names.map((n) => [n, []]));
  for (let round = 0; round < warmup + runs; round++) {
    for (const name of names) {
      const started = process.hrtime.bigint();
      candidates[name]();
      const elapsed = Number(process.hrtime.bigint() - started) / 1e6;
      if (round >= warmup) samples.get(name)?.push(elapsed);
    }
  }
  const out = {} as Record<K, Timing>;
  for (const name of names) out[name] = summarize(samples.get(name) ?? []);
  return out;
}

export function summarize(samples: number[]): Timing {
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { median, min: sorted[0], runs: samples.length };
}

export function ms(value: number): string {
  return value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2);
}

export function ratio(ours: number, peer: number): string {
  return peer > 0 ? `${(ours / peer).toFixed(3)}×` : '—';
}

export function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

export function machineFacts(): string {
  const cpu = cpus();
  return `${cpu.length} × ${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM, Node ${process.version}, ${process.platform}/${process.arch}`;
}

/** The machine's load when a benchmark starts (other work on a shared machine skews timings). */
export function loadNote(): string {
  return `Machine load average (1/5/15 min) at start: ${loadavg().map((n) => n.toFixed(1)).join(' / ')} on ${cpus().length} cores.`;
}

const HEADER = `# Benchmarks

Produced by \`npm run bench\` (all sections) or \`npm run bench -- <section id>\` (one section); each
section below is rewritten by its own benchmark and says when and where it ran. Timings are medians
after warmup; ratios compare against a peer measured **in the same run** on the same machine, because
absolute figures on a shared 2-core machine vary by tens of percent from run to run, while ratios
measured side by side hold steady.
`;

/** Replaces (or appends) one section of docs/BENCHMARKS.md. */
export function writeSection(root: string, section: BenchSection, command: string): void {
  const file = join(root, 'docs', 'BENCHMARKS.md');
  const existing = existsSync(file) ? readFileSync(file, 'utf8') : HEADER;
  const begin = `<!-- bench:${section.id} -->`;
  const end = `<!-- /bench:${section.id} -->`;
  const body = [
    begin,
    `## ${section.title}`,
    '',
    `Command: \`${command}\` — ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC — ${machineFacts()}`,
    '',
    section.markdown.trim(),
    end,
  ].join('\n');
  const from = existing.indexOf(begin);
  const to = existing.indexOf(end);
  const next = from !== -1 && to > from ? existing.slice(0, from) + body + existing.slice(to + end.length) : existing.trimEnd() + '\n\n' + body + '\n';
  writeFileSync(file, next);
}

/**
 * A benchmark that reports through log lines (`run(log)`), shown as its section verbatim. For
 * benchmarks written that way; a `Benchmark` that returns tables is nicer to read.
 */
export function fromLog(id: string, title: string, run: (log: (line: string) => void) => unknown): Benchmark {
  return {
    id,
    async run() {
      const lines: string[] = [];
      await run((line) => {
        lines.push(line);
      });
      return { id, title, markdown: ['```', ...lines, '```'].join('\n') };
    },
  };
}
