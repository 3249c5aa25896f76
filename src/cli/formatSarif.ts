// SARIF 2.1.0 for code-scanning UIs: one run, a rule descriptor for every code that appears (with
// its help URI and default level), and one result per diagnostic located by a path relative to
// the repository root (uriBaseId %SRCROOT%) and a 1-based region.
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type * as Sarif from 'sarif';
import { sortedDiagnostics, type FileResult } from './checkResult';
import { PACKAGE_NAME, PACKAGE_VERSION } from './packageInfo';
import type { Diagnostic, Range, Severity } from '../core/types';

export const SARIF_SCHEMA_URI = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
export const SRCROOT = '%SRCROOT%';

/** What the SARIF rule descriptor says about a code. */
export interface RuleDescription {
  /** A PascalCase name ("TtlRequired"). */
  name: string;
  /** One sentence: what the rule catches. */
  shortDescription: string;
  fullDescription?: string;
  /** Absolute URI of the rule's page. */
  helpUri?: string;
  defaultSeverity: Severity;
}

export interface SarifFormatOptions {
  /** Absolute path the artifact URIs are relative to (the repository root). */
  rootDir: string;
  describeRule: (code: string, example: Diagnostic) => RuleDescription;
  informationUri?: string;
}

export function sarifLog(files: readonly FileResult[], options: SarifFormatOptions): Sarif.Log {
  const rules: Sarif.ReportingDescriptor[] = [];
  const ruleIndex = new Map<string, number>();
  const results: Sarif.Result[] = [];
  for (const file of files) {
    for (const d of sortedDiagnostics(file.diagnostics)) {
      let index = ruleIndex.get(d.code);
      if (index === undefined) {
        index = rules.length;
        ruleIndex.set(d.code, index);
        rules.push(ruleDescriptor(d.code, options.describeRule(d.code, d)));
      }
      results.push(result(d, index, file, options.rootDir));
    }
  }
  const driver: Sarif.ToolComponent = { name: PACKAGE_NAME, version: PACKAGE_VERSION, semanticVersion: PACKAGE_VERSION, rules };
  if (options.informationUri) driver.informationUri = options.informationUri;
  return {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: { driver },
        originalUriBaseIds: { [SRCROOT]: { uri: directoryUri(options.rootDir) } },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
}

export function formatSarif(files: readonly FileResult[], options: SarifFormatOptions): string {
  return `${JSON.stringify(sarifLog(files, options), null, 2)}\n`;
}

export function sarifLevel(severity: Severity): Sarif.ReportingConfiguration.level {
  if (severity === 'error') return 'error';
  if (severity === 'warning') return 'warning';
  return 'note';
}

function ruleDescriptor(code: string, rule: RuleDescription): Sarif.ReportingDescriptor {
  const descriptor: Sarif.ReportingDescriptor = {
    id: code,
    name: rule.name,
    shortDescription: { text: rule.shortDescription },
    fullDescription: { text: rule.fullDescription ?? rule.shortDescription },
    defaultConfiguration: { level: sarifLevel(rule.defaultSeverity) },
  };
  if (rule.helpUri) {
    descriptor.helpUri = rule.helpUri;
    descriptor.help = { text: `${rule.shortDescription} See ${rule.helpUri}`, markdown: `${rule.shortDescription} [Read more](${rule.helpUri})` };
  }
  return descriptor;
}

function result(d: Diagnostic, ruleIndex: number, file: FileResult, rootDir: string): Sarif.Result {
  const out: Sarif.Result = {
    ruleId: d.code,
    ruleIndex,
    level: sarifLevel(d.severity),
    message: { text: d.message },
    locations: [{ physicalLocation: { artifactLocation: artifactLocation(file.absPath, rootDir), region: region(d.range) } }],
  };
  const related = (d.related ?? []).flatMap((r, i) => {
    const absPath = absolutePathOf(r.uri, file.absPath);
    if (!absPath) return [];
    return [{ id: i + 1, message: { text: r.message }, physicalLocation: { artifactLocation: artifactLocation(absPath, rootDir), region: region(r.range) } }];
  });
  if (related.length) out.relatedLocations = related;
  return out;
}

/** SARIF regions are 1-based; endColumn is the column just after the last character. */
export function region(range: Range): Sarif.Region {
  return {
    startLine: range.start.line + 1,
    startColumn: range.start.character + 1,
    endLine: range.end.line + 1,
    endColumn: range.end.character + 1,
  };
}

/** Relative (forward slashes, percent-encoded) under %SRCROOT% when inside the root, else absolute. */
export function artifactLocation(absPath: string, rootDir: string): Sarif.ArtifactLocation {
  const relative = path.relative(rootDir, absPath);
  if (relative && !relative.startsWith('..') && !path.isAbsolute(relative)) {
    return { uri: relative.split(path.sep).map(encodeURIComponent).join('/'), uriBaseId: SRCROOT };
  }
  return { uri: pathToFileURL(absPath).href };
}

function directoryUri(dir: string): string {
  const href = pathToFileURL(dir).href;
  return href.endsWith('/') ? href : `${href}/`;
}

/** A related location's file: a file:// URI, an absolute path, or a path relative to the file. */
function absolutePathOf(uri: string, fromFile: string): string | undefined {
  try {
    if (uri.startsWith('file://')) return fileURLToPath(uri);
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(uri)) return undefined;
    return path.resolve(path.dirname(fromFile), uri);
  } catch {
    return undefined;
  }
}
