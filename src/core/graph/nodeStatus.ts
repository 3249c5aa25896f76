// Node status from diagnostics: each cache config problem is charged to the entity whose
// declaration contains its line (a cache, a backend), else to the file's service; doc problems
// to the documented entity.
import type { Range } from '../types';
import type { NodeStatus } from './graphModel';
import type { DeclaredEntity } from '../catalog/contribution';

export interface StatusDiagnostic {
  code: string;
  severity: string;
  range?: Range;
  /** Set when the finding names the entity it is about (findings in adapted configs: data.entity). */
  data?: Record<string, unknown>;
}

/** What status attribution needs from the catalog: who is declared where. */
export interface DeclarationLookup {
  graph: { declarationsByFile: ReadonlyMap<string, readonly DeclaredEntity[]> };
}

export function statusFromDiagnostics(catalog: DeclarationLookup, diagnosticsByFile: Map<string, StatusDiagnostic[]>): Map<string, NodeStatus> {
  const status = new Map<string, NodeStatus>();
  for (const [file, diagnostics] of diagnosticsByFile) {
    const declared = catalog.graph.declarationsByFile.get(file);
    if (!declared?.length) continue;
    for (const d of diagnostics) {
      if (d.severity !== 'error' && d.severity !== 'warning') continue;
      const ref = chargedTo(declared, d);
      const s = status.get(ref) ?? { errors: 0, warnings: 0, rules: [] };
      if (d.severity === 'error') s.errors++;
      else s.warnings++;
      if (!s.rules.includes(d.code)) {
        s.rules.push(d.code);
        s.rules.sort();
      }
      status.set(ref, s);
    }
  }
  return status;
}

/**
 * Who a finding is charged to: the entity it names (a Spring file's caches share the lines their
 * findings are shown at, so lines cannot tell them apart), else the declaration around its line.
 */
export function chargedTo(declared: readonly DeclaredEntity[], d: StatusDiagnostic): string {
  const named = d.data?.entity;
  if (typeof named === 'string' && declared.some((entity) => entity.ref === named)) return named;
  return ownerOf(declared, d.range?.start.line);
}

/** The innermost declaration around a line; the file's first declaration otherwise. */
export function ownerOf(declared: readonly DeclaredEntity[], line: number | undefined): string {
  let best: DeclaredEntity | undefined;
  if (line !== undefined) {
    for (const d of declared) {
      if (!d.extent || line < d.extent.start || line > d.extent.end) continue;
      if (!best || d.extent.end - d.extent.start < best.extent!.end - best.extent!.start) best = d;
    }
  }
  return (best ?? declared[0]).ref;
}
