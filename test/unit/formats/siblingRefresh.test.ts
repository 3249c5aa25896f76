// A file an adapter reads besides its own — the helmfile that names a values file's release — is
// a dependency: when it changes on disk, the values file is read again and the Redis is renamed.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { test } from 'node:test';
import { workspaceWith } from './adapterHarness';

const VALUES = 'architecture: standalone\nmaster:\n  configuration: |-\n    maxmemory 1gb\n    maxmemory-policy allkeys-lru\n';
const helmfile = (release: string) => `releases:\n  - name: ${release}\n    chart: bitnami/redis\n    values: [redis/values.yaml]\n`;

test('a helmfile edited on disk renames the Redis its values file deploys', async () => {
  const ws = await workspaceWith({ 'helmfile.yaml': helmfile('orders-cache'), 'redis/values.yaml': VALUES });
  const backendNames = () => ws.model.facts.get(ws.file('redis/values.yaml'))?.backends.map((b) => b.name);
  assert.deepEqual(backendNames(), ['orders-cache-redis']);
  fs.writeFileSync(ws.file('helmfile.yaml'), helmfile('payments-redis'));
  await ws.model.diskChanged(ws.file('helmfile.yaml'));
  assert.deepEqual(backendNames(), ['payments-redis']);
  assert.ok(ws.model.catalog.entity('resource:payments-redis'));
  assert.equal(ws.model.catalog.entity('resource:orders-cache-redis'), undefined);
  fs.rmSync(ws.file('helmfile.yaml'));
  ws.model.diskDeleted(ws.file('helmfile.yaml'));
  assert.deepEqual(backendNames(), ['redis']);
});
