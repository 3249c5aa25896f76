// The whole check of one file: parse, find its schema, validate each document, then the rules.
// Shared by the extension (per keystroke, debounced) and the CLI.
import { LineIndex, withLineFeeds } from './document/lineIndex';
import { parseFile } from './document/parse';
import type { DocumentModel, ParsedFile } from './document/model';
import { resolveAssociation, schemaProblemDiagnostic, type SchemaAssociation } from './schema/association';
import type { SchemaRegistry } from './schema/schemaRegistry';
import { withSuggestion } from './schema/problemMessages';
import { validateDocument } from './schema/validate';
import type { Diagnostic } from './types';
import { runRules, type RuleRunOptions } from './rules/runRules'; // rules step (rules helper)

export interface AnalyzeSettings {
  /** `cacheWarden.schemas`: schema path or URL → glob(s). */
  schemas?: Record<string, string | string[]>;
  workspaceRoot?: string;
  /** The CLI's --schema (a schema URI): wins over modelines, settings and `$schema` keys. */
  forcedSchema?: string;
}

export interface AnalyzeOptions {
  filePath: string;
  registry: SchemaRegistry;
  settings?: AnalyzeSettings;
  /** The previous parse of this file; reused when the text has not changed. */
  previous?: ParsedFile;
  /**
   * Rules step inputs: workspace facts (cross-file rules), project config, editor rule settings;
   * `false` skips the rules (schema-only checking, and the benchmark's baseline).
   */
  rules?: Omit<RuleRunOptions, 'filePath' | 'workspaceRoot' | 'maxFindings'> | false;
  /** Files longer than this get a notice instead of an analysis (default MAX_ANALYZED_BYTES). */
  maxBytes?: number;
}

export interface FileAnalysis {
  parsed: ParsedFile;
  association: SchemaAssociation;
  diagnostics: Diagnostic[];
}

/** Files larger than this get a notice instead of a full analysis (keeps the host responsive). */
export const MAX_ANALYZED_BYTES = 5 * 1024 * 1024;

/**
 * At most this many findings per file, schema and rules together: the schema's come first, the
 * rules get what is left, and a notice says when the file has more.
 */
export const MAX_FINDINGS_PER_FILE = 500;

/** The longest message a finding may have (longer ones are cut; none should be). */
export const MAX_MESSAGE_CHARS = 2000;

export function analyzeFile(text: string, options: AnalyzeOptions): FileAnalysis {
  const maxBytes = options.maxBytes ?? MAX_ANALYZED_BYTES;
  if (text.length > maxBytes) return tooLarge(text, maxBytes);
  if (looksBinary(text)) return notAnalyzed(text, 'file-binary', 'error', 'This file contains binary data, not YAML or JSON text; it is not validated.');
  const nul = text.indexOf('\u0000');
  if (nul !== -1) {
    const lines = new LineIndex(text);
    const at = lines.positionAt(nul);
    return notAnalyzed(text, 'file-nul', 'error', `This file contains a NUL byte at line ${at.line + 1}, column ${at.character + 1}; YAML and JSON text cannot contain one (is it UTF-16 or UTF-32 without a byte order mark?). The file is not validated.`, lines.rangeOf({ start: nul, end: nul + 1 }));
  }
  const parsed = options.previous && options.previous.text === text ? options.previous : parseFile(text);
  const association = resolveAssociation(
    // Lone CRs are line breaks (YAML 1.2): the modeline scan sees the lines the parser sees.
    { filePath: options.filePath, text: withLineFeeds(text), parsed, settingSchemas: options.settings?.schemas, workspaceRoot: options.settings?.workspaceRoot, forcedSchema: options.settings?.forcedSchema },
    options.registry,
  );
  const diagnostics: Diagnostic[] = [];
  for (const doc of parsed.documents) diagnostics.push(...doc.syntaxErrors);
  diagnostics.push(...association.diagnostics);
  if (association.schemaId && !association.diagnostics.some((d) => d.severity === 'error')) {
    const compiled = options.registry.getValidator(association.schemaId);
    if (compiled.validate) {
      // A file of nothing but comments (or nothing) is one empty document: its value is null.
      const documents = parsed.documents.length ? parsed.documents : [emptyDocument(parsed)];
      for (const doc of documents) {
        if (diagnostics.length >= MAX_FINDINGS_PER_FILE) break;
        // A `$schema` key is an instruction to us (whether or not it chose the schema), not content to validate.
        const checked = association.declared && doc.index === 0 ? withoutSchemaKey(doc) : doc;
        diagnostics.push(...validateDocument(checked, association.schemaId, options.registry, parsed.lines));
      }
    }
    // A schema that cannot be used, or a `$ref` in it that cannot be resolved (the rest still checks).
    for (const problem of compiled.problems) diagnostics.push(schemaProblemDiagnostic(association, problem));
  }
  // -- rules step: the rules engine runs here, on CacheLayer documents without syntax errors,
  //    after schema validation (added by the rules helper). --
  // An explicit `$schema=none` (modeline or key) switches the file off: no schema, no rules.
  const switchedOff = association.origin === 'none' && association.range !== undefined;
  // Schema validation stops at the cap itself: reaching it means there may be more.
  let truncated = diagnostics.length >= MAX_FINDINGS_PER_FILE;
  if (options.rules !== false && !switchedOff && !truncated) {
    const budget = MAX_FINDINGS_PER_FILE - diagnostics.length;
    const ruleDiagnostics = runRules(parsed, { ...options.rules, filePath: options.filePath, workspaceRoot: options.settings?.workspaceRoot, maxFindings: budget + 1 });
    diagnostics.push(...ruleDiagnostics);
  }
  diagnostics.sort(byPosition);
  // "Did you mean …?" only for what is reported: after the cap.
  for (let i = 0; i < Math.min(diagnostics.length, MAX_FINDINGS_PER_FILE); i++) withSuggestion(diagnostics[i]);
  // No message grows with the input: rules and schema messages cut what they quote; this is the backstop.
  for (const d of diagnostics) if (d.message.length > MAX_MESSAGE_CHARS) d.message = `${d.message.slice(0, MAX_MESSAGE_CHARS - 1)}…`;
  truncated ||= diagnostics.length > MAX_FINDINGS_PER_FILE;
  if (truncated) {
    diagnostics.length = Math.min(diagnostics.length, MAX_FINDINGS_PER_FILE);
    diagnostics.push(tooManyProblems());
  }
  return { parsed, association, diagnostics };
}



function emptyDocument(parsed: ParsedFile): DocumentModel {
  return { index: 0, span: { start: 0, end: parsed.text.length }, value: null, locations: new Map(), syntaxErrors: [] };
}

function withoutSchemaKey(doc: DocumentModel): DocumentModel {
  if (!doc.value || typeof doc.value !== 'object' || Array.isArray(doc.value)) return doc;
  const { $schema: _declared, ...rest } = doc.value as Record<string, unknown>;
  return { ...doc, value: rest };
}

function byPosition(a: Diagnostic, b: Diagnostic): number {
  return a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character;
}

function tooLarge(text: string, maxBytes: number): FileAnalysis {
  const megabytes = (text.length / (1024 * 1024)).toFixed(1);
  const limit = Number((maxBytes / (1024 * 1024)).toFixed(1));
  return notAnalyzed(text, 'file-too-large', 'information', `This file is ${megabytes} MB; Cache Warden checks files up to ${limit} MB, so it is not validated.`);
}

const BINARY_SAMPLE = 64 * 1024;

/**
 * Binary data rather than text: in the first 64 KB, more than 1% (at least 8) of the characters
 * are C0 controls other than tab, LF and CR (YAML allows none of them), DEL or U+FFFD (bytes that
 * are not UTF-8). A lone NUL in a text file is reported at its position instead.
 */
export function looksBinary(text: string): boolean {
  const sample = Math.min(text.length, BINARY_SAMPLE);
  let odd = 0;
  for (let i = 0; i < sample; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 9 && c !== 10 && c !== 13) || c === 0x7f || c === 0xfffd) odd++;
  }
  return odd >= 8 && odd > sample / 100;
}

export const TOO_MANY_PROBLEMS = 'too-many-problems';

/** The notice that ends a file's findings when it has more than MAX_FINDINGS_PER_FILE (at the file's start). */
export function tooManyProblems(): Diagnostic {
  return notice(TOO_MANY_PROBLEMS, 'warning', `Cache Warden reports at most ${MAX_FINDINGS_PER_FILE} problems per file and this file reaches that limit, so there may be more: fix these and check again.`, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
}

function notice(code: string, severity: Diagnostic['severity'], message: string, range: Diagnostic['range']): Diagnostic {
  return { code, severity, message, range, source: 'cache-warden', docsUrl: `docs/schema-problems.md#${code}` };
}

/** A notice instead of an analysis, for input we refuse to parse. */
function notAnalyzed(text: string, code: string, severity: Diagnostic['severity'], message: string, range?: Diagnostic['range']): FileAnalysis {
  return {
    parsed: { text, lines: new LineIndex(text), documents: [] },
    association: { schemaId: null, origin: 'none', diagnostics: [] },
    diagnostics: [notice(code, severity, message, range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } })],
  };
}
