// Hover: the schema's documentation of the key or value under the cursor (cache configs, any
// YAML/JSON with a schema, doc front matter), and for an entity ref what the entity is, with links
// to open its doc or show it in the diagram. Uses the latest parse only: never analyses, never
// runs rules, never fetches.
import type { Hover, HoverParams } from 'vscode-languageserver';
import { entityHoverMarkdown } from '../core/catalog/entityHover';
import { extractFrontMatter, isInFrontMatter } from '../core/catalog/frontMatter';
import { FRONT_MATTER_SCHEMA_ID } from '../core/catalog/frontMatterValidation';
import { hoverAt } from '../core/schema/hover';
import type { Range } from '../core/types';
import type { WorkspaceModel } from '../core/workspace/workspaceModel';
import type { DocumentSync } from './documentSync';
import type { ClientFeatures } from './clientFeatures';
import { docsLink, fileOf, uriOf } from './uris';

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
  const ref = model.catalog.refAt(file, params.position);
  const entity = ref?.target ? model.catalog.entity(ref.target) : undefined;
  if (ref && entity) {
    const docPath = entity.docFile !== undefined ? model.displayPath(entity.docFile) : undefined;
    // VS Code runs its commands from the hover; other editors get a plain link to the doc.
    const openDoc = client.commands.has(OPEN_ENTITY_COMMAND)
      ? commandLink(OPEN_ENTITY_COMMAND, entity.ref)
      : entity.docFile !== undefined ? `${uriOf(entity.docFile)}#L${(entity.docLine ?? 0) + 1}` : undefined;
    const links = { ...(openDoc ? { openDoc } : {}), ...(client.commands.has(SHOW_DIAGRAM_COMMAND) ? { showInDiagram: commandLink(SHOW_DIAGRAM_COMMAND, entity.ref) } : {}) };
    parts.unshift(entityHoverMarkdown(entity, links, docPath));
    range = ref.range;
  }
  if (!parts.length) return null;
  return { contents: { kind: 'markdown', value: parts.join('\n\n---\n\n') }, ...(range ? { range } : {}) };
}

function schemaHover(model: WorkspaceModel, file: string, text: string, offset: number): { markdown: string; range: Range } | undefined {
  const linkFor = (docsPath: string) => docsLink(docsPath);
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
