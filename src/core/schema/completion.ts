// Completion from the schema at a cursor: property names not yet written (with their docs), enum
// and boolean values after `key: `, and snippets for whole blocks (a new cache entry), indented
// to fit. Works on text being typed: the path comes from indentation (or, in JSON and flow-style
// YAML, from the brackets before the cursor: flowCompletion.ts), not from the parse.
import type { AnySchemaObject } from 'ajv';
import type { ParsedFile } from '../document/model';
import type { Range } from '../types';
import { mappingPathAt, siblingKeys } from './indentationPath';
import type { SchemaRegistry } from './schemaRegistry';
import { expand, nodesAtPath, type SchemaNode } from './schemaWalk';
import { propertyItems, valueItems, yamlPropertyInsertText } from './completionItems';
import { completeInFlow } from './flowCompletion';
import { startsWithFlow } from './flowPath';
import { snippetLines } from './snippetYaml';

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
  /** What the typed text is matched against, when not the label (a JSON key typed with its quote). */
  filterText?: string;
  /** The text the item replaces (the part of a word already typed). */
  replaceRange?: Range;
}

const PROPERTY_PREFIX = /^(\s*)((?:-\s+)*)([^\s:#'"-][^\s:#]*|-?)$/;
const VALUE_AFTER_KEY = /^(\s*)((?:-\s+)*)((?:"[^"]*"|'[^']*'|[^\s#:][^#:]*?))\s*:\s+(\S*)$/;

export function completeAt(parsed: ParsedFile, offset: number, schemaId: string, registry: SchemaRegistry): CompletionItem[] {
  // JSON (and YAML written in flow style): the context comes from brackets, not indentation.
  if (startsWithFlow(parsed.text)) return completeInFlow(parsed, offset, schemaId, registry);
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
  const properties = propertyItems(mappingNodes, present, (name, nodes) => yamlPropertyInsertText(name, nodes, childIndent), replaceRange, registry);
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
