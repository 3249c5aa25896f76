/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// (page.evaluate callbacks run in the browser; DOM types for them only.)
// Harness for browser-level diagram checks and the render bench: serves the built webview
// bundle (dist/webview) and the extension's own HTML shell (same CSP) from a loopback HTTP
// server on a free port, opens it in headless Chromium with a stand-in for VS Code's webview API
// and the `--vscode-*` colours of a real theme, and drives it with the extension's messages.
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createNonce, diagramHtml } from '../../src/extension/diagramHtml';
import type { GraphView } from '../../src/core/graph/graphModel';
import { MERMAID_LIMITS, toMermaid } from '../../src/core/graph/mermaid';
import type { RenderMessage, RenderReport } from '../../src/core/graph/webviewProtocol';
import { DARK_MODERN, LIGHT_MODERN, type WebviewTheme } from './vscodeThemes';

export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
/** The built webview; CACHE_WARDEN_WEBVIEW_DIST points elsewhere (e.g. a private build). */
const WEBVIEW_DIST = process.env.CACHE_WARDEN_WEBVIEW_DIST ?? path.join(REPO_ROOT, 'dist', 'webview');

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true });
}

const CONTENT_TYPES: Record<string, string> = { '.js': 'text/javascript', '.css': 'text/css', '.map': 'application/json' };

export interface DiagramServer {
  url: string;
  close(): Promise<void>;
}

const THEMES: Record<string, WebviewTheme> = { dark: DARK_MODERN, light: LIGHT_MODERN };

/** Puts a theme on the page the way VS Code does: variables in <html>'s style, the kind on <body>. */
function withTheme(html: string, theme: WebviewTheme): string {
  const style = Object.entries(theme.colours)
    .map(([name, value]) => `--vscode-${name}: ${value.replace(/"/g, '&quot;')};`)
    .join(' ');
  return html
    .replace('<html lang="en">', `<html lang="en" style="${style}">`)
    .replace('<body>', `<body class="${theme.bodyClass}" data-vscode-theme-kind="${theme.bodyClass}" data-vscode-theme-id="${theme.name}">`);
}

/** Serves `/?theme=dark|light` (the webview HTML) and `/webview/<file>` (the bundle) on 127.0.0.1, a free port. */
export async function startDiagramServer(): Promise<DiagramServer> {
  if (!fs.existsSync(path.join(WEBVIEW_DIST, 'diagram.js'))) {
    throw new Error(`${WEBVIEW_DIST}/diagram.js is missing: run \`node scripts/build.mjs\` first.`);
  }
  let origin = '';
  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', origin);
    if (url.pathname === '/') {
      const theme = THEMES[url.searchParams.get('theme') ?? ''] ?? DARK_MODERN;
      const html = withTheme(diagramHtml({
        cspSource: origin,
        nonce: createNonce(),
        testHooks: url.searchParams.get('testHooks') !== 'off',
        scriptUri: `${origin}/webview/diagram.js`,
        elkScriptUri: `${origin}/webview/diagram-elk.js`,
        styleUri: `${origin}/webview/diagram.css`,
      }), theme);
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end(html);
      return;
    }
    const name = url.pathname.startsWith('/webview/') ? path.basename(url.pathname) : '';
    const file = path.join(WEBVIEW_DIST, name);
    if (!name || !fs.existsSync(file)) {
      response.writeHead(404);
      response.end();
      return;
    }
    response.writeHead(200, { 'content-type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream' });
    fs.createReadStream(file).pipe(response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: `${origin}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** What the page posted to the (fake) extension, in order. */
export async function postedMessages(page: Page): Promise<Array<Record<string, unknown>>> {
  return page.evaluate(() => (window as unknown as { __cwPosted: Array<Record<string, unknown>> }).__cwPosted);
}

/**
 * Opens the diagram page with a VS Code theme applied before the script runs. `savedState` is what
 * the webview saved with `setState` before it was hidden (VS Code hands it back to the new webview).
 */
export async function openDiagramPage(browser: Browser, server: DiagramServer, theme: WebviewTheme, viewport = { width: 1280, height: 800 }, savedState?: unknown): Promise<Page> {
  const page = await browser.newPage({ viewport });
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  (page as Page & { cwErrors?: string[] }).cwErrors = errors;
  await page.addInitScript((saved) => {
    const posted: unknown[] = [];
    let state: unknown = saved ?? undefined;
    Object.assign(window, {
      __cwPosted: posted,
      acquireVsCodeApi: () => ({
        postMessage: (message: unknown) => posted.push(JSON.parse(JSON.stringify(message))),
        getState: () => state,
        setState: (next: unknown) => (state = next),
      }),
    });
  }, savedState ?? null);
  await page.goto(`${server.url}?theme=${theme === LIGHT_MODERN ? 'light' : 'dark'}`);
  await page.waitForFunction(() => (window as unknown as { __cwPosted: Array<{ type: string }> }).__cwPosted.some((m) => m.type === 'ready'));
  return page;
}

/** Switches the page's theme the way VS Code does (variables on <html>, class on <body>). */
export async function applyTheme(page: Page, theme: WebviewTheme): Promise<void> {
  await page.evaluate((themeArg: WebviewTheme) => {
    for (const [name, value] of Object.entries(themeArg.colours)) document.documentElement.style.setProperty(`--vscode-${name}`, value);
    document.body.classList.remove('vscode-dark', 'vscode-light', 'vscode-high-contrast', 'vscode-high-contrast-light');
    document.body.classList.add(themeArg.bodyClass);
    document.body.setAttribute('data-vscode-theme-kind', themeArg.bodyClass);
    document.body.setAttribute('data-vscode-theme-id', themeArg.name);
  }, theme);
}

/** Sends a render message as the extension would and waits for the webview's `rendered` report. */
export async function renderInPage(page: Page, message: RenderMessage, timeoutMs = 60_000): Promise<RenderReport> {
  const before = await page.evaluate(() => Number(document.body.dataset.renderCount ?? 0));
  await page.evaluate((m) => window.postMessage(m, '*'), message);
  return waitForRender(page, before, timeoutMs);
}

/** Waits until the page has reported more than `before` renders; returns the last report. */
export async function waitForRender(page: Page, before: number, timeoutMs = 60_000): Promise<RenderReport> {
  await page.waitForFunction((count) => Number(document.body.dataset.renderCount ?? 0) > count, before, { timeout: timeoutMs });
  const posted = await postedMessages(page);
  const report = [...posted].reverse().find((m) => m.type === 'rendered');
  if (!report) throw new Error('The webview drew but posted no rendered report.');
  return report as unknown as RenderReport;
}

export { DARK_MODERN, LIGHT_MODERN };
export type { WebviewTheme };

/** The render message the extension would post for a view (search list: the view's own entities). */
export function renderMessageFor(view: GraphView, layout: 'dagre' | 'elk' = 'dagre', facets: RenderMessage['facets'] = emptyFacets(view)): RenderMessage {
  return {
    type: 'render',
    view,
    source: toMermaid(view, { layout }),
    layout,
    request: {},
    facets,
    limits: { maxEdges: MERMAID_LIMITS.maxEdges, maxTextSize: MERMAID_LIMITS.maxTextSize },
    keepViewport: false,
  };
}

function emptyFacets(view: GraphView): RenderMessage['facets'] {
  return { kinds: [...new Set(view.nodes.map((n) => n.kind))].sort(), systems: [], owners: [], entities: view.nodes.map((n) => ({ id: n.ref, label: n.label, kind: n.kind })) };
}
