// The `cache-warden` command: dispatches to `check`, `graph` and `lsp`. Bundled by esbuild into
// dist/cli.js (self-contained: runs on a machine with nothing but Node, never loads `vscode`).
import { runCheckCommand } from './checkCommand';
import { EXIT_OK, EXIT_USAGE, UsageError, type CliIo } from './cliIo';
import { GRAPH_USAGE, runGraphCommand } from './graphCommand';
import { runLspCommand } from './lspCommand';
import { PACKAGE_VERSION } from './packageInfo';
import { shouldColor } from './terminalStyle';
import { CHECK_USAGE, MAIN_USAGE } from './usage';

const COMMANDS: Record<string, (args: string[], io: CliIo) => Promise<number>> = {
  check: runCheckCommand,
  graph: runGraphCommand,
  lsp: runLspCommand,
};

/** Runs the command line (without `node` and the script path) and returns the exit code. */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined) return usageError(io, 'no command given', MAIN_USAGE);
  if (first === '--help' || first === '-h' || first === 'help') {
    io.stdout(rest[0] === 'check' ? CHECK_USAGE : rest[0] === 'graph' ? GRAPH_USAGE : MAIN_USAGE);
    return EXIT_OK;
  }
  if (first === '--version' || first === '-v') {
    io.stdout(`${PACKAGE_VERSION}\n`);
    return EXIT_OK;
  }
  const command = COMMANDS[first];
  if (!command) {
    const what = first.startsWith('-') ? `unknown option '${first}'` : `unknown command '${first}'`;
    return usageError(io, what, MAIN_USAGE);
  }
  try {
    return await command(rest, io);
  } catch (error) {
    if (error instanceof UsageError) return usageError(io, error.message, error.showUsage && first === 'check' ? CHECK_USAGE : undefined);
    io.stderr(`cache-warden: internal error: ${(error as Error).stack ?? String(error)}\n`);
    return EXIT_USAGE;
  }
}

function usageError(io: CliIo, message: string, usage?: string): number {
  io.stderr(`cache-warden: ${message}\n`);
  if (usage) io.stderr(`\n${usage}`);
  return EXIT_USAGE;
}

/** The process entry: real streams, colour on a terminal unless NO_COLOR, exit code via exitCode. */
async function runAsProcess(): Promise<void> {
  // A reader that stops early (`| head`) closes the pipe: that is not an error of ours.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error;
    });
  }
  const io: CliIo = {
    cwd: process.cwd(),
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    color: shouldColor(process.stdout.isTTY, process.env),
  };
  // exitCode (not exit()) lets piped output drain before the process ends.
  process.exitCode = await main(process.argv.slice(2), io);
}

// Run when this is the entry (`node dist/cli.js`) or when required by bin/cache-warden.js (the
// package's `bin`, which only loads the bundle); stay passive when tests import `main`.
const entry = require.main?.filename ?? '';
if (require.main === module || /[\\/]bin[\\/]cache-warden(\.js)?$/.test(entry)) void runAsProcess();
