// The project file `.cachewarden.yaml` (workspace root): rule severities, glob-scoped overrides and
// the file sets the CLI checks. The editor and the CLI both read it through `loadProjectConfig`, so a
// rule turned off here is off everywhere. Its shape is `schemas/project-config.schema.json`.
import { parseFile } from '../document/parse';
import type { ParsedFile } from '../document/model';
import type { Diagnostic, Severity } from '../types';
import { isRuleId } from '../rules/registry';

export type RuleSetting = Severity | 'off';
export const RULE_SETTINGS: readonly RuleSetting[] = ['off', 'error', 'warning', 'information', 'hint'];

export interface RuleOverride {
  /** Globs relative to the workspace root; a glob without `/` matches the file name anywhere. */
  files: string[];
  rules: Record<string, RuleSetting>;
}

export interface ProjectConfig {
  rules: Record<string, RuleSetting>;
  overrides: RuleOverride[];
  /** Globs of cache configs to check (CLI) — undefined means the built-in default. */
  include?: string[];
  exclude?: string[];
  /** Schema associations and extra schema folders, passed through for the schema engine. */
  schemas?: unknown;
  schemaDirs?: string[];
  /** Mirrors of remote schema hosts: URL prefix → folder (relative to the workspace root). */
  schemaMappings?: Record<string, string>;
  /** Globs or folders of annotated docs, passed through for the catalog. */
  docs?: unknown;
  /** The catalog's own settings: `files`, globs of Backstage descriptors to read whatever their names. */
  catalog?: CatalogSettings;
  /** The name (or host) an application uses for its Redis → the backend it means (formats' linking). */
  links?: Record<string, string>;
}

export interface CatalogSettings {
  /**
   * Globs (relative to the workspace root) of Backstage descriptor files to read, whatever their
   * names; files no glob selects are still found by content (`apiVersion: backstage.io/…`).
   */
  files?: string[];
}

export const PROJECT_CONFIG_FILE = '.cachewarden.yaml';
const SOURCE = 'cache-warden (project)';

export function emptyProjectConfig(): ProjectConfig {
  return { rules: {}, overrides: [] };
}

/**
 * Read a project file. Diagnostics cover what the CLI must report without a schema pass: syntax
 * errors, unknown rule ids and unusable severities (those entries are ignored, never guessed). The
 * editor does not show them: there the schema (project-config.schema.json) reports the same problems.
 * `path` is the file's own path; override globs are relative to the workspace root (its folder).
 */
export function loadProjectConfig(text: string, path: string): { config: ProjectConfig; diagnostics: Diagnostic[] } {
  return readProjectConfig(parseFile(text));
}

/** The same, from a file the caller already parsed (the editor's analysis has one). */
export function readProjectConfig(parsed: ParsedFile): { config: ProjectConfig; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const config = emptyProjectConfig();
  const doc = parsed.documents[0];
  for (const d of parsed.documents) diagnostics.push(...d.syntaxErrors);
  if (!doc || doc.syntaxErrors.some((d) => d.severity === 'error')) return { config, diagnostics };
  const root = isObject(doc.value) ? doc.value : {};
  const at = (pointer: string, key = false) => {
    const location = doc.locations.get(pointer) ?? doc.locations.get('') ?? { value: doc.span };
    return parsed.lines.rangeOf(key && location.key ? location.key : location.value);
  };
  const problem = (code: string, message: string, pointer: string, key = false): void => {
    diagnostics.push({ code, severity: 'warning', message, range: at(pointer, key), source: SOURCE });
  };
  config.rules = readRules(root.rules, '/rules', problem);
  if (Array.isArray(root.overrides)) {
    root.overrides.forEach((item, index) => {
      if (!isObject(item)) return;
      const files = typeof item.files === 'string' ? [item.files] : Array.isArray(item.files) ? item.files.filter((f): f is string => typeof f === 'string') : [];
      if (files.length === 0) {
        problem('override-without-files', `Override ${index + 1} has no \`files\` globs, so it applies to no file.`, `/overrides/${index}`);
        return;
      }
      config.overrides.push({ files, rules: readRules(item.rules, `/overrides/${index}/rules`, problem) });
    });
  }
  config.include = stringList(root.include);
  config.exclude = stringList(root.exclude);
  config.schemaDirs = stringList(root.schemaDirs);
  const mirrors = urlMappings(root.schemaMappings);
  if (mirrors) config.schemaMappings = mirrors;
  if (isObject(root.links)) {
    const links = Object.fromEntries(Object.entries(root.links).filter((entry): entry is [string, string] => typeof entry[1] === 'string' && entry[1] !== ''));
    if (Object.keys(links).length) config.links = links;
  }
  if (root.schemas !== undefined) config.schemas = root.schemas;
  if (root.docs !== undefined) config.docs = root.docs;
  if (isObject(root.catalog)) {
    const files = stringList(root.catalog.files);
    config.catalog = files ? { files } : {};
  }
  return { config, diagnostics };
}

/** Is this path the project file? (Only its name counts; its folder is the workspace root.) */
export function isProjectConfigPath(filePath: string): boolean {
  return /(^|[\\/])\.cachewarden\.yaml$/.test(filePath);
}

function readRules(
  value: unknown, pointer: string, problem: (code: string, message: string, pointer: string, key?: boolean) => void,
): Record<string, RuleSetting> {
  const rules: Record<string, RuleSetting> = {};
  if (!isObject(value)) return rules;
  for (const [id, setting] of Object.entries(value)) {
    const memberPointer = `${pointer}/${id.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    if (!isRuleId(id)) {
      problem('unknown-rule-id', `\`${id}\` is not a Cache Warden rule (CW001–CW014); this entry changes nothing.`, memberPointer, true);
      continue;
    }
    if (typeof setting !== 'string' || !RULE_SETTINGS.includes(setting as RuleSetting)) {
      problem('invalid-rule-severity', `\`${id}: ${String(setting)}\` is not a severity; use one of ${RULE_SETTINGS.join(', ')}. The rule keeps its default.`, memberPointer);
      continue;
    }
    rules[id] = setting as RuleSetting;
  }
  return rules;
}

/** `schemaMappings`: URL prefix → folder; entries that are not strings are ignored. */
export function urlMappings(value: unknown): Record<string, string> | undefined {
  if (!isObject(value)) return undefined;
  const out: Record<string, string> = {};
  for (const [prefix, dir] of Object.entries(value)) if (typeof dir === 'string' && dir.trim()) out[prefix] = dir;
  return out;
}

function stringList(value: unknown): string[] | undefined {
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
