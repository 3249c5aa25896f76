import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseFile } from '../../../src/core/document/parse';
import { factsOfFile, WorkspaceFacts } from '../../../src/core/rules/workspaceFacts';

const BACKEND = 'apiVersion: cache-warden/v1\nkind: CacheLayer\nspec:\n  backends:\n    - { name: shared-redis, type: redis, eviction: volatile-ttl }\n  caches: []\n';
const CACHE = (ttl: string) => `apiVersion: cache-warden/v1\nkind: CacheLayer\nspec:\n  backends: []\n  caches:\n    - { name: c, backend: "resource:default/shared-redis", ttl: { value: ${ttl} } }\n`;

test('facts: backends and caches per file, entity refs reduced to the backend name', () => {
  assert.deepEqual(factsOfFile('b.cache.yaml', parseFile(BACKEND)).backends.map((b) => [b.name, b.type, b.role, b.eviction]), [['shared-redis', 'redis', 'cache', 'volatile-ttl']]);
  assert.deepEqual(factsOfFile('c.cache.yaml', parseFile(CACHE('never'))).caches.map((c) => [c.name, c.backend, c.ttl]), [['c', 'shared-redis', 'never']]);
  assert.equal(factsOfFile('c.cache.yaml', parseFile(CACHE('5m'))).caches[0].ttl, 'finite');
});

test('facts: set reports changes only when the facts differ, and names the files that share a backend', () => {
  const facts = new WorkspaceFacts();
  assert.equal(facts.set('b.cache.yaml', factsOfFile('b.cache.yaml', parseFile(BACKEND))), true);
  assert.equal(facts.set('c.cache.yaml', factsOfFile('c.cache.yaml', parseFile(CACHE('never')))), true);
  assert.equal(facts.set('c.cache.yaml', factsOfFile('c.cache.yaml', parseFile(`# a comment changes nothing\n${CACHE('never')}`))), false);
  const before = facts.get('c.cache.yaml');
  assert.equal(facts.set('c.cache.yaml', factsOfFile('c.cache.yaml', parseFile(CACHE('5m')))), true);
  assert.deepEqual(facts.filesAffectedBy('c.cache.yaml', before), ['b.cache.yaml']);
  const backend = facts.resolveBackend('c.cache.yaml', 'shared-redis');
  assert.equal(backend?.file, 'b.cache.yaml');
  assert.deepEqual(facts.cachesOn(backend!).map((c) => c.ttl), ['finite']);
  assert.equal(facts.delete('c.cache.yaml'), true);
  assert.deepEqual(facts.cachesOn(backend!), []);
  assert.equal(facts.delete('c.cache.yaml'), false);
});

test('facts: a declared backend\'s deployedBy (a file or a name) makes the deployment\'s changes reach it, and only while it says so', () => {
  const at = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  const backend = (file: string, name: string, extra: Record<string, unknown> = {}) => ({ file, name, role: 'cache', range: at, nameRange: at, ...extra });
  const facts = new WorkspaceFacts();
  facts.set('/w/deploy/redis.conf', { backends: [backend('/w/deploy/redis.conf', 'redis', { deployed: true, eviction: 'volatile-lru' })], caches: [] });
  facts.set('/w/compose.yml', { backends: [backend('/w/compose.yml', 'cache', { deployed: true, aliases: ['cache-master'] })], caches: [] });
  facts.set('/w/shop.cache.yaml', { backends: [backend('/w/shop.cache.yaml', 'shop-redis', { deployedBy: '/w/deploy/redis.conf' })], caches: [] });
  facts.set('/w/orders.cache.yaml', { backends: [backend('/w/orders.cache.yaml', 'orders-redis', { deployedBy: 'cache-master' }), backend('/w/orders.cache.yaml', 'cache')], caches: [] });
  assert.deepEqual(facts.filesAffectedBy('/w/deploy/redis.conf', undefined), ['/w/shop.cache.yaml']);
  const conf = facts.get('/w/deploy/redis.conf')!.backends[0];
  assert.deepEqual(facts.declarationsOf(conf).map((b) => b.name), ['shop-redis']);
  // By an alias of the deployed backend, and by the same name: both, in file order.
  const compose = facts.get('/w/compose.yml')!.backends[0];
  assert.deepEqual(facts.declarationsOf(compose).map((b) => `${b.file} ${b.name}`), ['/w/orders.cache.yaml orders-redis', '/w/orders.cache.yaml cache']);
  // Dropping the deployedBy drops the link.
  facts.set('/w/shop.cache.yaml', { backends: [backend('/w/shop.cache.yaml', 'shop-redis')], caches: [] });
  assert.deepEqual(facts.filesAffectedBy('/w/deploy/redis.conf', undefined), []);
  assert.deepEqual(facts.declarationsOf(conf), []);
});

test('facts: a name several files declare resolves to the one nearest the cache\'s file, whatever order the files were read in', () => {
  const at = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  const redis = (file: string, eviction: string) => ({ backends: [{ file, name: 'redis-0', role: 'cache', range: at, nameRange: at, deployed: true as const, eviction }], caches: [] });
  const files: Array<[string, ReturnType<typeof redis>]> = [
    ['/repo/deploy/k8s/redis-0/statefulset.yaml', redis('/repo/deploy/k8s/redis-0/statefulset.yaml', 'allkeys-lru')],
    ['/repo/services/svc-0/docker-compose.yml', redis('/repo/services/svc-0/docker-compose.yml', 'volatile-lru')],
    ['/repo/services/svc-1/docker-compose.yml', redis('/repo/services/svc-1/docker-compose.yml', 'noeviction')],
  ];
  for (const order of [files, [...files].reverse()]) {
    const facts = new WorkspaceFacts();
    for (const [file, fileFacts] of order) facts.set(file, fileFacts);
    // The app next to the compose file uses its Redis; a cache elsewhere gets the first by path.
    assert.equal(facts.resolveBackend('/repo/services/svc-0/src/main/resources/application.yml', 'redis-0')?.eviction, 'volatile-lru');
    assert.equal(facts.resolveBackend('/repo/deploy/k8s/app/deployment.yaml', 'redis-0')?.eviction, 'allkeys-lru');
    assert.equal(facts.resolveBackend('/elsewhere/app.cache.yaml', 'redis-0')?.file, '/repo/deploy/k8s/redis-0/statefulset.yaml');
  }
});
