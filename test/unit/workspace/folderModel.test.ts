// One workspace folder's membership rules: which files are cache configs, docs or neither, what
// the project file's globs and the editor's `files.exclude` remove, and what a settings or project
// change asks the model to redo.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import { emptyProjectConfig, type ProjectConfig } from '../../../src/core/project/projectConfig';
import { FolderModel, globMatcher } from '../../../src/core/workspace/folderModel';

const ROOT = path.resolve('/work/shop');
const at = (relative: string) => path.join(ROOT, ...relative.split('/'));
const config = (fields: Partial<ProjectConfig>): ProjectConfig => ({ ...emptyProjectConfig(), ...fields });

function roles(folder: FolderModel, files: string[]): Record<string, string> {
  return Object.fromEntries(files.map((file) => [file, folder.roleOf(at(file)) ?? '-']));
}

test('defaults: cache configs, catalog-info and the project file are configs; Markdown is docs; node_modules and .git are out', () => {
  const folder = new FolderModel(ROOT, {});
  assert.deepEqual(roles(folder, [
    'services/a.cache.yaml', 'b.cache.yml', 'c.cache.json', 'catalog-info.yaml', 'team/catalog-info.yml', '.cachewarden.yaml',
    'docs/db.md', 'README.markdown', 'services/app.yaml', 'package.json',
    'node_modules/lib/x.cache.yaml', 'node_modules/lib/README.md', '.git/x.cache.yaml',
  ]), {
    'services/a.cache.yaml': 'config', 'b.cache.yml': 'config', 'c.cache.json': 'config', 'catalog-info.yaml': 'config', 'team/catalog-info.yml': 'config', '.cachewarden.yaml': 'config',
    'docs/db.md': 'doc', 'README.markdown': 'doc', 'services/app.yaml': '-', 'package.json': '-',
    'node_modules/lib/x.cache.yaml': '-', 'node_modules/lib/README.md': '-', '.git/x.cache.yaml': '-',
  });
  assert.equal(folder.roleOf(path.resolve('/work/other/a.cache.yaml')), undefined, 'outside the folder');
  assert.equal(folder.relative(path.resolve('/work/shop-2/a.cache.yaml')), undefined, 'a sibling with the same prefix is outside');
  assert.equal(folder.relative(at('services/a.cache.yaml')), 'services/a.cache.yaml');
  assert.equal(folder.projectFilePath, at('.cachewarden.yaml'));
  assert.equal(folder.skipsFolder(at('node_modules')), true);
  assert.equal(folder.skipsFolder(at('services')), false);
});

test('files.exclude `**/dist` names folders: every file under any dist/ is out, distribution/ is not', () => {
  const folder = new FolderModel(ROOT, { filesExclude: ['**/dist'] });
  assert.deepEqual(roles(folder, ['dist/a.cache.yaml', 'packages/web/dist/b.cache.yaml', 'dist/docs/x.md', 'distribution/c.cache.yaml', 'src/dist.cache.yaml']), {
    'dist/a.cache.yaml': '-', 'packages/web/dist/b.cache.yaml': '-', 'dist/docs/x.md': '-', 'distribution/c.cache.yaml': 'config', 'src/dist.cache.yaml': 'config',
  });
  assert.equal(folder.isExcluded(at('packages/web/dist/b.cache.yaml')), true);
  assert.equal(folder.skipsFolder(at('packages/web/dist')), true);
  assert.equal(folder.skipsFolder(at('distribution')), false);
  // files.exclude adds to the project file's exclude.
  folder.updateConfig(config({ exclude: ['legacy/**'] }), [], 'exclude: ["legacy/**"]\n');
  assert.deepEqual(roles(folder, ['legacy/a.cache.yaml', 'dist/a.cache.yaml', 'src/a.cache.yaml']), { 'legacy/a.cache.yaml': '-', 'dist/a.cache.yaml': '-', 'src/a.cache.yaml': 'config' });
});

test('project include and docs replace the defaults; a docs folder means the Markdown under it', () => {
  const folder = new FolderModel(ROOT, {});
  const redo = folder.updateConfig(config({ include: ['services/**/*.cache.yaml'], docs: ['handbook/'] }), [], 'text');
  assert.deepEqual(redo, { registry: false, membership: true });
  assert.deepEqual(roles(folder, ['services/a/a.cache.yaml', 'tools/b.cache.yaml', 'catalog-info.yaml', '.cachewarden.yaml', 'handbook/db/orders.md', 'docs/db.md']), {
    'services/a/a.cache.yaml': 'config', 'tools/b.cache.yaml': '-', 'catalog-info.yaml': '-', '.cachewarden.yaml': 'config', 'handbook/db/orders.md': 'doc', 'docs/db.md': '-',
  });
});

test('schema associations (settings or project) bring the files they map into the workspace', () => {
  const folder = new FolderModel(ROOT, { schemas: { './schemas/service.json': ['deploy/**/*.yaml'] } });
  assert.equal(folder.roleOf(at('deploy/prod/app.yaml')), 'config');
  assert.equal(folder.roleOf(at('other/app.yaml')), undefined);
  folder.updateConfig(config({ schemas: { './schemas/flags.json': 'flags.yaml' } }), [], 'text');
  assert.equal(folder.roleOf(at('any/where/flags.yaml')), 'config', 'a glob without / matches the file name anywhere');
  assert.deepEqual(folder.schemaMappings(), { './schemas/service.json': ['deploy/**/*.yaml'], './schemas/flags.json': 'flags.yaml' });
});

test('what a change asks to redo: membership for globs, the registry for schema folders, nothing for rules', () => {
  const folder = new FolderModel(ROOT, {});
  assert.deepEqual(folder.updateSettings({ rules: { rules: { CW004: 'off' } } }), { registry: false, membership: false });
  assert.deepEqual(folder.updateSettings({ rules: { rules: { CW004: 'off' } }, filesExclude: ['**/dist'] }), { registry: false, membership: true });
  assert.deepEqual(folder.updateSettings({ filesExclude: ['**/dist'], schemaDirs: ['schemas'] }), { registry: true, membership: false });
  assert.deepEqual(folder.updateSettings({ filesExclude: ['**/dist'], schemaDirs: ['schemas'], allowRemoteSchemas: true }), { registry: true, membership: false });
  assert.deepEqual(folder.updateConfig(config({ rules: { CW001: 'off' } }), [], 'rules: { CW001: off }'), { registry: false, membership: false });
  assert.deepEqual(folder.updateConfig(config({ schemaDirs: ['mirror'] }), [], 'schemaDirs: [mirror]'), { registry: true, membership: false });
  assert.deepEqual(folder.schemaDirs(), [at('mirror'), at('schemas')]);
  // The registry is rebuilt after a schema folder change.
  const registry = folder.registry;
  assert.equal(folder.registry, registry);
  folder.updateSettings({ filesExclude: ['**/dist'], schemaDirs: [], allowRemoteSchemas: true });
  assert.notEqual(folder.registry, registry);
});

test('globMatcher: a glob without `/` matches the file name in any folder; one with `/` the whole path', () => {
  const matches = globMatcher(['*.cache.yaml', './services/*.json']);
  assert.equal(matches('a/b/c.cache.yaml'), true);
  assert.equal(matches('services/x.json'), true);
  assert.equal(matches('other/services/x.json'), false);
  assert.equal(matches('.hidden/c.cache.yaml'), true);
});
