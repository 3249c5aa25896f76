// The extension activates for cache configs, maps them to the right languages, and registers
// every command its manifest declares (read from the manifest, so the check grows with it).
import * as assert from 'assert';
import * as vscode from 'vscode';

const EXTENSION_ID = 'cache-warden.cache-warden';

function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the test workspace is not open');
  return folder.uri;
}

/** Writes a file into a fresh folder of the test workspace (the runner's copy, never the repo). */
async function writeWorkspaceFile(relativePath: string, text: string): Promise<vscode.Uri> {
  const uri = vscode.Uri.joinPath(workspaceRoot(), 'activation-probe', relativePath);
  await vscode.workspace.fs.writeFile(uri, Buffer.from(text, 'utf8'));
  return uri;
}

async function waitFor(condition: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) assert.fail(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

suite('Activation', () => {
  test('opening a *.cache.yaml activates the extension and it is YAML', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is not installed in the test instance`);

    const uri = await writeWorkspaceFile('orders.cache.yaml', 'name: orders\nttl: 5m\n');
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);

    assert.strictEqual(document.languageId, 'yaml');
    await waitFor(() => extension.isActive, `${EXTENSION_ID} to activate`);
  });

  test('a *.cache.json is JSON', async () => {
    const uri = await writeWorkspaceFile('orders.cache.json', '{ "name": "orders", "ttl": "5m" }\n');
    const document = await vscode.workspace.openTextDocument(uri);
    assert.strictEqual(document.languageId, 'json');
  });

  test('cache configs shipped in the workspace get the same languages', async () => {
    const found = await vscode.workspace.findFiles('**/*.cache.{yaml,yml,json}', '**/activation-probe/**', 50);
    for (const uri of found) {
      const document = await vscode.workspace.openTextDocument(uri);
      const expected = uri.path.endsWith('.json') ? 'json' : 'yaml';
      assert.strictEqual(document.languageId, expected, vscode.workspace.asRelativePath(uri));
    }
  });

  test('every command in contributes.commands is registered', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is not installed in the test instance`);
    await extension.activate();

    const declared: string[] = (extension.packageJSON.contributes?.commands ?? []).map((command: { command: string }) => command.command);
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = declared.filter((id) => !registered.has(id));
    assert.deepStrictEqual(missing, [], `declared in package.json but not registered: ${missing.join(', ')}`);
  });
});
