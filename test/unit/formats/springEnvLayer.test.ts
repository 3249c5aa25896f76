// A Spring Boot app's container environment applied over the app's own application.* files, as
// Spring applies it: compose `build:` names the module, a Kubernetes manifest sits in it or is
// named like it; the caches are the module's, not a stand-in named after the workload; the
// environment reports only what it changes itself (its time-to-live, its Redis host, also through a
// `${REDIS_HOST:localhost}` placeholder); a variable that repeats the module's value decides nothing.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildContextModule, workloadModules } from '../../../src/core/formats/springEnvLayer';
import { findings, workspaceWith } from './adapterHarness';
import { VOLATILE_CATALOG_REDIS } from './contentFixtures';

const RESOURCES = 'services/catalog/src/main/resources';

const APPLICATION = [
  'spring.application.name=catalog',
  'spring.datasource.url=jdbc:postgresql://catalog-db:5432/catalog',
  'spring.cache.type=redis',
  'spring.cache.cache-names=products,prices',
  'spring.data.redis.host=${REDIS_HOST:localhost}',
  'spring.cache.redis.time-to-live=10m',
  '',
].join('\n');

const VOLATILE_REDIS = `  redis:
    image: redis:7.2
    command: ["redis-server", "--maxmemory", "1gb", "--maxmemory-policy", "volatile-lru"]
    mem_limit: 2g
`;

/** The caches the catalog knows, each with the backends it is stored in. */
function cachesWithBackends(model: Awaited<ReturnType<typeof workspaceWith>>['model']): string[] {
  const caches = [...model.catalog.entities.values()].filter((e) => e.kind === 'cache').map((e) => e.ref).sort();
  return caches.map((ref) => `${ref} → ${[...new Set(model.catalog.relations.filter((r) => r.from === ref && r.type === 'backedBy').map((r) => r.to))].sort().join(', ')}`);
}

test('module candidates: compose build contexts relative to the compose file; a manifest\'s own folders, then folders named like the workload', () => {
  assert.deepEqual(buildContextModule('deploy/docker-compose.yml', '../services/catalog'), { folders: [`${RESOURCES}`], explicit: true });
  assert.deepEqual(buildContextModule('docker-compose.yml', '.'), { folders: ['src/main/resources'], explicit: true });
  assert.deepEqual(buildContextModule('docker-compose.yml', 'https://github.example/app.git'), { folders: [] });
  assert.deepEqual(buildContextModule('docker-compose.yml', '../../outside'), { folders: [] });
  assert.deepEqual(workloadModules('services/catalog/k8s/deployment.yaml', 'catalog').folders, [
    'services/catalog/k8s/src/main/resources', `${RESOURCES}`, 'services/src/main/resources', 'src/main/resources',
    'catalog/src/main/resources', 'apps/catalog/src/main/resources', 'modules/catalog/src/main/resources',
  ]);
});

test('compose: `build:` names the module; REDIS_HOST fills the module\'s placeholder, so its caches are stored in the compose Redis and CW007 is reported at the service', async () => {
  const ws = await workspaceWith({
    [`${RESOURCES}/application.properties`]: APPLICATION.replace('spring.cache.redis.time-to-live=10m\n', ''),
    'docker-compose.yml': `services:
  catalog:
    build: ./services/catalog
    environment:
      REDIS_HOST: redis
${VOLATILE_REDIS}`,
  });
  assert.deepEqual(cachesWithBackends(ws.model), [
    'cache:catalog.prices → resource:localhost, resource:redis',
    'cache:catalog.products → resource:localhost, resource:redis',
  ]);
  // At the service, in the environment's words (the fix adds the variable there), and at the Redis.
  assert.deepEqual(findings(ws.model, ws.file('docker-compose.yml')).filter((f) => f.startsWith('CW007')), [
    'CW007 2:3-2:10 Cache `products` has no `SPRING_CACHE_REDIS_TIME_TO_LIVE` but its backend `redis` evicts with volatile-lru, which only evicts keys that have a TTL: these keys are never evicted and fill the backend until writes fail for every cache on it.',
    'CW007 2:3-2:10 Cache `prices` has no `SPRING_CACHE_REDIS_TIME_TO_LIVE` but its backend `redis` evicts with volatile-lru, which only evicts keys that have a TTL: these keys are never evicted and fill the backend until writes fail for every cache on it.',
    'CW007 8:75-8:89 Backend `redis` evicts with volatile-lru, which only evicts keys that have a TTL, but `products` and `prices` write keys without one (no ttl): those keys pile up until writes fail like noeviction.',
  ]);
  // The module's own file keeps its own findings (no time-to-live), once.
  assert.deepEqual(findings(ws.model, ws.file(`${RESOURCES}/application.properties`)).map((f) => f.split(' ').slice(0, 2).join(' ')), ['CW001 3:1-3:18', 'CW001 3:1-3:18']);
});

test('compose: a variable that repeats the module\'s own value decides nothing: no layer, no second report', async () => {
  const ws = await workspaceWith({
    [`${RESOURCES}/application.properties`]: APPLICATION.replace('${REDIS_HOST:localhost}', 'redis').replace('spring.cache.redis.time-to-live=10m\n', ''),
    'docker-compose.yml': `services:
  catalog:
    build: ./services/catalog
    environment:
      SPRING_DATA_REDIS_HOST: redis
${VOLATILE_REDIS}`,
  });
  // Only the Redis's end of the module's own finding; nothing at the service.
  assert.deepEqual(findings(ws.model, ws.file('docker-compose.yml')).filter((f) => /`products`|`prices`/.test(f)), [
    'CW007 8:75-8:89 Backend `redis` evicts with volatile-lru, which only evicts keys that have a TTL, but `products` and `prices` write keys without one (no ttl), declared in services/catalog/src/main/resources/application.properties: those keys pile up until writes fail like noeviction.',
  ]);
  assert.deepEqual(cachesWithBackends(ws.model), ['cache:catalog.prices → resource:redis', 'cache:catalog.products → resource:redis']);
});

test('Kubernetes: env over the module named like the workload; its own time-to-live and host decide, the caches are the module\'s (no cache named after the workload)', async () => {
  const ws = await workspaceWith({
    [`${RESOURCES}/application.properties`]: APPLICATION,
    'k8s/catalog.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: catalog
spec:
  template:
    spec:
      containers:
        - name: catalog
          image: shop/catalog:1.4.2
          env:
            - name: SPRING_DATA_REDIS_HOST
              value: catalog-redis.shop.svc.cluster.local
            - name: SPRING_CACHE_REDIS_TIME_TO_LIVE
              value: "0"
`,
    'k8s/catalog-redis.yaml': `${VOLATILE_CATALOG_REDIS}---
apiVersion: v1
kind: Service
metadata:
  name: catalog-redis
spec:
  selector:
    app: catalog-redis
`,
  });
  assert.deepEqual(cachesWithBackends(ws.model), [
    'cache:catalog.prices → resource:catalog-redis, resource:localhost',
    'cache:catalog.products → resource:catalog-redis, resource:localhost',
  ]);
  // `SPRING_CACHE_REDIS_TIME_TO_LIVE=0` is "never expire" on a volatile-lru Redis: reported here, for both caches.
  const k8s = findings(ws.model, ws.file('k8s/catalog.yaml'));
  assert.deepEqual(k8s.filter((f) => f.startsWith('CW007')).map((f) => f.split(' ').slice(0, 2).join(' ')), ['CW007 15:23-15:24', 'CW007 15:23-15:24']);
  assert.ok(k8s.some((f) => /`products`/.test(f)) && k8s.some((f) => /`prices`/.test(f)), k8s.join('\n'));
  // The module's file, with its 10m, has nothing to say.
  assert.deepEqual(findings(ws.model, ws.file(`${RESOURCES}/application.properties`)), []);
});

test('without a module the environment is read alone, as before (one cache named after the workload)', async () => {
  const ws = await workspaceWith({
    'k8s/orders.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: orders
spec:
  template:
    spec:
      containers:
        - name: orders
          image: shop/orders:2
          env:
            - name: SPRING_CACHE_TYPE
              value: redis
            - name: SPRING_DATA_REDIS_HOST
              value: orders-redis
`,
  });
  assert.deepEqual(cachesWithBackends(ws.model), ['cache:orders.orders → resource:orders-redis']);
});

test('Spring placeholders: defaults, the environment, nested ones innermost first; nothing left that would read as a ref', async () => {
  const { placeholderNames, resolvePlaceholders } = await import('../../../src/core/formats/springModel');
  const env = new Map([['CACHE_HOST', 'cache'], ['PORT', '6380']]);
  assert.equal(resolvePlaceholders('${REDIS_HOST:localhost}'), 'localhost');
  assert.equal(resolvePlaceholders('${REDIS_HOST}'), '');
  assert.equal(resolvePlaceholders('${REDIS_HOST:${CACHE_HOST:localhost}}'), 'localhost');
  assert.equal(resolvePlaceholders('${REDIS_HOST:${CACHE_HOST:localhost}}', env), 'cache');
  assert.equal(resolvePlaceholders('redis://${CACHE_HOST:x}:${PORT:6379}/0', env), 'redis://cache:6380/0');
  assert.equal(resolvePlaceholders('${A:${B:${C:${D:${E:${F:${G:${H:${I:deep}}}}}}}}}'), 'deep');
  assert.equal(resolvePlaceholders('${unclosed:localhost'), '${unclosed:localhost');
  // A hostile depth stops after 16 rounds: 16 levels resolved, the rest left as written.
  const hostile = `${'${X:'.repeat(5000)}end${'}'.repeat(5000)}`;
  assert.equal(resolvePlaceholders(hostile), `${'${X:'.repeat(4984)}end${'}'.repeat(4984)}`);
  assert.deepEqual(placeholderNames('${REDIS_HOST:${CACHE_HOST:localhost}}'), ['REDIS_HOST', 'CACHE_HOST']);
});

test('SPRING_PROFILES_ACTIVE selects the module\'s profile files; a name that is no plain profile name reads no file', async () => {
  const deployment = (profiles: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: catalog
spec:
  template:
    spec:
      containers:
        - name: catalog
          image: shop/catalog:1.4.2
          env:
            - name: SPRING_PROFILES_ACTIVE
              value: "${profiles}"
            - name: SPRING_DATA_REDIS_HOST
              value: catalog-redis
`;
  const redis = VOLATILE_CATALOG_REDIS;
  const base = {
    [`${RESOURCES}/application.properties`]: APPLICATION,
    [`${RESOURCES}/application-prod.properties`]: 'spring.cache.redis.time-to-live=0\n',
    'secret.properties': 'spring.cache.redis.time-to-live=0\n',
    'k8s/redis.yaml': redis,
  };
  // prod's time-to-live 0 runs on the volatile-lru Redis this workload points at: reported at the
  // workload (the time-to-live is not written here), for both caches.
  const prod = await workspaceWith({ ...base, 'k8s/catalog.yaml': deployment('prod') });
  assert.deepEqual(findings(prod.model, prod.file('k8s/catalog.yaml')).map((f) => f.split(' ').slice(0, 3).join(' ')), ['CW007 4:9-4:16 Cache', 'CW007 4:9-4:16 Cache']);
  // A path is no profile: the base's 10m applies, nothing else is read.
  const hostile = await workspaceWith({ ...base, 'k8s/catalog.yaml': deployment('x/../../../../../../secret') });
  assert.deepEqual(findings(hostile.model, hostile.file('k8s/catalog.yaml')), []);
});
