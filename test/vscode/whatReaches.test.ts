// "Cache Warden: What Reaches…" in a real VS Code: the quick pick lists the datastores worst first
// (each saying how many caches front it and how many have problems), choosing one opens the
// diagram's "what reaches" view with the caches in front listed beside it, a click on an entry
// (a DOM click in the webview) opens the cache's config at the finding, and the command is one
// click away from a datastore's hover and its doc's CodeLens.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { codeOf, root, waitFor } from './helpers';

interface SideList {
  targetRef: string;
  targetLabel: string;
  entries: Array<{ ref: string; label: string; errors: number; warnings: number; findings: Array<{ code: string; severity: string; message: string; path: string; line: number }>; doc?: string; runbook?: string; config?: string }>;
}

interface RenderRecord {
  count: number;
  nodes: number;
  error?: string;
  view: { title: string; nodes: Array<{ id: string; ref: string; label: string; status?: { errors: number; warnings: number; rules: string[] } }> };
  sideList?: SideList;
}

interface Picks {
  items: Array<{ label: string; description?: string; detail?: string }>;
  active?: string;
}

const CATALOG_CONFIG = 'services/catalog/catalog.cache.yaml';

function lastRender(): Thenable<RenderRecord | undefined> {
  return vscode.commands.executeCommand<RenderRecord | undefined>('cacheWarden.test.diagram.lastRender');
}

function rel(uri: vscode.Uri): string {
  return uri.path.slice(root().path.length + 1);
}

/** Runs a step, naming it in the error if it throws (the workbench's errors do not say which call). */
async function step<T>(what: string, run: () => Thenable<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw new Error(`${what}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function hoverText(hovers: vscode.Hover[]): string {
  return hovers.flatMap((hover) => hover.contents.map((content) => (typeof content === 'string' ? content : content.value))).join('\n');
}

suite('What Reaches…', () => {
  suiteSetup(async () => {
    await vscode.extensions.getExtension('cache-warden.cache-warden')?.activate();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('the quick pick lists the datastores worst first; choosing Catalog DB opens what reaches it with the caches in front listed beside it', async () => {
    const before = (await lastRender())?.count ?? 0;
    const running = vscode.commands.executeCommand('cacheWarden.whatReaches');
    const picks = await waitFor(async () => vscode.commands.executeCommand<Picks | undefined>('cacheWarden.test.whatReaches.picks'), 'the quick pick to list the datastores');
    const labels = picks.items.map((item) => item.label);
    assert.strictEqual(labels[0], 'Catalog DB', labels.join(', '));
    assert.strictEqual(picks.active, 'Catalog DB', 'the worst is the active item');
    const examples = labels.filter((label) => ['Catalog DB', 'Inventory DB', 'Orders DB'].includes(label));
    assert.deepStrictEqual(examples, ['Catalog DB', 'Inventory DB', 'Orders DB']);
    const item = (label: string) => picks.items.find((candidate) => candidate.label === label)!;
    assert.strictEqual(item('Catalog DB').description, 'catalog-db · database');
    assert.strictEqual(item('Catalog DB').detail, '11 caches in front, 8 with problems (14 errors, 4 warnings)');
    assert.strictEqual(item('Inventory DB').detail, '2 caches in front, 2 with problems (3 errors)');
    assert.strictEqual(item('Orders DB').detail, '2 caches in front, none with problems');
    // Every item says how many caches front it and how many have problems, in ranked order.
    const counts = picks.items.map((candidate) => /\((\d+) errors?(?:, (\d+) warnings?)?\)|\((\d+) warnings?\)/.exec(candidate.detail ?? ''));
    const key = (match: RegExpExecArray | null) => (match ? [Number(match[1] ?? 0), Number(match[2] ?? match[3] ?? 0)] : [0, 0]);
    for (let i = 1; i < counts.length; i++) {
      const [e0, w0] = key(counts[i - 1]);
      const [e1, w1] = key(counts[i]);
      assert.ok(e0 > e1 || (e0 === e1 && w0 >= w1), `${labels[i - 1]} is ranked before ${labels[i]}`);
    }

    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    await running;
    const record = await waitFor(async () => {
      const latest = await lastRender();
      return latest && latest.count > before && latest.view.title === 'What reaches Catalog DB' && latest.sideList ? latest : undefined;
    }, 'the "what reaches" view of catalog-db with its side list');
    assert.strictEqual(record.error, undefined);
    assert.strictEqual(record.nodes, record.view.nodes.length, 'every node is drawn');
    const list = record.sideList!;
    assert.strictEqual(list.targetRef, 'resource:catalog-db');
    assert.deepStrictEqual(list.entries.map((entry) => `${entry.label} ${entry.errors}/${entry.warnings}`), [
      'product-by-id 4/2', 'categories 3/0', 'products 3/0', 'Catalog Redis 2/0', 'price-by-sku 1/0', 'redis 1/0', 'category-listing 0/1',
      'storefront_pages (location /products/) 0/1', 'catalog-search-local 0/0', 'search-results 0/0', 'storefront_pages 0/0',
    ]);
    const top = list.entries[0];
    assert.deepStrictEqual(top.findings.map((finding) => `${finding.code} ${finding.path}:${finding.line}`), [
      'CW006 services/catalog/catalog.cache.yaml:27',
      'CW005 services/catalog/catalog.cache.yaml:34',
      'CW001 services/catalog/catalog.cache.yaml:44',
      'CW007 services/catalog/catalog.cache.yaml:44',
      'CW003 services/catalog/catalog.cache.yaml:27',
      'CW012 services/catalog/catalog.cache.yaml:30',
    ]);
    assert.match(top.findings[0].message, /^Cache `product-by-id` looks up externally supplied ids without a `negative` block/);
    assert.strictEqual(top.doc, 'docs/services/catalog-service.md');
    assert.strictEqual(top.runbook, 'docs/runbooks/catalog-cache.md');
    // Every cache listed is drawn, with the same counts as its badge.
    for (const entry of list.entries) {
      const node = record.view.nodes.find((candidate) => candidate.ref === entry.ref);
      assert.ok(node, `${entry.ref} is drawn`);
      assert.deepStrictEqual([node.status?.errors ?? 0, node.status?.warnings ?? 0], [entry.errors, entry.warnings], `${entry.ref}'s badge agrees with the list`);
    }
    const tab = vscode.window.tabGroups.all.flatMap((group) => group.tabs).find((t) => t.input instanceof vscode.TabInputWebview);
    assert.strictEqual(tab?.label, 'Diagram: What reaches Catalog DB');
    // The worst cache's config (the top entry's) opens beside the diagram at its first finding.
    const editor = await waitFor(() => {
      const active = vscode.window.activeTextEditor;
      return active && rel(active.document.uri) === CATALOG_CONFIG ? active : undefined;
    }, `${CATALOG_CONFIG} to open at the top entry's first finding`);
    const problem = vscode.languages.getDiagnostics(editor.document.uri).find((d) => codeOf(d) === 'CW006' && d.range.isEqual(editor.selection));
    assert.ok(problem, `the CW006 diagnostic is selected (${JSON.stringify(editor.selection)})`);
    assert.deepStrictEqual([editor.selection.start.line, editor.selection.start.character, editor.selection.end.line, editor.selection.end.character], [26, 6, 26, 25]);
    assert.notStrictEqual(editor.viewColumn, vscode.window.tabGroups.all.find((group) => group.tabs.some((t) => t.input instanceof vscode.TabInputWebview))?.viewColumn, 'in another column than the diagram');
  });

  test('a click on the top entry opens the cache\'s config with the finding\'s range selected', async () => {
    const record = await lastRender();
    const top = record?.sideList?.entries[0];
    assert.ok(top, 'the side list is shown');
    // What Reaches… opened it already: close it, so the click has to open it again.
    const opened = vscode.window.tabGroups.all.flatMap((group) => group.tabs).filter((t) => t.input instanceof vscode.TabInputText && rel(t.input.uri) === CATALOG_CONFIG);
    await vscode.window.tabGroups.close(opened);
    assert.notStrictEqual(vscode.window.activeTextEditor && rel(vscode.window.activeTextEditor.document.uri), CATALOG_CONFIG);
    const clicked = await vscode.commands.executeCommand<boolean>('cacheWarden.test.diagram.clickSideListEntry', top.ref);
    assert.strictEqual(clicked, true);
    const editor = await waitFor(() => {
      const active = vscode.window.activeTextEditor;
      return active && rel(active.document.uri) === CATALOG_CONFIG ? active : undefined;
    }, `${CATALOG_CONFIG} to open`);
    assert.strictEqual(editor.selection.start.line + 1, top.findings[0].line);
    // The selection is the diagnostic the Problems panel shows for it.
    const problem = vscode.languages.getDiagnostics(editor.document.uri).find((d) => codeOf(d) === top.findings[0].code && d.range.isEqual(editor.selection));
    assert.ok(problem, `a ${top.findings[0].code} diagnostic at the selection (${JSON.stringify(editor.selection)})`);
    assert.strictEqual(problem.message, top.findings[0].message);
    // The diagram stays open beside the config.
    assert.ok(vscode.window.tabGroups.all.some((group) => group.tabs.some((t) => t.input instanceof vscode.TabInputWebview)));
  });

  test('run with a ref it skips the pick: what reaches inventory-db, listed worst first', async () => {
    const before = (await lastRender())?.count ?? 0;
    await vscode.commands.executeCommand('cacheWarden.whatReaches', 'resource:inventory-db');
    const record = await waitFor(async () => {
      const latest = await lastRender();
      return latest && latest.count > before && latest.view.title === 'What reaches Inventory DB' ? latest : undefined;
    }, 'the "what reaches" view of inventory-db');
    assert.deepStrictEqual(record.sideList?.entries.map((entry) => `${entry.ref} ${entry.findings.map((f) => f.code).join(' ')}`), [
      'cache:inventory-service.stock-level schema-type schema-additional-property',
      'resource:inventory-memcached schema-enum',
    ]);
    // And the worst cache's config opens at its first finding.
    const editor = await waitFor(() => {
      const active = vscode.window.activeTextEditor;
      return active && rel(active.document.uri) === 'services/inventory/inventory.cache.yaml' ? active : undefined;
    }, 'inventory.cache.yaml to open at its first finding');
    const first = record.sideList!.entries[0].findings[0];
    assert.strictEqual(editor.selection.start.line + 1, first.line);
    assert.ok(vscode.languages.getDiagnostics(editor.document.uri).some((d) => codeOf(d) === first.code && d.range.isEqual(editor.selection)), `the ${first.code} diagnostic is selected`);
  });

  test('with cacheWarden.whatReaches.openWorstFinding off, it opens the view and no file', async () => {
    const settings = vscode.workspace.getConfiguration('cacheWarden.whatReaches');
    await settings.update('openWorstFinding', false, vscode.ConfigurationTarget.Workspace);
    try {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      const before = (await lastRender())?.count ?? 0;
      await vscode.commands.executeCommand('cacheWarden.whatReaches', 'resource:catalog-db');
      await waitFor(async () => {
        const latest = await lastRender();
        return latest && latest.count > before && latest.view.title === 'What reaches Catalog DB' ? latest : undefined;
      }, 'the "what reaches" view of catalog-db');
      const texts = vscode.window.tabGroups.all.flatMap((group) => group.tabs).filter((t) => t.input instanceof vscode.TabInputText);
      assert.deepStrictEqual(texts.map((t) => t.label), []);
    } finally {
      await settings.update('openWorstFinding', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  test('a datastore\'s hover links to "What reaches this"; its doc has a CodeLens that runs it', async () => {
    const config = await vscode.window.showTextDocument(vscode.Uri.joinPath(root(), CATALOG_CONFIG), { viewColumn: vscode.ViewColumn.One });
    const line = config.document.getText().split('\n').findIndex((text) => text.trim() === 'name: catalog-db');
    assert.ok(line > 0, 'the config names catalog-db in fronts.name');
    const at = new vscode.Position(line, config.document.lineAt(line).text.indexOf('catalog-db') + 2);
    const hover = hoverText(await step('hover on fronts.name', () => vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', config.document.uri, at)));
    assert.ok(hover.includes(`[What reaches this](command:cacheWarden.whatReaches?${encodeURIComponent(JSON.stringify(['resource:catalog-db']))}`), hover);
    // A cache is no datastore: its hover has no such link.
    const backendLine = config.document.getText().split('\n').findIndex((text) => text.trim() === 'backend: catalog-redis');
    assert.ok(backendLine > 0, 'the config names catalog-redis as a backend');
    const backendHover = hoverText(await step('hover on backend', () => vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', config.document.uri, new vscode.Position(backendLine, config.document.lineAt(backendLine).text.indexOf('catalog-redis') + 2))));
    assert.ok(backendHover.includes('[Show in diagram]') && !backendHover.includes('What reaches this'), backendHover);

    const doc = vscode.Uri.joinPath(root(), 'docs', 'resources', 'catalog-db.md');
    // CodeLenses are asked of open documents (as the editor does).
    await vscode.workspace.openTextDocument(doc);
    await vscode.workspace.openTextDocument(vscode.Uri.joinPath(root(), 'docs', 'services', 'catalog-service.md'));
    const lenses = await waitFor(async () => {
      const found = await step('code lenses of catalog-db.md', () => vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc));
      return found?.some((lens) => lens.command?.command === 'cacheWarden.whatReaches') ? found : undefined;
    }, 'the What Reaches CodeLens on catalog-db.md');
    const lens = lenses.find((candidate) => candidate.command?.command === 'cacheWarden.whatReaches')!;
    assert.strictEqual(lens.command!.title, '$(database) What reaches Catalog DB: 11 caches in front, 8 with problems (14 errors, 4 warnings)');
    assert.deepStrictEqual(lens.command!.arguments, ['resource:catalog-db']);
    const heading = (await vscode.workspace.openTextDocument(doc)).getText().split('\n').indexOf('# Catalog DB');
    assert.strictEqual(lens.range.start.line, heading, 'above the doc\'s heading');
    const serviceLenses = await step('code lenses of catalog-service.md', () => vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', vscode.Uri.joinPath(root(), 'docs', 'services', 'catalog-service.md')));
    assert.ok(!serviceLenses.some((candidate) => candidate.command?.command === 'cacheWarden.whatReaches'), 'a service doc has none');

    const before = (await lastRender())?.count ?? 0;
    await vscode.commands.executeCommand(lens.command!.command, ...lens.command!.arguments!);
    await waitFor(async () => {
      const latest = await lastRender();
      return latest && latest.count > before && latest.view.title === 'What reaches Catalog DB' && latest.sideList?.entries.length ? latest : undefined;
    }, 'the CodeLens to open what reaches catalog-db');
  });
});
