import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT, runCli } from './cliTestKit';

/** Read from package.json here, not through the CLI's own PACKAGE_VERSION, so a wrong constant fails. */
const VERSION: string = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')).version;

test('--help prints the commands and options; exit 0', async () => {
  const { code, stdout, stderr } = await runCli(['--help'], process.cwd());
  assert.equal(code, 0);
  assert.equal(stderr, '');
  assert.match(stdout, /^cache-warden \d+\.\d+\.\d+: /);
  assert.match(stdout, /\n {2}check \[paths or globs\.\.\.\] {3}Check cache configs/);
  assert.match(stdout, /\n {2}graph {23}Print the dependency graph/);
  assert.match(stdout, /-v, --version/);
});

test('check --help lists its options and exit codes', async () => {
  const { code, stdout } = await runCli(['check', '--help'], process.cwd());
  assert.equal(code, 0);
  for (const option of ['--format <format>', '--max-warnings <n>', '--schema <file>', '--schema-dir <folder>', '--config <file>', '--docs-base-url <url>', '--output <file>']) {
    assert.ok(stdout.includes(option), option);
  }
  assert.match(stdout, /Exit codes: 0 no errors/);
  assert.equal((await runCli(['help', 'check'], process.cwd())).stdout, stdout);
});

test('--version prints the package version', async () => {
  assert.match(VERSION, /^\d+\.\d+\.\d+/);
  assert.deepEqual(await runCli(['--version'], process.cwd()), { code: 0, stdout: `${VERSION}\n`, stderr: '' });
  assert.equal((await runCli(['-v'], process.cwd())).stdout, `${VERSION}\n`);
});

test('unknown commands, unknown options and no command: message and usage on stderr, exit 2', async () => {
  for (const [argv, message] of [
    [['lint'], "cache-warden: unknown command 'lint'\n"],
    [['--fix'], "cache-warden: unknown option '--fix'\n"],
    [[], 'cache-warden: no command given\n'],
  ] as const) {
    const { code, stdout, stderr } = await runCli([...argv], process.cwd());
    assert.equal(code, 2);
    assert.equal(stdout, '');
    assert.ok(stderr.startsWith(`${message}\n`), stderr);
    assert.match(stderr, /\nUsage: cache-warden <command> \[options\]\n/);
  }
});

test('a wrong check option: message and the check usage on stderr, exit 2', async () => {
  const { code, stderr } = await runCli(['check', '--format', 'xml'], process.cwd());
  assert.equal(code, 2);
  assert.ok(stderr.startsWith('cache-warden: unknown format "xml"; use human, json or sarif\n\nUsage: cache-warden check'), stderr);
});
