// `schemaMappings` (URL prefix → mirror folder) from every place a user can set it: the project file,
// the editor's `cacheWarden.schemaMappings` setting, and what each folder's registry is built with.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import { loadProjectConfig } from '../../../src/core/project/projectConfig';
import { SchemaRegistry } from '../../../src/core/schema/schemaRegistry';
import { FolderModel } from '../../../src/core/workspace/folderModel';
import { readSettings } from '../../../src/server/settings';

const ROOT = path.resolve('/work/shop');

test('the project file reads schemaMappings; entries that are not folder names are ignored', () => {
  const { config } = loadProjectConfig('schemaMappings:\n  "https://schemas.example.com/": vendor/schemas\n  "https://other.example/": 3\n  "https://empty.example/": ""\n', path.join(ROOT, '.cachewarden.yaml'));
  assert.deepEqual(config.schemaMappings, { 'https://schemas.example.com/': 'vendor/schemas' });
  assert.equal(loadProjectConfig('rules: {}\n', path.join(ROOT, '.cachewarden.yaml')).config.schemaMappings, undefined);
});

test('the cacheWarden.schemaMappings setting is read per folder; non-string values are dropped', () => {
  const settings = readSettings({ schemaMappings: { 'https://a.example/': 'mirror/a', 'https://b.example/': 7 } }, {}, false);
  assert.deepEqual(settings.folder.schemaMappings, { 'https://a.example/': 'mirror/a' });
  assert.deepEqual(readSettings({}, {}, false).folder.schemaMappings, {});
});

test('a folder resolves mirror folders against its root (project file, then settings) and rebuilds its registry when they change', () => {
  const folder = new FolderModel(ROOT, { schemaMappings: { 'https://b.example/': 'mirror/b', 'https://abs.example/': '/srv/mirror' } });
  assert.deepEqual(folder.updateConfig({ rules: {}, overrides: [], schemaMappings: { 'https://a.example/': 'vendor/a', 'https://b.example/': 'vendor/b' } }, [], ''), { registry: true, membership: false });
  assert.deepEqual(folder.schemaMirrors(), {
    'https://a.example/': path.join(ROOT, 'vendor/a'),
    'https://b.example/': path.join(ROOT, 'mirror/b'),
    'https://abs.example/': '/srv/mirror',
  });
  const before = folder.registry;
  assert.equal(folder.registry.mappedPath('https://a.example/x/y.json'), path.join(ROOT, 'vendor', 'a', 'x', 'y.json'));
  assert.deepEqual(folder.updateSettings({ schemaMappings: { 'https://b.example/': 'elsewhere' } }), { registry: true, membership: false });
  assert.notEqual(folder.registry, before);
  assert.deepEqual(folder.updateSettings({ schemaMappings: { 'https://b.example/': 'elsewhere' } }), { registry: false, membership: false });
});

test('the longest matching prefix wins; with remote schemas allowed, a mirrored or embedded schema is never fetched', async () => {
  const files = new Map([
    [path.join('/m/general', 'x.json'), '{"type": "string"}'],
    [path.join('/m/special', 'x.json'), '{"type": "integer"}'],
  ]);
  const fetched: string[] = [];
  const registry = new SchemaRegistry({
    readFile: (p) => files.get(p) ?? (p === '/s/main.json' ? JSON.stringify({ $id: 'https://example.test/main.json', properties: { a: { $ref: 'https://h.example/special/x.json' }, b: { $ref: 'inner.json' } }, definitions: { inner: { $id: 'inner.json', type: 'boolean' } } }) : undefined),
    schemaMappings: { 'https://h.example/': '/m/general', 'https://h.example/special/': '/m/special' },
    allowRemote: true,
    fetchText: async (url) => {
      fetched.push(url);
      throw new Error('offline');
    },
  });
  await registry.prefetch('file:///s/main.json');
  assert.deepEqual(fetched, []);
  const compiled = registry.getValidator('file:///s/main.json');
  assert.deepEqual(compiled.problems, []);
  assert.deepEqual([{ a: 1, b: true }, { a: 'x' }, { b: 1 }].map((v) => compiled.validate!(v)), [true, false, false]);
});
