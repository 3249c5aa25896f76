// Publishes every file's problems: its analysis (schema + rules) and its catalog problems, as one
// list per file. Work is queued when the model reports stale files and done a file at a time,
// yielding between files, so requests are answered in between. Closed files are reported when the
// folder's `closedFiles` setting is on (as `cache-warden check` reports them in CI).
import type { Connection, Diagnostic as LspDiagnostic } from 'vscode-languageserver';
import { DiagnosticSeverity } from 'vscode-languageserver';
import type { FileAnalysis } from '../core/analyze';
import type { Diagnostic, Severity } from '../core/types';
import type { WorkspaceModel } from '../core/workspace/workspaceModel';
import { docsLink, uriOf } from './uris';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

const SYNTAX_SOURCE = 'cache-warden (yaml)';

export interface PublishPolicy {
  isOpen(file: string): boolean;
  closedFiles(file: string): boolean;
  clientValidatesJson(file: string): boolean;
  log(message: string): void;
}

export class DiagnosticsPublisher {
  private readonly queue = new Set<string>();
  private readonly openQueue = new Set<string>();
  private holding = false;
  private readonly published = new Map<string, string>();
  private draining = false;
  private readonly fetching = new Set<string>();
  private idleWaiters: (() => void)[] = [];

  constructor(private readonly connection: Connection, private readonly model: WorkspaceModel, private readonly policy: PublishPolicy) {}

  enqueue(files: Iterable<string>): void {
    for (const file of files) (this.policy.isOpen(file) ? this.openQueue : this.queue).add(file);
    this.drain();
  }

  /**
   * While the first scan runs, only open files are published: a closed file's cross-file findings
   * (an unresolved ref to a doc not read yet) would flash and vanish. `resume` publishes the rest.
   */
  hold(): void {
    this.holding = true;
  }

  resume(): void {
    this.holding = false;
    this.drain();
  }

  /** Every file that may have problems: the model's files and those published before. */
  enqueueAll(): void {
    this.enqueue([...this.model.allFiles().map((f) => f.path), ...this.published.keys()]);
  }

  /** Resolves when the queue is empty (tests and the start-up bench wait on it). */
  idle(): Promise<void> {
    if (!this.draining && this.pending() === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private pending(): number {
    return this.openQueue.size + (this.holding ? 0 : this.queue.size);
  }

  /** Open documents first: they are what the user looks at. */
  private next(): string | undefined {
    const open = this.openQueue.values().next();
    if (!open.done) {
      this.openQueue.delete(open.value);
      return open.value;
    }
    if (this.holding) return undefined;
    const closed = this.queue.values().next();
    if (closed.done) return undefined;
    this.queue.delete(closed.value);
    return closed.value;
  }

  private drain(): void {
    if (this.draining) return;
    this.draining = true;
    const step = (): void => {
      const started = Date.now();
      // A few milliseconds of work per turn of the event loop.
      for (let file = this.next(); file !== undefined; file = Date.now() - started < 8 ? this.next() : undefined) {
        try {
          this.publish(file);
        } catch (error) {
          this.policy.log(`Problems of ${file} could not be computed: ${(error as Error).stack ?? error}`);
        }
      }
      if (this.pending()) {
        setImmediate(step);
        return;
      }
      this.draining = false;
      for (const resolve of this.idleWaiters.splice(0)) resolve();
    };
    setImmediate(step);
  }

  private publish(file: string): void {
    const entry = this.model.file(file);
    const open = this.policy.isOpen(file);
    let diagnostics: Diagnostic[] = [];
    if (entry && (open || this.policy.closedFiles(file))) {
      const analysis = this.model.analysis(file);
      if (analysis) diagnostics = this.shownOf(file, analysis);
      if (analysis) this.fetchRemoteSchema(file, analysis);
    }
    if (entry) diagnostics = [...diagnostics, ...this.model.catalog.diagnostics(file)];
    const lsp = diagnostics.map((d) => toLspDiagnostic(d, file));
    const signature = JSON.stringify(lsp);
    if ((this.published.get(file) ?? '[]') === signature) return;
    if (lsp.length) this.published.set(file, signature);
    else this.published.delete(file);
    void this.connection.sendDiagnostics({ uri: uriOf(file), ...(entry?.overlayVersion !== undefined ? { version: entry.overlayVersion } : {}), diagnostics: lsp });
  }

  /** A remote schema that is allowed but not fetched yet: fetch it, then analyse the file again. */
  private fetchRemoteSchema(file: string, analysis: FileAnalysis): void {
    const id = analysis.association.schemaId;
    const registry = this.model.folderOf(file).registry;
    if (!registry.allowRemote || !id || !analysis.diagnostics.some((d) => d.code === 'schema-remote-pending') || this.fetching.has(id)) return;
    this.fetching.add(id);
    this.policy.log(`Fetching remote schema(s) for ${id}`);
    registry.prefetch(id).then(
      () => this.model.invalidate(file),
      (error: Error) => this.policy.log(`Fetching ${id} failed: ${error.message}`),
    ).finally(() => this.fetching.delete(id));
  }

  private shownOf(file: string, analysis: FileAnalysis): Diagnostic[] {
    const isJson = /\.jsonc?$/i.test(file);
    return isJson && this.policy.clientValidatesJson(file) ? analysis.diagnostics.filter((d) => d.source !== SYNTAX_SOURCE) : analysis.diagnostics;
  }
}

export function toLspDiagnostic(d: Diagnostic, file: string): LspDiagnostic {
  const out: LspDiagnostic = {
    range: d.range,
    severity: SEVERITY[d.severity],
    code: d.code,
    source: d.source,
    message: d.message,
  };
  if (d.docsUrl) out.codeDescription = { href: docsLink(d.docsUrl) };
  if (d.related?.length) {
    out.relatedInformation = d.related.map((r) => ({ location: { uri: uriOf(r.uri || file), range: r.range }, message: r.message }));
  }
  return out;
}
