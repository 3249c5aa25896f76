// `cache-warden check` reports the catalog's problems in the files it checks — what the editor
// publishes for them next to the analysis (src/server/diagnostics.ts): invalid Backstage names,
// refs without a kind, unresolved refs, duplicates, Location targets that select nothing — in the
// human, JSON and SARIF reports, counted in the summary, errors failing the run.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import Ajv from 'ajv';
import AjvDraft04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { withCatalogProblems } from '../../../src/cli/checkCommand';
import type { Diagnostic } from '../../../src/core/types';
import { cleanup, FIXTURES, REPO_ROOT, runCli, tempDir, write } from './cliTestKit';

const INVALID_NAME = `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: invalid component
spec:
  type: service
  owner: team-a
  lifecycle: production
  dependsOn:
    - catalog-db
`;

const INVALID_NAME_MESSAGE = '`invalid component` is not a valid Backstage name: 1–63 letters or digits, separated by `-`, `_` or `.`. Backstage rejects this Component; it is not in the graph.';

/** A valid component whose `dependsOn` ref has no kind, and a Location with one target that selects nothing. */
const ORDERS = `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: orders
spec:
  type: service
  owner: team-a
  lifecycle: production
  dependsOn:
    - catalog-db
---
apiVersion: backstage.io/v1alpha1
kind: Location
metadata:
  name: more
spec:
  targets:
    - ./teams/*.yaml
    - ./nowhere/*.yaml
`;

const CATALOG_DB = `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: catalog-db
spec:
  type: database
  owner: team-a
  lifecycle: production
`;

const ORDERS_AGAIN = `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: orders
spec:
  type: service
  owner: team-b
  lifecycle: production
`;

const WITHOUT_KIND_MESSAGE = '`catalog-db` (dependsOn) has no kind: Backstage requires one in `dependsOn` and rejects the entity without it. Write `component:catalog-db` or `resource:catalog-db`; Cache Warden reads it as `component:catalog-db`.';
const WITHOUT_KIND_FRAME = [
  '     9 |   dependsOn:',
  '  > 10 |     - catalog-db',
  '       |       ^^^^^^^^^^',
];

test('the folder holding only an invalid catalog-info.yaml: check reports what the editor flags, and fails', async () => {
  const dir = tempDir();
  try {
    write(dir, 'catalog-info.yaml', INVALID_NAME);
    assert.deepEqual(await runCli(['check'], dir), {
      code: 1,
      stdout: [
        'catalog-info.yaml',
        `  4:9  error  ${INVALID_NAME_MESSAGE}  catalog-invalid-name`,
        '    3 | metadata:',
        '  > 4 |   name: invalid component',
        '      |         ^^^^^^^^^^^^^^^^^',
        '    5 | spec:',
        '',
        '✖ 1 problem (1 error, 0 warnings) in 1 of 1 file checked',
        '',
      ].join('\n'),
      stderr: '',
    });
    // Named on the command line: the same (an invalid name is the file's own problem).
    const named = await runCli(['check', 'catalog-info.yaml'], dir);
    assert.equal(named.code, 1);
    assert.match(named.stdout, /^catalog-info\.yaml\n {2}4:9 {2}error {2}`invalid component` is not a valid Backstage name/);
  } finally {
    cleanup(dir);
  }
});

test('--format json: the catalog problem with its 1-based range, source and docs link, in the summary', async () => {
  const dir = tempDir();
  try {
    write(dir, 'catalog-info.yaml', INVALID_NAME);
    const { code, stdout, stderr } = await runCli(['check', '--format', 'json', '--docs-base-url', 'https://docs.example.com/cw/'], dir);
    assert.equal(code, 1);
    assert.equal(stderr, '');
    const report = JSON.parse(stdout);
    const ajv = new Ajv({ allErrors: true, strict: true });
    addFormats(ajv);
    const validate = ajv.compile(JSON.parse(fs.readFileSync(path.join(FIXTURES, 'check-report.schema.json'), 'utf8')));
    assert.ok(validate(JSON.parse(stdout)), JSON.stringify(validate.errors, null, 2));
    assert.deepEqual(report.files, [{
      path: 'catalog-info.yaml',
      diagnostics: [{
        code: 'catalog-invalid-name',
        severity: 'error',
        message: INVALID_NAME_MESSAGE,
        range: { start: { line: 4, column: 9 }, end: { line: 4, column: 26 } },
        source: 'cache-warden (catalog)',
        docsUrl: 'https://docs.example.com/cw/docs/catalog.md#names-and-namespaces',
      }],
    }]);
    assert.deepEqual(report.summary, { filesChecked: 1, filesWithProblems: 1, problems: 1, errors: 1, warnings: 0, infos: 0 });
  } finally {
    cleanup(dir);
  }
});

test('--format sarif: a rule descriptor per catalog code (its default level, its docs) and results with exact regions', async () => {
  const dir = tempDir();
  try {
    write(dir, 'catalog-info.yaml', ORDERS);
    write(dir, 'teams/all.yaml', CATALOG_DB);
    write(dir, 'legacy/catalog-info.yaml', ORDERS_AGAIN);
    const { code, stdout } = await runCli(['check', '--format', 'sarif'], dir);
    assert.equal(code, 1);
    const ajv = new AjvDraft04({ allErrors: true, strict: false });
    addFormats(ajv as never);
    const validate = ajv.compile(JSON.parse(fs.readFileSync(path.join(FIXTURES, 'sarif-schema-2.1.0.json'), 'utf8')));
    assert.ok(validate(JSON.parse(stdout)), JSON.stringify(validate.errors, null, 2));
    const run = JSON.parse(stdout).runs[0];
    const docs = pathToFileURL(path.join(REPO_ROOT, 'docs')).href;
    type Descriptor = { id: string; name: string; shortDescription: { text: string }; helpUri: string; defaultConfiguration: { level: string } };
    assert.deepEqual(run.tool.driver.rules.map((r: Descriptor) => [r.id, r.name, r.shortDescription.text, r.helpUri, r.defaultConfiguration.level]), [
      ['catalog-duplicate-entity', 'CatalogDuplicateEntity', 'Two docs or Backstage descriptors declare the same entity.', `${docs}/catalog.md#duplicate-entities`, 'error'],
      ['catalog-ref-without-kind', 'CatalogRefWithoutKind', 'A `dependsOn` or `dependencyOf` ref has no kind, which Backstage requires there.', `${docs}/catalog.md#refs`, 'warning'],
      ['catalog-location-target-missing', 'CatalogLocationTargetMissing', 'A Location target selects no file that declares Backstage entities, so nothing is read from it.', `${docs}/catalog.md#which-files`, 'warning'],
    ]);
    type Result = { ruleId: string; ruleIndex: number; level: string; message: { text: string }; locations: { physicalLocation: unknown }[] };
    assert.deepEqual(run.results.map((r: Result) => [r.ruleId, r.ruleIndex, r.level, r.locations[0].physicalLocation]), [
      ['catalog-duplicate-entity', 0, 'error', { artifactLocation: { uri: 'catalog-info.yaml', uriBaseId: '%SRCROOT%' }, region: { startLine: 4, startColumn: 9, endLine: 4, endColumn: 15 } }],
      ['catalog-ref-without-kind', 1, 'warning', { artifactLocation: { uri: 'catalog-info.yaml', uriBaseId: '%SRCROOT%' }, region: { startLine: 10, startColumn: 7, endLine: 10, endColumn: 17 } }],
      ['catalog-location-target-missing', 2, 'warning', { artifactLocation: { uri: 'catalog-info.yaml', uriBaseId: '%SRCROOT%' }, region: { startLine: 19, startColumn: 7, endLine: 19, endColumn: 23 } }],
      ['catalog-duplicate-entity', 0, 'error', { artifactLocation: { uri: 'legacy/catalog-info.yaml', uriBaseId: '%SRCROOT%' }, region: { startLine: 4, startColumn: 9, endLine: 4, endColumn: 15 } }],
    ]);
    assert.equal(run.results[0].message.text, '`component:orders` is declared more than once; it is also declared in legacy/catalog-info.yaml:4. Give each entity a unique id.');
    assert.equal(run.results[1].message.text, WITHOUT_KIND_MESSAGE);
  } finally {
    cleanup(dir);
  }
});

test('a whole project: refs, duplicates and Location targets judged on the whole catalog (Location targets followed, as in the editor)', async () => {
  const dir = tempDir();
  try {
    write(dir, 'catalog-info.yaml', ORDERS);
    // Read through the Location's ./teams/*.yaml target: `catalog-db` resolves (no unresolved ref).
    write(dir, 'teams/all.yaml', CATALOG_DB);
    write(dir, 'legacy/catalog-info.yaml', ORDERS_AGAIN);
    const { code, stdout, stderr } = await runCli(['check'], dir);
    assert.equal(stderr, '');
    assert.equal(code, 1);
    assert.equal(stdout, [
      'catalog-info.yaml',
      '  4:9   error    `component:orders` is declared more than once; it is also declared in legacy/catalog-info.yaml:4. Give each entity a unique id.  catalog-duplicate-entity',
      '    3 | metadata:',
      '  > 4 |   name: orders',
      '      |         ^^^^^^',
      '    5 | spec:',
      `  10:7  warning  ${WITHOUT_KIND_MESSAGE}  catalog-ref-without-kind`,
      ...WITHOUT_KIND_FRAME,
      '    11 | ---',
      '  19:7  warning  `./nowhere/*.yaml` (Location target) selects no file that declares Backstage entities, so nothing is read from it. Fix the path or glob (it is read relative to this file\'s folder).  catalog-location-target-missing',
      '    18 |     - ./teams/*.yaml',
      '  > 19 |     - ./nowhere/*.yaml',
      '       |       ^^^^^^^^^^^^^^^^',
      '    20 |',
      '',
      'legacy/catalog-info.yaml',
      '  4:9  error  `component:orders` is declared more than once; it is also declared in catalog-info.yaml:4. Give each entity a unique id.  catalog-duplicate-entity',
      '    3 | metadata:',
      '  > 4 |   name: orders',
      '      |         ^^^^^^',
      '    5 | spec:',
      '',
      // teams/all.yaml (read through the Location) is checked too: no problem in it.
      '✖ 4 problems (2 errors, 2 warnings) in 2 of 3 files checked',
      '',
    ].join('\n'));
  } finally {
    cleanup(dir);
  }
});

test('a whole project: a descriptor the editor reads beyond `include` (found by its content) is checked too', async () => {
  const dir = tempDir();
  try {
    write(dir, 'all-teams.yaml', INVALID_NAME);
    assert.deepEqual(await runCli(['check'], dir), {
      code: 1,
      stdout: [
        'all-teams.yaml',
        `  4:9  error  ${INVALID_NAME_MESSAGE}  catalog-invalid-name`,
        '    3 | metadata:',
        '  > 4 |   name: invalid component',
        '      |         ^^^^^^^^^^^^^^^^^',
        '    5 | spec:',
        '',
        '✖ 1 problem (1 error, 0 warnings) in 1 of 1 file checked',
        '',
      ].join('\n'),
      stderr: '',
    });
  } finally {
    cleanup(dir);
  }
});

test('one file checked inside a project: the project\'s catalog counts (a duplicate in a file not checked)', async () => {
  const dir = tempDir();
  try {
    write(dir, '.cachewarden.yaml', 'rules: {}\n');
    write(dir, 'catalog-info.yaml', ORDERS);
    write(dir, 'teams/all.yaml', CATALOG_DB);
    write(dir, 'legacy/catalog-info.yaml', ORDERS_AGAIN);
    const { code, stdout } = await runCli(['check', 'catalog-info.yaml', '--format', 'json'], dir);
    assert.equal(code, 1);
    const report = JSON.parse(stdout);
    assert.deepEqual(report.files.map((f: { path: string; diagnostics: { code: string; range: { start: { line: number; column: number } } }[] }) =>
      [f.path, f.diagnostics.map((d) => `${d.range.start.line}:${d.range.start.column} ${d.code}`)]), [
      ['catalog-info.yaml', ['4:9 catalog-duplicate-entity', '10:7 catalog-ref-without-kind', '19:7 catalog-location-target-missing']],
    ]);
    assert.deepEqual(report.summary, { filesChecked: 1, filesWithProblems: 1, problems: 3, errors: 1, warnings: 2, infos: 0 });
  } finally {
    cleanup(dir);
  }
});

test('files named without a project file: only each file\'s own catalog problems (the rest of the catalog is unknown)', async () => {
  const dir = tempDir();
  try {
    write(dir, 'catalog-info.yaml', ORDERS);
    write(dir, 'legacy/catalog-info.yaml', ORDERS_AGAIN);
    // No unresolved `catalog-db`, no duplicate, no Location target judged: those need the other files.
    assert.deepEqual(await runCli(['check', 'catalog-info.yaml'], dir), {
      code: 0,
      stdout: [
        'catalog-info.yaml',
        `  10:7  warning  ${WITHOUT_KIND_MESSAGE}  catalog-ref-without-kind`,
        ...WITHOUT_KIND_FRAME,
        '    11 | ---',
        '',
        '✖ 1 problem (0 errors, 1 warning) in 1 of 1 file checked',
        '',
      ].join('\n'),
      stderr: '',
    });
  } finally {
    cleanup(dir);
  }
});

test('catalog warnings count for --max-warnings; an unresolved ref in a doc is reported as in the editor', async () => {
  const dir = tempDir();
  try {
    write(dir, 'catalog-info.yaml', ORDERS.split('---\n')[0]);
    write(dir, 'docs/orders-db.md', '---\nkind: resource\nid: orders-db\ndependsOn: [resource:missing-disk]\n---\n# Orders DB\n');
    const lenient = await runCli(['check'], dir);
    assert.equal(lenient.code, 0);
    assert.equal(lenient.stderr, '');
    assert.equal(lenient.stdout, [
      'catalog-info.yaml',
      `  10:7  warning  ${WITHOUT_KIND_MESSAGE}  catalog-ref-without-kind`,
      ...WITHOUT_KIND_FRAME,
      '    11 |',
      '  10:7  warning  `catalog-db` (dependsOn) matches no entity in the catalog. Declare `component:catalog-db` in a doc\'s front matter or a catalog-info.yaml, or fix the name.  catalog-unresolved-ref',
      ...WITHOUT_KIND_FRAME,
      '    11 |',
      '',
      'docs/orders-db.md',
      '  4:13  warning  `resource:missing-disk` (dependsOn) matches no entity in the catalog. Declare `resource:missing-disk` in a doc\'s front matter or a catalog-info.yaml, or fix the name.  catalog-unresolved-ref',
      '    3 | id: orders-db',
      '  > 4 | dependsOn: [resource:missing-disk]',
      '      |             ^^^^^^^^^^^^^^^^^^^^^',
      '    5 | ---',
      '',
      '✖ 3 problems (0 errors, 3 warnings) in 2 of 2 files checked',
      '',
    ].join('\n'));
    assert.equal((await runCli(['check', '--max-warnings', '3'], dir)).code, 0);
    const strict = await runCli(['check', '--max-warnings', '2'], dir);
    assert.equal(strict.code, 1);
    assert.equal(strict.stderr, 'cache-warden: 3 warnings, more than --max-warnings 2 allows\n');
  } finally {
    cleanup(dir);
  }
});

test('a problem both the analysis and the catalog report (a syntax error in a descriptor) is listed once', async () => {
  const dir = tempDir();
  try {
    write(dir, 'catalog-info.yaml', 'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: [broken\n');
    const { code, stdout } = await runCli(['check', '--format', 'json'], dir);
    assert.equal(code, 1);
    const report = JSON.parse(stdout);
    assert.deepEqual(report.files[0].diagnostics.map((d: { code: string; range: { start: { line: number; column: number } } }) => `${d.range.start.line}:${d.range.start.column} ${d.code}`), ['5:1 yaml-bad-indent']);
    assert.deepEqual(report.summary, { filesChecked: 1, filesWithProblems: 1, problems: 1, errors: 1, warnings: 0, infos: 0 });
  } finally {
    cleanup(dir);
  }
});

test('--schema validates against one schema: no catalog problems', async () => {
  const dir = tempDir();
  try {
    write(dir, 'catalog-info.yaml', INVALID_NAME);
    write(dir, 'any.schema.json', '{ "type": "object" }\n');
    assert.deepEqual(await runCli(['check', '--schema', 'any.schema.json', 'catalog-info.yaml'], dir), { code: 0, stdout: '✔ 1 file checked, no problems\n', stderr: '' });
  } finally {
    cleanup(dir);
  }
});

test('the limit of findings per file holds for the analysis and the catalog problems together', () => {
  const at = (line: number): Diagnostic => ({ code: 'catalog-ref-without-kind', severity: 'warning', message: `ref ${line}`, range: { start: { line, character: 0 }, end: { line, character: 1 } }, source: 'cache-warden (catalog)' });
  const analysis = Array.from({ length: 499 }, (_, i) => ({ ...at(i), code: 'CW004' }));
  const merged = withCatalogProblems(analysis, [at(600), at(601), analysis[0]]);
  assert.equal(merged.length, 501);
  assert.deepEqual(merged.slice(498).map((d) => `${d.code} ${d.range.start.line}`), ['CW004 498', 'catalog-ref-without-kind 600', 'too-many-problems 0']);
  assert.equal(merged[500].message, 'Cache Warden reports at most 500 problems per file and this file reaches that limit, so there may be more: fix these and check again.');
  // Room for all: nothing cut, nothing said; the same problem twice is listed once.
  assert.deepEqual(withCatalogProblems([at(1)], [at(1), at(2)]).map((d) => d.range.start.line), [1, 2]);
});
