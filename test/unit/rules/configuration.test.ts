import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadProjectConfig } from '../../../src/core/project/projectConfig';
import { matchesGlobs, resolveSeverity } from '../../../src/core/project/severity';
import { analyzeFile } from '../../../src/core/analyze';
import { SchemaRegistry } from '../../../src/core/schema/schemaRegistry';
import { applyEdits, CLEAN, change, fixTitled, lint, only, shown } from './helpers';

const NO_JITTER = change(CLEAN, '        jitter: 10%\n', '');

test('loadProjectConfig reads rules and overrides; unknown ids and bad severities are reported and ignored', () => {
  const { config, diagnostics } = loadProjectConfig(
    'rules:\n  CW004: off\n  CW099: error\n  CW013: loud\noverrides:\n  - files: ["legacy/**"]\n    rules: { CW001: warning }\ninclude: ["services/**/*.cache.yaml"]\n',
    '/ws/.cachewarden.yaml',
  );
  assert.deepEqual(config.rules, { CW004: 'off' });
  assert.deepEqual(config.overrides, [{ files: ['legacy/**'], rules: { CW001: 'warning' } }]);
  assert.deepEqual(config.include, ['services/**/*.cache.yaml']);
  assert.deepEqual(diagnostics.map((d) => `${d.code} ${d.range.start.line + 1}:${d.range.start.character + 1} ${d.message}`), [
    'unknown-rule-id 3:3 `CW099` is not a Cache Warden rule (CW001–CW014); this entry changes nothing.',
    'invalid-rule-severity 4:10 `CW013: loud` is not a severity; use one of off, error, warning, information, hint. The rule keeps its default.',
  ]);
});

test('loadProjectConfig reports syntax errors and returns an empty config', () => {
  const { config, diagnostics } = loadProjectConfig('rules: [\n', '/ws/.cachewarden.yaml');
  assert.deepEqual(config, { rules: {}, overrides: [] });
  assert.equal(diagnostics.length > 0 && diagnostics.every((d) => d.source === 'cache-warden (yaml)'), true);
});

test('resolveSeverity: default → settings → settings overrides → project rules → project overrides', () => {
  const project = loadProjectConfig('rules:\n  CW004: information\noverrides:\n  - files: ["legacy/**"]\n    rules: { CW004: off }\n', '.cachewarden.yaml').config;
  const settings = { rules: { CW004: 'error', CW003: 'hint' }, ruleOverrides: [{ files: ['*.cache.json'], rules: { CW003: 'off' } }] };
  assert.equal(resolveSeverity('CW004', 'services/a.cache.yaml'), 'warning');
  assert.equal(resolveSeverity('CW004', 'services/a.cache.yaml', undefined, settings), 'error');
  assert.equal(resolveSeverity('CW004', 'services/a.cache.yaml', project, settings), 'information', 'the project file wins over settings');
  assert.equal(resolveSeverity('CW004', 'legacy/old/a.cache.yaml', project, settings), 'off');
  assert.equal(resolveSeverity('CW003', 'services/a.cache.yaml', project, settings), 'hint', 'settings apply where the project file is silent');
  assert.equal(resolveSeverity('CW003', 'deep/dir/b.cache.json', project, settings), 'off', 'a glob without / matches the file name');
  assert.equal(matchesGlobs('services/a.cache.yaml', ['services/*.cache.yaml']), true);
  assert.equal(matchesGlobs('other/services/a.cache.yaml', ['services/*.cache.yaml']), false);
});

test('severity overrides change what rules report, scoped by glob relative to the workspace root', () => {
  const project = loadProjectConfig('rules:\n  CW004: error\noverrides:\n  - files: ["sandbox/**"]\n    rules: { CW004: off }\n', '/ws/.cachewarden.yaml').config;
  assert.equal(only(lint(NO_JITTER, { filePath: '/ws/services/shop.cache.yaml', workspaceRoot: '/ws', projectConfig: project }), 'CW004').severity, 'error');
  assert.deepEqual(shown(lint(NO_JITTER, { filePath: '/ws/sandbox/shop.cache.yaml', workspaceRoot: '/ws', projectConfig: project })), []);
  assert.equal(only(lint(NO_JITTER, { editorSettings: { rules: { CW004: 'hint' } } }), 'CW004').severity, 'hint');
});

test('advisory findings are one step softer than the configured severity', () => {
  const text = change(CLEAN, '        workingSet:\n          estimatedKeys: 100000\n          avgValueBytes: 1000\n', '');
  assert.equal(only(lint(text, { editorSettings: { rules: { CW009: 'error' } } }), 'CW009').severity, 'information');
  assert.equal(only(lint(text, { editorSettings: { rules: { CW009: 'hint' } } }), 'CW009').severity, 'hint');
});

test('a suppression comment silences that rule on the next line', () => {
  const text = change(NO_JITTER, '        value: 10m\n', '        # cache-warden-disable-next-line CW004 -- expiry is spread by the warm-up job itself\n        value: 10m\n');
  assert.deepEqual(shown(lint(text)), []);
});

test('several ids, stacked comments and blank lines between the comment and its line', () => {
  const text = change(change(NO_JITTER, 'value: 10m', 'value: 0s'), '        value: 0s\n',
    '        # cache-warden-disable-next-line CW001, CW002 -- shop-db is being migrated this week\n        # cache-warden-disable-next-line CW004 -- no jitter needed at 0s\n\n        value: 0s\n');
  assert.deepEqual(shown(lint(text)), [
    'unused-suppression 33:42-33:47 Unused suppression: line 35 has no CW004 finding. Remove `CW004` from this comment.',
  ]);
});

test('unused, unknown and reasonless suppressions are reported at the comment', () => {
  const text = change(CLEAN, '        value: 10m\n', '        # cache-warden-disable-next-line CW004, CW042\n        value: 10m\n');
  assert.deepEqual(shown(lint(text)), [
    'unused-suppression 32:42-32:47 Unused suppression: line 33 has no CW004 finding. Remove `CW004` from this comment.',
    'unused-suppression 32:49-32:54 `CW042` is not a Cache Warden rule id (CW001–CW014), so this suppression matches nothing.',
    'suppression-missing-reason 32:9-32:54 Suppression without a reason: add `-- <why this is safe>` so reviewers know why CW004, CW042 does not apply here.',
  ]);
});

test('a suppression of a rule that is off for the file is not reported as unused', () => {
  const text = change(CLEAN, '        value: 10m\n', '        # cache-warden-disable-next-line CW004 -- reviewed\n        value: 10m\n');
  assert.deepEqual(shown(lint(text, { editorSettings: { rules: { CW004: 'off' } } })), []);
});

test('the "Suppress for this line" fix inserts a comment at the line\'s indentation that silences the finding', () => {
  const diagnostic = only(lint(NO_JITTER), 'CW004');
  const fixed = applyEdits(NO_JITTER, fixTitled(diagnostic, 'Suppress CW004 for this line').edits);
  assert.equal(fixed, change(NO_JITTER, '        value: 10m\n', '        # cache-warden-disable-next-line CW004 -- <reason>\n        value: 10m\n'));
  assert.deepEqual(shown(lint(fixed)), []);
});

test('a suppression fix on a list item goes above the `- name:` line', () => {
  const text = change(CLEAN, '      stampede:\n        mode: coalesce\n        lockTimeout: 1s\n', '');
  const fixed = applyEdits(text, fixTitled(only(lint(text), 'CW003'), 'Suppress CW003 for this line').edits);
  assert.equal(fixed, change(text, '    - name: product\n', '    # cache-warden-disable-next-line CW003 -- <reason>\n    - name: product\n'));
  assert.deepEqual(shown(lint(fixed)), []);
});

test('`# cache-warden: $schema=none` switches the rules off too; without it the same text has findings', () => {
  const registry = new SchemaRegistry();
  const broken = change(CLEAN, '        jitter: 10%\n', '');
  const analyze = (text: string) => analyzeFile(text, { filePath: '/ws/a.cache.yaml', registry }).diagnostics.map((d) => d.code);
  assert.deepEqual(analyze(broken), ['CW004']);
  assert.deepEqual(analyze(`# cache-warden: $schema=none\n${broken}`), []);
});
