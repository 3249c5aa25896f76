import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { CACHE_CONFIG_PATTERNS, discoverFiles, globMatcher } from '../../../src/cli/discoverFiles';
import { cleanup, tempDir, write } from './cliTestKit';

let root: string;
before(() => {
  root = tempDir();
  for (const file of [
    'a.cache.yaml', 'svc/b.cache.yml', 'svc/deep/c.cache.json', 'svc/notes.yaml', 'svc/testdata/t.cache.yaml',
    'node_modules/pkg/x.cache.yaml', '.git/y.cache.yaml', 'flags/f.yaml', 'other/z.cache.yaml',
  ]) write(root, file, 'k: v\n');
});
after(() => cleanup(root));

const rel = (files: string[]) => files.map((f) => path.relative(root, f).split(path.sep).join('/'));
const discover = (inputs: string[], extra: { select?: string[]; exclude?: string[]; cwd?: string } = {}) =>
  discoverFiles({ cwd: extra.cwd ?? root, inputs, select: extra.select ?? CACHE_CONFIG_PATTERNS, exclude: extra.exclude ?? [], root });

test('no paths: the working folder is walked for cache configs, skipping node_modules and .git', () => {
  const found = discover([]);
  assert.deepEqual(rel(found.files), ['a.cache.yaml', 'other/z.cache.yaml', 'svc/b.cache.yml', 'svc/deep/c.cache.json', 'svc/testdata/t.cache.yaml']);
  assert.deepEqual(found.errors, []);
});

test('exclude globs (project file) and select globs (schema mappings) are relative to the root', () => {
  const found = discover(['.'], { select: [...CACHE_CONFIG_PATTERNS, 'flags/*.yaml'], exclude: ['**/testdata/**', 'other/**'] });
  assert.deepEqual(rel(found.files), ['a.cache.yaml', 'flags/f.yaml', 'svc/b.cache.yml', 'svc/deep/c.cache.json']);
});

test('a folder given as a path is walked; matching stays relative to the project root', () => {
  const found = discover(['svc'], { exclude: ['svc/testdata/**'] });
  assert.deepEqual(rel(found.files), ['svc/b.cache.yml', 'svc/deep/c.cache.json']);
});

test('globs pick what they match, relative to the working folder', () => {
  assert.deepEqual(rel(discover(['svc/**/*.cache.*']).files), ['svc/b.cache.yml', 'svc/deep/c.cache.json', 'svc/testdata/t.cache.yaml']);
  assert.deepEqual(rel(discover(['*.cache.yaml']).files), ['a.cache.yaml']);
  assert.deepEqual(rel(discover(['**/*.yaml'], { cwd: path.join(root, 'svc') }).files), ['svc/notes.yaml', 'svc/testdata/t.cache.yaml']);
});

test('a glob starting with ! excludes', () => {
  assert.deepEqual(rel(discover(['.', '!**/testdata/**', '!other/**']).files), ['a.cache.yaml', 'svc/b.cache.yml', 'svc/deep/c.cache.json']);
});

test('a file named explicitly is checked whatever its name, once', () => {
  assert.deepEqual(rel(discover(['svc/notes.yaml', 'a.cache.yaml', './a.cache.yaml']).files), ['a.cache.yaml', 'svc/notes.yaml']);
});

test('a missing path and a glob that matches nothing are errors', () => {
  const found = discover(['nope/', 'svc/**/*.toml', 'a.cache.yaml']);
  assert.deepEqual(found.errors, ['path not found: nope/', 'no files match the pattern: svc/**/*.toml']);
  assert.deepEqual(rel(found.files), ['a.cache.yaml']);
});

test('a broken symlink is kept (reading it reports why), a linked folder is not followed', () => {
  const dir = tempDir();
  try {
    write(dir, 'real/r.cache.yaml', 'k: v\n');
    fs.symlinkSync(path.join(dir, 'missing.cache.yaml'), path.join(dir, 'broken.cache.yaml'));
    fs.symlinkSync(path.join(dir, 'real'), path.join(dir, 'loop'));
    const found = discoverFiles({ cwd: dir, inputs: [], select: CACHE_CONFIG_PATTERNS, exclude: [], root: dir });
    assert.deepEqual(found.files.map((f) => path.relative(dir, f)), ['broken.cache.yaml', path.join('real', 'r.cache.yaml')]);
  } finally {
    cleanup(dir);
  }
});

test('project globs without a slash match the file name in any folder', () => {
  const matches = globMatcher(['*.flags.yaml', 'config/*.yaml']);
  assert.equal(matches('deep/dir/x.flags.yaml'), true);
  assert.equal(matches('config/a.yaml'), true);
  assert.equal(matches('other/config/a.yaml'), false);
});
