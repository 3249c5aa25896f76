// Activation only wires features together; each feature lives in its own file and registers
// its providers, commands and listeners here. Heavy work (schema compile, workspace index) is
// deferred until a feature needs it, so activation stays cheap.
import * as vscode from 'vscode';
import { registerRuleFeatures } from './ruleFeatures';
import { registerSchemaFeatures } from './schemaFeatures';
import { registerCatalog } from './catalogIndex';
import { registerDiagram } from './diagramCommands';

export function activate(context: vscode.ExtensionContext): void {
  const started = performance.now();
  const log = vscode.window.createOutputChannel('Cache Warden', { log: true });
  context.subscriptions.push(log);
  // -- feature registrations (one line each; keep this list short and in this order) --
  registerRuleFeatures(context, log);
  registerSchemaFeatures(context, log);
  const catalog = registerCatalog(context, log);
  registerDiagram(context, log, () => catalog);
  log.info(`Cache Warden ${context.extension.packageJSON.version} activated in ${(performance.now() - started).toFixed(1)} ms`);
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
