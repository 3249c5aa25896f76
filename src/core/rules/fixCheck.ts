// Quick fixes are correct by construction: before a fix is offered (an editor's code action,
// `check --fix`), its edits are applied to the text and the result is parsed again. The fix is
// offered only when the file still parses with no new syntax error, has the same documents, and
// every value except the fix's targets is what it was (each target, when the fix says what it
// should become, has exactly that value). The check runs when fixes are offered, not on every
// analysis: a keystroke's analysis of a large file must not re-parse it once per finding.
import * as parse from '../document/parse';
import { segmentsOf, type ParsedFile } from '../document/model';
import type { LineIndex } from '../document/lineIndex';
import type { Diagnostic, Fix, TextEdit } from '../types';

/** `edits` applied to `text` (ranges refer to `text`); undefined when two edits overlap. */
export function applyEdits(text: string, lines: LineIndex, edits: readonly TextEdit[]): string | undefined {
  const spans = edits
    .map((edit) => ({ start: lines.offsetAt(edit.range.start), end: lines.offsetAt(edit.range.end), newText: edit.newText }))
    .sort((a, b) => a.start - b.start || a.end - b.end);
  for (let i = 1; i < spans.length; i++) {
    // Two insertions at one point, or overlapping replacements: their order is ambiguous.
    if (spans[i].start < spans[i - 1].end || (spans[i].start === spans[i - 1].start && spans[i].start === spans[i - 1].end)) return undefined;
  }
  let out = '';
  let at = 0;
  for (const span of spans) {
    out += text.slice(at, span.start) + span.newText;
    at = span.end;
  }
  return out + text.slice(at);
}

function errorCount(parsed: ParsedFile): number {
  let count = 0;
  for (const doc of parsed.documents) for (const d of doc.syntaxErrors) if (d.severity === 'error') count++;
  return count;
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a === 'number' && typeof b === 'number') return Number.isNaN(a) && Number.isNaN(b);
  if (!a || !b || typeof a !== 'object' || typeof b !== 'object' || Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  for (const k of ka) if (!Object.prototype.hasOwnProperty.call(b, k) || !deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
  return true;
}

/** Equal everywhere except under the given paths (each a list of segments). */
function equalExcept(a: unknown, b: unknown, paths: readonly string[][]): boolean {
  if (!paths.length) return deepEqual(a, b);
  if (paths.some((p) => p.length === 0)) return true;
  if (!a || !b || typeof a !== 'object' || typeof b !== 'object' || Array.isArray(a) !== Array.isArray(b)) return false;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of keys) {
    const sub = paths.filter((p) => p[0] === key).map((p) => p.slice(1));
    const inA = Object.prototype.hasOwnProperty.call(a, key);
    const inB = Object.prototype.hasOwnProperty.call(b, key);
    if (inA !== inB) {
      if (sub.some((p) => p.length === 0)) continue;
      return false;
    }
    if (!equalExcept((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], sub)) return false;
  }
  return true;
}

function valueAtSegments(value: unknown, segments: readonly string[]): { found: boolean; value?: unknown } {
  let current = value;
  for (const segment of segments) {
    if (!current || typeof current !== 'object' || !Object.prototype.hasOwnProperty.call(current, segment)) return { found: false };
    current = (current as Record<string, unknown>)[segment];
  }
  return { found: true, value: current };
}

/**
 * How a file's text is read again to check a fix. YAML and JSON files are parsed again; a file a
 * format adapter reads (src/core/formats) registers its adapter's reading here, so a fix in a
 * redis.conf or an application.yml is held to the same standard in the model's own terms.
 */
export const reparsers = new WeakMap<ParsedFile, (text: string) => ParsedFile>();

export function reparse(before: ParsedFile, text: string): ParsedFile {
  return (reparsers.get(before) ?? parse.parseFile)(text);
}

/** Whether the fix, applied to `parsed`, keeps the file parseable and changes only its targets in document `docIndex`. */
export function fixKeepsFileValid(parsed: ParsedFile, fix: Fix, docIndex: number): boolean {
  const after = applyEdits(parsed.text, parsed.lines, fix.edits);
  if (after === undefined) return false;
  return resultIsValid(parsed, reparse(parsed, after), [{ docIndex, targets: fix.targets ?? [] }]);
}

/** The check behind fixKeepsFileValid, for several fixes applied together (`check --fix`). */
export function resultIsValid(before: ParsedFile, after: ParsedFile, changes: readonly { docIndex: number; targets: NonNullable<Fix['targets']> }[]): boolean {
  if (after.documents.length !== before.documents.length || errorCount(after) > errorCount(before)) return false;
  for (let i = 0; i < before.documents.length; i++) {
    const own = changes.filter((c) => c.docIndex === i).flatMap((c) => c.targets);
    if (own.length && after.documents[i].syntaxErrors.some((d) => d.severity === 'error')) return false;
    if (!equalExcept(before.documents[i].value, after.documents[i].value, own.map((t) => segmentsOf(t.pointer)))) return false;
    for (const target of own) {
      if (!('value' in target)) continue;
      const got = valueAtSegments(after.documents[i].value, segmentsOf(target.pointer));
      if (!got.found || !deepEqual(got.value, target.value)) return false;
    }
  }
  return true;
}

/** The document of the file a diagnostic's fixes change (runRules records it when it is not the first). */
export function docIndexOf(d: Diagnostic): number {
  return typeof d.data?.docIndex === 'number' ? d.data.docIndex : 0;
}

const offered = new WeakMap<Diagnostic, Fix[]>();

/** The fixes of a diagnostic (computed on `parsed`) that pass fixKeepsFileValid; checked once per diagnostic. */
export function offeredFixes(parsed: ParsedFile, d: Diagnostic): Fix[] {
  let fixes = offered.get(d);
  if (!fixes) {
    fixes = (d.fixes ?? []).filter((fix) => fixKeepsFileValid(parsed, fix, docIndexOf(d)));
    offered.set(d, fixes);
  }
  return fixes;
}
