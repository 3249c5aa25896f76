// Entity references as Backstage writes them: `[kind:][namespace/]name`. Kinds are matched
// case-insensitively and stored lower-case; namespaces are lower-case; names keep their spelling
// but compare case-insensitively, as Backstage does. A ref written without a kind takes the
// field's default kind (owner → group, providesApis → api, …) and without a namespace the
// namespace of the entity that writes it: there is no guessing across kinds.
//
// The catalog's key for an entity is `kind:name` in the default namespace and `kind:namespace/name`
// in any other, so every ref written before namespaces existed keeps its meaning.
import { ENTITY_KINDS, type EntityKind } from '../graph/graphModel';

export const DEFAULT_NAMESPACE = 'default';

export interface ParsedRef {
  kind?: EntityKind;
  /** A kind prefix we do not model (e.g. `template:`); kept so the message can name it. */
  unknownKind?: string;
  /** The namespace written in the ref (lower-case), if any. */
  namespace?: string;
  name: string;
}

export function parseRef(text: string): ParsedRef {
  const trimmed = text.trim();
  const colon = trimmed.indexOf(':');
  const out: ParsedRef = { name: '' };
  let rest = trimmed;
  if (colon > 0) {
    const prefix = trimmed.slice(0, colon).trim().toLowerCase();
    rest = trimmed.slice(colon + 1).trim();
    if ((ENTITY_KINDS as readonly string[]).includes(prefix)) out.kind = prefix as EntityKind;
    else out.unknownKind = prefix;
  }
  const split = splitNamespace(rest);
  if (split.namespace !== undefined) out.namespace = split.namespace.toLowerCase();
  out.name = split.name;
  return out;
}

/**
 * `namespace/name` → its parts: only when the part before the slash can be a namespace, so names
 * that hold a slash themselves (`gateway.pages (location /api/)`, a cache of an nginx location) stay whole.
 */
function splitNamespace(text: string): { namespace?: string; name: string } {
  const slash = text.indexOf('/');
  if (slash > 0 && /^[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*$/.test(text.slice(0, slash).trim())) return { namespace: text.slice(0, slash).trim(), name: text.slice(slash + 1).trim() };
  return { name: text };
}

/** The catalog key: `kind:name`, or `kind:namespace/name` outside the default namespace. */
export function formatRef(kind: EntityKind, name: string, namespace: string = DEFAULT_NAMESPACE): string {
  const ns = namespace.toLowerCase();
  return ns === DEFAULT_NAMESPACE ? `${kind}:${name.toLowerCase()}` : `${kind}:${ns}/${name.toLowerCase()}`;
}

/** The part of a ref after `kind:` (`name` or `namespace/name`): how `system:` values are kept. */
export function refPath(ref: string): string {
  return ref.slice(ref.indexOf(':') + 1);
}

/** The namespace of a catalog key (`default` when it has none). */
export function namespaceOfRef(ref: string): string {
  return splitNamespace(refPath(ref)).namespace ?? DEFAULT_NAMESPACE;
}

/** The name of a catalog key, without kind and namespace. */
export function nameOfRef(ref: string): string {
  return splitNamespace(refPath(ref)).name;
}

/** A kind written in a document (`Component`, `resource`) as one we model, or undefined. */
export function kindOf(text: unknown): EntityKind | undefined {
  if (typeof text !== 'string') return undefined;
  const lower = text.trim().toLowerCase();
  return (ENTITY_KINDS as readonly string[]).includes(lower) ? (lower as EntityKind) : undefined;
}

/** Backstage's rule for `metadata.name`: 1–63 letters or digits, separated by `-`, `_` or `.`. */
export function isValidEntityName(name: string): boolean {
  return name.length >= 1 && name.length <= 63 && /^[A-Za-z0-9]+(?:[-_.][A-Za-z0-9]+)*$/.test(name);
}

/** Backstage's rule for `metadata.namespace`: 1–63 lower-case letters or digits, separated by `-`. */
export function isValidNamespace(namespace: string): boolean {
  return namespace.length >= 1 && namespace.length <= 63 && /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(namespace);
}

/** Looks up refs by name: the entities sharing a name are all a ref's resolution depends on. */
export interface RefResolver {
  has(ref: string): boolean;
  /** Every entity ref with this name (any kind, any namespace). */
  refsNamed(name: string): readonly string[];
}

export type Resolution =
  | { ok: true; ref: string }
  | {
      ok: false;
      reason: 'missing' | 'unknown-kind';
      /** The ref looked for (`kind:[namespace/]name`), or the text when the kind is unknown. */
      wanted: string;
      /** Entities of the same name in another kind or namespace, sorted: what the writer may have meant. */
      others: string[];
    };

/**
 * Resolves `[kind:][namespace/]name`: the kind defaults to the field's kind, the namespace to the
 * writer's. The ref resolves only to exactly that entity; what else has the name is returned so
 * the message can point at it.
 */
export function resolveRef(text: string, defaultKind: EntityKind, entities: RefResolver, defaultNamespace: string = DEFAULT_NAMESPACE): Resolution {
  const parsed = parseRef(text);
  if (parsed.unknownKind) return { ok: false, reason: 'unknown-kind', wanted: text.trim(), others: [] };
  const ref = formatRef(parsed.kind ?? defaultKind, parsed.name, parsed.namespace ?? defaultNamespace);
  if (entities.has(ref)) return { ok: true, ref };
  // Sorted, so the message does not depend on the order entities were indexed in.
  const others = entities.refsNamed(parsed.name).filter((other) => other !== ref).sort();
  return { ok: false, reason: 'missing', wanted: ref, others };
}

/**
 * A lookup for people typing a ref (`--focus`, "show in diagram"): like `resolveRef`, but a name
 * without a kind that only one entity has is accepted whatever its kind. Refs in files never get this.
 */
export function lookupRef(text: string, defaultKind: EntityKind, entities: RefResolver): string | undefined {
  const resolution = resolveRef(text, defaultKind, entities);
  if (resolution.ok) return resolution.ref;
  const parsed = parseRef(text);
  if (parsed.kind || parsed.unknownKind) return undefined;
  const named = entities.refsNamed(parsed.name).filter((ref) => parsed.namespace === undefined || namespaceOfRef(ref) === parsed.namespace);
  return named.length === 1 ? named[0] : undefined;
}
