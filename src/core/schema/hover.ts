// Hover text from the schema for the key or value under the cursor: title, description, default,
// allowed values with their descriptions, examples and the docs link.
import { yamlLibrary } from '../document/yamlLibrary';
import type { AnySchemaObject } from 'ajv';
import type { ParsedFile } from '../document/model';
import type { Range } from '../types';
import { nodeAtOffset } from './nodeAtOffset';
import type { SchemaRegistry } from './schemaRegistry';
import { nodesAtPath, type SchemaNode } from './schemaWalk';

export interface HoverResult {
  markdown: string;
  range: Range;
}

export interface HoverOptions {
  /** Turns a docs path (`docs/config/ttl.md#ttl-value`) into a link target; default: unchanged. */
  linkFor?: (docsPath: string) => string;
  /** The hovered value is a list item: examples are shown as `- value`. */
  asListItem?: boolean;
}

export function hoverAt(parsed: ParsedFile, offset: number, schemaId: string, registry: SchemaRegistry, options: HoverOptions = {}): HoverResult | undefined {
  const node = nodeAtOffset(parsed, offset);
  if (!node || !node.segments.length) return undefined;
  const schemas = schemasAt(registry, schemaId, node.pointer, node.segments);
  if (!schemas.nodes.length) return undefined;
  // A list item is named after its list, and its examples are written as list items.
  const last = node.segments[node.segments.length - 1];
  const isItem = /^\d+$/.test(last);
  const name = isItem ? [...node.segments].reverse().find((s) => !/^\d+$/.test(s)) ?? 'item' : last;
  const currentValue = node.onKey ? undefined : node.value;
  const markdown = renderedMarkdown(schemas, name, currentValue, { ...options, asListItem: isItem });
  return markdown ? { markdown, range: parsed.lines.rangeOf(node.span) } : undefined;
}

/**
 * The schemas at an instance path and the markdown rendered from them, remembered per registry
 * until it learns another schema document (its `generation`): hovering the same key again (or
 * the same key of another parse) walks no schema and renders no markdown.
 */
interface SchemasAt {
  nodes: SchemaNode[];
  /** Markdown by link function, then by name + list item + current value. */
  rendered: Map<((docsPath: string) => string) | undefined, Map<string, string | undefined>>;
}

const MAX_REMEMBERED_PATHS = 2000;
const MAX_REMEMBERED_RENDERINGS = 64;
const schemasByRegistry = new WeakMap<SchemaRegistry, { generation: number; paths: Map<string, SchemasAt> }>();

function schemasAt(registry: SchemaRegistry, schemaId: string, pointer: string, segments: readonly string[]): SchemasAt {
  let memo = schemasByRegistry.get(registry);
  if (!memo || memo.generation !== registry.generation) {
    memo = { generation: registry.generation, paths: new Map() };
    schemasByRegistry.set(registry, memo);
  }
  const key = `${schemaId}#${pointer}`;
  let found = memo.paths.get(key);
  if (found) return found;
  found = { nodes: nodesAtPath(registry, schemaId, segments), rendered: new Map() };
  // Walking the schema may have read another document: remember from that state on.
  if (memo.generation !== registry.generation) schemasByRegistry.set(registry, (memo = { generation: registry.generation, paths: new Map() }));
  if (memo.paths.size >= MAX_REMEMBERED_PATHS) memo.paths.clear();
  memo.paths.set(key, found);
  return found;
}

function renderedMarkdown(schemas: SchemasAt, name: string, currentValue: unknown, options: HoverOptions): string | undefined {
  let byLink = schemas.rendered.get(options.linkFor);
  if (!byLink) {
    // Callers pass one link function for good; a new one per call would only fill the map.
    if (schemas.rendered.size >= 4) schemas.rendered.clear();
    schemas.rendered.set(options.linkFor, (byLink = new Map()));
  }
  // Scalars only (a value under the cursor is never a mapping or a sequence); the type keeps 1 and '1' apart.
  const key = `${options.asListItem ? 1 : 0}${name}\u0000${typeof currentValue}\u0000${String(currentValue)}`;
  if (byLink.has(key)) return byLink.get(key);
  const markdown = hoverMarkdown(schemas.nodes, name, currentValue, options);
  if (byLink.size >= MAX_REMEMBERED_RENDERINGS) byLink.clear();
  byLink.set(key, markdown);
  return markdown;
}

/** The hover markdown for the schemas that apply to one property. */
export function hoverMarkdown(nodes: SchemaNode[], name: string, currentValue: unknown, options: HoverOptions = {}): string | undefined {
  const pick = <T>(get: (s: AnySchemaObject) => T | undefined): T | undefined => {
    for (const n of nodes) {
      const v = get(n.schema);
      if (v !== undefined) return v;
    }
    return undefined;
  };
  const linkFor = options.linkFor ?? ((p: string) => p);
  const title = pick((s) => (typeof s.title === 'string' ? s.title : undefined));
  const description = pick((s) => (typeof s.markdownDescription === 'string' ? s.markdownDescription : typeof s.description === 'string' ? escapeMarkdown(s.description) : undefined));
  const parts: string[] = [`#### ${title ?? name}`];
  if (description) parts.push(rewriteDocsLinks(description, linkFor));
  const defaultValue = pick((s) => ('default' in s ? s.default : undefined));
  // Skip when the description already states the default (the built-in schemas do).
  if (defaultValue !== undefined && !/\*\*Default:?\*\*/.test(description ?? '')) parts.push(`Default: \`${inlineValue(defaultValue)}\``);
  const allowed = allowedValues(nodes);
  if (allowed.length) {
    const lines = allowed.map(({ value, description: d }) => {
      const shown = value === currentValue ? `**\`${inlineValue(value)}\`**` : `\`${inlineValue(value)}\``;
      return d ? `- ${shown}: ${d}` : `- ${shown}`;
    });
    parts.push(`Allowed values:\n\n${lines.join('\n')}`);
  }
  const examples = pick((s) => (Array.isArray(s.examples) && s.examples.length ? (s.examples as unknown[]) : undefined));
  if (examples) {
    parts.push(`Examples:\n\n${examples.map((example) => '```yaml\n' + yamlLibrary().stringify(options.asListItem ? [example] : { [name]: example }).trimEnd() + '\n```').join('\n\n')}`);
  }
  const docs = pick((s) => (typeof s['x-docs'] === 'string' ? (s['x-docs'] as string) : undefined));
  if (docs && !(description ?? '').includes(`](${docs})`)) parts.push(`[Documentation](${linkFor(docs)})`);
  return parts.length > 1 || title ? parts.join('\n\n') : undefined;
}

interface AllowedValue {
  value: unknown;
  description?: string;
}

/** Enum values (with markdownEnumDescriptions/enumDescriptions), or const branches of a oneOf. */
export function allowedValues(nodes: SchemaNode[]): AllowedValue[] {
  const out: AllowedValue[] = [];
  const seen = new Set<string>();
  const add = (value: unknown, description?: string) => {
    const key = JSON.stringify(value);
    if (seen.has(key)) return;
    seen.add(key);
    out.push(description ? { value, description } : { value });
  };
  for (const { schema } of nodes) {
    if (Array.isArray(schema.enum)) {
      const descriptions = (Array.isArray(schema.markdownEnumDescriptions) ? schema.markdownEnumDescriptions : schema.enumDescriptions) as unknown[] | undefined;
      schema.enum.forEach((value: unknown, i: number) => add(value, typeof descriptions?.[i] === 'string' ? (descriptions[i] as string) : undefined));
    }
    if ('const' in schema) add(schema.const, typeof schema.markdownDescription === 'string' ? schema.markdownDescription : typeof schema.description === 'string' ? schema.description : undefined);
  }
  return out;
}

function inlineValue(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function escapeMarkdown(text: string): string {
  return text.replace(/([\\`*_{}[\]<>#|])/g, '\\$1');
}

/** Markdown links to docs paths (`](docs/…)`) go through `linkFor`. */
function rewriteDocsLinks(markdown: string, linkFor: (docsPath: string) => string): string {
  return markdown.replace(/\]\((docs\/[^)\s]+)\)/g, (_, docsPath: string) => `](${linkFor(docsPath)})`);
}
