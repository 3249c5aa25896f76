// The custom requests and notifications between the Cache Warden language server and its VS Code
// client, beyond standard LSP. Plain types and names only (the client imports this file too).
import type { GraphView, ViewRequest } from '../core/graph/graphModel';
import type { DiagramFacets, DiagramLayout } from '../core/graph/webviewProtocol';

/** Resolves once the first workspace scan is done (the diagram and commands wait for it). */
export const READY_REQUEST = 'cacheWarden/ready';
/** A diagram view built by the server from its model: nodes, edges, status, mermaid text, facets. */
export const DIAGRAM_VIEW_REQUEST = 'cacheWarden/diagramView';
/** One entity (by ref, or resolved as a ref written in a file would be). */
export const ENTITY_REQUEST = 'cacheWarden/entity';
/** Every entity, for "Open Documentation…". */
export const ENTITIES_REQUEST = 'cacheWarden/entities';
/** The entity a file (or a line of it) declares or documents. */
export const ENTITY_OF_FILE_REQUEST = 'cacheWarden/entityOfFile';
/** The schema that applies to a document, for the language status item. */
export const SCHEMA_OF_REQUEST = 'cacheWarden/schemaOf';
/** The model's work counters (parses, analyses, reads). */
export const STATS_REQUEST = 'cacheWarden/stats';
/** Server → client: the catalog or the problems behind node status changed (the diagram redraws). */
export const GRAPH_CHANGED_NOTIFICATION = 'cacheWarden/graphChanged';

export interface DiagramViewParams {
  request: ViewRequest;
  layout: DiagramLayout;
}

export interface DiagramViewResult {
  view: GraphView;
  source: string;
  facets: DiagramFacets;
  limits: { maxEdges: number; maxTextSize: number };
}

export interface EntityParams {
  ref: string;
  /** Resolve `[kind:]name` as a ref in a file would be (kind defaults to component). */
  resolve?: boolean;
}

export interface EntityLocationInfo {
  uri: string;
  line: number;
}

export interface EntityInfo {
  ref: string;
  name: string;
  kind: string;
  type?: string;
  title?: string;
  owner?: string;
  /** Where its doc is (at the entity's heading). */
  doc?: EntityLocationInfo;
  /** The doc's path relative to its workspace folder. */
  docPath?: string;
  /** Its on-call runbook (a cache config's `runbook:`), at the top. */
  runbook?: EntityLocationInfo;
  /** Where it is declared (catalog-info.yaml entries, cache configs). */
  sources: EntityLocationInfo[];
  /** Cache configs that declare it, with the line of the declaration. */
  configs: EntityLocationInfo[];
}

export interface EntityOfFileParams {
  uri: string;
  /** The innermost declaration around this line; without it, the file's first entity. */
  line?: number;
}

export interface SchemaOfParams {
  uri: string;
}

export interface SchemaOfResult {
  schemaId: string;
  title?: string;
  origin: 'modeline' | '$schema' | 'setting' | 'builtin' | 'none';
}

export interface ModelStats {
  parses: number;
  analyses: number;
  reads: number;
  files: number;
  entities: number;
}
