// How a Bitnami Redis in Helm values is named: the release from a helmfile, a parent chart's
// dependency alias, an Argo CD Application or a `# cache-warden: release=` comment (else the
// folder), Bitnami's fullname rule, and the Services that become the backend's aliases — so an
// application's host `cache-redis-master` links to the values file.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { test } from 'node:test';
import { bitnamiFullname, bitnamiRedisServices, chartBaseName } from '../../../src/core/formats/helmReleases';
import { afterFix, findings, hoverAt, workspaceWith } from './adapterHarness';

const ARCHITECTURE_DOC = '**architecture** (Bitnami Redis) — `standalone` (one master) or `replication` (a master plus `replica.replicaCount` read replicas).\n\nDefault: `replication`. Replicas follow the master\'s evictions (they do not evict on their own), so the master\'s `maxmemory` and `maxmemory-policy` decide how the cache behaves when full.';
import type { WorkspaceModel } from '../../../src/core/workspace/workspaceModel';

const NEVER_EXPIRES = (backend: string): string => `apiVersion: cache-warden/v1
kind: CacheLayer
metadata: { service: shop, owner: team-shop, docs: docs/shop.md }
spec:
  backends: []
  caches:
    - name: products
      backend: ${backend}
      ttl: { value: never }
`;

const REDIS = 'architecture: standalone\nmaster:\n  configuration: |\n    maxmemory 100mb\n    maxmemory-policy volatile-lru\n';

/** Each Redis the file declares: `name: alias, alias, …`. */
function backends(model: WorkspaceModel, file: string): string[] {
  return (model.file(file)?.adapted?.file?.layers ?? []).map((layer) => {
    const backend = ((layer.doc.value as { spec: { backends: { name: string; aliases?: string[] }[] } }).spec.backends)[0];
    return `${backend.name}: ${(backend.aliases ?? []).join(', ')}`;
  });
}

test('bitnamiFullname: <release>-<chart>, the release alone when it contains the chart name, the overrides, 63 characters', () => {
  assert.equal(bitnamiFullname('cache', 'redis', {}), 'cache-redis');
  assert.equal(bitnamiFullname('redis-sessions', 'redis', {}), 'redis-sessions');
  assert.equal(bitnamiFullname('cache', 'redis', { nameOverride: 'kv' }), 'cache-kv');
  assert.equal(bitnamiFullname('cache', 'redis', { fullnameOverride: 'sessions' }), 'sessions');
  assert.equal(bitnamiFullname('a'.repeat(60), 'redis', {}), `${'a'.repeat(60)}-re`);
  assert.equal(bitnamiFullname(`${'a'.repeat(62)}`, 'redis', {}), 'a'.repeat(62), 'a trailing dash is trimmed after truncation');
  assert.deepEqual(bitnamiRedisServices('cache-redis'), ['cache-redis-master', 'cache-redis-headless', 'cache-redis-replicas']);
  assert.deepEqual(['bitnami/redis', 'oci://registry-1.docker.io/bitnamicharts/redis', 'bitnami/redis@19.6.0', './charts/shop'].map(chartBaseName), ['redis', 'redis', 'redis', 'shop']);
});

test('helmfile in a parent folder names the release; a cache on the master Service links to it', async () => {
  const ws = await workspaceWith({
    'helmfile/helmfile.yaml': 'repositories:\n  - name: bitnami\n    url: https://charts.bitnami.com/bitnami\nreleases:\n  - name: web\n    chart: bitnami/nginx\n  - name: cache\n    namespace: data\n    chart: bitnami/redis\n    version: 19.6.0\n    values:\n      - ./values/redis-values.yaml\n',
    'helmfile/values/redis-values.yaml': REDIS,
    'shop.cache.yaml': NEVER_EXPIRES('cache-redis-master'),
  });
  const file = ws.file('helmfile/values/redis-values.yaml');
  assert.deepEqual(backends(ws.model, file), ['cache-redis: cache-redis-master, cache-redis-headless, cache-redis-replicas']);
  assert.deepEqual(findings(ws.model, file), [
    'CW007 5:22-5:34 Backend `cache-redis` evicts with volatile-lru, which only evicts keys that have a TTL, but `products` writes keys without one (ttl never), declared in shop.cache.yaml: those keys pile up until writes fail like noeviction.',
  ]);
});

test('a release name that contains "redis" is the fullname; fullnameOverride replaces it', async () => {
  const ws = await workspaceWith({
    'helmfile.yaml': 'releases:\n  - name: redis-sessions\n    chart: oci://registry-1.docker.io/bitnamicharts/redis\n    values: [sessions/values.yaml]\n  - name: cache\n    chart: bitnami/redis\n    values: [cache/values.yaml]\n',
    'sessions/values.yaml': REDIS,
    'cache/values.yaml': `fullnameOverride: shop-cache\n${REDIS}`,
  });
  assert.deepEqual(backends(ws.model, ws.file('sessions/values.yaml')), ['redis-sessions: redis-sessions-master, redis-sessions-headless, redis-sessions-replicas']);
  assert.deepEqual(backends(ws.model, ws.file('cache/values.yaml')), ['shop-cache: shop-cache-master, shop-cache-headless, shop-cache-replicas']);
  assert.match(hoverAt(ws.model, ws.file('cache/values.yaml'), 'fullnameOverride')!, /^\*\*fullnameOverride\*\* .*\n\n---\n\n\*\*Helm values\*\* .*calls it `shop-cache`/s);
});

test('Chart.yaml dependency with an alias: the values under the alias key are the Redis, named <release>-<alias>; the release from a helmfile installing the local chart', async () => {
  const values = 'replicaCount: 2\ncache:\n  architecture: standalone\n  master:\n    configuration: |-\n      maxmemory-policy volatile-lru\n';
  const chart = 'apiVersion: v2\nname: shop\nversion: 1.0.0\ndependencies:\n  - name: redis\n    version: 19.x.x\n    repository: oci://registry-1.docker.io/bitnamicharts\n    alias: cache\n';
  const ws = await workspaceWith({
    'charts/shop/Chart.yaml': chart,
    'charts/shop/values.yaml': values,
    'helmfile.yaml': 'releases:\n  - name: web\n    chart: ./charts/shop\n',
    'shop.cache.yaml': NEVER_EXPIRES('web-cache-master'),
  });
  const file = ws.file('charts/shop/values.yaml');
  assert.deepEqual(backends(ws.model, file), ['web-cache: web-cache-master, web-cache-headless, web-cache-replicas']);
  assert.deepEqual(findings(ws.model, file), [
    'CW008 5:5-5:18 Backend `web-cache` (redis) has no `maxmemory`: Redis defaults to no limit (maxmemory 0), so it grows until the container is OOM-killed and restarts empty. Add a `maxmemory` line (≤ 75% of the container limit) to `cache.master.configuration`.',
    'CW007 6:24-6:36 Backend `web-cache` evicts with volatile-lru, which only evicts keys that have a TTL, but `products` writes keys without one (ttl never), declared in shop.cache.yaml: those keys pile up until writes fail like noeviction.',
  ]);
  assert.deepEqual(afterFix(ws.model, file, 'CW007'), { title: 'Set `maxmemory-policy allkeys-lru`', text: values.replace('volatile-lru', 'allkeys-lru') });
  assert.match(hoverAt(ws.model, file, 'cache:')!, /the `cache` dependency \(Bitnami Redis\) of this chart; Cache Warden calls it `web-cache`\.\n\nRelease `web`, named in `helmfile\.yaml`\./);
  // Without the helmfile the chart's folder stands in for the release: shop-cache.
  const alone = await workspaceWith({ 'charts/shop/Chart.yaml': chart, 'charts/shop/values.yaml': values });
  assert.deepEqual(backends(alone.model, alone.file('charts/shop/values.yaml')), ['shop-cache: shop-cache-master, shop-cache-headless, shop-cache-replicas']);
});

test('a chart without a redis dependency: its values are not read as Redis, whatever they say', async () => {
  const ws = await workspaceWith({ 'charts/web/Chart.yaml': 'apiVersion: v2\nname: web\nversion: 1.0.0\n', 'charts/web/values.yaml': REDIS });
  assert.deepEqual(backends(ws.model, ws.file('charts/web/values.yaml')), []);
  const other = await workspaceWith({ 'helmfile.yaml': 'releases:\n  - name: db\n    chart: bitnami/postgresql\n    values: [db/values.yaml]\n', 'db/values.yaml': REDIS });
  assert.deepEqual(backends(other.model, other.file('db/values.yaml')), [], 'a helmfile says it is another chart');
});

test('the modeline names the release when nothing else does (and wins over a helmfile)', async () => {
  const ws = await workspaceWith({
    'helmfile.yaml': 'releases:\n  - name: cache\n    chart: bitnami/redis\n    values: [redis/values.yaml]\n',
    'redis/values.yaml': `# cache-warden: release=sessions\n${REDIS}`,
    'shop.cache.yaml': NEVER_EXPIRES('sessions-redis-master'),
  });
  const file = ws.file('redis/values.yaml');
  assert.deepEqual(backends(ws.model, file), ['sessions-redis: sessions-redis-master, sessions-redis-headless, sessions-redis-replicas']);
  assert.equal(findings(ws.model, file).length, 1);
  assert.match(hoverAt(ws.model, file, 'architecture')!, /Release `sessions`, named by the comment `# cache-warden: release=sessions` in this file\./);
});

test('no release anywhere: the backend is named after the folder, the Services follow from it, and the first key\'s hover says so', async () => {
  const ws = await workspaceWith({ 'redis/values.yaml': REDIS, 'cache/values.yaml': REDIS, 'values.yaml': REDIS });
  assert.deepEqual(backends(ws.model, ws.file('redis/values.yaml')), ['redis: redis-master, redis-headless, redis-replicas']);
  assert.deepEqual(backends(ws.model, ws.file('cache/values.yaml')), ['cache: cache-redis, cache-redis-master, cache-redis-headless, cache-redis-replicas']);
  assert.deepEqual(backends(ws.model, ws.file('values.yaml')), ['redis: redis-master, redis-headless, redis-replicas']);
  assert.equal(hoverAt(ws.model, ws.file('cache/values.yaml'), 'architecture'),
    `${ARCHITECTURE_DOC}\n\n---\n\n` + '**Helm values** — these values configure a Bitnami Redis (bitnami/redis); Cache Warden calls it `cache`.\n\nThe release is not known: no helmfile, Argo CD Application or `# cache-warden: release=<name>` comment names this file\'s release, so the folder\'s name `cache` stands in for it. Name it with a comment line `# cache-warden: release=<name>` in this file.\n\nApplications reach it as `cache-redis`, `cache-redis-master`, `cache-redis-headless`, `cache-redis-replicas` (Bitnami\'s fullname `<release>-redis`, or the release name alone when it contains `redis`; `fullnameOverride`/`nameOverride` change it). A cache whose host is one of these names links to this Redis.');
});

test('an Argo CD Application (multi-source, `$values` ref) names the release with helm.releaseName', async () => {
  const app = `apiVersion: argoproj.io/v1alpha1
kind: Application
metadata:
  name: shop-cache
  namespace: argocd
spec:
  sources:
    - repoURL: https://charts.bitnami.com/bitnami
      chart: redis
      targetRevision: 19.6.0
      helm:
        releaseName: cache
        valueFiles:
          - $values/deploy/redis/values.yaml
    - repoURL: https://example.invalid/shop.git
      targetRevision: main
      ref: values
`;
  const ws = await workspaceWith({ 'deploy/application.yaml': app, 'deploy/redis/values.yaml': REDIS });
  const file = ws.file('deploy/redis/values.yaml');
  assert.deepEqual(backends(ws.model, file), ['cache-redis: cache-redis-master, cache-redis-headless, cache-redis-replicas']);
  assert.match(hoverAt(ws.model, file, 'architecture')!, /Release `cache`, named by the Argo CD Application `shop-cache` in `deploy\/application\.yaml` \(`helm\.releaseName`\)\./);
});

test('two redis dependencies (aliases cache and sessions): one backend each, each fix edits its own block', async () => {
  const chart = 'apiVersion: v2\nname: shop\nversion: 1.0.0\ndependencies:\n  - name: redis\n    alias: cache\n  - name: redis\n    alias: sessions\n  - name: postgresql\n';
  const values = 'cache:\n  master:\n    configuration: |\n      maxmemory 100mb\n      maxmemory-policy allkeys-lru\nsessions:\n  master:\n    configuration: |\n      maxmemory 100mb\npostgresql:\n  architecture: standalone\n';
  const ws = await workspaceWith({ 'charts/shop/Chart.yaml': chart, 'charts/shop/values.yaml': values });
  const file = ws.file('charts/shop/values.yaml');
  assert.deepEqual(backends(ws.model, file), [
    'shop-cache: shop-cache-master, shop-cache-headless, shop-cache-replicas',
    'shop-sessions: shop-sessions-master, shop-sessions-headless, shop-sessions-replicas',
  ]);
  assert.deepEqual(findings(ws.model, file), [
    'CW007 8:5-8:18 Backend `shop-sessions` (redis) sets no `maxmemory-policy`: Redis then uses noeviction, so once its 100Mi is full every write fails and reads fall through to the data sources. Add a `maxmemory-policy allkeys-lru` line to `sessions.master.configuration`.',
  ]);
  assert.equal(afterFix(ws.model, file, 'CW007')?.text, values.replace('      maxmemory 100mb\npostgresql', '      maxmemory 100mb\n      maxmemory-policy allkeys-lru\npostgresql'));
});

test('replica.configuration is explained on hover but does not change the master\'s settings', async () => {
  const values = 'architecture: replication\nmaster:\n  configuration: |\n    maxmemory 100mb\n    maxmemory-policy allkeys-lru\nreplica:\n  replicaCount: 2\n  configuration: |\n    maxmemory-policy noeviction\n    maxclients 500\n';
  const ws = await workspaceWith({ 'redis/values.yaml': values });
  const file = ws.file('redis/values.yaml');
  assert.deepEqual(findings(ws.model, file), []);
  assert.match(hoverAt(ws.model, file, 'maxmemory-policy noeviction')!, /^\*\*maxmemory-policy\*\* on a replica/);
  assert.match(hoverAt(ws.model, file, 'maxclients')!, /^\*\*maxclients\*\*/);
  assert.match(hoverAt(ws.model, file, 'replicaCount')!, /^\*\*replica\.replicaCount\*\* .*Default: `3`/s);
});

test('the modeline also says the file is Redis values when its content alone would not', async () => {
  const values = 'master:\n  resources:\n    limits:\n      memory: 1Gi\n';
  const ws = await workspaceWith({ 'deploy/values.yaml': `# cache-warden: release=cache\n${values}`, 'spark/values.yaml': values });
  assert.deepEqual(backends(ws.model, ws.file('deploy/values.yaml')), ['cache-redis: cache-redis-master, cache-redis-headless, cache-redis-replicas']);
  assert.deepEqual(backends(ws.model, ws.file('spark/values.yaml')), [], 'master.resources alone could be any chart');
});

test('helmfile.d: every `helmfile.d/*.yaml` (and `.yaml.gotmpl`) is a helmfile; its relative values paths start from helmfile.d itself, as helmfile runs each file in its own folder', async () => {
  const ws = await workspaceWith({
    'helmfile.d/10-web.yaml': 'releases:\n  - name: web\n    chart: bitnami/nginx\n',
    'helmfile.d/20-cache.yaml': 'repositories:\n  - name: bitnami\n    url: https://charts.bitnami.com/bitnami\nreleases:\n  - name: cache\n    namespace: data\n    chart: bitnami/redis\n    values:\n      - ../redis/values.yaml\n',
    'helmfile.d/30-sessions.yaml.gotmpl': '{{ $env := .Environment.Name }}\nreleases:\n  - name: sessions\n    chart: bitnami/redis\n    values:\n      - ../sessions/values-{{ .Release.Name }}.yaml\n',
    'redis/values.yaml': REDIS,
    'sessions/values-sessions.yaml': REDIS,
    'shop.cache.yaml': NEVER_EXPIRES('cache-redis-master'),
  });
  const file = ws.file('redis/values.yaml');
  assert.deepEqual(backends(ws.model, file), ['cache-redis: cache-redis-master, cache-redis-headless, cache-redis-replicas']);
  assert.deepEqual(findings(ws.model, file), [
    'CW007 5:22-5:34 Backend `cache-redis` evicts with volatile-lru, which only evicts keys that have a TTL, but `products` writes keys without one (ttl never), declared in shop.cache.yaml: those keys pile up until writes fail like noeviction.',
  ]);
  assert.match(hoverAt(ws.model, file, 'architecture')!, /Release `cache`, named in `helmfile\.d\/20-cache\.yaml`\./);
  assert.deepEqual(backends(ws.model, ws.file('sessions/values-sessions.yaml')), ['sessions-redis: sessions-redis-master, sessions-redis-headless, sessions-redis-replicas']);
  assert.match(hoverAt(ws.model, ws.file('sessions/values-sessions.yaml'), 'architecture')!, /Release `sessions`, named in `helmfile\.d\/30-sessions\.yaml\.gotmpl`\./);
});

test('helmfile.d: a path written as if from the parent folder names nothing (helmfile would look in helmfile.d/); subfolders of helmfile.d are not helmfiles', async () => {
  const ws = await workspaceWith({
    'helmfile.d/cache.yaml': 'releases:\n  - name: cache\n    chart: bitnami/redis\n    values: [redis/values.yaml]\n',
    'helmfile.d/envs/prod.yaml': 'releases:\n  - name: prod-cache\n    chart: bitnami/redis\n    values: [../../redis/values.yaml]\n',
    'redis/values.yaml': REDIS,
  });
  assert.deepEqual(backends(ws.model, ws.file('redis/values.yaml')), ['redis: redis-master, redis-headless, redis-replicas'], 'the folder name stands in');
});

test('helmfile.d in a parent folder names a values file below it, and a release of a local chart names that chart\'s values (dependency alias)', async () => {
  const chart = 'apiVersion: v2\nname: shop\nversion: 1.0.0\ndependencies:\n  - name: redis\n    alias: cache\n';
  const values = 'cache:\n  master:\n    configuration: |\n      maxmemory 100mb\n';
  const ws = await workspaceWith({
    'deploy/helmfile.d/cache.yml': 'releases:\n  - name: orders\n    chart: bitnami/redis\n    values:\n      - ../envs/prod/redis/values.yaml\n',
    'deploy/envs/prod/redis/values.yaml': REDIS,
    'deploy/helmfile.d/shop.yaml': 'releases:\n  - name: web\n    chart: ../charts/shop\n',
    'deploy/charts/shop/Chart.yaml': chart,
    'deploy/charts/shop/values.yaml': values,
  });
  assert.deepEqual(backends(ws.model, ws.file('deploy/envs/prod/redis/values.yaml')), ['orders-redis: orders-redis-master, orders-redis-headless, orders-redis-replicas']);
  const shop = ws.file('deploy/charts/shop/values.yaml');
  assert.deepEqual(backends(ws.model, shop), ['web-cache: web-cache-master, web-cache-headless, web-cache-replicas']);
  assert.deepEqual(findings(ws.model, shop), [
    'CW007 3:5-3:18 Backend `web-cache` (redis) sets no `maxmemory-policy`: Redis then uses noeviction, so once its 100Mi is full every write fails and reads fall through to the data sources. Add a `maxmemory-policy allkeys-lru` line to `cache.master.configuration`.',
  ]);
});

test('helmfile.d files changed, added or removed on disk, or edited in the editor, rename the Redis their release deploys', async () => {
  const release = (name: string): string => `releases:\n  - name: ${name}\n    chart: bitnami/redis\n    values: [../redis/values.yaml]\n`;
  const ws = await workspaceWith({ 'helmfile.d/20-cache.yaml': release('orders-cache'), 'redis/values.yaml': REDIS });
  const values = ws.file('redis/values.yaml');
  const names = (): string[] | undefined => ws.model.facts.get(values)?.backends.map((b) => b.name);
  assert.deepEqual(names(), ['orders-cache-redis']);
  // Changed on disk.
  fs.writeFileSync(ws.file('helmfile.d/20-cache.yaml'), release('payments-redis'));
  await ws.model.diskChanged(ws.file('helmfile.d/20-cache.yaml'));
  assert.deepEqual(names(), ['payments-redis']);
  assert.ok(ws.model.catalog.entity('resource:payments-redis'));
  // A new file that sorts first names the file first.
  fs.writeFileSync(ws.file('helmfile.d/10-sessions.yaml'), release('sessions'));
  await ws.model.diskChanged(ws.file('helmfile.d/10-sessions.yaml'));
  assert.deepEqual(names(), ['sessions-redis']);
  // Removed again: the other file names it.
  fs.rmSync(ws.file('helmfile.d/10-sessions.yaml'));
  ws.model.diskDeleted(ws.file('helmfile.d/10-sessions.yaml'));
  assert.deepEqual(names(), ['payments-redis']);
  // Edited in the editor, unsaved.
  ws.model.setOverlay(ws.file('helmfile.d/20-cache.yaml'), release('carts'), 1);
  assert.deepEqual(names(), ['carts-redis']);
  assert.match(hoverAt(ws.model, values, 'architecture')!, /Release `carts`, named in `helmfile\.d\/20-cache\.yaml`\./);
  // The whole folder goes: the folder name stands in.
  await ws.model.closeOverlay(ws.file('helmfile.d/20-cache.yaml'));
  fs.rmSync(ws.file('helmfile.d'), { recursive: true });
  ws.model.diskDeleted(ws.file('helmfile.d'));
  assert.deepEqual(names(), ['redis']);
});

test('typing in a values file reads nothing from disk: what the release lookup read or listed (found or missing) is kept until the model hears that path changed', async (t) => {
  const release = (name: string, values: string): string => `releases:\n  - name: ${name}\n    chart: bitnami/redis\n    values: [${values}]\n`;
  const ws = await workspaceWith({ 'helmfile.d/cache.yaml': release('cache', '../deploy/redis/values.yaml'), 'deploy/redis/values.yaml': REDIS });
  const values = ws.file('deploy/redis/values.yaml');
  const names = (): string[] | undefined => ws.model.facts.get(values)?.backends.map((b) => b.name);
  ws.model.setOverlay(values, `${REDIS}# 1\n`, 1);
  assert.ok(ws.model.analysis(values));
  assert.deepEqual(names(), ['cache-redis']);
  // The real module behind the namespace import: the model's `fs` reads through it.
  const listings = t.mock.method((fs as unknown as { default: typeof fs }).default, 'readdirSync');
  const reads = ws.model.stats.reads;
  for (let version = 2; version <= 20; version++) {
    ws.model.setOverlay(values, `${REDIS}# ${version}\n`, version);
    assert.ok(ws.model.analysis(values));
  }
  assert.equal(ws.model.stats.reads - reads, 0, 'no helmfile, Chart.yaml or Application read again');
  assert.equal(listings.mock.callCount(), 0, 'helmfile.d/ not listed again');
  assert.deepEqual(names(), ['cache-redis']);
  // A helmfile where none was (remembered as missing) counts once the model hears of it: it is nearer, so it wins.
  fs.writeFileSync(ws.file('deploy/helmfile.yaml'), release('orders', 'redis/values.yaml'));
  await ws.model.diskChanged(ws.file('deploy/helmfile.yaml'));
  assert.deepEqual(names(), ['orders-redis']);
  fs.rmSync(ws.file('deploy/helmfile.yaml'));
  ws.model.diskDeleted(ws.file('deploy/helmfile.yaml'));
  assert.deepEqual(names(), ['cache-redis']);
  // A helmfile.d/ that appears as a whole folder (a checkout): the values file is read again.
  fs.mkdirSync(ws.file('deploy/helmfile.d'));
  fs.writeFileSync(ws.file('deploy/helmfile.d/sessions.yaml'), release('sessions', '../redis/values.yaml'));
  await ws.model.diskFolderCreated(ws.file('deploy/helmfile.d'));
  assert.deepEqual(names(), ['sessions-redis']);
});
