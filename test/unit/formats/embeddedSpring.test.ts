// A Spring Boot application.yml kept in a Kubernetes ConfigMap is read like the file: findings and
// hovers on the characters of the block scalar, the fix edits the block at its indentation, the app
// is the ConfigMap's (unless spring.application.name says otherwise), and it links to the Redis its
// host names like any Spring config.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { VOLATILE_CATALOG_REDIS } from './contentFixtures';
import { afterFix, findings, hoverAt, workspaceWith } from './adapterHarness';

const REDIS = VOLATILE_CATALOG_REDIS;

const CONFIG_MAP = `apiVersion: v1
kind: ConfigMap
metadata:
  name: catalog
data:
  application.yml: |
    spring:
      cache:
        type: redis
        cache-names: products
        redis:
          key-prefix: "catalog:"
      data:
        redis:
          host: catalog-redis
`;

test('application.yml in a ConfigMap: CW001 and CW007 on the block\'s characters, the app is the ConfigMap\'s, linked to the Redis its host names', async () => {
  const ws = await workspaceWith({ 'k8s/catalog-config.yaml': CONFIG_MAP, 'k8s/redis.yaml': REDIS });
  const file = ws.file('k8s/catalog-config.yaml');
  // Line 11 is `        redis:` under `cache:` (columns 9-13): where a missing time-to-live goes.
  assert.deepEqual(findings(ws.model, file).map((f) => f.split(' ').slice(0, 2).join(' ')), ['CW001 11:9-11:14', 'CW007 11:9-11:14']);
  assert.match(findings(ws.model, file)[0], /^CW001 11:9-11:14 Cache `products` has no `spring\.cache\.redis\.time-to-live`/);
  assert.ok(ws.model.catalog.entity('cache:catalog.products'), 'the cache is the catalog app\'s');
  assert.ok(ws.model.catalog.relations.some((r) => r.from === 'cache:catalog.products' && r.type === 'backedBy' && r.to === 'resource:catalog-redis'));
  // The other end: the Redis is told which cache never expires.
  assert.ok(findings(ws.model, ws.file('k8s/redis.yaml')).some((f) => /^CW007 .*`products`/.test(f)));
  // Hovers on the keys inside the block.
  assert.match(hoverAt(ws.model, file, 'key-prefix')!, /key-prefix/);
});

test('the time-to-live fix writes the line inside the block, at its indentation', async () => {
  const ws = await workspaceWith({ 'k8s/catalog-config.yaml': CONFIG_MAP, 'k8s/redis.yaml': REDIS });
  const fixed = afterFix(ws.model, ws.file('k8s/catalog-config.yaml'), 'CW001');
  assert.equal(fixed?.text, CONFIG_MAP.replace('          key-prefix: "catalog:"\n', '          key-prefix: "catalog:"\n          time-to-live: 10m\n'));
});

test('spring.application.name names the app; a quoted one-line string is read with findings on the key and no fix', async () => {
  const named = CONFIG_MAP.replace('    spring:\n', '    spring:\n      application:\n        name: catalog-service\n');
  const ws = await workspaceWith({ 'k8s/catalog-config.yaml': named, 'k8s/redis.yaml': REDIS });
  assert.ok(ws.model.catalog.entity('cache:catalog-service.products'));
  const quoted = `apiVersion: v1
kind: ConfigMap
metadata:
  name: orders
data:
  application.properties: "spring.cache.type=redis\\nspring.cache.cache-names=orders\\nspring.data.redis.host=catalog-redis\\n"
`;
  const q = await workspaceWith({ 'k8s/orders-config.yaml': quoted, 'k8s/redis.yaml': REDIS });
  const file = q.file('k8s/orders-config.yaml');
  // The escapes make the string unlike its text: everything is shown on `application.properties`.
  assert.deepEqual(findings(q.model, file).map((f) => f.split(' ').slice(0, 2).join(' ')), ['CW001 6:3-6:25', 'CW007 6:3-6:25']);
  assert.equal(afterFix(q.model, file, 'CW001'), undefined);
});

test('over the module: a ConfigMap\'s application-k8s.yml applies over the app\'s own application.yml, reporting only what it decides', async () => {
  const ws = await workspaceWith({
    'services/catalog/src/main/resources/application.yml': 'spring:\n  application:\n    name: catalog\n  cache:\n    type: redis\n    cache-names: products,prices\n    redis:\n      time-to-live: 10m\n  data:\n    redis:\n      host: localhost\n',
    'services/catalog/k8s/config.yaml': `apiVersion: v1
kind: ConfigMap
metadata:
  name: catalog-config
data:
  application-k8s.yml: |
    spring:
      data:
        redis:
          host: catalog-redis
`,
    'services/catalog/k8s/redis.yaml': REDIS,
  });
  // The module's caches (not one named after the ConfigMap), stored in the Redis the ConfigMap names.
  assert.deepEqual([...ws.model.catalog.entities.values()].filter((e) => e.kind === 'cache').map((e) => e.ref).sort(), ['cache:catalog.prices', 'cache:catalog.products']);
  assert.ok(ws.model.catalog.relations.some((r) => r.from === 'cache:catalog.products' && r.type === 'backedBy' && r.to === 'resource:catalog-redis'));
  // 10m from the module: nothing to report here, or at the Redis.
  assert.deepEqual(findings(ws.model, ws.file('services/catalog/k8s/config.yaml')), []);
  assert.deepEqual(findings(ws.model, ws.file('services/catalog/k8s/redis.yaml')), []);
});
