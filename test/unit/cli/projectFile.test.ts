// Problems in .cachewarden.yaml itself: reported like any file's when the run checks it, and on
// stderr when the run only checks other files (a typo there silently changes nothing otherwise).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { cleanup, FIXTURES, runCli, tempDir, write } from './cliTestKit';

let dir: string;
before(() => {
  dir = tempDir();
  write(dir, '.cachewarden.yaml', 'rules:\n  CW999: error\n  CW004: loud\n');
  write(dir, 'svc/orders.cache.yaml', fs.readFileSync(path.join(FIXTURES, 'project/services/orders.cache.yaml'), 'utf8'));
});
after(() => cleanup(dir));

test('the project file is checked with the rest: the unknown rule id and the bad severity are reported at their place', async () => {
  const { stdout, stderr } = await runCli(['check'], dir);
  assert.equal(stderr, '');
  // Which code and severity depends on whether the project-config schema or the file's reader
  // reports them (the editor uses the schema); the places do not.
  assert.match(stdout, /^\.cachewarden\.yaml\n {2}2:3 +(warning|error) {2}.*CW999.* {2}\S+\n/);
  assert.match(stdout, /\n {2}3:10 +(warning|error) {2}.*loud.* {2}\S+\n/);
  assert.match(stdout, /✖ 2 problems \(.*\) in 1 of 2 files checked\n$/);
});

test('checking other files only: the project file problems go to stderr', async () => {
  const { code, stdout, stderr } = await runCli(['check', 'svc'], dir);
  assert.equal(code, 0);
  assert.equal(stdout, '✔ 1 file checked, no problems\n');
  assert.equal(
    stderr,
    'cache-warden: .cachewarden.yaml:2:3: `CW999` is not a Cache Warden rule (CW001–CW014); this entry changes nothing.\n' +
      'cache-warden: .cachewarden.yaml:3:10: `CW004: loud` is not a severity; use one of off, error, warning, information, hint. The rule keeps its default.\n',
  );
});

test('an empty folder: nothing to check is said on stderr, exit 0', async () => {
  const empty = tempDir();
  try {
    assert.deepEqual(await runCli(['check'], empty), { code: 0, stdout: '✔ 0 files checked, no problems\n', stderr: 'cache-warden: no files to check in the current folder\n' });
  } finally {
    cleanup(empty);
  }
});
