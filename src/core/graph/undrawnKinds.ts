// Backstage entities of kinds the diagram does not draw (Template, Environment, custom kinds) are
// counted by the catalog; every view of the whole catalog says so in its notice, so nothing in a
// catalog disappears without a word.
import type { CatalogGraph, GraphView, ViewRequest } from './graphModel';

/** `Not drawn: 1 Environment, 2 Template (…)`, or undefined when every entity is drawn. */
export function undrawnNotice(graph: CatalogGraph): string | undefined {
  const counts = graph.undrawnKinds?.();
  if (!counts?.size) return undefined;
  const parts = [...counts].map(([kind, count]) => `${count} ${kind}`);
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  return `Not drawn: ${parts.join(', ')} (${total === 1 ? 'an entity of a kind' : 'entities of kinds'} outside the dependency diagram).`;
}

/** Adds the undrawn-kinds line to the notice of a view of the whole catalog (not of one entity, system or domain). */
export function withUndrawnNotice(graph: CatalogGraph, request: ViewRequest, view: GraphView): GraphView {
  if (request.focus !== undefined || request.reaches !== undefined || request.system !== undefined || request.domain !== undefined) return view;
  const line = undrawnNotice(graph);
  if (!line) return view;
  return { ...view, notice: view.notice ? `${view.notice} ${line}` : line };
}
