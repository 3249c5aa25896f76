// redis.conf and nginx.conf read by their adapters: findings at the real directive, in the
// format's words, cross-file with a declared cache, hovers, and fixes that edit the real line.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { afterFix, findings, hoverAt, workspaceWith } from './adapterHarness';

const NO_TTL_CACHE = `apiVersion: cache-warden/v1
kind: CacheLayer
metadata: { service: shop, owner: team-shop, docs: docs/shop.md }
spec:
  backends: []
  caches:
    - name: products
      backend: cache
      ttl: { value: never }
`;

test('redis.conf: volatile-lru under a cache that never expires is CW007 at the policy value, with the cache as related location', async () => {
  const ws = await workspaceWith({ 'cache/redis.conf': '# the cache\nmaxmemory 2gb\nmaxmemory-policy volatile-lru\n', 'shop.cache.yaml': NO_TTL_CACHE });
  const conf = ws.file('cache/redis.conf');
  assert.deepEqual(findings(ws.model, conf), [
    'CW007 3:18-3:30 Backend `cache` evicts with volatile-lru, which only evicts keys that have a TTL, but `products` writes keys without one (ttl never), declared in shop.cache.yaml: those keys pile up until writes fail like noeviction.',
  ]);
  const d = ws.model.analysis(conf)!.diagnostics[0];
  assert.deepEqual(d.related?.map((r) => [r.uri, r.range.start.line, r.message]), [[ws.file('shop.cache.yaml'), 8, 'cache `products` (ttl never)']]);
  assert.deepEqual(afterFix(ws.model, conf, 'CW007'), { title: 'Set `maxmemory-policy allkeys-lru`', text: '# the cache\nmaxmemory 2gb\nmaxmemory-policy allkeys-lru\n' });
  // The other end names the file it found the Redis in.
  assert.ok(findings(ws.model, ws.file('shop.cache.yaml')).includes('CW007 9:21-9:26 Cache `products` never expires (`ttl.value: never`) but its backend `cache` (declared in cache/redis.conf) evicts with volatile-lru, which only evicts keys that have a TTL: these keys are never evicted and fill the backend until writes fail for every cache on it.'));
});

test('redis.conf without maxmemory and policy: Redis defaults reported at the first directive; the fix adds the policy line', async () => {
  const ws = await workspaceWith({ 'sessions-redis.conf': 'port 6379\nmaxmemory 0\n' });
  const conf = ws.file('sessions-redis.conf');
  assert.deepEqual(findings(ws.model, conf), [
    'CW007 1:1-1:5 Backend `sessions-redis` (redis) sets no `maxmemory-policy`: Redis then uses noeviction, so once its memory is full every write fails and reads fall through to the data sources.',
    'CW008 2:11-2:12 Backend `sessions-redis` (redis) has no `maxmemory`: Redis defaults to no limit (maxmemory 0), so it grows until the container is OOM-killed and restarts empty. Set `maxmemory` (≤ 75% of the container limit).',
  ]);
  assert.deepEqual(afterFix(ws.model, conf, 'CW007'), { title: 'Set `maxmemory-policy allkeys-lru`', text: 'port 6379\nmaxmemory 0\nmaxmemory-policy allkeys-lru\n' });
  assert.match(hoverAt(ws.model, conf, 'maxmemory 0')!, /^\*\*maxmemory\*\* — .*Default: `0`, no limit/s);
});

test('redis.conf: a suppression comment above the line silences the finding', async () => {
  const ws = await workspaceWith({ 'redis.conf': 'maxmemory 1gb\n# cache-warden-disable-next-line CW007 -- sessions must not be evicted\nmaxmemory-policy noeviction\n' });
  assert.deepEqual(findings(ws.model, ws.file('redis.conf')), []);
});

const NGINX = `events {}
http {
    proxy_cache_path /var/cache/nginx keys_zone=pages:10m max_size=1g inactive=60m;
    server {
        server_name shop.example.com;
        location /api/ {
            proxy_pass http://catalog:8080;
            proxy_cache pages;
            proxy_cache_valid 200 1m;
        }
        location /static/ {
            proxy_cache pages;
            proxy_cache_use_stale updating;
            proxy_cache_background_update on;
        }
        location /search/ {
            proxy_cache pages;
            proxy_cache_lock off;
        }
    }
}
`;

test('nginx: proxy_cache without lock or stale-while-updating is CW003 in nginx words; updating counts as protection; the fix adds proxy_cache_lock on', async () => {
  const ws = await workspaceWith({ 'gateway/nginx.conf': NGINX });
  const conf = ws.file('gateway/nginx.conf');
  const message = (where: string) => `\`proxy_cache pages\` in \`${where}\` has no stampede protection: \`proxy_cache_lock\` is off (nginx's default) and stale entries are not served while updating, so when a popular entry expires every concurrent request goes to the upstream at once. Add \`proxy_cache_lock on;\`, or \`proxy_cache_use_stale updating;\` with \`proxy_cache_background_update on;\`.`;
  assert.deepEqual(findings(ws.model, conf), [
    `CW003 8:25-8:30 ${message('location /api/')}`,
    // `proxy_cache_lock off` written: the finding is on the `off` that turns it off.
    `CW003 18:30-18:33 ${message('location /search/')}`,
  ]);
  const fixed = afterFix(ws.model, conf, 'CW003')!;
  assert.equal(fixed.title, 'Add stampede protection: `proxy_cache_lock on`');
  assert.equal(fixed.text, NGINX.replace('            proxy_cache pages;\n            proxy_cache_valid', '            proxy_cache pages;\n            proxy_cache_lock on;\n            proxy_cache_valid'));
  assert.match(hoverAt(ws.model, conf, 'proxy_cache_lock off')!, /^\*\*proxy_cache_lock\*\* `on \| off` — .*Default: `off`/s);
});

test('nginx: a config that does not parse is reported at the place, not skipped', async () => {
  const ws = await workspaceWith({ 'nginx.conf': 'http {\n  proxy_cache_path /c keys_zone=z:1m;\n  server {\n    proxy_cache z\n  }\n' });
  assert.deepEqual(findings(ws.model, ws.file('nginx.conf')).filter((f) => f.startsWith('format-syntax')), [
    'format-syntax 1:6-1:7 This nginx config does not parse: this block is never closed (missing "}"). Its cache settings are not checked until it does.',
    'format-syntax 4:5-4:16 This nginx config does not parse: the directive "proxy_cache" has no ending ";". Its cache settings are not checked until it does.',
  ]);
});

test('catalog: a Redis found in redis.conf is a resource node at its file; nginx caches are cache nodes of the gateway that front the proxied service', async () => {
  const ws = await workspaceWith({ 'cache/redis.conf': 'maxmemory 1gb\nmaxmemory-policy allkeys-lru\n', 'gateway/nginx.conf': NGINX, 'shop.cache.yaml': NO_TTL_CACHE });
  const redis = ws.model.catalog.entity('resource:cache')!;
  assert.deepEqual([redis.sources.map((s) => [s.file, s.line]), redis.type], [[[ws.file('cache/redis.conf'), 0]], 'redis']);
  const api = ws.model.catalog.entity('cache:gateway.pages (location /api/)')!;
  assert.deepEqual(api.sources.map((s) => [s.file, s.line]), [[ws.file('gateway/nginx.conf'), 7]]);
  const edges = ws.model.catalog.outgoing('cache:gateway.pages (location /api/)').filter((r) => !r.derived).map((r) => `${r.type} ${r.to}`).sort();
  assert.deepEqual(edges, ['backedBy resource:pages', 'fronts component:catalog']);
});

const DECLARED = `apiVersion: cache-warden/v1
kind: CacheLayer
metadata: { service: shop, owner: team-shop, docs: docs/shop.md }
spec:
  backends:
    - name: cache
      type: redis
      eviction: allkeys-lfu
      maxMemory: 6Gi
  caches: []
`;

test('CW014: a backend declared in a cache layer file and deployed by a redis.conf with another policy and limit is reported at both places', async () => {
  const ws = await workspaceWith({ 'cache/redis.conf': 'maxmemory 2gb\nmaxmemory-policy volatile-lru\n', 'shop.cache.yaml': DECLARED });
  assert.deepEqual(findings(ws.model, ws.file('shop.cache.yaml')).filter((f) => f.startsWith('CW014')), [
    'CW014 8:17-8:28 Backend `cache` is declared with eviction allkeys-lfu but deployed with volatile-lru (cache/redis.conf): the deployment does not match, so reviews of one miss what runs. Make them agree.',
    'CW014 9:18-9:21 Backend `cache` is declared with `maxMemory` 6Gi but deployed with 2Gi (cache/redis.conf): capacity planning and the real limit disagree. Make them agree.',
  ]);
  assert.deepEqual(findings(ws.model, ws.file('cache/redis.conf')).filter((f) => f.startsWith('CW014')), [
    'CW014 1:11-1:14 Backend `cache` is declared with `maxmemory` 6Gi but deployed with 2Gi (declared in shop.cache.yaml): capacity planning and the real limit disagree. Make them agree.',
    'CW014 2:18-2:30 Backend `cache` is declared with eviction allkeys-lfu but deployed with volatile-lru (declared in shop.cache.yaml): the declaration does not match, so reviews of one miss what runs. Make them agree.',
  ]);
  // Named by path instead of by name: the same comparison.
  const byPath = await workspaceWith({ 'deploy/redis.conf': 'maxmemory 6gb\nmaxmemory-policy volatile-lru\n', 'shop.cache.yaml': DECLARED.replace('maxMemory: 6Gi', 'maxMemory: 6Gi\n      deployedBy: deploy/redis.conf') });
  assert.deepEqual(findings(byPath.model, byPath.file('shop.cache.yaml')).filter((f) => f.startsWith('CW014')), [
    'CW014 8:17-8:28 Backend `cache` is declared with eviction allkeys-lfu but deployed with volatile-lru (deploy/redis.conf): the deployment does not match, so reviews of one miss what runs. Make them agree.',
  ]);
});

test('completion: Redis directives at the start of a line, eviction policies after maxmemory-policy; nginx on/off after proxy_cache_lock', async () => {
  const ws = await workspaceWith({ 'redis.conf': 'maxmemory 1gb\nmaxmemory-p\nmaxmemory-policy allkeys-l\n', 'nginx.conf': 'http {\n  proxy_cache_lo\n  proxy_cache_lock \n}\n' });
  const redis = ws.model.file(ws.file('redis.conf'))!;
  const complete = (text: string, at: number) => redis.adapted!.adapter.complete!(text, at).map((item) => `${item.kind} ${item.label}${item.replaceRange ? ` @${item.replaceRange.start.line}:${item.replaceRange.start.character}-${item.replaceRange.end.character}` : ''}`);
  assert.deepEqual(complete(redis.text, redis.text.indexOf('maxmemory-p\n') + 11), ['property maxmemory-policy @1:0-11']);
  assert.deepEqual(complete(redis.text, redis.text.indexOf('allkeys-l\n') + 9), ['value allkeys-lru @2:17-26', 'value allkeys-lfu @2:17-26']);
  assert.equal(complete('', 0).length, 11);
  const nginx = ws.model.file(ws.file('nginx.conf'))!;
  const completeNginx = (at: number) => nginx.adapted!.adapter.complete!(nginx.text, at).map((item) => `${item.kind} ${item.label}`);
  assert.deepEqual(completeNginx(nginx.text.indexOf('proxy_cache_lo\n') + 14), ['property proxy_cache_lock', 'property proxy_cache_lock_timeout', 'property proxy_cache_lock_age']);
  assert.deepEqual(completeNginx(nginx.text.indexOf('proxy_cache_lock \n') + 17), ['value on', 'value off']);
});

test('nginx in a Kubernetes ConfigMap: the block scalar is read like an nginx.conf, findings and hovers at their places inside it', async () => {
  const manifest = `apiVersion: v1
kind: ConfigMap
metadata:
  name: gateway
data:
  nginx.conf: |
    http {
      proxy_cache_path /cache keys_zone=pages:10m;
      server {
        location / {
          proxy_pass http://catalog-service:8080;
          proxy_cache pages;
        }
      }
    }
`;
  const ws = await workspaceWith({ 'k8s/gateway.yaml': manifest });
  const file = ws.file('k8s/gateway.yaml');
  assert.deepEqual(findings(ws.model, file).map((f) => f.slice(0, f.indexOf(' has no'))), ['CW003 12:23-12:28 `proxy_cache pages` in `location /`']);
  assert.match(hoverAt(ws.model, file, 'proxy_cache_path')!, /^\*\*proxy_cache_path\*\*/);
  assert.deepEqual(ws.model.catalog.outgoing('cache:gateway.pages (location /)').filter((r) => !r.derived).map((r) => `${r.type} ${r.to}`).sort(), ['backedBy resource:pages', 'fronts component:catalog-service']);
});
