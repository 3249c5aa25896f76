// Formats recognised by content as well as by path: a Kubernetes manifest at `infra/redis.yaml`, a
// CloudFormation template called `elasticache.yaml`, a compose file called `stack.yml` are read —
// by the editor's workspace scan, for an open file, for a file changed on disk — from the same
// first bytes the Backstage recogniser reads (one read per file), and Helm templates, vendored
// files and YAML that merely has a `services:` key are not.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { adapterFor, formatFor, readByAdapter } from '../../../src/core/formats/registry';
import {
  CONTENT_RECOGNISERS, FORMAT_RECOGNISERS, formatByContent, HEAD_BYTES, isFormatCandidate, WORKSPACE_RECOGNISERS,
} from '../../../src/core/workspace/contentRecognisers';
import { nodeFileSystem, type ModelFileSystem } from '../../../src/core/workspace/fileSystem';
import { WorkspaceModel } from '../../../src/core/workspace/workspaceModel';
import { MANIFEST } from '../formats/contentFixtures';

const SCHEMAS = path.resolve(__dirname, '../../../../schemas');
const temps: string[] = [];
after(() => {
  for (const dir of temps) fs.rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'cw-content-formats-')));
  temps.push(dir);
  return dir;
}

function write(root: string, relative: string, text: string): string {
  const file = path.join(root, relative);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return file;
}


/** What MANIFEST's findings look like in the Problems list (1-based). */
const MANIFEST_FINDINGS = [
  'CW008 8:15-8:20 `maxmemory` 900Mi is 87.89% of `resources.limits.memory` 1Gi: replication buffers, fragmentation and forks need the rest, so the container is OOM-killed before eviction starts. Keep it at or below 768Mi (75%).',
  'CW007 13:9-13:14 Backend `redis` (redis) sets no `maxmemory-policy`: Redis then uses noeviction, so once its 900Mi is full every write fails and reads fall through to the data sources.',
];

const HELM_TEMPLATE = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "cache.fullname" . }}
spec:
  template:
    spec:
      containers:
        - name: redis
          image: redis:7.2
          args: ["--maxmemory", "{{ .Values.maxmemory }}"]
`;

/** A YAML with a top-level `services:` that is no compose file (an app's own settings). */
const NOT_COMPOSE = `services:
  billing:
    url: https://billing.internal
    timeout: 5s
  search:
    url: https://search.internal
`;

const STACK = `services:
  redis:
    image: redis:7.2
    command: ["redis-server", "--maxmemory", "768mb", "--maxmemory-policy", "volatile-lru"]
    mem_limit: 1g
`;

const ELASTICACHE = `Description: the shop's cache
Resources:
  Params:
    Type: AWS::ElastiCache::ParameterGroup
    Properties:
      CacheParameterGroupFamily: redis7
      Description: params
      Properties:
        maxmemory-policy: volatile-lru
`;

function shown(model: WorkspaceModel, file: string): string[] {
  const analysis = model.analysis(file);
  assert.ok(analysis, `no analysis for ${file}`);
  return analysis.diagnostics.map((d) => `${d.code} ${d.range.start.line + 1}:${d.range.start.character + 1}-${d.range.end.line + 1}:${d.range.end.character + 1} ${d.message}`);
}

test('format recognisers: the catalog list is unchanged; the scan asks Backstage first, then Kubernetes, CloudFormation, compose', () => {
  assert.deepEqual(CONTENT_RECOGNISERS.map((r) => r.id), ['backstage']);
  assert.deepEqual(FORMAT_RECOGNISERS.map((r) => [r.id, r.role, r.adapter.id]), [['kubernetes', 'format', 'kubernetes'], ['cloudformation', 'format', 'cloudformation'], ['compose', 'format', 'compose']]);
  assert.deepEqual(WORKSPACE_RECOGNISERS.map((r) => r.id), ['backstage', 'kubernetes', 'cloudformation', 'compose']);
});

test('Kubernetes by content: apiVersion + a kind the adapter reads, anywhere but templates/, vendor and dependency folders', () => {
  const deployment = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: redis\n';
  for (const rel of ['infra/redis.yaml', 'ops/cache/statefulset.yml', 'platform/base/redis-deployment.yaml', 'redis.yaml', 'src/redis.yaml']) {
    assert.equal(formatByContent(rel, MANIFEST)?.id, 'kubernetes', rel);
  }
  assert.equal(formatByContent('infra/redis.yaml', deployment)?.id, 'kubernetes');
  // The path rules are unchanged (adapterFor); formatFor adds the content.
  assert.equal(adapterFor('src/redis.yaml', deployment), undefined);
  assert.equal(formatFor('src/redis.yaml', deployment)?.id, 'kubernetes');
  assert.equal(formatFor('k8s/redis.yaml', deployment)?.id, 'kubernetes');
  // Helm templates: Go template markers, or any file of a templates/ folder.
  assert.equal(formatByContent('charts/cache/templates/deployment.yaml', HELM_TEMPLATE), undefined);
  assert.equal(formatByContent('charts/cache/templates/service.yaml', 'apiVersion: v1\nkind: Service\nmetadata:\n  name: cache\n'), undefined);
  assert.equal(formatByContent('infra/redis.yaml', HELM_TEMPLATE), undefined);
  for (const rel of ['vendor/github.com/x/deploy.yaml', 'node_modules/chart/redis.yaml', 'third_party/redis.yaml']) assert.equal(formatByContent(rel, MANIFEST), undefined, rel);
  // Not a kind the adapter reads, no apiVersion, JSON, a kind only inside a list item.
  assert.equal(formatByContent('infra/kustomization.yaml', 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n'), undefined);
  assert.equal(formatByContent('infra/notes.yaml', 'kind: Deployment\n'), undefined);
  assert.equal(formatByContent('infra/redis.json', '{"apiVersion": "apps/v1", "kind": "Deployment"}'), undefined);
  // Only the head counts.
  assert.equal(formatByContent('infra/redis.yaml', `${'#'.repeat(HEAD_BYTES)}\n${MANIFEST}`), undefined);
});

test('CloudFormation by content: AWSTemplateFormatVersion or an AWS::ElastiCache:: type, YAML or JSON; not a Backstage descriptor or a template', () => {
  assert.equal(formatByContent('elasticache.yaml', ELASTICACHE)?.id, 'cloudformation');
  assert.equal(formatByContent('infra/aws/cache.yml', 'AWSTemplateFormatVersion: "2010-09-09"\nResources: {}\n')?.id, 'cloudformation');
  assert.equal(formatByContent('infra/aws/cache.json', '{\n  "AWSTemplateFormatVersion": "2010-09-09",\n  "Resources": {}\n}\n')?.id, 'cloudformation');
  // A dynamic reference is CloudFormation's own, not a Go template.
  assert.equal(formatByContent('stacks/cache.yaml', `${ELASTICACHE}      Tags: [{ Key: owner, Value: "{{resolve:ssm:/shop/owner}}" }]\n`)?.id, 'cloudformation');
  assert.equal(formatByContent('stacks/cache.yaml', `${ELASTICACHE}      Tags: [{ Key: owner, Value: "{{ .Values.owner }}" }]\n`), undefined);
  assert.equal(formatByContent('catalog/cache.yaml', 'apiVersion: backstage.io/v1alpha1\nkind: Resource\nmetadata:\n  name: cache\nspec:\n  type: AWS::ElastiCache::ReplicationGroup\n'), undefined);
  assert.equal(formatByContent('notes/cache.txt', ELASTICACHE), undefined, 'not a YAML/JSON file');
  assert.equal(formatByContent('cdk.out/tree.json', '{"cfnType": "AWS::ElastiCache::ReplicationGroup"}'), undefined);
});

test('compose by content: services with image/build or a compose top-level key; never a random services: YAML, a CI file, a Kubernetes object or a cache layer', () => {
  assert.equal(formatByContent('stack.yml', STACK)?.id, 'compose');
  assert.equal(formatByContent('ops/local.yaml', 'version: "3.8"\nservices:\n  cache:\n    command: memcached -m 64\n')?.id, 'compose');
  assert.equal(formatByContent('ops/local.yaml', 'name: shop\nservices:\n  cache:\n    command: memcached -m 64\n')?.id, 'compose');
  assert.equal(formatByContent('ops/local.yaml', 'services:\n  app:\n    build: .\n  cache: { image: "memcached:1.6" }\n')?.id, 'compose');
  assert.equal(formatByContent('ops/local.yaml', '# local\nservices:\n\n  # the cache\n  cache:\n    ports: ["6379:6379"]\n    image: redis:7\n')?.id, 'compose');
  // A `services:` key and nothing that makes it compose.
  assert.equal(formatByContent('config/app.yaml', NOT_COMPOSE), undefined);
  // `image:` deeper than a service's own keys is not a service's image.
  assert.equal(formatByContent('config/app.yaml', 'services:\n  billing:\n    client:\n      image: logo.png\n'), undefined);
  // CI files: `services:` as a list, or nested under a job.
  assert.equal(formatByContent('.gitlab-ci.yml', 'image: node:20\nservices:\n  - redis:7\n  - name: postgres:16\n'), undefined);
  assert.equal(formatByContent('.github/workflows/ci.yml', 'name: ci\njobs:\n  test:\n    services:\n      redis:\n        image: redis:7\n'), undefined);
  // A Kubernetes-style object, a cache layer file, a template.
  assert.equal(formatByContent('ops/skaffold.yaml', 'apiVersion: skaffold/v4beta6\nkind: Config\nservices:\n  redis:\n    image: redis:7\n'), undefined);
  assert.equal(formatByContent('ops/shop.cache.yaml', STACK), undefined);
  assert.equal(formatByContent('charts/x/templates/stack.yaml', STACK), undefined);
  assert.equal(formatByContent('ops/stack.yaml', STACK.replace('redis:7.2', '{{ .Values.image }}')), undefined);
  // A compose-shaped file where an adapter's paths look first (deploy/ is Kubernetes's): the sniff says no, the content says compose.
  assert.equal(formatFor('deploy/stack.yml', STACK)?.id, 'compose');
});

test('readByAdapter (check): one head read at most, and none for files no adapter or recogniser looks at', () => {
  const asked = (rel: string, head: string | undefined): [boolean, number] => {
    let reads = 0;
    const kept = readByAdapter(rel, () => {
      reads++;
      return head;
    });
    return [kept, reads];
  };
  assert.deepEqual(asked('infra/redis.yaml', MANIFEST), [true, 1]);
  assert.deepEqual(asked('elasticache.yaml', ELASTICACHE), [true, 1]);
  assert.deepEqual(asked('stack.yml', STACK), [true, 1]);
  assert.deepEqual(asked('charts/cache/templates/deployment.yaml', HELM_TEMPLATE), [false, 1]);
  assert.deepEqual(asked('config/app.yaml', NOT_COMPOSE), [false, 1]);
  assert.deepEqual(asked('deploy/stack.yml', STACK), [true, 1]);
  assert.deepEqual(asked('deploy/helm/cache/values.yaml', 'architecture: standalone\n'), [true, 0], 'the path alone decides');
  assert.deepEqual(asked('src/main/java/App.java', 'class App {}'), [false, 0]);
  assert.deepEqual(asked('vendor/x/redis.yaml', MANIFEST), [false, 0]);
  assert.deepEqual(asked('infra/gone.yaml', undefined), [false, 1]);
  assert.equal(isFormatCandidate('infra/cache.json'), true);
  assert.equal(isFormatCandidate('node_modules/x/cache.yaml'), false);
});

test('workspace: a manifest at infra/redis.yaml is read and reported at its lines; a Helm template and a services: YAML are not', async () => {
  const root = tempDir();
  const manifest = write(root, 'infra/redis.yaml', MANIFEST);
  const template = write(root, 'charts/cache/templates/deployment.yaml', HELM_TEMPLATE);
  const staticTemplate = write(root, 'charts/cache/templates/service.yaml', 'apiVersion: v1\nkind: Service\nmetadata:\n  name: cache\n');
  const settings = write(root, 'config/app.yaml', NOT_COMPOSE);
  const vendored = write(root, 'vendor/acme/redis.yaml', MANIFEST);
  const stack = write(root, 'ops/stack.yml', STACK);
  const cfn = write(root, 'aws/elasticache.yaml', ELASTICACHE);
  const model = new WorkspaceModel({ builtinSchemaDirs: [SCHEMAS] });
  model.addFolder(root);
  await model.scan();
  assert.equal(model.file(manifest)?.adapted?.adapter.id, 'kubernetes');
  assert.deepEqual(shown(model, manifest), MANIFEST_FINDINGS);
  assert.equal(model.file(stack)?.adapted?.adapter.id, 'compose');
  assert.equal(model.file(cfn)?.adapted?.adapter.id, 'cloudformation');
  for (const file of [template, staticTemplate, settings, vendored]) assert.equal(model.file(file), undefined, path.relative(root, file));
  assert.deepEqual(model.analyzedFiles(), [cfn, manifest, stack].sort());
});

test('workspace: `exclude` and files.exclude keep their say over content recognition', async () => {
  const root = tempDir();
  write(root, '.cachewarden.yaml', 'exclude: ["legacy/**"]\n');
  const legacy = write(root, 'legacy/redis.yaml', MANIFEST);
  const hidden = write(root, 'scratch/redis.yaml', MANIFEST);
  const kept = write(root, 'infra/redis.yaml', MANIFEST);
  const model = new WorkspaceModel({ builtinSchemaDirs: [SCHEMAS] });
  model.addFolder(root, { filesExclude: ['**/scratch'] });
  await model.scan();
  assert.equal(model.file(legacy), undefined);
  assert.equal(model.file(hidden), undefined);
  assert.equal(model.file(kept)?.adapted?.adapter.id, 'kubernetes');
});

test('workspace: an open file and a file changed on disk get the same answer from their text', async () => {
  const root = tempDir();
  const model = new WorkspaceModel({ builtinSchemaDirs: [SCHEMAS] });
  model.addFolder(root);
  await model.scan();
  // Typed in the editor (not on disk yet): read as a manifest once the text says so.
  const draft = path.join(root, 'infra/draft.yaml');
  model.setOverlay(draft, 'apiVersion: v1\n', 1);
  assert.equal(model.file(draft)?.adapted, undefined);
  model.setOverlay(draft, MANIFEST, 2);
  assert.equal(model.file(draft)?.adapted?.adapter.id, 'kubernetes');
  assert.deepEqual(shown(model, draft), MANIFEST_FINDINGS);
  // Written on disk: it joins; rewritten into something else, it leaves.
  const created = write(root, 'ops/cache/statefulset.yml', MANIFEST);
  await model.diskChanged(created);
  assert.deepEqual(shown(model, created), MANIFEST_FINDINGS);
  fs.writeFileSync(created, NOT_COMPOSE);
  await model.diskChanged(created);
  assert.equal(model.file(created), undefined);
});

test('workspace: no file is read twice — the sniff\'s read is the read (file system seam and the Node one)', async () => {
  const root = tempDir();
  write(root, 'infra/redis.yaml', MANIFEST);
  write(root, 'ops/stack.yml', STACK);
  write(root, 'org/teams.yaml', 'apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata: { name: team-a }\nspec: { type: team, children: [] }\n');
  write(root, 'config/app.yaml', NOT_COMPOSE);
  write(root, 'charts/cache/templates/deployment.yaml', HELM_TEMPLATE);
  write(root, 'shop.cache.yaml', 'apiVersion: cache-warden/v1\nkind: CacheLayer\nmetadata:\n  service: shop\nspec:\n  caches: []\n');
  // A manifest longer than a sniff: its head, then the whole file.
  write(root, 'platform/base/redis-deployment.yaml', `${'#'.repeat(HEAD_BYTES - 600)}\n${MANIFEST}`);
  const reads = new Map<string, number>();
  const counting: ModelFileSystem = {
    readFile: (file, options) => {
      reads.set(path.relative(root, file), (reads.get(path.relative(root, file)) ?? 0) + 1);
      return nodeFileSystem.readFile(file, options);
    },
    listFiles: (dir, skip, warnings) => nodeFileSystem.listFiles(dir, skip, warnings),
  };
  const seam = new WorkspaceModel({ builtinSchemaDirs: [SCHEMAS], fs: counting });
  seam.addFolder(root);
  await seam.scan();
  assert.deepEqual([...reads.entries()].filter(([, n]) => n > 1), [], 'each file read once through the seam');
  // (The project file is looked for once; there is none.)
  assert.deepEqual([...reads.keys()].sort(), [
    '.cachewarden.yaml', 'charts/cache/templates/deployment.yaml', 'config/app.yaml', 'infra/redis.yaml', 'ops/stack.yml', 'org/teams.yaml', 'platform/base/redis-deployment.yaml', 'shop.cache.yaml',
  ]);
  assert.deepEqual(seam.analyzedFiles().map((f) => path.relative(root, f)), ['infra/redis.yaml', 'ops/stack.yml', 'org/teams.yaml', 'platform/base/redis-deployment.yaml', 'shop.cache.yaml']);
  assert.deepEqual(shown(seam, path.join(root, 'platform/base/redis-deployment.yaml')).map((line) => line.split(' ')[0]), ['CW008', 'CW007']);

  // On the Node file system: one sniff per YAML no glob selects; a whole small file sniffed is not read again.
  const node = new WorkspaceModel({ builtinSchemaDirs: [SCHEMAS] });
  node.addFolder(root);
  await node.scan();
  assert.equal(node.stats.sniffs, 6, 'every YAML but the cache layer file');
  assert.equal(node.stats.reads, 3, 'the project file (looked for), the cache layer file (by name) and the manifest longer than its sniff');
  assert.deepEqual(node.analyzedFiles(), seam.analyzedFiles());
  for (const file of node.analyzedFiles()) assert.equal(node.file(file)?.text, fs.readFileSync(file, 'utf8'));
});
