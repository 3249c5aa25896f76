// The whole check of one file: parse, find its schema, validate each document, then the rules.
// Shared by the extension (per keystroke, debounced) and the CLI.
import { LineIndex } from './document/lineIndex';
import { parseFile } from './document/parse';
import type { DocumentModel, ParsedFile } from './document/model';
import { associationProblem, resolveAssociation, type SchemaAssociation } from './schema/association';
import type { SchemaRegistry } from './schema/schemaRegistry';
import { validateDocument } from './schema/validate';
import type { Diagnostic } from './types';
import { runRules, type RuleRunOptions } from './rules/runRules'; // rules step (rules helper)

export interface AnalyzeSettings {
  /** `cacheWarden.schemas`: schema path or URL → glob(s). */
  schemas?: Record<string, string | string[]>;
  workspaceRoot?: string;
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
  rules?: Omit<RuleRunOptions, 'filePath' | 'workspaceRoot'> | false;
}

export interface FileAnalysis {
  parsed: ParsedFile;
  association: SchemaAssociation;
  diagnostics: Diagnostic[];
}

/** Files larger than this get a notice instead of a full analysis (keeps the host responsive). */
export const MAX_ANALYZED_BYTES = 5 * 1024 * 1024;

export function analyzeFile(text: string, options: AnalyzeOptions): FileAnalysis {
  if (text.length > MAX_ANALYZED_BYTES) return tooLarge(text);
  if (looksBinary(text)) return notAnalyzed(text, 'file-binary', 'This file contains binary data (NUL characters), not YAML or JSON text; it is not validated.');
  const parsed = options.previous && options.previous.text === text ? options.previous : parseFile(text);
  const association = resolveAssociation(
    { filePath: options.filePath, text, parsed, settingSchemas: options.settings?.schemas, workspaceRoot: options.settings?.workspaceRoot },
    options.registry,
  );
  const diagnostics: Diagnostic[] = [];
  for (const doc of parsed.documents) diagnostics.push(...doc.syntaxErrors);
  diagnostics.push(...association.diagnostics);
  if (association.schemaId && !association.diagnostics.length) {
    const compiled = options.registry.getValidator(association.schemaId);
    if (compiled.validate) {
      for (const doc of parsed.documents) {
        // The `$schema` key that chose the schema is an instruction to us, not content to validate.
        const checked = association.origin === '$schema' && doc.index === 0 ? withoutSchemaKey(doc) : doc;
        diagnostics.push(...validateDocument(checked, association.schemaId, options.registry, parsed.lines));
      }
    } else {
      for (const problem of compiled.problems) diagnostics.push(associationProblem(association, problem.code, problem.message));
    }
  }
  // -- rules step: the rules engine runs here, on CacheLayer documents without syntax errors,
  //    after schema validation (added by the rules helper). --
  // An explicit `$schema=none` (modeline or key) switches the file off: no schema, no rules.
  const switchedOff = association.origin === 'none' && association.range !== undefined;
  if (options.rules !== false && !switchedOff) {
    diagnostics.push(...runRules(parsed, { ...options.rules, filePath: options.filePath, workspaceRoot: options.settings?.workspaceRoot }));
  }
  diagnostics.sort(byPosition);
  return { parsed, association, diagnostics };
}

function withoutSchemaKey(doc: DocumentModel): DocumentModel {
  if (!doc.value || typeof doc.value !== 'object' || Array.isArray(doc.value)) return doc;
  const { $schema: _declared, ...rest } = doc.value as Record<string, unknown>;
  return { ...doc, value: rest };
}

function byPosition(a: Diagnostic, b: Diagnostic): number {
  return a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character;
}

function tooLarge(text: string): FileAnalysis {
  const megabytes = (text.length / (1024 * 1024)).toFixed(1);
  return notAnalyzed(text, 'file-too-large', `This file is ${megabytes} MB; Cache Warden checks files up to ${MAX_ANALYZED_BYTES / (1024 * 1024)} MB, so it is not validated.`);
}

/** NUL characters never appear in YAML or JSON text (the YAML spec excludes them). */
function looksBinary(text: string): boolean {
  return text.includes('\u0000');
}

/** A notice instead of an analysis, for input we refuse to parse. */
function notAnalyzed(text: string, code: string, message: string): FileAnalysis {
  return {
    parsed: { text, lines: new LineIndex(text), documents: [] },
    association: { schemaId: null, origin: 'none', diagnostics: [] },
    diagnostics: [
      {
        code,
        severity: 'information',
        message,
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        source: 'cache-warden',
        docsUrl: `docs/schema-problems.md#${code}`,
      },
    ],
  };
}
