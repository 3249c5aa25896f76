// `cache-warden check`: find the files, load them into the workspace model the editor's language
// server uses (cross-file facts from all of them), analyze each with the same engine, print the report, and turn the result into an exit code.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { AnalyzeSettings } from '../core/analyze';
import { PROJECT_CONFIG_FILE } from '../core/project/projectConfig';
import { FileRefusal } from '../core/workspace/fileSystem';
import { WorkspaceModel } from '../core/workspace/workspaceModel';
import { globMatcher } from '../core/workspace/folderModel';
import { adapterGlobs, readByAdapter, SNIFF_BYTES } from '../core/formats/registry';
import { runFixes } from './applyFixes';
import { checkDocs } from './checkDocs';
import { escapeControls } from './terminalSafe';
import type { SchemaRegistry } from '../core/schema/schemaRegistry';
import { fileUriOf } from '../core/schema/schemaUris';
import type { Diagnostic } from '../core/types';
import { plural, summarize, type FileResult } from './checkResult';
import { parseCheckArgs, type CheckOptions } from './checkOptions';
import { EXIT_OK, EXIT_PROBLEMS, UsageError, type CliIo } from './cliIo';
import { CACHE_CONFIG_PATTERNS, discoverFiles, toPosix } from './discoverFiles';
import { formatHuman, summaryLine } from './formatHuman';
import { formatJson } from './formatJson';
import { formatSarif } from './formatSarif';
import { docsUri } from './packageInfo';
import { exclusionPatterns, loadProjectSetup, reason, repositoryRoot, selectionPatterns, type ProjectSetup } from './projectSetup';
import { describeCode } from './ruleDescriptions';
import { CHECK_USAGE } from './usage';

/** What walking a folder picks with --schema: every YAML and JSON file. */
const SCHEMA_MODE_PATTERNS = ['**/*.yaml', '**/*.yml', '**/*.json'];

export async function runCheckCommand(args: readonly string[], io: CliIo): Promise<number> {
  const options = parseCheckArgs(args);
  if (options.help) {
    io.stdout(CHECK_USAGE);
    return EXIT_OK;
  }
  const setup = loadProjectSetup(io.cwd, options.config, options.schemaDirs, options.inputs, options.schemaMaps);
  const model = modelFor(setup, options.maxFileBytes);
  const schemaUri = options.schema ? checkedSchema(options.schema, io, model.folderOf(setup.root).registry) : undefined;

  const discovery = discoverFiles({
    cwd: io.cwd,
    inputs: options.inputs,
    select: schemaUri ? SCHEMA_MODE_PATTERNS : selectionPatterns(setup),
    exclude: exclusionPatterns(setup),
    root: setup.root,
  });
  // Files only an adapter's globs picked are checked when the adapter reads them (a sniff of their first bytes).
  const baseSelection = globMatcher(schemaUri ? SCHEMA_MODE_PATTERNS : selectionPatterns(setup, false));
  const named = new Set(options.inputs.map((input) => path.resolve(io.cwd, input)));
  discovery.files = discovery.files.filter((file) => {
    const rel = toPosix(path.relative(setup.root, file));
    return named.has(file) || baseSelection(rel) || readByAdapter(rel, () => readHead(file));
  });
  for (const warning of discovery.warnings) io.stderr(`cache-warden: ${escapeControls(warning)}\n`);
  if (discovery.errors.length) throw new UsageError(discovery.errors.join('\ncache-warden: '));
  if (!discovery.files.length) io.stderr(`cache-warden: no files to check in ${options.inputs.length ? options.inputs.join(', ') : 'the current folder'}\n`);

  // Cross-file rules (CW007) see every cache config of the project, as in the editor, even when
  // only some files are checked. Without a project file the checked files are the whole world.
  const factFiles = setup.configPath && !schemaUri
    ? discoverFiles({ cwd: setup.root, inputs: [], select: [...CACHE_CONFIG_PATTERNS, ...adapterGlobs()], exclude: exclusionPatterns(setup), root: setup.root }).files
      .filter((file) => { const rel = toPosix(path.relative(setup.root, file)); return /\.cache\.(ya?ml|json)$/i.test(rel) || readByAdapter(rel, () => readHead(file)); })
    : [];
  let files = await checkFiles(discovery.files, setup, schemaUri, io.cwd, factFiles, model);
  // A whole project: its docs' front matter too, as the editor checks it.
  if (!options.inputs.length && !schemaUri) files.push(...await checkDocs(setup, model, io.cwd, unreadable));
  // --fix / --fix-dry-run: safe fixes applied (or shown); --fix then reports what is left.
  if (options.fix) {
    files = await runFixes(files, options.fix, options.format, io, async () => {
      const fresh = modelFor(setup, options.maxFileBytes);
      const again = await checkFiles(discovery.files, setup, schemaUri, io.cwd, factFiles, fresh);
      return !options.inputs.length && !schemaUri ? [...again, ...await checkDocs(setup, fresh, io.cwd, unreadable)] : again;
    });
  }
  if (setup.configPath && !discovery.files.includes(setup.configPath)) warnAboutProjectFile(setup, io);
  await writeReport(files, options, setup, io);
  return exitCode(files, options, io);
}

/**
 * Checks the files on the workspace model the editor's language server uses: every file read and
 * parsed once, every file's facts recorded (so CW007 sees all files), then each analysed.
 */
export async function checkFiles(
  absPaths: readonly string[], setup: ProjectSetup, schemaUri: string | undefined, cwd: string, factFiles: readonly string[] = [], model = modelFor(setup),
): Promise<FileResult[]> {
  const failedReads = await model.loadFiles([...new Set([...factFiles, ...absPaths])]);
  return absPaths.map((absPath): FileResult => {
    const displayPath = toPosix(path.relative(cwd, absPath)) || path.basename(absPath);
    const entry = model.file(absPath);
    if (!entry) return { absPath, displayPath, diagnostics: [unreadable(failedReads.get(absPath))] };
    // A doc named on the command line: its front matter, validated as the editor does.
    if (entry.role === 'doc') return { absPath, displayPath, text: entry.text, diagnostics: model.catalog.diagnostics(absPath) };
    try {
      const analysis = model.analysis(absPath, schemaUri ? schemaModeSettings(absPath, schemaUri, setup.root) : undefined)!;
      // The project file is validated by its schema when one is registered, else by its reader.
      const diagnostics = absPath === setup.configPath && !analysis.association.schemaId ? setup.configDiagnostics : analysis.diagnostics;
      return { absPath, displayPath, text: entry.text, parsed: analysis.parsed, diagnostics };
    } catch (error) {
      // An engine bug must not hide the other files' results; it fails the run for this file.
      return { absPath, displayPath, text: entry.text, diagnostics: [analysisFailed(error)] };
    }
  });
}

/** One folder (the project root) with the project file's config and the --schema-dir folders. */
export function modelFor(setup: ProjectSetup, maxFileBytes?: number): WorkspaceModel {
  const model = new WorkspaceModel(maxFileBytes ? { maxFileBytes } : {});
  const folder = model.addFolder(setup.root, { schemaDirs: setup.extraSchemaDirs, schemaMappings: setup.extraSchemaMaps });
  folder.updateConfig(setup.config, setup.configDiagnostics, undefined);
  return model;
}

/** --schema: the file is checked against that schema, whatever its modeline, `$schema` key or the settings say. */
function schemaModeSettings(absPath: string, schemaUri: string, root: string): AnalyzeSettings {
  const relative = path.relative(root, absPath);
  const inside = relative && !relative.startsWith('..') && !path.isAbsolute(relative);
  const workspaceRoot = inside ? root : path.dirname(absPath);
  return { schemas: { [schemaUri]: [toPosix(path.relative(workspaceRoot, absPath))] }, workspaceRoot, forcedSchema: schemaUri };
}

/**
 * The --schema file must exist and compile: a run against a broken schema would prove nothing. A
 * reference inside it that cannot be resolved is reported at its `$ref` (file:line:column) here,
 * and on every file checked (exit 1), while the rest of the schema still checks them.
 */
function checkedSchema(schema: string, io: CliIo, registry: SchemaRegistry): string {
  const uri = /^[a-z][a-z0-9+.-]*:\/\//i.test(schema) ? schema : fileUriOf(path.resolve(io.cwd, schema));
  if (uri.startsWith('file://') && !fs.existsSync(path.resolve(io.cwd, schema))) throw new UsageError(`--schema: file not found: ${schema}`);
  const compiled = registry.getValidator(uri);
  if (!compiled.validate) throw new UsageError(`--schema: ${compiled.problems.map((p) => p.message).join(' ')}`);
  for (const problem of compiled.problems) {
    const at = problem.at;
    const where = at?.path ? `${toPosix(path.relative(io.cwd, at.path)) || path.basename(at.path)}${at.range ? `:${at.range.start.line + 1}:${at.range.start.character + 1}` : ''}: ` : '';
    io.stderr(`cache-warden: ${escapeControls(`${where}${problem.message}`)}\n`);
  }
  return uri;
}

/** Problems in a project file that this run does not report as a checked file still matter. */
function warnAboutProjectFile(setup: ProjectSetup, io: CliIo): void {
  const where = toPosix(path.relative(io.cwd, setup.configPath!)) || PROJECT_CONFIG_FILE;
  for (const d of setup.configDiagnostics) {
    io.stderr(`cache-warden: ${escapeControls(`${where}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${d.message}`)}\n`);
  }
}

function analysisFailed(error: unknown): Diagnostic {
  return {
    code: 'analysis-failed',
    severity: 'error',
    message: `Cache Warden failed while checking this file (please report it): ${(error as Error).message}`,
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    source: 'cache-warden',
  };
}

function unreadable(error: unknown): Diagnostic {
  error ??= new Error('unknown error');
  // The bounded reader's refusals (too large, not a regular file, a symlink out of the project).
  if (error instanceof FileRefusal) {
    return { code: error.code, severity: 'error', message: error.message, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, source: 'cache-warden' };
  }
  return {
    code: 'file-unreadable',
    severity: 'error',
    message: `This file could not be read: ${reason(error)}.`,
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    source: 'cache-warden',
  };
}

async function writeReport(files: FileResult[], options: CheckOptions, setup: ProjectSetup, io: CliIo): Promise<void> {
  const resolveDocs = (docsPath: string) => docsUri(docsPath, options.docsBaseUrl);
  let report: string;
  if (options.format === 'json') report = formatJson(files, { resolveDocs });
  else if (options.format === 'sarif') {
    report = formatSarif(files, {
      rootDir: repositoryRoot(setup.root),
      describeRule: (code, example) => describeCode(code, example, resolveDocs),
      informationUri: resolveDocs('README.md'),
    });
  } else report = formatHuman(files, { color: options.output ? false : io.color });
  if (!options.output) {
    io.stdout(report);
    return;
  }
  const target = path.resolve(io.cwd, options.output);
  try {
    await fs.promises.mkdir(path.dirname(target), { recursive: true });
    await fs.promises.writeFile(target, report);
  } catch (error) {
    throw new UsageError(`cannot write ${options.output}: ${reason(error)}`);
  }
  io.stdout(`${summaryLine(files)} (report: ${options.output})\n`);
}

function exitCode(files: FileResult[], options: CheckOptions, io: CliIo): number {
  const summary = summarize(files);
  if (summary.errors > 0) return EXIT_PROBLEMS;
  if (options.maxWarnings !== undefined && summary.warnings > options.maxWarnings) {
    io.stderr(`cache-warden: ${plural(summary.warnings, 'warning')}, more than --max-warnings ${options.maxWarnings} allows\n`);
    return EXIT_PROBLEMS;
  }
  return EXIT_OK;
}

/** The first bytes of a file (what a format sniff looks at); undefined when it cannot be read. */
function readHead(file: string): string | undefined {
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, 'r');
    const buffer = Buffer.alloc(SNIFF_BYTES);
    const read = fs.readSync(fd, buffer, 0, SNIFF_BYTES, 0);
    return buffer.subarray(0, read).toString('utf8');
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}
