// Completion from the schema at a cursor: property names not yet written (with their docs), enum
// and boolean values after `key: `, and snippets for whole blocks (a new cache entry), indented
// to fit. Works on text being typed: the path comes from indentation, not from the parse.
import type { AnySchemaObject } from 'ajv';
import type { ParsedFile } from '../document/model';
import type { Range } from '../types';
import { allowedValues } from './hover';
import { mappingPathAt, siblingKeys } from './indentationPath';
import type { SchemaRegistry } from './schemaRegistry';
import { expand, nodesAtPath, type SchemaNode } from './schemaWalk';
import { needsQuotes, snippetLines } from './snippetYaml';

export interface CompletionItem {
  label: string;
  kind: 'property' | 'value' | 'snippet';
  /** Text to insert; VS Code snippet syntax when `isSnippet`. */
  insertText: string;
  isSnippet: boolean;
  /** Markdown. */
  documentation?: string;
  detail?: string;
  sortText?: string;
  /** The text the item replaces (the part of a word already typed). */
  replaceRange?: Range;
}

const PROPERTY_PREFIX = /^(\s*)((?:-\s+)*)([^\s:#'"-][^\s:#]*|-?)$/;
const VALUE_AFTER_KEY = /^(\s*)((?:-\s+)*)((?:"[^"]*"|'[^']*'|[^\s#:][^#:]*?))\s*:\s+(\S*)$/;

export function completeAt(parsed: ParsedFile, offset: number, schemaId: string, registry: SchemaRegistry): CompletionItem[] {
  const { lines } = parsed;
  const position = lines.positionAt(offset);
  const lineText = lines.lineText(position.line);
  const before = lineText.slice(0, position.character);
  const textOf = (line: number) => (line === position.line ? before : lines.lineText(line));
  const wordEnd = position.character + (/^[^\s:#]*/.exec(lineText.slice(position.character))?.[0].length ?? 0);

  const valueMatch = VALUE_AFTER_KEY.exec(before);
  if (valueMatch) {
    const [, indent, dashes, rawKey, partial] = valueMatch;
    const col = indent.length + dashes.length;
    const path = mappingPathAt(textOf, position.line, col, dashes.length > 0);
    if (!path) return [];
    const key = rawKey.replace(/^(["'])(.*)\1$/, '$2');
    const nodes = nodesAtPath(registry, schemaId, [...path, key]);
    const replaceRange = { start: { line: position.line, character: position.character - partial.length }, end: { line: position.line, character: wordEnd } };
    return valueItems(nodes, replaceRange);
  }

  const propertyMatch = PROPERTY_PREFIX.exec(before);
  if (!propertyMatch) return [];
  const [, indent, dashes, typed] = propertyMatch;
  if (typed === '-') return [];
  const col = indent.length + dashes.length;
  const dashHere = dashes.length > 0;
  const path = mappingPathAt(textOf, position.line, col, dashHere);
  if (!path) return [];
  const replaceRange = { start: { line: position.line, character: col }, end: { line: position.line, character: wordEnd } };
  const items: CompletionItem[] = [];
  const mappingNodes = nodesAtPath(registry, schemaId, path);
  const present = siblingKeys((l) => lines.lineText(l), lines.lineCount, position.line, col, dashHere);
  const childIndent = ' '.repeat(col);
  const keyAlreadyWritten = /^\s*:/.test(lineText.slice(wordEnd));
  const properties = propertyItems(mappingNodes, present, childIndent, replaceRange, registry);
  // Renaming an existing key (`evic|tion: x`): insert the name only, the value stays.
  items.push(...(keyAlreadyWritten ? properties.map((item) => ({ ...item, insertText: item.label, isSnippet: false })) : properties));
  if (keyAlreadyWritten) return items;
  items.push(...snippetItems(mappingNodes, childIndent, '', replaceRange));
  if (dashHere) {
    // `- ` in a list: the list's own snippets (a whole new item), and for a list of scalars, the values.
    if (!present.size && typeof path[path.length - 1] === 'number') {
      items.push(...snippetItems(nodesAtPath(registry, schemaId, path.slice(0, -1)), childIndent, '', replaceRange, true));
    }
    items.push(...valueItems(mappingNodes, replaceRange));
  } else {
    // An empty line right under `list:` (path ends at the list): whole new items.
    const listItems = mappingNodes.flatMap((n) => (n.schema.items && typeof n.schema.items === 'object' && !Array.isArray(n.schema.items) ? expand({ ...n, schema: n.schema.items }, registry) : []));
    items.push(...snippetItems(mappingNodes, childIndent, '- ', replaceRange, true));
    if (!items.length && listItems.length) items.push(...snippetItems(listItems, childIndent, '- ', replaceRange));
  }
  return items;
}

function propertyItems(nodes: SchemaNode[], present: Set<string>, indent: string, replaceRange: Range, registry: SchemaRegistry): CompletionItem[] {
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
        insertText: propertyInsertText(name, expanded, indent),
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
function propertyInsertText(name: string, nodes: SchemaNode[], indent: string): string {
  const key = needsQuotes(name) ? `"${name}"` : name;
  const types = new Set<string>();
  for (const { schema } of nodes) {
    const t = schema.type;
    for (const type of Array.isArray(t) ? t : t ? [t] : []) types.add(String(type));
    if (schema.properties) types.add('object');
    if (schema.items) types.add('array');
  }
  const choices = allowedValues(nodes).map((v) => snippetChoice(v.value));
  if (choices.length && !types.has('object') && !types.has('array')) return `${key}: \${1|${choices.join(',')}|}`;
  if (types.size === 1 && types.has('boolean')) return `${key}: \${1|true,false|}`;
  if (types.size === 1 && types.has('object')) return `${key}:\n${indent}  $1`;
  if (types.size === 1 && types.has('array')) return `${key}:\n${indent}  - $1`;
  return `${key}: $1`;
}

function snippetChoice(value: unknown): string {
  const text = typeof value === 'string' ? (needsQuotes(value) ? JSON.stringify(value) : value) : JSON.stringify(value);
  return text.replace(/[,|\\$}]/g, (c) => '\\' + c);
}

function valueItems(nodes: SchemaNode[], replaceRange: Range): CompletionItem[] {
  const items: CompletionItem[] = [];
  const seen = new Set<string>();
  const defaultValue = nodes.map((n) => n.schema.default).find((v) => v !== undefined);
  const add = (value: unknown, documentation?: string, detail?: string) => {
    const text = typeof value === 'string' ? (needsQuotes(value) ? JSON.stringify(value) : value) : JSON.stringify(value);
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

/**
 * `defaultSnippets` of the schemas at the cursor. `prefix` is `- ` for a new list item; with
 * `fromArray`, only snippets of a list schema itself (whose body is one item) are used.
 */
function snippetItems(nodes: SchemaNode[], indent: string, prefix: string, replaceRange: Range, fromArray = false): CompletionItem[] {
  const items: CompletionItem[] = [];
  for (const { schema } of nodes) {
    const isArray = schema.type === 'array' || !!schema.items;
    if (fromArray !== isArray || !Array.isArray(schema.defaultSnippets)) continue;
    for (const snippet of schema.defaultSnippets as Record<string, unknown>[]) {
      if (!snippet || typeof snippet !== 'object' || snippet.body === undefined) continue;
      const lines = snippetLines(snippet.body);
      const continuation = indent + ' '.repeat(prefix.length);
      const insertText = prefix + lines.map((line, i) => (i === 0 ? line : continuation + line)).join('\n');
      const label = typeof snippet.label === 'string' ? snippet.label : lines[0];
      const documentation = typeof snippet.markdownDescription === 'string' ? snippet.markdownDescription : typeof snippet.description === 'string' ? snippet.description : undefined;
      items.push({
        label,
        kind: 'snippet',
        insertText,
        isSnippet: true,
        ...(documentation ? { documentation } : {}),
        detail: 'snippet',
        sortText: `2${label}`,
        replaceRange,
      });
    }
  }
  return items;
}
