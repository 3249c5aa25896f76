// The Cache Warden language server: hosts the workspace model and answers LSP for any editor
// (VS Code through its client over IPC, others through `cache-warden lsp --stdio`). Diagnostics
// are pushed as the model changes; hover, completion, definition, links and code actions read the
// model; the diagram's custom requests (protocol.ts) build views from it.
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  DidChangeConfigurationNotification, DidChangeWatchedFilesNotification, FileChangeType, TextDocumentSyncKind, WatchKind,
  type Connection, type InitializeParams, type InitializeResult, type WorkspaceFolder,
} from 'vscode-languageserver';
import { catalogFileRole } from '../core/catalog/catalog';
import { workerDocPreparer } from '../core/workspace/docPreparation';
import { WorkspaceModel } from '../core/workspace/workspaceModel';
import { clientFeaturesOf, type ClientFeatures } from './clientFeatures';
import { provideCodeActions, SHOW_IN_DIAGRAM_KIND } from './codeActions';
import { COMPLETION_TRIGGERS, provideCompletion } from './completion';
import { DiagnosticsPublisher } from './diagnostics';
import { diagramView } from './diagram';
import { DocumentSync } from './documentSync';
import { entityAtLine, entityInfo } from './entities';
import { provideHover } from './hover';
import { provideDefinition, provideDocumentLinks } from './navigation';
import {
  DIAGRAM_VIEW_REQUEST, ENTITIES_REQUEST, ENTITY_OF_FILE_REQUEST, ENTITY_REQUEST, GRAPH_CHANGED_NOTIFICATION, READY_REQUEST, SCHEMA_OF_REQUEST, STATS_REQUEST,
  type DiagramViewParams, type EntityOfFileParams, type EntityParams, type ModelStats, type SchemaOfParams, type SchemaOfResult,
} from './protocol';
import { SettingsStore } from './settings';
import { fileOf, packageRoot, uriOf } from './uris';
import { fetchSchemaText, MAX_SCHEMA_BYTES } from './remoteSchemaFetch';
import { cachesInFrontOf, datastores } from './whatReaches';
import { CACHES_IN_FRONT_REQUEST, DATASTORES_REQUEST, type CachesInFrontParams } from './protocol';

const REMOTE_FETCH_TIMEOUT_MS = 10000;
const GRAPH_CHANGED_DEBOUNCE_MS = 50;
const PROGRESS_INTERVAL_MS = 100;

export interface ServerHandle {
  model: WorkspaceModel;
  ready: Promise<void>;
}

export function startServer(connection: Connection): ServerHandle {
  // Large workspaces: docs are read on a worker thread during the first scan (docPreparation.ts).
  const model = new WorkspaceModel({ builtinSchemaDirs: [path.join(packageRoot(), 'schemas')], fetchText, prepareDocs: workerDocPreparer() });
  const settings = new SettingsStore(connection);
  let folders: WorkspaceFolder[] = [];
  let resolveReady!: () => void;
  const ready = new Promise<void>((resolve) => (resolveReady = resolve));
  let progressSupported = false;
  let scanned = false;
  let client: ClientFeatures = { commands: new Set(), snippets: false, dynamicConfiguration: false, dynamicWatchers: false };
  let watcherRegistration = false;
  let folderChangeEvents = false;
  const log = (message: string) => connection.console.log(message);

  const folderUriOf = (file: string): string | undefined => {
    const root = model.folderOf(file).root;
    return root === undefined ? undefined : folders.find((f) => fileOf(f.uri) === root)?.uri;
  };
  const sync = new DocumentSync(model, (uri) => settings.get(folderUriOf(fileOf(uri))).debounceMs);
  const isOpen = (file: string) => sync.get(uriOf(file)) !== undefined;
  const publisher = new DiagnosticsPublisher(connection, model, {
    isOpen,
    closedFiles: (file) => settings.get(folderUriOf(file)).folder.closedFiles !== false,
    clientValidatesJson: (file) => settings.get(folderUriOf(file)).clientValidatesJson,
    log,
  });
  // Closing a file changes whether its problems are shown (closedFiles off) even when its text stays.
  sync.documents.onDidClose(({ document }) => publisher.enqueue([fileOf(document.uri)]));

  let graphTimer: ReturnType<typeof setTimeout> | undefined;
  model.onDidChange((change) => {
    publisher.enqueue([...change.stale, ...change.removed]);
    // The catalog moved, or problems of catalog files did: node status may differ. (Reading the
    // graph here would rebuild it after every batch of the first scan.)
    if (scanned && (change.catalog || change.stale.some((file) => catalogFileRole(file) !== undefined))) {
      clearTimeout(graphTimer);
      graphTimer = setTimeout(() => void connection.sendNotification(GRAPH_CHANGED_NOTIFICATION), GRAPH_CHANGED_DEBOUNCE_MS);
    }
  });

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    folders = params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: path.basename(fileOf(params.rootUri)) }] : []);
    settings.enable(params.capabilities.workspace?.configuration === true);
    // Clients that cannot be asked for settings may give them here (`{ cacheWarden: {…} }`).
    settings.push(params.initializationOptions);
    progressSupported = params.capabilities.window?.workDoneProgress === true;
    watcherRegistration = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    client = clientFeaturesOf(params);
    // Without this capability vscode-languageserver throws on subscribing to folder changes.
    folderChangeEvents = params.capabilities.workspace?.workspaceFolders === true;
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        hoverProvider: true,
        completionProvider: { triggerCharacters: COMPLETION_TRIGGERS },
        definitionProvider: true,
        documentLinkProvider: { resolveProvider: false },
        codeActionProvider: { codeActionKinds: ['quickfix', SHOW_IN_DIAGRAM_KIND] },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'cache-warden', version: serverVersion() },
    };
  });

  connection.onInitialized(async () => {
    const started = Date.now();
    if (client.dynamicConfiguration) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: ['cacheWarden', 'files.exclude', 'json.validate.enable'] }).catch(() => undefined);
    }
    if (watcherRegistration) {
      void connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: [
          { globPattern: '**/*.{yaml,yml,json,md,markdown}' },
          // Formats the adapters read (redis.conf, nginx, Spring .properties, Terraform and its .tfvars).
          { globPattern: '**/*.{conf,properties,tf,tfvars}' },
          { globPattern: '**/.cachewarden.yaml' },
          // Templated helmfiles (`helmfile.yaml.gotmpl`, `helmfile.d/*.yaml.gotmpl`) name Helm values files' releases.
          { globPattern: '**/*.gotmpl' },
          // A created or deleted folder may be reported as itself only (a checkout, a busy watcher).
          { globPattern: '**/*', kind: WatchKind.Create | WatchKind.Delete },
        ],
      }).catch(() => undefined);
    }
    if (folderChangeEvents) connection.workspace.onDidChangeWorkspaceFolders(async (event) => {
      for (const removed of event.removed) {
        folders = folders.filter((f) => f.uri !== removed.uri);
        model.removeFolder(fileOf(removed.uri));
      }
      for (const added of event.added) {
        folders.push(added);
        model.addFolder(fileOf(added.uri), (await settings.refresh(added.uri)).folder);
      }
      await model.scan();
    });
    for (const folder of folders) model.addFolder(fileOf(folder.uri), (await settings.refresh(folder.uri)).folder);
    const progress = progressSupported ? await connection.window.createWorkDoneProgress() : undefined;
    progress?.begin('Cache Warden: Indexing', 0, '', false);
    publisher.hold();
    // A report a tenth of a second at most: a notification per batch of files costs the scan time.
    let reported = 0;
    await model.scan({
      onProgress: (done, total) => {
        if (!progress || (done > 0 && done < total && Date.now() - reported < PROGRESS_INTERVAL_MS)) return;
        reported = Date.now();
        progress.report(total ? Math.round((done / total) * 100) : 100, `${done}/${total}`);
      },
    });
    progress?.done();
    const files = model.allFiles().length;
    log(`Indexed ${files} file(s), ${model.catalog.entities.size} entities in ${Date.now() - started} ms (${model.stats.parses} parses)`);
    scanned = true;
    publisher.resume();
    publisher.enqueueAll();
    void connection.sendNotification(GRAPH_CHANGED_NOTIFICATION);
    resolveReady();
  });

  // One change handler for every setting: re-read each folder's, let the model redo what they affect.
  connection.onDidChangeConfiguration(async (params) => {
    settings.push(params.settings);
    for (const folder of folders) await model.updateSettings(fileOf(folder.uri), (await settings.refresh(folder.uri)).folder);
    await settings.refresh(undefined);
    publisher.enqueueAll();
  });

  connection.onDidChangeWatchedFiles(async ({ changes }) => {
    for (const change of changes) {
      const file = fileOf(change.uri);
      if (change.type === FileChangeType.Deleted) model.diskDeleted(file);
      else if (change.type === FileChangeType.Created && isDirectory(file)) await model.diskFolderCreated(file);
      else await model.diskChanged(file);
    }
  });

  // Requests wait for the first scan: answers about refs need the whole catalog.
  connection.onHover(async (params, token) => {
    await ready;
    return token.isCancellationRequested ? null : provideHover(model, sync, params, client);
  });
  connection.onCompletion((params, token) => (token.isCancellationRequested ? null : provideCompletion(model, sync, params, client)));
  connection.onDefinition(async (params, token) => {
    await ready;
    return token.isCancellationRequested ? null : provideDefinition(model, sync, params);
  });
  connection.onDocumentLinks(async (params, token) => {
    await ready;
    return token.isCancellationRequested ? null : provideDocumentLinks(model, sync, params);
  });
  connection.onCodeAction(async (params, token) => {
    await ready;
    return token.isCancellationRequested ? null : provideCodeActions(model, sync, params, client);
  });

  connection.onRequest(READY_REQUEST, async () => {
    await ready;
    await publisher.idle();
    return true;
  });
  connection.onRequest(DIAGRAM_VIEW_REQUEST, async (params: DiagramViewParams) => {
    await ready;
    return diagramView(model, params);
  });
  connection.onRequest(ENTITY_REQUEST, async (params: EntityParams) => {
    await ready;
    const entity = model.catalog.entity(params.ref) ?? (params.resolve ? model.catalog.resolve(params.ref) : undefined);
    return entity ? entityInfo(model, entity) : null;
  });
  connection.onRequest(ENTITIES_REQUEST, async () => {
    await ready;
    return [...model.catalog.entities.values()].map((entity) => entityInfo(model, entity));
  });
  connection.onRequest(ENTITY_OF_FILE_REQUEST, async (params: EntityOfFileParams) => {
    await ready;
    sync.flush(params.uri);
    const entity = entityAtLine(model, fileOf(params.uri), params.line);
    return entity ? entityInfo(model, entity) : null;
  });
  // "What Reaches…": datastores ranked by the misconfigured caches in front of them, and one's caches.
  connection.onRequest(DATASTORES_REQUEST, async () => {
    await ready;
    return datastores(model);
  });
  connection.onRequest(CACHES_IN_FRONT_REQUEST, async (params: CachesInFrontParams) => {
    await ready;
    return typeof params?.ref === 'string' ? cachesInFrontOf(model, params.ref) : null;
  });
  connection.onRequest(SCHEMA_OF_REQUEST, (params: SchemaOfParams): SchemaOfResult | null => {
    sync.flush(params.uri);
    const association = model.association(fileOf(params.uri));
    if (!association?.schemaId) return null;
    return { schemaId: association.schemaId, origin: association.origin, ...(association.title ? { title: association.title } : {}) };
  });
  connection.onRequest(STATS_REQUEST, (): ModelStats => ({ ...model.stats, files: model.allFiles().length, entities: model.catalog.entities.size }));

  connection.onShutdown(() => sync.dispose());
  sync.listen(connection);
  connection.listen();
  return { model, ready };
}

function isDirectory(file: string): boolean {
  try {
    return fs.statSync(file).isDirectory();
  } catch {
    return false;
  }
}

/** Fetches a remote schema (only ever called when cacheWarden.allowRemoteSchemas is on): see remoteSchemaFetch.ts. */
function fetchText(url: string, options: { allowPrivateHosts: boolean }): Promise<string> {
  return fetchSchemaText(url, { allowPrivateHosts: options.allowPrivateHosts, timeoutMs: REMOTE_FETCH_TIMEOUT_MS, maxBytes: MAX_SCHEMA_BYTES });
}

function serverVersion(): string {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return (require(path.join(packageRoot(), 'package.json')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}
