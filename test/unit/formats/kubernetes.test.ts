// The Kubernetes manifest adapter: Redis/memcached containers of workloads as backends named after
// the workload and answering to the Services that select their pods; redis.conf in a ConfigMap
// read line by line inside the block scalar (exact ranges, fixes at the block's indentation);
// `command`/`args` including `sh -c` scripts; `resources.limits.memory` as a Kubernetes quantity.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { adapterFor } from '../../../src/core/formats/registry';
import { kubernetesBytes, dockerBytes } from '../../../src/core/formats/memorySize';
import { afterFix, diagnostics, hoverAt, related, shown, workspace } from './containerFormatsKit';

const REDIS_WITH_CONFIGMAP = `apiVersion: v1
kind: ConfigMap
metadata:
  name: redis-config
  namespace: cache
data:
  redis.conf: |
    maxmemory 700mb
    maxmemory-policy volatile-lru
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: redis
  namespace: cache
spec:
  serviceName: redis
  selector:
    matchLabels: { app: redis }
  template:
    metadata:
      labels:
        app: redis
        tier: cache
    spec:
      containers:
        - name: redis
          image: redis:7.2
          args: ["/etc/redis/redis.conf"]
          resources:
            limits:
              memory: 1Gi
          volumeMounts:
            - name: config
              mountPath: /etc/redis
        - name: exporter
          image: oliver006/redis_exporter:v1.62.0
      volumes:
        - name: config
          configMap:
            name: redis-config
---
apiVersion: v1
kind: Service
metadata:
  name: redis
  namespace: cache
spec:
  selector:
    app: redis
  ports: [{ port: 6379 }]
`;

function cacheOn(backend: string): string {
  return `apiVersion: cache-warden/v1
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
      backend: ${backend}
      stampede: { mode: coalesce }
      fronts: { name: shop-db }
`;
}

test('kubernetes: recognised by folder or *.k8s.yaml and a sniff of apiVersion + a workload kind; never by parsing', () => {
  const manifest = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: x\n';
  assert.equal(adapterFor('k8s/redis.yaml', manifest)?.id, 'kubernetes');
  assert.equal(adapterFor('deploy/base/cache/redis.yml', manifest)?.id, 'kubernetes');
  assert.equal(adapterFor('infra/manifests/redis.yaml', 'apiVersion: v1\nkind: ConfigMap\n')?.id, 'kubernetes');
  assert.equal(adapterFor('redis.k8s.yaml', 'apiVersion: v1\nkind: Service\n')?.id, 'kubernetes');
  // A kustomization, a Helm template, an unrelated YAML in the same folders: not manifests.
  assert.equal(adapterFor('k8s/kustomization.yaml', 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n')?.id, undefined);
  assert.equal(adapterFor('deploy/templates/redis.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\n')?.id, undefined);
  assert.equal(adapterFor('k8s/notes.yaml', 'kind: Deployment\n')?.id, undefined);
  assert.equal(adapterFor('src/redis.yaml', manifest)?.id, undefined);
});

test('kubernetes: quantities are decimal or binary; docker sizes are binary', () => {
  assert.equal(kubernetesBytes('1Gi'), 1024 ** 3);
  assert.equal(kubernetesBytes('1G'), 1e9);
  assert.equal(kubernetesBytes('512Mi'), 512 * 1024 ** 2);
  assert.equal(kubernetesBytes('1e9'), 1e9);
  assert.equal(kubernetesBytes('128974848'), 128974848);
  assert.equal(kubernetesBytes('1gb'), undefined);
  assert.equal(dockerBytes('1g'), 1024 ** 3);
  assert.equal(dockerBytes('1G'), 1024 ** 3);
  assert.equal(dockerBytes('512M'), 512 * 1024 ** 2);
  assert.equal(dockerBytes('2gb'), 2 * 1024 ** 3);
  assert.equal(dockerBytes(1073741824), 1073741824);
  assert.equal(dockerBytes('1Gi'), undefined);
});

test('kubernetes: a ConfigMap redis.conf mounted by a StatefulSet; the Service DNS name links a cache; CW007 at both ends', async () => {
  const ws = await workspace({ 'k8s/redis.yaml': REDIS_WITH_CONFIGMAP, 'shop.cache.yaml': cacheOn('redis.cache.svc.cluster.local') });
  assert.deepEqual(shown(ws, 'k8s/redis.yaml'), [
    'CW007 9:22-9:34 Backend `redis` evicts with volatile-lru, which only evicts keys that have a TTL, but `products` writes keys without one (no ttl), declared in shop.cache.yaml: those keys pile up until writes fail like noeviction.',
  ]);
  assert.deepEqual(related(ws, diagnostics(ws, 'k8s/redis.yaml', 'CW007')[0]), ['shop.cache.yaml 13:7-13:21 cache `products` (no ttl)']);
  assert.deepEqual(shown(ws, 'shop.cache.yaml', 'CW007'), [
    'CW007 13:7-13:21 Cache `products` has no `ttl.value` but its backend `redis` (declared in k8s/redis.yaml) evicts with volatile-lru, which only evicts keys that have a TTL: these keys are never evicted and fill the backend until writes fail for every cache on it.',
  ]);
  // The fix edits the line inside the block scalar.
  const fixed = afterFix(ws, 'k8s/redis.yaml', 'CW007');
  assert.equal(fixed.title, 'Set `maxmemory-policy allkeys-lru`');
  assert.equal(fixed.text.split('\n').slice(6, 9).join('\n'), '  redis.conf: |\n    maxmemory 700mb\n    maxmemory-policy allkeys-lru');
  // The hover of a directive inside the ConfigMap.
  assert.match(hoverAt(ws, 'k8s/redis.yaml', 'maxmemory-policy') ?? '', /^\*\*maxmemory-policy\*\*/);
  assert.match(hoverAt(ws, 'k8s/redis.yaml', 'memory: 1Gi', 2) ?? '', /^\*\*resources\.limits\.memory\*\* — the container's memory limit, a Kubernetes quantity/);
});

test('kubernetes: every name a Service gives the pods links: bare, namespaced, .svc and the cluster domain', async () => {
  for (const name of ['redis', 'redis.cache', 'redis.cache.svc']) {
    const ws = await workspace({ 'k8s/redis.yaml': REDIS_WITH_CONFIGMAP, 'shop.cache.yaml': cacheOn(name) });
    assert.equal(diagnostics(ws, 'shop.cache.yaml', 'CW007').length, 1, name);
  }
  // A Service in another namespace, or whose selector does not match, gives no name.
  const elsewhere = REDIS_WITH_CONFIGMAP.replace('  name: redis\n  namespace: cache\nspec:\n  selector:\n    app: redis', '  name: cache-redis\n  namespace: other\nspec:\n  selector:\n    app: redis');
  const ws = await workspace({ 'k8s/redis.yaml': elsewhere, 'shop.cache.yaml': cacheOn('cache-redis') });
  assert.deepEqual(diagnostics(ws, 'shop.cache.yaml', 'CW007'), []);
});

test('kubernetes: a missing policy in a mounted redis.conf — the fix adds a line at the block indentation; CW008 against the limit', async () => {
  const text = REDIS_WITH_CONFIGMAP.replace('    maxmemory-policy volatile-lru\n', '').replace('maxmemory 700mb', 'maxmemory 900mb');
  const ws = await workspace({ 'k8s/redis.yaml': text });
  assert.deepEqual(shown(ws, 'k8s/redis.yaml'), [
    'CW008 8:15-8:20 `maxmemory` 900Mi is 87.89% of `resources.limits.memory` 1Gi: replication buffers, fragmentation and forks need the rest, so the container is OOM-killed before eviction starts. Keep it at or below 768Mi (75%).',
    'CW007 13:9-13:14 Backend `redis` (redis) sets no `maxmemory-policy`: Redis then uses noeviction, so once its 900Mi is full every write fails and reads fall through to the data sources.',
  ]);
  assert.equal(afterFix(ws, 'k8s/redis.yaml', 'CW007').text.split('\n').slice(6, 10).join('\n'), '  redis.conf: |\n    maxmemory 900mb\n    maxmemory-policy allkeys-lru\n---');
  const cw008 = afterFix(ws, 'k8s/redis.yaml', 'CW008');
  assert.equal(cw008.title, 'Set `maxmemory 768mb`');
  assert.equal(cw008.text.split('\n')[7], '    maxmemory 768mb');
});

test('kubernetes: a redis.conf ConfigMap no workload here mounts is a backend named after the ConfigMap', async () => {
  const ws = await workspace({
    'k8s/sessions-config.yaml': `apiVersion: v1
kind: ConfigMap
metadata:
  name: sessions-redis
data:
  redis.conf: |-
    # sessions
    maxmemory 2gb
    maxmemory-policy "volatile-lfu"
`,
    'shop.cache.yaml': cacheOn('sessions-redis'),
  });
  assert.deepEqual(shown(ws, 'k8s/sessions-config.yaml'), [
    'CW007 9:23-9:35 Backend `sessions-redis` evicts with volatile-lfu, which only evicts keys that have a TTL, but `products` writes keys without one (no ttl), declared in shop.cache.yaml: those keys pile up until writes fail like noeviction.',
  ]);
  assert.equal(afterFix(ws, 'k8s/sessions-config.yaml', 'CW007').text.split('\n')[8], '    maxmemory-policy "allkeys-lru"');
});

test('kubernetes: `sh -c` with a block scalar script; two cache containers in a pod are named after their containers', async () => {
  const ws = await workspace({
    'deploy/cache.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: sessions
spec:
  template:
    metadata:
      labels: { app: sessions }
    spec:
      containers:
        - name: redis
          image: bitnami/redis:7.2
          command:
            - sh
            - -c
            - |
              exec redis-server \\
                --maxmemory 1500mb \\
                --maxmemory-policy noeviction
          resources:
            limits:
              memory: 2G
        - name: mc
          image: memcached:1.6
          args: ["-m", "1024", "-M"]
          resources: { limits: { memory: 2Gi } }
`,
  });
  assert.deepEqual(shown(ws, 'deploy/cache.yaml'), [
    // The model's sizes are rounded to two decimals (1500mb = 1.46Gi, 2G = 1.86Gi): CW008 computes on those.
    'CW008 18:29-18:35 `--maxmemory` 1.46Gi is 78.49% of `resources.limits.memory` 1.86Gi: replication buffers, fragmentation and forks need the rest, so the container is OOM-killed before eviction starts. Keep it at or below 1.4Gi (75%).',
    'CW007 19:36-19:46 Backend `sessions-redis` has `--maxmemory-policy noeviction` but role cache: once its 1.46Gi is full every write fails instead of dropping old entries, so caches stop caching and reads fall through to their data sources.',
    'CW007 25:32-25:36 Backend `sessions-mc` has `-M (--disable-evictions)` but role cache: once its 1Gi is full every write fails instead of dropping old entries, so caches stop caching and reads fall through to their data sources.',
  ]);
  assert.equal(afterFix(ws, 'deploy/cache.yaml', 'CW007').text.split('\n')[18], '                --maxmemory-policy allkeys-lru');
  assert.equal(afterFix(ws, 'deploy/cache.yaml', 'CW008').text.split('\n')[17], '                --maxmemory 1423mb \\');
  assert.equal(afterFix(ws, 'deploy/cache.yaml', 'CW007', 1).text.split('\n')[24], '          args: ["-m", "1024"]');
});

test('kubernetes: the official image without command or args — the fix adds `args` after `image:`', async () => {
  const ws = await workspace({
    'k8s/pod.yaml': `apiVersion: v1
kind: Pod
metadata:
  name: scratch-redis
spec:
  containers:
    - image: valkey/valkey:8
      name: valkey
      resources: { limits: { memory: 256Mi } }
`,
  });
  assert.deepEqual(shown(ws, 'k8s/pod.yaml').map((line) => line.split(' ').slice(0, 2).join(' ')), ['CW007 4:9-4:22', 'CW008 4:9-4:22']);
  assert.equal(afterFix(ws, 'k8s/pod.yaml', 'CW007').text, `apiVersion: v1
kind: Pod
metadata:
  name: scratch-redis
spec:
  containers:
    - image: valkey/valkey:8
      args: ["--maxmemory-policy", "allkeys-lru"]
      name: valkey
      resources: { limits: { memory: 256Mi } }
`);
  assert.equal(afterFix(ws, 'k8s/pod.yaml', 'CW008').text.split('\n')[7], '      args: ["--maxmemory", "192mb"]');
});

test('kubernetes: a manifest that is not valid YAML gets format-syntax; other kinds add nothing', async () => {
  const ws = await workspace({ 'k8s/broken.yaml': 'apiVersion: v1\nkind: Service\nmetadata: {name: [x\n' });
  const syntax = diagnostics(ws, 'k8s/broken.yaml', 'format-syntax');
  assert.equal(syntax.length, 1, 'one format-syntax per file, at the first error');
  assert.deepEqual(syntax[0].range.start, { line: 3, character: 0 });
  assert.match(syntax[0].message, /^This Kubernetes manifest is not valid YAML \(.+\), so its cache settings are not checked until it parses\.$/);
  const plain = await workspace({ 'k8s/api.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  template:\n    spec:\n      containers:\n        - name: api\n          image: shop-api:1\n          env:\n            - name: REDIS_HOST\n              value: redis\n' });
  assert.deepEqual(shown(plain, 'k8s/api.yaml'), []);
});

test('kubernetes: Spring settings in a container `env` link by the Service DNS name; the fix adds the variable', async () => {
  const ws = await workspace({
    'k8s/redis.yaml': REDIS_WITH_CONFIGMAP,
    'k8s/api.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: catalog
spec:
  template:
    spec:
      containers:
        - name: app
          image: catalog:1
          env:
            - name: SPRING_CACHE_TYPE
              value: redis
            - name: SPRING_DATA_REDIS_HOST
              value: redis.cache.svc.cluster.local
`,
  });
  assert.deepEqual(shown(ws, 'k8s/api.yaml').map((line) => line.split(' ').slice(0, 2).join(' ')), ['CW001 12:21-12:38', 'CW007 12:21-12:38']);
  assert.match(diagnostics(ws, 'k8s/api.yaml', 'CW007')[0].message, /^Cache `catalog` has no `SPRING_CACHE_REDIS_TIME_TO_LIVE` but its backend `redis` \(declared in k8s\/redis\.yaml\) evicts with volatile-lru/);
  assert.match(shown(ws, 'k8s/redis.yaml', 'CW007')[0], /but `catalog` writes keys without one \(no ttl\), declared in k8s\/api\.yaml/);
  const fixed = afterFix(ws, 'k8s/api.yaml', 'CW001');
  assert.equal(fixed.text.split('\n').slice(14).join('\n'), `              value: redis.cache.svc.cluster.local
            - name: SPRING_CACHE_REDIS_TIME_TO_LIVE
              value: "10m"
`);
});

test('kubernetes: CRLF files — ranges and the added redis.conf line keep the file\'s line breaks', async () => {
  const text = REDIS_WITH_CONFIGMAP.replace('    maxmemory-policy volatile-lru\n', '').replace(/\n/g, '\r\n');
  const ws = await workspace({ 'k8s/redis.yaml': text });
  assert.deepEqual(shown(ws, 'k8s/redis.yaml').map((line) => line.split(' ').slice(0, 2).join(' ')), ['CW007 13:9-13:14']);
  assert.equal(afterFix(ws, 'k8s/redis.yaml', 'CW007').text.split('\r\n').slice(6, 10).join('|'), '  redis.conf: |\r\n    maxmemory 700mb\r\n    maxmemory-policy allkeys-lru\r\n---'.split('\r\n').join('|'));
});

test('kubernetes: a StatefulSet pod name (`redis-0.redis.cache.svc…` → `redis-0`) links too', async () => {
  const ws = await workspace({ 'k8s/redis.yaml': REDIS_WITH_CONFIGMAP, 'shop.cache.yaml': cacheOn('redis-0') });
  assert.equal(diagnostics(ws, 'shop.cache.yaml', 'CW007').length, 1);
});
