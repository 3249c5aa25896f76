// `cache-warden check` run in-process on a copy of test/fixtures/cli/project: what a CI log shows,
// the exit codes, and the machine-readable reports validated against their schemas.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import Ajv from 'ajv';
import AjvDraft04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { cleanup, copyProject, FIXTURES, REPO_ROOT, runCli, write } from './cliTestKit';

let project: string;
before(() => {
  project = copyProject();
  // Never checked: dependencies and the excluded testdata/ folder (it holds a syntax error).
  write(project, 'node_modules/some-lib/broken.cache.yaml', 'metadata: [unclosed\n');
});
after(() => cleanup(project));

/** [position, severity, code] of each problem line of the human output, per file. */
function problemLines(stdout: string): string[] {
  return stdout
    .split('\n')
    .filter((line) => /^(\S| {2}\d+:\d+ )/.test(line))
    .map((line) => {
      const match = /^ {2}(\d+:\d+)\s+(error|warning|info)\s+.*\s{2}(\S+)$/.exec(line);
      return match ? `${match[1]} ${match[2]} ${match[3]}` : line;
    });
}

test('human output: problems grouped by file with code frames, a summary, exit 1 on errors', async () => {
  const { code, stdout, stderr } = await runCli(['check'], project);
  assert.equal(stderr, '');
  assert.equal(code, 1);
  assert.deepEqual(problemLines(stdout), [
    'flags/checkout.yaml',
    '3:14 error schema-type',
    'services/catalog.cache.yaml',
    '3:1 warning CW013',
    '10:17 error schema-enum',
    '12:7 error CW001',
    '21:19 warning CW005',
    '✖ 5 problems (3 errors, 2 warnings) in 2 of 4 files checked',
  ]);
  // The frame under the schema problem, exactly as printed.
  const frame = stdout.split('\n');
  const at = frame.findIndex((line) => line.startsWith('  10:17 '));
  assert.deepEqual(frame.slice(at + 1, at + 5), [
    '     9 |       type: in-process',
    '  > 10 |       eviction: allkeys-lur',
    '       |                 ^^^^^^^^^^^',
    '    11 |   caches:',
  ]);
  assert.match(frame[at], /`eviction` must be one of: .* — got `allkeys-lur`\. Did you mean `allkeys-lru`\?/);
});

test('the project file sets severities: CW005 is a warning here (its default is error)', async () => {
  fs.renameSync(path.join(project, '.cachewarden.yaml'), path.join(project, 'moved.yaml'));
  try {
    const { stdout } = await runCli(['check', 'services'], project);
    assert.ok(problemLines(stdout).includes('21:19 error CW005'));
    const configured = await runCli(['check', 'services', '--config', 'moved.yaml'], project);
    assert.ok(problemLines(configured.stdout).includes('21:19 warning CW005'));
  } finally {
    fs.renameSync(path.join(project, 'moved.yaml'), path.join(project, '.cachewarden.yaml'));
  }
});

test('check path/to/project finds that project file when the working folder has none', async () => {
  const parent = path.dirname(project);
  const { stdout } = await runCli(['check', path.basename(project)], parent);
  assert.match(stdout, /in 2 of 4 files checked/);
  assert.ok(problemLines(stdout).includes(`${path.basename(project)}/flags/checkout.yaml`));
});

test('exit 0 when clean; --max-warnings turns too many warnings into exit 1', async () => {
  assert.deepEqual(await runCli(['check', 'services/orders.cache.yaml'], project), { code: 0, stdout: '✔ 1 file checked, no problems\n', stderr: '' });
  write(project, 'warn-only/w.cache.yaml', fs.readFileSync(path.join(project, 'services/orders.cache.yaml'), 'utf8').replace('  owner: team-orders\n', ''));
  try {
    const lenient = await runCli(['check', 'warn-only'], project);
    assert.equal(lenient.code, 0);
    assert.match(lenient.stdout, /✖ 1 problem \(0 errors, 1 warning\) in 1 of 1 file checked/);
    assert.equal((await runCli(['check', 'warn-only', '--max-warnings', '1'], project)).code, 0);
    const strict = await runCli(['check', 'warn-only', '--max-warnings', '0'], project);
    assert.equal(strict.code, 1);
    assert.equal(strict.stderr, 'cache-warden: 1 warning, more than --max-warnings 0 allows\n');
  } finally {
    fs.rmSync(path.join(project, 'warn-only'), { recursive: true });
  }
});

test('globs on the command line, and ! to leave files out', async () => {
  const globbed = await runCli(['check', 'services/*.cache.yaml'], project);
  assert.match(globbed.stdout, /in 1 of 2 files checked/);
  const negated = await runCli(['check', '.', '!services/catalog.cache.yaml', '!flags/**'], project);
  assert.equal(negated.code, 0);
  assert.equal(negated.stdout, '✔ 2 files checked, no problems\n');
});

test('a missing path: a clear message and exit 2, nothing checked', async () => {
  const { code, stdout, stderr } = await runCli(['check', 'services', 'no/such/dir'], project);
  assert.equal(code, 2);
  assert.equal(stdout, '');
  assert.equal(stderr, 'cache-warden: path not found: no/such/dir\n');
  const glob = await runCli(['check', 'nothing/**/*.cache.yaml'], project);
  assert.equal(glob.code, 2);
  assert.equal(glob.stderr, 'cache-warden: no files match the pattern: nothing/**/*.cache.yaml\n');
});

test('an unreadable file is a file-unreadable error for that file (exit 1), the rest is checked', async () => {
  fs.symlinkSync(path.join(project, 'gone.cache.yaml'), path.join(project, 'services', 'dangling.cache.yaml'));
  try {
    const { code, stdout } = await runCli(['check', 'services', '--format', 'json'], project);
    assert.equal(code, 1);
    const report = JSON.parse(stdout);
    const dangling = report.files.find((f: { path: string }) => f.path === 'services/dangling.cache.yaml');
    assert.deepEqual(dangling.diagnostics, [
      {
        code: 'file-unreadable',
        severity: 'error',
        message: 'This file could not be read: no such file (a broken link?).',
        range: { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } },
        source: 'cache-warden',
      },
    ]);
    assert.equal(report.summary.filesChecked, 3);
  } finally {
    fs.unlinkSync(path.join(project, 'services', 'dangling.cache.yaml'));
  }
});

test('--format json matches the documented report shape', async () => {
  const { code, stdout } = await runCli(['check', '--format', 'json', '--docs-base-url', 'https://docs.example.com/cache-warden/'], project);
  assert.equal(code, 1);
  const report = JSON.parse(stdout);
  const ajv = new Ajv({ allErrors: true, strict: true });
  addFormats(ajv);
  const validate = ajv.compile(JSON.parse(fs.readFileSync(path.join(FIXTURES, 'check-report.schema.json'), 'utf8')));
  // (validated on its own parse: the type guard would narrow `report` to unknown)
  assert.ok(validate(JSON.parse(stdout)), JSON.stringify(validate.errors, null, 2));
  assert.deepEqual(report.summary, { filesChecked: 4, filesWithProblems: 2, problems: 5, errors: 3, warnings: 2, infos: 0 });
  assert.deepEqual(report.files.map((f: { path: string }) => f.path), ['.cachewarden.yaml', 'flags/checkout.yaml', 'services/catalog.cache.yaml', 'services/orders.cache.yaml']);
  const ttl = report.files[2].diagnostics.find((d: { code: string }) => d.code === 'CW001');
  assert.equal(ttl.docsUrl, 'https://docs.example.com/cache-warden/docs/rules/CW001.md');
  assert.deepEqual(ttl.range, { start: { line: 12, column: 7 }, end: { line: 12, column: 26 } });
});

test('--format sarif is valid SARIF 2.1.0 (the official OASIS schema) with rules, help URIs and regions', async () => {
  const { code, stdout } = await runCli(['check', '--format', 'sarif'], project);
  assert.equal(code, 1);
  const log = JSON.parse(stdout);
  const ajv = new AjvDraft04({ allErrors: true, strict: false });
  addFormats(ajv as never);
  const validate = ajv.compile(JSON.parse(fs.readFileSync(path.join(FIXTURES, 'sarif-schema-2.1.0.json'), 'utf8')));
  assert.ok(validate(JSON.parse(stdout)), JSON.stringify(validate.errors, null, 2));
  // The schema cannot fail on what matters to code scanning, so check that directly.
  const run = log.runs[0];
  assert.equal(run.tool.driver.name, 'cache-warden');
  assert.match(run.tool.driver.informationUri, /^file:\/\/\/.*\/README\.md$/);
  // Every descriptor, written out: id, name, short description, help URI (into this checkout's docs/).
  const docs = pathToFileURL(path.join(REPO_ROOT, 'docs')).href;
  type Descriptor = { id: string; name: string; shortDescription: { text: string }; helpUri: string };
  const descriptors = run.tool.driver.rules
    .map((r: Descriptor) => [r.id, r.name, r.shortDescription.text, r.helpUri])
    .sort((a: string[], b: string[]) => (a[0] < b[0] ? -1 : 1));
  assert.deepEqual(descriptors, [
    ['CW001', 'TtlMissingZeroOrNeverWithoutInvalidation', 'TTL missing, zero, or never without invalidation.', `${docs}/rules/CW001.md`],
    ['CW005', 'CacheKeyOmitsAParameterOrDimension', 'Cache key omits a parameter or dimension.', `${docs}/rules/CW005.md`],
    ['CW013', 'MissingOwnerOrDocsLink', 'Missing owner or docs link.', `${docs}/rules/CW013.md`],
    ['schema-enum', 'SchemaEnum', 'A value is not one of the values the schema allows.', `${docs}/schema-problems.md#schema-enum`],
    ['schema-type', 'SchemaType', 'A value has a type the schema does not allow.', `${docs}/schema-problems.md#schema-type`],
  ]);
  const cw005 = run.tool.driver.rules.find((r: { id: string }) => r.id === 'CW005');
  assert.equal(cw005.defaultConfiguration.level, 'error');
  const result = run.results.find((r: { ruleId: string }) => r.ruleId === 'CW005');
  assert.equal(result.level, 'warning');
  assert.equal(run.tool.driver.rules[result.ruleIndex].id, 'CW005');
  assert.deepEqual(result.locations[0].physicalLocation, {
    artifactLocation: { uri: 'services/catalog.cache.yaml', uriBaseId: '%SRCROOT%' },
    region: { startLine: 21, startColumn: 19, endLine: 21, endColumn: 33 },
  });
  assert.equal(run.results.length, 5);
});

test('--output writes the report to a file and prints the summary', async () => {
  const { code, stdout } = await runCli(['check', '-f', 'sarif', '-o', 'reports/cw.sarif'], project);
  assert.equal(code, 1);
  assert.equal(stdout, '✖ 5 problems (3 errors, 2 warnings) in 2 of 4 files checked (report: reports/cw.sarif)\n');
  assert.equal(JSON.parse(fs.readFileSync(path.join(project, 'reports/cw.sarif'), 'utf8')).runs[0].results.length, 5);
});
