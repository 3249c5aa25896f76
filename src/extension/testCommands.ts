// Commands the integration tests use to see what the webview drew, click a node through the
// webview's own listener, restore a saved diagram and read the server's work counters. Registered
// only when VS Code runs the extension's tests (ExtensionMode.Test): they never ship to users.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { STATS_REQUEST, type ModelStats } from '../server/protocol';
import type { DiagramController } from './diagramCommands';
import { DIAGRAM_VIEW_TYPE, type RenderRecord } from './graphPanel';
import type { DiagramState } from '../core/graph/webviewProtocol';

export const TEST_COMMANDS = {
  lastRender: 'cacheWarden.test.diagram.lastRender',
  simulateClick: 'cacheWarden.test.diagram.simulateClick',
  waitForRender: 'cacheWarden.test.diagram.waitForRender',
  state: 'cacheWarden.test.diagram.state',
  restore: 'cacheWarden.test.diagram.restore',
  serverStats: 'cacheWarden.test.serverStats',
} as const;

export function registerTestCommands(context: vscode.ExtensionContext, diagram: DiagramController, client: LanguageClient): void {
  if (context.extensionMode !== vscode.ExtensionMode.Test) return;
  context.subscriptions.push(
    vscode.commands.registerCommand(TEST_COMMANDS.lastRender, (): RenderRecord | undefined => diagram.current()?.lastRenderReport),
    vscode.commands.registerCommand(TEST_COMMANDS.simulateClick, (idOrRef: unknown): boolean =>
      typeof idOrRef === 'string' && diagram.current()?.simulateClick(idOrRef) === true,
    ),
    vscode.commands.registerCommand(TEST_COMMANDS.waitForRender, async (): Promise<RenderRecord | undefined> => {
      const panel = diagram.current();
      if (!panel) return undefined;
      await panel.nextRender();
      return diagram.current()?.lastRenderReport;
    }),
    vscode.commands.registerCommand(TEST_COMMANDS.state, (): DiagramState | undefined => diagram.current()?.currentState),
    vscode.commands.registerCommand(TEST_COMMANDS.restore, async (saved: unknown): Promise<void> => {
      const panel = vscode.window.createWebviewPanel(DIAGRAM_VIEW_TYPE, 'Dependency Diagram', vscode.ViewColumn.Beside, {});
      await diagram.restore(panel, saved);
    }),
    vscode.commands.registerCommand(TEST_COMMANDS.serverStats, (): Promise<ModelStats> => client.sendRequest<ModelStats>(STATS_REQUEST)),
  );
}
