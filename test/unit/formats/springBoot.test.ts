// Spring Boot's application.yml / application.properties read by the adapter, through the real
// workspace model: findings at the real key (inside the CaffeineSpec string when that is where the
// setting goes), in Spring's words, profiles as layers, the link to the Redis declared elsewhere,
// hovers, and quick fixes whose result is the exact text a user gets.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { offeredFixes } from '../../../src/core/rules/fixCheck';
import { cleanup, runCli, tempDir, write } from '../cli/cliTestKit';
import { afterFix, findings, hoverAt, workspaceWith } from './adapterHarness';

const RES = 'catalog/src/main/resources';

test('application.yml with Redis and no time-to-live: CW001 at `redis:` in Spring\'s words; the fix inserts `time-to-live: 10m` under it', async () => {
  const yml = [
    'spring:',
    '  cache:',
    '    type: redis',
    '    redis:',
    '      key-prefix: "catalog:v2:"',
    '  data:',
    '    redis:',
    '      host: redis.cache.svc.cluster.local',
    '  datasource:',
    '    url: jdbc:postgresql://catalog-db:5432/catalog',
    '',
  ].join('\n');
  const ws = await workspaceWith({ [`${RES}/application.yml`]: yml });
  const file = ws.file(`${RES}/application.yml`);
  assert.deepEqual(findings(ws.model, file), [
    'CW001 4:5-4:10 Cache `catalog` has no `spring.cache.redis.time-to-live`: most clients then keep entries forever (Spring, Redis SET without EX), so catalog-db changes are never seen and memory fills up. Set a duration such as `10m`, or `never` with invalidation triggers.',
  ]);
  assert.deepEqual(afterFix(ws.model, file, 'CW001'), {
    title: 'Set `spring.cache.redis.time-to-live: 10m`',
    text: yml.replace('      key-prefix: "catalog:v2:"\n', '      key-prefix: "catalog:v2:"\n      time-to-live: 10m\n'),
  });
  assert.match(hoverAt(ws.model, file, 'key-prefix')!, /^\*\*spring\.cache\.redis\.key-prefix\*\* — /);
  assert.match(hoverAt(ws.model, file, 'host:')!, /first DNS label/);
  assert.match(hoverAt(ws.model, file, 'url:')!, /`catalog-db`/);
});

test('the fix adds the mappings that are missing, at the file\'s indentation', async () => {
  const yml = 'spring:\n    application:\n        name: orders\n    cache:\n        type: redis\n';
  const ws = await workspaceWith({ 'application.yml': yml });
  const file = ws.file('application.yml');
  assert.deepEqual(findings(ws.model, file), [
    'CW001 4:5-4:10 Cache `orders` has no `spring.cache.redis.time-to-live`: most clients then keep entries forever (Spring, Redis SET without EX), so the data source changes are never seen and memory fills up. Set a duration such as `10m`, or `never` with invalidation triggers.',
  ]);
  assert.equal(afterFix(ws.model, file, 'CW001')?.text, 'spring:\n    application:\n        name: orders\n    cache:\n        type: redis\n        redis:\n            time-to-live: 10m\n');
});

test('flat dotted keys and camelCase keys in YAML are the same settings; the fix writes the dotted key', async () => {
  const ws = await workspaceWith({
    'a/application.yml': 'spring.cache.type: redis\nspring.cache.redis.timeToLive: 5m\n',
    'b/application.yml': 'spring.application.name: billing\nspring.cache.type: redis\n',
  });
  assert.deepEqual(findings(ws.model, ws.file('a/application.yml')), []);
  const b = ws.file('b/application.yml');
  assert.deepEqual(findings(ws.model, b).map((f) => f.slice(0, 40)), ['CW001 2:1-2:18 Cache `billing` has no `s']);
  assert.equal(afterFix(ws.model, b, 'CW001')?.text, 'spring.application.name: billing\nspring.cache.type: redis\nspring.cache.redis.time-to-live: 10m\n');
  assert.equal(hoverAt(ws.model, ws.file('a/application.yml'), 'timeToLive', 4),
    '**spring.cache.redis.time-to-live** — How long entries live in Redis (`10m`, `30s`, `1h`, ISO `PT10M`; a bare number is milliseconds). Applies to every cache of the Redis cache manager.\n\n'
    + '**Default:** unset: entries never expire (`0` also means never expire).\n\n'
    + '**Prevents:** Without it, database changes are never seen and keys without a TTL pile up; on a `volatile-*` Redis they can never be evicted, so it fills until writes fail (CW001, CW007).');
});

test('cross-file: the app\'s Redis host links to the redis.conf of that name; volatile-lru plus no time-to-live is CW007 at both ends', async () => {
  const ws = await workspaceWith({
    [`${RES}/application.properties`]: 'spring.cache.type=redis\nspring.cache.cache-names=products\nspring.data.redis.host=cache.internal\n',
    'cache/redis.conf': 'maxmemory 1gb\nmaxmemory-policy volatile-lru\n',
  });
  const props = ws.file(`${RES}/application.properties`);
  assert.deepEqual(findings(ws.model, props), [
    'CW001 1:1-1:18 Cache `products` has no `spring.cache.redis.time-to-live`: most clients then keep entries forever (Spring, Redis SET without EX), so the data source changes are never seen and memory fills up. Set a duration such as `10m`, or `never` with invalidation triggers.',
    'CW007 1:1-1:18 Cache `products` has no `spring.cache.redis.time-to-live` but its backend `cache` (declared in cache/redis.conf) evicts with volatile-lru, which only evicts keys that have a TTL: these keys are never evicted and fill the backend until writes fail for every cache on it.',
  ]);
  assert.deepEqual(findings(ws.model, ws.file('cache/redis.conf')), [
    `CW007 2:18-2:30 Backend \`cache\` evicts with volatile-lru, which only evicts keys that have a TTL, but \`products\` writes keys without one (no ttl), declared in ${RES}/application.properties: those keys pile up until writes fail like noeviction.`,
  ]);
  // In .properties the fix is the dotted key on a new line after the last spring.cache entry.
  assert.deepEqual(afterFix(ws.model, props, 'CW001'), {
    title: 'Set `spring.cache.redis.time-to-live=10m`',
    text: 'spring.cache.type=redis\nspring.cache.cache-names=products\nspring.cache.redis.time-to-live=10m\nspring.data.redis.host=cache.internal\n',
  });
});

test('a time-to-live of 0 means never expire in Spring Data Redis', async () => {
  const ws = await workspaceWith({ 'application.properties': 'spring.cache.type=redis\nspring.cache.redis.time-to-live=0\n' });
  assert.deepEqual(findings(ws.model, ws.file('application.properties')), [
    'CW001 2:33-2:34 `spring.cache.redis.time-to-live` is 0, which Spring reads as never expire: entries of cache `application` stay until the code evicts them (`@CacheEvict`), so changes to the data source are never seen. Set a duration such as `10m`.',
  ]);
});

test('Caffeine spec in a quoted YAML string: CW001 and CW008 inside the quotes, option hovers at the exact token', async () => {
  const yml = 'spring:\n  cache:\n    type: caffeine\n    cache-names: [products, prices]\n    caffeine:\n      spec: "recordStats,initialCapacity=100"\n';
  const ws = await workspaceWith({ 'svc/application.yml': yml });
  const file = ws.file('svc/application.yml');
  assert.deepEqual(findings(ws.model, file), [
    'CW001 6:14-6:45 Cache `products` has no `expireAfterWrite`: most clients then keep entries forever (Spring, Redis SET without EX), so the data source changes are never seen and memory fills up. Set a duration such as `10m`, or `never` with invalidation triggers.',
    'CW001 6:14-6:45 Cache `prices` has no `expireAfterWrite`: most clients then keep entries forever (Spring, Redis SET without EX), so the data source changes are never seen and memory fills up. Set a duration such as `10m`, or `never` with invalidation triggers.',
    'CW008 6:14-6:45 In-process cache `products` has no `maximumSize` or `maximumWeight` and backend `svc-caffeine` no `maximumWeight`: it grows with every distinct key until the service runs out of heap. Set `maximumSize`.',
    'CW008 6:14-6:45 In-process cache `prices` has no `maximumSize` or `maximumWeight` and backend `svc-caffeine` no `maximumWeight`: it grows with every distinct key until the service runs out of heap. Set `maximumSize`.',
  ]);
  assert.match(hoverAt(ws.model, file, 'initialCapacity')!, /^\*\*initialCapacity\*\* \(Caffeine spec\)/);
  assert.match(hoverAt(ws.model, file, 'recordStats')!, /^\*\*recordStats\*\*/);
});

test('Caffeine spec: maximumSize and expireAfterWrite are read from inside the string (exact token ranges); the fix appends expireAfterWrite to the spec', async () => {
  const props = 'spring.cache.type=caffeine\nspring.cache.caffeine.spec=maximumSize=500,\\\n    expireAfterAccess=5m\n';
  const ws = await workspaceWith({ 'app/application.properties': props, 'app2/application.yml': 'spring:\n  cache:\n    caffeine:\n      spec: maximumSize=500\n' });
  assert.deepEqual(findings(ws.model, ws.file('app/application.properties')), []);
  const entry = ws.model.file(ws.file('app/application.properties'))!;
  const layer = entry.adapted!.file!.layers[0];
  const text = entry.text;
  const at = (pointer: string) => {
    const loc = layer.doc.locations.get(pointer)!;
    return [text.slice(loc.key!.start, loc.key!.end), text.slice(loc.value.start, loc.value.end)];
  };
  assert.deepEqual(at('/spec/caches/0/capacity/maxEntries'), ['maximumSize', '500']);
  assert.deepEqual(at('/spec/caches/0/ttl/value'), ['expireAfterAccess', '5m']);
  assert.deepEqual((layer.doc.value as { spec: { caches: unknown[] } }).spec.caches[0], {
    name: 'app', backend: 'app-caffeine', criticality: 'hot', ttl: { value: '5m' }, capacity: { maxEntries: 500 },
  });
  assert.match(hoverAt(ws.model, ws.file('app/application.properties'), 'expireAfterAccess')!, /^\*\*expireAfterAccess\*\* \(Caffeine spec\)/);
  // The type is inferred from the spec; the fix appends to the plain scalar.
  const yml = ws.file('app2/application.yml');
  assert.deepEqual(findings(ws.model, yml), [
    'CW001 4:13-4:28 Cache `app2` has no `expireAfterWrite`: most clients then keep entries forever (Spring, Redis SET without EX), so the data source changes are never seen and memory fills up. Set a duration such as `10m`, or `never` with invalidation triggers.',
  ]);
  assert.deepEqual(afterFix(ws.model, yml, 'CW001'), { title: 'Set `expireAfterWrite=10m`', text: 'spring:\n  cache:\n    caffeine:\n      spec: maximumSize=500,expireAfterWrite=10m\n' });
});

test('profiles: each profile document is its own layer and reports only what it sets; `type: none` is CW002 in prod, not in dev', async () => {
  const yml = [
    'spring:',
    '  cache:',
    '    type: redis',
    '    redis:',
    '      time-to-live: 10m',
    '---',
    'spring:',
    '  config:',
    '    activate:',
    '      on-profile: dev',
    '  cache:',
    '    type: none',
    '---',
    'spring.config.activate.on-profile: prod',
    'spring.cache.type: none',
    '---',
    'spring.profiles: staging',
    'spring.cache.redis.time-to-live: 0',
    '',
  ].join('\n');
  const ws = await workspaceWith({ 'shop/application.yml': yml });
  assert.deepEqual(findings(ws.model, ws.file('shop/application.yml')), [
    '`spring.cache.type: none` is set on cache `shop`, which is hot (criticality: hot): every read goes straight to the data source. Enable it, or add `# cache-warden-disable-next-line CW002 -- <reason, until when>` if this is deliberate and temporary.',
    'CW001 18:34-18:35 `spring.cache.redis.time-to-live` is 0, which Spring reads as never expire: entries of cache `shop` stay until the code evicts them (`@CacheEvict`), so changes to the data source are never seen. Set a duration such as `10m`.',
  ].map((m, i) => (i === 0 ? `CW002 15:20-15:24 ${m}` : m)));
  const layers = ws.model.file(ws.file('shop/application.yml'))!.adapted!.file!.layers;
  assert.deepEqual(layers.map((l) => [...l.rules].sort()), [['CW001', 'CW007'], ['CW002'], ['CW002'], ['CW001', 'CW007']]);
});

test('profiles: the base\'s missing TTL is reported in the base even when a profile sets one; the profile layer is clean', async () => {
  const ws = await workspaceWith({ 'application.yml': 'spring:\n  cache:\n    type: redis\n---\nspring:\n  config.activate.on-profile: prod\n  cache.redis.time-to-live: 15m\n' });
  assert.deepEqual(findings(ws.model, ws.file('application.yml')).map((f) => f.slice(0, 40)), ['CW001 2:3-2:8 Cache `application` has no']);
});

test('application-prod.yml inherits application.yml next to it: cache names from the base, findings only about its own settings', async () => {
  const ws = await workspaceWith({
    [`${RES}/application.yml`]: 'spring:\n  cache:\n    type: redis\n    cache-names: products\n    redis:\n      time-to-live: 10m\n  data.redis.host: cache\n',
    [`${RES}/application-prod.yml`]: 'spring:\n  cache:\n    redis:\n      time-to-live: 0\n',
    'cache/redis.conf': 'maxmemory 1gb\nmaxmemory-policy allkeys-lru\n',
  });
  const prod = ws.file(`${RES}/application-prod.yml`);
  assert.deepEqual(findings(ws.model, prod), [
    'CW001 4:21-4:22 `spring.cache.redis.time-to-live` is 0, which Spring reads as never expire: entries of cache `products` stay until the code evicts them (`@CacheEvict`), so changes to the data source are never seen. Set a duration such as `10m`.',
  ]);
  assert.deepEqual(findings(ws.model, ws.file(`${RES}/application.yml`)), []);
});

test('format-syntax: YAML that does not parse, a CaffeineSpec Caffeine refuses, a malformed escape in .properties', async () => {
  const ws = await workspaceWith({
    'a/application.yml': 'spring:\n  cache:\n    type: [redis\n',
    'b/application.yml': 'spring:\n  cache:\n    caffeine:\n      spec: maximumSize=lots,expireAfterWrite=10m\n',
    'c/application.properties': 'spring.cache.type=simple\nspring.application.name=x\\u12\n',
  });
  const a = findings(ws.model, ws.file('a/application.yml')).filter((f) => f.startsWith('format-syntax'));
  assert.equal(a.length, 1);
  assert.match(a[0], /^format-syntax \d+:\d+-\d+:\d+ This Spring Boot application\.yml does not parse as YAML: .*\. Its cache settings are not checked until it does\.$/);
  assert.deepEqual(findings(ws.model, ws.file('b/application.yml')), [
    'CW008 4:13-4:50 In-process cache `b` has no `maximumSize` or `maximumWeight` and backend `b-caffeine` no `maximumWeight`: it grows with every distinct key until the service runs out of heap. Set `maximumSize`.',
    'format-syntax 4:25-4:29 Spring Boot cannot read this setting: `spring.cache.caffeine.spec` does not parse: `maximumSize` must be a whole number, not `lots`; the application fails to start.',
  ]);
  assert.deepEqual(findings(ws.model, ws.file('c/application.properties')).filter((f) => f.startsWith('format-syntax')), [
    'format-syntax 2:26-2:30 This Spring Boot application.properties does not parse: malformed \\uXXXX escape `\\u12` (four hex digits expected). Spring refuses to load it.',
  ]);
});

test('no spring.cache settings: nothing is modelled (a Redis connection alone may be sessions or data), but the keys still have hovers', async () => {
  const ws = await workspaceWith({ 'application.properties': 'spring.data.redis.host=sessions\nserver.port=8080\n' });
  const file = ws.file('application.properties');
  assert.deepEqual(findings(ws.model, file), []);
  assert.equal(ws.model.file(file)!.adapted!.file!.layers.length, 0);
  assert.match(hoverAt(ws.model, file, 'spring.data.redis.host')!, /^\*\*spring\.data\.redis\.host\*\* — .*\*\*Default:\*\* `localhost`\./s);
  assert.equal(hoverAt(ws.model, file, 'server.port'), undefined);
});

test('several cache names share one time-to-live: the fix of either finding sets it for all of them', async () => {
  const yml = 'spring:\n  cache:\n    type: redis\n    cache-names:\n      - products\n      - prices\n    redis:\n      use-key-prefix: true\n';
  const ws = await workspaceWith({ 'application.yml': yml });
  const file = ws.file('application.yml');
  assert.deepEqual(findings(ws.model, file).map((f) => f.slice(0, 44)), ['CW001 7:5-7:10 Cache `products` has no `spri', 'CW001 7:5-7:10 Cache `prices` has no `spring']);
  const fixed = yml + '      time-to-live: 10m\n';
  assert.deepEqual(afterFix(ws.model, file, 'CW001'), { title: 'Set `spring.cache.redis.time-to-live: 10m`', text: fixed });
  const second = ws.model.analysis(file)!.diagnostics[1];
  const fix = offeredFixes(ws.model.analysis(file)!.parsed, second)[0];
  assert.deepEqual(fix.targets, [{ pointer: '/spec/caches/1/ttl', value: { value: '10m' } }, { pointer: '/spec/caches/0/ttl', value: { value: '10m' } }]);
  // The cache names are located at each list item.
  assert.deepEqual(ws.model.file(file)!.adapted!.file!.layers[0].doc.locations.get('/spec/caches/1/name')?.value, { start: yml.indexOf('prices'), end: yml.indexOf('prices') + 6 });
});

test('`spring.cache.type: none` in the base (what runs without a profile) is CW002; its suppression comment is honoured', async () => {
  const ws = await workspaceWith({
    'a/application.properties': 'spring.cache.type=none\nspring.datasource.url=jdbc:postgresql://orders-db.db.svc:5432/orders\n',
    'b/application.properties': '# cache-warden-disable-next-line CW002 -- orders-db migration, until 2026-12-20\nspring.cache.type=none\n',
  });
  assert.deepEqual(findings(ws.model, ws.file('a/application.properties')), [
    'CW002 1:19-1:23 `spring.cache.type=none` is set on cache `a`, which is hot (criticality: hot): every read goes straight to orders-db. Enable it, or add `# cache-warden-disable-next-line CW002 -- <reason, until when>` if this is deliberate and temporary.',
  ]);
  assert.deepEqual(findings(ws.model, ws.file('b/application.properties')), []);
});

test('CLI: `check --fix` leaves the time-to-live to the user (the right TTL is a decision); the editor offers the fix', async () => {
  const dir = tempDir('cw-spring-');
  try {
    const yml = 'spring:\n  cache:\n    type: redis\n    cache-names: products, prices\n    redis:\n      use-key-prefix: true\n';
    write(dir, 'shop/src/main/resources/application.yml', yml);
    const run = await runCli(['check', '--fix'], dir);
    assert.equal(run.code, 1);
    assert.match(run.stdout, /shop\/src\/main\/resources\/application\.yml\n {2}5:5 {2}error {2}Cache `products` has no `spring\.cache\.redis\.time-to-live`/);
    assert.equal(fs.readFileSync(path.join(dir, 'shop/src/main/resources/application.yml'), 'utf8'), yml);
  } finally {
    cleanup(dir);
  }
});

test('a profile that only switches the Redis host is checked against that Redis, and its finding stays in the profile document', async () => {
  const yml = 'spring:\n  cache:\n    type: redis\n    redis:\n      time-to-live: 10m\n---\nspring.config.activate.on-profile: prod\nspring.cache.redis.time-to-live: 0\n---\nspring.config.activate.on-profile: eu\nspring.data.redis.host: eu-cache.internal\n';
  const ws = await workspaceWith({ 'application.yml': yml, 'eu-cache/redis.conf': 'maxmemory 1gb\nmaxmemory-policy volatile-ttl\n' });
  // Base and eu keep the base's 10m; prod's `0` (never) is reported in prod, against the Redis it uses (localhost: none declared).
  assert.deepEqual(findings(ws.model, ws.file('application.yml')).map((f) => f.slice(0, 20)), ['CW001 8:34-8:35 `spr']);
  assert.deepEqual(findings(ws.model, ws.file('eu-cache/redis.conf')), []);
  const noTtl = yml.replace('      time-to-live: 10m\n', '      use-key-prefix: true\n');
  const ws2 = await workspaceWith({ 'application.yml': noTtl, 'eu-cache/redis.conf': 'maxmemory 1gb\nmaxmemory-policy volatile-ttl\n' });
  assert.deepEqual(findings(ws2.model, ws2.file('application.yml')).map((f) => f.slice(0, 40)), [
    'CW001 4:5-4:10 Cache `application` has n',
    'CW001 8:34-8:35 `spring.cache.redis.time',
    'CW007 10:1-10:34 Cache `application` has',
  ]);
});

test('a time-to-live of 0 on a volatile-lru Redis: CW007 says what is written (0), and what Spring makes of it', async () => {
  const ws = await workspaceWith({
    'shop/src/main/resources/application.yml': 'spring:\n  cache:\n    type: redis\n    cache-names: carts\n    redis:\n      time-to-live: 0\n  data:\n    redis:\n      host: redis\n',
    'docker-compose.yml': 'services:\n  redis:\n    image: redis:7.2\n    command: ["redis-server", "--maxmemory", "1gb", "--maxmemory-policy", "volatile-lru"]\n    mem_limit: 2g\n',
  });
  assert.deepEqual(findings(ws.model, ws.file('shop/src/main/resources/application.yml')).filter((f) => f.startsWith('CW007')), [
    'CW007 6:21-6:22 Cache `carts` never expires (`spring.cache.redis.time-to-live: 0`, which Spring reads as never expire) but its backend `redis` (declared in docker-compose.yml) evicts with volatile-lru, which only evicts keys that have a TTL: these keys are never evicted and fill the backend until writes fail for every cache on it.',
  ]);
});
