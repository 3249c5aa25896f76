// Child process entry: one cold first validation (schema compile included) in a fresh process.
// Usage: node out/bench/coldValidation.js ours|yls <file>. Prints {"ms": …, "diagnostics": …}.
import { readFileSync } from 'node:fs';
import { CacheWardenEngine, YamlLanguageServerEngine } from './peers';

async function main(): Promise<void> {
  const [mode, file] = process.argv.slice(2);
  const text = readFileSync(file, 'utf8');
  const started = process.hrtime.bigint();
  let diagnostics: number;
  if (mode === 'ours') diagnostics = new CacheWardenEngine().validate(text);
  else diagnostics = await new YamlLanguageServerEngine().validate(text);
  const elapsed = Number(process.hrtime.bigint() - started) / 1e6;
  process.stdout.write(JSON.stringify({ ms: elapsed, diagnostics }) + '\n');
}

void main();
