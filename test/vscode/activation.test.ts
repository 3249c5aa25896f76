// The extension activates for cache configs and its language server answers: the first problems
// of a new config come from the server process, every command the manifest declares is
// registered, and the commands only tests use are neither contributed nor shipped as such.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { codeOf, root, waitFor } from './helpers';

const EXTENSION_ID = 'cache-warden.cache-warden';

suite('Activation', () => {
  suiteTeardown(async () => {
    await vscode.workspace.fs.delete(vscode.Uri.joinPath(root(), 'activation-probe'), { recursive: true });
  });

  test('opening a *.cache.yaml activates the extension and the language server reports its problems', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is not installed in the test instance`);
    const uri = vscode.Uri.joinPath(root(), 'activation-probe', 'orders.cache.yaml');
    await vscode.workspace.fs.writeFile(uri, Buffer.from('name: orders\nttl: 5m\n', 'utf8'));
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    await waitFor(() => extension.isActive, `${EXTENSION_ID} to activate`);
    const shown = () => vscode.languages.getDiagnostics(uri).map((d) => `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${codeOf(d)} ${d.message}`).sort();
    const problems = await waitFor(() => (shown().length >= 2 ? shown() : undefined), () => `the server's problems for orders.cache.yaml (have ${JSON.stringify(shown())})`);
    assert.deepStrictEqual(problems.slice(0, 2), [
      '0:0-0:12 schema-required The document is missing the required properties `apiVersion`, `kind`, `metadata`, `spec`.',
      '0:0-0:4 schema-additional-property `name` is not allowed at the top level. Allowed: $schema, apiVersion, kind, metadata, spec.',
    ]);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  test('every command in contributes.commands is registered; the test-only commands are not contributed', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is not installed in the test instance`);
    await extension.activate();
    const declared: string[] = (extension.packageJSON.contributes?.commands ?? []).map((command: { command: string }) => command.command);
    assert.deepStrictEqual(declared, ['cacheWarden.showDiagram', 'cacheWarden.openDocumentation', 'cacheWarden.whatReaches']);
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = declared.filter((id) => !registered.has(id));
    assert.deepStrictEqual(missing, [], `declared in package.json but not registered: ${missing.join(', ')}`);
    // Registered here because this is ExtensionMode.Test; a user's VS Code never has them.
    assert.ok(registered.has('cacheWarden.test.diagram.lastRender'), 'the test-only commands exist in test mode');
    assert.ok(![...registered].some((id) => /^cacheWarden\.diagram\./.test(id)), 'no diagram test hook under a product name');
  });
});
