// The workspace model on its own (no server): what a scan reads and parses, that analyses reuse
// the parse and are cached, how the project file and the editor's settings decide membership and
// severities per workspace folder, how a change in one file invalidates the files whose cross-file
// findings depend on it, and what deleting a folder removes.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import type { ParsedFile } from '../../../src/core/document/model';
import { WorkspaceModel, type ModelChange } from '../../../src/core/workspace/workspaceModel';
import type { FolderSettings } from '../../../src/core/workspace/folderModel';

const REPO_ROOT = path.resolve(__dirname, '..', '..', '..', '..');
const SCHEMAS = path.join(REPO_ROOT, 'schemas');

// Every parse in the process, whoever asks for it: the model's counter must not hide any.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const parseModule = require('../../../src/core/document/parse') as { parseFile: (text: string) => ParsedFile };
const realParseFile = parseModule.parseFile;
let realParses = 0;
parseModule.parseFile = (text: string) => {
  realParses++;
  return realParseFile(text);
};

const temps: string[] = [];
after(() => {
  for (const dir of temps) fs.rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'cw-model-')));
  temps.push(dir);
  return dir;
}

function write(root: string, relative: string, text: string): string {
  const file = path.join(root, relative);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return file;
}

function newModel(root?: string | string[], settings: FolderSettings = {}): WorkspaceModel {
  const model = new WorkspaceModel({ builtinSchemaDirs: [SCHEMAS] });
  for (const folder of root === undefined ? [] : Array.isArray(root) ? root : [root]) model.addFolder(folder, settings);
  return model;
}

/** Collects the model's change events. */
function recordChanges(model: WorkspaceModel): ModelChange[] {
  const changes: ModelChange[] = [];
  model.onDidChange((change) => changes.push(change));
  return changes;
}

/** `CW004 warning 32:16-32:18` (1-based, as the Problems list shows positions). */
function shown(model: WorkspaceModel, file: string, code?: string): string[] {
  const analysis = model.analysis(file);
  assert.ok(analysis, `no analysis for ${file}`);
  return analysis.diagnostics
    .filter((d) => code === undefined || d.code === code)
    .map((d) => `${d.code} ${d.severity} ${d.range.start.line + 1}:${d.range.start.character + 1}-${d.range.end.line + 1}:${d.range.end.character + 1}`);
}

/** A config no rule reports, with its own backend `<service>-redis`. */
function cleanConfig(service: string, ttl = 'value: 10m\n        jitter: 10%'): string {
  return `apiVersion: cache-warden/v1
kind: CacheLayer
metadata:
  service: ${service}
  owner: team-${service}
  docs: docs/${service}.md
spec:
  backends:
    - name: ${service}-redis
      type: redis
      role: cache
      maxMemory: 4Gi
      containerMemoryLimit: 6Gi
      eviction: allkeys-lru
  caches:
    - name: product
      backend: ${service}-redis
      criticality: hot
      fronts:
        kind: sql
        name: ${service}-db
        params: [tenant_id, product_id]
        variesBy: [tenant]
        lookupBy: external
        p99LoadTime: 100ms
        loadTimeout: 500ms
        maxConcurrentLoads: 16
      key:
        template: "${service}:v{version}:product:{tenant_id}:{product_id}"
        version: 1
      ttl:
        ${ttl}
      stampede:
        mode: coalesce
        lockTimeout: 1s
      negative:
        enabled: true
        ttl: 30s
        onError: serve_stale
      capacity:
        maxEntries: 200000
        workingSet:
          estimatedKeys: 100000
          avgValueBytes: 1000
      warmup:
        strategy: preload
`;
}

/** The same config without TTL jitter: CW004 (a warning by default) at 32:16-32:19. */
function noJitterConfig(service: string): string {
  return cleanConfig(service, 'value: 10m');
}

function doc(id: string, kind = 'resource', type = 'database'): string {
  return `---\nid: ${id}\nkind: ${kind}\ntype: ${type}\ntitle: ${id}\nowner: team-x\n---\n# ${id}\n\nWhat ${id} is.\n`;
}

// ── (a) parses and analyses ─────────────────────────────────────────────────────────────────────

test('scan: exactly one parse per file; overlays add one per new version; analysis never parses and is cached', async () => {
  const root = tempDir();
  const N = 12;
  const M = 5;
  const configs: string[] = [];
  const docs: string[] = [];
  for (let i = 0; i < N; i++) configs.push(write(root, `services/svc${i}/svc${i}.cache.yaml`, cleanConfig(`svc${i}`)));
  for (let i = 0; i < M; i++) docs.push(write(root, `docs/db${i}.md`, doc(`db${i}`)));
  write(root, 'services/README.txt', 'not a member of the workspace');
  const model = newModel(root);
  const parsesBefore = realParses;
  let progress: [number, number] | undefined;
  await model.scan({ batch: 5, onProgress: (done, total) => (progress = [done, total]) });

  assert.deepEqual(progress, [N + M, N + M]);
  assert.equal(model.stats.parses, N + M, 'one parse per file');
  assert.equal(realParses - parsesBefore, N + M, 'and no parse the counter misses');
  assert.equal(model.stats.analyses, 0, 'a scan analyses nothing');
  assert.deepEqual(model.allFiles().map((f) => f.path).sort(), [...configs, ...docs].sort());
  assert.deepEqual(model.analyzedFiles(), [...configs].sort());
  assert.deepEqual(model.allFiles().map((f) => f.generation), model.allFiles().map(() => 1));

  // Analysing every file reuses its parse.
  const first = new Map(configs.map((file) => [file, model.analysis(file)]));
  assert.equal(model.stats.parses, N + M);
  assert.equal(realParses - parsesBefore, N + M, 'analysis() parsed again');
  assert.equal(model.stats.analyses, N);
  for (const file of configs) assert.deepEqual(shown(model, file), [], `${file} is clean`);
  for (const file of docs) assert.equal(model.analysis(file), undefined, 'docs have no analysis');
  // Asked again: the cached analysis, the very same object.
  for (const file of configs) assert.equal(model.analysis(file), first.get(file));
  assert.equal(model.stats.analyses, N);

  // Opened as it is on disk: an open file now, with the same parse and the same analysis.
  const edited = configs[3];
  const changes = recordChanges(model);
  const analysisOnDisk = model.analysis(edited);
  model.setOverlay(edited, cleanConfig('svc3'), 1);
  assert.equal(model.stats.parses, N + M);
  assert.equal(model.file(edited)?.overlayVersion, 1);
  assert.equal(model.analysis(edited), analysisOnDisk);

  // The editor's new versions: one parse each; the same version again is nothing new.
  const v2 = noJitterConfig('svc3');
  model.setOverlay(edited, v2, 2);
  assert.equal(model.stats.parses, N + M + 1);
  model.setOverlay(edited, v2, 2);
  assert.equal(model.stats.parses, N + M + 1, 'the same version is not parsed twice');
  model.setOverlay(edited, v2.replace('maxEntries: 200000', 'maxEntries: 300000'), 3);
  model.setOverlay(edited, v2.replace('maxEntries: 200000', 'maxEntries: 400000'), 4);
  assert.equal(model.stats.parses, N + M + 3);
  assert.equal(realParses - parsesBefore, N + M + 3);
  assert.equal(model.file(edited)?.overlayVersion, 4);
  assert.equal(model.file(edited)?.generation, 4);
  // Only the edited file is stale (it shares nothing with the others).
  assert.deepEqual(changes.map((c) => c.stale), [[edited], [edited], [edited], [edited]]);

  // Version 3's analysis is computed once; the other files keep theirs.
  assert.deepEqual(shown(model, edited), ['CW004 warning 32:16-32:19']);
  assert.equal(model.stats.analyses, N + 1);
  for (const file of configs) model.analysis(file);
  assert.equal(model.stats.analyses, N + 1);
  assert.equal(model.stats.parses, N + M + 3);
  assert.equal(realParses - parsesBefore, N + M + 3);

  // Closing the editor: the disk is the truth again, read and parsed once.
  await model.closeOverlay(edited);
  assert.equal(model.file(edited)?.overlayVersion, undefined);
  assert.equal(model.file(edited)?.text, cleanConfig('svc3'));
  assert.equal(model.stats.parses, N + M + 4);
  assert.deepEqual(shown(model, edited), []);
  // A disk event for a file whose text did not change costs a read, no parse.
  await model.diskChanged(edited);
  assert.equal(model.stats.parses, N + M + 4);
});

test('a second scan of an unchanged workspace parses nothing', async () => {
  const root = tempDir();
  write(root, 'a.cache.yaml', cleanConfig('a'));
  write(root, 'docs/a.md', doc('a-db'));
  const model = newModel(root);
  await model.scan();
  assert.equal(model.stats.parses, 2);
  const changes = recordChanges(model);
  await model.scan();
  assert.equal(model.stats.parses, 2);
  assert.deepEqual(changes, []);
});

// ── (b) the project file ────────────────────────────────────────────────────────────────────────

test('project file exclude: an excluded config is not in the model, has no analysis, even when opened', async () => {
  const root = tempDir();
  write(root, '.cachewarden.yaml', 'exclude: ["legacy/**"]\n');
  const kept = write(root, 'services/shop.cache.yaml', noJitterConfig('shop'));
  const legacy = write(root, 'legacy/old.cache.yaml', noJitterConfig('old'));
  const projectFile = path.join(root, '.cachewarden.yaml');
  const model = newModel(root);
  await model.scan();
  assert.deepEqual(model.analyzedFiles(), [projectFile, kept]);
  assert.equal(model.file(legacy), undefined);
  assert.equal(model.analysis(legacy), undefined);
  assert.equal(model.catalog.entity('component:old'), undefined, 'its entities are not in the catalog');
  assert.deepEqual(shown(model, kept), ['CW004 warning 32:16-32:19']);
  assert.deepEqual(shown(model, projectFile), [], 'the project file itself is valid');
  assert.equal(model.stats.parses, 2, 'the project file and the kept config');
  assert.equal(model.stats.reads, 2, 'each read once, although the project file changed the globs');

  // Opened in an editor, an excluded file still gets no problems.
  model.setOverlay(legacy, noJitterConfig('old'), 1);
  assert.equal(model.analysis(legacy), undefined);
  assert.deepEqual(model.analyzedFiles(), [projectFile, kept]);
});

test('project file include: files outside the globs are not in the model (Backstage descriptors are found by content)', async () => {
  const root = tempDir();
  write(root, '.cachewarden.yaml', 'include: ["services/**/*.cache.yaml"]\n');
  const inside = write(root, 'services/shop/shop.cache.yaml', cleanConfig('shop'));
  const outside = write(root, 'tools/load.cache.yaml', cleanConfig('load'));
  const catalogInfo = write(root, 'catalog-info.yaml', 'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: { name: web }\nspec: { type: service, owner: team-web }\n');
  const model = newModel(root);
  await model.scan();
  assert.ok(model.file(inside));
  assert.equal(model.file(outside), undefined);
  // include replaces the default globs, but a Backstage descriptor is found by its content
  // (only `exclude` keeps one out): it is in the model and the catalog.
  assert.ok(model.file(catalogInfo));
  assert.ok(model.catalog.entity('component:web'));
  assert.deepEqual(model.analyzedFiles(), [path.join(root, '.cachewarden.yaml'), catalogInfo, inside]);
  assert.equal(model.analysis(outside), undefined);
});

test('multi-root: each folder\'s project file and settings decide its severities; editing one project file re-analyses that folder only', async () => {
  const a = tempDir();
  const b = tempDir();
  const aProject = write(a, '.cachewarden.yaml', 'rules:\n  CW004: error\n');
  write(b, '.cachewarden.yaml', 'rules:\n  CW001: warning\n');
  const aFile = write(a, 'services/shop.cache.yaml', noJitterConfig('shop-a'));
  const bFile = write(b, 'services/shop.cache.yaml', noJitterConfig('shop-b'));
  const model = new WorkspaceModel({ builtinSchemaDirs: [SCHEMAS] });
  // Folder A's editor setting is overruled by its project file; folder B's project file does not
  // mention CW004, so its editor setting applies.
  model.addFolder(a, { rules: { rules: { CW004: 'off' } } });
  model.addFolder(b, { rules: { rules: { CW004: 'information' } } });
  await model.scan();
  assert.deepEqual(shown(model, aFile, 'CW004'), ['CW004 error 32:16-32:19']);
  assert.deepEqual(shown(model, bFile, 'CW004'), ['CW004 information 32:16-32:19']);
  const bAnalysis = model.analysis(bFile);
  const analyses = model.stats.analyses;

  const changes = recordChanges(model);
  model.setOverlay(aProject, 'rules:\n  CW004: hint\n', 1);
  assert.equal(changes.length, 1);
  assert.deepEqual([...changes[0].stale].sort(), [aProject, aFile].sort(), 'folder A only');
  assert.deepEqual(shown(model, aFile, 'CW004'), ['CW004 hint 32:16-32:19']);
  assert.equal(model.analysis(bFile), bAnalysis, 'folder B keeps its analysis');
  assert.equal(model.stats.analyses, analyses + 1);

  // Turning the rule off in A's project file.
  model.setOverlay(aProject, 'rules:\n  CW004: "off"\n', 2);
  assert.deepEqual(shown(model, aFile, 'CW004'), []);
  assert.deepEqual(shown(model, bFile, 'CW004'), ['CW004 information 32:16-32:19']);

  // Closing the unsaved project file: the disk's rules again.
  await model.closeOverlay(aProject);
  assert.deepEqual(shown(model, aFile, 'CW004'), ['CW004 error 32:16-32:19']);

  // New editor settings for B re-analyse B.
  await model.updateSettings(b, { rules: { rules: { CW004: 'error' } } });
  assert.deepEqual(shown(model, bFile, 'CW004'), ['CW004 error 32:16-32:19']);
});

test('adding exclude to the project file in the editor drops the files it now excludes', async () => {
  const root = tempDir();
  const project = write(root, '.cachewarden.yaml', 'rules: {}\n');
  const kept = write(root, 'services/shop.cache.yaml', cleanConfig('shop'));
  const legacy = write(root, 'legacy/old.cache.yaml', cleanConfig('old'));
  const model = newModel(root);
  await model.scan();
  assert.deepEqual(model.analyzedFiles(), [project, legacy, kept]);
  const changes = recordChanges(model);
  model.setOverlay(project, 'rules: {}\nexclude: ["legacy/**"]\n', 1);
  assert.deepEqual(model.analyzedFiles(), [project, kept]);
  assert.equal(model.file(legacy), undefined);
  assert.deepEqual(changes.flatMap((c) => c.removed), [legacy]);
  assert.equal(model.catalog.entity('component:old'), undefined);
});

test('deleting the project file: its rules and globs stop applying; while it is open in an editor, its text keeps applying', async () => {
  const root = tempDir();
  const project = write(root, '.cachewarden.yaml', 'exclude: ["legacy/**"]\nrules:\n  CW004: error\n');
  const shop = write(root, 'services/shop.cache.yaml', noJitterConfig('shop'));
  const legacy = write(root, 'legacy/old.cache.yaml', noJitterConfig('old'));
  const model = newModel(root);
  await model.scan();
  assert.deepEqual(shown(model, shop, 'CW004'), ['CW004 error 32:16-32:19']);

  // Open (with unsaved edits) and deleted on disk: the editor's text is still the project file.
  model.setOverlay(project, 'exclude: ["legacy/**"]\nrules:\n  CW004: hint\n', 1);
  fs.rmSync(project);
  model.diskDeleted(project);
  assert.equal(model.file(project)?.overlayVersion, 1);
  assert.deepEqual(shown(model, shop, 'CW004'), ['CW004 hint 32:16-32:19']);
  assert.equal(model.file(legacy), undefined);

  // Closed without saving: gone, and the defaults apply (legacy/ is back in).
  await model.closeOverlay(project);
  assert.equal(model.file(project), undefined);
  assert.deepEqual(shown(model, shop, 'CW004'), ['CW004 warning 32:16-32:19']);
  await new Promise((resolve) => setTimeout(resolve, 50));
  assert.deepEqual(model.analyzedFiles(), [legacy, shop]);
  assert.deepEqual(shown(model, legacy, 'CW004'), ['CW004 warning 32:16-32:19']);

  // Recreated on disk, then deleted while closed.
  write(root, '.cachewarden.yaml', 'rules:\n  CW004: error\n');
  await model.diskChanged(project);
  assert.deepEqual(shown(model, shop, 'CW004'), ['CW004 error 32:16-32:19']);
  fs.rmSync(project);
  model.diskDeleted(project);
  assert.deepEqual(shown(model, shop, 'CW004'), ['CW004 warning 32:16-32:19']);
});

// ── (c) the editor's files.exclude ──────────────────────────────────────────────────────────────

test('files.exclude in the folder settings (`**/dist`) keeps dist/ out of the model, and back in when removed', async () => {
  const root = tempDir();
  const src = write(root, 'src/shop.cache.yaml', cleanConfig('shop'));
  const dist = write(root, 'dist/shop.cache.yaml', cleanConfig('shop-copy'));
  const nested = write(root, 'packages/web/dist/web.cache.yaml', cleanConfig('web'));
  const distDoc = write(root, 'dist/docs/db.md', doc('dist-db'));
  const model = newModel(root, { filesExclude: ['**/dist'] });
  await model.scan();
  assert.deepEqual(model.analyzedFiles(), [src]);
  for (const file of [dist, nested, distDoc]) assert.equal(model.file(file), undefined, file);
  assert.equal(model.catalog.entity('resource:dist-db'), undefined);
  assert.equal(model.stats.parses, 1);

  const changes = recordChanges(model);
  await model.updateSettings(root, { filesExclude: [] });
  assert.deepEqual(model.analyzedFiles(), [dist, nested, src].sort());
  assert.ok(model.catalog.entity('resource:dist-db'));
  assert.equal(model.stats.parses, 4, 'the three files that joined, once each');

  await model.updateSettings(root, { filesExclude: ['**/dist'] });
  assert.deepEqual(model.analyzedFiles(), [src]);
  assert.deepEqual(changes.flatMap((c) => c.removed).sort(), [dist, distDoc, nested].sort());
  assert.equal(model.catalog.entity('resource:dist-db'), undefined);
  assert.equal(model.stats.parses, 4);
});

// ── (d) cross-file invalidation ─────────────────────────────────────────────────────────────────

// test/unit/rules/cw007.test.ts: a volatile-lru backend in one file, a never-expiring cache on it in another.
const BACKEND_FILE = `apiVersion: cache-warden/v1
kind: CacheLayer
metadata: { service: platform, owner: team-platform, docs: docs/platform.md }
spec:
  backends:
    - name: shared-redis
      type: redis
      maxMemory: 4Gi
      eviction: volatile-lru
  caches:
    - name: sessions
      backend: shared-redis
      criticality: cold
      ttl: { value: 30m, jitter: 10% }
`;

const CACHE_FILE = `apiVersion: cache-warden/v1
kind: CacheLayer
metadata: { service: catalog-service, owner: team-catalog, docs: docs/catalog.md }
spec:
  backends: []
  caches:
    - name: product-by-id
      backend: resource:shared-redis
      criticality: cold
      ttl:
        value: never
      invalidation:
        triggers:
          - { on: db_change, scope: key, maxKeysPerEvent: 1, mode: delete }
`;

test('cross-file: changing the shared backend\'s eviction marks the other file stale and changes its analysis', async () => {
  const root = tempDir();
  const backendFile = write(root, 'platform/redis.cache.yaml', BACKEND_FILE);
  const cacheFile = write(root, 'catalog/catalog.cache.yaml', CACHE_FILE);
  const unrelated = write(root, 'orders/orders.cache.yaml', cleanConfig('orders'));
  const model = newModel(root);
  await model.scan();
  assert.deepEqual(shown(model, cacheFile, 'CW007'), ['CW007 error 11:16-11:21']);
  assert.deepEqual(shown(model, backendFile, 'CW007'), ['CW007 error 9:17-9:29']);
  const unrelatedAnalysis = model.analysis(unrelated);

  const changes = recordChanges(model);
  const parses = model.stats.parses;
  model.setOverlay(backendFile, BACKEND_FILE.replace('volatile-lru', 'allkeys-lfu'), 1);
  assert.equal(changes.length, 1);
  assert.deepEqual([...changes[0].stale].sort(), [backendFile, cacheFile].sort(), 'the other file is stale, the unrelated one is not');
  assert.equal(model.stats.parses, parses + 1, 'the other file is not parsed again');
  assert.deepEqual(shown(model, cacheFile, 'CW007'), []);
  assert.deepEqual(shown(model, backendFile, 'CW007'), []);
  assert.equal(model.analysis(unrelated), unrelatedAnalysis);

  // And back: both report again.
  model.setOverlay(backendFile, BACKEND_FILE, 2);
  assert.deepEqual([...changes[1].stale].sort(), [backendFile, cacheFile].sort());
  assert.deepEqual(shown(model, cacheFile, 'CW007'), ['CW007 error 11:16-11:21']);

  // A change that leaves the file's backends and caches as they were invalidates nothing else.
  model.setOverlay(backendFile, BACKEND_FILE.replace('maxMemory: 4Gi', 'maxMemory: 4Gi # sized for sessions'), 3);
  assert.deepEqual(changes[2].stale, [backendFile]);

  // Deleting the backend's file on disk clears the other file's finding too.
  await model.closeOverlay(backendFile);
  fs.rmSync(backendFile);
  model.diskDeleted(backendFile);
  assert.deepEqual(changes.at(-1)?.removed, [backendFile]);
  assert.ok(changes.at(-1)?.stale.includes(cacheFile));
  assert.deepEqual(shown(model, cacheFile, 'CW007'), []);
});

// ── (e) deleting a folder ───────────────────────────────────────────────────────────────────────

test('diskDeleted of a folder removes its files and their entities, and nothing next to it', async () => {
  const root = tempDir();
  const catalogConfig = write(root, 'services/catalog/catalog.cache.yaml', cleanConfig('catalog'));
  const catalogDoc = write(root, 'services/catalog/docs/catalog-db.md', doc('catalog-db'));
  // Same prefix, another folder: must stay.
  const sibling = write(root, 'services/catalog-search/search.cache.yaml', cleanConfig('search'));
  const orders = write(root, 'services/orders/orders.cache.yaml', cleanConfig('orders'));
  const model = newModel(root);
  await model.scan();
  for (const ref of ['component:catalog', 'resource:catalog-redis', 'cache:catalog.product', 'resource:catalog-db', 'component:search', 'component:orders']) {
    assert.ok(model.catalog.entity(ref), `${ref} before`);
  }

  const changes = recordChanges(model);
  fs.rmSync(path.join(root, 'services', 'catalog'), { recursive: true });
  model.diskDeleted(path.join(root, 'services', 'catalog'));
  assert.equal(changes.length, 1);
  assert.deepEqual([...changes[0].removed].sort(), [catalogConfig, catalogDoc].sort());
  assert.equal(changes[0].catalog, true);
  assert.deepEqual(model.allFiles().map((f) => f.path).sort(), [sibling, orders].sort());
  for (const ref of ['component:catalog', 'resource:catalog-redis', 'cache:catalog.product', 'resource:catalog-db']) {
    assert.equal(model.catalog.entity(ref), undefined, `${ref} after`);
  }
  for (const ref of ['component:search', 'cache:search.product', 'component:orders']) assert.ok(model.catalog.entity(ref), `${ref} after`);
  assert.deepEqual(model.catalog.files().sort(), [sibling, orders].sort());
  assert.equal(model.analysis(catalogConfig), undefined);
});

test('diskDeleted keeps a deleted file that is open in an editor', async () => {
  const root = tempDir();
  const file = write(root, 'services/shop.cache.yaml', cleanConfig('shop'));
  const model = newModel(root);
  await model.scan();
  model.setOverlay(file, noJitterConfig('shop'), 7);
  fs.rmSync(path.join(root, 'services'), { recursive: true });
  model.diskDeleted(path.join(root, 'services'));
  assert.equal(model.file(file)?.overlayVersion, 7);
  assert.deepEqual(shown(model, file), ['CW004 warning 32:16-32:19']);
  // Closed, it is gone with the disk.
  await model.closeOverlay(file);
  assert.equal(model.file(file), undefined);
  assert.equal(model.catalog.entity('component:shop'), undefined);
});

test('diskFolderCreated reads the new folder\'s configs and docs (a watcher may report only the folder), skipping excluded ones', async () => {
  const root = tempDir();
  write(root, '.cachewarden.yaml', 'exclude: ["**/testdata/**"]\n');
  const orders = write(root, 'services/orders/orders.cache.yaml', cleanConfig('orders'));
  const model = newModel(root);
  await model.scan();
  const added = write(root, 'services/catalog/catalog.cache.yaml', cleanConfig('catalog'));
  const addedDoc = write(root, 'services/catalog/docs/catalog-db.md', doc('catalog-db'));
  write(root, 'services/catalog/testdata/broken.cache.yaml', cleanConfig('broken'));
  write(root, 'services/catalog/notes.txt', 'not a config');
  const parses = model.stats.parses;
  await model.diskFolderCreated(path.join(root, 'services', 'catalog'));
  assert.deepEqual(model.allFiles().map((f) => f.path).sort(), [path.join(root, '.cachewarden.yaml'), added, addedDoc, orders].sort());
  assert.equal(model.stats.parses - parses, 2, 'one parse for each new file');
  assert.ok(model.catalog.entity('component:catalog'));
  assert.ok(model.catalog.entity('resource:catalog-db'));
  // Reported again (a second event for the same folder): nothing is read twice.
  await model.diskFolderCreated(path.join(root, 'services', 'catalog'));
  assert.equal(model.stats.parses - parses, 2);
});

test('files outside any workspace folder and outside the working folder are read from their repository\'s root: a Spring profile file inherits its application.properties', async () => {
  const repo = tempDir();
  fs.mkdirSync(path.join(repo, '.git'));
  const resources = 'services/catalog/src/main/resources';
  write(repo, `${resources}/application.properties`, [
    'spring.datasource.url=jdbc:postgresql://catalog-db:5432/catalog',
    'spring.cache.type=redis',
    'spring.cache.cache-names=products,prices',
    'spring.data.redis.host=${REDIS_HOST:localhost}',
    '',
  ].join('\n'));
  const prod = write(repo, `${resources}/application-prod.properties`, 'spring.data.redis.timeout=200ms\nspring.cache.redis.key-prefix=catalog::\n');
  // As `cache-warden check <repo>` run from another folder: no workspace folder, the files named one by one.
  const elsewhere = tempDir();
  const model = new WorkspaceModel({ builtinSchemaDirs: [SCHEMAS], looseRoot: elsewhere });
  await model.loadFiles([path.join(repo, resources, 'application.properties'), prod]);
  // The profile's layer has the base's caches, of the base's service (the module folder above src/main/resources).
  const caches = [...model.catalog.entities.values()].filter((e) => e.kind === 'cache').map((e) => `${e.ref} ${e.sources.map((s) => path.basename(s.file)).sort().join(',')}`).sort();
  assert.deepEqual(caches, [
    'cache:catalog.prices application-prod.properties,application.properties',
    'cache:catalog.products application-prod.properties,application.properties',
  ]);
  // `${REDIS_HOST:localhost}` is Spring's placeholder: its default host, not a ref of kind `${REDIS_HOST`.
  assert.ok(model.catalog.entity('resource:localhost'), 'the Redis the default host names');
  assert.equal(model.catalog.entity('resource:${REDIS_HOST:localhost}'), undefined);
  assert.deepEqual([prod, path.join(repo, resources, 'application.properties')].flatMap((file) => model.catalog.diagnostics(file).map((d) => d.message)), []);
});
