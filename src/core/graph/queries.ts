// Questions asked of the entity graph: a node's neighbourhood, and "what reaches this" — every
// path that ends in a datastore, which caches sit on those paths, and which paths skip a cache.
import { DEPENDENCY_RELATIONS, type CatalogGraph, type Entity, type Relation } from './graphModel';
import { parseRef } from '../catalog/entityRef';

export type Direction = 'up' | 'down' | 'both';

/** Written relations only: each fact once, read in either direction. */
function written(list: readonly Relation[]): Relation[] {
  return list.filter((r) => !r.derived);
}

/**
 * Whether a neighbourhood follows this written relation: how requests flow (dependsOn, usesCache,
 * backedBy, fronts, providesApi, consumesApi) and a subcomponent's link to its component. Ownership
 * (ownedBy, memberOf, group parent/children) and system or domain membership (partOf a system or
 * domain) never pull an entity in: owner and system are attributes — filters, and the boxes
 * systems are drawn as.
 */
export function followsInNeighbourhood(graph: CatalogGraph, r: Relation): boolean {
  if (DEPENDENCY_RELATIONS.has(r.type) || r.type === 'providesApi') return true;
  // subcomponentOf only: membership of a system (or of a domain, a system's) is not a dependency.
  return r.type === 'partOf' && graph.entities.get(r.to)?.kind === 'component';
}

/**
 * Entities within `depth` hops of `focus`, with their distance. 'down' follows written relations
 * forwards (what the focus needs), 'up' backwards (who needs the focus); only the relations
 * `followsInNeighbourhood` accepts. A system's neighbourhood starts from its members (distance 1).
 */
export function neighbourhood(graph: CatalogGraph, focus: string, depth: number, direction: Direction): Map<string, number> {
  const distance = new Map<string, number>([[focus, 0]]);
  let frontier = [focus];
  for (let d = 1; d <= depth && frontier.length; d++) {
    const next: string[] = [];
    for (const ref of frontier) {
      const neighbours: string[] = [];
      if (direction !== 'up') for (const r of written(graph.outgoing(ref))) if (followsInNeighbourhood(graph, r)) neighbours.push(r.to);
      if (direction !== 'down') for (const r of written(graph.incoming(ref))) if (followsInNeighbourhood(graph, r)) neighbours.push(r.from);
      if (ref === focus && graph.entities.get(focus)?.kind === 'system') {
        for (const r of written(graph.incoming(ref))) if (r.type === 'partOf') neighbours.push(r.from);
      }
      for (const n of neighbours) {
        if (distance.has(n) || !graph.entities.has(n)) continue;
        distance.set(n, d);
        next.push(n);
      }
    }
    frontier = next;
  }
  return distance;
}

/** An owner and what it owns (the ownership view). */
export interface OwnerGroup {
  /** The owner's entity ref, or `group:name` for an owner nobody documents. */
  ref: string;
  /** The owner as an entity, when the catalog has one. */
  entity?: Entity;
  name: string;
  /** Refs of the entities it owns, sorted. */
  owned: string[];
}

/** The ref of an entity's owner: its resolved ownedBy relation, else `group:<owner>` from the attribute. */
export function ownerRefOf(graph: CatalogGraph, e: Entity): string | undefined {
  const resolved = graph.outgoing(e.ref).find((r) => !r.derived && r.type === 'ownedBy');
  if (resolved) return resolved.to;
  return e.owner?.trim() ? ownerRefFromText(e.owner, e.namespace) : undefined;
}

/** `[kind:][namespace/]name` as an owner's ref: group by default, in the owned entity's namespace. */
function ownerRefFromText(text: string, namespace = 'default'): string {
  const parsed = parseRef(text);
  const ns = parsed.namespace ?? namespace;
  return `${parsed.kind ?? parsed.unknownKind ?? 'group'}:${ns === 'default' ? '' : `${ns}/`}${parsed.name.toLowerCase()}`;
}

/**
 * Owners and what they own: every group entity (owning something or not) and every owner named in
 * an `owner` field. With `owner` (`[kind:]name`), only that owner; a name without a kind matches
 * an owner of any kind by name.
 */
export function ownership(graph: CatalogGraph, owner?: string): OwnerGroup[] {
  const groups = new Map<string, OwnerGroup>();
  const groupOf = (ref: string): OwnerGroup => {
    let g = groups.get(ref);
    if (!g) {
      const entity = graph.entities.get(ref);
      g = { ref, name: entity?.name ?? ref.slice(ref.indexOf(':') + 1), owned: [], ...(entity ? { entity } : {}) };
      groups.set(ref, g);
    }
    return g;
  };
  for (const e of graph.entities.values()) {
    if (e.kind === 'group') groupOf(e.ref);
    const ref = ownerRefOf(graph, e);
    if (ref && ref !== e.ref) groupOf(ref).owned.push(e.ref);
  }
  let list = [...groups.values()].sort((a, b) => (a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0));
  if (owner !== undefined) {
    const parsed = parseRef(owner);
    const wanted = parsed.kind || parsed.unknownKind ? ownerRefFromText(owner) : undefined;
    const name = (parsed.namespace && parsed.namespace !== 'default' ? `${parsed.namespace}/` : '') + parsed.name.toLowerCase();
    list = list.filter((g) => (wanted ? g.ref === wanted : g.ref.slice(g.ref.indexOf(':') + 1) === name));
  }
  for (const g of list) g.owned.sort();
  return list;
}

/** A step a request takes: A → B means A calls, reads or is served by B. */
interface FlowEdge {
  from: string;
  to: string;
  relation: Relation;
}

/** Flow edges into a node: dependency relations, plus api → provider (the API is served by it). */
function flowInto(graph: CatalogGraph, ref: string): FlowEdge[] {
  const out: FlowEdge[] = [];
  for (const r of graph.incoming(ref)) {
    if (!r.derived && DEPENDENCY_RELATIONS.has(r.type)) out.push({ from: r.from, to: ref, relation: r });
  }
  // provider providesApi api: a request to the api flows on to the provider.
  for (const r of graph.outgoing(ref)) {
    if (!r.derived && r.type === 'providesApi') out.push({ from: r.to, to: ref, relation: r });
  }
  return out;
}

export interface ReachResult {
  target: string;
  /** Entities with a path into the target (the target included). */
  nodes: Set<string>;
  /** Written relations on some path into the target. */
  pathRelations: Set<Relation>;
  /** Of those, the ones on a path that passes no cache. */
  bypassRelations: Set<Relation>;
  /** Caches on some path. */
  caches: Set<string>;
  /** Entities with a cache-free path into the target. */
  bypassing: Set<string>;
}

const CACHE_TYPES = new Set(['cache', 'redis', 'memcached', 'in-process', 'cdn', 'http-proxy', 'valkey', 'varnish']);

/** A cache, or a cache server: a resource typed as one, or the backend some cache is stored in. */
export function isCache(graph: CatalogGraph, entity: Entity | undefined): boolean {
  if (!entity) return false;
  if (entity.kind === 'cache') return true;
  if (entity.kind !== 'resource') return false;
  if (entity.type && CACHE_TYPES.has(entity.type.toLowerCase())) return true;
  return graph.incoming(entity.ref).some((r) => !r.derived && r.type === 'backedBy');
}

/**
 * Every path into `target`. A dependency of A on the target that one of A's own caches fronts is
 * the cache's miss path, not a bypass; any other cache-free path is a bypass.
 */
export function whatReaches(graph: CatalogGraph, target: string): ReachResult {
  const nodes = new Set<string>([target]);
  const pathRelations = new Set<Relation>();
  const queue = [target];
  for (let i = 0; i < queue.length; i++) {
    const ref = queue[i];
    for (const e of flowInto(graph, ref)) {
      pathRelations.add(e.relation);
      if (!nodes.has(e.from)) {
        nodes.add(e.from);
        queue.push(e.from);
      }
    }
  }
  const caches = new Set([...nodes].filter((n) => isCache(graph, graph.entities.get(n))));

  // Cache-free paths: walk back from the target through non-cache entities only.
  const bypassing = new Set<string>();
  const bypassRelations = new Set<Relation>();
  const reached = new Set<string>([target]);
  const back = [target];
  for (let i = 0; i < back.length; i++) {
    const ref = back[i];
    for (const e of flowInto(graph, ref)) {
      if (isCache(graph, graph.entities.get(e.from)) || coveredByOwnCache(graph, e.from, ref)) continue;
      bypassRelations.add(e.relation);
      bypassing.add(e.from);
      if (!reached.has(e.from)) {
        reached.add(e.from);
        back.push(e.from);
      }
    }
  }
  return { target, nodes, pathRelations, bypassRelations, caches, bypassing };
}

/** Whether `from` runs a cache (usesCache) that fronts `to`. */
function coveredByOwnCache(graph: CatalogGraph, from: string, to: string): boolean {
  for (const r of graph.outgoing(from)) {
    if (r.derived || r.type !== 'usesCache') continue;
    if (graph.outgoing(r.to).some((f) => !f.derived && f.type === 'fronts' && f.to === to)) return true;
  }
  return false;
}

/** Backends the given caches live on (drawn next to them so a broken backend shows). */
export function backendsOf(graph: CatalogGraph, caches: Iterable<string>): Relation[] {
  const out: Relation[] = [];
  for (const c of caches) for (const r of graph.outgoing(c)) if (!r.derived && r.type === 'backedBy') out.push(r);
  return out;
}

const DATASTORE_TYPES = new Set(['database', 'db', 'datastore', 'sql', 'nosql', 'postgres', 'postgresql', 'mysql', 'mongodb', 'dynamodb', 'cassandra', 'queue', 's3-bucket', 'storage', 'search', 'elasticsearch']);

/** A resource that stores data a cache can protect: typed as a store, or fronted by a cache. */
export function isDatastore(graph: CatalogGraph, entity: Entity): boolean {
  if (entity.kind !== 'resource') return false;
  if (entity.type && DATASTORE_TYPES.has(entity.type.toLowerCase())) return true;
  return graph.incoming(entity.ref).some((r) => !r.derived && r.type === 'fronts');
}
