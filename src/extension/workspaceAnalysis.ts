// The shared analysis cache: the latest FileAnalysis per open document version, computed after a
// per-document debounce; stale runs are dropped by version check. Every feature (diagnostics,
// hover, completion, status bar, quick fixes, diagram) reads from here or listens to onDidAnalyze.
import * as vscode from 'vscode';
import { analyzeFile, type FileAnalysis } from '../core/analyze';
import { SchemaRegistry } from '../core/schema/schemaRegistry';
import { currentRuleEnvironment } from './ruleEnvironment';
import { readSchemaSettings, SCHEMA_SETTING_KEYS } from './settings';

export interface AnalysisEvent {
  document: vscode.TextDocument;
  analysis: FileAnalysis;
}

/** Documents we analyze: YAML and JSON text on disk or unsaved. */
export function isAnalyzable(document: vscode.TextDocument): boolean {
  return ['yaml', 'json', 'jsonc'].includes(document.languageId) && ['file', 'untitled', 'vscode-remote'].includes(document.uri.scheme);
}

const REMOTE_FETCH_TIMEOUT_MS = 10000;

export class WorkspaceAnalysis implements vscode.Disposable {
  private readonly cache = new Map<string, { version: number; analysis: FileAnalysis }>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly emitter = new vscode.EventEmitter<AnalysisEvent>();
  private readonly disposables: vscode.Disposable[] = [this.emitter];
  private schemaRegistry: SchemaRegistry | undefined;
  readonly onDidAnalyze = this.emitter.event;

  constructor(readonly log: vscode.LogOutputChannel) {
    this.disposables.push(
      vscode.workspace.onDidOpenTextDocument((d) => this.schedule(d, 0)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length) this.schedule(e.document);
      }),
      vscode.workspace.onDidSaveTextDocument((d) => this.schedule(d, 0)),
      vscode.workspace.onDidCloseTextDocument((d) => this.forget(d)),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (SCHEMA_SETTING_KEYS.some((key) => e.affectsConfiguration(key))) {
          this.log.info('Schema settings changed; schemas will be reloaded');
          this.schemaRegistry = undefined;
          this.reanalyzeAll();
        }
      }),
      currentRuleEnvironment().onDidChange((change) => {
        if (!change.files) return this.reanalyzeAll();
        const wanted = new Set(change.files);
        for (const d of vscode.workspace.textDocuments) if (wanted.has(d.uri.fsPath)) this.schedule(d, 0);
      }),
    );
  }

  /** The registry is built on first use, so activation never compiles a schema. */
  registry(scope?: vscode.Uri): SchemaRegistry {
    if (!this.schemaRegistry) {
      const settings = readSchemaSettings(scope);
      this.schemaRegistry = new SchemaRegistry({ schemaDirs: settings.schemaDirs, allowRemote: settings.allowRemote, fetchText });
      this.log.info(`Schema registry ready (schema folders: ${settings.schemaDirs.join(', ') || 'none'}; remote schemas ${settings.allowRemote ? 'allowed' : 'blocked'})`);
    }
    return this.schemaRegistry;
  }

  /** The analysis of the document as it is now (computed now if the cached one is stale). */
  get(document: vscode.TextDocument): FileAnalysis {
    const cached = this.cache.get(document.uri.toString());
    if (cached && cached.version === document.version) return cached.analysis;
    return this.analyzeNow(document);
  }

  /** The cached analysis, whatever its version (for features that can use a slightly old one). */
  latest(document: vscode.TextDocument): FileAnalysis | undefined {
    return this.cache.get(document.uri.toString())?.analysis;
  }

  schedule(document: vscode.TextDocument, delay = readSchemaSettings(document.uri).debounceMs): void {
    if (!isAnalyzable(document)) return;
    const key = document.uri.toString();
    clearTimeout(this.timers.get(key));
    const version = document.version;
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        // A newer edit arrived (or the document closed): this run is stale.
        if (document.isClosed || document.version !== version) return;
        const cached = this.cache.get(key);
        if (cached && cached.version === version) return this.emitter.fire({ document, analysis: cached.analysis });
        try {
          this.analyzeNow(document);
        } catch {
          // Already logged by analyzeNow; a failed run leaves the previous diagnostics in place.
        }
      }, delay),
    );
  }

  analyzeNow(document: vscode.TextDocument): FileAnalysis {
    const started = Date.now();
    const key = document.uri.toString();
    const analysis = this.analyzeText(document.uri, document.getText(), this.cache.get(key)?.analysis.parsed);
    this.cache.set(key, { version: document.version, analysis });
    const elapsed = Date.now() - started;
    this.log.debug(`Analyzed ${vscode.workspace.asRelativePath(document.uri)} v${document.version} in ${elapsed} ms: ${analysis.diagnostics.length} problem(s), schema ${analysis.association.schemaId ?? 'none'} (${analysis.association.origin})`);
    if (elapsed > 500) this.log.warn(`Analysis of ${vscode.workspace.asRelativePath(document.uri)} took ${elapsed} ms`);
    this.fetchRemoteSchema(document, analysis);
    this.emitter.fire({ document, analysis });
    return analysis;
  }

  /** One analysis with the file's settings and the rules' workspace state; nothing cached or announced. */
  analyzeText(uri: vscode.Uri, text: string, previous?: FileAnalysis['parsed']): FileAnalysis {
    const settings = readSchemaSettings(uri);
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    try {
      return analyzeFile(text, {
        filePath: uri.fsPath || uri.path,
        registry: this.registry(uri),
        settings: { schemas: settings.schemas, workspaceRoot: folder?.uri.fsPath },
        previous,
        rules: currentRuleEnvironment().ruleOptions(),
      });
    } catch (error) {
      this.log.error(`Analysis of ${vscode.workspace.asRelativePath(uri)} failed: ${(error as Error).stack ?? error}`);
      throw error;
    }
  }

  /** A remote schema that is allowed but not fetched yet: fetch it, then analyze again. */
  private fetchRemoteSchema(document: vscode.TextDocument, analysis: FileAnalysis): void {
    const id = analysis.association.schemaId;
    const registry = this.registry(document.uri);
    if (!registry.allowRemote || !id || !analysis.diagnostics.some((d) => d.code === 'schema-remote-pending')) return;
    this.log.info(`Fetching remote schema(s) for ${id}`);
    registry.prefetch(id).then(
      () => {
        if (!document.isClosed) this.schedule(document, 0);
      },
      (error: Error) => this.log.warn(`Fetching ${id} failed: ${error.message}`),
    );
  }

  private reanalyzeAll(): void {
    this.cache.clear();
    for (const d of vscode.workspace.textDocuments) this.schedule(d, 0);
  }

  private forget(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    this.cache.delete(key);
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    for (const d of this.disposables) d.dispose();
  }
}

/** Fetches a remote schema (only ever called when cacheWarden.allowRemoteSchemas is on). */
async function fetchText(url: string): Promise<string> {
  const response = await fetch(url, { signal: AbortSignal.timeout(REMOTE_FETCH_TIMEOUT_MS) });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return response.text();
}

let current: WorkspaceAnalysis | undefined;

/** The extension host's analysis service (created by registerSchemaFeatures). */
export function currentWorkspaceAnalysis(): WorkspaceAnalysis | undefined {
  return current;
}

export function createWorkspaceAnalysis(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): WorkspaceAnalysis {
  current = new WorkspaceAnalysis(log);
  context.subscriptions.push(current);
  return current;
}
