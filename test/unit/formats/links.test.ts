// The project file's `links` tie an application's Redis host to a backend when names cannot:
// here the app names an external DNS name, and the Redis is a redis.conf named catalog-redis.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { test } from 'node:test';
import { findings, workspaceWith } from './adapterHarness';

const APP = `spring:
  application:
    name: shop
  cache:
    type: redis
    cache-names: items
  data:
    redis:
      host: cache.prod.example.com
`;

test('links: a host the project maps reaches its backend — CW007 at both ends — and the link follows edits of the project file', async () => {
  const ws = await workspaceWith({
    '.cachewarden.yaml': 'links:\n  cache.prod.example.com: catalog-redis\n',
    'app/src/main/resources/application.yml': APP,
    'catalog-redis.conf': 'maxmemory 1gb\nmaxmemory-policy volatile-lru\n',
  });
  const conf = ws.file('catalog-redis.conf');
  const cw007 = () => findings(ws.model, conf).filter((f) => f.startsWith('CW007'));
  assert.deepEqual(cw007(), ['CW007 2:18-2:30 Backend `catalog-redis` evicts with volatile-lru, which only evicts keys that have a TTL, but `items` writes keys without one (no ttl), declared in app/src/main/resources/application.yml: those keys pile up until writes fail like noeviction.']);
  assert.ok(findings(ws.model, ws.file('app/src/main/resources/application.yml')).some((f) => f.startsWith('CW007') && f.includes('its backend `catalog-redis` (declared in catalog-redis.conf)')));
  // Without the link the host names no Redis: nothing to report at the server.
  fs.writeFileSync(ws.file('.cachewarden.yaml'), 'rules: {}\n');
  await ws.model.diskChanged(ws.file('.cachewarden.yaml'));
  assert.deepEqual(cw007(), []);
});
