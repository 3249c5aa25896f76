// `npm run test:unit` (after `tsc -p tsconfig.test.json`): runs every compiled unit test under
// out/test/unit with node:test. Fails — instead of passing vacuously — when there is no test file
// to run, when the run reports no test, or when a test file declares no test. Compiled files whose
// source is gone are removed first, so a deleted or renamed test never runs from a stale out/.
//   node scripts/run-unit-tests.mjs [node --test options…]   e.g. --test-name-pattern=CW004
import { spawn } from 'node:child_process';
import path from 'node:path';
import { filesWithoutTests, findTests, nodeTestCounts, pruneStaleOutput, repoRoot } from './lib/test-files.mjs';

const UNIT_DIR = path.join(repoRoot, 'out', 'test', 'unit');

function fail(message) {
  console.error(`\ntest:unit: ${message}`);
  process.exit(1);
}

pruneStaleOutput();
const files = findTests(UNIT_DIR).map((file) => path.relative(repoRoot, file));
if (files.length === 0) {
  fail(`ran no tests: no *.test.js files found in ${path.relative(repoRoot, UNIT_DIR)}. Compile them first (tsc -p tsconfig.test.json), and check that test/unit holds *.test.ts files.`);
}

const args = ['--test', '--test-timeout=120000', '--test-reporter=spec', ...process.argv.slice(2), ...files];
const child = spawn(process.execPath, args, { cwd: repoRoot, stdio: ['inherit', 'pipe', 'inherit'] });
let output = '';
child.stdout.on('data', (chunk) => {
  output += chunk;
  process.stdout.write(chunk);
});
// Ctrl+C reaches the child too (same process group); wait for it to stop, then report its status.
process.on('SIGINT', () => {});
child.on('error', (error) => fail(`could not start node --test: ${error.message}`));
child.on('close', (code, signal) => {
  if (code !== 0) process.exit(code ?? (signal === 'SIGINT' ? 130 : 1));
  const counts = nodeTestCounts(output);
  if (!counts) fail('node --test printed no test summary, so nothing shows that the tests ran.');
  if (counts.passed + counts.failed === 0) fail(`ran no tests from ${files.length} test files.`);
  const empty = filesWithoutTests(output, files);
  if (empty.length) fail(`${empty.length} test file(s) declare no test:\n${empty.map((file) => `  ${file}`).join('\n')}`);
  console.log(`\ntest:unit: ${counts.passed} passed, ${counts.failed} failed in ${files.length} test files`);
});
