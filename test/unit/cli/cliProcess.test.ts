// The CLI as CI runs it: a self-contained esbuild bundle started with plain `node`, from a folder
// with no node_modules anywhere above it (so nothing but Node is available).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { build } from 'esbuild';
import { shouldColor } from '../../../src/cli/terminalStyle';
import { cleanup, copyProject, REPO_ROOT, tempDir, write } from './cliTestKit';

let bundleDir: string;
let bundle: string;
let project: string;
before(async () => {
  bundleDir = tempDir('cw-bundle-');
  bundle = path.join(bundleDir, 'cli.js');
  // The same options as scripts/build.mjs uses for dist/cli.js.
  await build({
    entryPoints: [path.join(REPO_ROOT, 'src', 'cli', 'main.ts')],
    bundle: true, platform: 'node', format: 'cjs', target: 'node20', mainFields: ['module', 'main'], outfile: bundle, logLevel: 'error',
  });
  project = copyProject();
  // The bundle may run as another user below: let everyone read and enter these folders.
  for (const dir of [bundleDir, project]) spawnSync('chmod', ['-R', 'a+rX', dir]);
});
after(() => {
  cleanup(bundleDir);
  cleanup(project);
});

function runBundle(args: string[], cwd: string, options: { uid?: number } = {}) {
  const env = { PATH: process.env.PATH ?? '', NO_COLOR: '1' };
  const result = spawnSync(process.execPath, [bundle, ...args], { cwd, env, encoding: 'utf8', ...(options.uid !== undefined ? { uid: options.uid, gid: options.uid } : {}) });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

// Preloaded into the bundle's process: reports every module it loads that is not part of Node.
const LOAD_HOOK = `const Module = require('node:module');
const load = Module._load;
Module._load = function (request, parent, isMain) {
  if (!isMain && !Module.isBuiltin(request)) process.stderr.write('loaded ' + request + '\\n');
  return load.apply(this, arguments);
};`;

test('the bundle is self-contained: a full check loads no module but Node\'s own (so never vscode)', () => {
  const hook = write(bundleDir, 'load-hook.js', LOAD_HOOK);
  const result = spawnSync(process.execPath, ['--require', hook, bundle, 'check', '--format', 'sarif'], { cwd: project, env: { PATH: process.env.PATH ?? '' }, encoding: 'utf8' });
  assert.equal(result.stderr, '');
  assert.equal(result.status, 1);
  assert.equal(JSON.parse(result.stdout).runs[0].results.length, 5);
  assert.ok(!fs.readFileSync(bundle, 'utf8').includes('require("vscode")'));
  assert.deepEqual(runBundle(['--version'], bundleDir), { code: 0, stdout: `${require(path.join(REPO_ROOT, 'package.json')).version}\n`, stderr: '' });
});

test('node cli.js check: the human report and exit code 1 on the fixture project', () => {
  const { code, stdout, stderr } = runBundle(['check'], project);
  assert.equal(stderr, '');
  assert.equal(code, 1);
  assert.match(stdout, /^flags\/checkout\.yaml\n {2}3:14 {2}error {2}`enabled` must be true or false — got `yes please`\. {2}schema-type\n/);
  assert.match(stdout, /\n✖ 5 problems \(3 errors, 2 warnings\) in 2 of 4 files checked\n$/);
  assert.ok(!stdout.includes('\u001b['), 'no colour when stdout is not a terminal');
});

test('a file the user may not read is reported as file-unreadable, exit 1', () => {
  const locked = write(project, 'services/locked.cache.yaml', 'apiVersion: cache-warden/v1\n');
  fs.chmodSync(locked, 0o000);
  try {
    // root reads everything, so as root the check runs as the unprivileged user `nobody`.
    const asUser = process.getuid?.() === 0 ? { uid: 65534 } : {};
    const { code, stdout } = runBundle(['check', 'services', '-f', 'json'], project, asUser);
    assert.equal(code, 1);
    const report = JSON.parse(stdout) as { files: { path: string; diagnostics: { code: string; message: string }[] }[] };
    const file = report.files.find((f) => f.path === 'services/locked.cache.yaml');
    assert.deepEqual(file?.diagnostics.map((d) => [d.code, d.message]), [['file-unreadable', 'This file could not be read: permission denied.']]);
  } finally {
    fs.unlinkSync(locked);
  }
});

test('a reader that stops early (| head -1) ends the run quietly', () => {
  for (let i = 0; i < 40; i++) write(project, `many/m${i}.cache.yaml`, 'apiVersion: cache-warden/v1\nkind: CacheLayer\nmetadata: {}\nspec: {}\n');
  try {
    const result = spawnSync('sh', ['-c', `"${process.execPath}" "${bundle}" check -f sarif | head -1`], { cwd: project, encoding: 'utf8' });
    assert.equal(result.stdout, '{\n');
    assert.equal(result.stderr, '');
  } finally {
    fs.rmSync(path.join(project, 'many'), { recursive: true });
  }
});

test('colour only on a terminal and without NO_COLOR', () => {
  assert.equal(shouldColor(true, {}), true);
  assert.equal(shouldColor(true, { NO_COLOR: '1' }), false);
  assert.equal(shouldColor(true, { NO_COLOR: '' }), true);
  assert.equal(shouldColor(false, {}), false);
  assert.equal(shouldColor(undefined, {}), false);
});
