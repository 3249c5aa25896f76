// The docker compose adapter: Redis/Valkey and memcached services as backends named after the
// service (and its aliases), their `command:` arguments read word by word with exact ranges, the
// container memory limit, fixes that rewrite or add arguments, and linking to caches elsewhere.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { adapterFor } from '../../../src/core/formats/registry';
import { afterFix, diagnostics, hoverAt, offered, related, shown, workspace } from './containerFormatsKit';

const CACHE_ON_REDIS = `apiVersion: cache-warden/v1
kind: CacheLayer
metadata:
  service: shop-api
  owner: team-shop
  docs: docs/shop.md
spec:
  backends:
    - name: local
      type: in-process
      maxMemory: 1Gi
  caches:
    - name: products
      backend: redis
      stampede: { mode: coalesce }
      fronts: { name: shop-db }
`;

test('compose: recognised by file name; a cache layer file named compose.cache.yaml is not', () => {
  assert.equal(adapterFor('docker-compose.yml', 'services: {}\n')?.id, 'compose');
  assert.equal(adapterFor('deploy/docker-compose.prod.yaml', 'services: {}\n')?.id, 'compose');
  assert.equal(adapterFor('compose.yaml', 'services: {}\n')?.id, 'compose');
  assert.equal(adapterFor('compose.cache.yaml', 'apiVersion: cache-warden/v1\nkind: CacheLayer\n')?.id, undefined);
});

test('compose: a volatile-lru Redis and a cache without a TTL on it report CW007 at both ends, with related locations', async () => {
  const ws = await workspace({
    'docker-compose.yml': `services:
  redis:
    image: redis:7
    command: ["redis-server", "--maxmemory", "768mb", "--maxmemory-policy", "volatile-lru"]
    mem_limit: 1g
`,
    'shop.cache.yaml': CACHE_ON_REDIS,
  });
  assert.deepEqual(shown(ws, 'docker-compose.yml'), [
    'CW007 4:77-4:91 Backend `redis` evicts with volatile-lru, which only evicts keys that have a TTL, but `products` writes keys without one (no ttl), declared in shop.cache.yaml: those keys pile up until writes fail like noeviction.',
  ]);
  const [backendSide] = diagnostics(ws, 'docker-compose.yml', 'CW007');
  assert.deepEqual(related(ws, backendSide), ['shop.cache.yaml 13:7-13:21 cache `products` (no ttl)']);
  const cacheSide = diagnostics(ws, 'shop.cache.yaml', 'CW007');
  assert.equal(cacheSide.length, 1);
  assert.equal(cacheSide[0].message, 'Cache `products` has no `ttl.value` but its backend `redis` (declared in docker-compose.yml) evicts with volatile-lru, which only evicts keys that have a TTL: these keys are never evicted and fill the backend until writes fail for every cache on it.');
  assert.deepEqual(related(ws, cacheSide[0]), ['docker-compose.yml 4:77-4:91 backend `redis` eviction: volatile-lru']);
  // The fix rewrites the list item, in its quotes.
  const fixed = afterFix(ws, 'docker-compose.yml', 'CW007');
  assert.equal(fixed.title, 'Set `--maxmemory-policy allkeys-lru`');
  assert.equal(fixed.text, `services:
  redis:
    image: redis:7
    command: ["redis-server", "--maxmemory", "768mb", "--maxmemory-policy", "allkeys-lru"]
    mem_limit: 1g
`);
});

test('compose: container_name, hostname and network aliases are names of the backend', async () => {
  const ws = await workspace({
    'docker-compose.yml': `services:
  cache:
    image: bitnami/redis:7.2
    container_name: shop-redis
    hostname: redis-host
    networks:
      backend:
        aliases: [redis]
    command: /opt/bitnami/scripts/redis/run.sh --maxmemory 1gb --maxmemory-policy volatile-ttl
`,
    'shop.cache.yaml': CACHE_ON_REDIS,
  });
  assert.equal(shown(ws, 'shop.cache.yaml', 'CW007').length, 1);
  assert.match(diagnostics(ws, 'shop.cache.yaml', 'CW007')[0].message, /its backend `cache` \(declared in docker-compose\.yml\) evicts with volatile-ttl/);
});

test('compose: a string command without a policy — CW007 at the service, the fix adds the argument inside the string (after the program: `""` has no place of its own)', async () => {
  const ws = await workspace({
    'docker-compose.yml': `services:
  sessions:
    image: redis:7-alpine
    command: redis-server --maxmemory 512mb --save ""
    deploy:
      resources:
        limits:
          memory: 1G
`,
  });
  assert.deepEqual(shown(ws, 'docker-compose.yml'), [
    'CW007 2:3-2:11 Backend `sessions` (redis) sets no `--maxmemory-policy`: Redis then uses noeviction, so once its 512Mi is full every write fails and reads fall through to the data sources.',
  ]);
  assert.equal(afterFix(ws, 'docker-compose.yml', 'CW007').text, `services:
  sessions:
    image: redis:7-alpine
    command: redis-server --maxmemory-policy allkeys-lru --maxmemory 512mb --save ""
    deploy:
      resources:
        limits:
          memory: 1G
`);
});

test('compose: CW008 compares --maxmemory with mem_limit (docker sizes are binary); the fix writes 75% in Redis units', async () => {
  const ws = await workspace({
    'docker-compose.yml': `services:
  redis:
    image: redis:7
    command:
      - redis-server
      - --maxmemory
      - 1gb
      - --maxmemory-policy
      - allkeys-lru
    mem_limit: 1g
`,
  });
  assert.deepEqual(shown(ws, 'docker-compose.yml'), [
    'CW008 7:9-7:12 `--maxmemory` 1Gi is 100% of `mem_limit` 1Gi: replication buffers, fragmentation and forks need the rest, so the container is OOM-killed before eviction starts. Keep it at or below 768Mi (75%).',
  ]);
  const fixed = afterFix(ws, 'docker-compose.yml', 'CW008');
  assert.equal(fixed.title, 'Set `--maxmemory 768mb`');
  assert.equal(fixed.text.split('\n')[6], '      - 768mb');
});

test('compose: a block list gets new items at its indentation; no maxmemory and a limit: CW008 adds 75%', async () => {
  const ws = await workspace({
    'docker-compose.yml': `services:
  redis:
    image: redis:7
    command:
      - redis-server
      - '--maxmemory-policy'
      - 'allkeys-lfu'
    mem_limit: 2g
`,
  });
  assert.deepEqual(shown(ws, 'docker-compose.yml'), [
    'CW008 2:3-2:8 Backend `redis` (redis) has no `--maxmemory`: Redis defaults to no limit (maxmemory 0), so it grows until the container is OOM-killed and restarts empty. Set `--maxmemory` (≤ 75% of the container limit).',
  ]);
  assert.equal(afterFix(ws, 'docker-compose.yml', 'CW008').text, `services:
  redis:
    image: redis:7
    command:
      - redis-server
      - '--maxmemory-policy'
      - 'allkeys-lfu'
      - '--maxmemory'
      - '1536mb'
    mem_limit: 2g
`);
});

test('compose: the official image with no command — the fix adds a command after `image:`', async () => {
  const ws = await workspace({
    'docker-compose.yml': `services:
  redis:
    image: redis:7 # pinned
    ports: ["6379:6379"]
`,
  });
  assert.deepEqual(shown(ws, 'docker-compose.yml').map((line) => line.slice(0, 40)), [
    'CW007 2:3-2:8 Backend `redis` (redis) se',
    'CW008 2:3-2:8 Backend `redis` (redis) ha',
  ]);
  assert.equal(afterFix(ws, 'docker-compose.yml', 'CW007').text, `services:
  redis:
    image: redis:7 # pinned
    command: ["redis-server", "--maxmemory-policy", "allkeys-lru"]
    ports: ["6379:6379"]
`);
  // Without a container limit there is no size to propose.
  assert.deepEqual(offered(ws, 'docker-compose.yml', diagnostics(ws, 'docker-compose.yml', 'CW008')[0]), []);
});

test('compose: shell form `sh -c "redis-server …"` — words inside the quoted script have exact ranges', async () => {
  const ws = await workspace({
    'docker-compose.yml': `services:
  redis:
    image: redis:7
    entrypoint: ["sh", "-c"]
    command: ["redis-server --maxmemory 100mb --maxmemory-policy noeviction && echo done"]
    mem_limit: 128m
`,
  });
  assert.deepEqual(shown(ws, 'docker-compose.yml'), [
    'CW008 5:41-5:46 `--maxmemory` 100Mi is 78.13% of `mem_limit` 128Mi: replication buffers, fragmentation and forks need the rest, so the container is OOM-killed before eviction starts. Keep it at or below 96Mi (75%).',
    'CW007 5:66-5:76 Backend `redis` has `--maxmemory-policy noeviction` but role cache: once its 100Mi is full every write fails instead of dropping old entries, so caches stop caching and reads fall through to their data sources.',
  ]);
  assert.equal(afterFix(ws, 'docker-compose.yml', 'CW007').text.split('\n')[4], '    command: ["redis-server --maxmemory 100mb --maxmemory-policy allkeys-lru && echo done"]');
  assert.equal(afterFix(ws, 'docker-compose.yml', 'CW008').text.split('\n')[4], '    command: ["redis-server --maxmemory 96mb --maxmemory-policy noeviction && echo done"]');
});

test('compose: a config file we cannot see — what it leaves unset is unknown, what the arguments after it write is checked', async () => {
  const ws = await workspace({
    'docker-compose.yml': `services:
  redis:
    image: redis:7
    command: redis-server /usr/local/etc/redis/redis.conf
    volumes: ["/srv/redis.conf:/usr/local/etc/redis/redis.conf"]
  sessions:
    image: redis:7
    command: redis-server /usr/local/etc/redis/redis.conf --maxmemory-policy noeviction
`,
  });
  assert.deepEqual(shown(ws, 'docker-compose.yml').map((line) => line.split(' ').slice(0, 2).join(' ')), ['CW007 8:78-8:88']);
});

test('compose: memcached -M reports CW007 in memcached words; the fix removes -M; -m defaults to 64 MB; exactly 75% passes', async () => {
  const ws = await workspace({
    'docker-compose.yml': `services:
  memcached:
    image: memcached:1.6-alpine
    command: memcached -m 96 -M -I 1m -c 1024
    mem_limit: 128m
  sessions-mc:
    image: memcached
    command: ["-M"]
    mem_limit: 64m
`,
  });
  assert.deepEqual(shown(ws, 'docker-compose.yml'), [
    'CW007 4:30-4:32 Backend `memcached` has `-M (--disable-evictions)` but role cache: once its 96Mi is full every write fails instead of dropping old entries, so caches stop caching and reads fall through to their data sources.',
    // No `-m`: memcached's 64 MB default, located at the service.
    'CW008 6:3-6:14 `-m (--memory-limit)` 64Mi is 100% of `mem_limit` 64Mi: replication buffers, fragmentation and forks need the rest, so the container is OOM-killed before eviction starts. Keep it at or below 48Mi (75%).',
    'CW007 8:15-8:19 Backend `sessions-mc` has `-M (--disable-evictions)` but role cache: once its 64Mi is full every write fails instead of dropping old entries, so caches stop caching and reads fall through to their data sources.',
  ]);
  assert.equal(afterFix(ws, 'docker-compose.yml', 'CW007').text.split('\n')[3], '    command: memcached -m 96 -I 1m -c 1024');
  assert.match(hoverAt(ws, 'docker-compose.yml', '-m 96') ?? '', /^\*\*-m, --memory-limit\*\*/);
  assert.match(hoverAt(ws, 'docker-compose.yml', '-M -I') ?? '', /Default: off \(memcached evicts\)/);
});

test('compose: hovers on arguments and limits say meaning, default and the failure prevented', async () => {
  const ws = await workspace({
    'docker-compose.yml': `services:
  redis:
    image: redis:7
    command: ["redis-server", "--maxmemory-policy", "allkeys-lru", "--maxmemory", "256mb"]
    mem_limit: 512m
`,
  });
  assert.deepEqual(shown(ws, 'docker-compose.yml'), []);
  assert.match(hoverAt(ws, 'docker-compose.yml', '--maxmemory-policy', 3) ?? '', /^\*\*maxmemory-policy\*\* — what Redis does when `maxmemory` is reached\.\n\nDefault: `noeviction`/);
  assert.match(hoverAt(ws, 'docker-compose.yml', 'mem_limit') ?? '', /^\*\*mem_limit\*\* — the container's memory limit .*\n\nUnset: no limit but the host's memory\. A cache server that grows past the limit is OOM-killed and restarts empty/);
});

test('compose: a file that is not valid YAML gets format-syntax at the error, not silence', async () => {
  const ws = await workspace({ 'docker-compose.yml': 'services:\n  redis:\n    image: [redis\n' });
  const syntax = diagnostics(ws, 'docker-compose.yml', 'format-syntax');
  assert.equal(syntax.length, 1);
  assert.deepEqual(syntax[0].range.start, { line: 3, character: 0 });
  assert.match(syntax[0].message, /^This docker compose file is not valid YAML \(.+\), so its cache settings are not checked until it parses\.$/);
  const bad = await workspace({ 'compose.yaml': 'services: [redis]\n' });
  assert.deepEqual(shown(bad, 'compose.yaml'), ['format-syntax 1:1-1:9 In this docker compose file `services` is not a mapping of service names to services, so no service is read.']);
});

test('compose: services that are not cache servers, and apps that only name a Redis host, add nothing', async () => {
  const ws = await workspace({
    'docker-compose.yml': `services:
  api:
    image: shop-api:1
    environment:
      REDIS_HOST: redis
  exporter:
    image: oliver006/redis_exporter
`,
  });
  assert.deepEqual(shown(ws, 'docker-compose.yml'), []);
  assert.deepEqual(ws.model.file(ws.file('docker-compose.yml'))?.adapted?.file?.layers, []);
});

test('compose: Spring settings in `environment` (map or KEY=value list) are read like application.yml and link by host', async () => {
  const ws = await workspace({
    'docker-compose.yml': `services:
  redis:
    image: redis:7
    command: redis-server --maxmemory 256mb --maxmemory-policy volatile-lru
    mem_limit: 512m
  api:
    image: shop-api:1
    environment:
      SPRING_CACHE_TYPE: redis
      SPRING_DATA_REDIS_HOST: redis
      SPRING_CACHE_CACHE_NAMES: products
  worker:
    image: shop-worker:1
    environment:
      - SPRING_CACHE_TYPE=redis
      - SPRING_DATA_REDIS_HOST=redis
      - SPRING_CACHE_REDIS_TIME_TO_LIVE=0
`,
  });
  assert.deepEqual(shown(ws, 'docker-compose.yml'), [
    'CW007 4:64-4:76 Backend `redis` evicts with volatile-lru, which only evicts keys that have a TTL, but `products` and `worker` write keys without one (no ttl / ttl never): those keys pile up until writes fail like noeviction.',
    'CW001 9:7-9:24 Cache `products` has no `SPRING_CACHE_REDIS_TIME_TO_LIVE`: most clients then keep entries forever (Spring, Redis SET without EX), so the data source changes are never seen and memory fills up. Set a duration such as `10m`, or `never` with invalidation triggers.',
    'CW007 9:7-9:24 Cache `products` has no `SPRING_CACHE_REDIS_TIME_TO_LIVE` but its backend `redis` evicts with volatile-lru, which only evicts keys that have a TTL: these keys are never evicted and fill the backend until writes fail for every cache on it.',
    'CW001 17:41-17:42 `SPRING_CACHE_REDIS_TIME_TO_LIVE` is 0, which Spring reads as never expire: entries of cache `worker` stay until the code evicts them (`@CacheEvict`), so changes to the data source are never seen. Set a duration such as `10m`.',
    'CW007 17:41-17:42 Cache `worker` never expires (`SPRING_CACHE_REDIS_TIME_TO_LIVE=0`, which Spring reads as never expire) but its backend `redis` evicts with volatile-lru, which only evicts keys that have a TTL: these keys are never evicted and fill the backend until writes fail for every cache on it.',
  ]);
  // The time-to-live fix adds the variable in the environment's own style.
  const fixed = afterFix(ws, 'docker-compose.yml', 'CW001');
  assert.equal(fixed.text.split('\n').slice(10, 12).join('\n'), '      SPRING_CACHE_CACHE_NAMES: products\n      SPRING_CACHE_REDIS_TIME_TO_LIVE: 10m');
  const hover = hoverAt(ws, 'docker-compose.yml', 'SPRING_CACHE_REDIS_TIME_TO_LIVE', 3);
  assert.ok(hover && /time-to-live/.test(hover), hover);
});

test('compose + application.yml: a Spring app on host `redis` without a time-to-live and a volatile-lru compose Redis — CW007 at both ends', async () => {
  const ws = await workspace({
    'docker-compose.yml': `services:
  redis:
    image: redis:7
    command: ["redis-server", "--maxmemory", "256mb", "--maxmemory-policy", "volatile-lru"]
    mem_limit: 512m
`,
    'src/main/resources/application.yml': `spring:
  cache:
    type: redis
    cache-names: products
  data:
    redis:
      host: redis
`,
  });
  const backendSide = diagnostics(ws, 'docker-compose.yml', 'CW007');
  assert.equal(backendSide.length, 1);
  assert.match(backendSide[0].message, /^Backend `redis` evicts with volatile-lru, which only evicts keys that have a TTL, but `products` writes keys without one \(no ttl\), declared in src\/main\/resources\/application\.yml: those keys pile up until writes fail like noeviction\.$/);
  assert.deepEqual(related(ws, backendSide[0]).map((r) => r.split(' ')[0]), ['src/main/resources/application.yml']);
  const appSide = diagnostics(ws, 'src/main/resources/application.yml', 'CW007');
  assert.equal(appSide.length, 1);
  assert.match(appSide[0].message, /its backend `redis` \(declared in docker-compose\.yml\) evicts with volatile-lru/);
  assert.deepEqual(related(ws, appSide[0]), ['docker-compose.yml 4:77-4:91 backend `redis` eviction: volatile-lru']);
});

test('compose: Bitnami images take arguments from REDIS_EXTRA_FLAGS (map or list); the fix writes into the variable', async () => {
  const ws = await workspace({
    'docker-compose.yml': `services:
  cache:
    image: bitnami/redis:7.2
    environment:
      - ALLOW_EMPTY_PASSWORD=yes
      - REDIS_EXTRA_FLAGS=--maxmemory 400mb
    mem_limit: 512m
  other:
    image: docker.io/bitnami/redis:7.2
    environment:
      REDIS_EXTRA_FLAGS: "--maxmemory-policy volatile-lru --maxmemory 100mb"
`,
  });
  assert.deepEqual(shown(ws, 'docker-compose.yml'), [
    'CW007 2:3-2:8 Backend `cache` (redis) sets no `--maxmemory-policy`: Redis then uses noeviction, so once its 400Mi is full every write fails and reads fall through to the data sources.',
    'CW008 6:39-6:44 `--maxmemory` 400Mi is 78.13% of `mem_limit` 512Mi: replication buffers, fragmentation and forks need the rest, so the container is OOM-killed before eviction starts. Keep it at or below 384Mi (75%).',
  ]);
  assert.equal(afterFix(ws, 'docker-compose.yml', 'CW007').text.split('\n')[5], '      - REDIS_EXTRA_FLAGS=--maxmemory 400mb --maxmemory-policy allkeys-lru');
  assert.equal(afterFix(ws, 'docker-compose.yml', 'CW008').text.split('\n')[5], '      - REDIS_EXTRA_FLAGS=--maxmemory 384mb');
  // The map form is read too: volatile-lru with no cache on it that lacks a TTL is fine.
  const backends = ws.model.file(ws.file('docker-compose.yml'))?.adapted?.file?.layers.map((l) => (l.doc.value as { spec: { backends: { name: string; eviction?: string }[] } }).spec.backends[0]);
  assert.deepEqual(backends?.map((b) => `${b.name} ${b.eviction}`), ['cache undefined', 'other volatile-lru']);
});

test('compose: a command merged from an anchor (`<<: *redis`) is read, shown at the service, and not edited', async () => {
  const ws = await workspace({
    'docker-compose.yml': `x-redis: &redis
  image: redis:7
  command: ["redis-server", "--maxmemory-policy", "noeviction", "--maxmemory", "100mb"]
services:
  a:
    <<: *redis
    mem_limit: 1g
`,
  });
  assert.deepEqual(shown(ws, 'docker-compose.yml').map((line) => line.slice(0, 60)), [
    'CW007 5:3-5:4 Backend `a` has `--maxmemory-policy noeviction',
  ]);
  assert.deepEqual(offered(ws, 'docker-compose.yml', diagnostics(ws, 'docker-compose.yml', 'CW007')[0]), []);
});
