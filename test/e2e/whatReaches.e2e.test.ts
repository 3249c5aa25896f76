/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// (page.evaluate callbacks run in the browser; DOM types for them only.)
// "What reaches" in the diagram webview (headless Chromium, the real bundle and HTML): the view of
// the demo's catalog-db opens on it and the caches in front of it (fitted when it all fits at a
// readable size) with the caches in front listed beside it, worst first, each
// with the rule code and message of its findings; the list's clicks send the entry's ref and
// finding index (never a path); a node's tooltip shows owner, doc, runbook and problems on hover
// and on keyboard focus; the context menu of a datastore names the view. Screenshots at 1000 px,
// light and dark, are kept in test-artifacts/.
//   node scripts/build.mjs && npx tsc -p tsconfig.test.json && node --test out/test/e2e/
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { ViewRequest } from '../../src/core/graph/graphModel';
import type { RenderMessage } from '../../src/core/graph/webviewProtocol';
import type { WorkspaceModel } from '../../src/core/workspace/workspaceModel';
import { sideListOf } from '../../src/extension/sideListData';
import { diagramView } from '../../src/server/diagram';
import {
  DARK_MODERN,
  LIGHT_MODERN,
  REPO_ROOT,
  launchChromium,
  openDiagramPage,
  postedMessages,
  renderInPage,
  startDiagramServer,
  type DiagramServer,
  type WebviewTheme,
} from './diagramPage';
import { loadExampleModel } from './exampleCatalog';

const ARTIFACTS = path.join(REPO_ROOT, 'test-artifacts');
const CATALOG_DB = 'resource:catalog-db';
const PRODUCT_BY_ID = 'cache:catalog-service.product-by-id';

/** The render message the extension sends for a request: the server's view, side list and node details. */
function messageFor(model: WorkspaceModel, request: ViewRequest): RenderMessage {
  const result = diagramView(model, { request, layout: 'dagre' });
  return {
    type: 'render',
    view: result.view,
    source: result.source,
    layout: 'dagre',
    request,
    facets: result.facets,
    limits: result.limits,
    keepViewport: false,
    renderId: 1,
    ...(result.inFront ? { sideList: sideListOf(result.inFront) } : {}),
    ...(result.details ? { details: result.details } : {}),
  };
}

/** What the side list shows, entry by entry, as a user reads it. */
function sideListText(page: Page): Promise<Array<{ name: string; counts: string; findings: string[]; links: string[] }>> {
  return page.evaluate(() =>
    [...document.querySelectorAll('.cw-sidelist .cw-entry')].map((entry) => ({
      name: entry.querySelector('.cw-entry-name')!.textContent ?? '',
      counts: entry.querySelector('.cw-entry-counts')!.textContent ?? '',
      findings: [...entry.querySelectorAll('.cw-finding')].map((finding) => finding.textContent ?? ''),
      links: [...entry.querySelectorAll<HTMLButtonElement>('.cw-entry-link')].map((link) => `${link.textContent}${link.disabled ? ' (none)' : ` ${link.title}`}`),
    })),
  );
}

function nodesOutsideCanvas(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const canvas = document.querySelector('.cw-canvas')!.getBoundingClientRect();
    return [...document.querySelectorAll('.cw-stage g.node[data-entity-id]')]
      .filter((node) => {
        const box = node.getBoundingClientRect();
        return box.left < canvas.left - 0.5 || box.right > canvas.right + 0.5 || box.top < canvas.top - 0.5 || box.bottom > canvas.bottom + 0.5;
      })
      .map((node) => node.getAttribute('data-entity-id')!);
  });
}

describe('"what reaches" in the diagram webview', () => {
  let browser: Browser;
  let server: DiagramServer;
  let model: WorkspaceModel;
  let reaches: RenderMessage;

  before(async () => {
    model = await loadExampleModel();
    reaches = messageFor(model, { reaches: CATALOG_DB });
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    server = await startDiagramServer();
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  async function open(theme: WebviewTheme = DARK_MODERN, message = reaches, width = 1000, height = 800): Promise<Page> {
    const page = await openDiagramPage(browser, server, theme, { width, height });
    const report = await renderInPage(page, message);
    assert.equal(report.error, undefined, `render error: ${report.error}`);
    assert.equal(report.nodes, message.view.nodes.length, 'every view node is drawn');
    return page;
  }

  for (const theme of [LIGHT_MODERN, DARK_MODERN]) {
    test(`at 1000 px (${theme.name}) catalog-db's view opens on it and every cache in front of it, readable, with those caches listed beside it worst first, each with its findings' codes and messages; wider, it is fitted (screenshot kept)`, async () => {
      const page = await open(theme);
      await page.screenshot({ path: path.join(ARTIFACTS, `what-reaches-1000px-${theme === DARK_MODERN ? 'dark' : 'light'}.png`) });
      assert.equal(await page.textContent('.cw-sidelist-title'), 'Caches in front of Catalog DB');
      assert.equal(await page.textContent('.cw-sidelist-summary'), '11 caches, 8 with problems. Click one to open its config at the finding.');
      const shown = await sideListText(page);
      const expected = reaches.sideList!.entries;
      assert.deepEqual(shown.map((entry) => `${entry.name} ${entry.counts}`), [
        'product-by-id ✖ 4 ⚠ 2', 'categories ✖ 3', 'products ✖ 3', 'Catalog Redis ✖ 2', 'price-by-sku ✖ 1', 'redis ✖ 1', 'category-listing ⚠ 1',
        'storefront_pages (location /products/) ⚠ 1', 'catalog-search-local ✓', 'search-results ✓', 'storefront_pages ✓',
      ]);
      assert.deepEqual(shown.map((entry) => entry.findings), expected.map((entry) => entry.findings.map((f) => `${f.code} ${f.message}`)));
      assert.deepEqual(shown[0].findings.map((finding) => finding.split(' ')[0]), ['CW006', 'CW005', 'CW001', 'CW007', 'CW003', 'CW012']);
      assert.deepEqual(shown[0].links, ['Doc docs/services/catalog-service.md', 'Runbook docs/runbooks/catalog-cache.md', 'Config services/catalog/catalog.cache.yaml']);

      // Beside the diagram, not over it: the list is right of the canvas, and the whole view fits in the canvas.
      const layout = await page.evaluate(() => {
        const plain = (r: DOMRect) => ({ left: r.left, right: r.right, top: r.top, bottom: r.bottom });
        return { canvas: plain(document.querySelector('.cw-canvas')!.getBoundingClientRect()), list: plain(document.querySelector('.cw-sidelist')!.getBoundingClientRect()), mode: document.body.dataset.viewportMode };
      });
      assert.ok(layout.list.left >= layout.canvas.right - 0.5, `the list (${layout.list.left}) is right of the canvas (${layout.canvas.right})`);
      assert.ok(layout.list.right <= 1000.5 && layout.canvas.right - layout.canvas.left >= 600, 'the canvas keeps most of the width');
      // At 1000 px the whole view does not fit at a readable size (labels of at least 11 px): it
      // opens on catalog-db and the caches in front of it, worst first, as many as fit — every one
      // with errors — and says how to see the rest.
      const worst = new Set([CATALOG_DB, ...expected.filter((entry) => entry.errors > 0).map((entry) => entry.ref)]);
      const outside = await nodesOutsideCanvas(page);
      assert.deepEqual(reaches.view.nodes.filter((node) => worst.has(node.ref) && outside.includes(node.id)).map((node) => node.ref), [], 'the datastore and the caches in front with errors are in view');
      assert.equal(await page.evaluate(() => document.querySelector('.cw-hint')!.hasAttribute('hidden')), false, 'the hint says part of the view is shown');
      assert.deepEqual(await page.evaluate(() => [...document.querySelectorAll<HTMLElement>('.cw-stage g.node .nodeLabel')].filter((label) => parseFloat(getComputedStyle(label).fontSize) * (label.getBoundingClientRect().height / label.offsetHeight) < 11).map((label) => label.textContent)), [], 'labels stay readable');
      const target = reaches.view.nodes.find((node) => node.ref === CATALOG_DB)!;
      assert.equal(await page.getAttribute('.cw-stage g.node[data-cw-anchor]', 'data-entity-id'), target.id, 'the view is about catalog-db');
      // In a wide enough panel the whole view fits, list and all.
      await page.setViewportSize({ width: 2400, height: 1100 });
      await page.waitForFunction(() => document.querySelector('.cw-hint')!.hasAttribute('hidden'));
      assert.deepEqual(await nodesOutsideCanvas(page), [], 'fitted: every node in view');
      await page.close();
    });
  }

  test('the list\'s clicks send the cache\'s ref and the finding\'s index; Doc, Runbook and Config send the ref', async () => {
    const page = await open();
    const entry = (ref: string) => `.cw-sidelist .cw-entry[data-ref="${ref}"]`;
    await page.click(`${entry(PRODUCT_BY_ID)} .cw-entry-main`);
    await page.click(`${entry(PRODUCT_BY_ID)} .cw-finding >> nth=2`);
    await page.click(`${entry(PRODUCT_BY_ID)} .cw-entry-link:text("Doc")`);
    await page.click(`${entry(PRODUCT_BY_ID)} .cw-entry-link:text("Runbook")`);
    await page.click(`${entry(PRODUCT_BY_ID)} .cw-entry-link:text("Config")`);
    await page.click(`${entry('cache:catalog-service.search-results')} .cw-entry-main`);
    const sent = (await postedMessages(page)).filter((m) => !['rendered', 'ready', 'state'].includes(String(m.type)));
    assert.deepEqual(sent, [
      { type: 'openFinding', entityId: PRODUCT_BY_ID, index: 0 },
      { type: 'openFinding', entityId: PRODUCT_BY_ID, index: 2 },
      { type: 'open', entityId: PRODUCT_BY_ID },
      { type: 'openRunbook', entityId: PRODUCT_BY_ID },
      { type: 'openConfig', entityId: PRODUCT_BY_ID },
      // A cache without findings opens its config where it is declared.
      { type: 'openConfig', entityId: 'cache:catalog-service.search-results' },
    ]);
    // Keyboard: the entries are buttons, arrows move between them, Enter opens.
    await page.focus(`${entry('resource:catalog-redis')} .cw-entry-main`);
    await page.keyboard.press('Enter');
    // (Viewport reports — 'state' without a rerender — may come after it: not actions.)
    const last = (await postedMessages(page)).filter((m) => !['rendered', 'ready', 'state'].includes(String(m.type))).at(-1);
    assert.deepEqual(last, { type: 'openFinding', entityId: 'resource:catalog-redis', index: 0 });
    await page.close();
  });

  test('a node\'s tooltip shows owner, doc, runbook and problems on hover, and on keyboard focus', async () => {
    const page = await open(LIGHT_MODERN);
    const node = reaches.view.nodes.find((candidate) => candidate.ref === PRODUCT_BY_ID)!;
    const selector = `.cw-stage g.node[data-entity-id="${node.id}"]`;
    assert.equal(await page.locator(`${selector} > title`).count(), 0, 'no native tooltip as well');
    assert.equal(await page.getAttribute(selector, 'aria-describedby'), 'cw-node-tooltip');
    await page.hover(selector);
    const tooltip = page.locator('.cw-tooltip');
    await tooltip.waitFor({ state: 'visible' });
    const text = (await tooltip.innerText()).split('\n').map((line) => line.trim()).filter(Boolean);
    const problems = reaches.details![node.id].problems;
    assert.deepEqual(text, [
      'product-by-id cache',
      'Ref cache:catalog-service.product-by-id',
      'Owner team-catalog',
      'Doc docs/services/catalog-service.md',
      'Runbook docs/runbooks/catalog-cache.md',
      'Problems: 4 errors, 2 warnings',
      ...problems.map((problem) => `${problem.code} ${problem.message}`),
      'and 3 more',
      'Click or Enter to open · right-click or Shift+F10 for more',
    ]);
    assert.deepEqual(problems.map((problem) => problem.code), ['CW006', 'CW005', 'CW001']);
    const boxes = await page.evaluate((sel) => ({ tip: document.querySelector('.cw-tooltip')!.getBoundingClientRect().toJSON(), node: document.querySelector(sel)!.getBoundingClientRect().toJSON() }), selector);
    assert.ok(boxes.tip.right <= 1000 && boxes.tip.bottom <= 800 && boxes.tip.left >= 0 && boxes.tip.top >= 0, 'the tooltip is inside the window');
    assert.ok(boxes.tip.top >= boxes.node.bottom || boxes.tip.bottom <= boxes.node.top, 'the tooltip does not cover its node');
    await page.screenshot({ path: path.join(ARTIFACTS, 'what-reaches-tooltip-light.png') });
    await page.mouse.move(2, 2);
    await tooltip.waitFor({ state: 'hidden' });

    // Keyboard: Tab onto the canvas, then to the nodes; the focused node shows its tooltip, Escape hides it.
    await page.focus('.cw-canvas');
    const redis = reaches.view.nodes.find((candidate) => candidate.ref === 'resource:catalog-redis')!;
    for (let i = 0; i < reaches.view.nodes.length + 2; i++) {
      await page.keyboard.press('Tab');
      if ((await page.evaluate(() => document.activeElement?.getAttribute('data-entity-id') ?? null)) === redis.id) break;
    }
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-entity-id')), redis.id, 'Tab reaches the Catalog Redis node');
    await tooltip.waitFor({ state: 'visible' });
    assert.match(await tooltip.innerText(), /Catalog Redis[\s\S]*Owner team-catalog[\s\S]*Doc docs\/resources\/catalog-redis\.md[\s\S]*Runbook docs\/runbooks\/catalog-cache\.md[\s\S]*Problems: 2 errors[\s\S]*CW007 Backend `catalog-redis` evicts with volatile-lru/);
    await page.keyboard.press('Escape');
    await tooltip.waitFor({ state: 'hidden' });
    await page.close();
  });

  test('the context menu of a datastore opens the same view: "What reaches this: caches in front"', async () => {
    const neighbourhood = messageFor(model, { focus: 'component:catalog-service', depth: 1, direction: 'both' });
    const db = neighbourhood.view.nodes.find((node) => node.ref === CATALOG_DB);
    assert.ok(db, 'catalog-db is in catalog-service\'s neighbourhood');
    const page = await open(DARK_MODERN, neighbourhood);
    assert.ok(await page.locator('.cw-sidelist').isHidden(), 'no list beside a neighbourhood view');
    await page.click(`.cw-stage g.node[data-entity-id="${db.id}"]`, { button: 'right' });
    const items = await page.locator('.cw-menu-item').allTextContents();
    assert.ok(items.includes('What reaches this: caches in front'), items.join(' | '));
    await page.click('.cw-menu-item:text("What reaches this: caches in front")');
    const service = neighbourhood.view.nodes.find((node) => node.ref === 'component:catalog-service')!;
    await page.click(`.cw-stage g.node[data-entity-id="${service.id}"]`, { button: 'right' });
    assert.ok((await page.locator('.cw-menu-item').allTextContents()).includes('What reaches this'), 'other nodes keep the plain item');
    const sent = (await postedMessages(page)).filter((m) => m.type === 'reaches');
    assert.deepEqual(sent, [{ type: 'reaches', entityId: db.id }]);
    await page.close();
  });

  test('text from configs stays text in the list and the tooltip; a malformed list is not shown', async () => {
    const hostile = '<img src=x onerror=alert(1)> **bold** [link](command:evil)';
    const message: RenderMessage = {
      ...reaches,
      sideList: { ...reaches.sideList!, entries: [{ ...reaches.sideList!.entries[0], label: hostile, findings: [{ code: 'CW001', severity: 'error', message: hostile, path: 'x.cache.yaml', line: 1 }] }] },
      details: { ...reaches.details, [reaches.view.nodes[0].id]: { errors: 1, warnings: 0, problems: [{ code: 'CW001', severity: 'error', message: hostile }], owner: hostile } },
    };
    const page = await open(DARK_MODERN, message);
    assert.equal(await page.textContent('.cw-entry-name'), hostile);
    assert.equal(await page.textContent('.cw-finding-message'), hostile);
    assert.equal(await page.locator('.cw-sidelist img, .cw-tooltip img').count(), 0);
    await page.hover(`.cw-stage g.node[data-entity-id="${reaches.view.nodes[0].id}"]`);
    await page.locator('.cw-tooltip').waitFor({ state: 'visible' });
    assert.ok((await page.locator('.cw-tooltip').innerText()).includes(hostile));
    assert.equal(await page.locator('.cw-tooltip img').count(), 0);

    const broken = await renderInPage(page, { ...reaches, renderId: 2, sideList: { targetRef: 'x', targetLabel: 'x', entries: [{ ref: 'cache:a' }] } as unknown as RenderMessage['sideList'] });
    assert.equal(broken.error, undefined);
    assert.ok(await page.locator('.cw-sidelist').isHidden(), 'a list that does not check out is not shown');
    await page.close();
  });
});
