// What the rules step of every analysis needs beyond the file's own text: the workspace facts
// (cross-file rules), the project file `.cachewarden.yaml` and the `cacheWarden.rules` /
// `cacheWarden.ruleOverrides` settings. One instance per extension host; the analysis service reads
// `ruleOptions()` for each analysis and re-analyzes the files `onDidChange` names.
import * as vscode from 'vscode';
import type { ProjectConfig } from '../core/project/projectConfig';
import type { EditorRuleSettings } from '../core/project/severity';
import type { RuleRunOptions } from '../core/rules/runRules';
import { WorkspaceFacts } from '../core/rules/workspaceFacts';

/** Which files need a fresh analysis: some (fsPaths) or, when `files` is undefined, all of them. */
export interface RuleEnvironmentChange {
  files?: string[];
  reason: string;
}

export class RuleEnvironment implements vscode.Disposable {
  readonly facts = new WorkspaceFacts();
  projectConfig: ProjectConfig | undefined;
  editorSettings: EditorRuleSettings = {};
  private readonly changed = new vscode.EventEmitter<RuleEnvironmentChange>();
  readonly onDidChange = this.changed.event;

  /** The `rules` option of `analyzeFile` for any file of this workspace. */
  ruleOptions(): Omit<RuleRunOptions, 'filePath' | 'workspaceRoot'> {
    return {
      facts: this.facts,
      projectConfig: this.projectConfig,
      editorSettings: this.editorSettings,
      onFactsChanged: (file, before) => {
        const files = this.facts.filesAffectedBy(file, before);
        if (files.length) this.fire({ files, reason: `backends or caches of ${vscode.workspace.asRelativePath(file)} changed` });
      },
    };
  }

  fire(change: RuleEnvironmentChange): void {
    this.changed.fire(change);
  }

  dispose(): void {
    this.changed.dispose();
  }
}

let current: RuleEnvironment | undefined;

/**
 * The extension host's rule environment (created on first use). The analysis service calls this
 * rather than receiving it through activation, so features can register in any order.
 */
export function currentRuleEnvironment(): RuleEnvironment {
  current ??= new RuleEnvironment();
  return current;
}

/** `cacheWarden.rules` and `cacheWarden.ruleOverrides`, as the user wrote them (validated in core). */
export function readEditorRuleSettings(scope?: vscode.Uri): EditorRuleSettings {
  const config = vscode.workspace.getConfiguration('cacheWarden', scope);
  return { rules: config.get<unknown>('rules'), ruleOverrides: config.get<unknown>('ruleOverrides') };
}
