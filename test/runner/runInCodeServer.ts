// Runs the integration suite (test/vscode) inside a real VS Code, offline: code-server (VS Code's
// server and web workbench, from the npm registry) on loopback, its workbench opened in headless
// Chromium with this repo as the extension under development. The suite runs in code-server's
// Node extension host; its report is forwarded to this terminal.
//
//   node out/test/runner/runInCodeServer.js [--grep <pattern>] [--timeout <seconds>]
//
// Exit status: the suite's (0 only if tests ran and all passed); 1 on timeout or any failure of
// the setup; 130 on Ctrl+C. code-server and the browser are stopped on every path.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { prepareTestWorkspace } from './testWorkspace';

type CodeServerLib = typeof import('../../scripts/lib/code-server');

const repoRoot = path.resolve(__dirname, '..', '..', '..');
// Plain CommonJS shared with scripts/start-demo.mjs; loaded at run time because tsc does not copy it into out/.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const codeServer: CodeServerLib = require(path.join(repoRoot, 'scripts', 'lib', 'code-server.js'));

const testsEntry = path.join(repoRoot, 'out', 'test', 'vscode', 'index.js');
const artifactsDir = path.join(repoRoot, 'test-artifacts');
const DEFAULT_TIMEOUT_S = 600;

interface Options { grep?: string; timeoutS: number }
interface Outcome { code: number; reason: string }

function usage(): never {
  console.log('usage: node out/test/runner/runInCodeServer.js [--grep <pattern>] [--timeout <seconds>]\n' +
    `  --grep     run only tests whose full title matches (a JavaScript regular expression)\n` +
    `  --timeout  give up after this many seconds (default ${DEFAULT_TIMEOUT_S}, or $CACHE_WARDEN_TEST_TIMEOUT)`);
  process.exit(0);
}

function parseArgs(argv: string[]): Options {
  const options: Options = { timeoutS: Number(process.env.CACHE_WARDEN_TEST_TIMEOUT) || DEFAULT_TIMEOUT_S };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = (): string => {
      const next = argv[++i];
      if (next === undefined) throw new Error(`${arg} needs a value`);
      return next;
    };
    if (arg === '--grep' || arg === '-g') options.grep = value();
    else if (arg.startsWith('--grep=')) options.grep = arg.slice('--grep='.length);
    else if (arg === '--timeout') options.timeoutS = Number(value());
    else if (arg === '--help' || arg === '-h') usage();
    else throw new Error(`unknown argument ${arg} (see --help)`);
  }
  if (!(options.timeoutS > 0)) throw new Error('--timeout must be a positive number of seconds');
  if (options.grep !== undefined) new RegExp(options.grep); // fail here, not inside the extension host
  return options;
}

/** Prints what the suite appends to its report file, as it appears. */
function tailFile(file: string, write: (text: string) => void): { flush: () => void; stop: () => void } {
  let offset = 0;
  const flush = (): void => {
    if (!fs.existsSync(file)) return;
    const size = fs.statSync(file).size;
    if (size <= offset) return;
    const buffer = Buffer.alloc(size - offset);
    const fd = fs.openSync(file, 'r');
    try { fs.readSync(fd, buffer, 0, buffer.length, offset); } finally { fs.closeSync(fd); }
    offset = size;
    write(buffer.toString('utf8'));
  };
  const timer = setInterval(flush, 200);
  return { flush, stop: () => { clearInterval(timer); flush(); } };
}

async function main(): Promise<number> {
  const started = Date.now();
  const options = parseArgs(process.argv.slice(2));
  for (const [file, hint] of [[path.join(repoRoot, 'dist', 'extension.js'), 'npm run build'], [testsEntry, 'npx tsc -p tsconfig.test.json']]) {
    if (!fs.existsSync(file)) throw new Error(`${path.relative(repoRoot, file)} is missing; run \`${hint}\` first.`);
  }
  const bin = codeServer.ensureCodeServer({ repoRoot, log: (message) => console.log(message) });

  const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cache-warden-vscode-'));
  const workspaceDir = path.join(tempDir, 'workspace');
  const userDataDir = path.join(tempDir, 'user-data');
  const reportFile = path.join(tempDir, 'report.txt');
  const tempTmpDir = path.join(tempDir, 'tmp');
  fs.mkdirSync(tempTmpDir);
  prepareTestWorkspace(repoRoot, workspaceDir);
  codeServer.writeUserSettings(userDataDir, { ...codeServer.QUIET_SETTINGS });
  fs.mkdirSync(artifactsDir, { recursive: true });
  const serverLog = fs.createWriteStream(path.join(artifactsDir, 'integration-code-server.log'));
  const consoleLog = fs.createWriteStream(path.join(artifactsDir, 'integration-browser-console.log'));

  let starting: ReturnType<CodeServerLib['startCodeServer']> | undefined;
  let server: Awaited<ReturnType<CodeServerLib['startCodeServer']>> | undefined;
  let browser: Browser | undefined;
  let page: Page | undefined;
  let resolveSignal: (outcome: Outcome) => void = () => undefined;
  const interrupted = new Promise<Outcome>((resolve) => { resolveSignal = resolve; });
  let signalled: Outcome | undefined;
  const onSignal = (signal: NodeJS.Signals): void => {
    signalled = { code: signal === 'SIGINT' ? 130 : 143, reason: `interrupted (${signal})` };
    resolveSignal(signalled);
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.once(signal, onSignal);
  // Last resort if this process dies without reaching the cleanup below.
  const killOnExit = (): void => server?.stopSync();
  process.on('exit', killOnExit);

  const report = tailFile(reportFile, (text) => process.stdout.write(text));
  let outcome: Outcome;
  try {
    const port = await codeServer.freePort();
    starting = codeServer.startCodeServer({
      bin, port, userDataDir,
      extensionsDir: path.join(tempDir, 'extensions'),
      folder: workspaceDir,
      env: {
        // code-server and the git extension leave sockets in the temp dir; keep them in ours.
        TMPDIR: tempTmpDir,
        CACHE_WARDEN_TEST_REPORT: reportFile,
        ...(options.grep !== undefined ? { CACHE_WARDEN_TEST_GREP: options.grep } : {}),
      },
      output: (text) => serverLog.write(text),
    });
    server = await Promise.race([starting, interrupted.then((o) => { throw new Error(o.reason); })]);
    const running = server;

    // Signals are handled above (Playwright's own handlers would exit before code-server is stopped).
    browser = await chromium.launch({
      executablePath: codeServer.CHROMIUM_PATH, headless: true, args: codeServer.CHROMIUM_ARGS,
      handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false,
    });
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    page = await context.newPage();
    // code-server's own service worker takes over webview iframes, which then never load.
    // (A string: this runs in the page, and the runner is compiled without DOM types.)
    await page.addInitScript(`(() => {
      const sw = navigator.serviceWorker;
      if (!sw) return;
      const register = sw.register.bind(sw);
      sw.register = (url, opts) => String(url).includes('_static/out/browser/serviceWorker.js')
        ? Promise.reject(new Error('disabled for tests'))
        : register(url, opts);
    })();`);
    let resolveExit: (code: number) => void = () => undefined;
    const suiteExit = new Promise<number>((resolve) => { resolveExit = resolve; });
    await page.exposeFunction('codeAutomationExit', (code: number) => resolveExit(Number(code)));
    page.on('console', (message) => {
      const text = message.text();
      consoleLog.write(`[${message.type()}] ${text}\n`);
      // The suite mirrors its own console into the report; from the workbench only errors that
      // name the extension matter here (e.g. "Activating extension 'cache-warden.cache-warden' failed").
      if (message.type() === 'error' && text.includes('cache-warden.cache-warden')) process.stdout.write(`  [workbench] ${text.replace(/^%c\s*ERR color: \S+ /, '')}\n`);
    });
    const pageCrashed = new Promise<Outcome>((resolve) => page!.on('crash', () => resolve({ code: 1, reason: 'the browser page crashed' })));

    const remote = (file: string): string => `vscode-remote://127.0.0.1:${port}${file}`;
    const payload = [
      ['extensionDevelopmentPath', remote(repoRoot)],
      ['extensionTestsPath', remote(testsEntry)],
      ['skipWelcome', 'true'],
    ];
    const url = `${running.url}/?folder=${encodeURIComponent(workspaceDir)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
    console.log(`code-server ${codeServer.CODE_SERVER_VERSION} on ${running.url}; running the suite${options.grep ? ` (--grep ${options.grep})` : ''}…`);
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60_000 });

    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<Outcome>((resolve) => {
      timer = setTimeout(() => resolve({ code: 1, reason: `timed out after ${options.timeoutS} s (raise it with --timeout <seconds>)` }), options.timeoutS * 1000);
    });
    outcome = await Promise.race([
      suiteExit.then((code) => ({ code, reason: code === 0 ? 'the suite passed' : `the suite failed (exit ${code})` })),
      timedOut,
      interrupted,
      pageCrashed,
      running.exited.then((status) => ({ code: 1, reason: `code-server exited during the run (${JSON.stringify(status)})` })),
    ]);
    clearTimeout(timer);
  } catch (error) {
    outcome = signalled ?? { code: 1, reason: error instanceof Error ? error.message : String(error) };
  }

  // Cleanup runs on every path; a second Ctrl+C while it runs still ends in the exit handler.
  report.stop();
  if (page && !page.isClosed()) {
    const screenshot = path.join(artifactsDir, 'integration-workbench.png');
    await page.screenshot({ path: screenshot, timeout: 10_000 }).then(
      () => console.log(`screenshot: ${path.relative(repoRoot, screenshot)}`),
      (error: Error) => console.log(`no screenshot: ${error.message.split('\n')[0]}`));
  }
  await browser?.close().catch(() => undefined);
  // Interrupted while code-server was starting: it still has to be stopped once it is up.
  server ??= await starting?.catch(() => undefined);
  await server?.stop();
  process.off('exit', killOnExit);
  await Promise.all([serverLog, consoleLog].map((stream) => new Promise((resolve) => stream.end(resolve))));
  fs.rmSync(tempDir, { recursive: true, force: true });

  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (outcome.code !== 0) {
    console.log(`logs: test-artifacts/integration-code-server.log, test-artifacts/integration-browser-console.log`);
  }
  console.log(`code-server integration run ${outcome.code === 0 ? 'PASSED' : 'FAILED'}: ${outcome.reason} (${seconds} s)`);
  return outcome.code;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`code-server integration run FAILED: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
