// In-file suppression: a whole-line comment
//   # cache-warden-disable-next-line CW004, CW003 -- warmed by a single batch job, expiry is spread by it
// silences those rules on the next line that is not blank or a comment. A suppression that silences
// nothing is reported (`unused-suppression`) so stale ones do not pile up, and one without a
// `-- reason` is reported too (`suppression-missing-reason`), because a reviewer needs the why.
// JSON has no comments, so JSON files cannot carry suppressions.
import type { LineIndex } from '../document/lineIndex';
import type { Diagnostic, Range } from '../types';
import { isRuleId } from '../rules/registry';

export const SUPPRESSION_DIRECTIVE = 'cache-warden-disable-next-line';
const SOURCE = 'cache-warden';
const DIRECTIVE_LINE = /^(\s*)#\s*cache-warden-disable-next-line\b(.*)$/;

export interface Suppression {
  /** The comment's range (for diagnostics about the suppression itself). */
  range: Range;
  /** The line the suppression applies to (0-based). */
  targetLine: number;
  ids: { id: string; range: Range }[];
  reason?: string;
}

export function findSuppressions(text: string, lines: LineIndex): Suppression[] {
  if (!text.includes(SUPPRESSION_DIRECTIVE)) return [];
  const found: Suppression[] = [];
  const pending: Suppression[] = [];
  for (let line = 0; line < lines.lineCount; line++) {
    const content = lines.lineText(line);
    const trimmed = content.trim();
    if (trimmed === '' ) continue;
    if (trimmed.startsWith('#')) {
      const match = DIRECTIVE_LINE.exec(content);
      if (match) pending.push(parseDirective(content, line, match));
      continue;
    }
    for (const suppression of pending) {
      suppression.targetLine = line;
      found.push(suppression);
    }
    pending.length = 0;
  }
  // Directives at the end of the file point at nothing: keep them so they are reported as unused.
  for (const suppression of pending) found.push({ ...suppression, targetLine: -1 });
  return found;
}

function parseDirective(content: string, line: number, match: RegExpExecArray): Suppression {
  const start = match[1].length;
  const rest = match[2];
  const restStart = content.length - rest.length;
  const separator = rest.indexOf('--');
  const idsPart = separator === -1 ? rest : rest.slice(0, separator);
  const reason = separator === -1 ? undefined : rest.slice(separator + 2).trim() || undefined;
  const ids: Suppression['ids'] = [];
  for (const m of idsPart.matchAll(/[^\s,]+/g)) {
    const at = restStart + (m.index ?? 0);
    ids.push({ id: m[0], range: { start: { line, character: at }, end: { line, character: at + m[0].length } } });
  }
  return { range: { start: { line, character: start }, end: { line, character: content.length } }, targetLine: -1, ids, reason };
}

/**
 * Drop suppressed diagnostics and add diagnostics about the suppressions themselves.
 * `isOff(id)` tells whether a rule is turned off for this file: a suppression of a rule that is off
 * is not "unused" (the comment still matters wherever the rule is on).
 */
export function applySuppressions(
  diagnostics: Diagnostic[], suppressions: Suppression[], isOff: (ruleId: string) => boolean,
): Diagnostic[] {
  if (suppressions.length === 0) return diagnostics;
  const byLine = new Map<number, Suppression[]>();
  for (const s of suppressions) {
    const list = byLine.get(s.targetLine);
    if (list) list.push(s);
    else byLine.set(s.targetLine, [s]);
  }
  const used = new Set<string>();
  const kept = diagnostics.filter((d) => {
    const candidates = byLine.get(d.range.start.line);
    if (!candidates) return true;
    for (const s of candidates) {
      const hit = s.ids.find((entry) => entry.id === d.code);
      if (hit) {
        used.add(keyOf(s, hit.id));
        return false;
      }
    }
    return true;
  });
  for (const s of suppressions) {
    if (s.ids.length === 0) {
      kept.push(problem('unused-suppression', `This \`${SUPPRESSION_DIRECTIVE}\` names no rule, so it suppresses nothing. Write the rule ids, e.g. \`${SUPPRESSION_DIRECTIVE} CW004 -- reason\`.`, s.range, 'warning'));
      continue;
    }
    for (const entry of s.ids) {
      if (!isRuleId(entry.id)) {
        kept.push(problem('unused-suppression', `\`${entry.id}\` is not a Cache Warden rule id (CW001–CW014), so this suppression matches nothing.`, entry.range, 'warning'));
      } else if (!used.has(keyOf(s, entry.id)) && !isOff(entry.id)) {
        const where = s.targetLine === -1 ? 'no line follows it' : `line ${s.targetLine + 1} has no ${entry.id} finding`;
        kept.push(problem('unused-suppression', `Unused suppression: ${where}. Remove \`${entry.id}\` from this comment.`, entry.range, 'warning'));
      }
    }
    if (!s.reason) {
      kept.push(problem('suppression-missing-reason', `Suppression without a reason: add \`-- <why this is safe>\` so reviewers know why ${s.ids.map((i) => i.id).join(', ')} does not apply here.`, s.range, 'warning'));
    }
  }
  return kept;
}

function keyOf(s: Suppression, id: string): string {
  return `${s.range.start.line}:${id}`;
}

function problem(code: string, message: string, range: Range, severity: Diagnostic['severity']): Diagnostic {
  return { code, severity, message, range, source: SOURCE, docsUrl: 'docs/rules/README.md#suppressing-a-finding' };
}
