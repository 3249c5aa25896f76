/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// (page.evaluate callbacks run in the browser; DOM types for them only.)
// A readable diagram, measured in the real page (headless Chromium, the real bundle): a view opens
// fitted but never with labels under 11 px on screen (then on its focus, with a notice saying how
// to see the rest), re-fits when the panel is resized until the user zooms or pans, keeps its
// toolbar on one row (the rest in a menu) and keeps edge labels clear of nodes. Screenshots at
// 1000 and 1600 px, light and dark, are kept in test-artifacts/.
//   node scripts/build.mjs && npx tsc -p tsconfig.test.json && node --test out/test/e2e/
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { GraphView } from '../../src/core/graph/graphModel';
import type { RenderMessage } from '../../src/core/graph/webviewProtocol';
import {
  DARK_MODERN,
  LIGHT_MODERN,
  REPO_ROOT,
  launchChromium,
  openDiagramPage,
  postedMessages,
  renderInPage,
  renderMessageFor,
  startDiagramServer,
  type DiagramServer,
  type WebviewTheme,
} from './diagramPage';
import { exampleFocusView, exampleView } from './exampleCatalog';

const ARTIFACTS = path.join(REPO_ROOT, 'test-artifacts');
/** The smallest label a user can read comfortably, in CSS pixels on screen. */
const READABLE_PX = 11;
const HEIGHT = 800;

/** Every toolbar control, by the name a user (or a screen reader) knows it by. */
const TOOLBAR_CONTROLS = [
  'Search entity',
  'Filter by kind',
  'Filter by system',
  'Filter by owner',
  'Focus depth',
  'Focus direction',
  'Show the whole graph',
  'Layout engine',
  'Fit to window',
  'Zoom in',
  'Zoom out',
  'Export as SVG…',
  'Export as PNG…',
];

interface Rect {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** The scale in the stage's transform (what the user's zoom is). */
function scaleOf(page: Page): Promise<number> {
  return page.evaluate(() => Number(/scale\(([^)]+)\)/.exec((document.querySelector('.cw-stage') as HTMLElement).style.transform)?.[1]));
}

function transformOf(page: Page): Promise<string> {
  return page.evaluate(() => (document.querySelector('.cw-stage') as HTMLElement).style.transform);
}

/** Lets a resize reach the page's observers and their animation frames. */
async function settle(page: Page): Promise<void> {
  await page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve, 150)))));
}

/**
 * Each node and edge label's font size as drawn on screen: its CSS font size times how much its
 * box is scaled between layout (offsetHeight) and screen (getBoundingClientRect).
 */
function screenLabelSizes(page: Page): Promise<Array<{ text: string; px: number; scale: number }>> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('.cw-stage g.node .nodeLabel, .cw-stage g.edgeLabel .edgeLabel')]
      .filter((label) => (label.textContent ?? '').trim() !== '')
      .map((label) => {
        const box = (label.closest('foreignObject > div') as HTMLElement | null) ?? label;
        const scale = box.getBoundingClientRect().height / box.offsetHeight;
        return { text: label.textContent!.trim(), px: parseFloat(getComputedStyle(label).fontSize) * scale, scale };
      }),
  );
}

/** Where an element is on screen, and the canvas the diagram is clipped to. */
function boxes(page: Page, selector: string): Promise<{ element: Rect | undefined; canvas: Rect }> {
  return page.evaluate((sel) => {
    const plain = (r: DOMRect) => ({ left: r.left, top: r.top, right: r.right, bottom: r.bottom });
    const element = document.querySelector(sel);
    return { element: element ? plain(element.getBoundingClientRect()) : undefined, canvas: plain(document.querySelector('.cw-canvas')!.getBoundingClientRect()) };
  }, selector);
}

function inside(inner: Rect, outer: Rect): boolean {
  return inner.left >= outer.left - 0.5 && inner.right <= outer.right + 0.5 && inner.top >= outer.top - 0.5 && inner.bottom <= outer.bottom + 0.5;
}

/** Nodes of the view not (entirely) inside the canvas. */
function nodesOutside(page: Page): Promise<string[]> {
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

/** The edge labels that overlap a node, and the pairs of edge labels that overlap each other. */
function labelOverlaps(page: Page): Promise<{ labels: number; underNodes: string[]; onEachOther: string[] }> {
  return page.evaluate(() => {
    const overlap = (a: DOMRect, b: DOMRect) => Math.min(a.right, b.right) - Math.max(a.left, b.left) > 0.5 && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 0.5;
    const labels = [...document.querySelectorAll('.cw-stage g.edgeLabel')]
      .filter((label) => (label.textContent ?? '').trim() !== '')
      .map((label) => ({ text: label.textContent!.trim(), box: (label.querySelector('foreignObject') ?? label).getBoundingClientRect() }));
    const nodes = [...document.querySelectorAll('.cw-stage g.node')].map((node) => ({ id: node.getAttribute('data-entity-id') ?? node.id, box: node.getBoundingClientRect() }));
    const underNodes = labels.flatMap((label) => nodes.filter((node) => overlap(label.box, node.box)).map((node) => `"${label.text}" under ${node.id}`));
    const onEachOther = labels.flatMap((a, i) => labels.slice(i + 1).filter((b) => overlap(a.box, b.box)).map((b) => `"${a.text}" / "${b.text}"`));
    return { labels: labels.length, underNodes, onEachOther };
  });
}

describe('a readable diagram in Chromium', () => {
  let browser: Browser;
  let server: DiagramServer;
  let view: GraphView;

  before(async () => {
    view = await exampleView();
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    server = await startDiagramServer();
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  async function open(width: number, message: RenderMessage = renderMessageFor(view), theme: WebviewTheme = DARK_MODERN, height = HEIGHT): Promise<Page> {
    const page = await openDiagramPage(browser, server, theme, { width, height });
    const report = await renderInPage(page, message);
    assert.equal(report.error, undefined, `render error: ${report.error}`);
    assert.equal(report.nodes, message.view.nodes.length, 'every view node is drawn');
    return page;
  }

  async function focusMessage(ref: string, layout: 'dagre' | 'elk' = 'dagre'): Promise<RenderMessage> {
    const focused = await exampleFocusView(ref);
    return { ...renderMessageFor(focused, layout), request: { focus: ref, depth: 2, direction: 'both' } };
  }

  for (const [width, theme] of [[1000, DARK_MODERN], [1600, LIGHT_MODERN]] as const) {
    test(`the demo opens at ${width} px with every label at least ${READABLE_PX} px on screen, on its anchor node, saying how to see the rest (screenshot kept)`, async () => {
      const page = await open(width, renderMessageFor(view), theme);
      await page.screenshot({ path: path.join(ARTIFACTS, `diagram-${width}px-${theme === DARK_MODERN ? 'dark' : 'light'}.png`) });
      const sizes = await screenLabelSizes(page);
      assert.ok(sizes.length >= view.nodes.length, 'node and edge labels are measured');
      const small = sizes.filter((label) => label.px < READABLE_PX).map((label) => `${label.text}: ${label.px.toFixed(2)} px`);
      assert.deepEqual(small, [], `labels under ${READABLE_PX} px on screen`);
      // The measured scale is the stage's: nothing else shrinks the drawing.
      const scale = await scaleOf(page);
      for (const label of sizes) assert.ok(Math.abs(label.scale - scale) < 0.01, `${label.text} is drawn at the view's scale`);

      // The whole demo does not fit at that size: the view is on its anchor, and says so.
      const anchor = await boxes(page, '.cw-stage g.node[data-cw-anchor]');
      assert.ok(anchor.element, 'the view has an anchor node');
      assert.ok(inside(anchor.element, anchor.canvas), 'the anchor node is inside the viewport');
      assert.notDeepEqual(await nodesOutside(page), [], 'part of the demo is out of view at a readable size');
      const hint = page.locator('.cw-hint');
      assert.ok(await hint.isVisible(), 'a notice says part of the diagram is shown');
      assert.match((await hint.textContent()) ?? '', /drag.*arrow keys.*zoom.*fit it all/is);
      const notice = await boxes(page, '.cw-hint');
      assert.ok(inside(notice.element!, notice.canvas), 'the notice is on screen');

      // Its "fit it all" shows everything (smaller), and the notice goes.
      await page.click('.cw-hint button');
      assert.deepEqual(await nodesOutside(page), []);
      assert.ok(await scaleOf(page) < scale);
      assert.ok(await hint.isHidden());
      await page.close();
    });
  }

  test('a focused view opens centred on its focus node, at a readable size, at 1000 px', async () => {
    const message = await focusMessage('component:orders-service');
    const page = await open(1000, message, DARK_MODERN, 700);
    const focus = message.view.nodes.find((node) => node.role === 'focus')!;
    assert.equal(await page.getAttribute('.cw-stage g.node[data-cw-anchor]', 'data-entity-id'), focus.id, 'the anchor is the focus');
    const focusBox = await boxes(page, `.cw-stage g.node[data-entity-id="${focus.id}"]`);
    assert.ok(inside(focusBox.element!, focusBox.canvas), 'the focus node is inside the viewport');
    const small = (await screenLabelSizes(page)).filter((label) => label.px < READABLE_PX);
    assert.deepEqual(small, []);
    // This view is wider than 1000 px at a readable size: part is out of view, and the notice says so.
    assert.notDeepEqual(await nodesOutside(page), [], 'part of the view is out of view');
    assert.ok(await page.locator('.cw-hint').isVisible(), 'the notice says how to see the rest');
    // The same view in a taller, wider panel fits readably: all in view, no notice.
    await page.setViewportSize({ width: 1600, height: 1000 });
    await page.waitForFunction(() => document.querySelector('.cw-hint')!.hasAttribute('hidden'));
    assert.deepEqual(await nodesOutside(page), []);
    await page.close();
  });

  test('a small view opens fitted (at most 100%), all in view, with no notice', async () => {
    const message = await focusMessage('component:inventory-service');
    const page = await open(1600, message, DARK_MODERN, 1000);
    assert.deepEqual(await nodesOutside(page), []);
    assert.ok(await page.locator('.cw-hint').isHidden());
    const scale = await scaleOf(page);
    assert.ok(scale <= 1 && scale * 14 >= READABLE_PX, `scale ${scale}`);
    await page.close();
  });

  test('a resize re-fits the view (scale changes) until the user zooms or pans; then the user\'s viewport stays', async () => {
    const page = await open(1000);
    const readable = await scaleOf(page);
    assert.ok(await page.locator('.cw-hint').isVisible());

    // Larger: the whole demo now fits readably, so the view shows all of it.
    let before = await transformOf(page);
    await page.setViewportSize({ width: 2000, height: 1500 });
    await page.waitForFunction((previous) => (document.querySelector('.cw-stage') as HTMLElement).style.transform !== previous, before);
    const large = await scaleOf(page);
    assert.notEqual(large, readable, 'the view re-fitted');
    assert.deepEqual(await nodesOutside(page), [], 'all of it is in view');
    assert.ok(await page.locator('.cw-hint').isHidden(), 'no notice when all of it is shown');

    // Smaller again: back to the readable scale, on the anchor, with the notice.
    before = await transformOf(page);
    await page.setViewportSize({ width: 1000, height: HEIGHT });
    await page.waitForFunction((previous) => (document.querySelector('.cw-stage') as HTMLElement).style.transform !== previous, before);
    assert.equal(await scaleOf(page), readable);
    assert.ok(await page.locator('.cw-hint').isVisible());
    const anchor = await boxes(page, '.cw-stage g.node[data-cw-anchor]');
    assert.ok(inside(anchor.element!, anchor.canvas), 'the anchor node is inside the viewport');

    // The user zooms: a resize keeps the user's scale and position.
    const canvas = (await boxes(page, '.cw-canvas')).canvas;
    await page.mouse.move((canvas.left + canvas.right) / 2, (canvas.top + canvas.bottom) / 2);
    await page.mouse.wheel(0, -200);
    await page.waitForFunction((scale) => !(document.querySelector('.cw-stage') as HTMLElement).style.transform.endsWith(`scale(${scale})`), readable);
    const zoomed = await transformOf(page);
    assert.ok(await page.locator('.cw-hint').isHidden(), 'the notice goes once the user moves the view');
    await page.setViewportSize({ width: 1600, height: 1000 });
    await settle(page);
    assert.equal(await transformOf(page), zoomed, 'zoom and pan kept after a resize');
    // The user's viewport is what the panel keeps; a fitted one is not saved (it fits again).
    const saved = (await page.evaluate(() => (window as unknown as { acquireVsCodeApi: () => { getState(): { viewport?: unknown } } }).acquireVsCodeApi().getState()));
    assert.ok(saved.viewport, 'the user\'s viewport is saved');
    await page.close();
  });

  test('after a pan, a resize keeps the user\'s viewport', async () => {
    const page = await open(1600);
    const canvas = (await boxes(page, '.cw-canvas')).canvas;
    await page.mouse.move(canvas.left + 12, canvas.top + 12);
    await page.mouse.down();
    await page.mouse.move(canvas.left + 120, canvas.top + 80, { steps: 5 });
    await page.mouse.up();
    const panned = await transformOf(page);
    assert.notEqual(panned, '');
    await page.setViewportSize({ width: 1000, height: 700 });
    await settle(page);
    assert.equal(await transformOf(page), panned);
    assert.deepEqual((await postedMessages(page)).filter((m) => m.type === 'open'), [], 'the drag opened nothing');
    await page.close();
  });

  test('at 1000 px the toolbar is one row, nothing past the right edge, and every action is reachable through its menu (screenshot kept)', async () => {
    const page = await open(1000, renderMessageFor(view), LIGHT_MODERN);
    const layout = () =>
      page.evaluate((names) => {
        const toolbar = document.querySelector('.cw-toolbar')!;
        const row = document.querySelector('.cw-toolbar-row')!.getBoundingClientRect();
        const visible = (element: Element) => element.getClientRects().length > 0 && getComputedStyle(element).visibility !== 'hidden';
        const all = [...toolbar.querySelectorAll('*')].filter(visible).map((element) => ({ element, box: element.getBoundingClientRect() }));
        const find = (name: string) => toolbar.querySelector(`[aria-label="${name}"], [title="${name}"]`)!;
        return {
          height: toolbar.getBoundingClientRect().height,
          pastRight: all.filter(({ box }) => box.right > window.innerWidth + 0.5 || box.left < -0.5).map(({ element }) => element.outerHTML.slice(0, 80)),
          // Controls in the row must not be clipped by it; those in the menu must be on screen.
          controls: names.map((name) => {
            const element = find(name);
            const box = element.getBoundingClientRect();
            const inRow = !!element.closest('.cw-toolbar-row');
            const shown = visible(element) && (!inRow || box.right <= row.right + 0.5) && box.bottom <= window.innerHeight + 0.5 && box.right <= window.innerWidth + 0.5;
            return { name, shown, inRow, top: box.top };
          }),
        };
      }, TOOLBAR_CONTROLS);

    const closed = await layout();
    assert.deepEqual(closed.pastRight, [], 'no toolbar element past the right edge');
    assert.ok(closed.height <= 40, `one row (height ${closed.height} px)`);
    const rowTops = new Set(closed.controls.filter((c) => c.shown).map((c) => Math.round(c.top)));
    assert.equal(rowTops.size, 1, 'the shown controls are on one line');
    const inMenu = closed.controls.filter((c) => !c.shown).map((c) => c.name);
    assert.ok(inMenu.length > 0, 'at 1000 px some actions are in the menu');
    for (const always of ['Search entity', 'Fit to window', 'Zoom in', 'Zoom out']) assert.ok(!inMenu.includes(always), `${always} stays in the row`);

    await page.click('button[aria-label="More tools"]');
    const opened = await layout();
    assert.deepEqual(opened.controls.filter((c) => !c.shown).map((c) => c.name), [], 'every action is reachable with the menu open');
    assert.deepEqual(opened.pastRight, [], 'the menu is inside the window');
    await page.screenshot({ path: path.join(ARTIFACTS, 'diagram-1000px-menu-light.png') });

    // The menu's controls work like the row's.
    await page.click('button[title="Export as PNG…"]');
    await page.waitForFunction(() => (window as unknown as { __cwPosted: Array<{ type: string }> }).__cwPosted.some((m) => m.type === 'export'));
    if (!(await page.locator('select[title="Layout engine"]').isVisible())) await page.click('button[aria-label="More tools"]');
    await page.selectOption('select[title="Layout engine"]', 'elk');
    const asked = (await postedMessages(page)).filter((m) => m.type === 'state' && m.rerender === true);
    assert.deepEqual(asked, [{ type: 'state', state: { request: {}, layout: 'elk' }, rerender: true }]);
    // Escape closes the menu.
    if (await page.locator('.cw-more-panel').isVisible()) {
      await page.keyboard.press('Escape');
      assert.ok(await page.locator('.cw-more-panel').isHidden());
    }
    await page.close();
  });

  test('at 1600 px every toolbar action is in one row, with no menu', async () => {
    const page = await open(1600);
    for (const name of TOOLBAR_CONTROLS) assert.ok(await page.locator(`.cw-toolbar-row [aria-label="${name}"], .cw-toolbar-row [title="${name}"]`).first().isVisible(), name);
    assert.ok(await page.locator('button[aria-label="More tools"]').isHidden());
    assert.ok((await page.locator('.cw-toolbar').boundingBox())!.height <= 40);
    await page.close();
  });

  for (const layout of ['dagre', 'elk'] as const) {
    test(`no edge label hides under a node, or under another label, in the demo views (${layout})`, async () => {
      const page = await openDiagramPage(browser, server, DARK_MODERN, { width: 1600, height: HEIGHT });
      const refs = [...new Set(view.nodes.filter((node) => node.kind === 'component').map((node) => node.ref))];
      const messages = [renderMessageFor(view, layout), ...(await Promise.all(refs.map((ref) => focusMessage(ref, layout))))];
      const problems: string[] = [];
      let labels = 0;
      for (const message of messages) {
        const report = await renderInPage(page, message);
        assert.equal(report.error, undefined, `render error: ${report.error}`);
        const found = await labelOverlaps(page);
        labels += found.labels;
        problems.push(...[...found.underNodes, ...found.onEachOther].map((problem) => `${message.view.title}: ${problem}`));
      }
      assert.ok(labels > 20, `edge labels were checked (${labels})`);
      assert.deepEqual(problems, []);
      await page.close();
    });
  }
});
