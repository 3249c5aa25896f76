/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// (page.evaluate callbacks run in the browser; DOM types for them only.)
// Browser-level checks of the diagram webview (headless Chromium, the real bundle, the
// extension's own HTML and CSP): the demo catalog renders in VS Code's dark and light themes
// (screenshots kept in test-artifacts/), a hostile label stays text, clicks and the context menu
// send the right messages, theme changes re-render, exports produce real images.
//   node scripts/build.mjs && npx tsc -p tsconfig.test.json && node --test out/test/e2e/
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { buildView } from '../../src/core/graph/buildView';
import type { GraphView } from '../../src/core/graph/graphModel';
import {
  DARK_MODERN,
  LIGHT_MODERN,
  REPO_ROOT,
  applyTheme,
  launchChromium,
  openDiagramPage,
  postedMessages,
  renderInPage,
  startDiagramServer,
  waitForRender,
  type DiagramServer,
  renderMessageFor,
} from './diagramPage';
import { exampleView } from './exampleCatalog';

const ARTIFACTS = path.join(REPO_ROOT, 'test-artifacts');
const HOSTILE_LABEL = '<script>alert(1)</script> "quoted" ]';

/**
 * The demo catalog's whole-graph view as the extension builds it, with the node status the
 * examples' real diagnostics give (the CLI's check pipeline over every cache config).
 */
function demoView(): Promise<GraphView> {
  return exampleView();
}

/** The entities the examples' rules and schema flag, as a user reads them off the diagram. */
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

function markedNodes(view: GraphView): string[] {
  return view.nodes
    .filter((node) => node.status)
    .map((node) => `${node.ref}${node.status!.errors ? ` errors ${node.status!.errors}` : ''}${node.status!.warnings ? ` warnings ${node.status!.warnings}` : ''} (${node.status!.rules.join(' ')})`)
    .sort();
}

/** The demo view plus one node whose label is markup, for the injection checks. */
function hostileView(base: GraphView): GraphView {
  const target = base.nodes[0];
  return {
    ...base,
    nodes: [...base.nodes, { id: 'n_hostile_1', ref: 'component:hostile', label: HOSTILE_LABEL, kind: 'component' }],
    edges: [...base.edges, { from: 'n_hostile_1', to: target.id, type: 'dependsOn' }],
  };
}

describe('diagram webview in Chromium', () => {
  let browser: Browser;
  let server: DiagramServer;
  let view: GraphView;
  let hostile: GraphView;

  before(async () => {
    view = await demoView();
    hostile = hostileView(view);
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    server = await startDiagramServer();
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  async function renderDemo(theme = DARK_MODERN, shown = view): Promise<Page> {
    const page = await openDiagramPage(browser, server, theme);
    const report = await renderInPage(page, renderMessageFor(shown));
    assert.equal(report.error, undefined, `render error: ${report.error}`);
    assert.equal(report.nodes, shown.nodes.length, 'every view node is drawn');
    assert.equal(report.edges, shown.edges.length, 'every view edge is drawn');
    return page;
  }

  test('the demo marks exactly the entities its cache configs\' problems are about', () => {
    assert.deepEqual(markedNodes(view), MARKED_IN_DEMO);
    // The orders caches are clean; their configs have no problems.
    assert.deepEqual(view.nodes.filter((node) => node.ref.startsWith('cache:orders-service.') && node.status), []);
  });

  for (const theme of [DARK_MODERN, LIGHT_MODERN]) {
    test(`draws the demo catalog in ${theme.name} (screenshot kept)`, async () => {
      const page = await renderDemo(theme);
      const file = path.join(ARTIFACTS, `diagram-${theme.bodyClass === 'vscode-dark' ? 'dark' : 'light'}.png`);
      await page.screenshot({ path: file });
      assert.ok(fs.statSync(file).size > 10_000, 'the screenshot has content');

      // Theme colours, not mermaid's defaults: the page and node text follow the theme; each
      // entity's border says whether its config has errors, only warnings, or nothing.
      const drawn = await page.evaluate((ids) => {
        const text = document.querySelector('g.cw-node .nodeLabel') as HTMLElement;
        const nodes = ids.map((id) => {
          const element = document.querySelector(`g.node[data-entity-id="${id}"]`)!;
          const shape = element.querySelector(':scope > rect, :scope > path, :scope > polygon, :scope > g.basic > path') as SVGElement;
          return { id, stroke: getComputedStyle(shape).stroke, label: element.querySelector('.nodeLabel')?.textContent ?? '' };
        });
        return { text: getComputedStyle(text).color, body: getComputedStyle(document.body).backgroundColor, nodes };
      }, view.nodes.map((node) => node.id));
      const rgb = (hex: string) => `rgb(${[1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)).join(', ')})`;
      assert.equal(drawn.body, rgb(theme.colours['editor-background']));
      assert.equal(drawn.text, rgb(theme.colours['editor-foreground']));
      const byColour = (hex: string) => drawn.nodes.filter((node) => node.stroke === rgb(hex)).map((node) => view.nodes.find((n) => n.id === node.id)!.ref).sort();
      assert.deepEqual(byColour(theme.colours['editorError-foreground']), [
        'cache:catalog-service.categories', 'cache:catalog-service.price-by-sku', 'cache:catalog-service.product-by-id', 'cache:catalog-service.products',
        'cache:inventory-service.stock-level', 'resource:catalog-redis', 'resource:inventory-memcached', 'resource:redis',
      ], 'entities with errors have the error colour');
      assert.deepEqual(byColour(theme.colours['editorWarning-foreground']), ['cache:catalog-service.category-listing', 'cache:gateway.storefront_pages (location /products/)'], 'warnings only: the warning colour');
      const label = (ref: string) => drawn.nodes.find((node) => node.id === view.nodes.find((n) => n.ref === ref)!.id)!.label;
      assert.equal(label('cache:catalog-service.product-by-id'), 'product-by-id ✖ 4 ⚠ 2');
      assert.equal(label('cache:catalog-service.category-listing'), 'category-listing ⚠ 1');
      assert.equal(label('cache:orders-service.order-summary'), 'order-summary');
      await page.close();
    });
  }

  test('the hostile label is text: no injected element or attribute', async () => {
    const page = await renderDemo(DARK_MODERN, hostile);
    const result = await page.evaluate(() => {
      const node = document.querySelector('g.node[data-entity-id="n_hostile_1"]');
      const label = node?.querySelector('.nodeLabel');
      const svg = document.querySelector('.cw-stage svg')!;
      const handlers = [...svg.querySelectorAll('*')].flatMap((element) => [...element.attributes].filter((a) => /^on/i.test(a.name)).map((a) => a.name));
      // Below the label's own wrapper (<span><p>) there must be nothing but one text node.
      const paragraph = label?.firstElementChild;
      return {
        text: label?.textContent ?? null,
        labelChildren: paragraph ? [...paragraph.childNodes].map((child) => child.nodeName) : [],
        scripts: document.querySelectorAll('script').length,
        svgScripts: svg.querySelectorAll('script').length,
        handlers,
      };
    });
    assert.equal(result.text, HOSTILE_LABEL);
    assert.equal(result.svgScripts, 0);
    assert.equal(result.scripts, 1, 'only the bundle script is on the page');
    assert.deepEqual(result.handlers, []);
    assert.deepEqual(result.labelChildren, ['#text'], 'the label is a single text node');
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await page.waitForTimeout(100);
    assert.deepEqual(dialogs, []);
    await page.close();
  });

  test('a click on a node sends only its entity id; the context menu sends focus, reaches, copy', async () => {
    const page = await renderDemo();
    const target = view.nodes.find((node) => node.kind === 'component')!;
    const selector = `g.node[data-entity-id="${target.id}"]`;
    const domId = await page.getAttribute(selector, 'id');
    assert.match(domId!, new RegExp(`^cw-diagram-\\d+-flowchart-${target.id}-\\d+$`), 'found by mermaid node id');
    await page.click(selector);
    await page.click(selector, { button: 'right' });
    await page.click('.cw-menu-depth button:text("2")');
    await page.click('.cw-menu-item:text("Focus here: downstream (dependencies)")');
    await page.click(selector, { button: 'right' });
    await page.click('.cw-menu-item:text("What reaches this")');
    await page.click(selector, { button: 'right' });
    await page.click('.cw-menu-item:text("Copy ref")');
    const sent = (await postedMessages(page)).filter((m) => m.type !== 'rendered' && m.type !== 'ready' && m.type !== 'state');
    assert.deepEqual(sent, [
      { type: 'open', entityId: target.id },
      { type: 'focus', entityId: target.id, depth: 2, direction: 'down' },
      { type: 'reaches', entityId: target.id },
      { type: 'copyRef', entityId: target.id },
    ]);
    await page.close();
  });

  test('the system is a box around its members; its title opens the system doc', async () => {
    const cluster = view.clusters?.find((candidate) => candidate.ref === 'system:storefront');
    assert.ok(cluster, 'the demo view draws the storefront system as a box');
    assert.ok(!view.nodes.some((node) => node.ref === 'system:storefront'), 'no separate system node');
    assert.ok(!view.edges.some((edge) => edge.type === 'partOf'), 'no "part of" edges: the box shows membership');
    const page = await renderDemo();
    const title = `g.cw-cluster-title[data-entity-id="${cluster.id}"]`;
    assert.equal((await page.textContent(`${title} .nodeLabel`))?.trim(), 'Storefront');
    // Every member is drawn inside the box.
    const outside = await page.evaluate(({ clusterId, members }) => {
      const box = document.querySelector(`g.cw-cluster-title[data-entity-id="${clusterId}"]`)!.parentElement!.querySelector(':scope > rect')!.getBoundingClientRect();
      return members.filter((id) => {
        const node = document.querySelector(`g.node[data-entity-id="${id}"]`)!.getBoundingClientRect();
        return node.left < box.left || node.right > box.right || node.top < box.top || node.bottom > box.bottom;
      });
    }, { clusterId: cluster.id, members: cluster.nodeIds });
    assert.deepEqual(outside, []);
    // The demo's whole graph is wider than the page at a readable size: fit it, as a user would, to reach the title.
    await page.click('button:has-text("Fit")');
    await page.click(title);
    const opens = (await postedMessages(page)).filter((m) => m.type === 'open');
    assert.deepEqual(opens, [{ type: 'open', entityId: cluster.id }]);
    await page.close();
  });

  test('a simulated click goes through the same node listener', async () => {
    const page = await renderDemo();
    const target = view.nodes[1];
    await page.evaluate((nodeId) => window.postMessage({ type: 'simulateClick', nodeId }, '*'), target.id);
    await page.waitForFunction(() => (window as unknown as { __cwPosted: Array<{ type: string }> }).__cwPosted.some((m) => m.type === 'open'));
    const opens = (await postedMessages(page)).filter((m) => m.type === 'open');
    assert.deepEqual(opens, [{ type: 'open', entityId: target.id }]);
    await page.close();
  });

  test('a theme change re-renders with the new colours and keeps zoom and pan', async () => {
    const page = await renderDemo(DARK_MODERN);
    await page.click('button[title="Zoom in"]');
    const zoomed = await page.evaluate(() => (document.querySelector('.cw-stage') as HTMLElement).style.transform);
    const before = await page.evaluate(() => Number(document.body.dataset.renderCount));
    await applyTheme(page, LIGHT_MODERN);
    const report = await waitForRender(page, before);
    assert.equal(report.nodes, view.nodes.length);
    const after = await page.evaluate(() => ({
      transform: (document.querySelector('.cw-stage') as HTMLElement).style.transform,
      text: getComputedStyle(document.querySelector('g.cw-node .nodeLabel')!).color,
    }));
    assert.equal(after.transform, zoomed);
    assert.equal(after.text, 'rgb(59, 59, 59)');
    await page.close();
  });

  test('exports a standalone SVG and a PNG', async () => {
    const page = await renderDemo(DARK_MODERN, hostile);
    await page.click('button[title="Export as SVG…"]');
    await page.click('button[title="Export as PNG…"]');
    await page.waitForFunction(() => (window as unknown as { __cwPosted: Array<{ type: string }> }).__cwPosted.filter((m) => m.type === 'export').length === 2);
    const exports = (await postedMessages(page)).filter((m) => m.type === 'export') as Array<{ format: string; data: string }>;
    assert.equal(exports[0].format, 'svg');
    assert.match(exports[0].data, /^<svg[\s>]/);
    assert.ok(exports[0].data.includes('&lt;script&gt;alert(1)&lt;/script&gt;'), 'the hostile label is escaped text in the file');
    assert.equal(exports[1].format, 'png');
    const png = Buffer.from(exports[1].data.slice('data:image/png;base64,'.length), 'base64');
    assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG');
    fs.writeFileSync(path.join(ARTIFACTS, 'diagram-export.png'), png);
    await page.close();
  });

  test('the ELK layout loads on demand and draws the same graph', async () => {
    const page = await openDiagramPage(browser, server, DARK_MODERN);
    const report = await renderInPage(page, renderMessageFor(view, 'elk'));
    assert.equal(report.error, undefined, `render error: ${report.error}`);
    assert.equal(report.nodes, view.nodes.length);
    assert.equal(report.edges, view.edges.length);
    await page.close();
  });

  test('a source over maxTextSize is refused with a message, never mermaid\'s silent box', async () => {
    const page = await openDiagramPage(browser, server, DARK_MODERN);
    const message = renderMessageFor(view);
    message.limits = { ...message.limits, maxTextSize: 100 };
    const report = await renderInPage(page, message);
    assert.match(report.error ?? '', /over the limit of 100/);
    assert.match(await page.textContent('.cw-message') ?? '', /Narrow it down/);
    await page.close();
  });

  test('a restored viewport is applied; toolbar filters ask the extension for a new view', async () => {
    const page = await openDiagramPage(browser, server, DARK_MODERN);
    await renderInPage(page, { ...renderMessageFor(view), viewport: { x: 10, y: 20, scale: 0.5 } });
    assert.equal(await page.evaluate(() => (document.querySelector('.cw-stage') as HTMLElement).style.transform), 'translate(10px, 20px) scale(0.5)');
    await page.selectOption('select[title="Filter by kind"]', 'cache');
    await page.selectOption('select[title="Layout engine"]', 'elk');
    const asked = (await postedMessages(page)).filter((m) => m.type === 'state' && m.rerender === true);
    assert.deepEqual(asked, [
      { type: 'state', state: { request: { filter: { kinds: ['cache'] } }, layout: 'dagre' }, rerender: true },
      { type: 'state', state: { request: { filter: { kinds: ['cache'] } }, layout: 'elk' }, rerender: true },
    ]);
    await page.close();
  });
});
