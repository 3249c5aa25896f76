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

test('a schema whose $ref cannot be resolved is a usage error (exit 2), not a silent pass', async () => {
  const { code, stdout, stderr } = await runCli(['check', '--schema', 'schemas/service.schema.json', 'services'], dir);
  assert.equal(code, 2);
  assert.equal(stdout, '');
  assert.match(stderr, /^cache-warden: --schema: The schema https:\/\/example\.test\/defs\/port\.json is remote and no local schema has that \$id/);
});

test('a missing --schema file or --schema-dir folder: exit 2', async () => {
  assert.deepEqual(await runCli(['check', '--schema', 'nope.json', 'services'], dir), { code: 2, stdout: '', stderr: 'cache-warden: --schema: file not found: nope.json\n' });
  assert.deepEqual(await runCli(['check', '--schema-dir', 'nope', 'services'], dir), { code: 2, stdout: '', stderr: 'cache-warden: --schema-dir: folder not found: nope\n' });
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
