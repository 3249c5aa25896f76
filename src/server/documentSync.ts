// Open documents → the model's overlays. Opening and saving update the model at once; typing
// updates it after the folder's debounce, so a burst of keystrokes costs one parse. Features that
// answer about a document (hover, completion, …) call `flush` first: the pending text, if any, is
// parsed now (still once per version), never analysed.
import { TextDocuments, type Connection } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { WorkspaceModel } from '../core/workspace/workspaceModel';
import { fileOf } from './uris';

export class DocumentSync {
  readonly documents = new TextDocuments(TextDocument);
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(private readonly model: WorkspaceModel, private readonly debounceMs: (uri: string) => number) {
    this.documents.onDidOpen(({ document }) => this.apply(document.uri));
    this.documents.onDidChangeContent(({ document }) => this.schedule(document.uri));
    this.documents.onDidSave(({ document }) => this.apply(document.uri));
    this.documents.onDidClose(({ document }) => {
      this.cancel(document.uri);
      void this.model.closeOverlay(fileOf(document.uri));
    });
  }

  listen(connection: Connection): void {
    this.documents.listen(connection);
  }

  get(uri: string): TextDocument | undefined {
    return this.documents.get(uri);
  }

  /** Brings the document's latest text into the model now (no-op when it is there already). */
  flush(uri: string): void {
    if (this.timers.has(uri)) this.apply(uri);
  }

  private schedule(uri: string): void {
    const document = this.documents.get(uri);
    if (!document) return;
    const file = this.model.file(fileOf(uri));
    // The open event already brought this version in.
    if (file?.overlayVersion === document.version) return;
    this.cancel(uri);
    this.timers.set(uri, setTimeout(() => this.apply(uri), this.debounceMs(uri)));
  }

  private apply(uri: string): void {
    this.cancel(uri);
    const document = this.documents.get(uri);
    if (document) this.model.setOverlay(fileOf(uri), document.getText(), document.version);
  }

  private cancel(uri: string): void {
    clearTimeout(this.timers.get(uri));
    this.timers.delete(uri);
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }
}
