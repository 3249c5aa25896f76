import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseCheckArgs } from '../../../src/cli/checkOptions';
import { UsageError } from '../../../src/cli/cliIo';

test('defaults: human format, no paths, no limits', () => {
  assert.deepEqual(parseCheckArgs([]), { inputs: [], format: 'human', schemaDirs: [], help: false });
});

test('every option is read', () => {
  const options = parseCheckArgs([
    'a', '-f', 'sarif', '--max-warnings', '3', '--schema', 's.json', '--schema-dir', 'd1', '--schema-dir', 'd2',
    '-c', 'cw.yaml', '--docs-base-url', 'https://docs.example.com/cw', '-o', 'out.sarif', 'b/**/*.yaml',
  ]);
  assert.deepEqual(options, {
    inputs: ['a', 'b/**/*.yaml'],
    format: 'sarif',
    output: 'out.sarif',
    maxWarnings: 3,
    schema: 's.json',
    schemaDirs: ['d1', 'd2'],
    config: 'cw.yaml',
    docsBaseUrl: 'https://docs.example.com/cw',
    help: false,
  });
});

test('wrong values are usage errors with a clear message', () => {
  const message = (args: string[]) => {
    try {
      parseCheckArgs(args);
    } catch (error) {
      assert.ok(error instanceof UsageError);
      return error.message;
    }
    assert.fail(`expected a usage error for ${args.join(' ')}`);
  };
  assert.equal(message(['--format', 'xml']), 'unknown format "xml"; use human, json or sarif');
  assert.equal(message(['--max-warnings', 'many']), '--max-warnings needs a whole number ≥ 0, got "many"');
  assert.equal(message(['--max-warnings', '-1']), "option '--max-warnings' needs a value");
  assert.equal(message(['--frobnicate']), "unknown option '--frobnicate'");
  assert.equal(message(['--docs-base-url', 'docs/']), '--docs-base-url must be an absolute URL, got "docs/"');
  assert.equal(message(['--schema', 'x.json']), '--schema needs the files (or folders, globs) to validate against it');
});
