import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import type { FileResult } from '../../../src/cli/checkResult';
import { formatHuman } from '../../../src/cli/formatHuman';
import { jsonReport } from '../../../src/cli/formatJson';
import { artifactLocation, sarifLog } from '../../../src/cli/formatSarif';
import type { Diagnostic } from '../../../src/core/types';
import { REPO_ROOT } from './cliTestKit';

const at = (line: number, start: number, end: number) => ({ start: { line, character: start }, end: { line, character: end } });
const ttlMissing: Diagnostic = { code: 'CW001', severity: 'error', message: 'Cache `a` has no `ttl.value`.', range: at(1, 2, 9), source: 'cache-warden', docsUrl: 'docs/rules/CW001.md' };
const jitter: Diagnostic = { code: 'CW004', severity: 'warning', message: 'No jitter.', range: at(2, 9, 11), source: 'cache-warden', docsUrl: 'docs/rules/CW004.md' };
const enumProblem: Diagnostic = {
  code: 'schema-enum', severity: 'error', message: '`type` must be one of: redis, memcached — got `redus`.', range: at(0, 6, 11), source: 'cache-warden (schema)', docsUrl: 'docs/schema-problems.md#schema-enum',
};
const files: FileResult[] = [
  { absPath: '/repo/svc/a.cache.yaml', displayPath: 'svc/a.cache.yaml', text: 'type: redus\ncaches:\n  ttl: 1h\n', diagnostics: [jitter, enumProblem, ttlMissing] },
  { absPath: '/repo/svc/ok.cache.yaml', displayPath: 'svc/ok.cache.yaml', text: 'ok: true\n', diagnostics: [] },
  { absPath: '/repo/svc/locked.cache.yaml', displayPath: 'svc/locked.cache.yaml', diagnostics: [{ code: 'file-unreadable', severity: 'error', message: 'This file could not be read: permission denied.', range: at(0, 0, 0), source: 'cache-warden' }] },
];

test('human: files with problems, problems in line order with a code frame, then the summary', () => {
  assert.equal(
    formatHuman(files),
    [
      'svc/a.cache.yaml',
      '  1:7   error    `type` must be one of: redis, memcached — got `redus`.  schema-enum',
      '  > 1 | type: redus',
      '      |       ^^^^^',
      '    2 | caches:',
      '  2:3   error    Cache `a` has no `ttl.value`.  CW001',
      '    1 | type: redus',
      '  > 2 | caches:',
      '      |   ^^^^^^^',
      '    3 |   ttl: 1h',
      '  3:10  warning  No jitter.  CW004',
      '    2 | caches:',
      '  > 3 |   ttl: 1h',
      '      |          ^^',
      '    4 |',
      '',
      'svc/locked.cache.yaml',
      '  1:1  error  This file could not be read: permission denied.  file-unreadable',
      '',
      '✖ 4 problems (3 errors, 1 warning) in 2 of 3 files checked',
      '',
    ].join('\n'),
  );
});

test('human: a clean run says how many files were checked', () => {
  assert.equal(formatHuman([files[1]]), '✔ 1 file checked, no problems\n');
  assert.equal(formatHuman([files[1], files[1]]), '✔ 2 files checked, no problems\n');
});

test('human: information counts as info in the summary; colour only when asked', () => {
  const info: Diagnostic = { ...jitter, severity: 'information' };
  const out = formatHuman([{ ...files[1], diagnostics: [info] }], { codeFrames: false });
  assert.equal(out, 'svc/ok.cache.yaml\n  3:10  info  No jitter.  CW004\n\n✖ 1 problem (0 errors, 0 warnings, 1 info) in 1 of 1 file checked\n');
  assert.ok(!out.includes('\u001b['));
  assert.ok(formatHuman(files, { color: true }).includes('\u001b[31merror\u001b[39m'));
});

test('json: every file with its diagnostics (1-based positions, absolute docs links) and a summary', () => {
  const report = jsonReport(files, { resolveDocs: (p) => `https://docs.example.com/${p}` });
  // The version as package.json has it (read here, not through the reporter's own constant).
  assert.equal(report.version, JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')).version);
  assert.deepEqual(report.summary, { filesChecked: 3, filesWithProblems: 2, problems: 4, errors: 3, warnings: 1, infos: 0 });
  assert.deepEqual(report.files.map((f) => f.path), ['svc/a.cache.yaml', 'svc/ok.cache.yaml', 'svc/locked.cache.yaml']);
  assert.deepEqual(report.files[0].diagnostics[1], {
    code: 'CW001',
    severity: 'error',
    message: 'Cache `a` has no `ttl.value`.',
    range: { start: { line: 2, column: 3 }, end: { line: 2, column: 10 } },
    source: 'cache-warden',
    docsUrl: 'https://docs.example.com/docs/rules/CW001.md',
  });
  assert.equal(report.files[2].diagnostics[0].docsUrl, undefined);
});

test('sarif: one rule descriptor per code, results pointing at it, regions 1-based', () => {
  const log = sarifLog(files, {
    rootDir: '/repo',
    describeRule: (code, example) => ({ name: `Name${code}`, shortDescription: `About ${code}.`, helpUri: `https://docs.example.com/${code}`, defaultSeverity: example.severity }),
  });
  const run = log.runs[0];
  assert.equal(log.version, '2.1.0');
  assert.deepEqual(run.tool.driver.rules?.map((r) => [r.id, r.defaultConfiguration?.level, r.helpUri]), [
    ['schema-enum', 'error', 'https://docs.example.com/schema-enum'],
    ['CW001', 'error', 'https://docs.example.com/CW001'],
    ['CW004', 'warning', 'https://docs.example.com/CW004'],
    ['file-unreadable', 'error', 'https://docs.example.com/file-unreadable'],
  ]);
  assert.deepEqual(run.originalUriBaseIds, { '%SRCROOT%': { uri: 'file:///repo/' } });
  assert.deepEqual(run.results?.[2], {
    ruleId: 'CW004',
    ruleIndex: 2,
    level: 'warning',
    message: { text: 'No jitter.' },
    locations: [{ physicalLocation: { artifactLocation: { uri: 'svc/a.cache.yaml', uriBaseId: '%SRCROOT%' }, region: { startLine: 3, startColumn: 10, endLine: 3, endColumn: 12 } } }],
  });
  assert.equal(run.results?.length, 4);
});

test('sarif: paths are percent-encoded under %SRCROOT%, outside it they are file URIs', () => {
  assert.deepEqual(artifactLocation('/repo/my configs/a#1.cache.yaml', '/repo'), { uri: 'my%20configs/a%231.cache.yaml', uriBaseId: '%SRCROOT%' });
  assert.deepEqual(artifactLocation('/elsewhere/a.cache.yaml', '/repo'), { uri: 'file:///elsewhere/a.cache.yaml' });
});

test('sarif: related locations of a cross-file rule become relatedLocations', () => {
  const crossFile: Diagnostic = { ...ttlMissing, related: [{ uri: '/repo/shared/redis.cache.yaml', range: at(4, 16, 28), message: 'backend `redis` eviction: volatile-lru' }] };
  const log = sarifLog([{ ...files[1], diagnostics: [crossFile] }], { rootDir: '/repo', describeRule: () => ({ name: 'N', shortDescription: 'S.', defaultSeverity: 'error' }) });
  assert.deepEqual(log.runs[0].results?.[0].relatedLocations, [
    {
      id: 1,
      message: { text: 'backend `redis` eviction: volatile-lru' },
      physicalLocation: { artifactLocation: { uri: 'shared/redis.cache.yaml', uriBaseId: '%SRCROOT%' }, region: { startLine: 5, startColumn: 17, endLine: 5, endColumn: 29 } },
    },
  ]);
});
