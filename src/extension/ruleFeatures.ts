// Wires the semantic-rule features: the shared rule environment, the workspace index of cache
// configs (cross-file rules), the project file and settings watcher, and the quick fixes.
import * as vscode from 'vscode';
import { registerCacheConfigIndex } from './cacheConfigIndex';
import { registerRuleQuickFixes } from './codeActions';
import { registerProjectConfigWatcher } from './projectConfigWatcher';
import { currentRuleEnvironment } from './ruleEnvironment';

export function registerRuleFeatures(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): void {
  const env = currentRuleEnvironment();
  context.subscriptions.push(env);
  registerProjectConfigWatcher(context, env, log);
  registerCacheConfigIndex(context, env, log);
  registerRuleQuickFixes(context, env);
}
