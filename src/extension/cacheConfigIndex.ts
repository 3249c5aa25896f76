// The workspace index of cache configs for cross-file rules (CW007: a volatile-* backend in one
// file and a never-expiring cache in another; CW004: backends shared across files). It reads every
// `*.cache.{yaml,yml,json}` once, keeps each file's facts, and on a change re-reads only that file;
// when its facts change, the open files that share a backend name with it are re-analyzed.
// Open documents also refresh their own facts on every analysis (runRules records them), so the
// index follows unsaved edits.
import * as vscode from 'vscode';
import { parseFile } from '../core/document/parse';
import { factsOfFile } from '../core/rules/workspaceFacts';
import type { RuleEnvironment } from './ruleEnvironment';

export const CACHE_CONFIG_GLOB = '**/*.cache.{yaml,yml,json}';
export const CACHE_CONFIG_EXCLUDE_GLOB = '**/{node_modules,.git,out,dist,.vscode-test}/**';

export function registerCacheConfigIndex(context: vscode.ExtensionContext, env: RuleEnvironment, log: vscode.LogOutputChannel): void {
  const refresh = async (uri: vscode.Uri): Promise<void> => {
    // An open document is the truth for its file (unsaved edits included).
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    let text: string;
    try {
      text = open ? open.getText() : Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8');
    } catch {
      forget(uri);
      return;
    }
    const before = env.facts.get(uri.fsPath);
    if (env.facts.set(uri.fsPath, factsOfFile(uri.fsPath, parseFile(text)))) announce(uri, before);
  };
  const forget = (uri: vscode.Uri): void => {
    const before = env.facts.get(uri.fsPath);
    if (env.facts.delete(uri.fsPath)) announce(uri, before);
  };
  const announce = (uri: vscode.Uri, before: ReturnType<typeof env.facts.get>): void => {
    const files = env.facts.filesAffectedBy(uri.fsPath, before);
    if (files.length) env.fire({ files, reason: `cache config ${vscode.workspace.asRelativePath(uri)} changed` });
  };

  const watcher = vscode.workspace.createFileSystemWatcher(CACHE_CONFIG_GLOB);
  context.subscriptions.push(
    watcher,
    watcher.onDidCreate((uri) => void refresh(uri)),
    watcher.onDidChange((uri) => void refresh(uri)),
    watcher.onDidDelete((uri) => forget(uri)),
    // A document closed without saving held facts that are not on disk: re-read the file.
    vscode.workspace.onDidCloseTextDocument((doc) => {
      if (vscode.languages.match({ pattern: CACHE_CONFIG_GLOB }, doc)) void refresh(doc.uri);
    }),
  );

  void (async () => {
    const started = Date.now();
    const uris = await vscode.workspace.findFiles(CACHE_CONFIG_GLOB, CACHE_CONFIG_EXCLUDE_GLOB);
    await Promise.all(uris.map((uri) => refresh(uri)));
    log.info(`Cache config index: ${uris.length} file(s) in ${Date.now() - started} ms`);
    // Files analyzed before the index was complete may have missed cross-file facts.
    env.fire({ reason: 'cache config index ready' });
  })();
}
