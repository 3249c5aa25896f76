// Diagram render bench, in headless Chromium with the real webview bundle and HTML (CSP on):
//  1. a generated flat 200-node view (layered service DAG, ~1.4 edges per node) rendered through
//     `toMermaid` and the webview — median of several runs, dagre and ELK (target: < 1 s);
//  2. generated realistic catalogs of 1,000 and 20,000 entities (test/e2e/largeCatalog.ts: teams,
//     domains, systems of skewed sizes, services, stores and APIs depending on each other): the
//     model build, the overview's view build (buildView, systemOverview.ts), its mermaid text size
//     and its render time in the webview, and the same for the views a click opens (a system, a
//     domain), plus a neighbourhood.
//   node scripts/build.mjs && npx tsc -p tsconfig.test.json && node out/bench/diagramRender.js
//   (or: npm run bench -- diagram, which also rewrites the section in docs/BENCHMARKS.md)
/// <reference lib="dom" />
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Browser } from 'playwright-core';
import { buildView } from '../src/core/graph/buildView';
import type { GraphView, NodeStatus, ViewEdge, ViewNode, ViewRequest } from '../src/core/graph/graphModel';
import { toMermaid } from '../src/core/graph/mermaid';
import { nodeId } from '../src/core/graph/viewIds';
import type { RenderMessage, RenderReport } from '../src/core/graph/webviewProtocol';
import { DARK_MODERN, launchChromium, openDiagramPage, REPO_ROOT, renderInPage, renderMessageFor, startDiagramServer } from '../test/e2e/diagramPage';
import { generateLargeCatalog } from '../test/e2e/largeCatalog';

const RUNS = 5;

/** A layered DAG like a service landscape: each node depends on 1–2 nodes of the next layer. */
export function flatView(nodeCount: number): GraphView {
  const perLayer = 20;
  const nodes: ViewNode[] = [];
  const edges: ViewEdge[] = [];
  for (let i = 0; i < nodeCount; i++) {
    const ref = `component:service-${i}`;
    nodes.push({ id: nodeId(ref), ref, label: `service-${i}`, kind: i % 7 === 0 ? 'cache' : 'component' });
  }
  for (let i = 0; i + perLayer < nodeCount; i++) {
    const next = (offset: number) => nodes[Math.min(nodeCount - 1, (Math.floor(i / perLayer) + 1) * perLayer + ((i * 7 + offset) % perLayer))];
    edges.push({ from: nodes[i].id, to: next(0).id, type: 'dependsOn' });
    if (i % 5 < 2) edges.push({ from: nodes[i].id, to: next(3).id, type: 'dependsOn' });
  }
  return { nodes, edges, title: `${nodeCount} generated services` };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** The same source through the stock mermaid bundle in a bare page (no CSP, theme or decoration). */
async function plainMermaid(browser: Browser, source: string): Promise<number[]> {
  const times: number[] = [];
  const bundle = fs.readFileSync(require.resolve('mermaid/dist/mermaid.min.js'), 'utf8');
  for (let run = 0; run < RUNS; run++) {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.setContent('<!DOCTYPE html><html><body><div id="out"></div></body></html>');
    await page.addScriptTag({ content: bundle });
    times.push(
      await page.evaluate(async (text) => {
        const api = (window as unknown as { mermaid: { initialize(c: object): void; render(id: string, t: string): Promise<{ svg: string }> } }).mermaid;
        api.initialize({ startOnLoad: false, securityLevel: 'strict', maxEdges: 2000, maxTextSize: 200_000, flowchart: { useMaxWidth: false } });
        const started = performance.now();
        const { svg } = await api.render('reference', text);
        document.getElementById('out')!.innerHTML = svg;
        return Math.round(performance.now() - started);
      }, source),
    );
    await page.close();
  }
  return times;
}

export interface DiagramBenchResult {
  name: string;
  nodes: number;
  edges: number;
  sourceChars: number;
  medianMs: number;
  runs: number[];
  note?: string;
}

export async function runDiagramRenderBench(log: (line: string) => void = console.log): Promise<DiagramBenchResult[]> {
  const server = await startDiagramServer();
  const browser = await launchChromium();
  const results: DiagramBenchResult[] = [];
  try {
    const measure = async (name: string, view: GraphView, layout: 'dagre' | 'elk', runs = RUNS, note?: string, screenshot?: string, facets: RenderMessage['facets'] = { kinds: [], systems: [], owners: [], entities: [] }, request: ViewRequest = {}) => {
      const times: number[] = [];
      let last: RenderReport | undefined;
      const source = toMermaid(view, { layout });
      // A fresh page per run: the first render includes mermaid's own start-up, like opening the panel.
      for (let run = 0; run < runs; run++) {
        const page = await openDiagramPage(browser, server, DARK_MODERN);
        last = await renderInPage(page, { ...renderMessageFor(view, layout, facets), request }, 120_000);
        if (last.error) throw new Error(`${name}: ${last.error}`);
        times.push(last.ms);
        // What a user sees, kept next to the test screenshots (git-ignored test-artifacts/).
        if (screenshot && run === runs - 1) {
          fs.mkdirSync(path.join(REPO_ROOT, 'test-artifacts'), { recursive: true });
          await page.screenshot({ path: path.join(REPO_ROOT, 'test-artifacts', screenshot) });
        }
        await page.close();
      }
      const result: DiagramBenchResult = { name, nodes: last!.nodes, edges: last!.edges, sourceChars: source.length, medianMs: median(times), runs: times, ...(note ? { note } : {}) };
      results.push(result);
      log(`${name.padEnd(44)} ${String(result.nodes).padStart(4)} nodes ${String(result.edges).padStart(4)} edges ${String(result.sourceChars).padStart(6)} chars  median ${String(result.medianMs).padStart(5)} ms  (runs: ${times.join(', ')})${note ? `  ${note}` : ''}`);
    };

    const load = os.loadavg().map((value) => value.toFixed(1)).join(' / ');
    log(`Webview render time = from the render message to the decorated SVG on screen (mermaid.render + theming), fresh page per run.`);
    log(`Target: 200-node view < 1 s. Machine load average (1/5/15 min) at start: ${load} on ${os.cpus().length} cores.`);
    const flat = flatView(200);
    await measure('flat 200-node view, dagre', flat, 'dagre');
    const reference = await plainMermaid(browser, toMermaid(flat, { layout: 'dagre' }));
    log(`${'  reference: stock mermaid.min.js, same source'.padEnd(44)} median ${String(median(reference)).padStart(5)} ms  (runs: ${reference.join(', ')}) — the share of the time that is mermaid's own`);
    await measure('flat 200-node view, ELK', flat, 'elk', 3);

    for (const size of [1000, 20000]) {
      const label = size.toLocaleString('en-US');
      const large = generateLargeCatalog(size);
      const catalog = large.catalog;
      log(`${label}-entity catalog (test/e2e/largeCatalog.ts): ${large.files} catalog-info.yaml files, ${large.systems.length} systems, ${large.domains.length} domains; model built in ${Math.round(large.indexMs)} ms (parse + graph)`);
      // What the server sends along: node status, and the whole catalog as the search list.
      const entities = [...catalog.entities.values()].map((e) => ({ id: e.ref, label: e.title ?? e.name, kind: e.kind }));
      const facets: RenderMessage['facets'] = { kinds: [...new Set(entities.map((e) => e.kind))].sort(), systems: [], owners: [], entities };
      const timed = (request: ViewRequest, status: Map<string, NodeStatus>) => {
        const times: number[] = [];
        let view: GraphView | undefined;
        for (let run = 0; run < RUNS; run++) {
          const started = performance.now();
          view = buildView(catalog, request, status);
          times.push(performance.now() - started);
        }
        return { view: view!, ms: median(times) };
      };
      const describe = (what: string, built: { view: GraphView; ms: number }) => {
        const chars = toMermaid(built.view, { layout: 'dagre' }).length;
        log(`  ${what}: view built in ${built.ms.toFixed(1)} ms (median of ${RUNS}) -> ${built.view.nodes.length} nodes, ${built.view.edges.length} edges, ${chars} chars of mermaid; "${built.view.title}"`);
      };
      const overview = timed({}, large.status);
      describe('overview', overview);
      log(`    notice: ${overview.view.notice ?? '(none)'}`);
      await measure(`${label} entities: overview`, overview.view, 'dagre', 3, undefined, `bench-${size}-entities-overview.png`, facets);
      // What a click on the overview opens: a domain (when the overview is drawn by domain), a mid-sized system.
      const firstDomain = overview.view.nodes.find((n) => n.drill?.domain !== undefined && n.ref.startsWith('domain:'));
      if (firstDomain) {
        const domain = timed(firstDomain.drill!, large.status);
        describe(`click on ${firstDomain.ref}`, domain);
        await measure(`${label} entities: a domain's view`, domain.view, 'dagre', 3, undefined, `bench-${size}-entities-domain.png`, facets, firstDomain.drill);
      }
      const bySize = [...large.systemSizes].sort((a, b) => Math.abs(a[1] - 30) - Math.abs(b[1] - 30) || (a[0] < b[0] ? -1 : 1));
      const system = timed({ system: bySize[0][0] }, large.status);
      describe(`click on ${bySize[0][0]} (${bySize[0][1]} entities)`, system);
      await measure(`${label} entities: a system's view`, system.view, 'dagre', 3, undefined, `bench-${size}-entities-system.png`, facets, { system: bySize[0][0] });
      const [largest, largestSize] = [...large.systemSizes].sort((a, b) => b[1] - a[1])[0];
      const big = timed({ system: largest }, large.status);
      describe(`click on the largest system, ${largest} (${largestSize} entities)`, big);
      if (big.view.suggestions) log(`    too large to draw: offers ${big.view.suggestions.map((s) => s.label).join('; ')}`);
      if (size === 1000) {
        const service = [...catalog.entities.values()].find((e) => e.kind === 'component' && e.system === bySize[0][0].slice('system:'.length))!;
        const focus = timed({ focus: service.ref, depth: 2, direction: 'both' }, large.status);
        describe(`neighbourhood of ${service.ref} (depth 2)`, focus);
        await measure(`${label} entities: neighbourhood, depth 2`, focus.view, 'dagre', 3, undefined, undefined, facets);
      }
    }
  } finally {
    await browser.close();
    await server.close();
  }
  return results;
}

if (require.main === module) {
  runDiagramRenderBench().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
