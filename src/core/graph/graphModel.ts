// The entity graph as plain data: what the catalog produces and what views, the CLI and the
// webview consume. Refs are `kind:name` with a lower-case kind, the catalog's primary key.

export type EntityKind = 'component' | 'resource' | 'api' | 'system' | 'domain' | 'group' | 'user' | 'location' | 'cache';

/** Backstage's core kinds plus `cache` (a cache of a cache layer config). Other kinds are counted, not modelled. */
export const ENTITY_KINDS: readonly EntityKind[] = ['component', 'resource', 'api', 'system', 'domain', 'group', 'user', 'location', 'cache'];

/** Kinds dependency views leave out: people and catalog plumbing (JSON and the ownership view list them). */
export const KINDS_NOT_IN_DEPENDENCY_VIEWS: ReadonlySet<string> = new Set(['user', 'location']);

export type SourceOrigin = 'doc' | 'catalog-info' | 'cache-config';

export interface Entity {
  /** `kind:name`, e.g. 'component:catalog-service'; `kind:namespace/name` outside the default namespace. */
  ref: string;
  kind: EntityKind;
  name: string;
  /** Backstage `metadata.namespace`, only when it is not `default`. */
  namespace?: string;
  type?: string;
  title?: string;
  owner?: string;
  system?: string;
  /** A system's `spec.domain` (`name`, or `namespace/name` outside the default namespace). */
  domain?: string;
  description?: string;
  docFile?: string;
  /** 0-based line of the doc's first heading (or of its front matter when it has none). */
  docLine?: number;
  /** The on-call runbook (a cache config's `metadata.runbook`), when it names a workspace file. */
  runbook?: string;
  /** Every place that declares or implies this entity, docs first. */
  sources: { file: string; line: number; origin: SourceOrigin }[];
  /** Cache configs that declare this entity (service, backend or cache). */
  configFiles: string[];
  tags?: string[];
  /** `metadata.links` and the `backstage.io/source-location` annotation: pages about the entity. */
  links?: EntityLink[];
}

export interface EntityLink {
  url: string;
  title?: string;
}

/**
 * A directed relation. Each written relation (derived: false) has a derived reverse twin
 * (dependsOn ↔ dependencyOf, …), so "who depends on me" is a lookup, never a scan.
 */
export interface Relation {
  from: string;
  to: string;
  type: RelationType | string;
  derived: boolean;
  /** Where the relation is written (absent for derived relations only if the source is). */
  file?: string;
  line?: number;
}

export type RelationType =
  | 'dependsOn' | 'dependencyOf'
  | 'providesApi' | 'apiProvidedBy'
  | 'consumesApi' | 'apiConsumedBy'
  | 'partOf' | 'hasPart'
  | 'ownedBy' | 'ownerOf'
  | 'memberOf' | 'hasMember'
  | 'childOf' | 'parentOf'
  | 'usesCache' | 'cacheOf'
  | 'backedBy' | 'backs'
  | 'fronts' | 'frontedBy';

/** Forward relation → its derived reverse. Only forward types are ever written by hand. */
export const REVERSE_RELATION: Readonly<Record<string, RelationType>> = {
  dependsOn: 'dependencyOf',
  providesApi: 'apiProvidedBy',
  consumesApi: 'apiConsumedBy',
  partOf: 'hasPart',
  ownedBy: 'ownerOf',
  memberOf: 'hasMember',
  childOf: 'parentOf',
  usesCache: 'cacheOf',
  backedBy: 'backs',
  fronts: 'frontedBy',
};

/** What a request flows along: A → B means A needs B to answer (used by cycles and "what reaches"). */
export const DEPENDENCY_RELATIONS: ReadonlySet<string> = new Set(['dependsOn', 'usesCache', 'backedBy', 'fronts', 'consumesApi']);

/**
 * Who owns or belongs to whom. Never a dependency: neighbourhoods and "what reaches" do not follow
 * these, and dependency views do not draw them — the owner is a node attribute and a filter, and
 * the ownership view (`ViewRequest.ownership`) shows groups and what they own.
 */
export const OWNERSHIP_RELATIONS: ReadonlySet<string> = new Set(['ownedBy', 'ownerOf', 'memberOf', 'hasMember', 'childOf', 'parentOf']);

export interface NodeStatus {
  errors: number;
  warnings: number;
  rules: string[];
}

export interface ViewNode {
  /** Mermaid-safe and stable across renders: 'n_' + sanitized ref + short hash of the ref. */
  id: string;
  ref: string;
  label: string;
  kind: EntityKind;
  type?: string;
  system?: string;
  owner?: string;
  status?: NodeStatus;
  role?: 'focus' | 'datastore' | 'cache-on-path' | 'bypass';
  /** Set on a collapsed-system node: how many entities it stands for. */
  memberCount?: number;
  /** Set on a system or domain overview node: how many entities it holds (also in its label). */
  entityCount?: number;
  /** The view a click opens instead of the doc (overview nodes: the system's or domain's view). */
  drill?: ViewRequest;
  /**
   * Set on an overview node that stands for entities and is no catalog entity itself ("(no
   * system)", a system or domain only named by its members): it has no doc, config or ref to copy.
   */
  grouping?: true;
}

export interface ViewEdge {
  /** Node ids. */
  from: string;
  to: string;
  type: string;
  label?: string;
  highlight?: 'path' | 'bypass';
  /** Set on an aggregated edge (overview, external system): how many relations it stands for. */
  count?: number;
}

/** A system drawn as a box around its members (small views); membership edges are left out. */
export interface ViewCluster {
  /** Mermaid subgraph id: 'c_' + the same sanitized ref and hash as the system's node id. */
  id: string;
  label: string;
  /** The system entity, when the catalog has one: the cluster's title opens its doc. */
  ref?: string;
  /** Node ids drawn inside the box, in view order. */
  nodeIds: string[];
  /** The system entity's own problems (its node is not drawn). */
  status?: NodeStatus;
}

export interface GraphView {
  nodes: ViewNode[];
  edges: ViewEdge[];
  /** Systems drawn as boxes; absent when the view is large (systems are collapsed instead). */
  clusters?: ViewCluster[];
  title: string;
  /** Why the view shows less than asked (collapsed, truncated, nothing matched). */
  notice?: string;
  collapsedSystems?: string[];
  /**
   * Where a system/domain view sits (overview › domain › system): each entry but the last links
   * back up; the last one is this view. Present on the overview and its drill-down views.
   */
  breadcrumb?: Array<{ label: string; request?: ViewRequest }>;
  /** What to open instead when a view cannot be drawn whole (a system too large to draw). */
  suggestions?: Array<{ label: string; request: ViewRequest } | { label: string; search: true }>;
}

export interface ViewRequest {
  focus?: string;
  depth?: number;
  direction?: 'up' | 'down' | 'both';
  /** "What reaches this": every path into this entity (a datastore, usually). */
  reaches?: string;
  filter?: { kinds?: string[]; systems?: string[]; owners?: string[] };
  /** The ownership view: groups (owners) and the entities they own, instead of dependencies. */
  ownership?: boolean;
  /** With `ownership`: only this owner (`[group:]name`, as written in `owner:` fields). */
  owner?: string;
  /** A system's view (the overview's drill-down): the overview node's ref, e.g. 'system:payments'. */
  system?: string;
  /** A domain's view: its systems (the overview of a catalog with too many systems to draw). */
  domain?: string;
  maxNodes?: number;
}

/** Read-only access to a built graph; the catalog implements it. */
export interface CatalogGraph {
  entities: ReadonlyMap<string, Entity>;
  relations: readonly Relation[];
  /** Relations leaving an entity (written and derived). */
  outgoing(ref: string): readonly Relation[];
  incoming(ref: string): readonly Relation[];
  /**
   * Backstage entities of kinds the catalog does not model (Template, Environment, custom kinds),
   * counted by kind as written: views say they are not drawn instead of dropping them silently.
   */
  undrawnKinds?(): ReadonlyMap<string, number>;
}
