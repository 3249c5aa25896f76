// Rule metadata for SARIF's rule descriptors. Semantic rules describe themselves (registry); the
// engine's other codes (schema, YAML syntax, file problems) are described here by family, since a
// descriptor must say what the code means in general, not what one instance says.
import { ruleById } from '../core/rules/registry';
import type { Diagnostic, Severity } from '../core/types';
import type { RuleDescription } from './formatSarif';

const KNOWN_CODES: Record<string, string> = {
  'file-unreadable': 'The file could not be read, so it was not checked.',
  'file-too-large': 'The file is larger than Cache Warden checks, so it was not validated.',
  'file-binary': 'The file is binary data, not YAML or JSON text.',
  'file-nul': 'The file contains a NUL byte, which YAML and JSON text cannot contain.',
  'file-not-regular': 'The path is a FIFO, a device or another non-regular file, so it was not read.',
  'file-outside-root': 'The path is a symlink that leads outside the project root, so it was not read.',
  'too-many-problems': 'The file reaches the limit of problems reported per file; there may be more.',
  'front-matter-unclosed': 'A doc\'s front matter declares an entity but never closes.',
  'nesting-too-deep': 'The document nests deeper than Cache Warden validates.',
  'alias-expansion-limit': 'YAML aliases expand to more nodes than allowed (an "alias bomb").',
  'yaml-unknown-alias': 'A YAML alias refers to no anchor defined before it.',
  'yaml-parse-failed': 'The YAML parser could not read the file.',
  'rule-failed': 'A rule could not check the document.',
  'analysis-failed': 'Cache Warden failed while checking the file.',
  'schema-type': 'A value has a type the schema does not allow.',
  'schema-enum': 'A value is not one of the values the schema allows.',
  'schema-const': 'A value differs from the one value the schema allows.',
  'schema-pattern': 'A string does not match the pattern the schema requires.',
  'schema-format': 'A string is not in the format the schema requires.',
  'schema-minimum': 'A number is below the schema minimum.',
  'schema-maximum': 'A number is above the schema maximum.',
  'schema-required': 'A required property is missing.',
  'schema-dependency': 'A property that another property needs is missing.',
  'schema-additional-property': 'A property is not allowed by the schema.',
  'schema-not-found': 'The schema associated with the file was not found.',
  'schema-remote-blocked': 'The schema is remote and remote schemas are not fetched.',
  'schema-remote-failed': 'The remote schema could not be fetched.',
  'schema-invalid': 'The schema associated with the file could not be compiled.',
  'schema-ref-unresolved': 'A $ref in the schema points to a place that does not exist.',
  'schema-one-of': 'A value matches none, or more than one, of the alternatives the schema allows.',
  'unknown-rule-id': 'The project file names a rule that does not exist.',
  'invalid-rule-severity': 'The project file sets a rule to something that is not a severity.',
  'override-without-files': 'A project file override has no file globs, so it applies to nothing.',
  'suppression-missing-reason': 'A suppression comment gives no reason.',
  'unused-suppression': 'A suppression comment suppresses nothing.',
};

/**
 * The catalog's problems (what the editor shows in docs and Backstage descriptors, and `check`
 * reports with them), with the severity each has by default (`catalog-unresolved-ref` is
 * information when the name exists in another kind or namespace).
 */
const CATALOG_CODES: Record<string, { text: string; severity: Severity }> = {
  'catalog-invalid-name': { text: 'A Backstage entity\'s name or namespace breaks Backstage\'s naming rules, so Backstage rejects the entity.', severity: 'error' },
  'catalog-invalid-entity': { text: 'A Backstage descriptor has no `kind` or no `metadata.name`, so Backstage rejects it.', severity: 'error' },
  'catalog-ref-without-kind': { text: 'A `dependsOn` or `dependencyOf` ref has no kind, which Backstage requires there.', severity: 'warning' },
  'catalog-unresolved-ref': { text: 'A ref matches no entity of the kind it looks for in the catalog.', severity: 'warning' },
  'catalog-duplicate-entity': { text: 'Two docs or Backstage descriptors declare the same entity.', severity: 'error' },
  'catalog-dependency-cycle': { text: 'Entities depend on each other in a cycle.', severity: 'warning' },
  'catalog-location-target-missing': { text: 'A Location target selects no file that declares Backstage entities, so nothing is read from it.', severity: 'warning' },
  'catalog-location-not-followed': { text: 'A Location target is a URL outside the workspace, so the entities it lists are not read.', severity: 'information' },
};

export function describeCode(code: string, example: Diagnostic, resolveDocs: (docsPath: string) => string): RuleDescription {
  const rule = ruleById(code);
  if (rule) {
    return {
      name: pascalCase(rule.title),
      shortDescription: sentence(rule.title),
      fullDescription: `${sentence(rule.title)} Cache Warden rule ${rule.id}; its page explains the failure it prevents and how to fix it.`,
      helpUri: resolveDocs(rule.docsPath),
      defaultSeverity: rule.defaultSeverity,
    };
  }
  const docs = example.docsUrl ? resolveDocs(example.docsUrl) : undefined;
  const catalog = CATALOG_CODES[code];
  return {
    name: pascalCase(code),
    shortDescription: catalog?.text ?? KNOWN_CODES[code] ?? familyDescription(code, example.source),
    ...(docs ? { helpUri: docs } : {}),
    defaultSeverity: catalog?.severity ?? example.severity,
  };
}

function familyDescription(code: string, source: string): string {
  if (code.startsWith('schema-') || source.includes('(schema)')) return `The file does not match its JSON Schema (${code}).`;
  if (code.startsWith('yaml-') || source.includes('(yaml)')) return `The file has a YAML syntax problem (${code}).`;
  return `Cache Warden reported ${code}.`;
}

/** "TTL missing, zero, or never" → "TtlMissingZeroOrNever"; "schema-enum" → "SchemaEnum". */
export function pascalCase(text: string): string {
  return text
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((word) => word[0].toUpperCase() + word.slice(1).toLowerCase())
    .join('');
}

function sentence(text: string): string {
  const trimmed = text.trim() || 'Cache Warden rule';
  const capital = trimmed[0].toUpperCase() + trimmed.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}
