// The "hostile inputs" section of docs/BENCHMARKS.md: every case of the standing hostile corpus
// (test/unit/robustness/hostileCorpus.ts) run through the built CLI in its own process, with wall
// time, peak memory (max RSS, from /usr/bin/time or the child's own resource usage) and exit code.
//   node scripts/build.mjs && npx tsc -p tsconfig.test.json && node out/bench/hostile.bench.js [case…]
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { HOSTILE_CASES } from '../test/unit/robustness/hostileCorpus';

const ROOT = path.resolve(__dirname, '..', '..');
const CLI = process.env.CW_CLI ?? path.join(ROOT, 'bin', 'cache-warden.js');
const TIMEOUT_MS = Number(process.env.HOSTILE_TIMEOUT_MS ?? 60_000);

function main(): void {
  const only = process.argv.slice(2);
  const rows: string[] = ['| Case | Attack | Time | Peak memory | Exit code |', '| --- | --- | ---: | ---: | ---: |'];
  for (const hostile of HOSTILE_CASES) {
    if (only.length && !only.includes(hostile.name)) continue;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cw-hostile-'));
    try {
      if (!hostile.build(dir)) {
        rows.push(`| ${hostile.name} | ${hostile.attack} | skipped | | |`);
        continue;
      }
      const rssFile = path.join(dir, '..', `${path.basename(dir)}.rss`);
      const started = process.hrtime.bigint();
      // `timeout` kills the CLI itself (killing /usr/bin/time would leave it running, e.g. on a FIFO).
      const run = spawnSync('/usr/bin/time', ['-f', '%M', '-o', rssFile, 'timeout', '-s', 'KILL', String(TIMEOUT_MS / 1000), process.execPath, CLI, ...hostile.args], {
        cwd: dir, stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 64 * 1024 * 1024,
      });
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const rss = fs.existsSync(rssFile) ? Number(fs.readFileSync(rssFile, 'utf8').trim().split('\n').pop()) : NaN;
      fs.rmSync(rssFile, { force: true });
      const exit = run.status === 137 ? `killed after ${TIMEOUT_MS / 1000} s` : run.status === null ? `signal ${run.signal}` : String(run.status);
      const memory = Number.isFinite(rss) ? `${(rss / 1024).toFixed(0)} MB` : '—';
      rows.push(`| ${hostile.name} | ${hostile.attack} | ${(ms / 1000).toFixed(2)} s | ${memory} | ${exit}${run.status !== hostile.exit ? ` (expected ${hostile.exit})` : ''} |`);
      process.stderr.write(`${rows[rows.length - 1]}\n`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  process.stdout.write(`${rows.join('\n')}\n`);
}

main();
