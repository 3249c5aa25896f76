// Semantic rules as a user sees them in VS Code: rule diagnostics on the misconfigured example,
// a quick fix applied from the light bulb (and undone), and a severity changed in .cachewarden.yaml
// that updates the Problems list without a reload.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { codeOf, openInEditor, root, waitFor } from './helpers';

async function open(relativePath: string): Promise<vscode.TextDocument> {
  return (await openInEditor(relativePath)).document;
}

/** Rule findings of a file as "CW004@78 warning" (1-based line), sorted. */
function ruleFindings(uri: vscode.Uri): string[] {
  return vscode.languages
    .getDiagnostics(uri)
    .filter((d) => /^CW\d{3}$/.test(codeOf(d)))
    .map((d) => `${codeOf(d)}@${d.range.start.line + 1} ${vscode.DiagnosticSeverity[d.severity].toLowerCase()}`)
    .sort();
}

const CATALOG = 'services/catalog/catalog.cache.yaml';
const CATALOG_FINDINGS = [
  'CW001@44 error',
  'CW003@27 warning',
  'CW004@78 warning',
  'CW005@34 error',
  'CW006@122 error',
  'CW006@27 error',
  'CW007@23 error',
  'CW007@44 error',
  'CW012@30 warning',
];

suite('Rules', () => {
  test('the misconfigured catalog example shows its rule diagnostics; the orders example has none', async () => {
    const orders = await open('services/orders/orders.cache.yaml');
    const catalog = await open(CATALOG);
    await waitFor(() => ruleFindings(catalog.uri).length === CATALOG_FINDINGS.length, `${CATALOG_FINDINGS.length} rule diagnostics in ${CATALOG} (have: ${ruleFindings(catalog.uri).join(', ')})`);
    assert.deepStrictEqual(ruleFindings(catalog.uri), CATALOG_FINDINGS);
    const cw007 = vscode.languages.getDiagnostics(catalog.uri).find((d) => codeOf(d) === 'CW007' && d.range.start.line === 22);
    assert.ok(cw007?.message.startsWith('Backend `catalog-redis` evicts with volatile-lru'), cw007?.message);
    assert.deepStrictEqual(ruleFindings(orders.uri), []);
  });

  test('a quick fix from the light bulb adds `ttl.jitter: 10%`, clears CW004, and can be undone', async () => {
    const document = await open('fixtures/rules/quickfix.cache.yaml');
    const original = document.getText();
    const diagnostic = await waitFor(
      () => vscode.languages.getDiagnostics(document.uri).find((d) => codeOf(d) === 'CW004'),
      'the CW004 diagnostic on the fixture',
    );
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, diagnostic.range);
    const fix = actions.find((a) => a.title === 'Add `ttl.jitter: 10%`');
    assert.ok(fix?.edit, `no jitter fix among: ${actions.map((a) => a.title).join(', ')}`);
    assert.strictEqual(fix.kind?.value, vscode.CodeActionKind.QuickFix.value);
    assert.strictEqual(fix.isPreferred, true);
    assert.ok(actions.some((a) => a.title === 'Suppress CW004 for this line'));

    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.strictEqual(document.getText(), original.replace('        value: 10m   # ten minutes\n', '        value: 10m   # ten minutes\n        jitter: 10%\n'));
    await waitFor(() => !vscode.languages.getDiagnostics(document.uri).some((d) => codeOf(d) === 'CW004'), 'CW004 to clear after the fix');
    assert.deepStrictEqual(vscode.languages.getDiagnostics(document.uri).map((d) => `${codeOf(d)} ${d.message}`), []);

    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('undo');
    assert.strictEqual(document.getText(), original);
    await waitFor(() => vscode.languages.getDiagnostics(document.uri).some((d) => codeOf(d) === 'CW004'), 'CW004 to come back after undo');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  test('changing a severity in .cachewarden.yaml changes the Problems list without a reload', async () => {
    const catalog = await open(CATALOG);
    await waitFor(() => ruleFindings(catalog.uri).includes('CW012@30 warning'), 'CW012 on the catalog example');
    const projectFile = vscode.Uri.joinPath(root(), '.cachewarden.yaml');
    const original = Buffer.from(await vscode.workspace.fs.readFile(projectFile)).toString('utf8');
    const changed = original.replace(/^rules:\n/m, 'rules:\n  CW012: off\n  CW004: error\n');
    assert.notStrictEqual(changed, original, 'the example project file has a `rules:` section');
    try {
      await vscode.workspace.fs.writeFile(projectFile, Buffer.from(changed, 'utf8'));
      await waitFor(
        () => !ruleFindings(catalog.uri).some((f) => f.startsWith('CW012')) && ruleFindings(catalog.uri).includes('CW004@78 error'),
        `CW012 off and CW004 an error (have: ${ruleFindings(catalog.uri).join(', ')})`,
      );
    } finally {
      await vscode.workspace.fs.writeFile(projectFile, Buffer.from(original, 'utf8'));
    }
    await waitFor(() => ruleFindings(catalog.uri).includes('CW012@30 warning') && ruleFindings(catalog.uri).includes('CW004@78 warning'), 'the original severities to return');
  });
});
