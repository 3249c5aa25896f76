// `npm start` (after `npm run build`): VS Code in the browser with Cache Warden installed and
// examples/ open. Runs code-server on loopback until Ctrl+C. Works offline: the extension is
// packaged into a .vsix from the fresh build and installed with code-server's own CLI.
//   node scripts/start-demo.mjs            serve; open the printed URL
//   node scripts/start-demo.mjs --smoke    start, check in headless Chromium that the extension
//                                          activates in the demo, stop (exit 0/1)
// $PORT picks the port (default: a free one).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const codeServer = require('./lib/code-server.js');
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const demoDir = path.join(repoRoot, '.vscode-test', 'demo');
const smoke = process.argv.includes('--smoke');
const EXTENSION_ID = 'cache-warden.cache-warden';

function fail(message) {
  console.error(`start-demo: ${message}`);
  process.exit(1);
}

function ensureSystemDeps() {
  const result = spawnSync(process.execPath, [path.join(repoRoot, 'scripts', 'ensure-system-deps.mjs')], { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

/** Packages the current build (dist/ must exist) into a .vsix with vsce's API. */
async function packageExtension(vsixPath) {
  if (!fs.existsSync(path.join(repoRoot, 'dist', 'extension.js'))) fail('dist/extension.js is missing; run `npm run build` first (`npm start` does).');
  const { createVSIX } = require('@vscode/vsce');
  // No repository URL exists to rewrite README links against; relative links resolve inside the
  // installed extension, which ships docs/.
  await createVSIX({ cwd: repoRoot, packagePath: vsixPath, dependencies: false, allowMissingRepository: true, rewriteRelativeLinks: false });
}

/** Evidence of activation: the extension's own log channel, written by its extension host. */
function activationLogged(userDataDir) {
  const logs = path.join(userDataDir, 'logs');
  if (!fs.existsSync(logs)) return false;
  return fs.readdirSync(logs, { recursive: true }).some((name) => {
    const file = path.join(logs, String(name));
    if (!/exthost\d*[\\/](remoteexthost|exthost)\.log$/.test(file)) return false;
    return fs.readFileSync(file, 'utf8').includes(`ExtensionService#_doActivateExtension ${EXTENSION_ID}`);
  });
}

async function smokeCheck(url, userDataDir) {
  const { chromium } = require('playwright-core');
  const browser = await chromium.launch({ executablePath: codeServer.CHROMIUM_PATH, headless: true, args: codeServer.CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    // Headless Chromium only: code-server's service worker would keep webviews (the README
    // preview) blank (see shared notes on running VS Code offline).
    await page.addInitScript(() => {
      const sw = navigator.serviceWorker;
      if (!sw) return;
      const register = sw.register.bind(sw);
      sw.register = (scriptUrl, options) =>
        String(scriptUrl).includes('_static/out/browser/serviceWorker.js') ? Promise.reject(new Error('disabled for the smoke check')) : register(scriptUrl, options);
    });
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60_000 });
    const deadline = Date.now() + 60_000;
    while (!activationLogged(userDataDir)) {
      if (Date.now() > deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    // The demo's point: the misconfigured catalog cache shows up in the Problems count unopened.
    const problems = page.locator('[id="status.problems"]');
    const problemsDeadline = Date.now() + 30_000;
    let counts = '';
    while (Date.now() < problemsDeadline) {
      counts = ((await problems.textContent().catch(() => '')) ?? '').trim();
      if (/[1-9]/.test(counts)) break;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    console.log(`start-demo --smoke: Problems in the status bar: ${counts || '(none shown)'}`);
    if (!/[1-9]/.test(counts)) return false;
    fs.mkdirSync(path.join(repoRoot, 'test-artifacts'), { recursive: true });
    await page.screenshot({ path: path.join(repoRoot, 'test-artifacts', 'demo-workbench.png') });
    return true;
  } finally {
    await browser.close();
  }
}

async function main() {
  ensureSystemDeps();
  const bin = codeServer.ensureCodeServer({ repoRoot });

  // A fresh profile every start: the demo always looks the same.
  fs.rmSync(demoDir, { recursive: true, force: true });
  const userDataDir = path.join(demoDir, 'user-data');
  const extensionsDir = path.join(demoDir, 'extensions');
  const vsixPath = path.join(demoDir, 'cache-warden-demo.vsix');
  fs.mkdirSync(demoDir, { recursive: true });
  codeServer.writeUserSettings(userDataDir, {
    ...codeServer.QUIET_SETTINGS,
    // The demo opens on examples/README.md, the guided tour; examples/ sits inside this repository,
    // so git's "open the parent repository?" prompt would only distract.
    'workbench.startupEditor': 'readme',
    'git.openRepositoryInParentFolders': 'never',
  });
  await packageExtension(vsixPath);
  codeServer.installVsix({ bin, vsixPath, extensionsDir, userDataDir });

  const examples = path.join(repoRoot, 'examples');
  const folder = fs.existsSync(examples) ? examples : repoRoot;
  const port = Number(process.env.PORT) || (await codeServer.freePort());
  const server = await codeServer.startCodeServer({
    bin, port, userDataDir, extensionsDir, folder,
    output: smoke ? undefined : (text) => process.stdout.write(text.replace(/^/gm, '  [code-server] ')),
  });
  process.on('exit', () => server.stopSync());
  const url = `${server.url}/?folder=${encodeURIComponent(folder)}`;

  if (smoke) {
    const active = await smokeCheck(url, userDataDir);
    await server.stop();
    console.log(active ? `start-demo --smoke: ${EXTENSION_ID} is active in the demo (screenshot: test-artifacts/demo-workbench.png)` : `start-demo --smoke: ${EXTENSION_ID} did not activate within 60 s (logs: ${path.relative(repoRoot, userDataDir)}/logs)`);
    process.exit(active ? 0 : 1);
  }

  console.log(`\nCache Warden demo: open ${url}\n(${path.relative(repoRoot, folder) || '.'} is open; Ctrl+C stops code-server)\n`);
  const stopped = await Promise.race([
    new Promise((resolve) => process.once('SIGINT', () => resolve('SIGINT'))),
    new Promise((resolve) => process.once('SIGTERM', () => resolve('SIGTERM'))),
    server.exited.then(() => 'exited'),
  ]);
  await server.stop();
  console.log(stopped === 'exited' ? 'code-server exited.' : 'code-server stopped.');
  process.exit(stopped === 'exited' ? 1 : 0);
}

main().catch((error) => fail(error instanceof Error ? error.message : String(error)));
