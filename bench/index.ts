// `npm run bench`: runs every benchmark (or those named on the command line), prints each section
// and rewrites its section of docs/BENCHMARKS.md. Add a benchmark: one file exporting a
// `Benchmark`, listed in BENCHMARKS below.
import { join, resolve } from 'node:path';
import { fromLog, table, writeSection, type Benchmark } from './harness';
import { runCatalogBench } from './catalogIndex';
import { checkCliBenchmark } from './checkCli';
import { runDiagramRenderBench } from './diagramRender';
import { engineBenchmark } from './engine.bench';
import { formatsBenchmark } from './formats.bench';
import { memoryBenchmark } from './memory.bench';
import { parseBenchmark } from './parse.bench';
import { protocolBenchmark } from './protocol.bench';
import { startupBenchmark } from './startup.bench';

const BENCHMARKS: Benchmark[] = [
  parseBenchmark,
  engineBenchmark,
  protocolBenchmark,
  memoryBenchmark,
  fromLog('catalog', 'Workspace catalog index (2,000 docs + 500 cache configs)', runCatalogBench),
  startupBenchmark,
  checkCliBenchmark,
  formatsBenchmark,
  fromLog('diagram', 'Diagram rendering', runDiagramRenderBench),
];

async function main(): Promise<void> {
  const outDir = __dirname;
  const root = resolve(outDir, '..', '..');
  const only = process.argv.slice(2);
  const selected = only.length ? BENCHMARKS.filter((b) => only.includes(b.id)) : BENCHMARKS;
  if (!selected.length) throw new Error(`no benchmark named ${only.join(', ')}; known: ${BENCHMARKS.map((b) => b.id).join(', ')}`);
  const durations: string[][] = [];
  for (const benchmark of selected) {
    const started = Date.now();
    const section = await benchmark.run({ root, outDir });
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    process.stdout.write(`\n## ${section.title}\n\n${section.markdown}\n\n(${seconds} s)\n`);
    writeSection(root, section, only.length ? `npm run bench -- ${only.join(' ')}` : 'npm run bench');
    durations.push([benchmark.id, section.title, seconds]);
  }
  process.stdout.write(`\n${table(['id', 'section', 'run time s'], durations)}\n\nWritten to ${join(root, 'docs', 'BENCHMARKS.md')}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exitCode = 1;
});
