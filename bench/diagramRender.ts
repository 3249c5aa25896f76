// Diagram render bench, in headless Chromium with the real webview bundle and HTML (CSP on):
//  1. a generated flat 200-node view (layered service DAG, ~1.4 edges per node) rendered through
//     `toMermaid` and the webview — median of several runs, dagre and ELK (target: < 1 s);
//  2. a generated 1,000-entity workspace: what `buildView` returns for the whole graph (collapsed
//     by system, with a notice) and for a neighbourhood, and how long those views take to draw.
//   node scripts/build.mjs && npx tsc -p tsconfig.test.json && node out/bench/diagramRender.js
/// <reference lib="dom" />
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Browser } from 'playwright-core';
import { Catalog } from '../src/core/catalog/catalog';
import { buildView } from '../src/core/graph/buildView';
import type { GraphView, ViewEdge, ViewNode } from '../src/core/graph/graphModel';
import { toMermaid } from '../src/core/graph/mermaid';
import { nodeId } from '../src/core/graph/viewIds';
import type { RenderReport } from '../src/core/graph/webviewProtocol';
import { DARK_MODERN, launchChromium, openDiagramPage, REPO_ROOT, renderInPage, renderMessageFor, startDiagramServer } from '../test/e2e/diagramPage';

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

/** Docs for a generated workspace: services in systems, each depending on a few others and a store. */
export function generatedWorkspace(entityCount: number): Catalog {
  const catalog = new Catalog();
  const stores = Math.floor(entityCount / 5);
  for (let i = 0; i < stores; i++) {
    const kind = i % 2 === 0 ? 'database' : 'redis';
    catalog.updateFile(`/bench/docs/resources/store-${i}.md`, `---\nid: store-${i}\nkind: resource\ntype: ${kind}\nsystem: system-${i % 25}\nowner: team-${i % 12}\n---\n# Store ${i}\n`);
  }
  for (let i = 0; i < entityCount - stores; i++) {
    const deps = [`resource:store-${i % stores}`];
    if (i > 0) deps.push(`component:service-${(i * 7) % i}`);
    if (i > 3) deps.push(`component:service-${i - 3}`);
    const list = deps.map((d) => `  - ${d}`).join('\n');
    catalog.updateFile(
      `/bench/docs/services/service-${i}.md`,
      `---\nid: service-${i}\nkind: component\ntype: service\ntitle: Service ${i}\nsystem: system-${i % 25}\nowner: team-${i % 12}\ndependsOn:\n${list}\n---\n# Service ${i}\n`,
    );
  }
  return catalog;
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
    const measure = async (name: string, view: GraphView, layout: 'dagre' | 'elk', runs = RUNS, note?: string, screenshot?: string) => {
      const times: number[] = [];
      let last: RenderReport | undefined;
      const source = toMermaid(view, { layout });
      // A fresh page per run: the first render includes mermaid's own start-up, like opening the panel.
      for (let run = 0; run < runs; run++) {
        const page = await openDiagramPage(browser, server, DARK_MODERN);
        last = await renderInPage(page, renderMessageFor(view, layout, { kinds: [], systems: [], owners: [], entities: [] }), 120_000);
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

    const started = performance.now();
    const workspace = generatedWorkspace(1000);
    const whole = buildView(workspace, {});
    const buildMs = Math.round(performance.now() - started);
    log(`1,000-entity workspace: catalog + whole view built in ${buildMs} ms`);
    log(`  whole graph -> ${whole.nodes.length} nodes, ${whole.edges.length} edges; collapsed systems: ${whole.collapsedSystems?.length ?? 0}`);
    log(`  notice: ${whole.notice ?? '(none)'}`);
    await measure('1,000 entities: whole graph (as built)', whole, 'dagre', 3, undefined, 'bench-1000-entities-whole.png');
    const focus = buildView(workspace, { focus: 'component:service-400', depth: 2, direction: 'both' });
    log(`  neighbourhood of service-400 (depth 2) -> ${focus.nodes.length} nodes, ${focus.edges.length} edges; notice: ${focus.notice ?? '(none)'}`);
    await measure('1,000 entities: neighbourhood, depth 2', focus, 'dagre', 3, undefined, 'bench-1000-entities-neighbourhood.png');
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
