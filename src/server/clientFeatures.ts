// What the connected editor can do beyond plain LSP, decided once at initialize: VS Code's client
// says which of its own commands the server may link to (the diagram, opening a doc); other
// editors get file links instead of command links and no diagram actions. Snippet support comes
// from the standard completion capability.
import type { InitializeParams } from 'vscode-languageserver';

export interface ClientFeatures {
  /** Commands the client runs itself (`cacheWarden.showDiagram`, …). */
  commands: ReadonlySet<string>;
  snippets: boolean;
  /** May the server register for didChangeConfiguration / watched files itself? */
  dynamicConfiguration: boolean;
  dynamicWatchers: boolean;
}

export function clientFeaturesOf(params: InitializeParams): ClientFeatures {
  const options = params.initializationOptions as { clientCommands?: unknown } | undefined;
  const commands = Array.isArray(options?.clientCommands) ? options.clientCommands.filter((c): c is string => typeof c === 'string') : [];
  return {
    commands: new Set(commands),
    snippets: params.capabilities.textDocument?.completion?.completionItem?.snippetSupport === true,
    dynamicConfiguration: params.capabilities.workspace?.didChangeConfiguration?.dynamicRegistration === true,
    dynamicWatchers: params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true,
  };
}

/**
 * A snippet as plain text for clients without snippet support: choices become their first value,
 * placeholders their default text, tab stops nothing.
 */
export function snippetAsPlainText(snippet: string): string {
  return snippet
    .replace(/\$\{\d+\|([^,|}]*)[^}]*\|\}/g, '$1')
    .replace(/\$\{\d+:([^}]*)\}/g, '$1')
    .replace(/\$\{?\d+\}?/g, '')
    .replace(/\\([$}\\])/g, '$1');
}
