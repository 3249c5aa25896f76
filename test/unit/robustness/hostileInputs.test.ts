// The standing hostile corpus (hostileCorpus.ts), run through `cache-warden check`: nothing
// crashes, stalls, slips past (exit 0 on a broken file) or leaks (content of files outside the
// repository in the output), and terminals only ever see escaped control characters. Plus the
// pieces underneath: the bounded reader, decoding by BOM, CR-only line ends, the findings cap,
// node ids that cannot collide, docs whose front matter is dropped, and the terminal escaping.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeFile, MAX_FINDINGS_PER_FILE } from '../../../src/core/analyze';
import { LineIndex } from '../../../src/core/document/lineIndex';
import { nodeId, refOfNodeId } from '../../../src/core/graph/viewIds';
import { closestMatch } from '../../../src/core/schema/didYouMean';
import { linearRegExp, toRe2Syntax } from '../../../src/core/schema/linearRegExp';
import { SchemaRegistry } from '../../../src/core/schema/schemaRegistry';
import { decodeText, FileRefusal, readBoundedFile, readBoundedFileSync } from '../../../src/core/workspace/fileSystem';
import { codeFrame } from '../../../src/cli/codeFrame';
import { formatHuman } from '../../../src/cli/formatHuman';
import { escapeControls } from '../../../src/cli/terminalSafe';
import { runGraphCommand } from '../../../src/cli/graphCommand';
import { cleanup, runCli, tempDir, write } from '../cli/cliTestKit';
import { cacheConfig, HOSTILE_CASES } from './hostileCorpus';

const registry = new SchemaRegistry();
/** Each case must finish well inside the bench's 5 s bound (a loaded CI machine gets slack). */
const MAX_MS = 10_000;

/** What each case's report must say (the temporary folder's real path is `<root>`). */
const EXPECTED: Record<string, (out: string, root: string) => void> = {
  'cw005-20k-params': (out) => {
    assert.equal((out.match(/ CW005\n/g) ?? []).length, MAX_FINDINGS_PER_FILE);
    assert.match(out, /^big\.cache\.yaml\n {2}1:1 {4}warning {2}Cache Warden reports at most 500 problems per file and this file reaches that limit, so there may be more: fix these and check again\. {2}too-many-problems\n/);
    assert.ok(out.includes('which is not in `fronts.params` (a0, a1, a2, a3, a4, a5, a6, a7 and 19992 more)'), out.slice(0, 2000));
    assert.match(out, /✖ 501 problems \(500 errors, 1 warning\) in 1 of 1 file checked\n$/);
    assert.ok(out.length < 1_000_000, `${out.length} characters of output`);
  },
  'cw005-long-template': (out) => {
    assert.match(out, /✖ 501 problems \(500 errors, 1 warning\)/);
    // The template is quoted cut to 80 characters, never whole.
    assert.ok(out.includes('`key.template` uses `{p0}`, which is not in `fronts.params` (a): '), out.slice(0, 1000));
  },
  'unknown-keys-75k': (out) => {
    assert.match(out, /✖ 501 problems \(500 errors, 1 warning\)/);
    assert.ok(out.includes('  25:7   error    `unknownSetting0` is not allowed in `caches[0]`. Allowed: name, backend, enabled, criticality, override, fronts, key, ttl, stale, stampede, negative, capacity, … (5 more).  schema-additional-property\n'));
  },
  'unknown-keys-75k-long': (out) => {
    assert.match(out, /✖ 501 problems \(500 errors, 1 warning\)/);
    assert.ok(out.includes('  25:7   error    `setting_setting_setting_setting_setting_0000000000` is not allowed in `caches[0]`. Allowed: name, backend, '), out.slice(0, 1500));
  },
  'config-symlink-dev-zero': (out, root) => assert.equal(out, `zero.cache.yaml\n  1:1  error  This is a symlink to /dev/zero, outside the project root ${root}; it is not read.  file-outside-root\n\n✖ 1 problem (1 error, 0 warnings) in 1 of 1 file checked\n`),
  'doc-symlink-dev-zero': (out, root) => assert.equal(out, `docs/svc.md\n  1:1  error  This is a symlink to /dev/zero, outside the project root ${root}; it is not read.  file-outside-root\n\n✖ 1 problem (1 error, 0 warnings) in 1 of 2 files checked\n`),
  'modeline-dev-zero': (out) => assert.ok(out.startsWith('m.cache.yaml\n  1:25  error  The schema /dev/zero was not read: it is a character device, not a regular file.  schema-not-found\n'), out),
  'modeline-dev-stdin': (out) => assert.match(out, /^s\.cache\.yaml\n {2}1:25 {2}error {2}The schema \/dev\/stdin was not (found or is not valid JSON|read: it is a [a-z ()]+, not a regular file)\. {2}schema-not-found\n/),
  'schema-symlink-dev-zero': (out, root) => assert.ok(out.startsWith(`l.cache.yaml\n  1:25  error  The schema ${root}/schemas/s.json was not read: it is a symlink to /dev/zero, outside the project root ${root}.  schema-not-found\n`), out),
  'project-schemas-dev-zero': (out) => assert.ok(out.startsWith('p.cache.yaml\n  1:1  error  The schema /dev/zero was not read: it is a character device, not a regular file.  schema-not-found\n'), out),
  'config-fifo': (out) => assert.equal(out, 'fifo.cache.yaml\n  1:1  error  This is a FIFO (named pipe), not a regular file; it is not read.  file-not-regular\n\n✖ 1 problem (1 error, 0 warnings) in 1 of 1 file checked\n'),
  'padded-past-5mb': (out) => assert.equal(out, 'pad.cache.yaml\n  1:1  error  This file is 5.67 MB, more than the 5 MB limit (--max-file-size); it is not checked.  file-too-large\n\n✖ 1 problem (1 error, 0 warnings) in 1 of 1 file checked\n'),
  'cr-only-line-ends': (out) => assert.ok(out.startsWith('cr.cache.yaml\n  24:21  error  `value`: A duration is a number followed by a unit'), out),
  'utf16le-bom': (out) => assert.ok(out.startsWith('u16.cache.yaml\n  23:21  error  `value`: A duration is a number followed by a unit'), out),
  'utf16be-bom': (out) => assert.ok(out.startsWith('u16be.cache.yaml\n  23:21  error  `value`: A duration is a number followed by a unit'), out),
  'nul-byte': (out) => assert.equal(out, [
    'nul.cache.yaml',
    '  5:12  error  This file contains a NUL byte at line 5, column 12; YAML and JSON text cannot contain one (is it UTF-16 or UTF-32 without a byte order mark?). The file is not validated.  file-nul',
    '    4 |   service: svc',
    '  > 5 |   owner: te\\x00am',
    '      |            ^^^^',
    '    6 |   docs: docs/svc.md',
    '',
    '✖ 1 problem (1 error, 0 warnings) in 1 of 1 file checked',
    '',
  ].join('\n')),
  'binary-file': (out) => assert.ok(out.startsWith('bin.cache.yaml\n  1:1  error  This file contains binary data, not YAML or JSON text; it is not validated.  file-binary\n'), out),
  'config-symlink-etc-passwd': (out, root) => {
    const report = JSON.parse(out);
    assert.deepEqual(report.files[0].diagnostics.map((d: { code: string; message: string }) => [d.code, d.message]), [['file-outside-root', `This is a symlink to /etc/passwd, outside the project root ${root}; it is not read.`]]);
    assert.ok(!out.includes('root:x:0:0') && !out.includes('/bin/'), 'a line of /etc/passwd leaked');
  },
  'config-symlink-proc-environ': (out) => {
    const sarif = JSON.parse(out);
    assert.equal(sarif.runs[0].results[0].ruleId, 'file-outside-root');
    assert.match(sarif.runs[0].results[0].message.text, /^This is a symlink to \/proc\/\d+\/environ, outside the project root /);
    assert.ok(!out.includes('PATH='), 'the environment leaked');
  },
  'redos-pattern-modeline': (out) => assert.equal(out, [
    'r.cache.yaml',
    `  2:7  error  \`name\` must match the pattern \`^(a+)+$\` — got \`${'a'.repeat(39)}…\`.  schema-pattern`,
    '    1 | # cache-warden: $schema=./schemas/redos.json',
    `  > 2 | name: ${'a'.repeat(40)}!`,
    `      |       ${'^'.repeat(41)}`,
    `    3 | ${'b'.repeat(40)}!: 1`,
    '',
    '✖ 1 problem (1 error, 0 warnings) in 1 of 1 file checked',
    '',
  ].join('\n')),
  'terminal-escapes': (out) => {
    assert.ok(!out.includes('\u001b') && !out.includes('\u0007'), JSON.stringify(out));
    assert.ok(out.startsWith('esc\\x1b[2J.cache.yaml\n  20:21  error  `fronts.params` has `b\\x1b]0;pwned\\x07` but `key.template` (c:{a}) omits it'), out);
  },
};

test('the hostile corpus names an expectation for every case, and every case runs here', () => {
  assert.deepEqual(Object.keys(EXPECTED).sort(), HOSTILE_CASES.map((c) => c.name).sort());
});

for (const hostile of HOSTILE_CASES) {
  test(`hostile: ${hostile.name} — ${hostile.attack}`, async (t) => {
    const dir = tempDir('cw-hostile-');
    try {
      if (!hostile.build(dir)) {
        t.skip('this platform cannot build the case');
        return;
      }
      const started = Date.now();
      const { code, stdout } = await runCli(hostile.args, dir);
      const elapsed = Date.now() - started;
      assert.ok(elapsed < MAX_MS, `${elapsed} ms`);
      EXPECTED[hostile.name](stdout, fs.realpathSync(dir));
      assert.equal(code, hostile.exit);
    } finally {
      cleanup(dir);
    }
  });
}

test('--max-file-size raises (or lowers) the limit; a bad size is a usage error', async () => {
  const dir = tempDir('cw-hostile-');
  try {
    write(dir, 'a.cache.yaml', cacheConfig() + '# pad\n'.repeat(2000));
    const small = await runCli(['check', '--max-file-size', '4KB', 'a.cache.yaml'], dir);
    assert.equal(small.code, 1);
    assert.match(small.stdout, /^a\.cache\.yaml\n {2}1:1 {2}error {2}This file is 12\.14 KB, more than the 4 KB limit \(--max-file-size\); it is not checked\. {2}file-too-large\n/);
    assert.deepEqual(await runCli(['check', '--max-file-size', '1MB', 'a.cache.yaml'], dir), { code: 0, stdout: '✔ 1 file checked, no problems\n', stderr: '' });
    const bad = await runCli(['check', '--max-file-size', 'lots', 'a.cache.yaml'], dir);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--max-file-size needs a size like 5MB, 512KB or a number of bytes, got "lots"/);
  } finally {
    cleanup(dir);
  }
});

test('the bounded reader: size limit, regular files only, no symlink out of the root, all with messages', async () => {
  const dir = tempDir('cw-hostile-');
  try {
    const file = write(dir, 'a.yaml', 'x'.repeat(100));
    assert.equal(await readBoundedFile(file, { maxBytes: 100 }), 'x'.repeat(100));
    await assert.rejects(readBoundedFile(file, { maxBytes: 99 }), (e: unknown) => e instanceof FileRefusal && e.code === 'file-too-large' && e.message === 'This file is 100 bytes, more than the 99 bytes limit (--max-file-size); it is not checked.');
    assert.throws(() => readBoundedFileSync(dir), (e: unknown) => e instanceof FileRefusal && e.code === 'file-not-regular' && e.message === 'This is a folder, not a regular file; it is not read.');
    if (process.platform !== 'win32') {
      assert.throws(() => readBoundedFileSync('/dev/zero'), (e: unknown) => e instanceof FileRefusal && e.message === 'This is a character device, not a regular file; it is not read.');
      fs.symlinkSync('/etc/hostname', path.join(dir, 'out.yaml'));
      fs.symlinkSync(file, path.join(dir, 'in.yaml'));
      const root = fs.realpathSync(dir);
      await assert.rejects(readBoundedFile(path.join(dir, 'out.yaml'), { root: dir }), (e: unknown) => e instanceof FileRefusal && e.code === 'file-outside-root' && e.message === `This is a symlink to ${fs.realpathSync('/etc/hostname')}, outside the project root ${root}; it is not read.`);
      // A symlink that stays inside the root is followed; without a root nothing is refused for its target.
      assert.equal(await readBoundedFile(path.join(dir, 'in.yaml'), { root: dir }), 'x'.repeat(100));
    }
  } finally {
    cleanup(dir);
  }
});

test('decoding by byte order mark: UTF-8 (dropped), UTF-16 and UTF-32 in both byte orders', () => {
  const text = 'key: "é € 😀"\nnext: 1\n';
  const utf16le = Buffer.from(text, 'utf16le');
  const utf32 = (little: boolean) => {
    const points = [...text].map((c) => c.codePointAt(0)!);
    const b = Buffer.alloc(4 + points.length * 4);
    if (little) b.writeUInt32LE(0xfeff, 0);
    else b.writeUInt32BE(0xfeff, 0);
    points.forEach((p, i) => (little ? b.writeUInt32LE(p, 4 + i * 4) : b.writeUInt32BE(p, 4 + i * 4)));
    return b;
  };
  assert.equal(decodeText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)])), text);
  assert.equal(decodeText(Buffer.concat([Buffer.from([0xff, 0xfe]), utf16le])), text);
  assert.equal(decodeText(Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(utf16le).swap16()])), text);
  assert.equal(decodeText(utf32(true)), text);
  assert.equal(decodeText(utf32(false)), text);
  assert.equal(decodeText(Buffer.from(text)), text);
});

test('CR-only line ends are line breaks: the same findings at the same lines as the LF file', () => {
  const lf = cacheConfig({ header: '# a comment first', ttl: '{ value: soon }', params: '[a, b]' });
  const describe = (text: string) => analyzeFile(text, { filePath: '/ws/x.cache.yaml', registry }).diagnostics.map((d) => `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.code} ${d.message}`);
  const expected = describe(lf);
  assert.equal(expected.length, 2, expected.join('\n'));
  assert.deepEqual(describe(lf.replace(/\n/g, '\r')), expected);
  assert.deepEqual(describe(lf.replace(/\n/g, '\r\n')), expected);
  const lines = new LineIndex('a\rb\r\nc\nd');
  assert.deepEqual([0, 1, 2, 3].map((n) => lines.lineText(n)), ['a', 'b', 'c', 'd']);
  assert.deepEqual(lines.positionAt(2), { line: 1, character: 0 });
});

test('"did you mean" is bounded: long keys and candidates are not compared, nor candidates past the first 200', () => {
  assert.equal(closestMatch('evicton', ['eviction']), 'eviction');
  assert.equal(closestMatch('x'.repeat(65), ['x'.repeat(64)]), undefined);
  assert.equal(closestMatch('evicton', [...Array.from({ length: 200 }, (_, i) => `zz${i}`), 'eviction']), undefined);
  const started = Date.now();
  for (let i = 0; i < 20_000; i++) closestMatch(`unknownSetting${i}`, Array.from({ length: 30 }, (_, k) => `setting${k}`));
  assert.ok(Date.now() - started < 3000);
});

test('"did you mean" runs only on the findings a file reports (after the cap), and still suggests', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const didYouMean = require('../../../src/core/schema/didYouMean') as { closestMatch: typeof closestMatch };
  const real = didYouMean.closestMatch;
  let calls = 0;
  didYouMean.closestMatch = (input, candidates) => {
    calls++;
    return real(input, candidates);
  };
  try {
    const text = cacheConfig({ extra: Array.from({ length: 3000 }, (_, i) => `      backen${i}: 1`).join('\n') + '\n      stampde: {}' });
    const analysis = analyzeFile(text, { filePath: '/ws/x.cache.yaml', registry });
    assert.equal(analysis.diagnostics.length, MAX_FINDINGS_PER_FILE + 1);
    assert.ok(calls <= MAX_FINDINGS_PER_FILE, `${calls} suggestions computed`);
    const small = analyzeFile(cacheConfig({ extra: '      stampde: {}' }), { filePath: '/ws/x.cache.yaml', registry });
    assert.deepEqual(small.diagnostics.map((d) => d.message), ['`stampde` is not allowed in `caches[0]`. Did you mean `stampede`?']);
  } finally {
    didYouMean.closestMatch = real;
  }
});

test('node ids cannot collide: refs whose old ids (40-character prefix + 32-bit FNV-1a) were equal get different ids', () => {
  // Found by a birthday search: same first 40 sanitized characters, same FNV-1a hash.
  const pair = ['component:very-long-service-name-very-long-service-name-71wu', 'component:very-long-service-name-very-long-service-name-itfa'];
  assert.notEqual(nodeId(pair[0]), nodeId(pair[1]));
  const sanitizedAlike = ['component:a-b', 'component:a_b', 'component:a.b', 'component:a/b', 'component:a__b', 'component:a_5fb', 'component:é', 'component:😀'];
  const ids = sanitizedAlike.map(nodeId);
  assert.equal(new Set(ids).size, ids.length, ids.join(' '));
  for (const ref of [...pair, ...sanitizedAlike]) {
    assert.match(nodeId(ref), /^n_[A-Za-z0-9_]+$/);
    assert.equal(refOfNodeId(nodeId(ref)), ref);
  }
  assert.equal(nodeId('component:catalog-service'), 'n_component_3acatalog_2dservice');
});

test('graph: a doc whose front matter never closes or does not parse, a doc it may not read and a config that does not parse are reported; --strict fails; JSON lists them', async () => {
  const dir = tempDir('cw-hostile-');
  try {
    write(dir, 'docs/ok.md', '---\nkind: component\nid: ok\ndependsOn: [resource:db]\n---\n# OK\n');
    write(dir, 'docs/open.md', '---\nkind: component\nid: lost\n# never closed\n');
    write(dir, 'docs/flat.md', '---\nkind: component\n  id: bad\n---\n');
    write(dir, 'broken.cache.yaml', 'apiVersion: cache-warden/v1\nkind: CacheLayer\nspec: [\n');
    if (process.platform !== 'win32') fs.symlinkSync('/dev/zero', path.join(dir, 'docs', 'zero.md'));
    let stdout = '';
    let stderr = '';
    const io = { cwd: dir, stdout: (s: string) => (stdout += s), stderr: (s: string) => (stderr += s) };
    const code = await runGraphCommand(['docs', 'broken.cache.yaml', '--strict', '--format', 'json'], io);
    assert.equal(code, 1);
    const problems = JSON.parse(stdout).problems as { file: string; line: number; code: string; message: string }[];
    const summary = problems.map((p) => `${p.file}:${p.line} ${p.code}`).sort();
    assert.deepEqual(summary, [
      'broken.cache.yaml:4 yaml-bad-indent',
      'docs/flat.md:2 yaml-block-as-implicit-key',
      'docs/flat.md:2 yaml-multiline-implicit-key',
      'docs/ok.md:4 catalog-unresolved-ref',
      'docs/open.md:1 front-matter-unclosed',
      ...(process.platform !== 'win32' ? ['docs/zero.md:1 file-outside-root'] : []),
    ].sort());
    assert.ok(stderr.includes('docs/open.md:1:1: error front-matter-unclosed: This front matter declares an entity but has no closing `---` line, so it is not read and the entity is not in the graph.\n'), stderr);
  } finally {
    cleanup(dir);
  }
});

test('check of a whole project validates its docs\' front matter; docs without catalog front matter are not counted', async () => {
  const dir = tempDir('cw-hostile-');
  try {
    write(dir, 'svc.cache.yaml', cacheConfig());
    write(dir, 'README.md', '# Hello\n');
    write(dir, 'docs/svc.md', '---\nkind: component\nid: svc\n---\n# Svc\n');
    write(dir, 'docs/open.md', '---\nkind: component\nid: lost\n');
    write(dir, 'docs/bad.md', '---\nkind: component\nid: [x\n---\n');
    const { code, stdout } = await runCli(['check'], dir);
    assert.equal(code, 1);
    assert.deepEqual(stdout.split('\n').filter((l) => /^\S/.test(l) && !l.startsWith('✖')), ['docs/bad.md', 'docs/open.md']);
    assert.match(stdout, /  1:1  error  This front matter declares an entity but has no closing `---` line, so it is not read and the entity is not in the graph\.  front-matter-unclosed\n/);
    assert.match(stdout, /in 2 of 4 files checked\n$/);
  } finally {
    cleanup(dir);
  }
});

test('check validates a doc\'s front matter as the editor does', async () => {
  const dir = tempDir('cw-hostile-');
  try {
    write(dir, 'docs/open.md', '---\nkind: component\nid: lost\n');
    const { code, stdout } = await runCli(['check', 'docs/open.md'], dir);
    assert.equal(code, 1);
    assert.equal(stdout, 'docs/open.md\n  1:1  error  This front matter declares an entity but has no closing `---` line, so it is not read and the entity is not in the graph.  front-matter-unclosed\n  > 1 | ---\n      | ^^^\n    2 | kind: component\n\n✖ 1 problem (1 error, 0 warnings) in 1 of 1 file checked\n');
  } finally {
    cleanup(dir);
  }
});

test('terminal: control characters from content, messages and file names are escaped; tabs and text stay', () => {
  assert.equal(escapeControls('a\u001b[31mb\u0007c\td\u009be\u202ef'), 'a\\x1b[31mb\\x07c\td\\x9be\\u202ef');
  const frame = codeFrame(['key: "\u001b[2J"'], { start: { line: 0, character: 6 }, end: { line: 0, character: 10 } });
  assert.deepEqual(frame, ['  > 1 | key: "\\x1b[2J"', '      |       ^^^^^^^']);
  const out = formatHuman([{ absPath: '/x', displayPath: 'x\u001b]0;t\u0007.yaml', text: 'a: 1\n', diagnostics: [{ code: 'c', severity: 'error', message: 'm\u001b[2J', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, source: 's' }] }]);
  assert.ok(!/[\u0000-\u0008\u000b-\u001f\u007f]/.test(out), JSON.stringify(out));
  assert.ok(out.startsWith('x\\x1b]0;t\\x07.yaml\n  1:1  error  m\\x1b[2J  c\n'), out);
});

test('schema patterns run in linear time: ECMAScript escapes are translated, lookaround and backreferences are reported, not run', () => {
  const started = Date.now();
  assert.equal(linearRegExp('^(a+)+$').test(`${'a'.repeat(100_000)}!`), false);
  assert.equal(linearRegExp('^(a+)+$').test('a'.repeat(40)), true);
  assert.ok(Date.now() - started < 2000, `${Date.now() - started} ms`);
  assert.equal(toRe2Syntax('^[\\u0000-\\u007F]*$'), '^[\\x{0}-\\x{7f}]*$');
  assert.equal(toRe2Syntax('\\uD83D\\uDE00|\\u{1F600}|\\\\u0041|[^]'), '\\x{1f600}|\\x{1F600}|\\\\u0041|[\\s\\S]');
  assert.equal(linearRegExp('^\\u00e9\\/\\d+$').test('é/12'), true);
  assert.equal(linearRegExp('^\\p{Lu}').test('Éa'), true);
  assert.equal(String(linearRegExp('^a$')), '/^a$/u');
  assert.equal(linearRegExp('^(?!x)').unsupported, 'lookahead and lookbehind are not supported');
  assert.equal(linearRegExp('(?<=a)b').unsupported, 'lookahead and lookbehind are not supported');
  assert.equal(linearRegExp('(a)\\1').unsupported, 'backreferences are not supported');
  assert.equal(linearRegExp('(?<n>a)\\k<n>').unsupported, 'backreferences are not supported');
  // What RE2 cannot express runs on the backtracking engine, cut off in time (no match).
  assert.equal(linearRegExp('^(?!x)').test('x'), false);
  assert.equal(linearRegExp('^(?!x)').test('y'), true);
  assert.equal(linearRegExp('^(a)\\1$').test('aa'), true);
  const bounded = Date.now();
  assert.equal(linearRegExp('^(?=a)(a+)+$').test(`${'a'.repeat(40)}!`), false);
  assert.ok(Date.now() - bounded < 2000, `${Date.now() - bounded} ms`);
  assert.throws(() => linearRegExp('(unclosed'), SyntaxError);

  const schemaRegistry = new SchemaRegistry({
    readFile: (p) => (p === '/s/look.json' ? JSON.stringify({ type: 'object', properties: { id: { type: 'string', pattern: '^(?!tmp)[a-z]+$' }, n: { pattern: '^[0-9]+$' } }, patternProperties: { '(x)\\1': { type: 'number' } } }) : undefined),
  });
  const compiled = schemaRegistry.getValidator('file:///s/look.json');
  assert.ok(compiled.validate, 'the rest of the schema still checks');
  assert.deepEqual(compiled.problems.map((p) => [p.code, p.severity, p.message]), [
    ['schema-pattern-unsupported', 'information', 'The pattern `(x)\\1` at /s/look.json#/patternProperties/(x)\\1 cannot run on the linear-time regular expression engine (backreferences are not supported); it runs on the backtracking engine instead, cut off after 100 ms per value (a value not decided in time does not match).'],
    ['schema-pattern-unsupported', 'information', 'The pattern `^(?!tmp)[a-z]+$` at /s/look.json#/properties/id/pattern cannot run on the linear-time regular expression engine (lookahead and lookbehind are not supported); it runs on the backtracking engine instead, cut off after 100 ms per value (a value not decided in time does not match).'],
  ]);
  assert.equal(compiled.validate!({ id: 'file', n: '12', xy: 'any' }), true);
  assert.equal(compiled.validate!({ id: 'tmpfile' }), false);
  assert.equal(compiled.validate!({ n: '1a' }), false);
  assert.equal(compiled.validate!({ xx: 'not a number' }), false);
  // A pattern no engine accepts still makes the schema invalid, as before.
  const broken = new SchemaRegistry({ readFile: () => JSON.stringify({ pattern: '(unclosed' }) }).getValidator('file:///s/broken.json');
  assert.equal(broken.validate, undefined);
  assert.equal(broken.problems[0].code, 'schema-invalid');
});
