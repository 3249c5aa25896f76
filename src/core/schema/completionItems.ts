// The completion items themselves, for block YAML and for JSON/flow text alike: property names
// with their docs and an insert text that fits the syntax, and values (enums, booleans, defaults,
// examples) written the way the syntax needs them.
import type { AnySchemaObject } from 'ajv';
import type { Range } from '../types';
import type { CompletionItem } from './completion';
import { allowedValues } from './hover';
import type { SchemaRegistry } from './schemaRegistry';
import { expand, type SchemaNode } from './schemaWalk';
import { needsQuotes } from './snippetYaml';

/** The JSON types a property may have (object/array also when only properties/items say so). */
export function typesOf(nodes: SchemaNode[]): Set<string> {
  const types = new Set<string>();
  for (const { schema } of nodes) {
    const t = schema.type;
    for (const type of Array.isArray(t) ? t : t ? [t] : []) types.add(String(type));
    if (schema.properties) types.add('object');
    if (schema.items) types.add('array');
  }
  return types;
}

/** A value as plain YAML (quoted only when it would otherwise read as something else). */
export function yamlValueText(value: unknown): string {
  return typeof value === 'string' ? (needsQuotes(value) ? JSON.stringify(value) : value) : JSON.stringify(value);
}

export function propertyItems(
  nodes: SchemaNode[],
  present: Set<string>,
  insertTextFor: (name: string, nodes: SchemaNode[]) => string,
  replaceRange: Range,
  registry: SchemaRegistry,
): CompletionItem[] {
  const items = new Map<string, CompletionItem>();
  const required = new Set<string>();
  for (const { schema } of nodes) if (Array.isArray(schema.required)) for (const r of schema.required) required.add(String(r));
  for (const node of nodes) {
    const properties = node.schema.properties as Record<string, AnySchemaObject> | undefined;
    if (!properties || typeof properties !== 'object') continue;
    for (const [name, raw] of Object.entries(properties)) {
      if (present.has(name) || items.has(name) || !raw || typeof raw !== 'object') continue;
      const expanded = expand({ ...node, schema: raw }, registry);
      const first = (get: (s: AnySchemaObject) => unknown) => expanded.map((n) => get(n.schema)).find((v) => v !== undefined);
      if (first((s) => s.deprecationMessage ?? (s.doNotSuggest === true ? true : undefined))) continue;
      const title = first((s) => (typeof s.title === 'string' ? s.title : undefined)) as string | undefined;
      const documentation = first((s) => (typeof s.markdownDescription === 'string' ? s.markdownDescription : typeof s.description === 'string' ? s.description : undefined)) as string | undefined;
      items.set(name, {
        label: name,
        kind: 'property',
        insertText: insertTextFor(name, expanded),
        isSnippet: true,
        ...(documentation ? { documentation } : {}),
        ...(title ? { detail: title } : {}),
        sortText: `${required.has(name) ? '0' : '1'}${name}`,
        replaceRange,
      });
    }
  }
  return [...items.values()];
}

/** `name: ` for scalars (with a choice for enums and booleans), `name:` + a new line for blocks. */
export function yamlPropertyInsertText(name: string, nodes: SchemaNode[], indent: string): string {
  const key = needsQuotes(name) ? `"${name}"` : name;
  const types = typesOf(nodes);
  const choices = allowedValues(nodes).map((v) => snippetChoice(v.value));
  if (choices.length && !types.has('object') && !types.has('array')) return `${key}: \${1|${choices.join(',')}|}`;
  if (types.size === 1 && types.has('boolean')) return `${key}: \${1|true,false|}`;
  if (types.size === 1 && types.has('object')) return `${key}:\n${indent}  $1`;
  if (types.size === 1 && types.has('array')) return `${key}:\n${indent}  - $1`;
  return `${key}: $1`;
}

export function snippetChoice(value: unknown, format: (value: unknown) => string = yamlValueText): string {
  const text = format(value);
  return text.replace(/[,|\\$}]/g, (c) => '\\' + c);
}

export function valueItems(nodes: SchemaNode[], replaceRange: Range, format: (value: unknown) => string = yamlValueText): CompletionItem[] {
  const items: CompletionItem[] = [];
  const seen = new Set<string>();
  const defaultValue = nodes.map((n) => n.schema.default).find((v) => v !== undefined);
  const add = (value: unknown, documentation?: string, detail?: string) => {
    const text = format(value);
    if (seen.has(text)) return;
    seen.add(text);
    items.push({
      label: text,
      kind: 'value',
      insertText: text,
      isSnippet: false,
      ...(documentation ? { documentation } : {}),
      ...(value === defaultValue ? { detail: 'default' } : detail ? { detail } : {}),
      sortText: `${value === defaultValue ? '0' : '1'}${String(items.length).padStart(4, '0')}`,
      replaceRange,
    });
  };
  for (const { value, description } of allowedValues(nodes)) add(value, description);
  const isBoolean = nodes.some(({ schema }) => schema.type === 'boolean' || (Array.isArray(schema.type) && schema.type.includes('boolean')));
  if (isBoolean) {
    add(true);
    add(false);
  }
  // No fixed set of values: offer the default and the schema's examples (scalars only).
  if (!items.length) {
    if (defaultValue !== undefined && (defaultValue === null || typeof defaultValue !== 'object')) add(defaultValue);
    for (const { schema } of nodes) {
      if (Array.isArray(schema.examples)) for (const example of schema.examples) if (example === null || typeof example !== 'object') add(example, undefined, 'example');
    }
  }
  return items;
}
