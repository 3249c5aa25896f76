// Hover text for an entity ref: what the entity is, who owns it, the first paragraph of its doc,
// and links to open the doc or show it in the diagram. Doc text is untrusted (the hover runs with
// command links enabled), so every character Markdown could read as syntax is escaped.
import type { Entity } from '../graph/graphModel';

export interface EntityHoverLinks {
  /** Target of "Open doc" (absent: the entity has no doc). */
  openDoc?: string;
  /** Target of "Show in diagram". */
  showInDiagram?: string;
  /** Target of "What reaches this" (datastores: the caches in front of it, worst first). */
  whatReaches?: string;
}

/** Escapes Markdown syntax and HTML so text is shown as written. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~&"']/g, (ch) => (ch === '<' ? '&lt;' : ch === '>' ? '&gt;' : ch === '&' ? '&amp;' : `\\${ch}`));
}

export function entityHoverMarkdown(entity: Entity, links: EntityHoverLinks, docPath?: string): string {
  const title = escapeMarkdown(entity.title ?? entity.name);
  const facts = [`${entity.kind}${entity.type ? ` (${escapeMarkdown(entity.type)})` : ''}`];
  if (entity.owner) facts.push(`owner ${escapeMarkdown(entity.owner)}`);
  if (entity.system) facts.push(`system ${escapeMarkdown(entity.system)}`);
  const parts = [`**${title}** \`${entity.ref.replace(/`/g, '')}\``, facts.join(' · ')];
  if (entity.description) parts.push(escapeMarkdown(entity.description));
  const linkLine: string[] = [];
  if (links.openDoc) linkLine.push(`[Open doc](${links.openDoc}${docPath ? ` "${docPath.replace(/["\\]/g, '')}"` : ''})`);
  if (links.showInDiagram) linkLine.push(`[Show in diagram](${links.showInDiagram})`);
  if (links.whatReaches) linkLine.push(`[What reaches this](${links.whatReaches} "The caches in front of it, worst first")`);
  if (!entity.docFile) linkLine.push('_no doc declares this entity_');
  if (linkLine.length) parts.push(linkLine.join(' · '));
  return parts.join('\n\n');
}
