// `npm start` (after `npm run build`): VS Code in the browser with Cache Warden installed and a
// copy of examples/ open. Runs code-server on loopback until Ctrl+C. Works offline: the extension
// is packaged into a .vsix from the fresh build and installed with code-server's own CLI.
//   node scripts/start-demo.mjs [--port <n>]   serve; open the printed URL
//   node scripts/start-demo.mjs --smoke        start, check in headless Chromium that the extension
//                                              activates in the demo, stop (exit 0/1)
// The port: --port, else $PORT, else a free one. Everything the demo writes (the examples/ copy
// that quick fixes and auto-save edit, the profile, the .vsix) lives in one temporary folder that
// is removed on exit, Ctrl+C included: the repository never changes. code-server's own log goes
// to test-artifacts/demo-code-server.log; only its errors reach the terminal.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const codeServer = require('./lib/code-server.js');
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const artifactsDir = path.join(repoRoot, 'test-artifacts');
const serverLogFile = path.join(artifactsDir, 'demo-code-server.log');
const EXTENSION_ID = 'cache-warden.cache-warden';

function fail(message) {
  console.error(`start-demo: ${message}`);
  process.exit(1);
}

function usage() {
  console.log('usage: node scripts/start-demo.mjs [--port <n>] [--smoke]   (npm start -- --port <n>)\n' +
    '  --port   serve on 127.0.0.1:<n> (default: $PORT, else a free port)\n' +
    '  --smoke  start headless, check that the extension activates, stop (exit 0/1)');
  process.exit(0);
}

function parseArgs(argv) {
  const options = { smoke: false, port: undefined };
  let portFrom = '$PORT';
  let portText = process.env.PORT || undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--smoke') options.smoke = true;
    else if (arg === '--port' || arg === '-p') {
      portText = argv[++i];
      portFrom = '--port';
      if (portText === undefined) fail('--port needs a value, e.g. --port 8080');
    } else if (arg.startsWith('--port=')) { portText = arg.slice('--port='.length); portFrom = '--port'; }
    else if (arg === '--help' || arg === '-h') usage();
    else fail(`unknown argument ${arg} (see --help)`);
  }
  if (portText !== undefined) {
    const port = Number(portText);
    if (!/^\d+$/.test(portText) || port < 1 || port > 65535) fail(`${portFrom} must be a port number from 1 to 65535, not ${JSON.stringify(portText)}`);
    options.port = port;
  }
  return options;
}

/** Calls `onLine` once per complete line of a stream of text chunks. */
function lineSplitter(onLine) {
  let pending = '';
  return {
    write(text) {
      const lines = (pending + text).split('\n');
      pending = lines.pop();
      for (const line of lines) onLine(line.replace(/\r$/, ''));
    },
    end() { if (pending) onLine(pending); pending = ''; },
  };
}

// What code-server prints that is not worth a terminal line in an offline demo: VS Code's
// proprietary vsda module is absent from code-server builds, and the extension gallery
// (open-vsx.org) is unreachable.
const NOISE = [/vsda/, /open-vsx\.org|extensionquery|gallery/i, /getaddrinfo (ENOTFOUND|EAI_AGAIN)/];
const ERROR = /\berror\b|\bERR\b|\bfatal\b|\bexception\b|\bE(ADDRINUSE|ACCES|NOENT)\b|Uncaught/i;
const INFO_LEVEL = /^\[[^\]]+\] (info|debug|trace) /;

/**
 * Filters code-server's output: every line goes to the log file; errors (with their stack) also to
 * the terminal. `tail()` returns the last lines, for when code-server does not come up.
 */
function serverOutput(logStream) {
  const recent = [];
  let stackLines = 0;
  const splitter = lineSplitter((line) => {
    logStream.write(`${line}\n`);
    recent.push(line);
    if (recent.length > 30) recent.shift();
    if (stackLines > 0 && /^\s+(at |\.\.\.)/.test(line)) {
      stackLines--;
      console.error(`code-server: ${line}`);
      return;
    }
    stackLines = 0;
    if (ERROR.test(line) && !INFO_LEVEL.test(line) && !NOISE.some((pattern) => pattern.test(line))) {
      console.error(`code-server: ${line}`);
      stackLines = 20;
    }
  });
  return { write: (text) => splitter.write(text), end: () => splitter.end(), tail: () => recent.filter((line) => line.trim()).join('\n') };
}

/** Installs missing Debian packages; passes its output through except the all-clear line. */
function ensureSystemDeps() {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(repoRoot, 'scripts', 'ensure-system-deps.mjs')], { stdio: ['inherit', 'pipe', 'inherit'] });
    const splitter = lineSplitter((line) => { if (line !== 'ensure-system-deps: all system packages present') console.log(line); });
    child.stdout.on('data', (chunk) => splitter.write(chunk.toString()));
    child.on('close', (code) => {
      splitter.end();
      if (code !== 0) process.exit(code ?? 1);
      resolve();
    });
  });
}

/** Packages the current build (dist/ must exist) into a .vsix with vsce's API. */
async function packageExtension(vsixPath, log) {
  if (!fs.existsSync(path.join(repoRoot, 'dist', 'extension.js'))) fail('dist/extension.js is missing; run `npm run build` first (`npm start` does).');
  const { createVSIX } = require('@vscode/vsce');
  // vsce lists every packaged file on console.log; that goes to the log. Its warnings and errors
  // (console.warn/error) stay on the terminal.
  const consoleLog = console.log;
  console.log = (...args) => log(args.map(String).join(' ').replace(/\x1b\[[0-9;]*m/g, ''));
  try {
    // No repository URL exists to rewrite README links against; relative links resolve inside the
    // installed extension, which ships docs/.
    await createVSIX({ cwd: repoRoot, packagePath: vsixPath, dependencies: false, allowMissingRepository: true, rewriteRelativeLinks: false });
  } finally {
    console.log = consoleLog;
  }
}

function portAvailable(port) {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
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
    await page.screenshot({ path: path.join(artifactsDir, 'demo-workbench.png') });
    return true;
  } finally {
    await browser.close();
  }
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  await ensureSystemDeps();
  const bin = codeServer.ensureCodeServer({ repoRoot });
  if (options.port !== undefined && !(await portAvailable(options.port))) {
    fail(`port ${options.port} on 127.0.0.1 is in use; pick another with --port <n> (or leave it out for a free one).`);
  }
  // Earlier versions of the demo kept their profile here; nothing uses it any more.
  fs.rmSync(path.join(repoRoot, '.vscode-test', 'demo'), { recursive: true, force: true });

  // One temporary folder per start: a fresh profile (the demo always looks the same) and a copy of
  // examples/ for quick fixes and auto-save to edit. Removed on every way out.
  const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cache-warden-demo-'));
  let starting;
  let server;
  process.on('exit', () => {
    server?.stopSync();
    fs.rmSync(tempDir, { recursive: true, force: true, maxRetries: 5 });
  });
  // Until the demo is up a signal just exits (the exit handler cleans up; a code-server that is
  // still starting is stopped once it answers); then it stops code-server gracefully.
  const exitCode = (signal) => (signal === 'SIGINT' ? 130 : 143);
  let onSignal = (signal) => {
    if (starting && !server) starting.then((running) => running.stopSync(), () => undefined).finally(() => process.exit(exitCode(signal)));
    else process.exit(exitCode(signal));
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => onSignal(signal));

  const folder = path.join(tempDir, 'examples');
  const userDataDir = path.join(tempDir, 'user-data');
  const extensionsDir = path.join(tempDir, 'extensions');
  const vsixPath = path.join(tempDir, 'cache-warden-demo.vsix');
  const tmpDir = path.join(tempDir, 'tmp');
  fs.cpSync(path.join(repoRoot, 'examples'), folder, { recursive: true });
  fs.mkdirSync(tmpDir);
  codeServer.writeUserSettings(userDataDir, {
    ...codeServer.QUIET_SETTINGS,
    // The demo opens on examples/README.md, the guided tour.
    'workbench.startupEditor': 'readme',
    'git.openRepositoryInParentFolders': 'never',
  });

  fs.mkdirSync(artifactsDir, { recursive: true });
  // Written synchronously, so nothing is lost when the process exits.
  const logFd = fs.openSync(serverLogFile, 'w');
  const logStream = { write: (text) => fs.writeSync(logFd, text) };
  const logFile = path.relative(repoRoot, serverLogFile);
  await packageExtension(vsixPath, (line) => logStream.write(`[vsce] ${line}\n`));
  logStream.write(`[install] ${codeServer.installVsix({ bin, vsixPath, extensionsDir, userDataDir })}\n`);

  const port = options.port ?? (await codeServer.freePort());
  const output = serverOutput(logStream);
  try {
    starting = codeServer.startCodeServer({
      bin, port, userDataDir, extensionsDir, folder,
      // code-server and the git extension leave sockets in the temp dir; keep them in ours.
      env: { TMPDIR: tmpDir },
      output: (text) => output.write(text),
    });
    server = await starting;
  } catch (error) {
    output.end();
    fail(`${error instanceof Error ? error.message : String(error)}\nLast lines of ${logFile}:\n${output.tail()}`);
  }
  // code-server opens the folder it was started with: the bare URL is all a browser needs.
  const url = `${server.url}/`;

  if (options.smoke) {
    const active = await smokeCheck(url, userDataDir);
    await server.stop();
    if (!active) {
      // The profile is about to be removed with the temp folder; keep its logs for the diagnosis.
      const kept = path.join(artifactsDir, 'demo-logs');
      fs.rmSync(kept, { recursive: true, force: true });
      fs.cpSync(path.join(userDataDir, 'logs'), kept, { recursive: true });
    }
    console.log(active ? `start-demo --smoke: ${EXTENSION_ID} is active in the demo (screenshot: test-artifacts/demo-workbench.png)` : `start-demo --smoke: ${EXTENSION_ID} did not activate within 60 s (logs: test-artifacts/demo-logs, ${logFile})`);
    process.exit(active ? 0 : 1);
  }

  console.log(`\nCache Warden demo: ${url}\n`);
  console.log(`  A copy of examples/ is open (${folder}; removed on exit). Ctrl+C stops. code-server log: ${logFile}\n`);
  const stopped = await Promise.race([
    new Promise((resolve) => { onSignal = (signal) => { onSignal = (again) => process.exit(exitCode(again)); resolve(signal); }; }),
    server.exited.then(() => 'exited'),
  ]);
  await server.stop();
  output.end();
  if (stopped === 'exited') {
    console.error(`start-demo: code-server exited unexpectedly. Last lines of ${logFile}:\n${output.tail()}`);
    process.exit(1);
  }
  console.log('Demo stopped; its temporary folder is removed.');
  process.exit(0);
}

main().catch((error) => fail(error instanceof Error ? error.message : String(error)));
