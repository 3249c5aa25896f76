// Spring settings a Kubernetes container takes from ConfigMaps (`envFrom`, `configMapKeyRef`):
// a ConfigMap of the same file is placed exactly (the finding on its value, the fix there), one in
// another manifest of the folder gives its values at the reference and is followed when it
// changes; `env` wins over `envFrom`, as in Kubernetes; Secrets stay unknown.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { test } from 'node:test';
import { VOLATILE_CATALOG_REDIS } from './contentFixtures';
import { afterFix, findings, workspaceWith } from './adapterHarness';

const REDIS = VOLATILE_CATALOG_REDIS;

const CONFIG_MAP = (ttl: string) => `apiVersion: v1
kind: ConfigMap
metadata:
  name: catalog-env
data:
  SPRING_CACHE_TYPE: redis
  SPRING_CACHE_CACHE_NAMES: products
  SPRING_DATA_REDIS_HOST: catalog-redis
  SPRING_CACHE_REDIS_TIME_TO_LIVE: "${ttl}"
`;

const DEPLOYMENT = (env: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: catalog
spec:
  template:
    spec:
      containers:
        - name: catalog
          image: shop/catalog:1.4.2
${env}`;

const ENV_FROM = '          envFrom:\n            - configMapRef:\n                name: catalog-env\n';

/** The caches the catalog knows, each with the backends it is stored in. */
function cachesWithBackends(model: Awaited<ReturnType<typeof workspaceWith>>['model']): string[] {
  return [...model.catalog.entities.values()].filter((e) => e.kind === 'cache').map((e) => e.ref).sort()
    .map((ref) => `${ref} → ${[...new Set(model.catalog.relations.filter((r) => r.from === ref && r.type === 'backedBy').map((r) => r.to))].sort().join(', ')}`);
}

test('envFrom a ConfigMap of the same file: its SPRING_* keys configure the cache; the finding is on the ConfigMap\'s value', async () => {
  const manifest = `${CONFIG_MAP('0')}---\n${DEPLOYMENT(ENV_FROM)}`;
  const ws = await workspaceWith({ 'k8s/catalog.yaml': manifest, 'k8s/redis.yaml': REDIS });
  assert.deepEqual(cachesWithBackends(ws.model), ['cache:catalog.products → resource:catalog-redis']);
  const file = ws.file('k8s/catalog.yaml');
  const cw007 = findings(ws.model, file).filter((f) => f.startsWith('CW007'));
  // Line 9 is `SPRING_CACHE_REDIS_TIME_TO_LIVE: "0"`: the 0 between its quotes.
  assert.deepEqual(cw007.map((f) => f.split(' ').slice(0, 2).join(' ')), ['CW007 9:37-9:38']);
  assert.equal(cw007[0], 'CW007 9:37-9:38 Cache `products` never expires (`SPRING_CACHE_REDIS_TIME_TO_LIVE=0`, which Spring reads as never expire) but its backend `catalog-redis` (declared in k8s/redis.yaml) evicts with volatile-lru, which only evicts keys that have a TTL: these keys are never evicted and fill the backend until writes fail for every cache on it.');
});

test('a time-to-live missing from the ConfigMap: the fix adds it to that ConfigMap, with the other Spring settings', async () => {
  const manifest = `${CONFIG_MAP('0').replace('  SPRING_CACHE_REDIS_TIME_TO_LIVE: "0"\n', '')}---\n${DEPLOYMENT(ENV_FROM)}`;
  const ws = await workspaceWith({ 'k8s/catalog.yaml': manifest, 'k8s/redis.yaml': REDIS });
  const fixed = afterFix(ws.model, ws.file('k8s/catalog.yaml'), 'CW001');
  assert.deepEqual(fixed, {
    title: 'Set `SPRING_CACHE_REDIS_TIME_TO_LIVE=10m`',
    text: manifest.replace('  SPRING_DATA_REDIS_HOST: catalog-redis\n', '  SPRING_DATA_REDIS_HOST: catalog-redis\n  SPRING_CACHE_REDIS_TIME_TO_LIVE: "10m"\n'),
  });
});

test('configMapKeyRef, and env over envFrom: the container\'s own variable wins, as in Kubernetes', async () => {
  const env = `${ENV_FROM}          env:
            - name: SPRING_CACHE_REDIS_TIME_TO_LIVE
              valueFrom:
                configMapKeyRef:
                  name: catalog-ttl
                  key: ttl
`;
  const manifest = `${CONFIG_MAP('0')}---
apiVersion: v1
kind: ConfigMap
metadata:
  name: catalog-ttl
data:
  ttl: 15m
---
${DEPLOYMENT(env)}`;
  const ws = await workspaceWith({ 'k8s/catalog.yaml': manifest, 'k8s/redis.yaml': REDIS });
  // 15m from catalog-ttl, not the 0 of catalog-env: nothing to report about the time-to-live.
  assert.deepEqual(findings(ws.model, ws.file('k8s/catalog.yaml')).filter((f) => /CW00[17]/.test(f)), []);
});

test('a ConfigMap in another manifest of the folder gives its values, placed at the reference; editing it is followed', async () => {
  const ws = await workspaceWith({ 'k8s/catalog-env.yaml': CONFIG_MAP('0'), 'k8s/catalog.yaml': DEPLOYMENT(ENV_FROM), 'k8s/redis.yaml': REDIS });
  const file = ws.file('k8s/catalog.yaml');
  // Line 13 is `name: catalog-env` under configMapRef.
  assert.deepEqual(findings(ws.model, file).filter((f) => f.startsWith('CW007')).map((f) => f.split(' ').slice(0, 2).join(' ')), ['CW007 13:23-13:34']);
  fs.writeFileSync(ws.file('k8s/catalog-env.yaml'), CONFIG_MAP('10m'));
  await ws.model.diskChanged(ws.file('k8s/catalog-env.yaml'));
  assert.deepEqual(findings(ws.model, file).filter((f) => f.startsWith('CW007')), []);
});

test('Secrets and ConfigMaps that are nowhere to be seen: those variables are unknown, nothing is guessed', async () => {
  const env = `          envFrom:
            - secretRef:
                name: catalog-secrets
            - configMapRef:
                name: elsewhere
`;
  const ws = await workspaceWith({ 'k8s/catalog.yaml': DEPLOYMENT(env), 'k8s/redis.yaml': REDIS });
  assert.deepEqual(cachesWithBackends(ws.model), []);
  assert.deepEqual(findings(ws.model, ws.file('k8s/catalog.yaml')), []);
});
