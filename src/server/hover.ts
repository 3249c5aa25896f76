// Hover: the schema's documentation of the key or value under the cursor (cache configs, any
// YAML/JSON with a schema, doc front matter), and for an entity ref what the entity is, with links
// to open its doc or show it in the diagram. Uses the latest parse only: never analyses, never
// runs rules, never fetches.
import type { Hover, HoverParams } from 'vscode-languageserver';
import { entityHoverMarkdown, type EntityHoverLinks } from '../core/catalog/entityHover';
import { extractFrontMatter, isInFrontMatter } from '../core/catalog/frontMatter';
import { FRONT_MATTER_SCHEMA_ID } from '../core/catalog/frontMatterValidation';
import { hoverAt } from '../core/schema/hover';
import type { ResolvedOccurrence } from '../core/catalog/buildGraph';
import type { Position, Range } from '../core/types';
import type { WorkspaceModel } from '../core/workspace/workspaceModel';
import type { DocumentSync } from './documentSync';
import type { ClientFeatures } from './clientFeatures';
import { docsLink, fileOf, uriOf } from './uris';
import { WHAT_REACHES_COMMAND } from './protocol';
import { isModelDatastore } from './whatReaches';

export const OPEN_ENTITY_COMMAND = 'cacheWarden.openEntityDocumentation';
export const SHOW_DIAGRAM_COMMAND = 'cacheWarden.showDiagram';

function commandLink(command: string, ref: string): string {
  return `command:${command}?${encodeURIComponent(JSON.stringify([ref]))}`;
}

export function provideHover(model: WorkspaceModel, sync: DocumentSync, params: HoverParams, client: ClientFeatures): Hover | null {
  const uri = params.textDocument.uri;
  sync.flush(uri);
  const document = sync.get(uri);
  const file = fileOf(uri);
  const entry = model.file(file);
  if (!document || !entry || entry.text !== document.getText()) return null;
  const offset = document.offsetAt(params.position);
  const parts: string[] = [];
  let range: Range | undefined;

  // A setting of a format an adapter reads (redis.conf, Spring, compose, nginx, …).
  const setting = entry.adapted?.file?.settings.find((site) => site.span.start <= offset && offset <= site.span.end);
  if (setting) {
    parts.push(setting.markdown);
    range = { start: document.positionAt(setting.span.start), end: document.positionAt(setting.span.end) };
  }
  const schema = setting ? undefined : schemaHover(model, file, entry.text, offset);
  if (schema) {
    parts.push(schema.markdown);
    range = schema.range;
  }
  const ref = refAt(model.catalog.refsInFile(file), params.position);
  const entity = ref?.target ? model.catalog.entity(ref.target) : undefined;
  if (ref && entity) {
    const docPath = entity.docFile !== undefined ? model.displayPath(entity.docFile) : undefined;
    // VS Code runs its commands from the hover; other editors get a plain link to the doc.
    const openDoc = client.commands.has(OPEN_ENTITY_COMMAND)
      ? commandLink(OPEN_ENTITY_COMMAND, entity.ref)
      : entity.docFile !== undefined ? `${uriOf(entity.docFile)}#L${(entity.docLine ?? 0) + 1}` : undefined;
    const links: EntityHoverLinks = { ...(openDoc ? { openDoc } : {}), ...(client.commands.has(SHOW_DIAGRAM_COMMAND) ? { showInDiagram: commandLink(SHOW_DIAGRAM_COMMAND, entity.ref) } : {}) };
    // A datastore: "What reaches this" lists the caches in front of it (VS Code only).
    if (client.commands.has(WHAT_REACHES_COMMAND) && isModelDatastore(model, entity)) links.whatReaches = commandLink(WHAT_REACHES_COMMAND, entity.ref);
    parts.unshift(entityHoverMarkdown(entity, links, docPath));
    range = ref.range;
  }
  if (!parts.length) return null;
  return { contents: { kind: 'markdown', value: parts.join('\n\n---\n\n') }, ...(range ? { range } : {}) };
}

/**
 * The ref under a position: what `Catalog.refAt` finds (the first of the file's refs, in their
 * order, whose range holds the position), through an index of the refs by line built once per list
 * of refs (a new list comes with every change of the file), instead of looking at every ref of a
 * config with hundreds of them on each hover.
 */
export function refAt(refs: readonly ResolvedOccurrence[], position: Position): ResolvedOccurrence | undefined {
  if (refs.length < 16) return refs.find((r) => rangeHolds(r.range, position));
  let index = refsByLine.get(refs);
  if (!index) refsByLine.set(refs, (index = indexByLine(refs)));
  let best = -1;
  const check = (i: number) => {
    if ((best === -1 || i < best) && rangeHolds(refs[i].range, position)) best = i;
  };
  for (const i of index.lines.get(position.line) ?? []) check(i);
  for (const i of index.tall) check(i);
  return best === -1 ? undefined : refs[best];
}

/** Ranges over more lines than this are checked on every lookup rather than listed under each line. */
const MAX_INDEXED_LINES = 64;
const refsByLine = new WeakMap<readonly ResolvedOccurrence[], { lines: Map<number, number[]>; tall: number[] }>();

function indexByLine(refs: readonly ResolvedOccurrence[]): { lines: Map<number, number[]>; tall: number[] } {
  const lines = new Map<number, number[]>();
  const tall: number[] = [];
  refs.forEach(({ range }, i) => {
    if (range.end.line - range.start.line > MAX_INDEXED_LINES) {
      tall.push(i);
      return;
    }
    for (let line = range.start.line; line <= range.end.line; line++) {
      const list = lines.get(line);
      if (list) list.push(i);
      else lines.set(line, [i]);
    }
  });
  return { lines, tall };
}

function rangeHolds(range: Range, p: Position): boolean {
  const afterStart = p.line > range.start.line || (p.line === range.start.line && p.character >= range.start.character);
  const beforeEnd = p.line < range.end.line || (p.line === range.end.line && p.character <= range.end.character);
  return afterStart && beforeEnd;
}

/** One link function for good: the schema hover remembers its renderings per link function. */
function linkFor(docsPath: string): string {
  return docsLink(docsPath);
}

function schemaHover(model: WorkspaceModel, file: string, text: string, offset: number): { markdown: string; range: Range } | undefined {
  if (/\.(md|markdown)$/i.test(file)) {
    if (!isInFrontMatter(text, offset)) return undefined;
    const frontMatter = extractFrontMatter(text);
    const registry = model.folderOf(file).registry;
    if (!frontMatter || !registry.has(FRONT_MATTER_SCHEMA_ID)) return undefined;
    return hoverAt(frontMatter.parsed, offset, FRONT_MATTER_SCHEMA_ID, registry, { linkFor });
  }
  const entry = model.file(file);
  const association = model.association(file);
  if (!entry?.parsed || !association?.schemaId) return undefined;
  return hoverAt(entry.parsed, offset, association.schemaId, model.folderOf(file).registry, { linkFor });
}
