// The dependency diagram in a real VS Code: the command opens the panel and the webview draws
// (it reports node and edge counts, or mermaid's error); a click on a node — dispatched as a DOM
// click on mermaid's node element inside the webview — opens that entity's doc at its heading;
// editing a doc's dependsOn and saving redraws the diagram with the new edge.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { root as workspaceRoot, waitFor } from './helpers';

interface RenderRecord {
  nodes: number;
  edges: number;
  ms: number;
  error?: string;
  count: number;
  view: {
    title: string;
    notice?: string;
    nodes: Array<{ id: string; ref: string; label: string; status?: { errors: number; warnings: number; rules: string[] } }>;
    clusters?: Array<{ id: string; ref?: string; label: string; nodeIds: string[] }>;
  };
}

/**
 * The examples' entities the diagram marks once their cache configs are analyzed: the same list
 * the browser-level test gets from the CLI's check pipeline (test/e2e/diagram.e2e.test.ts).
 */
const MARKED_IN_DEMO = [
  // examples/deployed: the Spring caches without time-to-live on volatile-lru Redis (compose and Helm).
  'cache:catalog-service.categories errors 3 (CW001 CW007)',
  'cache:catalog-service.category-listing warnings 1 (CW004)',
  'cache:catalog-service.price-by-sku errors 1 (CW006)',
  'cache:catalog-service.product-by-id errors 4 warnings 2 (CW001 CW003 CW005 CW006 CW007 CW012)',
  'cache:catalog-service.products errors 3 (CW001 CW007)',
  'cache:gateway.storefront_pages (location /products/) warnings 1 (CW003)',
  'cache:inventory-service.stock-level errors 2 (schema-additional-property schema-type)',
  'resource:catalog-redis errors 2 (CW007)',
  'resource:inventory-memcached errors 1 (schema-enum)',
  'resource:redis errors 1 (CW007)',
];

/** Marked nodes as the browser-level test lists them; the test fixtures' entities (all named fx-…) left out. */
function markedExampleNodes(record: RenderRecord): string[] {
  return record.view.nodes
    .filter((node) => node.status && !node.ref.slice(node.ref.indexOf(':') + 1).startsWith('fx-'))
    .map((node) => `${node.ref}${node.status!.errors ? ` errors ${node.status!.errors}` : ''}${node.status!.warnings ? ` warnings ${node.status!.warnings}` : ''} (${node.status!.rules.join(' ')})`)
    .sort();
}

function lastRender(): Thenable<RenderRecord | undefined> {
  return vscode.commands.executeCommand<RenderRecord | undefined>('cacheWarden.test.diagram.lastRender');
}

/** Waits for a render report newer than `after` (the webview reports every draw). */
function renderAfter(after: number, what: string, timeoutMs = 30_000): Promise<RenderRecord> {
  return waitFor(async () => {
    const record = await lastRender();
    return record && record.count > after ? record : undefined;
  }, what, timeoutMs);
}

/** 0-based line of the first Markdown heading after the front matter: where a doc opens. */
function headingLine(text: string): number {
  const lines = text.split(/\r?\n/);
  let start = 0;
  if (lines[0] === '---') start = lines.indexOf('---', 1) + 1;
  const found = lines.findIndex((line, index) => index >= start && /^#{1,6} /.test(line));
  assert.ok(found >= 0, 'the doc has a heading');
  return found;
}

suite('Dependency diagram', () => {
  const ordersDoc = () => vscode.Uri.joinPath(workspaceRoot(), 'docs', 'services', 'orders-service.md');
  const paymentsDoc = () => vscode.Uri.joinPath(workspaceRoot(), 'docs', 'services', 'payments-service.md');

  suiteSetup(async () => {
    await vscode.extensions.getExtension('cache-warden.cache-warden')?.activate();
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('the command opens the panel on the active doc\'s neighbourhood and the webview draws it', async () => {
    await vscode.window.showTextDocument(ordersDoc());
    const before = (await lastRender())?.count ?? 0;
    await vscode.commands.executeCommand('cacheWarden.showDiagram');
    const record = await renderAfter(before, 'the diagram to render');
    assert.strictEqual(record.error, undefined, `mermaid failed: ${record.error}`);
    const refs = record.view.nodes.map((node) => node.ref);
    assert.ok(refs.includes('component:orders-service'), `the focus is drawn (${refs.join(', ')})`);
    assert.ok(refs.includes('component:payments-service'), 'a dependency of the focus is drawn');
    assert.strictEqual(record.nodes, record.view.nodes.length, 'every node of the view is drawn');
    assert.ok(record.edges > 0, 'edges are drawn');
    assert.match(record.view.title, /^Orders Service: up- and downstream, depth 2$/);
    const tab = vscode.window.tabGroups.all.flatMap((group) => group.tabs).find((t) => t.input instanceof vscode.TabInputWebview);
    assert.ok(tab, 'a webview tab is open');
    assert.match(tab.label, /^Diagram: Orders Service/);
  });

  test('a click on a node opens that entity\'s doc at its heading', async () => {
    const record = await lastRender();
    assert.ok(record, 'the diagram is open');
    const clicked = await vscode.commands.executeCommand<boolean>('cacheWarden.test.diagram.simulateClick', 'component:payments-service');
    assert.strictEqual(clicked, true, 'payments-service is a node of the view');
    const editor = await waitFor(
      () => (vscode.window.activeTextEditor?.document.uri.toString() === paymentsDoc().toString() ? vscode.window.activeTextEditor : undefined),
      'payments-service.md to open',
    );
    const expected = headingLine(editor.document.getText());
    assert.strictEqual(editor.selection.active.line, expected);
    assert.strictEqual(editor.document.lineAt(expected).text, '# Payments Service');
  });

  test('saving a doc with a new dependsOn entry redraws the diagram with the new dependency', async () => {
    await vscode.commands.executeCommand('cacheWarden.showDiagram', paymentsDoc());
    const baseline = await waitFor(async () => {
      const record = await lastRender();
      return record?.view.title.startsWith('Payments Service:') ? record : undefined;
    }, 'the payments-service view');
    assert.ok(!baseline.view.nodes.some((node) => node.ref === 'resource:inventory-memcached'), 'inventory-memcached is not yet in the view');

    const document = await vscode.workspace.openTextDocument(paymentsDoc());
    const editor = await vscode.window.showTextDocument(document, vscode.ViewColumn.One);
    const line = document.getText().split(/\r?\n/).findIndex((l) => l.startsWith('providesApis:'));
    assert.ok(line >= 0, 'payments-service.md has a providesApis line to add dependsOn after');
    await editor.edit((edit) => edit.insert(new vscode.Position(line + 1, 0), 'dependsOn:\n  - resource:inventory-memcached\n'));
    const saved = Date.now();
    await document.save();
    // Renders triggered by opening the doc may still arrive: wait for the one with the new edge.
    const updated = await waitFor(async () => {
      const record = await lastRender();
      return record && record.count > baseline.count && record.view.nodes.some((node) => node.ref === 'resource:inventory-memcached') ? record : undefined;
    }, 'the diagram to draw the new dependency after the save', 20_000);
    const elapsed = Date.now() - saved;
    assert.strictEqual(updated.error, undefined);
    // The new dependency and, at depth 2, what it is connected to.
    assert.ok(updated.nodes > baseline.nodes, `more nodes (${baseline.nodes} → ${updated.nodes}): ${JSON.stringify(baseline.view.nodes.map((n) => n.ref))} → ${JSON.stringify(updated.view.nodes.map((n) => n.ref))}`);
    assert.ok(updated.edges > baseline.edges, `more edges (${baseline.edges} → ${updated.edges})`);
    assert.strictEqual(updated.nodes, updated.view.nodes.length, 'every node of the new view is drawn');
    assert.match(updated.view.title, /^Payments Service:/, 'the focus is kept');
    console.log(`diagram redrawn ${elapsed} ms after the save (webview draw ${updated.ms} ms)`);
  });

  test('entities whose cache config has problems carry the counts and rule ids', async () => {
    const config = vscode.Uri.joinPath(workspaceRoot(), 'services', 'inventory', 'inventory.cache.yaml');
    await vscode.window.showTextDocument(config, { viewColumn: vscode.ViewColumn.One });
    const problems = await waitFor(() => {
      const ours = vscode.languages.getDiagnostics(config).filter((d) => d.source?.startsWith('cache-warden') && d.severity <= vscode.DiagnosticSeverity.Warning);
      return ours.length > 0 ? ours : undefined;
    }, 'diagnostics for inventory.cache.yaml');
    const before = (await lastRender())?.count ?? 0;
    await vscode.commands.executeCommand('cacheWarden.showDiagram', config);
    // The entities this config declares; the neighbourhood may show others with problems of their own.
    const declaredHere = (node: RenderRecord['view']['nodes'][number]): boolean =>
      node.ref.startsWith('cache:inventory-service.') || node.ref === 'resource:inventory-memcached';
    let seen: string[] = [];
    const record = await waitFor(async () => {
      const latest = await lastRender();
      const marked = latest && latest.count > before ? latest.view.nodes.filter((node) => node.status && declaredHere(node)) : [];
      seen = marked.map((node) => `${node.ref} ${node.status!.errors}/${node.status!.warnings}`);
      const total = marked.reduce((sum, node) => sum + node.status!.errors + node.status!.warnings, 0);
      return latest && total === problems.length ? latest : undefined;
    }, () => `the diagram to mark ${problems.length} problems on the config's entities (marked: ${seen.join(', ') || 'none'})`);
    const marked = record.view.nodes.filter((node) => node.status && declaredHere(node));
    const rules = [...new Set(marked.flatMap((node) => node.status!.rules))].sort();
    const codes = [...new Set(problems.map((d) => String(typeof d.code === 'object' ? d.code.value : d.code)))].sort();
    assert.deepStrictEqual(rules, codes);
    const errors = problems.filter((d) => d.severity === vscode.DiagnosticSeverity.Error).length;
    assert.strictEqual(marked.reduce((sum, node) => sum + node.status!.errors, 0), errors);
    assert.strictEqual(record.error, undefined);
  });

  test('the whole graph marks exactly the entities the examples\' cache configs have problems with', async () => {
    const configs = (await vscode.workspace.findFiles('services/**/*.cache.{yaml,yml,json}')).sort((a, b) => a.path.localeCompare(b.path));
    assert.deepStrictEqual(configs.map((uri) => uri.path.slice(workspaceRoot().path.length)), [
      '/services/catalog/catalog-search.cache.json', '/services/catalog/catalog.cache.yaml', '/services/inventory/inventory.cache.yaml', '/services/orders/orders.cache.yaml',
    ]);
    for (const uri of configs) await vscode.window.showTextDocument(uri, { viewColumn: vscode.ViewColumn.One, preview: false });
    const catalogConfig = configs[1];
    // The cross-file rule (CW007) has seen every config once the catalog config reports it.
    await waitFor(() => vscode.languages.getDiagnostics(catalogConfig).some((d) => d.code === 'CW007' || (typeof d.code === 'object' && d.code.value === 'CW007')) || undefined, 'CW007 on catalog.cache.yaml');
    const before = (await lastRender())?.count ?? 0;
    await vscode.commands.executeCommand('cacheWarden.showDiagram', {});
    let latest: RenderRecord | undefined;
    try {
      await waitFor(async () => {
        latest = await lastRender();
        return latest && latest.count > before && latest.view.title === 'All entities' && markedExampleNodes(latest).join('\n') === MARKED_IN_DEMO.join('\n') ? latest : undefined;
      }, 'the whole graph with the examples\' problems', 20_000);
    } catch (error) {
      assert.deepStrictEqual(latest ? markedExampleNodes(latest) : [], MARKED_IN_DEMO, String(error));
    }
    assert.strictEqual(latest!.error, undefined);
    assert.deepStrictEqual(latest!.view.nodes.filter((node) => node.ref.startsWith('cache:orders-service.') && node.status), [], 'the orders caches are clean');
    // The storefront system is a box around its members, not a node with "part of" edges.
    const storefront = latest!.view.clusters?.find((cluster) => cluster.ref === 'system:storefront');
    assert.ok(storefront, 'the storefront system is drawn as a box');
    assert.ok(!latest!.view.nodes.some((node) => node.ref === 'system:storefront'));
    const productById = latest!.view.nodes.find((node) => node.ref === 'cache:catalog-service.product-by-id')!;
    assert.ok(storefront.nodeIds.includes(productById.id), 'product-by-id is drawn inside the storefront box');
  });

  test('a click on a system box\'s title opens the system\'s doc', async () => {
    const clicked = await vscode.commands.executeCommand<boolean>('cacheWarden.test.diagram.simulateClick', 'system:storefront');
    assert.strictEqual(clicked, true, 'the storefront box is in the view');
    const systemDoc = vscode.Uri.joinPath(workspaceRoot(), 'docs', 'systems', 'storefront.md');
    const editor = await waitFor(
      () => (vscode.window.activeTextEditor?.document.uri.toString() === systemDoc.toString() ? vscode.window.activeTextEditor : undefined),
      'storefront.md to open',
    );
    assert.strictEqual(editor.document.lineAt(editor.selection.active.line).text, '# Storefront');
  });

  test('hiding the panel and showing it again redraws the same view', async () => {
    const before = await lastRender();
    assert.ok(before, 'the diagram is open');
    const tab = vscode.window.tabGroups.all.flatMap((group) => group.tabs).find((t) => t.input instanceof vscode.TabInputWebview);
    assert.ok(tab, 'a webview tab is open');
    // Cover the panel with an editor in its group: the webview is discarded while hidden.
    await vscode.window.showTextDocument(ordersDoc(), { viewColumn: tab.group.viewColumn, preview: false });
    await waitFor(() => (tab.group.activeTab?.input instanceof vscode.TabInputWebview ? undefined : true), 'the panel to be hidden');
    await new Promise((resolve) => setTimeout(resolve, 300));
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    const after = await renderAfter(before.count, 'the diagram to redraw when shown again');
    assert.strictEqual(after.error, undefined);
    assert.strictEqual(after.view.title, before.view.title);
    assert.deepStrictEqual(after.view.nodes.map((node) => node.ref), before.view.nodes.map((node) => node.ref));
    assert.strictEqual(after.nodes, before.nodes);
  });

  test('"Show in the dependency diagram" on a diagnostic focuses the entity it is about', async () => {
    const config = vscode.Uri.joinPath(workspaceRoot(), 'services', 'inventory', 'inventory.cache.yaml');
    await vscode.window.showTextDocument(config, { viewColumn: vscode.ViewColumn.One });
    const problem = await waitFor(
      () => vscode.languages.getDiagnostics(config).find((d) => d.source?.startsWith('cache-warden') && d.message.includes('allkeys-lur')),
      'the eviction typo diagnostic',
    );
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', config, problem.range);
    const show = actions.find((action) => action.command?.command === 'cacheWarden.showDiagram');
    assert.ok(show, `a "show in diagram" action (got: ${actions.map((a) => a.title).join(' | ')})`);
    // The typo is in the backend's declaration: the action is about inventory-memcached.
    assert.strictEqual(show.title, 'Show inventory-memcached in the dependency diagram');
    const before = (await lastRender())?.count ?? 0;
    await vscode.commands.executeCommand(show.command!.command, ...(show.command!.arguments ?? []));
    const record = await waitFor(async () => {
      const latest = await lastRender();
      return latest && latest.count > before && latest.view.title.startsWith('inventory-memcached:') ? latest : undefined;
    }, 'the diagram focused on inventory-memcached');
    const focus = record.view.nodes.find((node) => node.ref === 'resource:inventory-memcached');
    assert.ok(focus?.status && focus.status.errors > 0, 'the backend is drawn with its errors');
  });

  test('a diagram restored from its saved state (the window-reload path) shows the saved view at the saved zoom and pan', async () => {
    const saved = { request: { focus: 'component:orders-service', depth: 1, direction: 'down' }, layout: 'dagre', viewport: { x: 12, y: 34, scale: 0.75 } };
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await waitFor(async () => ((await vscode.commands.executeCommand('cacheWarden.test.diagram.state')) === undefined ? true : undefined), 'the diagram to close');
    // The serializer's own code path, given what the webview saved (VS Code hands it over on reload).
    await vscode.commands.executeCommand('cacheWarden.test.diagram.restore', saved);
    const record = await waitFor(async () => {
      const latest = await lastRender();
      return latest?.view.title === 'Orders Service: downstream, depth 1' ? latest : undefined;
    }, 'the restored view to render');
    assert.strictEqual(record.error, undefined);
    assert.ok(record.view.nodes.some((node) => node.ref === 'component:orders-service'));
    // The webview applied the saved viewport instead of fitting the view, and reported it back.
    await new Promise((resolve) => setTimeout(resolve, 800));
    assert.deepStrictEqual(await vscode.commands.executeCommand('cacheWarden.test.diagram.state'), saved);
    const tab = vscode.window.tabGroups.all.flatMap((group) => group.tabs).find((t) => t.input instanceof vscode.TabInputWebview);
    assert.match(tab?.label ?? '', /^Diagram: Orders Service: downstream, depth 1$/);
  });
});
