// Through the protocol, on the 6,000-line cache config: Cache Warden's language server
// (`node bin/cache-warden.js lsp --stdio`) against yaml-language-server (its stdio server, validation
// delay 0; bench/ylsServer.ts), each its own process, driven by the same client (bench/lspClient.ts)
// with the same schema for the same file. Measured: an edit → the publishDiagnostics for it, hover
// on a key deep in the file, completion on an empty line inside a cache entry. Round-robin (one
// sample of each server per round), medians; ratios are ours / peer's in the same run.
// Run: `npm run bench -- protocol`.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { generateCacheConfig } from './cacheConfig';
import { loadNote, ms, ratio, summarize, table, type Benchmark, type BenchContext, type Timing } from './harness';
import { clientCapabilities, LspClient, LspError, spawnCacheWarden, type ReceivedNotification } from './lspClient';

const EDIT_ROUNDS = 20;
const HOVER_ROUNDS = 50;
const COMPLETION_ROUNDS = 20;
const WARMUP = 5;
/** Even, as EDIT_ROUNDS: the edit rounds end on the original text. */
const EDIT_WARMUP = 4;
/** How long without a publishDiagnostics counts as "settled". */
const QUIET_MS = 300;
const UNKNOWN_METHOD = 'bench/noSuchMethod';

/** The settings each server is given (the same ones go into docs/BENCHMARKS.md). */
export const CACHE_WARDEN_SETTINGS = { validate: { debounceMs: 0 } };
export function yamlSettings(schemaUri: string): Record<string, unknown> {
  return {
    schemas: { [schemaUri]: '*.cache.yaml' },
    validate: true,
    hover: true,
    completion: true,
    // Offline and alike: no SchemaStore catalog or Kubernetes CRD store download.
    schemaStore: { enable: false },
    kubernetesCRDStore: { enable: false },
  };
}

interface Position {
  line: number;
  character: number;
}

function positionAt(text: string, offset: number): Position {
  let line = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, character: offset - lineStart };
}

/** One server under test: its client, the open document's state and the samples taken. */
class Subject {
  version = 1;
  /** Diagnostics in the latest publish for the document. */
  lastDiagnostics: unknown[] = [];
  readonly diagnosticCounts = new Map<string, number>();
  readonly samples = { edit: [] as number[], hover: [] as number[], completion: [] as number[], floor: [] as number[] };
  hoverChars = 0;
  completionItems = 0;
  completionLabels: string[] = [];

  constructor(readonly label: string, readonly client: LspClient, readonly uri: string) {
    client.onNotification((n) => {
      if (n.method === 'textDocument/publishDiagnostics' && n.params.uri === uri) this.lastDiagnostics = n.params.diagnostics;
    });
  }

  /** The publishDiagnostics for `version` (servers that do not send versions: the next one for the file). */
  diagnosticsFor(version: number, timeoutMs = 60000): Promise<ReceivedNotification> {
    return this.client.waitForNotification('textDocument/publishDiagnostics', (p: { uri: string; version?: number }) => p.uri === this.uri && (p.version === undefined || p.version === version), timeoutMs);
  }

  /** Resolves once no publishDiagnostics has arrived for QUIET_MS. */
  async settle(): Promise<void> {
    let last = performance.now();
    const stop = this.client.onNotification((n) => {
      if (n.method === 'textDocument/publishDiagnostics') last = performance.now();
    });
    while (performance.now() - last < QUIET_MS) await new Promise((resolve) => setTimeout(resolve, 25));
    stop();
  }
}

async function start(label: string, client: LspClient, root: string, uri: string): Promise<Subject> {
  const subject = new Subject(label, client, uri);
  await client.request('initialize', {
    processId: process.pid,
    clientInfo: { name: 'cache-warden-bench' },
    rootUri: pathToFileURL(root).href,
    workspaceFolders: [{ uri: pathToFileURL(root).href, name: 'protocol' }],
    capabilities: clientCapabilities(),
  });
  client.notify('initialized', {});
  return subject;
}

/** An edit that is one keystroke: delete the last character of a value, or type it back. */
function keystroke(text: string, valueEnd: number, deleted: boolean): { range: { start: Position; end: Position }; text: string } {
  const at = positionAt(text, valueEnd - 1);
  return deleted
    ? { range: { start: at, end: { line: at.line, character: at.character + 1 } }, text: '' }
    : { range: { start: at, end: at }, text: text[valueEnd - 1] };
}

export interface ProtocolResult {
  lines: number;
  kb: number;
  rows: string[][];
  subjects: Subject[];
  peerVersion: string;
  notes: string[];
  met: { edit: boolean; hover: boolean; completion: boolean };
  ratios: { edit: number; hover: number; completion: number };
}

export async function measureProtocol(context: BenchContext): Promise<ProtocolResult> {
  const load = loadNote();
  const root = join(context.root, 'bench', 'generated', 'protocol');
  mkdirSync(root, { recursive: true });
  const file = join(root, 'storefront.cache.yaml');
  const text = generateCacheConfig(6000);
  writeFileSync(file, text);
  const uri = pathToFileURL(file).href;
  const schemaUri = pathToFileURL(join(context.root, 'schemas', 'cache-layer.schema.json')).href;
  const lines = text.split('\n').length;

  // Where the work happens, all in the last quarter of the file.
  const caches = text.match(/^ {4}- name: entity-\d+-by-id$/gm)?.length ?? 0;
  const editCache = text.indexOf(`- name: entity-${Math.floor(caches * 0.75)}-by-id`);
  const stampedeMode = /stampede:\n\s+mode: (\w+)/.exec(text.slice(editCache))!;
  const editValueEnd = editCache + stampedeMode.index + stampedeMode[0].length; // end of e.g. `lease`
  const hoverCache = text.indexOf(`- name: entity-${Math.floor(caches * 0.9)}-by-id`);
  const hoverOffset = text.indexOf('maxKeysPerEvent:', hoverCache) + 1; // invalidation.triggers[0].maxKeysPerEvent
  const completionCache = text.indexOf(`- name: entity-${Math.floor(caches * 0.85)}-by-id`);
  const completionLineStart = text.indexOf('\n', text.indexOf('enabled: true', completionCache)) + 1;

  const ours = spawnCacheWarden(context.root);
  ours.onRequest('workspace/configuration', (params: { items: { section?: string }[] }) => params.items.map((item) => (item.section === 'cacheWarden' ? CACHE_WARDEN_SETTINGS : null)));
  const peer = LspClient.spawn(process.execPath, [join(context.outDir, 'ylsServer.js'), '--stdio'], { cwd: context.root, name: 'yaml-language-server' });
  const ylsSettings = yamlSettings(schemaUri);
  peer.onRequest('workspace/configuration', (params: { items: { section?: string }[] }) => params.items.map((item) => (item.section === 'yaml' ? ylsSettings : null)));

  try {
    const cw = await start('Cache Warden', ours, root, uri);
    const yls = await start('yaml-language-server', peer, root, uri);
    await ours.request('cacheWarden/ready');
    peer.notify('workspace/didChangeConfiguration', { settings: { yaml: ylsSettings } });
    // Let yaml-language-server pull and apply its settings before the document opens.
    while ((peer.serverRequestCounts.get('workspace/configuration') ?? 0) < 2) await new Promise((resolve) => setTimeout(resolve, 10));
    await new Promise((resolve) => setTimeout(resolve, 100));

    const subjects = [cw, yls];
    // yaml-language-server validates on open (its first validation compiles the schema and may
    // take longer than the quiet period); Cache Warden published the file's problems at start-up
    // and publishes again only when they change, so it is waited for through cacheWarden/ready.
    const peerOpened = yls.diagnosticsFor(yls.version);
    for (const s of subjects) s.client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: s.version, text } });
    await ours.request('cacheWarden/ready');
    await peerOpened;
    // Both answer hover from the schema now (the schema is loaded and associated), then go quiet.
    for (const s of subjects) {
      const hover = await s.client.request<{ contents: unknown } | null>('textDocument/hover', { textDocument: { uri }, position: positionAt(text, hoverOffset) });
      if (!hover) throw new Error(`${s.label}: no hover after opening the file (schema not associated?)`);
    }
    await Promise.all(subjects.map((s) => s.settle()));

    // (a) edit → publishDiagnostics. Rounds alternate: delete the last letter of a stampede mode
    // (an enum error), then type it back: every edit is a new version and changes the diagnostics.
    let current = text;
    const deletedText = text.slice(0, editValueEnd - 1) + text.slice(editValueEnd);
    for (let round = 0; round < EDIT_WARMUP + EDIT_ROUNDS; round++) {
      const deleting = round % 2 === 0;
      for (const s of subjects) {
        s.version++;
        const change = keystroke(text, editValueEnd, deleting);
        const published = s.diagnosticsFor(s.version);
        const sent = performance.now();
        s.client.notify('textDocument/didChange', { textDocument: { uri, version: s.version }, contentChanges: [change] });
        const n = await published;
        if (round >= EDIT_WARMUP) s.samples.edit.push(n.at - sent);
        // yaml-language-server sends no version: a publish that belongs to another edit would show
        // as a count that differs from the one this text had before.
        const state = deleting ? 'edited' : 'original';
        const seen = s.diagnosticCounts.get(state);
        if (seen !== undefined && seen !== n.params.diagnostics.length) throw new Error(`${s.label}: publishDiagnostics out of step with the edits (${state}: ${seen}, then ${n.params.diagnostics.length} diagnostics)`);
        s.diagnosticCounts.set(state, n.params.diagnostics.length);
      }
      current = deleting ? deletedText : text;
    }
    if (current !== text) throw new Error('the edit rounds must end on the original text');
    for (const s of subjects) {
      if (s.diagnosticCounts.get('edited') === s.diagnosticCounts.get('original')) throw new Error(`${s.label}: the edit did not change the diagnostics`);
      await s.settle();
    }

    // (b) hover on a key deep in the file (the current version, parsed already).
    const hoverPosition = positionAt(text, hoverOffset);
    for (let round = 0; round < WARMUP + HOVER_ROUNDS; round++) {
      for (const s of subjects) {
        const { ms: took, result } = await s.client.timedRequest<{ contents: { value?: string } | string } | null>('textDocument/hover', { textDocument: { uri }, position: hoverPosition });
        if (round >= WARMUP) s.samples.hover.push(took);
        const value = typeof result?.contents === 'string' ? result.contents : result?.contents?.value ?? '';
        if (!value) throw new Error(`${s.label}: no hover at ${JSON.stringify(hoverPosition)}`);
        s.hoverChars = value.length;
        // The transport floor: a request the server does not know, answered with MethodNotFound
        // (framing, pipe, JSON, dispatch; no work).
        const floorStarted = performance.now();
        const unknown = await s.client.request(UNKNOWN_METHOD).then(() => undefined, (error: Error) => error);
        if (round >= WARMUP) s.samples.floor.push(performance.now() - floorStarted);
        if (!(unknown instanceof LspError) || unknown.error.code !== -32601) throw new Error(`${s.label}: ${UNKNOWN_METHOD} was not answered with MethodNotFound`);
      }
    }

    // (c) completion on a new, empty line inside a cache entry (after `enabled: true`, indented
    // for a key of the entry): the line is typed first, then completion is asked on that version.
    const completionPosition = positionAt(text, completionLineStart);
    for (const s of subjects) {
      s.version++;
      const published = s.diagnosticsFor(s.version);
      s.client.notify('textDocument/didChange', {
        textDocument: { uri, version: s.version },
        contentChanges: [{ range: { start: completionPosition, end: completionPosition }, text: '      \n' }],
      });
      await published;
      await s.settle();
    }
    const at = { line: completionPosition.line, character: 6 };
    for (let round = 0; round < WARMUP + COMPLETION_ROUNDS; round++) {
      for (const s of subjects) {
        const { ms: took, result } = await s.client.timedRequest<{ items: { label: string }[] } | { label: string }[] | null>('textDocument/completion', {
          textDocument: { uri },
          position: at,
          context: { triggerKind: 1 },
        });
        if (round >= WARMUP) s.samples.completion.push(took);
        const items = Array.isArray(result) ? result : result?.items ?? [];
        if (!items.length) throw new Error(`${s.label}: no completion items at ${JSON.stringify(at)}`);
        s.completionItems = items.length;
        s.completionLabels = items.map((i) => i.label);
      }
    }

    const t = (s: Subject, k: keyof Subject['samples']): Timing => summarize(s.samples[k]);
    const edit = { ours: t(cw, 'edit'), peer: t(yls, 'edit') };
    const hover = { ours: t(cw, 'hover'), peer: t(yls, 'hover') };
    const completion = { ours: t(cw, 'completion'), peer: t(yls, 'completion') };
    const floor = { ours: t(cw, 'floor'), peer: t(yls, 'floor') };
    const r = {
      edit: edit.ours.median / edit.peer.median,
      hover: hover.ours.median / hover.peer.median,
      completion: completion.ours.median / completion.peer.median,
    };
    const met = { edit: r.edit <= 1 / 5, hover: r.hover <= 1 / 10, completion: r.completion <= 1 / 5 };
    const verdict = (ok: boolean) => (ok ? 'met' : '**not met**');
    const rows = [
      ['edit → publishDiagnostics (one keystroke, alternately an enum error and its fix)', ms(edit.ours.median), ms(edit.peer.median), ratio(edit.ours.median, edit.peer.median), '≤ 0.2×', verdict(met.edit)],
      ['hover (`maxKeysPerEvent`, invalidation trigger of a cache at 90% of the file)', ms(hover.ours.median), ms(hover.peer.median), ratio(hover.ours.median, hover.peer.median), '≤ 0.1×', verdict(met.hover)],
      ['completion (empty line inside a cache entry at 85% of the file)', ms(completion.ours.median), ms(completion.peer.median), ratio(completion.ours.median, completion.peer.median), '≤ 0.2×', verdict(met.completion)],
      ['reference: round trip of an unknown request (MethodNotFound: the transport floor, no work)', ms(floor.ours.median), ms(floor.peer.median), ratio(floor.ours.median, floor.peer.median), '—', ''],
    ];
    const notes = [
      `Diagnostics per publish: Cache Warden ${cw.diagnosticCounts.get('original')} on the original text / ${cw.diagnosticCounts.get('edited')} after the edit (schema + rules); yaml-language-server ${yls.diagnosticCounts.get('original')} / ${yls.diagnosticCounts.get('edited')} (schema).`,
      `Hover markdown ${cw.hoverChars} / ${yls.hoverChars} characters; completion ${cw.completionItems} / ${yls.completionItems} items (${cw.completionLabels.slice(0, 6).join(', ')}${cw.completionItems > 6 ? ', …' : ''} / ${yls.completionLabels.slice(0, 6).join(', ')}${yls.completionItems > 6 ? ', …' : ''}).`,
      load,
      `Server requests answered by the client: Cache Warden ${describeCounts(ours.serverRequestCounts)}; yaml-language-server ${describeCounts(peer.serverRequestCounts)}.`,
    ];
    return { lines, kb: text.length / 1024, rows, subjects, peerVersion: peerVersion(), notes, met, ratios: r };
  } finally {
    await Promise.all([ours.stop(), peer.stop()]);
  }
}

function describeCounts(counts: Map<string, number>): string {
  return [...counts].map(([method, n]) => `${method} × ${n}`).join(', ') || 'none';
}

export function peerVersion(): string {
  try {
    return (JSON.parse(readFileSync(require.resolve('yaml-language-server/package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return '(version unknown)';
  }
}

export const protocolBenchmark: Benchmark = {
  id: 'protocol',
  async run(context) {
    const r = await measureProtocol(context);
    const markdown = [
      `File: generated CacheLayer config (${r.lines} lines, ${r.kb.toFixed(0)} KB, bench/cacheConfig.ts), open in both servers, same schema (\`schemas/cache-layer.schema.json\`). Ours: \`node bin/cache-warden.js lsp --stdio\`${availableParallelism() <= 2 ? ' (on this 2-core machine the server runs in the child process it starts, bin/cache-warden.js)' : ''}, \`cacheWarden.validate.debounceMs: 0\` (answered to its \`workspace/configuration\` request for \`cacheWarden\`). Peer: yaml-language-server ${r.peerVersion}, its stdio server started through bench/ylsServer.ts, which sets its built-in 200 ms validation delay (a constant, not a setting) to 0; settings \`yaml.schemas: { <schema file URI>: '*.cache.yaml' }\`, \`validate\`, \`hover\`, \`completion\` on, SchemaStore and CRD store off (sent by \`workspace/didChangeConfiguration\` and answered to its \`workspace/configuration\` requests). Same client (bench/lspClient.ts) for both, separate processes.`,
      '',
      table(['operation (through LSP, stdio)', 'Cache Warden ms', 'yaml-language-server ms', 'ratio (ours / peer)', 'target', 'verdict'], r.rows),
      '',
      `Medians after warmup rounds (${EDIT_WARMUP} edits, ${WARMUP} hovers and completions): edits over ${EDIT_ROUNDS}, hovers over ${HOVER_ROUNDS}, completions over ${COMPLETION_ROUNDS} rounds, each round one sample of each server (round-robin). Edit time: from writing \`textDocument/didChange\` (an incremental one-character change, new version) to parsing the \`textDocument/publishDiagnostics\` for that version (yaml-language-server sends no version: its next publish for the file). Hover and completion: request written → response parsed, on a version both servers have processed already.`,
      '',
      ...r.notes.map((note) => `- ${note}`),
    ].join('\n');
    return { id: 'protocol', title: 'Through the protocol vs yaml-language-server (6,000-line cache config)', markdown };
  },
};

if (require.main === module) {
  const root = join(__dirname, '..', '..');
  void protocolBenchmark.run({ root, outDir: __dirname }).then((section) => process.stdout.write(`${section.markdown}\n`));
}
