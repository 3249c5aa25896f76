/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// (page.evaluate callbacks run in the browser; DOM types for them only.)
// The overview of a large catalog in the real webview (headless Chromium, the real bundle, the
// extension's HTML and CSP), on a generated 1,000-entity catalog: the page shows one node per
// system in its domain box, with its entity count; a click on a system asks for that system's
// view (never its doc) and the view shows its entities; the breadcrumb leads to the domain and the
// back button to the overview; a system view survives the webview being hidden and shown again.
// This test plays the extension: it answers each request the page posts with buildView's view.
// Screenshots are kept in test-artifacts/ (overview-1000-entities*.png, overview-1000-system.png).
//   node scripts/build.mjs && npx tsc -p tsconfig.test.json && node --test out/test/e2e/
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { buildView } from '../../src/core/graph/buildView';
import type { GraphView, ViewRequest } from '../../src/core/graph/graphModel';
import { nodeId } from '../../src/core/graph/viewIds';
import type { DiagramState, RenderMessage } from '../../src/core/graph/webviewProtocol';
import { DARK_MODERN, REPO_ROOT, launchChromium, openDiagramPage, postedMessages, renderInPage, renderMessageFor, startDiagramServer, type DiagramServer } from './diagramPage';
import { generateLargeCatalog, type LargeCatalog } from './largeCatalog';

const ARTIFACTS = path.join(REPO_ROOT, 'test-artifacts');

describe('system overview of a 1,000-entity catalog in Chromium', () => {
  let browser: Browser;
  let server: DiagramServer;
  let large: LargeCatalog;
  let facets: RenderMessage['facets'];

  before(async () => {
    large = generateLargeCatalog(1000);
    const entities = [...large.catalog.entities.values()].map((e) => ({ id: e.ref, label: e.title ?? e.name, kind: e.kind }));
    facets = { kinds: [...new Set(entities.map((e) => e.kind))].sort(), systems: [], owners: [], entities };
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    server = await startDiagramServer();
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  /** What the extension does for a request: build the view and post it; resolves once it is drawn. */
  async function show(page: Page, request: ViewRequest): Promise<GraphView> {
    const view = buildView(large.catalog, request, large.status);
    const report = await renderInPage(page, { ...renderMessageFor(view, 'dagre', facets), request }, 120_000);
    assert.equal(report.error, undefined, `render error: ${report.error}`);
    assert.equal(report.nodes, view.nodes.length, 'every view node is drawn');
    return view;
  }

  function requestsAsked(page: Page): Promise<ViewRequest[]> {
    return postedMessages(page).then((posted) => posted.filter((m) => m.type === 'state' && m.rerender === true).map((m) => (m.state as DiagramState).request));
  }

  /** Waits for the page to ask for a new view (as a click or the breadcrumb does) and returns the request. */
  async function nextRequest(page: Page, action: () => Promise<void>): Promise<ViewRequest> {
    const before = (await requestsAsked(page)).length;
    await action();
    await page.waitForFunction((count) => (window as unknown as { __cwPosted: Array<{ type: string; rerender?: boolean }> }).__cwPosted.filter((m) => m.type === 'state' && m.rerender === true).length > count, before);
    return (await requestsAsked(page)).at(-1)!;
  }

  function drawnNodeIds(page: Page): Promise<string[]> {
    return page.$$eval('.cw-stage g.node[data-entity-id]', (nodes) => nodes.map((node) => node.getAttribute('data-entity-id')!).sort());
  }

  function labelOf(page: Page, id: string): Promise<string> {
    return page.$eval(`.cw-stage g.node[data-entity-id="${id}"] .nodeLabel`, (label) => (label.textContent ?? '').trim());
  }

  /** A mid-sized system (its view is drawn entity by entity), in a domain. */
  function pickSystem(): string {
    return [...large.systemSizes].filter(([ref]) => large.catalog.relations.some((r) => r.from === ref && r.type === 'partOf' && r.to.startsWith('domain:')))
      .sort((a, b) => Math.abs(a[1] - 30) - Math.abs(b[1] - 30) || (a[0] < b[0] ? -1 : 1))[0][0];
  }

  test('the overview shows the systems; a click opens one and its entities; the breadcrumb and back return; hide/show keeps it', async () => {
    assert.equal(large.entities, 1000);
    const page = await openDiagramPage(browser, server, DARK_MODERN);
    const overview = await show(page, {});

    // One node per system (and one for the entities in no system), each with its entity count.
    assert.equal(overview.title, `${large.systems.length} systems in ${large.domains.length} domains · 1,000 entities`);
    assert.deepEqual(await drawnNodeIds(page), [...large.systems, '(no system)'].map(nodeId).sort());
    for (const [ref, size] of large.systemSizes) {
      const title = large.catalog.entities.get(ref)!.title!;
      assert.match(await labelOf(page, nodeId(ref)), new RegExp(`^${title} · ${size} entities( ✖ \\d+)?( ⚠ \\d+)?$`), ref);
    }
    assert.match(await labelOf(page, nodeId('(no system)')), /^\(no system\) · 30 entities/);
    // Systems are drawn in their domains' boxes; the header says what is shown.
    assert.equal(await page.$$eval('.cw-stage g.cluster', (boxes) => boxes.length), large.domains.length);
    assert.equal((await page.textContent('.cw-drill .cw-crumb-here'))?.trim(), overview.title);
    assert.equal(await page.isVisible('.cw-drill-back'), false, 'no way back from the overview itself');
    assert.match(await page.textContent('.cw-notice') ?? '', /Click a system to see its entities/);
    await page.screenshot({ path: path.join(ARTIFACTS, 'overview-1000-entities.png') });
    await page.click('button[title="Fit to window"]');
    await page.screenshot({ path: path.join(ARTIFACTS, 'overview-1000-entities-fit.png') });

    // A click on a system asks for its view (not its doc).
    const system = pickSystem();
    const drill = await nextRequest(page, () => page.click(`.cw-stage g.node[data-entity-id="${nodeId(system)}"]`));
    assert.deepEqual(drill, { system });
    assert.deepEqual((await postedMessages(page)).filter((m) => m.type === 'open'), [], 'the click did not open a doc');
    const systemView = await show(page, drill);
    const name = large.catalog.entities.get(system)!.title!;
    assert.equal(systemView.title, `${name}: ${large.systemSizes.get(system)} entities`);
    const members = [...large.catalog.entities.values()].filter((e) => e.system === system.slice('system:'.length)).map((e) => nodeId(e.ref));
    assert.equal(members.length, large.systemSizes.get(system));
    const drawn = await drawnNodeIds(page);
    assert.deepEqual(members.filter((id) => !drawn.includes(id)), [], 'every entity of the system is drawn');
    // The systems outside it are drawn as collapsed nodes, labelled with how many entities are linked.
    const outside = systemView.nodes.filter((n) => n.drill);
    assert.ok(outside.length > 0, 'the system connects to others');
    for (const node of outside) assert.match(await labelOf(page, node.id), / · \d+ entit(y|ies) linked/);
    const domain = large.catalog.relations.find((r) => r.from === system && r.type === 'partOf' && r.to.startsWith('domain:'))!.to;
    const domainTitle = large.catalog.entities.get(domain)!.title!;
    assert.deepEqual(await page.$$eval('.cw-drill .cw-crumbs li', (items) => items.map((item) => item.textContent?.trim())), ['Overview', domainTitle, systemView.title]);
    assert.equal(await page.isVisible('.cw-drill-back'), true);
    await page.screenshot({ path: path.join(ARTIFACTS, 'overview-1000-system.png') });

    // Hidden and shown again: VS Code hands the new webview the state it saved; it asks for the
    // same view, and the extension (here: this test) draws it again.
    const saved = await page.evaluate(() => (window as unknown as { acquireVsCodeApi(): { getState(): unknown } }).acquireVsCodeApi().getState()) as DiagramState;
    assert.deepEqual(saved.request, { system });
    const shownAgain = await openDiagramPage(browser, server, DARK_MODERN, undefined, saved);
    const ready = (await postedMessages(shownAgain)).find((m) => m.type === 'ready') as { state?: DiagramState };
    assert.deepEqual(ready.state?.request, { system });
    await show(shownAgain, ready.state!.request);
    assert.deepEqual(await shownAgain.$$eval('.cw-drill .cw-crumbs li', (items) => items.map((item) => item.textContent?.trim())), ['Overview', domainTitle, systemView.title]);
    assert.ok((await drawnNodeIds(shownAgain)).includes(members[0]));
    await shownAgain.close();

    // The domain crumb opens the domain's systems; back returns to the overview.
    const toDomain = await nextRequest(page, () => page.click(`.cw-drill button.cw-crumb:text("${domainTitle}")`));
    assert.deepEqual(toDomain, { domain });
    const domainView = await show(page, toDomain);
    assert.ok((await drawnNodeIds(page)).includes(nodeId(system)), 'the domain view shows the system');
    assert.equal(domainView.breadcrumb?.length, 2);
    const back = await nextRequest(page, () => page.click('.cw-drill-back'));
    assert.deepEqual(back, {});
    await show(page, back);
    assert.deepEqual(await drawnNodeIds(page), [...large.systems, '(no system)'].map(nodeId).sort());
    assert.equal(await page.isVisible('.cw-drill-back'), false);
    // No script error on the way (the harness serves no favicon: that 404 is not the page's).
    assert.deepEqual((page as Page & { cwErrors?: string[] }).cwErrors?.filter((error) => !/^Failed to load resource/.test(error)), []);
    await page.close();
  });

  test('an overview node\'s tooltip and menu say a click opens its view; "(no system)", no entity, offers only that', async () => {
    const page = await openDiagramPage(browser, server, DARK_MODERN);
    await show(page, {});
    const system = pickSystem();
    const size = large.systemSizes.get(system)!;
    const title = large.catalog.entities.get(system)!.title!;
    const tooltipText = async (id: string) => {
      await page.hover(`.cw-stage g.node[data-entity-id="${id}"]`);
      await page.waitForSelector('.cw-tooltip:not([hidden])');
      const rows = await page.$$eval('.cw-tooltip > div', (divs) => divs.map((div) => (div.textContent ?? '').trim()));
      await page.mouse.move(1, 1);
      await page.keyboard.press('Escape');
      return rows;
    };

    // A system of the catalog: its ref, how many entities it holds, and that a click opens its view.
    const systemTip = await tooltipText(nodeId(system));
    assert.match(systemTip[0], new RegExp(`^${title} · ${size} entities`));
    assert.ok(systemTip.includes(`Ref ${system}`), systemTip.join(' | '));
    assert.ok(systemTip.includes(`Holds ${size} entities`), systemTip.join(' | '));
    assert.equal(systemTip.at(-1), 'Click or Enter to open its view, with the entities in it · right-click or Shift+F10 for more');
    // "(no system)" is no entity: no ref, owner, doc or runbook rows.
    const groupTip = await tooltipText(nodeId('(no system)'));
    assert.ok(groupTip.includes('Holds 30 entities'), groupTip.join(' | '));
    assert.deepEqual(groupTip.filter((row) => /^(Ref|Owner|Doc|Runbook) /.test(row)), []);

    // The menu of a system: its view first, then what any entity has.
    await page.click(`.cw-stage g.node[data-entity-id="${nodeId(system)}"]`, { button: 'right' });
    const items = await page.$$eval('.cw-menu:not([hidden]) .cw-menu-item', (buttons) => buttons.map((button) => button.textContent ?? ''));
    assert.deepEqual(items.slice(0, 2), [`Open its view (${size} entities)`, 'Open doc']);
    await page.keyboard.press('Escape');

    // The menu of "(no system)": only its view, and why; choosing it asks for that view.
    await page.click(`.cw-stage g.node[data-entity-id="${nodeId('(no system)')}"]`, { button: 'right' });
    assert.deepEqual(await page.$$eval('.cw-menu:not([hidden]) .cw-menu-item', (buttons) => buttons.map((button) => button.textContent ?? '')), ['Open its view (30 entities)']);
    assert.equal(await page.textContent('.cw-menu-note'), 'A group of entities, not an entity: it has no doc, config or neighbourhood of its own.');
    const asked = await nextRequest(page, () => page.click('.cw-menu-item:text("Open its view (30 entities)")'));
    assert.deepEqual(asked, { system: '(no system)' });
    assert.deepEqual((await postedMessages(page)).filter((m) => m.type === 'open' || m.type === 'copyRef' || m.type === 'focus'), [], 'nothing asked of an entity that does not exist');
    await page.close();
  });

  test('a system too large to draw says so and offers neighbourhoods and the search', async () => {
    const page = await openDiagramPage(browser, server, DARK_MODERN);
    const [biggest] = [...large.systemSizes].sort((a, b) => b[1] - a[1])[0];
    // The largest generated system still fits the default limit; ask with a smaller one.
    const request: ViewRequest = { system: biggest, maxNodes: 40 };
    const view = await show(page, request);
    assert.match(view.notice!, /too many to draw one by one/);
    const offers = await page.$$eval('.cw-drill-offers button', (buttons) => buttons.map((button) => button.textContent ?? ''));
    assert.equal(offers.length, 6);
    assert.match(offers.at(-1)!, /^Search the entities of /);
    const asked = await nextRequest(page, () => page.click('.cw-drill-offers button >> nth=0'));
    assert.deepEqual(asked, (view.suggestions![0] as { request: ViewRequest }).request);
    await page.click('.cw-drill-offers button >> nth=-1');
    assert.equal(await page.evaluate(() => document.activeElement?.classList.contains('cw-search')), true, 'the search box has the cursor');
    await page.close();
  });
});
