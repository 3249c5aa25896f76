// --schema and --schema-dir: any file against any schema draft, $refs resolved by $id from local
// folders, the same association a cacheWarden.schemas mapping makes in the editor.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { cleanup, runCli, tempDir, write } from './cliTestKit';

let dir: string;
before(() => {
  dir = tempDir();
  write(dir, 'schemas/service.schema.json', JSON.stringify({
    $schema: 'http://json-schema.org/draft-04/schema#',
    type: 'object',
    required: ['name', 'port'],
    properties: { name: { type: 'string' }, port: { $ref: 'https://example.test/defs/port.json' } },
  }));
  write(dir, 'defs/port.json', JSON.stringify({ $schema: 'https://json-schema.org/draft/2019-09/schema', $id: 'https://example.test/defs/port.json', type: 'integer', maximum: 65535 }));
  write(dir, 'schemas/plain.schema.json', JSON.stringify({ $schema: 'https://json-schema.org/draft/2020-12/schema', type: 'object', properties: { replicas: { type: 'integer', minimum: 1 } } }));
  write(dir, 'services/api.yaml', 'name: api\nport: 70000\n');
  write(dir, 'services/worker.json', '{ "name": "worker", "port": 8080 }\n');
  write(dir, 'deploy/app.yaml', 'replicas: 0\n');
});
after(() => cleanup(dir));

test('--schema validates the given files (draft 2020-12); problems exit 1 with located messages', async () => {
  const { code, stdout } = await runCli(['check', '--schema', 'schemas/plain.schema.json', 'deploy/app.yaml'], dir);
  assert.equal(code, 1);
  assert.match(stdout, /^deploy\/app\.yaml\n {2}1:11 {2}error {2}`replicas` must be at least 1 — got `0`\. {2}schema-minimum\n/);
  assert.match(stdout, /✖ 1 problem \(1 error, 0 warnings\) in 1 of 1 file checked\n$/);
});

test('--schema-dir resolves a $ref by $id across drafts (04 → 2019-09); folders are walked for YAML and JSON', async () => {
  const { code, stdout } = await runCli(['check', '--schema', 'schemas/service.schema.json', '--schema-dir', 'defs', 'services'], dir);
  assert.equal(code, 1);
  assert.match(stdout, /^services\/api\.yaml\n {2}2:7 {2}error {2}`port` must be at most 65535 — got `70000`\. {2}schema-maximum\n/);
  assert.match(stdout, /in 1 of 2 files checked/);
});

test('a $ref that cannot be resolved is reported at the $ref (schema file:line:column) and fails every file it leaves unchecked (exit 1)', async () => {
  const { code, stdout, stderr } = await runCli(['check', '--schema', 'schemas/service.schema.json', 'services'], dir);
  const message = 'The $ref `https://example.test/defs/port.json` at service.schema.json:1:151 cannot be resolved: The schema https://example.test/defs/port.json is remote and no local schema has that $id; remote schemas are not fetched unless the setting cacheWarden.allowRemoteSchemas is on (or mirror it into a folder listed in cacheWarden.schemaDirs). That part of the schema is not checked.';
  assert.equal(code, 1);
  assert.equal(stderr, `cache-warden: schemas/service.schema.json:1:151: ${message}\n`);
  assert.match(stdout, new RegExp(`^services/api\\.yaml\n {2}1:1 {2}error {2}${escapeRegExp(message)} {2}schema-remote-blocked\n`));
  assert.match(stdout, new RegExp(`\nservices/worker\\.json\n {2}1:1 {2}error {2}${escapeRegExp(message)} {2}schema-remote-blocked\n`));
  assert.match(stdout, /✖ 2 problems \(2 errors, 0 warnings\) in 2 of 2 files checked\n$/);
});

test('the rest of a schema with an unresolvable $ref still checks the files', async () => {
  const { code, stdout } = await runCli(['check', '--schema', 'schemas/service.schema.json', '--format', 'json', 'services/api.yaml'], dir);
  assert.equal(code, 1);
  write(dir, 'services/nameless.yaml', 'port: 1\n');
  try {
    const second = await runCli(['check', '--schema', 'schemas/service.schema.json', '--format', 'json', 'services/nameless.yaml'], dir);
    assert.deepEqual(JSON.parse(second.stdout).files[0].diagnostics.map((d: { code: string; range: { start: { line: number } } }) => `${d.range.start.line} ${d.code}`), ['1 schema-remote-blocked', '1 schema-required']);
  } finally {
    cleanup(`${dir}/services/nameless.yaml`);
  }
  assert.deepEqual(JSON.parse(stdout).files[0].diagnostics.map((d: { code: string }) => d.code), ['schema-remote-blocked']);
});

test('--schema-map URL=DIR reads a remote schema host from a local mirror folder', async () => {
  const { code, stdout, stderr } = await runCli(['check', '--schema', 'schemas/service.schema.json', '--schema-map', 'https://example.test/=.', 'services'], dir);
  assert.equal(stderr, '');
  assert.equal(code, 1);
  assert.match(stdout, /^services\/api\.yaml\n {2}2:7 {2}error {2}`port` must be at most 65535 — got `70000`\. {2}schema-maximum\n/);
  assert.match(stdout, /in 1 of 2 files checked/);
});

test('--schema-map needs URL=FOLDER and an existing folder: exit 2', async () => {
  const bad = await runCli(['check', '--schema-map', 'example.test=defs', 'services'], dir);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /^cache-warden: --schema-map needs URL=FOLDER \(e\.g\. https:\/\/schemas\.example\.com\/=mirror\), got "example\.test=defs"\n/);
  assert.deepEqual(await runCli(['check', '--schema-map', 'https://example.test/=nope', 'services'], dir), { code: 2, stdout: '', stderr: 'cache-warden: --schema-map: folder not found: nope\n' });
});

test('a missing --schema file or --schema-dir folder: exit 2', async () => {
  assert.deepEqual(await runCli(['check', '--schema', 'nope.json', 'services'], dir), { code: 2, stdout: '', stderr: 'cache-warden: --schema: file not found: nope.json\n' });
  assert.deepEqual(await runCli(['check', '--schema-dir', 'nope', 'services'], dir), { code: 2, stdout: '', stderr: 'cache-warden: --schema-dir: folder not found: nope\n' });
});

test('the project file\'s schemaMappings mirror a schema host, relative to the project folder', async () => {
  write(dir, '.cachewarden.yaml', 'schemas:\n  schemas/service.schema.json: "services/*"\nschemaMappings:\n  "https://example.test/": .\n');
  try {
    const { code, stdout, stderr } = await runCli(['check'], dir);
    assert.equal(stderr, '');
    assert.equal(code, 1);
    assert.match(stdout, /services\/api\.yaml\n {2}2:7 {2}error {2}`port` must be at most 65535/);
    assert.match(stdout, /in 1 of 3 files checked/);
  } finally {
    cleanup(`${dir}/.cachewarden.yaml`);
  }
});

test('the project file maps schemas to globs and adds schema folders, as the editor does', async () => {
  write(dir, '.cachewarden.yaml', 'schemas:\n  schemas/service.schema.json: "services/*"\nschemaDirs: [defs]\n');
  try {
    const { code, stdout } = await runCli(['check'], dir);
    assert.equal(code, 1);
    assert.match(stdout, /services\/api\.yaml\n {2}2:7 {2}error {2}`port` must be at most 65535/);
    assert.match(stdout, /in 1 of 3 files checked/);
  } finally {
    cleanup(`${dir}/.cachewarden.yaml`);
  }
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

test('--schema wins over a file\'s unresolvable `$schema` key and its modelines (ours and yaml-language-server\'s); the key is not validated', async () => {
  write(dir, 'declared/a.yaml', '# yaml-language-server: $schema=https://example.test/remote.json\n$schema: ./missing.json\nreplicas: 0\n');
  write(dir, 'declared/b.yaml', '# cache-warden: $schema=./missing.json\nreplicas: 2\n');
  const { code, stdout } = await runCli(['check', '--schema', 'schemas/plain.schema.json', 'declared'], dir);
  assert.equal(code, 1);
  assert.equal(stdout, 'declared/a.yaml\n  3:11  error  `replicas` must be at least 1 — got `0`.  schema-minimum\n    2 | $schema: ./missing.json\n  > 3 | replicas: 0\n      |           ^\n    4 |\n\n✖ 1 problem (1 error, 0 warnings) in 1 of 2 files checked\n');
});
