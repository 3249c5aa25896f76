// Entity references as people write them: `[kind:]name` (Backstage style, namespaces ignored).
// Kinds are matched case-insensitively and stored lower-case; names keep their spelling but
// compare case-insensitively, as Backstage does.
import { ENTITY_KINDS, type EntityKind } from '../graph/graphModel';

export interface ParsedRef {
  kind?: EntityKind;
  /** A kind prefix we do not model (e.g. `domain:`); kept so the message can name it. */
  unknownKind?: string;
  name: string;
}

export function parseRef(text: string): ParsedRef {
  const trimmed = text.trim();
  const colon = trimmed.indexOf(':');
  if (colon <= 0) return { name: stripNamespace(trimmed) };
  const prefix = trimmed.slice(0, colon).toLowerCase();
  const name = stripNamespace(trimmed.slice(colon + 1).trim());
  if ((ENTITY_KINDS as readonly string[]).includes(prefix)) return { kind: prefix as EntityKind, name };
  return { unknownKind: prefix, name };
}

/** `default/catalog-db` → `catalog-db`: one namespace per workspace. */
function stripNamespace(name: string): string {
  const slash = name.indexOf('/');
  return slash > 0 && name.slice(0, slash).toLowerCase() === 'default' ? name.slice(slash + 1) : name;
}

export function formatRef(kind: EntityKind, name: string): string {
  return `${kind}:${name.toLowerCase()}`;
}

/** A kind written in a document (`Component`, `resource`) as one we model, or undefined. */
export function kindOf(text: unknown): EntityKind | undefined {
  if (typeof text !== 'string') return undefined;
  const lower = text.trim().toLowerCase();
  return (ENTITY_KINDS as readonly string[]).includes(lower) ? (lower as EntityKind) : undefined;
}

/** Looks up refs by name for lenient resolution: a name unique across kinds needs no kind. */
export interface RefResolver {
  has(ref: string): boolean;
  refsNamed(name: string): readonly string[];
}

export type Resolution =
  | { ok: true; ref: string }
  | { ok: false; reason: 'missing' | 'ambiguous' | 'unknown-kind'; candidates: string[]; wanted: string };

/**
 * Resolves `[kind:]name`: an explicit kind must match; without one, the field's default kind is
 * tried first, then any kind if exactly one entity has that name.
 */
export function resolveRef(text: string, defaultKind: EntityKind, entities: RefResolver): Resolution {
  const parsed = parseRef(text);
  if (parsed.unknownKind) return { ok: false, reason: 'unknown-kind', candidates: [], wanted: text.trim() };
  if (parsed.kind) {
    const ref = formatRef(parsed.kind, parsed.name);
    return entities.has(ref) ? { ok: true, ref } : { ok: false, reason: 'missing', candidates: [], wanted: ref };
  }
  const preferred = formatRef(defaultKind, parsed.name);
  if (entities.has(preferred)) return { ok: true, ref: preferred };
  const named = entities.refsNamed(parsed.name);
  if (named.length === 1) return { ok: true, ref: named[0] };
  // Sorted, so the message does not depend on the order entities were indexed in.
  return { ok: false, reason: named.length > 1 ? 'ambiguous' : 'missing', candidates: [...named].sort(), wanted: preferred };
}
