// `cache-warden check`: find the files, load them into the workspace model the editor's language
// server uses (cross-file facts from all of them), analyze each with the same engine, add the
// catalog's problems in each file (what the editor publishes next to the analysis), print the
// report, and turn the result into an exit code.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { MAX_FINDINGS_PER_FILE, TOO_MANY_PROBLEMS, tooManyProblems, type AnalyzeSettings } from '../core/analyze';
import { catalogRoleOf } from '../core/catalog/catalog';
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
  // The catalog (Backstage descriptors, docs, refs between them) as the editor builds it: the whole
  // project when there is a project file or no path is given; else the checked files. Not with --schema.
  const catalog: CatalogScope = schemaUri ? 'none' : setup.configPath || !options.inputs.length ? 'project' : 'checked';
  // The project is scanned as the editor scans it: what the scan already decided (by path or by its
  // first bytes) is not read again to decide it here.
  if (catalog === 'project') await model.scan();
  const adapted = (file: string): boolean => {
    if (catalog === 'project') return model.file(file)?.adapted !== undefined;
    return readByAdapter(toPosix(path.relative(setup.root, file)), () => readHead(file));
  };
  // Files only an adapter's globs picked are checked when the adapter reads them (a sniff of their first bytes).
  const baseSelection = globMatcher(schemaUri ? SCHEMA_MODE_PATTERNS : selectionPatterns(setup, false));
  const named = new Set(options.inputs.map((input) => path.resolve(io.cwd, input)));
  discovery.files = discovery.files.filter((file) => named.has(file) || baseSelection(toPosix(path.relative(setup.root, file))) || adapted(file));
  for (const warning of discovery.warnings) io.stderr(`cache-warden: ${escapeControls(warning)}\n`);
  if (discovery.errors.length) throw new UsageError(discovery.errors.join('\ncache-warden: '));

  // Cross-file rules (CW007) see every cache config of the project, as in the editor, even when
  // only some files are checked. Without a project file the checked files are the whole world.
  const factFiles = setup.configPath && !schemaUri
    ? discoverFiles({ cwd: setup.root, inputs: [], select: [...CACHE_CONFIG_PATTERNS, ...adapterGlobs()], exclude: exclusionPatterns(setup), root: setup.root }).files
      .filter((file) => /\.cache\.(ya?ml|json)$/i.test(file) || adapted(file))
    : [];
  let files = await checkFiles(discovery.files, setup, schemaUri, io.cwd, factFiles, model, catalog);
  // A whole project: its docs and the descriptors the editor reads beyond `include` too.
  if (!options.inputs.length && !schemaUri) files.push(...await checkDescriptors(discovery.files, setup, io.cwd, model), ...await checkDocs(setup, model, io.cwd, unreadable));
  // --fix / --fix-dry-run: safe fixes applied (or shown); --fix then reports what is left.
  if (options.fix) {
    files = await runFixes(files, options.fix, options.format, io, async () => {
      const fresh = modelFor(setup, options.maxFileBytes);
      const again = await checkFiles(discovery.files, setup, schemaUri, io.cwd, factFiles, fresh, catalog);
      return !options.inputs.length && !schemaUri ? [...again, ...await checkDescriptors(discovery.files, setup, io.cwd, fresh), ...await checkDocs(setup, fresh, io.cwd, unreadable)] : again;
    });
  }
  // (Said after the run: a whole project's docs and descriptors found by content count too.)
  if (!files.length) io.stderr(`cache-warden: no files to check in ${options.inputs.length ? options.inputs.join(', ') : 'the current folder'}\n`);
  if (setup.configPath && !discovery.files.includes(setup.configPath)) warnAboutProjectFile(setup, io);
  await writeReport(files, options, setup, io);
  return exitCode(files, options, io);
}

/**
 * Which catalog problems the checked files get: 'project' — all the editor shows, on the project
 * folder scanned as the editor scans it (docs, descriptors by name or content, `catalog.files`,
 * Location targets); 'checked' — only the checked files are known, so only each file's own
 * (front matter, Backstage descriptors), not refs, duplicates or cycles, which need the rest of
 * the catalog; 'none' — --schema validates files against one schema, nothing else.
 */
export type CatalogScope = 'project' | 'checked' | 'none';

/**
 * Checks the files on the workspace model the editor's language server uses: every file read and
 * parsed once, every file's facts recorded (so CW007 sees all files), then each analysed. Each
 * file's problems are what the editor publishes for it: its analysis, then the catalog's problems
 * located in it (invalid Backstage names, refs without a kind, unresolved refs, duplicates, …).
 */
export async function checkFiles(
  absPaths: readonly string[], setup: ProjectSetup, schemaUri: string | undefined, cwd: string, factFiles: readonly string[] = [], model = modelFor(setup),
  catalog: CatalogScope = 'none',
): Promise<FileResult[]> {
  if (catalog === 'project' && !model.folderOf(setup.root).scanned) await model.scan();
  const wanted = [...new Set([...factFiles, ...absPaths])];
  // What the scan read is not read again.
  const failedReads = await model.loadFiles(wanted.filter((file) => !model.file(file)));
  if (catalog === 'project') {
    // A file read after the scan may declare a Location, whose rescan keeps only the folder's members:
    // wait for it, and read again a checked file it dropped.
    await model.followLocations();
    const dropped = wanted.filter((file) => !model.file(file) && !failedReads.has(file));
    for (const [file, error] of await model.loadFiles(dropped)) failedReads.set(file, error);
  }
  // Without the project around them, refs, duplicates and cycles would be judged on a part of the catalog.
  const catalogProblems = (file: string): Diagnostic[] => (catalog === 'project' ? model.catalog.diagnostics(file) : catalog === 'checked' ? model.catalog.fileDiagnostics(file) : []);
  return absPaths.map((absPath): FileResult => {
    const displayPath = toPosix(path.relative(cwd, absPath)) || path.basename(absPath);
    const entry = model.file(absPath);
    if (!entry) return { absPath, displayPath, diagnostics: [unreadable(failedReads.get(absPath))] };
    // A doc named on the command line: its front matter, validated as the editor does.
    if (entry.role === 'doc') return { absPath, displayPath, text: entry.text, diagnostics: catalog === 'none' ? model.catalog.diagnostics(absPath) : catalogProblems(absPath) };
    try {
      const analysis = model.analysis(absPath, schemaUri ? schemaModeSettings(absPath, schemaUri, setup.root) : undefined)!;
      // The project file is validated by its schema when one is registered, else by its reader.
      const diagnostics = absPath === setup.configPath && !analysis.association.schemaId ? setup.configDiagnostics : analysis.diagnostics;
      return { absPath, displayPath, text: entry.text, parsed: analysis.parsed, diagnostics: withCatalogProblems(diagnostics, catalogProblems(absPath)) };
    } catch (error) {
      // An engine bug must not hide the other files' results; it fails the run for this file.
      return { absPath, displayPath, text: entry.text, diagnostics: [analysisFailed(error), ...catalogProblems(absPath)] };
    }
  });
}

/**
 * A whole project: the Backstage descriptors the editor reads besides the selected files — found by
 * their content, by `catalog.files` or through Location targets — are checked too, so every
 * catalog file whose problems the editor shows (and `graph --strict` fails on) is in the report.
 */
async function checkDescriptors(checked: readonly string[], setup: ProjectSetup, cwd: string, model: WorkspaceModel): Promise<FileResult[]> {
  const known = new Set(checked);
  const more = model.catalog.files().filter((file) => !known.has(file) && model.file(file) && catalogRoleOf(file, model.file(file)!.text) === 'catalog-info');
  return more.length ? checkFiles(more, setup, undefined, cwd, [], model, 'project') : [];
}

/**
 * A file's analysis and its catalog problems, as one list (the editor publishes both). A problem
 * both report (a syntax error in a Backstage descriptor) is listed once, and the per-file limit
 * of findings holds for the sum.
 */
export function withCatalogProblems(analysis: readonly Diagnostic[], catalog: readonly Diagnostic[]): Diagnostic[] {
  const key = (d: Diagnostic) => `${d.code}\u0000${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}\u0000${d.message}`;
  const seen = new Set(analysis.map(key));
  const extra = catalog.filter((d) => !seen.has(key(d)));
  if (!extra.length) return [...analysis];
  // The analysis already reached the limit: it says so, and there is no room for more.
  if (analysis.some((d) => d.code === TOO_MANY_PROBLEMS)) return [...analysis];
  const room = MAX_FINDINGS_PER_FILE - analysis.length;
  if (extra.length <= room) return [...analysis, ...extra];
  return [...analysis, ...extra.slice(0, room), tooManyProblems()];
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
