// Activation starts the language server's client and wires what is VS Code's own: the diagram
// webview, commands and the schema status item. All analysis happens in the server process.
import * as vscode from 'vscode';
import { registerDiagram } from './diagramCommands';
import { createLanguageClient } from './languageClient';
import { registerOpenDocumentation } from './openDocumentation';
import { registerSchemaStatus } from './schemaStatus';
import { ServerCatalog } from './serverCatalog';
import { registerTestCommands } from './testCommands';
import { registerWhatReaches } from './whatReaches';

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const started = performance.now();
  const log = vscode.window.createOutputChannel('Cache Warden', { log: true });
  context.subscriptions.push(log);
  const client = createLanguageClient(context, log);
  const catalog = new ServerCatalog(client);
  context.subscriptions.push(catalog, { dispose: () => void client.stop() });
  // -- feature registrations (one line each; keep this list short and in this order) --
  const diagram = registerDiagram(context, log, catalog);
  registerOpenDocumentation(context, catalog);
  registerWhatReaches(context, catalog, diagram);
  registerSchemaStatus(context, client);
  registerTestCommands(context, diagram, client);
  // The server starts in its own process; activation does not wait for its first scan.
  await client.start();
  log.info(`Cache Warden ${context.extension.packageJSON.version} activated in ${(performance.now() - started).toFixed(1)} ms (server started)`);
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions (the client stops with them).
}
