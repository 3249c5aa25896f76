// Finds the schemas that apply at an instance path, for hover and completion: follows $ref
// (within a document and across documents), flattens allOf/anyOf/oneOf/if-then-else, and steps
// into properties, patternProperties, additionalProperties, items and prefixItems.
import type { AnySchemaObject } from 'ajv';
import { linearRegExp } from './linearRegExp';
import type { SchemaRegistry } from './schemaRegistry';
import { resolveUri, withoutFragment } from './schemaUris';

/** A schema object with the document it came from (needed to resolve its relative $refs). */
export interface SchemaNode {
  schema: AnySchemaObject;
  root: AnySchemaObject;
  base: string | undefined;
}

const MAX_REF_HOPS = 32;
const MAX_NODES = 64;

export function rootNode(registry: SchemaRegistry, schemaId: string): SchemaNode | undefined {
  const root = registry.getSchemaDocument(schemaId);
  if (!root) return undefined;
  return { schema: root, root, base: registry.baseUriOf(root) ?? withoutFragment(schemaId) };
}

/** Follows `$ref` until a schema without one (keeping the referring schema's own annotations). */
export function resolveRef(node: SchemaNode, registry: SchemaRegistry): SchemaNode {
  let current = node;
  for (let hop = 0; hop < MAX_REF_HOPS && typeof current.schema.$ref === 'string'; hop++) {
    const target = refTarget(current, current.schema.$ref, registry);
    if (!target) break;
    // Annotations written next to a $ref (2019-09+) win over the target's.
    const { $ref: _ref, ...siblings } = current.schema;
    current = Object.keys(siblings).length ? { ...target, schema: { ...target.schema, ...siblings } } : target;
  }
  return current;
}

function refTarget(node: SchemaNode, ref: string, registry: SchemaRegistry): SchemaNode | undefined {
  const absolute = resolveUri(ref, node.base);
  const hash = absolute.indexOf('#');
  const docUri = hash === -1 ? absolute : absolute.slice(0, hash);
  const fragment = hash === -1 ? '' : decodeURIComponent(absolute.slice(hash + 1));
  const sameDoc = ref.startsWith('#') || docUri === node.base;
  const root = sameDoc ? node.root : registry.getSchemaDocument(docUri);
  if (!root) return undefined;
  const base = sameDoc ? node.base : registry.baseUriOf(root) ?? docUri;
  const schema = fragment.startsWith('/') || fragment === '' ? atPointer(root, fragment) : findAnchor(root, fragment);
  return schema && typeof schema === 'object' ? { schema: schema as AnySchemaObject, root, base } : undefined;
}

function atPointer(root: unknown, pointer: string): unknown {
  let node = root;
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (!node || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

function findAnchor(root: unknown, anchor: string): unknown {
  const stack = [root];
  while (stack.length) {
    const node = stack.pop();
    if (!node || typeof node !== 'object') continue;
    const record = node as Record<string, unknown>;
    if (record.$anchor === anchor || record.$dynamicAnchor === anchor) return node;
    stack.push(...Object.values(record));
  }
  return undefined;
}

/** The node and every schema it combines with (refs resolved), flattened. */
export function expand(node: SchemaNode, registry: SchemaRegistry): SchemaNode[] {
  const out: SchemaNode[] = [];
  const seen = new Set<object>();
  const pending = [node];
  while (pending.length && out.length < MAX_NODES) {
    const resolved = resolveRef(pending.shift()!, registry);
    if (seen.has(resolved.schema)) continue;
    seen.add(resolved.schema);
    out.push(resolved);
    for (const keyword of ['allOf', 'anyOf', 'oneOf'] as const) {
      const list = resolved.schema[keyword];
      if (Array.isArray(list)) for (const sub of list) if (sub && typeof sub === 'object') pending.push({ ...resolved, schema: sub });
    }
    for (const keyword of ['then', 'else'] as const) {
      const sub = resolved.schema[keyword];
      if (sub && typeof sub === 'object') pending.push({ ...resolved, schema: sub });
    }
  }
  return out;
}

/** Schemas for the member `segment` of an instance described by `nodes`. */
export function childNodes(nodes: SchemaNode[], segment: string | number, registry: SchemaRegistry): SchemaNode[] {
  const out: SchemaNode[] = [];
  for (const node of nodes) {
    const s = node.schema;
    const sub = (schema: unknown) => {
      if (schema && typeof schema === 'object') out.push(...expand({ ...node, schema: schema as AnySchemaObject }, registry));
    };
    if (typeof segment === 'number' || /^\d+$/.test(String(segment))) {
      const index = Number(segment);
      if (Array.isArray(s.prefixItems)) {
        if (index < s.prefixItems.length) sub(s.prefixItems[index]);
        else sub(s.items);
      } else if (Array.isArray(s.items)) {
        if (index < s.items.length) sub(s.items[index]);
        else sub(s.additionalItems);
      } else sub(s.items);
    }
    const name = String(segment);
    const properties = s.properties as Record<string, unknown> | undefined;
    if (properties && Object.prototype.hasOwnProperty.call(properties, name)) {
      sub(properties[name]);
      continue;
    }
    let matchedPattern = false;
    for (const [pattern, schema] of Object.entries((s.patternProperties ?? {}) as Record<string, unknown>)) {
      if (safeRegExp(pattern)?.test(name)) {
        matchedPattern = true;
        sub(schema);
      }
    }
    if (!matchedPattern && typeof segment !== 'number') sub(s.additionalProperties);
  }
  return out;
}

/** Every schema that applies at an instance path (empty when the schema says nothing there). */
export function nodesAtPath(registry: SchemaRegistry, schemaId: string, segments: readonly (string | number)[]): SchemaNode[] {
  const root = rootNode(registry, schemaId);
  if (!root) return [];
  let nodes = expand(root, registry);
  for (const segment of segments) {
    nodes = childNodes(nodes, segment, registry);
    if (!nodes.length) break;
  }
  return nodes;
}

/** Schema patterns run on the linear-time engine (or its time-bounded fallback), as in validation. */
function safeRegExp(pattern: string): { test(input: string): boolean } | null {
  try {
    return linearRegExp(pattern);
  } catch {
    return null;
  }
}
