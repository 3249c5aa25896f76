// The pieces of the Spring Boot adapter on their own: relaxed binding of property names (including
// the environment-variable forms compose and Kubernetes files use), Spring durations, JDBC urls,
// the CaffeineSpec string with exact spans, and the .properties reader with exact spans.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseCaffeineSpec } from '../../../src/core/formats/caffeineSpec';
import { parseProperties } from '../../../src/core/formats/propertiesFile';
import { canonicalSpringKey, jdbcSource, redisUrlHost, springDuration, springKeyDoc, SPRING_KEY_DOCS } from '../../../src/core/formats/springModel';
import * as fs from 'node:fs';
import * as path from 'node:path';

test('canonicalSpringKey: relaxed binding, environment forms to the right kebab key, non-spring keys undefined', () => {
  const table: [string, string | undefined][] = [
    ['SPRING_CACHE_REDIS_TIME_TO_LIVE', 'spring.cache.redis.time-to-live'],
    ['SPRING_CACHE_REDIS_TIMETOLIVE', 'spring.cache.redis.time-to-live'],
    ['SPRING_DATA_REDIS_HOST', 'spring.data.redis.host'],
    ['SPRING_CACHE_CAFFEINE_SPEC', 'spring.cache.caffeine.spec'],
    ['SPRING_CACHE_REDIS_CACHE_NULL_VALUES', 'spring.cache.redis.cache-null-values'],
    ['SPRING_CACHE_REDIS_KEY_PREFIX', 'spring.cache.redis.key-prefix'],
    ['SPRING_CACHE_CACHE_NAMES', 'spring.cache.cache-names'],
    ['SPRING_CACHE_CACHENAMES_0', 'spring.cache.cache-names[0]'],
    ['SPRING_REDIS_HOST', 'spring.redis.host'],
    ['SPRING_DATA_REDIS_LETTUCE_POOL_MAX_ACTIVE', 'spring.data.redis.lettuce.pool.max-active'],
    ['SPRING_DATASOURCE_URL', 'spring.datasource.url'],
    ['spring_cache_type', 'spring.cache.type'],
    ['SPRING_SOMETHING_ELSE', 'spring.something.else'],
    ['spring.cache.redis.timeToLive', 'spring.cache.redis.time-to-live'],
    ['spring.cache.redis.time_to_live', 'spring.cache.redis.time-to-live'],
    ['spring.cache.cacheNames[1]', 'spring.cache.cache-names[1]'],
    ['spring.data.redis.connectTimeout', 'spring.data.redis.connect-timeout'],
    ['Spring.Cache.Type', 'spring.cache.type'],
    ['server.port', undefined],
    ['JAVA_OPTS', undefined],
    ['', undefined],
  ];
  assert.deepEqual(table.map(([raw]) => [raw, canonicalSpringKey(raw)]), table);
});

test('springDuration: Spring Boot duration syntax in the model\'s words; a bare number is milliseconds', () => {
  const table: [string, string | undefined][] = [
    ['10m', '10m'], ['600000', '600000ms'], ['0', '0s'], ['PT10M', '10m'], ['P1DT2H', '1d2h'], ['PT0.5S', '500ms'],
    ['500ms', '500ms'], ['30S', '30s'], ['1500us', '1ms'], ['-PT1M', undefined], ['ten minutes', undefined],
  ];
  assert.deepEqual(table.map(([raw]) => [raw, springDuration(raw)]), table);
});

test('jdbcSource and redisUrlHost: the host\'s first DNS label and where it is written', () => {
  assert.deepEqual(jdbcSource('jdbc:postgresql://catalog-db:5432/catalog'), { name: 'catalog-db', offset: 18, length: 10 });
  assert.deepEqual(jdbcSource('jdbc:mysql://orders-db.internal:3306/orders?useSSL=false'), { name: 'orders-db', offset: 13, length: 9 });
  assert.deepEqual(jdbcSource('jdbc:oracle:thin:@db1.corp:1521:orcl'), { name: 'db1', offset: 18, length: 3 });
  assert.deepEqual(jdbcSource('jdbc:sqlserver://mssql01;databaseName=x'), { name: 'mssql01', offset: 17, length: 7 });
  assert.deepEqual(jdbcSource('jdbc:h2:mem:testdb'), { name: 'testdb', offset: 12, length: 6 });
  assert.equal(jdbcSource('not a url'), undefined);
  assert.deepEqual(redisUrlHost('rediss://user:secret@cache-redis-master.data.svc:6379/0'), { host: 'cache-redis-master.data.svc', offset: 21 });
  assert.equal(redisUrlHost('localhost:6379'), undefined);
});

test('parseCaffeineSpec: every option with the span of its name and value, blanks around them ignored', () => {
  const spec = 'maximumSize=500, expireAfterWrite = 10m,recordStats';
  const offsets = Array.from({ length: spec.length + 1 }, (_, i) => 100 + i);
  assert.deepEqual(parseCaffeineSpec(spec, offsets, { start: 100, end: 100 + spec.length }), {
    options: [
      { name: 'maximumSize', nameSpan: { start: 100, end: 111 }, value: '500', valueSpan: { start: 112, end: 115 } },
      { name: 'expireAfterWrite', nameSpan: { start: 117, end: 133 }, value: '10m', valueSpan: { start: 136, end: 139 } },
      { name: 'recordStats', nameSpan: { start: 140, end: 151 } },
    ],
    problems: [],
  });
});

test('parseCaffeineSpec: what Caffeine refuses at start-up is a problem at the option', () => {
  const spec = 'maxSize=1,maximumSize=x,expireAfterWrite=10 minutes,recordStats=true,maximumWeight=5';
  const offsets = Array.from({ length: spec.length + 1 }, (_, i) => i);
  assert.deepEqual(parseCaffeineSpec(spec, offsets, { start: 0, end: spec.length }).problems, [
    { message: 'unknown option `maxSize` (Caffeine knows initialCapacity, maximumSize, maximumWeight, expireAfterWrite, expireAfterAccess, refreshAfterWrite, recordStats, weakKeys, weakValues, softValues)', span: { start: 0, end: 7 } },
    { message: '`maximumSize` must be a whole number, not `x`', span: { start: 22, end: 23 } },
    { message: '`expireAfterWrite` must be a duration such as `10m`, `30s`, `1h`, `2d` or `PT10M`, not `10 minutes`', span: { start: 41, end: 51 } },
    { message: '`recordStats` takes no value', span: { start: 52, end: 68 } },
    { message: '`maximumSize` and `maximumWeight` cannot both be set', span: { start: 69, end: 84 } },
  ]);
});

test('parseProperties: separators, comments, continuations and escapes, with the span of every key and value', () => {
  const text = 'a.b = x\\\n   y\n! c\n#d\nkey\\ with\\ space:v\\u0041\nempty\nbad=\\u00zz\n';
  const file = parseProperties(text);
  assert.deepEqual(file.entries.map((e) => [e.key, e.value, text.slice(e.keySpan.start, e.keySpan.end), text.slice(e.valueSpan.start, e.valueSpan.end)]), [
    ['a.b', 'xy', 'a.b', 'x\\\n   y'],
    ['key with space', 'vA', 'key\\ with\\ space', 'v\\u0041'],
    ['empty', '', 'empty', ''],
    ['bad', '00zz', 'bad', '\\u00zz'],
  ]);
  // Each character of a value knows where it is written: `y` is on the continuation line.
  assert.deepEqual(file.entries[0].offsets, [6, 12, 13]);
  assert.deepEqual(file.entries[1].offsets, [38, 39, 45]);
  assert.deepEqual(file.problems, [{ message: 'malformed \\uXXXX escape `\\u00zz` (four hex digits expected)', span: { start: 56, end: 62 } }]);
});

test('parseProperties: `key value` and `key: value` forms, CRLF lines', () => {
  const text = 'spring.cache.type redis\r\nspring.cache.cache-names:  a,b\r\n';
  assert.deepEqual(parseProperties(text).entries.map((e) => [e.key, e.value, e.valueSpan]), [
    ['spring.cache.type', 'redis', { start: 18, end: 23 }],
    ['spring.cache.cache-names', 'a,b', { start: 52, end: 55 }],
  ]);
});

test('every recognised key has a hover, and the schema describes it (with its default where Spring has one)', () => {
  const schema = JSON.parse(fs.readFileSync(path.resolve(__dirname, '..', '..', '..', '..', 'schemas', 'formats', 'spring-boot.schema.json'), 'utf8')) as { properties: Record<string, { markdownDescription?: string; default?: unknown; enum?: string[] }> };
  for (const key of Object.keys(SPRING_KEY_DOCS)) {
    assert.match(springKeyDoc(key)!, /\*\*Default:\*\* .*\*\*Prevents:\*\* /s, key);
    assert.equal(schema.properties[key]?.markdownDescription, springKeyDoc(key), key);
  }
  assert.deepEqual(schema.properties['spring.cache.type'].enum, ['redis', 'caffeine', 'simple', 'none', 'jcache', 'hazelcast', 'infinispan', 'couchbase', 'cache2k', 'generic']);
  assert.equal(schema.properties['spring.cache.redis.cache-null-values'].default, true);
  assert.match(springKeyDoc('spring.redis.host')!, /Spring Boot 2 name; Boot 3 reads `spring\.data\.redis\.host`/);
});
