// `npm test`: everything a change has to pass, in order —
//   system packages → build → type check + compile tests → unit tests (node:test) →
//   integration tests in real VS Code (code-server) → browser e2e tests (if any).
// Ends with a summary and one final line `N passed, N failed` summed over all parts. Exits
// non-zero if any part failed or if a part that should have tests ran none.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const started = Date.now();

/** Runs a command, streaming its output to this terminal while keeping a copy to parse. */
function run(command, args, { env } = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: repoRoot, env: { ...process.env, ...env }, stdio: ['inherit', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => { output += chunk; process.stdout.write(chunk); });
    child.stderr.on('data', (chunk) => { output += chunk; process.stderr.write(chunk); });
    child.on('error', (error) => resolve({ code: 1, output: `${output}\n${error.message}` }));
    child.on('close', (code, signal) => resolve({ code: code ?? (signal === 'SIGINT' ? 130 : 1), output }));
  });
}

function findTests(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true })
    .map((name) => path.join(dir, String(name)))
    .filter((file) => file.endsWith('.test.js'))
    .sort();
}

/**
 * tsc never deletes output, so a renamed or deleted test would keep running from out/. Removes
 * every out/**.js (and its map) whose .ts source is gone. (Not `rm -rf out`: other processes may
 * be using out/ at the same time.)
 */
function pruneStaleOutput() {
  const outDir = path.join(repoRoot, 'out');
  if (!fs.existsSync(outDir)) return;
  for (const name of fs.readdirSync(outDir, { recursive: true })) {
    const file = path.join(outDir, String(name));
    if (!file.endsWith('.js')) continue;
    const source = path.join(repoRoot, path.relative(outDir, file)).replace(/\.js$/, '.ts');
    if (fs.existsSync(source)) continue;
    fs.rmSync(file, { force: true });
    fs.rmSync(`${file}.map`, { force: true });
    console.log(`removed stale ${path.relative(repoRoot, file)} (its source is gone)`);
  }
}

/** Counts from node:test's spec reporter summary (`ℹ pass 12`, `ℹ fail 1`, `ℹ cancelled 0`). */
function nodeTestCounts(output) {
  const count = (label) => {
    const matches = [...output.matchAll(new RegExp(`^ℹ ${label} (\\d+)$`, 'gm'))];
    return matches.length ? Number(matches[matches.length - 1][1]) : undefined;
  };
  const passed = count('pass');
  const failed = count('fail');
  if (passed === undefined || failed === undefined) return undefined;
  return { passed, failed: failed + (count('cancelled') ?? 0) };
}

/** The last `N passed, N failed` line (the integration suite prints one at its end). */
function summaryLineCounts(output) {
  const matches = [...output.matchAll(/^(\d+) passed, (\d+) failed$/gm)];
  if (!matches.length) return undefined;
  const last = matches[matches.length - 1];
  return { passed: Number(last[1]), failed: Number(last[2]) };
}

const parts = [];

// Ctrl+C reaches the running part too (same process group); it stops its own processes (the
// integration runner stops code-server and the browser). Here we only wait for it, then stop.
let interrupted = false;
process.on('SIGINT', () => { interrupted = true; });

function heading(title) {
  console.log(`\n━━ ${title} ${'━'.repeat(Math.max(0, 70 - title.length))}`);
}

/** A step without test counts (deps, build, type check). */
async function step(name, command, args) {
  heading(name);
  const stepStarted = Date.now();
  const { code } = await run(command, args);
  // A failed step counts as one failure in the total, so the last line never reads as a pass.
  parts.push({ name, ok: code === 0, detail: code === 0 ? 'ok' : `failed (exit ${code})`, passed: 0, failed: code === 0 ? 0 : 1, seconds: (Date.now() - stepStarted) / 1000 });
  return code === 0;
}

/** A test part: fails when its command fails, when its counts cannot be read, or when it ran no tests. */
async function testPart(name, command, args, readCounts) {
  heading(name);
  const partStarted = Date.now();
  const { code, output } = await run(command, args);
  const counts = readCounts(output);
  let detail;
  let ok = code === 0 && counts !== undefined && counts.failed === 0 && counts.passed > 0;
  if (counts === undefined) detail = `failed (exit ${code}, no test summary)`;
  else if (counts.passed + counts.failed === 0) { ok = false; detail = 'ran no tests'; }
  else detail = `${counts.passed} passed, ${counts.failed} failed${code !== 0 && counts.failed === 0 ? ` (exit ${code})` : ''}`;
  // A part that failed without counting a failure still counts as one failure in the total.
  const failed = counts ? counts.failed + (ok || counts.failed > 0 ? 0 : 1) : 1;
  parts.push({ name, ok, detail, passed: counts?.passed ?? 0, failed, seconds: (Date.now() - partStarted) / 1000 });
  return ok;
}

async function main() {
  const node = process.execPath;
  if (!(await step('system packages', node, ['scripts/ensure-system-deps.mjs']))) return finish();
  await step('build', node, ['scripts/build.mjs']);
  if (interrupted) return finish();
  await step('type check + compile tests', node, [path.join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.test.json']);
  pruneStaleOutput();
  if (interrupted) return finish();

  const unitTests = findTests(path.join(repoRoot, 'out', 'test', 'unit'));
  if (unitTests.length === 0) {
    heading('unit tests');
    console.log('no unit tests found in out/test/unit');
    parts.push({ name: 'unit tests', ok: false, detail: 'ran no tests (none found)', passed: 0, failed: 1, seconds: 0 });
  } else {
    await testPart('unit tests', node, ['--test', '--test-timeout=120000', '--test-reporter=spec', ...unitTests.map((file) => path.relative(repoRoot, file))], nodeTestCounts);
  }

  if (interrupted) return finish();
  await testPart('integration tests (VS Code in code-server)', node, ['out/test/runner/runInCodeServer.js'], summaryLineCounts);
  if (interrupted) return finish();

  const e2eTests = findTests(path.join(repoRoot, 'out', 'test', 'e2e'));
  if (e2eTests.length > 0) {
    await testPart('browser e2e tests', node, ['--test', '--test-timeout=300000', '--test-concurrency=1', '--test-reporter=spec', ...e2eTests.map((file) => path.relative(repoRoot, file))], nodeTestCounts);
  } else {
    heading('browser e2e tests');
    console.log('no browser e2e tests in test/e2e yet — skipped');
  }
  return finish();
}

function finish() {
  heading('summary');
  if (interrupted) parts.push({ name: 'interrupted (Ctrl+C)', ok: false, detail: 'remaining parts not run', passed: 0, failed: parts.some((part) => !part.ok) ? 0 : 1, seconds: 0 });
  for (const part of parts) {
    console.log(`${part.ok ? '✓' : '✗'} ${part.name.padEnd(45)} ${part.detail.padEnd(36)} ${part.seconds.toFixed(1).padStart(6)} s`);
  }
  const passed = parts.reduce((sum, part) => sum + (part.passed ?? 0), 0);
  const failed = parts.reduce((sum, part) => sum + (part.failed ?? 0), 0);
  const ok = parts.every((part) => part.ok);
  console.log(`\n${ok ? 'ALL PASSED' : 'FAILED'} — wall time ${((Date.now() - started) / 1000).toFixed(1)} s`);
  console.log(`${passed} passed, ${failed} failed`);
  return ok ? 0 : 1;
}

main().then((code) => process.exit(code), (error) => {
  console.error(error);
  process.exit(1);
});
