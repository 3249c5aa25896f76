/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// (page.evaluate callbacks run in the browser; DOM types for them only.)
// The on-call path, in the real UI, counted: the demo exactly as `npm start` opens it (the build
// packaged into a .vsix, installed into code-server with its own CLI, a fresh profile, a copy of
// examples/ with its README open), driven in Chromium with the keyboard and the mouse — no
// commands run behind the user's back. From the freshly opened demo:
//   1. Command palette: F1, "Cache Warden: What Reaches", Enter            (one interaction)
//   2. click "Catalog DB", the first datastore of the quick pick            → diagram + side list, and the
//      worst cache's config (the list's top entry, product-by-id) at its first finding beside it
//   3. click that entry's "Doc"                                             → the cache's doc
//   (then, not counted: a click on the list's second entry opens that cache's config at its finding)
// What the user sees is asserted at each step: the quick pick's labels in order and what they
// say, the list's entries (rule code and message), the file and line that open. Run in Light
// Modern at 1000 px and Dark Modern at 1400 px; screenshots of each step go to test-artifacts/.
//   node scripts/build.mjs && npx tsc -p tsconfig.test.json && node --test out/test/e2e/onCallPath.e2e.test.js
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { chromium, type Frame, type Page } from 'playwright-core';
import { REPO_ROOT } from './diagramPage';

type CodeServerLib = typeof import('../../scripts/lib/code-server');
// Plain CommonJS shared with the demo and the integration runner (tsc does not copy it into out/).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const codeServer: CodeServerLib = require(path.join(REPO_ROOT, 'scripts', 'lib', 'code-server.js'));

const ARTIFACTS = path.join(REPO_ROOT, 'test-artifacts');
/** The most interactions the on-call path may take to reach the misconfigured config at its finding, and its doc. */
const MAX_INTERACTIONS_TO_CONFIG_AND_DOC = 3;

interface Step {
  n: number;
  what: string;
  sees: string;
}

/** Counts what the user does: each keyboard entry or click is one interaction. */
class Interactions {
  readonly steps: Step[] = [];
  constructor(private readonly page: Page, private readonly prefix: string) {}

  async do(what: string, act: () => Promise<void>, sees: () => Promise<string>): Promise<void> {
    const n = this.steps.length + 1;
    try {
      await act();
      this.steps.push({ n, what, sees: await sees() });
    } catch (error) {
      // What the user saw when the step went wrong (a notification, a half-open editor) is the clue.
      await this.page.screenshot({ path: path.join(ARTIFACTS, `${this.prefix}-${n}-failed.png`) }).catch(() => undefined);
      throw error;
    }
    await this.page.screenshot({ path: path.join(ARTIFACTS, `${this.prefix}-${n}.png`) });
  }

  get count(): number {
    return this.steps.length;
  }
}

/** Packages the current build the way `npm start` does (vsce's API, dependencies bundled). */
async function packageVsix(vsixPath: string): Promise<void> {
  if (!fs.existsSync(path.join(REPO_ROOT, 'dist', 'extension.js'))) throw new Error('dist/extension.js is missing: run `node scripts/build.mjs` first.');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const vsce = require('@vscode/vsce') as { createVSIX(options: Record<string, unknown>): Promise<unknown> };
  const log = console.log;
  console.log = () => undefined; // vsce lists every packaged file
  try {
    await vsce.createVSIX({ cwd: REPO_ROOT, packagePath: vsixPath, dependencies: false, allowMissingRepository: true, rewriteRelativeLinks: false });
  } finally {
    console.log = log;
  }
}

/** The frame of the diagram webview (the README preview is a webview too): the one with the diagram's canvas. */
async function diagramFrame(page: Page, timeoutMs = 60_000): Promise<Frame> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    for (const frame of page.frames()) {
      const found = await frame.evaluate(() => !!document.querySelector('.cw-sidelist:not([hidden]) .cw-entry')).catch(() => false);
      if (found) return frame;
    }
    await page.waitForTimeout(250);
  }
  throw new Error('the diagram webview with its side list did not appear');
}

/** The active editor tab's title and the cursor position the status bar shows ("Ln 27, Col 7 (13 selected)"). */
async function activeEditor(page: Page): Promise<{ tab: string; path: string; position: string }> {
  return page.evaluate(() => {
    const tab = document.querySelector('.editor-group-container.active .tab.active');
    return {
      tab: tab?.querySelector('.label-name')?.textContent ?? '',
      path: tab?.getAttribute('title') ?? tab?.querySelector('.monaco-icon-label')?.getAttribute('title') ?? '',
      position: document.querySelector('[id="status.editor.selection"]')?.textContent?.trim() ?? '',
    };
  });
}

async function waitForEditor(page: Page, name: string, timeoutMs = 30_000): Promise<{ tab: string; path: string; position: string }> {
  const deadline = Date.now() + timeoutMs;
  let seen = await activeEditor(page);
  while (Date.now() < deadline) {
    seen = await activeEditor(page);
    if (seen.tab === name && /^Ln \d+/.test(seen.position)) return seen;
    await page.waitForTimeout(200);
  }
  throw new Error(`${name} did not become the active editor (active: ${JSON.stringify(seen)})`);
}

/** The quick pick's rows as shown: label, description, detail. */
function quickPickRows(page: Page): Promise<Array<{ label: string; description: string; detail: string }>> {
  return page.evaluate(() =>
    [...document.querySelectorAll('.quick-input-widget .quick-input-list .monaco-list-row')]
      .sort((a, b) => Number(a.getAttribute('data-index')) - Number(b.getAttribute('data-index')))
      .map((row) => ({
        label: row.querySelector('.quick-input-list-row:first-child .label-name')?.textContent?.trim() ?? '',
        description: row.querySelector('.quick-input-list-row:first-child .label-description')?.textContent?.trim() ?? '',
        detail: row.querySelector('.quick-input-list-label-meta .label-name')?.textContent?.trim() ?? '',
      })),
  );
}

async function onCallPath(theme: 'Default Light Modern' | 'Default Dark Modern', width: number, height: number, prefix: string): Promise<void> {
  const bin = codeServer.ensureCodeServer({ repoRoot: REPO_ROOT, log: (message) => console.log(message) });
  const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cache-warden-oncall-'));
  const folder = path.join(tempDir, 'examples');
  const userDataDir = path.join(tempDir, 'user-data');
  const extensionsDir = path.join(tempDir, 'extensions');
  const vsixPath = path.join(tempDir, 'cache-warden.vsix');
  fs.mkdirSync(path.join(tempDir, 'tmp'));
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  // The demo's own setup (scripts/start-demo.mjs): a copy of examples/, a fresh profile, README open.
  fs.cpSync(path.join(REPO_ROOT, 'examples'), folder, { recursive: true });
  codeServer.writeUserSettings(userDataDir, { ...codeServer.QUIET_SETTINGS, 'workbench.startupEditor': 'readme', 'git.openRepositoryInParentFolders': 'never', 'workbench.colorTheme': theme });
  await packageVsix(vsixPath);
  codeServer.installVsix({ bin, vsixPath, extensionsDir, userDataDir });
  const serverLog = fs.createWriteStream(path.join(ARTIFACTS, `${prefix}-code-server.log`));

  let server: Awaited<ReturnType<CodeServerLib['startCodeServer']>> | undefined;
  const browser = await chromium.launch({ executablePath: codeServer.CHROMIUM_PATH, headless: true, args: codeServer.CHROMIUM_ARGS });
  try {
    // A port taken between the check and the start (another suite running): try another.
    for (let attempt = 1; !server; attempt++) {
      try {
        server = await codeServer.startCodeServer({ bin, port: await codeServer.freePort(), userDataDir, extensionsDir, folder, env: { TMPDIR: path.join(tempDir, 'tmp') }, output: (text) => serverLog.write(text) });
      } catch (error) {
        if (attempt >= 3) throw error;
      }
    }
    const page = await browser.newPage({ viewport: { width, height } });
    // As in the integration runner: code-server's service worker would keep webviews blank in headless Chromium.
    await page.addInitScript(`(() => {
      const sw = navigator.serviceWorker;
      if (!sw) return;
      const register = sw.register.bind(sw);
      sw.register = (url, opts) => String(url).includes('_static/out/browser/serviceWorker.js') ? Promise.reject(new Error('disabled for tests')) : register(url, opts);
    })();`);
    await page.goto(`${server.url}/`, { waitUntil: 'domcontentloaded', timeout: 60_000 });
    // The demo is open once its README is shown and the Problems count in the status bar reports the examples' problems.
    await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
    await page.waitForFunction(() => /[1-9]/.test(document.querySelector('[id="status.problems"]')?.textContent ?? ''), undefined, { timeout: 90_000 });
    await page.waitForFunction(() => [...document.querySelectorAll('.tab .label-name')].some((label) => /README/.test(label.textContent ?? '')), undefined, { timeout: 30_000 });
    await page.screenshot({ path: path.join(ARTIFACTS, `${prefix}-0.png`) });

    const user = new Interactions(page, prefix);

    // 1. The command palette, as a user types it.
    await user.do('F1, type "Cache Warden: What Reaches", Enter', async () => {
      await page.keyboard.press('F1');
      await page.waitForSelector('.quick-input-widget .quick-input-box input', { state: 'visible' });
      await page.keyboard.type('Cache Warden: What Reaches');
      await page.waitForFunction(() => /What Reaches/.test(document.querySelector('.quick-input-widget .monaco-list-row.focused')?.textContent ?? ''));
      await page.keyboard.press('Enter');
      // The datastores are listed (the quick pick is busy until the server answers).
      await page.waitForFunction(() => [...document.querySelectorAll('.quick-input-widget .quick-input-list .monaco-list-row .label-name')].some((label) => label.textContent === 'Catalog DB'), undefined, { timeout: 30_000 });
    }, async () => {
      const rows = await quickPickRows(page);
      assert.equal(await page.textContent('.quick-input-widget .quick-input-title'), 'What Reaches…');
      assert.deepEqual(rows, [
        { label: 'Catalog DB', description: 'catalog-db · database', detail: '11 caches in front, 8 with problems (14 errors, 4 warnings)' },
        { label: 'Inventory DB', description: 'inventory-db · database', detail: '2 caches in front, 2 with problems (3 errors)' },
        { label: 'Orders DB', description: 'orders-db · database', detail: '2 caches in front, none with problems' },
      ]);
      return `quick pick "What Reaches…": ${rows.map((row) => `${row.label} (${row.detail})`).join('; ')}`;
    });

    // 2. The worst datastore, first in the list.
    let frame!: Frame;
    await user.do('click "Catalog DB"', async () => {
      await page.click('.quick-input-widget .quick-input-list .monaco-list-row[aria-label^="Catalog DB,"]');
      frame = await diagramFrame(page);
      await frame.waitForFunction(() => Number(document.body.dataset.renderCount ?? 0) > 0 && document.body.dataset.renderError === '');
    }, async () => {
      assert.equal(await frame.textContent('.cw-sidelist-title'), 'Caches in front of Catalog DB');
      const entries = await frame.evaluate(() =>
        [...document.querySelectorAll('.cw-sidelist .cw-entry')].map((entry) => ({
          name: entry.querySelector('.cw-entry-name')?.textContent ?? '',
          counts: entry.querySelector('.cw-entry-counts')?.textContent ?? '',
          findings: [...entry.querySelectorAll('.cw-finding')].map((finding) => `${finding.querySelector('.cw-finding-code')?.textContent} ${finding.querySelector('.cw-finding-message')?.textContent}`),
        })),
      );
      assert.deepEqual(entries.map((entry) => `${entry.name} ${entry.counts}`), [
        'product-by-id ✖ 4 ⚠ 2', 'categories ✖ 3', 'products ✖ 3', 'Catalog Redis ✖ 2', 'price-by-sku ✖ 1', 'redis ✖ 1', 'category-listing ⚠ 1',
        'storefront_pages (location /products/) ⚠ 1', 'catalog-search-local ✓', 'search-results ✓', 'storefront_pages ✓',
      ]);
      assert.deepEqual(entries[0].findings.map((finding) => finding.split(' ')[0]), ['CW006', 'CW005', 'CW001', 'CW007', 'CW003', 'CW012']);
      assert.match(entries[0].findings[0], /^CW006 Cache `product-by-id` looks up externally supplied ids without a `negative` block/);
      assert.match(entries[0].findings[2], /^CW001 `ttl\.value` is never but cache `product-by-id` has no `invalidation\.triggers`/);
      assert.match(entries[3].findings[0], /^CW007 Backend `catalog-redis` evicts with volatile-lru/);
      const tab = await page.evaluate(() => [...document.querySelectorAll('.tab .label-name')].map((label) => label.textContent).find((text) => text?.startsWith('Diagram:')));
      assert.equal(tab, 'Diagram: What reaches Catalog DB');
      // The top entry's config opens beside the diagram at its first finding: CW006's range is
      // `name: product-by-id` (line 27, columns 7-25), selected with the cursor at its end.
      const editor = await waitForEditor(page, 'catalog.cache.yaml');
      assert.match(editor.position, /^Ln 27, Col 26 \(19 selected\)$/, 'the finding\'s range is selected');
      const lines = await page.evaluate(() => [...document.querySelectorAll('.editor-group-container.active .monaco-editor .view-line')].map((line) => (line.textContent ?? '').replace(/\u00a0/g, ' ')));
      assert.ok(lines.some((line) => line.trim() === '- name: product-by-id'), `the cache's entry is on screen (${lines.length} lines shown)`);
      return `diagram "What reaches Catalog DB" with the caches in front: ${entries.map((entry) => `${entry.name} ${entry.counts}`).join(', ')}; top entry's findings: ${entries[0].findings.map((finding) => finding.split(' ')[0]).join(', ')}; beside it services/catalog/catalog.cache.yaml with \`name: product-by-id\` selected (${editor.position}), where CW006 is reported`;
    });
    const toConfig = user.count;

    // 3. Its doc, one click away on the same entry.
    await user.do('click "Doc" on the top entry', async () => {
      await frame.click('.cw-sidelist .cw-entry >> nth=0 >> .cw-entry-link:text-is("Doc")');
    }, async () => {
      const editor = await waitForEditor(page, 'catalog-service.md');
      assert.match(editor.position, /^Ln \d+, Col 1$/);
      return `docs/services/catalog-service.md opens at ${editor.position}`;
    });
    assert.ok(user.count <= MAX_INTERACTIONS_TO_CONFIG_AND_DOC, `the config at the finding and its doc took ${user.count} interactions`);

    // Not part of the count: the next cache down the list, a Spring cache, opens at its finding with
    // one click — CW001 at `redis:` (line 7, columns 5-9) of the catalog service's application.yml.
    await frame.click('.cw-sidelist .cw-entry >> nth=1 >> .cw-entry-main');
    const second = await waitForEditor(page, 'application.yml');
    assert.match(second.position, /^Ln 7, Col 10 \(5 selected\)$/, 'the second entry\'s finding is selected');
    await page.screenshot({ path: path.join(ARTIFACTS, `${prefix}-next-entry.png`) });

    const summary = { theme, width, height, toConfig, toConfigAndDoc: user.count, steps: user.steps };
    fs.writeFileSync(path.join(ARTIFACTS, `${prefix}.json`), JSON.stringify(summary, null, 2) + '\n');
    console.log(`on-call path (${theme}, ${width} px): config at the finding in ${toConfig} interactions, its doc in ${user.count}:\n${user.steps.map((step) => `  ${step.n}. ${step.what} → ${step.sees}`).join('\n')}`);
  } finally {
    await browser.close().catch(() => undefined);
    await server?.stop();
    await new Promise((resolve) => serverLog.end(resolve));
    fs.rmSync(tempDir, { recursive: true, force: true, maxRetries: 5 });
  }
}

test('the on-call path in the demo, Light Modern at 1000 px: the misconfigured config at its finding and its doc in ≤ 3 interactions', { timeout: 600_000 }, async () => {
  await onCallPath('Default Light Modern', 1000, 800, 'on-call-path-1000px-light');
});

test('the on-call path in the demo, Dark Modern at 1400 px', { timeout: 300_000 }, async () => {
  await onCallPath('Default Dark Modern', 1400, 900, 'on-call-path-1400px-dark');
});
