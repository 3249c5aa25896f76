'use strict';
// Installs and starts code-server — VS Code's own server and web workbench, published on the npm
// registry — so the integration tests and the demo run in a real VS Code without downloading
// anything from Microsoft or GitHub. Shared by scripts/start-demo.mjs and
// test/runner/runInCodeServer.ts (types in code-server.d.ts). See
// the "Running the tests" section of the README for the moving parts.
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const http = require('node:http');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

// code-server 4.100.3 ships VS Code 1.100.3 and is the newest release that runs on Node 20.
const CODE_SERVER_VERSION = '4.100.3';
const REQUIRED_NODE_MAJOR = 20;

// VS Code's @vscode/ripgrep (1.15.11 in this release, see lib/vscode/npm-shrinkwrap.json) downloads
// rg from GitHub in its postinstall unless it finds this tarball in its cache. We seed that cache
// with the system rg (Debian package `ripgrep`).
const RIPGREP_PACKAGE_VERSION = '1.15.11';
const RIPGREP_RELEASE = 'v13.0.0-10';
const RIPGREP_TARGETS = { x64: 'x86_64-unknown-linux-musl', arm64: 'aarch64-unknown-linux-musl' };

function codeServerInstallDir(repoRoot) {
  return path.join(repoRoot, '.vscode-test', 'code-server');
}

function codeServerBin(installDir) {
  return path.join(installDir, 'node_modules', '.bin', 'code-server');
}

function installMarker(installDir) {
  return path.join(installDir, `.installed-${CODE_SERVER_VERSION}`);
}

function isCodeServerInstalled(installDir) {
  return fs.existsSync(installMarker(installDir)) && fs.existsSync(codeServerBin(installDir));
}

function findOnPath(command) {
  const result = spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : undefined;
}

function seedRipgrepCache(log) {
  const target = RIPGREP_TARGETS[process.arch];
  if (process.platform !== 'linux' || !target) {
    throw new Error(`Installing code-server offline is only set up for Linux x64/arm64 (this is ${process.platform}/${process.arch}).`);
  }
  const cacheDir = path.join(os.tmpdir(), `vscode-ripgrep-cache-${RIPGREP_PACKAGE_VERSION}`);
  const tarball = path.join(cacheDir, `ripgrep-${RIPGREP_RELEASE}-${target}.tar.gz`);
  if (fs.existsSync(tarball)) return;
  const rg = findOnPath('rg');
  if (!rg) throw new Error('ripgrep (`rg`) is not installed; run `node scripts/ensure-system-deps.mjs`.');
  const staging = fs.mkdtempSync(path.join(os.tmpdir(), 'cw-rg-'));
  try {
    fs.copyFileSync(fs.realpathSync(rg), path.join(staging, 'rg'));
    fs.chmodSync(path.join(staging, 'rg'), 0o755);
    fs.mkdirSync(cacheDir, { recursive: true });
    const tar = spawnSync('tar', ['-czf', tarball, '-C', staging, 'rg'], { stdio: 'inherit' });
    if (tar.status !== 0) throw new Error(`tar failed while creating ${tarball}`);
    log(`Seeded the ripgrep cache for @vscode/ripgrep with ${rg}`);
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

// Headers of the running Node, so node-gyp builds VS Code's native modules without downloading
// them (Debian's nodejs puts them in /usr/include/node).
function localNodeDir() {
  const prefix = path.resolve(path.dirname(process.execPath), '..');
  return fs.existsSync(path.join(prefix, 'include', 'node', 'node.h')) ? prefix : undefined;
}

// code-server writes a default config (with a generated password) to ~/.config/code-server unless
// it is pointed at one; ours lives in the install dir and is passed to every invocation.
function codeServerConfig(installDir) {
  const file = path.join(installDir, 'config.yaml');
  if (!fs.existsSync(file)) fs.writeFileSync(file, 'auth: none\n');
  return file;
}

/** The first line of `code-server --version`, e.g. `4.100.3 <commit> with Code 1.100.3`. */
function codeServerVersion(installDir) {
  const result = spawnSync(codeServerBin(installDir), ['--config', codeServerConfig(installDir), '--version'], { encoding: 'utf8' });
  if (result.status !== 0) return undefined;
  return result.stdout.split('\n').find((line) => /^\d+\.\d+\.\d+ /.test(line));
}

function sleepSync(ms) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function processAlive(pid) {
  try { process.kill(pid, 0); return true; } catch (error) { return error.code === 'EPERM'; }
}

/**
 * One installer at a time (e.g. `npm start` and `npm test` started together on a fresh clone):
 * the lock is a directory holding the installer's pid; a lock whose process is gone is taken over.
 * Returns the release function.
 */
function lockInstall(installDir, log) {
  const lockDir = `${installDir}.lock`;
  fs.mkdirSync(path.dirname(lockDir), { recursive: true });
  let announced = false;
  for (;;) {
    try {
      fs.mkdirSync(lockDir);
      fs.writeFileSync(path.join(lockDir, 'pid'), String(process.pid));
      return () => fs.rmSync(lockDir, { recursive: true, force: true });
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
    }
    let holder = NaN;
    try { holder = Number(fs.readFileSync(path.join(lockDir, 'pid'), 'utf8')); } catch { /* being written */ }
    if (Number.isInteger(holder) && holder > 0 && !processAlive(holder)) {
      fs.rmSync(lockDir, { recursive: true, force: true });
      continue;
    }
    if (!announced) log(`Waiting for another process (pid ${holder}) that is installing code-server…`);
    announced = true;
    sleepSync(1000);
  }
}

/**
 * Installs code-server into `<repo>/.vscode-test/code-server` unless a finished install is there
 * (marked by `.installed-<version>`). Returns the path of the `code-server` executable.
 */
function ensureCodeServer({ repoRoot, log = console.log }) {
  const installDir = codeServerInstallDir(repoRoot);
  if (isCodeServerInstalled(installDir)) return codeServerBin(installDir);
  const unlock = lockInstall(installDir, log);
  try {
    // The process that held the lock may have finished the install meanwhile.
    if (isCodeServerInstalled(installDir)) return codeServerBin(installDir);
    return installCodeServer(installDir, log);
  } finally {
    unlock();
  }
}

function installCodeServer(installDir, log) {
  const repoRoot = path.resolve(installDir, '..', '..');

  const nodeMajor = Number(process.versions.node.split('.')[0]);
  if (nodeMajor !== REQUIRED_NODE_MAJOR) {
    throw new Error(`code-server ${CODE_SERVER_VERSION} needs Node ${REQUIRED_NODE_MAJOR}; this is Node ${process.versions.node}.`);
  }
  log(`Installing code-server ${CODE_SERVER_VERSION} into ${path.relative(repoRoot, installDir)} (first run only, a few minutes)…`);
  const started = Date.now();
  seedRipgrepCache(log);

  fs.rmSync(installDir, { recursive: true, force: true });
  fs.mkdirSync(installDir, { recursive: true });
  // A private project, so code-server's dependencies never mix with the extension's. Its
  // allowScripts policy approves the install scripts code-server needs: its own postinstall
  // (which installs VS Code's server dependencies and builds their native modules) and argon2's.
  const manifest = {
    name: 'cache-warden-code-server',
    private: true,
    description: 'code-server for Cache Warden integration tests and demo (installed by scripts/lib/code-server.js)',
    dependencies: { 'code-server': CODE_SERVER_VERSION },
    allowScripts: { 'code-server': true, argon2: true },
  };
  fs.writeFileSync(path.join(installDir, 'package.json'), JSON.stringify(manifest, null, 2) + '\n');

  const env = {
    ...process.env,
    // code-server's postinstall refuses to run as root without this.
    npm_config_unsafe_perm: 'true',
    // node-pty's install calls `npx node-gyp`, which would otherwise stop and ask.
    npm_config_yes: 'true',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
  };
  const nodeDir = localNodeDir();
  if (nodeDir && !env.npm_config_nodedir) env.npm_config_nodedir = nodeDir;

  const npm = spawnSync('npm', ['install', '--omit=dev', '--no-package-lock'], { cwd: installDir, env, stdio: 'inherit' });
  if (npm.status !== 0) {
    throw new Error(`Installing code-server failed (npm exit ${npm.status}). See the npm output above; ` +
      'missing system packages are the usual cause: run `node scripts/ensure-system-deps.mjs`.');
  }
  const version = codeServerVersion(installDir);
  if (!version || !version.startsWith(`${CODE_SERVER_VERSION} `)) {
    throw new Error(`code-server was installed but \`code-server --version\` printed ${JSON.stringify(version)}.`);
  }
  fs.writeFileSync(installMarker(installDir), `${version}\ninstalled ${new Date().toISOString()}\n`);
  log(`code-server ready (${version}) in ${Math.round((Date.now() - started) / 1000)} s`);
  return codeServerBin(installDir);
}

/** A TCP port on the loopback interface that was free a moment ago. */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Writes `<userDataDir>/User/settings.json`. */
function writeUserSettings(userDataDir, settings) {
  const userDir = path.join(userDataDir, 'User');
  fs.mkdirSync(userDir, { recursive: true });
  fs.writeFileSync(path.join(userDir, 'settings.json'), JSON.stringify(settings, null, 2) + '\n');
}

/** Settings every automated or demo session needs: no trust prompt, no welcome page, no network chatter. */
const QUIET_SETTINGS = {
  'security.workspace.trust.enabled': false,
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
};

function httpStatus(url) {
  return new Promise((resolve) => {
    const request = http.get(url, (response) => { response.resume(); resolve(response.statusCode); });
    request.on('error', () => resolve(undefined));
    request.setTimeout(2000, () => { request.destroy(); resolve(undefined); });
  });
}

function killGroup(child, signal) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  try { process.kill(-child.pid, signal); } catch { /* already gone */ }
}

/**
 * Starts code-server on 127.0.0.1:<port> in its own process group and waits until it answers.
 * `output` receives everything it prints. `stop()` ends the whole group (code-server and its
 * extension hosts); `stopSync()` is for process exit handlers.
 */
async function startCodeServer({ bin, port, userDataDir, extensionsDir, folder, env = {}, output, readyTimeoutMs = 60000 }) {
  const args = [
    '--config', codeServerConfig(path.resolve(bin, '..', '..', '..')),
    '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`,
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust',
    '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir,
  ];
  if (folder) args.push(folder);
  const child = spawn(bin, args, { detached: true, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const forward = (chunk) => output && output(chunk.toString());
  child.stdout.on('data', forward);
  child.stderr.on('data', forward);
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));

  const stopSync = () => killGroup(child, 'SIGKILL');
  const stop = async () => {
    killGroup(child, 'SIGTERM');
    const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
    killGroup(child, 'SIGKILL'); // extension hosts left in the group
  };

  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + readyTimeoutMs;
  let exitedEarly;
  exited.then((status) => { exitedEarly = status; });
  while (Date.now() < deadline) {
    if (exitedEarly) throw new Error(`code-server exited before it was ready (${JSON.stringify(exitedEarly)}).`);
    if ((await httpStatus(`${url}/healthz`)) === 200) return { url, port, child, stop, stopSync, exited };
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  await stop();
  throw new Error(`code-server did not answer on ${url} within ${readyTimeoutMs / 1000} s.`);
}

/** Installs a .vsix into an extensions dir with code-server's CLI (works offline). */
function installVsix({ bin, vsixPath, extensionsDir, userDataDir }) {
  const result = spawnSync(bin, ['--config', codeServerConfig(path.resolve(bin, '..', '..', '..')), '--extensions-dir', extensionsDir, '--user-data-dir', userDataDir, '--force', '--install-extension', vsixPath], { encoding: 'utf8' });
  if (result.status !== 0) {
    throw new Error(`code-server --install-extension ${vsixPath} failed:\n${result.stdout}${result.stderr}`);
  }
  return result.stdout.trim();
}

/** Flags that make headless Chromium quiet and self-contained. */
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'];
const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

module.exports = {
  CODE_SERVER_VERSION,
  CHROMIUM_ARGS,
  CHROMIUM_PATH,
  QUIET_SETTINGS,
  codeServerInstallDir,
  codeServerBin,
  isCodeServerInstalled,
  ensureCodeServer,
  freePort,
  writeUserSettings,
  startCodeServer,
  installVsix,
};
