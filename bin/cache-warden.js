#!/usr/bin/env node
'use strict';
// The CLI lives in the esbuild bundle (src/cli/main.ts → dist/cli.js); `npm run build` creates it.
//
// `cache-warden lsp --stdio` on a machine with two cores or fewer runs the server in a child
// process with V8 flags for its start-up scan, which keeps the main thread busy for about a second:
// one V8 helper thread instead of four (`--v8-pool-size=1`: four helpers for garbage collection and
// the optimizing compilers, on two cores, take the main thread's core from it), and an old
// generation that starts at 128 MB (`--initial-old-space-size`: no full collections while the
// model grows to its size). On 500 configs + 2,000 docs the two save about 150 ms of the ~1.1 s,
// more than the ~40 ms the extra process start costs (docs/BENCHMARKS.md, start-up). The VS Code
// client starts its server with the same flags (src/extension/languageClient.ts).
const SERVER_FLAGS = ['--v8-pool-size=1', '--initial-old-space-size=128'];
const CHILD = 'CACHE_WARDEN_LSP_CHILD';
const args = process.argv.slice(2);
if (process.env[CHILD] === '1' && typeof process.send === 'function') {
  // The server, started below: the parent holds the other end of this channel, and when the parent
  // ends — even killed outright, as editors and tests do — so does the server, at once.
  delete process.env[CHILD];
  process.on('disconnect', () => process.exit(0));
  process.channel?.unref();
  require('../dist/cli.js');
} else if (args[0] === 'lsp' && args.includes('--stdio') && smallMachine() && !process.execArgv.some((arg) => arg.startsWith('--v8-pool-size'))) {
  const { spawn } = require('node:child_process');
  const child = spawn(process.execPath, [...process.execArgv, ...SERVER_FLAGS, __filename, ...args], {
    stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
    env: { ...process.env, [CHILD]: '1' },
  });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
  child.on('error', (error) => {
    process.stderr.write(`cache-warden: could not start the language server: ${error.message}\n`);
    process.exitCode = 2;
  });
  child.on('exit', (code, signal) => {
    if (signal) process.kill(process.pid, signal);
    else process.exitCode = code ?? 0;
  });
} else {
  require('../dist/cli.js');
}

function smallMachine() {
  const os = require('node:os');
  return (typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length) <= 2;
}
