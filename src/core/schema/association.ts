// Which schema applies to a file, in priority order: the CLI's --schema, a modeline comment (ours
// or yaml-language-server's), the `cacheWarden.schemas` setting (or the project file's `schemas`),
// a `$schema` key in the file, then the built-ins by file name. `none` switches validation off.
// Explicit choices win over the file's own `$schema` key; a `$schema` key naming a schema that
// cannot be had is a warning and the next association applies.
import * as path from 'node:path';
import picomatch from 'picomatch';
import type { ParsedFile } from '../document/model';
import type { Diagnostic, Range } from '../types';
import { BUILTIN_SCHEMA_IDS } from './builtinSchemas';
import { SCHEMA_PROBLEMS_DOC } from './problemMessages';
import type { SchemaProblem, SchemaRegistry } from './schemaRegistry';
import { schemaUriFromReference } from './schemaUris';
import { SCHEMA_SOURCE } from './validate';

export type AssociationOrigin = 'modeline' | '$schema' | 'setting' | 'builtin' | 'none';

export interface SchemaAssociation {
  schemaId: string | null;
  origin: AssociationOrigin;
  title?: string;
  /** Where the association is written (modeline or `$schema` value), for schema-level problems. */
  range?: Range;
  /** The first document has a top-level `$schema` string (an instruction, not content to validate). */
  declared?: boolean;
  diagnostics: Diagnostic[];
}

export interface AssociationInput {
  filePath: string;
  text: string;
  parsed?: ParsedFile;
  /** `cacheWarden.schemas`: schema path or URL → glob(s), relative to the workspace root. */
  settingSchemas?: Record<string, string | string[]>;
  workspaceRoot?: string;
  /** The CLI's --schema: wins over everything in and around the file. */
  forcedSchema?: string;
}

/** `# cache-warden: $schema=…`, or yaml-language-server's `# yaml-language-server: $schema=…`. */
const MODELINE = /^\s*#\s*(cache-warden|yaml-language-server):\s*\$schema\s*=\s*(\S+)/;
const MODELINE_SCAN_LINES = 50;

/** Built-in associations by file name. */
const BUILTIN_GLOBS: { glob: string; schemaId: string }[] = [
  { glob: '*.cache.{yaml,yml,json}', schemaId: BUILTIN_SCHEMA_IDS.cacheLayer },
  { glob: '.cachewarden.{yaml,yml}', schemaId: BUILTIN_SCHEMA_IDS.projectConfig },
  { glob: 'application*.{yaml,yml}', schemaId: BUILTIN_SCHEMA_IDS.springBoot },
  { glob: 'bootstrap*.{yaml,yml}', schemaId: BUILTIN_SCHEMA_IDS.springBoot },
];

export function resolveAssociation(input: AssociationInput, registry: SchemaRegistry): SchemaAssociation {
  const dir = path.dirname(input.filePath);
  const declared = declaredSchema(input);
  const mark = (association: SchemaAssociation): SchemaAssociation => (declared ? { ...association, declared: true } : association);
  if (input.forcedSchema) return mark(withTitle(input.forcedSchema, 'setting', undefined, registry));
  const modeline = findModeline(input.text);
  if (modeline) {
    if (modeline.reference === 'none') return mark({ schemaId: null, origin: 'none', range: modeline.range, diagnostics: [] });
    return mark(withTitle(schemaUriFromReference(modeline.reference, dir), 'modeline', modeline.range, registry));
  }
  const fromSetting = schemaFromSetting(input);
  if (fromSetting) return mark(withTitle(fromSetting, 'setting', undefined, registry));
  const fallback: Diagnostic[] = [];
  if (declared) {
    if (declared.reference === 'none') return mark({ schemaId: null, origin: 'none', range: declared.range, diagnostics: [] });
    const association = withTitle(schemaUriFromReference(declared.reference, dir), '$schema', declared.range, registry);
    const problem = association.diagnostics[0];
    // A schema being fetched is waited for; one that cannot be had gives way to the next association.
    if (!problem || problem.code === 'schema-remote-pending') return mark(association);
    fallback.push({
      ...problem,
      code: 'schema-declared-unresolved',
      severity: 'warning',
      message: `${problem.message} The file's \`$schema\` is ignored: ${'{next}'}`,
      docsUrl: `${SCHEMA_PROBLEMS_DOC}#schema-declared-unresolved`,
    });
  }
  const next = builtinAssociation(input, registry) ?? { schemaId: null, origin: 'none' as const, diagnostics: [] };
  for (const d of fallback) {
    d.message = d.message.replace('{next}', next.schemaId ? `the file is checked against ${next.title ?? next.schemaId} instead.` : 'the file is not validated against a schema.');
    next.diagnostics = [...next.diagnostics, d];
  }
  return mark(next);
}

function builtinAssociation(input: AssociationInput, registry: SchemaRegistry): SchemaAssociation | undefined {
  const base = path.basename(input.filePath);
  for (const builtin of BUILTIN_GLOBS) {
    if (picomatch.isMatch(base, builtin.glob, { dot: true }) && registry.has(builtin.schemaId)) {
      return withTitle(builtin.schemaId, 'builtin', undefined, registry);
    }
  }
  return undefined;
}

function withTitle(schemaId: string, origin: AssociationOrigin, range: Range | undefined, registry: SchemaRegistry): SchemaAssociation {
  const title = registry.titleOf(schemaId);
  const association: SchemaAssociation = { schemaId, origin, ...(title ? { title } : {}), ...(range ? { range } : {}), diagnostics: [] };
  if (!registry.has(schemaId)) {
    // Cheap check (no compile): the schema itself is missing, or remote and not allowed.
    const problem = registry.getValidator(schemaId).problems[0];
    if (problem) association.diagnostics.push(associationProblem(association, problem.code, problem.message));
  }
  return association;
}

/**
 * `# cache-warden: $schema=<path or URL | none>` (or `# yaml-language-server: $schema=…`) in the
 * comment lines at the top of the file; ours wins when both are there.
 */
function findModeline(text: string): { reference: string; range: Range } | undefined {
  let foreign: { reference: string; range: Range } | undefined;
  let lineStart = 0;
  for (let line = 0; line < MODELINE_SCAN_LINES && lineStart <= text.length; line++) {
    const newline = text.indexOf('\n', lineStart);
    const lineText = text.slice(lineStart, newline === -1 ? text.length : newline).replace(/\r$/, '');
    const match = MODELINE.exec(lineText);
    if (match) {
      const character = lineText.indexOf(match[2], lineText.indexOf('$schema'));
      const found = { reference: match[2], range: { start: { line, character }, end: { line, character: character + match[2].length } } };
      if (match[1] === 'cache-warden') return found;
      foreign ??= found;
    }
    const trimmed = lineText.trim();
    if (trimmed !== '' && !trimmed.startsWith('#') && trimmed !== '---' && trimmed !== '%YAML 1.2') break;
    if (newline === -1) break;
    lineStart = newline + 1;
  }
  return foreign;
}

/** A top-level `$schema` string in the first document. */
function declaredSchema(input: AssociationInput): { reference: string; range?: Range } | undefined {
  const doc = input.parsed?.documents[0];
  const value = doc?.value;
  if (!doc || !value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const reference = (value as Record<string, unknown>).$schema;
  if (typeof reference !== 'string' || !reference.trim()) return undefined;
  const location = doc.locations.get('/$schema');
  const range = location && input.parsed ? input.parsed.lines.rangeOf(location.value) : undefined;
  return { reference: reference.trim(), ...(range ? { range } : {}) };
}

function schemaFromSetting(input: AssociationInput): string | undefined {
  const settings = input.settingSchemas;
  if (!settings) return undefined;
  const root = input.workspaceRoot;
  const relative = root ? path.relative(root, input.filePath).split(path.sep).join('/') : path.basename(input.filePath);
  if (relative.startsWith('../')) return undefined;
  for (const [schema, globs] of Object.entries(settings)) {
    const patterns = (Array.isArray(globs) ? globs : [globs]).map((g) => g.replace(/^\.\//, ''));
    // Like yaml.schemas: a glob without a slash matches the file name in any folder.
    if (patterns.some((glob) => picomatch.isMatch(glob.includes('/') ? relative : path.posix.basename(relative), glob, { dot: true }))) {
      return schemaUriFromReference(schema, root);
    }
  }
  return undefined;
}

/** A schema problem on the association; one about a `$ref` also points at that `$ref` (related). */
export function schemaProblemDiagnostic(association: SchemaAssociation, problem: SchemaProblem): Diagnostic {
  const diagnostic = associationProblem(association, problem.code, problem.message, problem.severity);
  const at = problem.at;
  if (at?.path && at.range) diagnostic.related = [{ uri: at.path, range: at.range, message: `The \`${at.ref}\` reference (resolves to ${at.resolved}).` }];
  return diagnostic;
}

/** A diagnostic on the association itself (e.g. the schema named by the modeline is missing). */
export function associationProblem(association: SchemaAssociation, code: string, message: string, severity: Diagnostic['severity'] = 'error'): Diagnostic {
  const range = association.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  return { code, severity, message, range, source: SCHEMA_SOURCE, docsUrl: `${SCHEMA_PROBLEMS_DOC}#${code}` };
}
