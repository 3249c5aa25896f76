// `cache-warden lsp --stdio`: the Cache Warden language server for any editor (Neovim, Helix, Zed,
// Emacs, Sublime…), speaking LSP on standard input and output. The VS Code extension runs the
// same server.
import { createConnection, ProposedFeatures, StreamMessageReader } from 'vscode-languageserver/node';
import { startServer } from '../server/server';
import { StdioMessageWriter } from '../server/stdioWriter';
import { EXIT_OK, UsageError, type CliIo } from './cliIo';

export const LSP_USAGE = `Usage: cache-warden lsp --stdio

Starts the Cache Warden language server on standard input and output (LSP 3.17): diagnostics,
hover, completion, Go to Definition, document links and quick fixes for cache configs, any YAML or
JSON file with a schema, and docs' front matter. Point your editor's LSP client at this command.
`;

export async function runLspCommand(args: readonly string[], io: CliIo): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout(LSP_USAGE);
    return EXIT_OK;
  }
  const unknown = args.filter((arg) => arg !== '--stdio');
  if (unknown.length) throw new UsageError(`lsp: unknown option '${unknown[0]}' (only --stdio is supported)`);
  if (!args.includes('--stdio')) throw new UsageError('lsp: give --stdio (the server talks LSP on standard input and output)');
  const connection = createConnection(ProposedFeatures.all, new StreamMessageReader(process.stdin), new StdioMessageWriter(process.stdout));
  // Anything printed would corrupt the protocol stream: console output goes to the client's log.
  console.log = (...parts: unknown[]) => connection.console.log(parts.map(String).join(' '));
  console.error = (...parts: unknown[]) => connection.console.error(parts.map(String).join(' '));
  startServer(connection);
  // The connection ends the process on `exit`; until then this command never returns.
  return new Promise<number>(() => undefined);
}
