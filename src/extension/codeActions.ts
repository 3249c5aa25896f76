// Quick fixes for rule diagnostics. The fixes themselves are computed in core (as text edits on the
// diagnostic); this provider takes the analysis of the document's current version (the shared
// analysis service's, or its own when that service is absent), matches its diagnostics to the ones
// VS Code passes in, and turns their fixes into undoable WorkspaceEdits.
import * as vscode from 'vscode';
import { parseFile } from '../core/document/parse';
import { runRules, RULE_SOURCE } from '../core/rules/runRules';
import type { Diagnostic as CoreDiagnostic, Range as CoreRange } from '../core/types';
import type { RuleEnvironment } from './ruleEnvironment';
import { currentWorkspaceAnalysis } from './workspaceAnalysis';

const RULE_CODE = /^CW\d{3}$/;

export const CACHE_CONFIG_SELECTOR: vscode.DocumentSelector = [
  { language: 'yaml', pattern: '**/*.cache.{yaml,yml}' },
  { language: 'json', pattern: '**/*.cache.json' },
];

function codeOf(diagnostic: vscode.Diagnostic): string | undefined {
  const code = diagnostic.code;
  if (code === undefined) return undefined;
  return typeof code === 'object' ? String(code.value) : String(code);
}

function sameRange(a: vscode.Range, b: CoreRange): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}

export class RuleQuickFixProvider implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] };
  /** The last computation, reused while the cursor moves in an unchanged document. */
  private cache: { uri: string; version: number; diagnostics: CoreDiagnostic[] } | undefined;

  constructor(private readonly env: RuleEnvironment) {}

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const ours = context.diagnostics.filter((d) => d.source === RULE_SOURCE && RULE_CODE.test(codeOf(d) ?? ''));
    if (ours.length === 0) return [];
    const findings = this.findingsFor(document);
    const actions: vscode.CodeAction[] = [];
    for (const diagnostic of ours) {
      const match = findings.find((f) => f.code === codeOf(diagnostic) && f.message === diagnostic.message && sameRange(diagnostic.range, f.range));
      for (const fix of match?.fixes ?? []) {
        const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
        const edit = new vscode.WorkspaceEdit();
        for (const e of fix.edits) {
          edit.replace(document.uri, new vscode.Range(e.range.start.line, e.range.start.character, e.range.end.line, e.range.end.character), e.newText);
        }
        action.edit = edit;
        action.diagnostics = [diagnostic];
        action.isPreferred = fix.isPreferred === true;
        actions.push(action);
      }
    }
    return actions;
  }

  private findingsFor(document: vscode.TextDocument): CoreDiagnostic[] {
    const shared = currentWorkspaceAnalysis();
    if (shared) return shared.get(document).diagnostics;
    const key = document.uri.toString();
    if (this.cache?.uri === key && this.cache.version === document.version) return this.cache.diagnostics;
    const folder = vscode.workspace.getWorkspaceFolder(document.uri);
    const diagnostics = runRules(parseFile(document.getText()), {
      ...this.env.ruleOptions(),
      filePath: document.uri.fsPath,
      workspaceRoot: folder?.uri.fsPath,
    });
    this.cache = { uri: key, version: document.version, diagnostics };
    return diagnostics;
  }
}

export function registerRuleQuickFixes(context: vscode.ExtensionContext, env: RuleEnvironment): void {
  context.subscriptions.push(
    vscode.languages.registerCodeActionsProvider(CACHE_CONFIG_SELECTOR, new RuleQuickFixProvider(env), RuleQuickFixProvider.metadata),
  );
}
