// The shape every semantic rule has. A rule is data plus one pure function: it reads the parsed
// cache layer document (and, for cross-file rules, the workspace facts) and returns findings with
// JSON pointers; ranges, severities and suppressions are applied afterwards by `runRules`.
import type { DocumentModel } from '../document/model';
import type { LineIndex } from '../document/lineIndex';
import type { Fix, Range, Severity } from '../types';
import type { WorkspaceFacts } from './workspaceFacts';

export interface Rule {
  /** Stable id, e.g. 'CW004'. */
  id: string;
  /** Short title used in docs and quick-fix labels. */
  title: string;
  defaultSeverity: Severity;
  /** Path relative to the package root, e.g. 'docs/rules/CW004.md'. */
  docsPath: string;
  check(ctx: RuleContext): Finding[];
}

export interface Finding {
  message: string;
  /** Where the problem is: the field at fault, or the parent object when the field is missing. */
  range: Range;
  fixes?: Fix[];
  /** Other places involved (other caches or backends, possibly in other files). */
  related?: { uri: string; range: Range; message: string }[];
  /**
   * An advisory finding ("cannot verify …") is shown one step softer than the rule's resolved
   * severity (error/warning → information), so it never fails a build on its own.
   */
  advisory?: boolean;
}

export interface RuleContext {
  /** The file being checked, as the caller names it (workspace-relative path or URI). */
  filePath: string;
  /** How messages name another file: relative to the workspace root when inside it. */
  displayPath(file: string): string;
  text: string;
  lines: LineIndex;
  doc: DocumentModel;
  /** The document's value, guarded: every accessor in `cacheLayer.ts` tolerates wrong types. */
  layer: Record<string, unknown>;
  /** Backends and caches declared in every cache config of the workspace, this file included. */
  facts: WorkspaceFacts;
  /** True when the file is JSON (fixes then produce JSON edits and no comments). */
  isJson: boolean;
  /** "Today", for checks that involve dates (override.expires); injectable for tests. */
  now: Date;
}
