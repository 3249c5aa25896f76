// Problems of the cache configs nobody has open. The on-call engineer opening the diagram, or the
// Problems panel, must see the misconfigured cache without first finding and opening its file —
// the same files `cache-warden check` reports in CI. Open documents stay with the live,
// per-keystroke analysis; this covers the rest from disk: at start (once the cross-file index is
// ready), when a file changes on disk, when a document is closed, and when rule inputs change.
import * as vscode from 'vscode';
import { CACHE_CONFIG_GLOB, CACHE_CONFIG_EXCLUDE_GLOB } from './cacheConfigIndex';
import { toVscode } from './diagnosticsManager';
import { currentRuleEnvironment } from './ruleEnvironment';
import type { WorkspaceAnalysis } from './workspaceAnalysis';

const SETTING = 'validate.closedFiles';

export function registerClosedFileDiagnostics(context: vscode.ExtensionContext, analyses: WorkspaceAnalysis, collection: vscode.DiagnosticCollection): void {
  const enabled = (): boolean => vscode.workspace.getConfiguration('cacheWarden').get<boolean>(SETTING) !== false;
  const isOpen = (uri: vscode.Uri): boolean => vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString());
  const queue = new Map<string, vscode.Uri>();
  let draining = false;

  /** One file per turn of the event loop, so a large workspace never blocks the extension host. */
  const drain = (): void => {
    if (draining) return;
    draining = true;
    const next = (): void => {
      const [key, uri] = queue.entries().next().value ?? [];
      if (!key || !uri) {
        draining = false;
        return;
      }
      queue.delete(key);
      void analyzeFromDisk(uri).finally(() => setImmediate(next));
    };
    setImmediate(next);
  };

  const enqueue = (uris: Iterable<vscode.Uri>): void => {
    if (!enabled()) return;
    for (const uri of uris) if (!isOpen(uri)) queue.set(uri.toString(), uri);
    drain();
  };

  const analyzeFromDisk = async (uri: vscode.Uri): Promise<void> => {
    if (isOpen(uri)) return;
    let text: string;
    try {
      text = Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8');
    } catch {
      collection.delete(uri);
      return;
    }
    try {
      const analysis = analyses.analyzeText(uri, text);
      // Opened while we were reading: the live analysis owns it now.
      if (!isOpen(uri)) collection.set(uri, analysis.diagnostics.map((d) => toVscode(d, context.extensionUri, uri)));
    } catch {
      // analyzeText has logged it; the file keeps whatever it showed before.
    }
  };

  const allCacheConfigs = async (): Promise<void> => {
    enqueue(await vscode.workspace.findFiles(CACHE_CONFIG_GLOB, CACHE_CONFIG_EXCLUDE_GLOB));
  };

  const watcher = vscode.workspace.createFileSystemWatcher(CACHE_CONFIG_GLOB);
  context.subscriptions.push(
    watcher,
    watcher.onDidCreate((uri) => enqueue([uri])),
    watcher.onDidChange((uri) => enqueue([uri])),
    watcher.onDidDelete((uri) => {
      queue.delete(uri.toString());
      if (!isOpen(uri)) collection.delete(uri);
    }),
    // Closing drops the live diagnostics; show what the file on disk has instead.
    vscode.workspace.onDidCloseTextDocument((document) => {
      if (vscode.languages.match({ pattern: CACHE_CONFIG_GLOB }, document)) enqueue([document.uri]);
    }),
    // Cross-file facts, the project file or rule settings changed ("index ready" included).
    currentRuleEnvironment().onDidChange((change) => {
      if (!change.files) void allCacheConfigs();
      else enqueue(change.files.map((file) => vscode.Uri.file(file)));
    }),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (!event.affectsConfiguration(`cacheWarden.${SETTING}`)) return;
      if (enabled()) void allCacheConfigs();
      else for (const [uri] of collection) if (!isOpen(uri)) collection.delete(uri);
    }),
  );
}
