// The configs teams already run, as a user sees them in VS Code: a Spring application.yml and
// Bitnami Helm values (redis.conf lines in a block scalar) found by the server without any cache
// layer file; the outage's two halves reported at both ends; hovers on a Spring key and on a
// directive inside the block scalar; a quick fix that edits the block scalar clears both files.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { codeOf, openInEditor, waitFor } from './helpers';

const APP = 'fixtures/formats/fx-shop/src/main/resources/application.yml';
const VALUES = 'fixtures/formats/redis/values.yaml';

/** A file's findings as the Problems list shows them: `CW007 5:22 error`, sorted. */
function findings(uri: vscode.Uri): string[] {
  return vscode.languages.getDiagnostics(uri)
    .map((d) => `${codeOf(d)} ${d.range.start.line + 1}:${d.range.start.character + 1} ${vscode.DiagnosticSeverity[d.severity].toLowerCase()}`)
    .sort();
}

async function hoverText(uri: vscode.Uri, position: vscode.Position): Promise<string> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position);
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n---\n');
}

suite('Real config formats', () => {
  test('application.yml and Helm values: the no-TTL cache on a volatile-lru Redis is reported at both ends, with each other as related location', async () => {
    const app = (await openInEditor(APP)).document;
    const values = (await openInEditor(VALUES)).document;
    await waitFor(() => findings(app.uri).length === 2 && findings(values.uri).length === 1, () => `the findings of both files (have: ${findings(app.uri).join(', ')} | ${findings(values.uri).join(', ')})`);
    assert.deepStrictEqual(findings(app.uri), ['CW001 7:5 error', 'CW007 7:5 error']);
    assert.deepStrictEqual(findings(values.uri), ['CW007 5:22 error']);
    const cw007 = vscode.languages.getDiagnostics(values.uri)[0];
    assert.strictEqual(cw007.message, 'Backend `fx-cache-redis` evicts with volatile-lru, which only evicts keys that have a TTL, but `fx-items` writes keys without one (no ttl), declared in fixtures/formats/fx-shop/src/main/resources/application.yml: those keys pile up until writes fail like noeviction.');
    assert.deepStrictEqual(cw007.relatedInformation?.map((r) => [vscode.workspace.asRelativePath(r.location.uri), r.location.range.start.line, r.message]), [[APP, 6, 'cache `fx-items` (no ttl)']]);
    const appCw007 = vscode.languages.getDiagnostics(app.uri).find((d) => codeOf(d) === 'CW007')!;
    assert.ok(appCw007.message.startsWith('Cache `fx-items` has no `spring.cache.redis.time-to-live` but its backend `fx-cache-redis` (declared in fixtures/formats/redis/values.yaml) evicts with volatile-lru'), appCw007.message);
  });

  test('hovers explain a Spring key and a redis.conf directive inside the block scalar', async () => {
    const app = (await openInEditor(APP)).document;
    const keyPrefix = app.getText().indexOf('key-prefix');
    const springHover = await hoverText(app.uri, app.positionAt(keyPrefix + 3));
    assert.ok(springHover.startsWith('**spring.cache.redis.key-prefix** — A prefix written before every key'), springHover);
    assert.ok(springHover.includes('**Default:** unset: the cache name and `::`'), springHover);
    const values = (await openInEditor(VALUES)).document;
    const policy = values.getText().indexOf('maxmemory-policy');
    const redisHover = await hoverText(values.uri, values.positionAt(policy + 4));
    assert.ok(redisHover.startsWith('**maxmemory-policy** — what Redis does when `maxmemory` is reached.'), redisHover);
    assert.ok(redisHover.includes('Default: `noeviction`'), redisHover);
  });

  test('the quick fix changes the policy inside the block scalar; both files are clear of CW007, and undo brings it back', async () => {
    const app = (await openInEditor(APP)).document;
    const values = (await openInEditor(VALUES)).document;
    const original = values.getText();
    const diagnostic = await waitFor(() => vscode.languages.getDiagnostics(values.uri).find((d) => codeOf(d) === 'CW007'), 'CW007 in the values file');
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', values.uri, diagnostic.range);
    const fix = actions.find((a) => a.title === 'Set `maxmemory-policy allkeys-lru`');
    assert.ok(fix?.edit, `no policy fix among: ${actions.map((a) => a.title).join(', ')}`);
    assert.strictEqual(fix.isPreferred, true);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.strictEqual(values.getText(), original.replace('    maxmemory-policy volatile-lru\n', '    maxmemory-policy allkeys-lru\n'));
    await waitFor(() => findings(values.uri).length === 0 && !findings(app.uri).some((f) => f.startsWith('CW007')), () => `CW007 to clear in both files (have: ${findings(values.uri).join(', ')} | ${findings(app.uri).join(', ')})`);
    assert.deepStrictEqual(findings(app.uri), ['CW001 7:5 error']);
    await vscode.window.showTextDocument(values);
    await vscode.commands.executeCommand('undo');
    assert.strictEqual(values.getText(), original);
    await waitFor(() => findings(values.uri).length === 1 && findings(app.uri).length === 2, 'CW007 back at both ends after undo');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
