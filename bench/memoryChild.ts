// Child process entry (run with --expose-gc): heap for one 6,000-line file, and heap across
// 1,000 edits of the same document, keeping only the latest analysis as the extension does.
// Usage: node --expose-gc out/bench/memoryChild.js ours|yls <file>. Prints JSON.
import { readFileSync } from 'node:fs';
import { analyzeFile, type FileAnalysis } from '../src/core/analyze';
import { SchemaRegistry } from '../src/core/schema/schemaRegistry';
import { BENCH_FILE_PATH, YamlLanguageServerEngine } from './peers';

const gc = (globalThis as { gc?: () => void }).gc;

function heapMiB(): number {
  return process.memoryUsage().heapUsed / 2 ** 20;
}

function settledHeapMiB(): number {
  gc?.();
  gc?.();
  return heapMiB();
}

async function main(): Promise<void> {
  if (!gc) throw new Error('run with --expose-gc');
  const [mode, file] = process.argv.slice(2);
  const text = readFileSync(file, 'utf8');
  if (mode === 'yls') {
    const peer = new YamlLanguageServerEngine();
    const base = settledHeapMiB();
    await peer.validate(text);
    const after = heapMiB();
    await peer.validate(text);
    const retained = settledHeapMiB();
    process.stdout.write(JSON.stringify({ base, afterFirst: after, retained, maxRssMiB: process.resourceUsage().maxRSS / 1024 }) + '\n');
    return;
  }
  const registry = new SchemaRegistry();
  const base = settledHeapMiB();
  let last: FileAnalysis | undefined = analyzeFile(text, { filePath: BENCH_FILE_PATH, registry });
  const afterFirst = heapMiB();
  const retained = settledHeapMiB();
  const at: Record<number, number> = {};
  for (let i = 1; i <= 1000; i++) {
    // One value changes per edit, like typing.
    const edited = text.replace('expectedQps: 100', `expectedQps: ${100 + i}`);
    last = analyzeFile(edited, { filePath: BENCH_FILE_PATH, registry, previous: last.parsed });
    if (i === 100 || i === 1000) at[i] = settledHeapMiB();
  }
  process.stdout.write(JSON.stringify({ base, afterFirst, retained, after100: at[100], after1000: at[1000], diagnostics: last.diagnostics.length, maxRssMiB: process.resourceUsage().maxRSS / 1024 }) + '\n');
}

void main();
