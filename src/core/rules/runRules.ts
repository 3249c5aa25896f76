// The rules pass of the pipeline: run every rule on each CacheLayer document of a parsed file, turn
// findings into diagnostics with the severity configured for this file, attach quick fixes (plus a
// "suppress" fix), then apply in-file suppressions. Documents with syntax errors are skipped (they get
// syntax diagnostics only); schema-invalid documents are checked on what is valid.
import type { ParsedFile } from '../document/model';
import type { Diagnostic, Fix, Severity } from '../types';
import { resolveSeverity, softened, type EditorRuleSettings } from '../project/severity';
import type { ProjectConfig, RuleSetting } from '../project/projectConfig';
import { applySuppressions, findSuppressions, SUPPRESSION_DIRECTIVE } from '../project/suppressions';
import { isCacheLayer } from './cacheLayer';
import { RULES } from './registry';
import type { Finding, Rule, RuleContext } from './ruleTypes';
import { factsOfFile, WorkspaceFacts } from './workspaceFacts';
import { editTargets, insertCommentAbove } from './yamlEdits';

export const RULE_SOURCE = 'cache-warden';

export interface RuleRunOptions {
  /** The file's path as the caller names it (absolute in the editor): the key in facts and related locations. */
  filePath: string;
  /** Globs and messages use paths relative to this folder (the workspace root / project file folder). */
  workspaceRoot?: string;
  /**
   * The workspace's facts, with this file's facts already recorded by the caller (the workspace
   * model records them once per parse). Rules only read them: analysis never writes facts, so the
   * index has one writer. Without it, the file is its own workspace.
   */
  facts?: WorkspaceFacts;
  projectConfig?: ProjectConfig;
  editorSettings?: EditorRuleSettings;
  rules?: readonly Rule[];
  now?: Date;
  /** At most this many findings (the file's findings cap, shared with the schema's findings). */
  maxFindings?: number;
}

export function isJsonPath(filePath: string): boolean {
  return /\.json$/i.test(filePath);
}

export function runRules(parsed: ParsedFile, options: RuleRunOptions): Diagnostic[] {
  const facts = options.facts ?? singleFileFacts(options.filePath, parsed);
  const rules = options.rules ?? RULES;
  const settings = new Map<string, RuleSetting>();
  const relativePath = relativeTo(options.workspaceRoot, options.filePath);
  for (const rule of rules) settings.set(rule.id, resolveSeverity(rule.id, relativePath, options.projectConfig, options.editorSettings));
  const isJson = isJsonPath(options.filePath);
  const diagnostics: Diagnostic[] = [];
  let budget = options.maxFindings ?? Infinity;
  let sawCacheLayer = false;
  for (const doc of parsed.documents) {
    if (budget <= 0) break;
    if (doc.syntaxErrors.some((d) => d.severity === 'error') || !isCacheLayer(doc.value)) continue;
    sawCacheLayer = true;
    const ctx: RuleContext = {
      filePath: options.filePath, displayPath: (file) => relativeTo(options.workspaceRoot, file), text: parsed.text, lines: parsed.lines, doc, layer: doc.value, facts, isJson, now: options.now ?? new Date(),
    };
    for (const rule of rules) {
      const setting = settings.get(rule.id) ?? rule.defaultSeverity;
      if (setting === 'off' || budget <= 0) continue;
      let findings: Finding[];
      try {
        findings = rule.check(ctx);
      } catch (error) {
        // A rule bug must not take the other rules (or the editor) down; it shows as a diagnostic.
        diagnostics.push({
          code: 'rule-failed', severity: 'information', source: RULE_SOURCE, range: parsed.lines.rangeOf({ start: doc.span.start, end: doc.span.start }),
          message: `${rule.id} could not check this document: ${(error as Error).message}`,
        });
        continue;
      }
      if (findings.length > budget) findings = findings.slice(0, budget);
      budget -= findings.length;
      for (const finding of findings) {
        const diagnostic = toDiagnostic(rule, setting, finding, ctx);
        // Which document of the file a fix's targets are in (`check --fix` re-checks them there).
        if (doc.index > 0) diagnostic.data = { ...diagnostic.data, docIndex: doc.index };
        diagnostics.push(diagnostic);
      }
    }
  }
  if (!sawCacheLayer || isJson) return diagnostics;
  const suppressions = findSuppressions(parsed.text, parsed.lines);
  return applySuppressions(diagnostics, suppressions, (id) => settings.get(id) === 'off');
}

function singleFileFacts(filePath: string, parsed: ParsedFile): WorkspaceFacts {
  const facts = new WorkspaceFacts();
  facts.set(filePath, factsOfFile(filePath, parsed));
  return facts;
}

function toDiagnostic(rule: Rule, setting: Severity, finding: Finding, ctx: RuleContext): Diagnostic {
  const fixes: Fix[] = (finding.fixes ?? []).map((fix) => withTargets(fix));
  if (!ctx.isJson) {
    fixes.push({
      title: `Suppress ${rule.id} for this line`,
      edits: [insertCommentAbove(ctx, finding.range.start.line, `${SUPPRESSION_DIRECTIVE} ${rule.id} -- <reason>`)],
    });
  }
  const diagnostic: Diagnostic = {
    code: rule.id,
    severity: finding.advisory ? softened(setting) : setting,
    message: finding.message,
    range: finding.range,
    source: RULE_SOURCE,
    docsUrl: rule.docsPath,
    fixes,
    data: { ruleId: rule.id },
  };
  if (finding.related?.length) diagnostic.related = finding.related;
  return diagnostic;
}

/** The fix with the targets its edits declare (yamlEdits.ts), unless the rule gave them. */
function withTargets(fix: Fix): Fix {
  if (fix.targets) return fix;
  const targets = fix.edits.map((edit) => editTargets.get(edit)).filter((t): t is { pointer: string; value: unknown } => t !== undefined);
  return targets.length ? { ...fix, targets } : fix;
}

/** `file` relative to `root` with `/` separators, or `file` itself when it is not inside `root`. */
export function relativeTo(root: string | undefined, file: string): string {
  const normalizedFile = file.replace(/\\/g, '/');
  if (!root) return normalizedFile;
  const normalizedRoot = root.replace(/\\/g, '/').replace(/\/+$/, '');
  return normalizedFile.startsWith(`${normalizedRoot}/`) ? normalizedFile.slice(normalizedRoot.length + 1) : normalizedFile;
}
