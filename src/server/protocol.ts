// The custom requests and notifications between the Cache Warden language server and its VS Code
// client, beyond standard LSP. Plain types and names only (the client imports this file too).
import type { GraphView, ViewRequest } from '../core/graph/graphModel';
import type { NodeDetails } from '../core/graph/inFrontProtocol';
import type { DiagramFacets, DiagramLayout } from '../core/graph/webviewProtocol';
import type { Range } from '../core/types';

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
/** The VS Code command "What Reaches…" (hovers of datastores link to it with the datastore's ref). */
export const WHAT_REACHES_COMMAND = 'cacheWarden.whatReaches';
/** Datastores ranked by the misconfigured caches in front of them ("What Reaches…"). */
export const DATASTORES_REQUEST = 'cacheWarden/datastores';
/** The caches in front of one entity (a datastore), worst first, with their findings. */
export const CACHES_IN_FRONT_REQUEST = 'cacheWarden/cachesInFront';
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
  /** A "what reaches" view: the caches in front of its target, for the list beside the diagram. */
  inFront?: CachesInFrontResult;
  /** Per view node id: owner, doc, runbook and problems, for the node tooltip. */
  details?: Record<string, NodeDetails>;
}

/** A datastore as "What Reaches…" lists it: how many caches front it and how many have problems. */
export interface DatastoreInfo {
  ref: string;
  label: string;
  name: string;
  type?: string;
  /** A cache config backend with `role: store`. */
  store: boolean;
  /** How many caches are on paths into it, and how many of them have findings. */
  caches: number;
  withProblems: number;
  /** Errors and warnings over those caches. */
  errors: number;
  warnings: number;
  docPath?: string;
}

/** A finding of a cache in front: the diagnostic's code, message and where it is. */
export interface FindingInfo {
  code: string;
  severity: 'error' | 'warning';
  message: string;
  uri: string;
  range: Range;
  /** The file relative to its workspace folder. */
  path: string;
}

export interface CacheInFrontInfo {
  ref: string;
  label: string;
  kind: string;
  errors: number;
  warnings: number;
  findings: FindingInfo[];
  doc?: EntityLocationInfo;
  docPath?: string;
  runbook?: EntityLocationInfo;
  runbookPath?: string;
  /** Cache configs that declare it (where a click lands when it has no finding). */
  configs: EntityLocationInfo[];
  /** The first config's path relative to its workspace folder. */
  configPath?: string;
}

export interface CachesInFrontParams {
  ref: string;
}

export interface CachesInFrontResult {
  target: DatastoreInfo;
  /** Worst first: errors, then warnings, then name. */
  caches: CacheInFrontInfo[];
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
  /** Pages about it (Backstage `metadata.links`, `backstage.io/source-location`): opened when it has no doc or runbook. */
  links?: { url: string; title?: string }[];
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
