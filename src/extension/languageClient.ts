// The client of the Cache Warden language server. The server (dist/server.js, the same one
// `cache-warden lsp --stdio` runs for other editors) hosts the workspace model and does all the
// analysis in its own process, so heavy work never competes with other extensions in the
// extension host. Diagnostics, hover, completion, definition, links and code actions come from it
// through standard LSP; the diagram and commands use the custom requests in src/server/protocol.ts.
import * as os from 'node:os';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { OPEN_ENTITY_COMMAND, SHOW_DIAGRAM_COMMAND } from '../server/hover';
import { WHAT_REACHES_COMMAND } from '../server/protocol';

/** Where the server answers: YAML, JSON and Markdown files on disk and unsaved. */
export const SERVED_DOCUMENTS = [
  ...['yaml', 'json', 'jsonc', 'markdown'].flatMap((language) => [
    { language, scheme: 'file' },
    { language, scheme: 'untitled' },
  ]),
  // Formats the server's adapters read, whatever language another extension gives them.
  ...['**/*.conf', '**/*.properties', '**/*.tf', '**/*.tfvars'].map((pattern) => ({ scheme: 'file', pattern })),
];

function serverExecArgv(): string[] {
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  return [...(cores <= 2 ? ['--v8-pool-size=1'] : []), '--initial-old-space-size=128'];
}

export function createLanguageClient(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): LanguageClient {
  const module = vscode.Uri.joinPath(context.extensionUri, 'dist', 'server.js').fsPath;
  const serverOptions: ServerOptions = {
    // The start-up scan's V8 flags (why: bin/cache-warden.js, which gives `lsp --stdio` the same):
    // an old generation that starts at 128 MB, and one V8 helper thread on two cores or fewer.
    run: { module, transport: TransportKind.ipc, options: { execArgv: serverExecArgv() } },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: SERVED_DOCUMENTS,
    outputChannel: log,
    // The commands of this extension the server may link to (hovers) and offer (code actions).
    initializationOptions: { clientCommands: [OPEN_ENTITY_COMMAND, SHOW_DIAGRAM_COMMAND, WHAT_REACHES_COMMAND] },
    // Entity hovers link to these commands (datastores also to "What reaches this"), and only these may run from a hover.
    markdown: { isTrusted: { enabledCommands: [OPEN_ENTITY_COMMAND, SHOW_DIAGRAM_COMMAND, WHAT_REACHES_COMMAND] } },
  };
  return new LanguageClient('cacheWarden', 'Cache Warden', serverOptions, clientOptions);
}
