// Completion in JSON files and flow-style YAML: property names inside `{…}` (written as
// `"name": ` with a value skeleton) and values after `"key": ` or inside `[…]`, JSON-encoded.
import type { ParsedFile } from '../document/model';
import type { CompletionItem } from './completion';
import { propertyItems, snippetChoice, typesOf, valueItems } from './completionItems';
import { flowContextAt, keysAfter } from './flowPath';
import { allowedValues } from './hover';
import type { SchemaRegistry } from './schemaRegistry';
import { nodesAtPath, type SchemaNode } from './schemaWalk';

const json = (value: unknown): string => JSON.stringify(value);

export function completeInFlow(parsed: ParsedFile, offset: number, schemaId: string, registry: SchemaRegistry): CompletionItem[] {
  const context = flowContextAt(parsed.text, offset);
  if (!context) return [];
  const { lines, text } = parsed;
  // Replace what is typed of the word, and the closing quote the editor added after the cursor.
  let end = offset;
  while (end < text.length && /[^\s,:{}[\]"']/.test(text[end])) end++;
  if (text[context.wordStart] === '"' && text[end] === '"') end++;
  const replaceRange = { start: lines.positionAt(context.wordStart), end: lines.positionAt(end) };

  if (context.at === 'value') {
    const path = context.key === undefined ? context.path : [...context.path, context.key];
    return valueItems(nodesAtPath(registry, schemaId, path), replaceRange, json);
  }
  const present = new Set([...context.keysBefore, ...keysAfter(text, end)]);
  const items = propertyItems(nodesAtPath(registry, schemaId, context.path), present, jsonPropertyInsertText, replaceRange, registry);
  // Typed with its opening quote (`"evi`): match against the quoted key.
  return text[context.wordStart] === '"' ? items.map((item) => ({ ...item, filterText: json(item.label) })) : items;
}

/** `"name": ` and a skeleton of its value: a choice for enums and booleans, quotes, braces. */
function jsonPropertyInsertText(name: string, nodes: SchemaNode[]): string {
  const key = `${json(name)}: `;
  const types = typesOf(nodes);
  const choices = allowedValues(nodes).map((v) => snippetChoice(v.value, json));
  if (choices.length && !types.has('object') && !types.has('array')) return `${key}\${1|${choices.join(',')}|}`;
  if (types.size === 1 && types.has('boolean')) return `${key}\${1|true,false|}`;
  if (types.size === 1 && types.has('object')) return `${key}{ $1 }`;
  if (types.size === 1 && types.has('array')) return `${key}[ $1 ]`;
  if (types.size === 1 && types.has('string')) return `${key}"$1"`;
  return `${key}$1`;
}
