// The catalog as JSON for `cache-warden graph --format json`: entities sorted by ref, relations
// (written ones as 'forward', their derived twins as 'reverse') sorted too. Lines are 1-based,
// as people and editors count them.
import type { CatalogGraph } from './graphModel';

export interface CatalogJson {
  entities: {
    ref: string;
    kind: string;
    name: string;
    namespace?: string;
    title?: string;
    type?: string;
    owner?: string;
    system?: string;
    domain?: string;
    docFile?: string;
    docLine?: number;
    links?: { url: string; title?: string }[];
    sources: { file: string; line: number; origin: string }[];
    configFiles: string[];
  }[];
  relations: { from: string; to: string; type: string; direction: 'forward' | 'reverse'; file?: string; line?: number }[];
}

export function catalogToJson(graph: CatalogGraph, pathOf: (file: string) => string = (f) => f): CatalogJson {
  const entities = [...graph.entities.values()]
    .sort((a, b) => cmp(a.ref, b.ref))
    .map((e) => ({
      ref: e.ref,
      kind: e.kind,
      name: e.name,
      ...(e.namespace !== undefined ? { namespace: e.namespace } : {}),
      ...(e.title !== undefined ? { title: e.title } : {}),
      ...(e.type !== undefined ? { type: e.type } : {}),
      ...(e.owner !== undefined ? { owner: e.owner } : {}),
      ...(e.system !== undefined ? { system: e.system } : {}),
      ...(e.domain !== undefined ? { domain: e.domain } : {}),
      ...(e.docFile !== undefined ? { docFile: pathOf(e.docFile), docLine: (e.docLine ?? 0) + 1 } : {}),
      ...(e.links?.length ? { links: e.links } : {}),
      sources: e.sources.map((s) => ({ file: pathOf(s.file), line: s.line + 1, origin: s.origin })),
      configFiles: e.configFiles.map(pathOf).sort(),
    }));
  const relations = graph.relations
    .map((r) => ({
      from: r.from,
      to: r.to,
      type: r.type,
      direction: r.derived ? ('reverse' as const) : ('forward' as const),
      ...(r.file !== undefined ? { file: pathOf(r.file) } : {}),
      ...(r.line !== undefined ? { line: r.line + 1 } : {}),
    }))
    .sort((a, b) => cmp(a.from, b.from) || cmp(a.type, b.type) || cmp(a.to, b.to));
  return { entities, relations };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
