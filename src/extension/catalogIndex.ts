// The workspace's catalog index in the editor: built once, lazily, after activation (one
// findFiles), then kept current per file by a file watcher and by edits to open documents —
// never by rescanning. Publishes catalog problems (unresolved refs, duplicates, cycles, front
// matter schema) and exposes the catalog to the diagram, the ref providers and commands.
import * as vscode from 'vscode';
import type { ResolvedOccurrence } from '../core/catalog/buildGraph';
import { Catalog, catalogFileRole } from '../core/catalog/catalog';
import type { Entity } from '../core/graph/graphModel';
import { frontMatterValidator } from '../core/catalog/frontMatterValidation';
import { SchemaRegistry } from '../core/schema/schemaRegistry';
import type { Diagnostic } from '../core/types';
import { registerRefProviders } from './refProviders';
import { registerOpenDocumentation } from './openDocumentation';
import { registerFrontMatterFeatures } from './frontMatterFeatures';

const CATALOG_GLOB = '**/{*.md,*.markdown,catalog-info.yaml,catalog-info.yml,*.cache.yaml,*.cache.yml,*.cache.json}';
const EXCLUDE_GLOB = '**/{node_modules,.git,out,dist,.vscode-test}/**';
const EDIT_DEBOUNCE_MS = 250;
const PUBLISH_DEBOUNCE_MS = 50;

export class CatalogIndex implements vscode.Disposable {
  readonly registry: SchemaRegistry;
  readonly catalog: Catalog;
  private readonly changeEmitter = new vscode.EventEmitter<void>();
  /** Fires after the catalog changed (already updated when listeners run). */
  readonly onDidChange = this.changeEmitter.event;
  private readonly diagnostics = vscode.languages.createDiagnosticCollection('cache-warden-catalog');
  private readonly published = new Map<string, string>();
  private readonly indexedVersion = new Map<string, number>();
  private readonly editTimers = new Map<string, ReturnType<typeof setTimeout>>();
  private publishTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private started: Promise<void> | undefined;

  constructor(private readonly docsRoot: vscode.Uri, private readonly log: vscode.LogOutputChannel) {
    // The shipped schemas folder makes the front matter schema known even where it is not built in.
    this.registry = new SchemaRegistry({ schemaDirs: [vscode.Uri.joinPath(docsRoot, 'schemas').fsPath] });
    this.catalog = new Catalog({
      validateFrontMatter: frontMatterValidator(this.registry),
      displayPath: (file) => vscode.workspace.asRelativePath(this.uriOf(file), false),
    });
    this.disposables.push(this.diagnostics, this.changeEmitter, this.catalog.onDidChange(() => this.changed()));
  }

  /** Builds the index on first call; every feature awaits this before answering. */
  ready(): Promise<void> {
    return (this.started ??= this.build());
  }

  fileOf(uri: vscode.Uri): string {
    return uri.scheme === 'file' ? uri.fsPath : uri.toString();
  }

  uriOf(file: string): vscode.Uri {
    return /^[a-z][a-z0-9+.-]+:\/\//i.test(file) ? vscode.Uri.parse(file) : vscode.Uri.file(file);
  }

  /** Brings an open document's latest text into the catalog (providers call this before answering). */
  sync(document: vscode.TextDocument): void {
    const file = this.fileOf(document.uri);
    if (!catalogFileRole(file) || this.indexedVersion.get(file) === document.version) return;
    clearTimeout(this.editTimers.get(file));
    this.editTimers.delete(file);
    this.indexedVersion.set(file, document.version);
    this.catalog.updateFile(file, document.getText());
  }

  /** The ref written at a position and the entity it resolves to, on the document as it is now. */
  async refAtPosition(document: vscode.TextDocument, position: vscode.Position): Promise<{ ref: ResolvedOccurrence; entity: Entity } | undefined> {
    await this.ready();
    this.sync(document);
    const ref = this.catalog.refAt(this.fileOf(document.uri), { line: position.line, character: position.character });
    const entity = ref?.target ? this.catalog.entity(ref.target) : undefined;
    return ref && entity ? { ref, entity } : undefined;
  }

  private async build(): Promise<void> {
    const started = Date.now();
    const uris = await vscode.workspace.findFiles(CATALOG_GLOB, EXCLUDE_GLOB);
    const open = new Map(vscode.workspace.textDocuments.map((d) => [d.uri.toString(), d]));
    const queue = [...uris];
    const worker = async (): Promise<void> => {
      for (let uri = queue.shift(); uri; uri = queue.shift()) {
        const document = open.get(uri.toString());
        if (document) this.sync(document);
        else await this.readFromDisk(uri);
      }
    };
    await Promise.all(Array.from({ length: 16 }, worker));
    const watcher = vscode.workspace.createFileSystemWatcher(CATALOG_GLOB);
    const folderWatcher = vscode.workspace.createFileSystemWatcher('**/*', true, true, false);
    this.disposables.push(
      watcher,
      folderWatcher,
      watcher.onDidCreate((uri) => void this.readFromDisk(uri)),
      watcher.onDidChange((uri) => void this.readFromDisk(uri)),
      watcher.onDidDelete((uri) => this.catalog.removeFile(this.fileOf(uri))),
      // A deleted folder reports only itself.
      folderWatcher.onDidDelete((uri) => this.catalog.removeFolder(this.fileOf(uri))),
      vscode.workspace.onDidChangeTextDocument((event) => this.scheduleSync(event.document)),
      vscode.workspace.onDidCloseTextDocument((document) => {
        this.indexedVersion.delete(this.fileOf(document.uri));
        // Closing without saving drops the edits: the file on disk is the truth again.
        if (document.isDirty && catalogFileRole(this.fileOf(document.uri))) void this.readFromDisk(document.uri);
      }),
    );
    this.log.info(`Catalog: indexed ${uris.length} files, ${this.catalog.entities.size} entities in ${Date.now() - started} ms`);
    this.publish();
  }

  private async readFromDisk(uri: vscode.Uri): Promise<void> {
    const file = this.fileOf(uri);
    if (!catalogFileRole(file)) return;
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (open?.isDirty) return this.sync(open);
    try {
      const bytes = await vscode.workspace.fs.readFile(uri);
      this.indexedVersion.delete(file);
      this.catalog.updateFile(file, new TextDecoder('utf-8').decode(bytes));
    } catch (error) {
      this.catalog.removeFile(file);
      this.log.debug(`Catalog: cannot read ${uri.toString()}: ${(error as Error).message}`);
    }
  }

  private scheduleSync(document: vscode.TextDocument): void {
    const file = this.fileOf(document.uri);
    if (!catalogFileRole(file) || !this.started) return;
    clearTimeout(this.editTimers.get(file));
    this.editTimers.set(file, setTimeout(() => this.sync(document), EDIT_DEBOUNCE_MS));
  }

  private changed(): void {
    this.changeEmitter.fire();
    clearTimeout(this.publishTimer);
    this.publishTimer = setTimeout(() => this.publish(), PUBLISH_DEBOUNCE_MS);
  }

  /** Sets the Problems list entries that changed (by content), and clears fixed files. */
  private publish(): void {
    const current = this.catalog.allDiagnostics();
    for (const file of [...this.published.keys()]) {
      if (!current.has(file)) {
        this.diagnostics.delete(this.uriOf(file));
        this.published.delete(file);
      }
    }
    for (const [file, list] of current) {
      const signature = JSON.stringify(list);
      if (this.published.get(file) === signature) continue;
      this.published.set(file, signature);
      this.diagnostics.set(this.uriOf(file), list.map((d) => this.toVsDiagnostic(d)));
    }
  }

  private toVsDiagnostic(d: Diagnostic): vscode.Diagnostic {
    const range = new vscode.Range(d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character);
    const severity = d.severity === 'error' ? vscode.DiagnosticSeverity.Error : d.severity === 'warning' ? vscode.DiagnosticSeverity.Warning : d.severity === 'information' ? vscode.DiagnosticSeverity.Information : vscode.DiagnosticSeverity.Hint;
    const out = new vscode.Diagnostic(range, d.message, severity);
    out.source = d.source;
    out.code = d.docsUrl ? { value: d.code, target: this.docsTarget(d.docsUrl) } : d.code;
    if (d.related?.length) {
      out.relatedInformation = d.related.map((r) => new vscode.DiagnosticRelatedInformation(
        new vscode.Location(this.uriOf(r.uri), new vscode.Range(r.range.start.line, r.range.start.character, r.range.end.line, r.range.end.character)),
        r.message,
      ));
    }
    return out;
  }

  /** `docs/catalog.md#unresolved-refs` → the page shipped inside the extension. */
  private docsTarget(docsUrl: string): vscode.Uri {
    const [pathPart, fragment] = docsUrl.split('#');
    return vscode.Uri.joinPath(this.docsRoot, pathPart).with({ fragment: fragment ?? '' });
  }

  dispose(): void {
    for (const timer of this.editTimers.values()) clearTimeout(timer);
    clearTimeout(this.publishTimer);
    for (const d of this.disposables) d.dispose();
  }
}

let instance: CatalogIndex | undefined;

/** The running index (for features registered elsewhere, e.g. the diagram). */
export function getCatalogIndex(): CatalogIndex | undefined {
  return instance;
}

/**
 * Registers the catalog index and everything built on it: ref links, Go to Definition and hover,
 * front matter hover/completion, and "Open Documentation…". The index starts after activation.
 */
export function registerCatalog(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): CatalogIndex {
  const index = new CatalogIndex(context.extensionUri, log);
  instance = index;
  context.subscriptions.push(index, { dispose: () => (instance = undefined) });
  registerRefProviders(context, index);
  registerOpenDocumentation(context, index);
  registerFrontMatterFeatures(context, index);
  // Off the activation path: the first provider call or this timer starts the scan.
  const timer = setTimeout(() => void index.ready().catch((error) => log.error(`Catalog: indexing failed: ${(error as Error).message}`)), 0);
  context.subscriptions.push({ dispose: () => clearTimeout(timer) });
  return index;
}
