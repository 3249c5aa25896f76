// CW007 across files: the CLI records the facts of every cache config of the project before it
// analyzes any file, so a cache in one file is checked against a backend declared in another.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { cleanup, runCli, tempDir, write } from './cliTestKit';

const SHARED = `apiVersion: cache-warden/v1
kind: CacheLayer
metadata: { service: platform, owner: team-platform, docs: docs/platform.md }
spec:
  backends:
    - { name: shared-redis, type: redis, maxMemory: 4Gi, eviction: volatile-lru }
  caches:
    - name: sessions
      backend: shared-redis
      criticality: cold
      fronts: { name: sessions-db, params: [id], lookupBy: internal, loadTimeout: 1s, maxConcurrentLoads: 4 }
      key: { template: "s:{id}" }
      ttl: { value: 10m, jitter: 10% }
`;
const APP = `apiVersion: cache-warden/v1
kind: CacheLayer
metadata: { service: app, owner: team-app, docs: docs/app.md }
spec:
  backends:
    - { name: app-local, type: in-process }
  caches:
    - name: forever
      backend: shared-redis
      criticality: cold
      fronts: { name: app-db, params: [id], lookupBy: internal, loadTimeout: 1s, maxConcurrentLoads: 4 }
      key: { template: "a:{id}" }
      ttl: { value: never }
      invalidation:
        triggers:
          - { on: db_change, scope: key, maxKeysPerEvent: 1, mode: delete }
`;

let dir: string;
before(() => {
  dir = tempDir();
  write(dir, 'platform/shared.cache.yaml', SHARED);
  write(dir, 'app/app.cache.yaml', APP);
});
after(() => cleanup(dir));

const codes = (stdout: string) => [...stdout.matchAll(/^ {2}(\d+:\d+)\s+(?:error|warning|info)\s.*\s{2}(\S+)$/gm)].map((m) => `${m[1]} ${m[2]}`);

test('both files checked: CW007 on the cache that never expires and on the backend that cannot evict it', async () => {
  const { code, stdout } = await runCli(['check'], dir);
  assert.equal(code, 1);
  assert.deepEqual(codes(stdout), ['13:21 CW007', '6:68 CW007']);
  assert.match(stdout, /app\/app\.cache\.yaml\n {2}13:21 {2}error {2}Cache `forever` never expires .* its backend `shared-redis` \(declared in platform\/shared\.cache\.yaml\)/);
});

test('one file checked inside a project: the other files of the project still count (as in the editor)', async () => {
  write(dir, '.cachewarden.yaml', 'rules: {}\n');
  try {
    const { code, stdout } = await runCli(['check', 'app/app.cache.yaml', '--format', 'sarif'], dir);
    assert.equal(code, 1);
    const [result] = JSON.parse(stdout).runs[0].results;
    assert.equal(result.ruleId, 'CW007');
    assert.deepEqual(result.relatedLocations[0].physicalLocation, {
      artifactLocation: { uri: 'platform/shared.cache.yaml', uriBaseId: '%SRCROOT%' },
      region: { startLine: 6, startColumn: 68, endLine: 6, endColumn: 80 },
    });
  } finally {
    fs.unlinkSync(path.join(dir, '.cachewarden.yaml'));
  }
});

test('without a project file only the checked files are known', async () => {
  const { code, stdout } = await runCli(['check', 'app/app.cache.yaml'], dir);
  assert.equal(code, 0);
  assert.equal(stdout, '✔ 1 file checked, no problems\n');
});
