// The catalog as the extension sees it: answers from the language server's model (custom
// requests), and an event when the server says the graph or its problems changed.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  DIAGRAM_VIEW_REQUEST, ENTITIES_REQUEST, ENTITY_OF_FILE_REQUEST, ENTITY_REQUEST, GRAPH_CHANGED_NOTIFICATION, READY_REQUEST,
  type DiagramViewParams, type DiagramViewResult, type EntityInfo,
} from '../server/protocol';
import { DATASTORES_REQUEST, type DatastoreInfo } from '../server/protocol';

export class ServerCatalog implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when the catalog or the problems behind node status changed. */
  readonly onDidChange = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly client: LanguageClient) {
    this.subscription = client.onNotification(GRAPH_CHANGED_NOTIFICATION, () => this.changed.fire());
  }

  /** Resolves once the server's first scan is done and its problems are published. */
  async ready(): Promise<void> {
    await this.client.sendRequest(READY_REQUEST);
  }

  view(params: DiagramViewParams): Promise<DiagramViewResult> {
    return this.client.sendRequest<DiagramViewResult>(DIAGRAM_VIEW_REQUEST, params);
  }

  async entity(ref: string, resolve = false): Promise<EntityInfo | undefined> {
    return (await this.client.sendRequest<EntityInfo | null>(ENTITY_REQUEST, { ref, resolve })) ?? undefined;
  }

  entities(): Promise<EntityInfo[]> {
    return this.client.sendRequest<EntityInfo[]>(ENTITIES_REQUEST);
  }

  /** The entity a file declares or documents (around `line` when given). */
  async entityOfFile(uri: vscode.Uri, line?: number): Promise<EntityInfo | undefined> {
    return (await this.client.sendRequest<EntityInfo | null>(ENTITY_OF_FILE_REQUEST, { uri: uri.toString(), ...(line !== undefined ? { line } : {}) })) ?? undefined;
  }

  /** Datastores ranked by the misconfigured caches in front of them ("What Reaches…"). */
  datastores(): Promise<DatastoreInfo[]> {
    return this.client.sendRequest<DatastoreInfo[]>(DATASTORES_REQUEST);
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
