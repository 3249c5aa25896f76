// Code actions: the quick fixes core computed for rule findings (matched to the diagnostics the
// client sends back by code, message and range), and "Show … in the dependency diagram" on any of
// our problems, for the entity the problem is about.
import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic as LspDiagnostic } from 'vscode-languageserver';
import type { WorkspaceModel } from '../core/workspace/workspaceModel';
import type { ClientFeatures } from './clientFeatures';
import type { DocumentSync } from './documentSync';
import { entityAtLine } from './entities';
import { SHOW_DIAGRAM_COMMAND } from './hover';
import { fileOf } from './uris';
import { offeredFixes } from '../core/rules/fixCheck';

export const SHOW_IN_DIAGRAM_KIND = 'cacheWarden.showInDiagram';
const RULE_CODE = /^CW\d{3}$/;

export function provideCodeActions(model: WorkspaceModel, sync: DocumentSync, params: CodeActionParams, client: ClientFeatures): CodeAction[] {
  const uri = params.textDocument.uri;
  sync.flush(uri);
  const file = fileOf(uri);
  const ours = params.context.diagnostics.filter((d) => typeof d.source === 'string' && d.source.startsWith('cache-warden'));
  if (!ours.length) return [];
  const wants = (kind: string) => !params.context.only || params.context.only.some((only) => kind === only || kind.startsWith(`${only}.`));
  const actions: CodeAction[] = [];
  const ruleDiagnostics = ours.filter((d) => d.source === 'cache-warden' && RULE_CODE.test(String(d.code ?? '')));
  if (ruleDiagnostics.length && wants(CodeActionKind.QuickFix)) {
    const analysis = model.analysis(file);
    const findings = analysis?.diagnostics ?? [];
    for (const diagnostic of ruleDiagnostics) {
      const match = findings.find((f) => f.code === String(diagnostic.code) && f.message === diagnostic.message && sameRange(diagnostic, f.range));
      // Only fixes that re-parse to exactly their change are offered (core/rules/fixCheck.ts).
      for (const fix of match && analysis ? offeredFixes(analysis.parsed, match) : []) {
        actions.push({
          title: fix.title,
          kind: CodeActionKind.QuickFix,
          diagnostics: [diagnostic],
          isPreferred: fix.isPreferred === true,
          edit: { changes: { [uri]: fix.edits.map((e) => ({ range: e.range, newText: e.newText })) } },
        });
      }
    }
  }
  // The diagram is the VS Code client's own; other editors are not offered an action they cannot run.
  if (wants(SHOW_IN_DIAGRAM_KIND) && client.commands.has(SHOW_DIAGRAM_COMMAND)) {
    const entity = entityAtLine(model, file, ours[0].range.start.line);
    if (entity) {
      const title = `Show ${entity.title ?? entity.name} in the dependency diagram`;
      actions.push({ title, kind: SHOW_IN_DIAGRAM_KIND, diagnostics: ours, command: { title, command: SHOW_DIAGRAM_COMMAND, arguments: [entity.ref] } });
    }
  }
  return actions;
}

function sameRange(d: LspDiagnostic, r: { start: { line: number; character: number }; end: { line: number; character: number } }): boolean {
  return d.range.start.line === r.start.line && d.range.start.character === r.start.character && d.range.end.line === r.end.line && d.range.end.character === r.end.character;
}
