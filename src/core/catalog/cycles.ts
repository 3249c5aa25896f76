// Dependency cycles (A needs B needs A): every written edge inside a strongly connected component
// is reported at the text that wrote it, with one cycle through it spelled out.
import type { Diagnostic } from '../types';
import { DEPENDENCY_RELATIONS } from '../graph/graphModel';
import type { WrittenRelation } from './buildGraph';

export function dependencyCycleDiagnostics(written: readonly WrittenRelation[]): { file: string; diagnostic: Diagnostic }[] {
  const edges = written.filter((r) => DEPENDENCY_RELATIONS.has(r.type));
  const next = new Map<string, string[]>();
  for (const e of edges) (next.get(e.from) ?? next.set(e.from, []).get(e.from)!).push(e.to);
  const component = stronglyConnected(next);
  const sizes = new Map<number, number>();
  for (const c of component.values()) sizes.set(c, (sizes.get(c) ?? 0) + 1);
  const out: { file: string; diagnostic: Diagnostic }[] = [];
  const membersOf = new Map<number, string[]>();
  const samples = new Map<number, string[]>();
  for (const [node, c] of component) if (c >= 0) (membersOf.get(c) ?? membersOf.set(c, []).get(c)!).push(node);
  for (const e of edges) {
    const c = component.get(e.from);
    if (c === undefined || c !== component.get(e.to)) continue;
    const selfLoop = e.from === e.to;
    if (!selfLoop && c < 0) continue;
    const size = sizes.get(c) ?? 0;
    let message: string;
    let data: Record<string, unknown>;
    if (selfLoop || size <= EXACT_CYCLE_LIMIT) {
      const back = selfLoop ? [e.from] : shortestPath(e.to, e.from, next, (n) => component.get(n) === c);
      const cycle = [e.from, ...back];
      message = `Dependency cycle: ${cycle.join(' → ')}.`;
      data = { cycle };
    } else {
      // Spelling out a cycle per edge of a huge component would cost O(edges × members).
      let sample = samples.get(c);
      if (!sample) samples.set(c, (sample = [...membersOf.get(c)!].sort().slice(0, 5)));
      message = `Dependency cycle: ${e.from} → ${e.to} is part of a cycle among ${size} entities (${sample.join(', ')}, …).`;
      data = { cycleSize: size };
    }
    out.push({
      file: e.file,
      diagnostic: {
        code: 'catalog-dependency-cycle',
        severity: 'warning',
        message: `${message} A service that needs itself cannot start or fail on its own; break one of these dependencies.`,
        range: e.range,
        source: 'cache-warden (catalog)',
        docsUrl: 'docs/catalog.md#dependency-cycles',
        data,
      },
    });
  }
  return out;
}

/** Components up to this size get the shortest cycle through each edge spelled out. */
const EXACT_CYCLE_LIMIT = 64;

/**
 * Tarjan's algorithm without recursion (catalogs can be deep). Returns the component id of each
 * node; nodes alone in their component (no cycle) get a negative id.
 */
function stronglyConnected(next: Map<string, string[]>): Map<string, number> {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const result = new Map<string, number>();
  let counter = 0;
  let componentId = 0;
  for (const root of next.keys()) {
    if (index.has(root)) continue;
    const work: { node: string; i: number }[] = [{ node: root, i: 0 }];
    index.set(root, counter);
    low.set(root, counter++);
    stack.push(root);
    onStack.add(root);
    while (work.length) {
      const frame = work[work.length - 1];
      const targets = next.get(frame.node) ?? [];
      if (frame.i < targets.length) {
        const t = targets[frame.i++];
        if (!index.has(t)) {
          index.set(t, counter);
          low.set(t, counter++);
          stack.push(t);
          onStack.add(t);
          work.push({ node: t, i: 0 });
        } else if (onStack.has(t)) {
          low.set(frame.node, Math.min(low.get(frame.node)!, index.get(t)!));
        }
        continue;
      }
      work.pop();
      if (work.length) {
        const parent = work[work.length - 1].node;
        low.set(parent, Math.min(low.get(parent)!, low.get(frame.node)!));
      }
      if (low.get(frame.node) === index.get(frame.node)) {
        const members: string[] = [];
        let n: string;
        do {
          n = stack.pop()!;
          onStack.delete(n);
          members.push(n);
        } while (n !== frame.node);
        const id = members.length > 1 ? componentId++ : -1 - componentId++;
        for (const m of members) result.set(m, id);
      }
    }
  }
  return result;
}

/** Nodes after `from` up to and including `to`, staying inside the component. */
function shortestPath(from: string, to: string, next: Map<string, string[]>, inside: (n: string) => boolean): string[] {
  const previous = new Map<string, string>();
  const queue = [from];
  const visited = new Set([from]);
  for (let i = 0; i < queue.length; i++) {
    const n = queue[i];
    if (n === to) break;
    for (const t of next.get(n) ?? []) {
      if (visited.has(t) || !inside(t)) continue;
      visited.add(t);
      previous.set(t, n);
      queue.push(t);
    }
  }
  const path = [to];
  let n = to;
  while (n !== from) {
    const before = previous.get(n);
    if (before === undefined) break;
    n = before;
    path.unshift(n);
  }
  return path;
}
