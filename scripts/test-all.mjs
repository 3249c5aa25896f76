// `npm test`: everything a change has to pass, in order —
//   system packages → build → type check + compile tests → unit tests (node:test) →
//   integration tests in real VS Code (code-server) → browser e2e tests.
// Ends with a summary and one final line `N passed, N failed` summed over all parts. Exits
// non-zero if any part failed or if a part that should have tests ran none.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { filesWithoutTests, findTests, nodeTestCounts, pruneStaleOutput, repoRoot } from './lib/test-files.mjs';

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

/**
 * A test part: fails when its command fails, when its counts cannot be read, when it ran no tests,
 * or (node:test parts, given their `testFiles`) when a test file declares no test.
 */
async function testPart(name, command, args, readCounts, testFiles = []) {
  heading(name);
  const partStarted = Date.now();
  const { code, output } = await run(command, args);
  const counts = readCounts(output);
  const empty = testFiles.length ? filesWithoutTests(output, testFiles) : [];
  let detail;
  let ok = code === 0 && counts !== undefined && counts.failed === 0 && counts.passed > 0 && empty.length === 0;
  if (counts === undefined) detail = `failed (exit ${code}, no test summary)`;
  else if (counts.passed + counts.failed === 0) { ok = false; detail = 'ran no tests'; }
  else if (empty.length && counts.failed === 0 && code === 0) detail = `${empty.length} test file(s) declare no test`;
  else detail = `${counts.passed} passed, ${counts.failed} failed${code !== 0 && counts.failed === 0 ? ` (exit ${code})` : ''}`;
  if (empty.length) console.log(`\ntest files that declare no test (node:test counts each as a pass):\n${empty.map((file) => `  ${file}`).join('\n')}`);
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
    console.log('no unit tests found in out/test/unit (compiled from test/unit/**/*.test.ts)');
    parts.push({ name: 'unit tests', ok: false, detail: 'ran no tests (none found)', passed: 0, failed: 1, seconds: 0 });
  } else {
    const files = unitTests.map((file) => path.relative(repoRoot, file));
    await testPart('unit tests', node, ['--test', '--test-timeout=120000', '--test-reporter=spec', ...files], nodeTestCounts, files);
  }

  if (interrupted) return finish();
  await testPart('integration tests (VS Code in code-server)', node, ['out/test/runner/runInCodeServer.js'], summaryLineCounts);
  if (interrupted) return finish();

  const e2eTests = findTests(path.join(repoRoot, 'out', 'test', 'e2e'));
  if (e2eTests.length === 0) {
    heading('browser e2e tests');
    console.log('no browser e2e tests found in out/test/e2e (compiled from test/e2e/**/*.test.ts)');
    parts.push({ name: 'browser e2e tests', ok: false, detail: 'ran no tests (none found)', passed: 0, failed: 1, seconds: 0 });
  } else {
    const files = e2eTests.map((file) => path.relative(repoRoot, file));
    await testPart('browser e2e tests', node, ['--test', '--test-timeout=300000', '--test-concurrency=1', '--test-reporter=spec', ...files], nodeTestCounts, files);
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
