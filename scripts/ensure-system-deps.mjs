// Checks the system packages the tests and the demo need (code-server builds native modules and
// needs ripgrep; the tests drive the system Chromium). On Debian/Ubuntu as root it installs what
// is missing; otherwise it exits non-zero naming exactly what to install.
//   node scripts/ensure-system-deps.mjs [--check]   (--check: never install, only report)
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

const REQUIRED_NODE_MAJOR = 20; // code-server 4.100.3 (VS Code 1.100.3) runs on Node 20 only

/** Debian package → why it is needed. */
const PACKAGES = {
  chromium: 'the headless browser that drives the VS Code workbench in the tests',
  ripgrep: "VS Code's search (seeds @vscode/ripgrep, which would otherwise download rg)",
  'libkrb5-dev': 'builds the kerberos native module of VS Code server',
  'libx11-dev': 'builds native modules of VS Code server',
  'libxkbfile-dev': 'builds native modules of VS Code server',
  'libsecret-1-dev': 'builds native modules of VS Code server',
  'pkg-config': 'locates the libraries above while building',
  'build-essential': 'C/C++ compiler and make for node-gyp',
  python3: 'node-gyp',
  'ca-certificates': 'HTTPS to the npm registry',
};

const checkOnly = process.argv.includes('--check');

function fail(message) {
  console.error(`ensure-system-deps: ${message}`);
  process.exit(1);
}

function isDebian() {
  return fs.existsSync('/etc/debian_version') && spawnSync('sh', ['-c', 'command -v dpkg-query && command -v apt-get'], { stdio: 'ignore' }).status === 0;
}

function installed(name) {
  const result = spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' });
  return result.status === 0 && result.stdout.trim() === 'install ok installed';
}

function run(command, args) {
  console.log(`ensure-system-deps: ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  if (result.status !== 0) fail(`\`${command} ${args.join(' ')}\` failed (exit ${result.status}).`);
}

const nodeMajor = Number(process.versions.node.split('.')[0]);
if (nodeMajor !== REQUIRED_NODE_MAJOR) {
  fail(`Node ${REQUIRED_NODE_MAJOR} is required (code-server 4.100.3, which runs the VS Code tests, supports only Node ${REQUIRED_NODE_MAJOR}); this is Node ${process.versions.node}.`);
}

if (process.platform !== 'linux' || !isDebian()) {
  fail(`this is not a Debian-based Linux, so packages cannot be checked automatically. Install the equivalents of: ${Object.keys(PACKAGES).join(' ')}` +
    ' (Chromium must be at /usr/bin/chromium or named by $CHROMIUM_PATH).');
}

const missing = Object.keys(PACKAGES).filter((name) => !installed(name));
if (missing.length === 0) {
  console.log('ensure-system-deps: all system packages present');
  process.exit(0);
}

const list = missing.map((name) => `  ${name.padEnd(16)} ${PACKAGES[name]}`).join('\n');
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
if (checkOnly || !isRoot) {
  fail(`missing system packages:\n${list}\nInstall them with:\n  sudo apt-get update && sudo apt-get install -y ${missing.join(' ')}`);
}

console.log(`ensure-system-deps: installing missing system packages:\n${list}`);
run('apt-get', ['update']);
run('apt-get', ['install', '-y', '--no-install-recommends', ...missing]);
const stillMissing = missing.filter((name) => !installed(name));
if (stillMissing.length > 0) fail(`still missing after apt-get install: ${stillMissing.join(' ')}`);
console.log('ensure-system-deps: all system packages present');
