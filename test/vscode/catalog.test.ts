// The catalog as a user meets it in VS Code: Go to Definition from a cache config's fronts.name
// lands in the datastore's doc, refs are links, hovering a ref shows the entity, "Open
// Documentation…" opens a doc, and unresolved refs are in the Problems list where written.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { openInEditor as open, root, waitFor } from './helpers';

const CONFIG = 'fixtures/catalog/services/fx-billing.cache.yaml';
const DB_DOC = 'fixtures/catalog/docs/fx-billing-db.md';
const SERVICE_DOC = 'fixtures/catalog/docs/fx-billing-service.md';
const BROKEN_DOC = 'fixtures/catalog/docs/fx-broken.md';

function rel(uri: vscode.Uri): string {
  return vscode.workspace.asRelativePath(uri, false);
}

function hoverText(hovers: vscode.Hover[]): string {
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n---\n');
}

suite('Catalog', () => {
  test('Go to Definition on fronts.name opens the datastore doc at its heading', async () => {
    const editor = await open(CONFIG);
    const position = new vscode.Position(18, 18); // inside `fx-billing-db` of `name: fx-billing-db`
    const links = await waitFor(async () => {
      const found = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDefinitionProvider', editor.document.uri, position);
      return found?.length ? found : undefined;
    }, 'a definition for fronts.name');
    const link = links[0] as vscode.LocationLink;
    assert.strictEqual(rel(link.targetUri), DB_DOC);
    assert.strictEqual(link.targetRange.start.line, 8);
    assert.deepStrictEqual([link.originSelectionRange?.start.line, link.originSelectionRange?.start.character, link.originSelectionRange?.end.character], [18, 14, 27]);

    editor.selection = new vscode.Selection(position, position);
    await vscode.commands.executeCommand('editor.action.revealDefinition');
    const landed = await waitFor(() => {
      const active = vscode.window.activeTextEditor;
      return active && rel(active.document.uri) === DB_DOC ? active : undefined;
    }, 'the doc to open');
    assert.strictEqual(landed.selection.active.line, 8);
    assert.strictEqual(landed.document.lineAt(8).text, '# Billing DB');
  });

  test('refs in a cache config and in front matter are document links to the docs', async () => {
    const config = await open(CONFIG);
    const links = await vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', config.document.uri);
    const described = links
      .filter((l) => l.target && rel(l.target).startsWith('fixtures/catalog/docs/'))
      .map((l) => `${l.range.start.line}:${l.range.start.character}-${l.range.end.character} ${rel(l.target!)}#${l.target!.fragment}`)
      .sort();
    // The backend and the cache (and the cache's `backend:` ref) inherit `metadata.docs`, itself a link.
    assert.deepStrictEqual(described, [
      `13:12-25 ${SERVICE_DOC}#L10`,
      `14:15-31 ${SERVICE_DOC}#L10`,
      `18:14-27 ${DB_DOC}#L9`,
      `3:11-29 ${SERVICE_DOC}#L10`,
      `5:8-37 ${SERVICE_DOC}#L10`,
      `8:12-28 ${SERVICE_DOC}#L10`,
    ]);
    const broken = await open(BROKEN_DOC);
    const docLinks = await vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', broken.document.uri);
    assert.deepStrictEqual(
      docLinks.filter((l) => l.target?.scheme === 'file').map((l) => `${l.range.start.line}:${l.range.start.character} ${rel(l.target!)}`),
      [`5:4 ${DB_DOC}`],
    );
  });

  test('`docs:` and `runbook:` in catalog.cache.yaml are links to the files, the doc at its heading', async () => {
    const config = await open('services/catalog/catalog.cache.yaml');
    const links = await waitFor(async () => {
      const found = await vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', config.document.uri);
      return found?.some((l) => l.target && rel(l.target) === 'docs/runbooks/catalog-cache.md') ? found : undefined;
    }, 'a link to the runbook');
    const described = links
      .filter((l) => l.range.start.line === 11 || l.range.start.line === 12)
      .map((l) => `${l.range.start.line}:${l.range.start.character}-${l.range.end.character} ${rel(l.target!)}#${l.target!.fragment}`);
    assert.deepStrictEqual(described, [
      '11:8-40 docs/services/catalog-service.md#L19',
      '12:11-41 docs/runbooks/catalog-cache.md#L1',
    ]);
  });

  test('hovering a ref shows the entity: title, kind, owner, first paragraph, open and diagram links', async () => {
    const editor = await open(CONFIG);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, new vscode.Position(18, 20));
    const text = hoverText(hovers);
    assert.ok(text.includes('**Billing DB** `resource:fx-billing-db`'), text);
    assert.ok(text.includes('resource (database) · owner team\\-fx\\-billing · system fx\\-billing'), text);
    assert.ok(text.includes('PostgreSQL database holding invoices and payments\\.'), text);
    assert.ok(text.includes('[Open doc](command:cacheWarden.openEntityDocumentation?'), text);
    assert.ok(text.includes('[Show in diagram](command:cacheWarden.showDiagram?'), text);
  });

  test('"Open Documentation…" lists the entities and opens the chosen doc', async () => {
    await open(CONFIG);
    const running = vscode.commands.executeCommand('cacheWarden.openDocumentation', { query: 'Billing DB' });
    await new Promise((resolve) => setTimeout(resolve, 700));
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    await running;
    const landed = await waitFor(() => {
      const active = vscode.window.activeTextEditor;
      return active && rel(active.document.uri) === DB_DOC ? active : undefined;
    }, 'the chosen doc to open');
    assert.strictEqual(landed.selection.active.line, 8);
  });

  test('an unresolved ref is a problem at the ref, linking to the catalog docs', async () => {
    const uri = vscode.Uri.joinPath(root(), BROKEN_DOC);
    const problems = await waitFor(() => {
      const list = vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'cache-warden (catalog)');
      return list.length ? list : undefined;
    }, 'the catalog problem in fx-broken.md');
    assert.deepStrictEqual(problems.map((d) => [
      typeof d.code === 'object' ? d.code.value : d.code,
      d.severity,
      d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character,
      d.message,
    ]), [[
      'catalog-unresolved-ref', vscode.DiagnosticSeverity.Warning, 6, 4, 6, 26,
      "`resource:fx-missing-db` (dependsOn) matches no entity in the catalog. Declare `resource:fx-missing-db` in a doc's front matter or a catalog-info.yaml, or fix the name.",
    ]]);
    const code = problems[0].code as { target: vscode.Uri };
    assert.ok(code.target.path.endsWith('/docs/catalog.md'), code.target.toString());
    assert.strictEqual(code.target.fragment, 'unresolved-refs');
  });

  test('editing a doc updates the catalog without saving: the ref resolves once the entity exists', async () => {
    const editor = await open(BROKEN_DOC);
    const uri = editor.document.uri;
    const line = editor.document.lineAt(6);
    await editor.edit((e) => e.replace(line.range, '  - resource:fx-billing-db'));
    try {
      await waitFor(() => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'cache-warden (catalog)').length === 0, 'the problem to go away');
    } finally {
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
    await waitFor(() => vscode.languages.getDiagnostics(uri).some((d) => d.source === 'cache-warden (catalog)'), 'the problem to come back after revert');
  });

  test('front matter gets schema hovers in Markdown', async () => {
    const editor = await open(DB_DOC);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, new vscode.Position(2, 2));
    const text = hoverText(hovers);
    assert.ok(/Kind/.test(text) && text.includes('component'), text);
  });

  test('front matter is validated like a cache config: a wrong kind is a schema problem at the value', async () => {
    const uri = vscode.Uri.joinPath(root(), 'fixtures/catalog/docs/fx-bad-kind.md');
    const problems = await waitFor(() => {
      const list = vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'cache-warden (schema)');
      return list.length ? list : undefined;
    }, 'the front matter schema problem');
    assert.deepStrictEqual(problems.map((d) => [d.severity, d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character]), [
      [vscode.DiagnosticSeverity.Error, 2, 6, 2, 12],
    ]);
    assert.ok(/component/.test(problems[0].message), problems[0].message);
  });

  test('front matter completion offers the kinds after `kind: `', async () => {
    const editor = await open('fixtures/catalog/docs/fx-bad-kind.md');
    const items = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', editor.document.uri, new vscode.Position(2, 6));
    const labels = items.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    for (const kind of ['component', 'resource', 'api', 'system']) assert.ok(labels.includes(kind), labels.join(', '));
  });
});
