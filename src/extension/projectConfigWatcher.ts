// Reads `.cachewarden.yaml` at the workspace root and the `cacheWarden.rules` /
// `cacheWarden.ruleOverrides` settings, and re-analyzes every file when either changes, so a
// severity edited in the project file shows in the Problems list without a reload. While the project
// file is open, its unsaved text counts (debounced), like any other config being edited.
import * as vscode from 'vscode';
import { loadProjectConfig, PROJECT_CONFIG_FILE } from '../core/project/projectConfig';
import { readEditorRuleSettings, type RuleEnvironment } from './ruleEnvironment';

const DEBOUNCE_MS = 150;

export function registerProjectConfigWatcher(context: vscode.ExtensionContext, env: RuleEnvironment, log: vscode.LogOutputChannel): void {
  const folder = vscode.workspace.workspaceFolders?.[0];
  env.editorSettings = readEditorRuleSettings(folder?.uri);
  if (!folder) return;
  const projectUri = vscode.Uri.joinPath(folder.uri, PROJECT_CONFIG_FILE);
  let lastText: string | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const apply = (text: string | undefined, reason: string): void => {
    if (text === lastText) return;
    lastText = text;
    env.projectConfig = text === undefined ? undefined : loadProjectConfig(text, projectUri.fsPath).config;
    log.info(`Rule configuration: ${reason}`);
    env.fire({ reason });
  };
  const readFromDisk = async (reason: string): Promise<void> => {
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === projectUri.toString());
    if (open) return apply(open.getText(), reason);
    try {
      apply(Buffer.from(await vscode.workspace.fs.readFile(projectUri)).toString('utf8'), reason);
    } catch {
      apply(undefined, `${PROJECT_CONFIG_FILE} not found; rule defaults and settings apply`);
    }
  };

  const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, PROJECT_CONFIG_FILE));
  context.subscriptions.push(
    watcher,
    watcher.onDidCreate(() => void readFromDisk(`${PROJECT_CONFIG_FILE} created`)),
    watcher.onDidChange(() => void readFromDisk(`${PROJECT_CONFIG_FILE} saved`)),
    watcher.onDidDelete(() => apply(undefined, `${PROJECT_CONFIG_FILE} deleted`)),
    vscode.workspace.onDidChangeTextDocument((event) => {
      if (event.document.uri.toString() !== projectUri.toString() || event.contentChanges.length === 0) return;
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => apply(event.document.getText(), `${PROJECT_CONFIG_FILE} edited`), DEBOUNCE_MS);
    }),
    vscode.workspace.onDidCloseTextDocument((doc) => {
      if (doc.uri.toString() === projectUri.toString()) void readFromDisk(`${PROJECT_CONFIG_FILE} closed`);
    }),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (!event.affectsConfiguration('cacheWarden.rules') && !event.affectsConfiguration('cacheWarden.ruleOverrides')) return;
      env.editorSettings = readEditorRuleSettings(folder.uri);
      env.fire({ reason: 'rule settings changed' });
    }),
    { dispose: () => timer && clearTimeout(timer) },
  );
  void readFromDisk(`${PROJECT_CONFIG_FILE} loaded`);
}
