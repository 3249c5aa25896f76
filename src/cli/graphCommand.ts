// `cache-warden graph [paths...]`: the entity graph from docs, catalog-info.yaml files and cache
// configs, printed as JSON, mermaid (the same text the diagram panel renders) or DOT.
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { CATALOG_FILE_PATTERNS, catalogFileRole, catalogRoleOf, type Catalog } from '../core/catalog/catalog';
import { HEAD_BYTES, isContentCandidate, readHeadSync, recogniseContent, WORKSPACE_RECOGNISERS } from '../core/workspace/contentRecognisers';
import { WorkspaceModel } from '../core/workspace/workspaceModel';
import { buildView } from '../core/graph/buildView';
import { catalogToJson } from '../core/graph/catalogJson';
import { toDot } from '../core/graph/dot';
import type { CatalogGraph, Entity, GraphView, Relation, ViewRequest } from '../core/graph/graphModel';
import { toMermaid } from '../core/graph/mermaid';
import { drillDownTargets } from '../core/graph/systemOverview';
import { undrawnNotice } from '../core/graph/undrawnKinds';
import { discoverFiles } from './discoverFiles';
import { adapterGlobs, adaptersForPath } from '../core/formats/registry';
import { findProjectFile } from './projectSetup';
import { escapeControls } from './terminalSafe';

const toPosix = (p: string): string => p.split(path.sep).join('/');

export interface GraphIo {
  cwd: string;
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

export const GRAPH_USAGE = `Usage: cache-warden graph [paths...] [options]

Prints the entity graph built from Markdown docs with front matter, Backstage descriptors (any
YAML file with apiVersion: backstage.io/..., and what Location entities point at) and cache layer
configs (*.cache.yaml|yml|json) found under the paths. Without paths: the files the project file
(.cachewarden.yaml, here or above) selects with its include, docs, catalog.files and exclude globs,
as the editor does; without a project file, the current folder. Backstage kinds the diagram does
not draw (Template, custom kinds) are counted on stderr and listed as "undrawn" in --format json.
A catalog with more entities than --max-nodes is printed as its overview, one node per system (or
per domain); --system and --domain print the view a click on one opens in the diagram.

Options:
  --format json|mermaid|dot   output format (default: mermaid)
  --focus <ref>               only the neighbourhood of this entity ([kind:]name); follows
                              dependencies only, never owners or system membership
  --depth <1-3>               neighbourhood depth (default: 1)
  --direction up|down|both    follow dependencies downstream, upstream or both (default: both)
  --reaches <ref>             every path into this entity (a datastore), caches and bypasses marked
  --ownership                 the ownership view: groups (owners) and the entities they own
  --owner <group>             with --ownership: only this owner ([group:]name)
  --layout dagre|elk          mermaid layout (default: dagre)
  --max-nodes <n>             largest view to draw before collapsing systems (default: 150)
  --system <ref>              one system's view: its entities and their dependencies, each system
                              outside it as one node (name, system:name, system:namespace/name,
                              or '(no system)'); with --format json, its entities and the view
  --domain <ref>              one domain's view: its systems, each other domain as one node
                              (name, domain:name)
  --strict                    exit 1 on unresolved refs, duplicate ids, dependency cycles, invalid
                              Backstage names or entities, or catalog files left out of the graph
  -h, --help                  show this help

Exit codes: 0 ok, 1 catalog problems with --strict, 2 usage error (an unknown --focus, --reaches,
--system or --domain ref included).
`;

const GRAPH_PROBLEM_CODES = new Set([
  'catalog-unresolved-ref', 'catalog-duplicate-entity', 'catalog-dependency-cycle',
  'catalog-invalid-name', 'catalog-invalid-entity', 'catalog-ref-without-kind',
  'catalog-location-target-missing', 'catalog-location-not-followed',
]);

export async function runGraphCommand(args: string[], io: GraphIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        format: { type: 'string', default: 'mermaid' },
        focus: { type: 'string' },
        depth: { type: 'string' },
        direction: { type: 'string' },
        reaches: { type: 'string' },
        ownership: { type: 'boolean', default: false },
        owner: { type: 'string' },
        layout: { type: 'string', default: 'dagre' },
        'max-nodes': { type: 'string' },
        system: { type: 'string' },
        domain: { type: 'string' },
        strict: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    return usageError(io, (error as Error).message);
  }
  const o = parsed.values;
  if (o.help) {
    io.stdout(GRAPH_USAGE);
    return 0;
  }
  if (!['json', 'mermaid', 'dot'].includes(o.format!)) return usageError(io, `--format must be json, mermaid or dot, not "${o.format}"`);
  if (!['dagre', 'elk'].includes(o.layout!)) return usageError(io, `--layout must be dagre or elk, not "${o.layout}"`);
  if (o.direction !== undefined && !['up', 'down', 'both'].includes(o.direction)) return usageError(io, `--direction must be up, down or both, not "${o.direction}"`);
  const depth = o.depth === undefined ? undefined : Number(o.depth);
  if (depth !== undefined && (!Number.isInteger(depth) || depth < 1 || depth > 3)) return usageError(io, `--depth must be 1, 2 or 3, not "${o.depth}"`);
  const maxNodes = o['max-nodes'] === undefined ? undefined : Number(o['max-nodes']);
  if (maxNodes !== undefined && (!Number.isInteger(maxNodes) || maxNodes < 1)) return usageError(io, `--max-nodes must be a positive whole number, not "${o['max-nodes']}"`);
  if (o.focus !== undefined && o.reaches !== undefined) return usageError(io, 'use either --focus or --reaches, not both');
  if (o.ownership && (o.focus !== undefined || o.reaches !== undefined)) return usageError(io, '--ownership shows owners, not a neighbourhood: use it without --focus and --reaches');
  if (o.owner !== undefined && !o.ownership) return usageError(io, '--owner needs --ownership');
  if (o.system !== undefined && o.domain !== undefined) return usageError(io, 'use either --system or --domain, not both');
  const drillFlag = o.system !== undefined ? 'system' : o.domain !== undefined ? 'domain' : undefined;
  if (drillFlag && (o.focus !== undefined || o.reaches !== undefined || o.ownership)) return usageError(io, `--${drillFlag} shows one ${drillFlag} of the overview: use it without --focus, --reaches and --ownership`);

  // The same workspace model as the editor's language server: each file read and parsed once.
  // Without paths, a project file (here or above) decides which files count, as in the editor.
  const model = new WorkspaceModel({ displayPath: (file) => relative(io.cwd, file), looseRoot: io.cwd });
  const projectFile = parsed.positionals.length === 0 ? findProjectFile(io.cwd) : undefined;
  let unreadable = new Map<string, unknown>();
  if (projectFile) {
    model.addFolder(path.dirname(projectFile));
    await model.scan();
  } else {
    // Catalog files, and the configs teams already run (compose, Helm, Spring, …) whose Redis and caches are drawn too.
    // Backstage descriptors of any name are found by their first bytes (contentRecognisers.ts).
    const discovery = discoverFiles({ cwd: io.cwd, inputs: parsed.positionals, select: [...CATALOG_FILE_PATTERNS, ...adapterGlobs(), '**/*.yaml', '**/*.yml', '**/*.json'], exclude: [], root: io.cwd });
    if (discovery.errors.length) return usageError(io, discovery.errors.join('\n'));
    unreadable = await model.loadFiles(discovery.files.filter((file) => catalogFileRole(file) || adaptersForPath(toPosix(path.relative(io.cwd, file))).length || claimedByContent(file, io.cwd)));
    for (const [file, error] of await followLocationTargets(model, io.cwd)) unreadable.set(file, error);
  }
  const catalog = model.catalog;

  const request: ViewRequest = { depth, direction: o.direction as ViewRequest['direction'], maxNodes };
  if (o.ownership) {
    request.ownership = true;
    if (o.owner !== undefined) request.owner = o.owner;
  }
  for (const [flag, text] of [['focus', o.focus], ['reaches', o.reaches]] as const) {
    if (text === undefined) continue;
    const entity = catalog.resolve(text, 'component');
    if (!entity) return usageError(io, `--${flag} ${text}: no entity with that ref in the catalog`);
    request[flag] = entity.ref;
  }
  let drillRefs: string[] | undefined;
  if (drillFlag) {
    const found = drillTarget(catalog, drillFlag, drillFlag === 'system' ? o.system! : o.domain!);
    if ('error' in found) return usageError(io, found.error);
    request[drillFlag] = found.key;
    drillRefs = found.refs;
  }

  const found = graphProblems(model, new Map([...model.unreadable, ...unreadable]), io.cwd);
  for (const p of found) io.stderr(`${escapeControls(p.file)}:${p.line}:${p.column}: ${p.severity} ${p.code}: ${escapeControls(p.message)}\n`);
  // Information (a remote Location target not followed, a hint) is shown, never a failure.
  const problems = found.filter((p) => p.severity === 'error' || p.severity === 'warning').length;
  const pathOf = (file: string) => relative(io.cwd, file);
  const undrawn = undrawnNotice(catalog);
  if (o.format === 'json' && drillRefs) {
    // A system's or domain's view: the entities inside it, complete, and the view drawn of it.
    const view = buildView(catalog, request);
    const graph = subgraph(catalog, new Set(drillRefs));
    const undrawnEntities = catalog.undrawnEntities().map((u) => ({ ...u, file: pathOf(u.file), line: u.line + 1 }));
    if (undrawn) io.stderr(`cache-warden graph: ${undrawn}\n`);
    io.stdout(JSON.stringify({ ...catalogToJson(graph, pathOf), view: viewToJson(view), undrawn: undrawnEntities, problems: found }, null, 2) + '\n');
  } else if (o.format === 'json') {
    const graph = request.focus || request.reaches || request.ownership ? subgraph(catalog, viewRefs(buildView(catalog, { ...request, maxNodes: Number.MAX_SAFE_INTEGER }, undefined, { systemBoxes: false }))) : catalog;
    const undrawnEntities = catalog.undrawnEntities().map((u) => ({ ...u, file: pathOf(u.file), line: u.line + 1 }));
    if (undrawn) io.stderr(`cache-warden graph: ${undrawn}\n`);
    io.stdout(JSON.stringify({ ...catalogToJson(graph, pathOf), undrawn: undrawnEntities, problems: found }, null, 2) + '\n');
  } else {
    const view = buildView(catalog, request);
    if (drillRefs && view.breadcrumb) io.stderr(`cache-warden graph: ${view.breadcrumb.map((b) => escapeControls(b.label)).join(' › ')}\n`);
    if (view.notice) io.stderr(`cache-warden graph: ${escapeControls(view.notice)}\n`);
    const hint = drillDownHint(view);
    if (hint) io.stderr(`cache-warden graph: ${hint}\n`);
    // Views of one entity do not carry it in their notice: the catalog's undrawn kinds are said anyway.
    if (undrawn && !view.notice?.includes(undrawn)) io.stderr(`cache-warden graph: ${undrawn}\n`);
    io.stdout(o.format === 'dot' ? toDot(view) : toMermaid(view, { layout: o.layout as 'dagre' | 'elk' }));
  }
  return o.strict && problems > 0 ? 1 : 0;
}

export interface GraphProblem {
  file: string;
  line: number;
  column: number;
  severity: string;
  code: string;
  message: string;
}

/**
 * What --strict fails on, printed on stderr and listed in the JSON output's `problems`: unresolved
 * refs, duplicates and cycles; and every catalog file that is missing from the graph or only
 * partly in it — unreadable (refused by the bounded reader), not parsed (too large, binary), with
 * a syntax error, or a doc whose front matter does not parse or is invalid.
 */
export function graphProblems(model: WorkspaceModel, unreadable: ReadonlyMap<string, unknown>, cwd: string): GraphProblem[] {
  const out: GraphProblem[] = [];
  const at = (file: string, line: number, column: number, severity: string, code: string, message: string) =>
    out.push({ file: relative(cwd, file), line: line + 1, column: column + 1, severity, code, message });
  for (const [file, error] of unreadable) {
    const code = (error as { code?: unknown })?.code;
    at(file, 0, 0, 'error', typeof code === 'string' && code.startsWith('file-') ? code : 'file-unreadable', `not read, so not in the graph: ${(error as Error)?.message ?? 'unknown error'}`);
  }
  for (const entry of model.allFiles()) {
    const role = catalogRoleOf(entry.path, entry.text);
    if (!role || role === 'doc') continue;
    if (!entry.parsed) {
      at(entry.path, 0, 0, 'error', 'catalog-file-not-parsed', 'This file is too large or binary, so it is not parsed and its entities are not in the graph.');
      continue;
    }
    const syntax = entry.parsed.documents.flatMap((doc) => doc.syntaxErrors).find((d) => d.severity === 'error');
    if (syntax) at(entry.path, syntax.range.start.line, syntax.range.start.character, 'error', syntax.code, `${syntax.message} (the document is not in the graph)`);
  }
  for (const [file, diagnostics] of model.catalog.allDiagnostics()) {
    for (const d of diagnostics) {
      if (!GRAPH_PROBLEM_CODES.has(d.code) && !(catalogFileRole(file) === 'doc' && d.severity === 'error')) continue;
      at(file, d.range.start.line, d.range.start.character, d.severity, d.code, d.message);
    }
  }
  return out;
}

/**
 * Paths mode: a file no name selects that its first bytes claim — a Backstage descriptor, or a
 * Kubernetes manifest, CloudFormation template or compose file outside the folders their paths
 * name (the same recognisers as the editor's scan and `check`).
 */
function claimedByContent(file: string, cwd: string): boolean {
  if (!isContentCandidate(file, WORKSPACE_RECOGNISERS)) return false;
  const head = readHeadSync(file, HEAD_BYTES);
  return head !== undefined && recogniseContent(toPosix(path.relative(cwd, file)), head, WORKSPACE_RECOGNISERS) !== undefined;
}

/**
 * Paths mode: the files Location entities' local targets select (paths and globs, read relative
 * to the Location file), read until no new target appears. (With a project file, the workspace
 * model's scan follows them.)
 */
async function followLocationTargets(model: WorkspaceModel, cwd: string): Promise<Map<string, unknown>> {
  const unreadable = new Map<string, unknown>();
  const expanded = new Set<string>();
  for (let round = 0; round < 10; round++) {
    const fresh = new Set<string>();
    for (const { pattern } of model.catalog.locationPatterns()) {
      if (expanded.has(pattern)) continue;
      expanded.add(pattern);
      for (const file of discoverFiles({ cwd, inputs: [pattern], select: [], exclude: [], root: cwd }).files) if (!model.file(file)) fresh.add(file);
    }
    if (!fresh.size) break;
    for (const [file, error] of await model.loadFiles([...fresh])) unreadable.set(file, error);
  }
  return unreadable;
}

function viewRefs(view: GraphView): Set<string> {
  return new Set(view.nodes.map((n) => n.ref));
}

/** The part of the catalog a view shows (JSON of a neighbourhood has no size limit). */
function subgraph(catalog: Catalog, refs: ReadonlySet<string>): CatalogGraph {
  const entities = new Map<string, Entity>([...catalog.entities].filter(([ref]) => refs.has(ref)));
  const relations: Relation[] = catalog.relations.filter((r) => refs.has(r.from) && refs.has(r.to));
  return {
    entities,
    relations,
    outgoing: (ref) => relations.filter((r) => r.from === ref),
    incoming: (ref) => relations.filter((r) => r.to === ref),
  };
}

/**
 * `--system <ref>` / `--domain <ref>`: the overview node it names — `name`, `system:name`,
 * `system:namespace/name` (as Backstage writes refs), or the node's own ref (`(no system)`) —
 * with the entities inside it; or an error naming the ones there are.
 */
export function drillTarget(catalog: Catalog, flag: 'system' | 'domain', text: string): { key: string; refs: string[] } | { error: string } {
  const { systems, domains } = drillDownTargets(catalog);
  const targets = flag === 'system'
    ? systems.map((t) => ({ key: t.key, refs: t.refs }))
    : domains.map((d) => ({ key: d.key, refs: [...systems.filter((t) => d.systems.includes(t.key)).flatMap((t) => t.refs), ...(catalog.entity(d.key) ? [d.key] : [])].sort() }));
  const byKey = new Map(targets.map((t) => [t.key.toLowerCase(), t]));
  const written = text.trim();
  const name = written.replace(new RegExp(`^${flag}:`, 'i'), '').toLowerCase();
  const candidates = [written.toLowerCase(), `${flag}:${name}`, `${flag}:${name.replace(/^default\//, '')}`];
  const declared = catalog.resolve(written, flag);
  if (declared?.kind === flag) candidates.push(declared.ref);
  for (const candidate of candidates) {
    const found = byKey.get(candidate);
    if (found) return found;
  }
  const what = `--${flag} ${escapeControls(written)}`;
  if (declared?.kind === flag) return { error: `${what}: no entity is in that ${flag}, so it has no view` };
  const names = targets.map((t) => shellWord(escapeControls(drillName(t.key, flag))));
  // Only the entities in no system (or systems in no domain): there is nothing of that kind to name.
  if (!targets.some((t) => t.key.startsWith(`${flag}:`))) {
    const declared = [...catalog.entities.values()].some((e) => e.kind === flag);
    return { error: `${what}: ${declared ? `no ${flag} in the catalog holds ${flag === 'system' ? 'entities' : 'systems'}` : `the catalog has no ${flag}s`}` };
  }
  return { error: `${what}: no ${flag} with that ref in the catalog; ${flag === 'system' ? 'systems' : 'domains'}: ${nameList(names)}` };
}

/** Names in order, the first KNOWN_NAMES_SHOWN of them, then how many more. */
function nameList(names: readonly string[]): string {
  const sorted = [...new Set(names)].sort(compareNames);
  const shown = sorted.slice(0, KNOWN_NAMES_SHOWN);
  return `${shown.join(', ')}${sorted.length > shown.length ? ` and ${sorted.length - shown.length} more` : ''}`;
}

/** How many names an unknown --system / --domain lists, and a drill-down hint names. */
const KNOWN_NAMES_SHOWN = 5;

/** What to type after --system / --domain for an overview node: `payments`, `music/playback`, `(no system)`. */
function drillName(key: string, flag: 'system' | 'domain'): string {
  return key.startsWith(`${flag}:`) ? key.slice(flag.length + 1) : key;
}

/** A name as it is typed in a shell: quoted when it holds anything but plain characters. */
function shellWord(name: string): string {
  return /^[\w./:@-]+$/.test(name) ? name : `'${name.replace(/'/g, `'\\''`)}'`;
}

/**
 * The panel opens a node's system or domain on click; on the command line that is --system or
 * --domain (and a system too large to draw offers --focus on its most connected entities).
 */
export function drillDownHint(view: GraphView): string | undefined {
  const systems: string[] = [];
  const domains: string[] = [];
  for (const node of view.nodes) {
    if (node.drill?.system !== undefined) systems.push(shellWord(escapeControls(drillName(node.drill.system, 'system'))));
    else if (node.drill?.domain !== undefined) domains.push(shellWord(escapeControls(drillName(node.drill.domain, 'domain'))));
  }
  const focus = (view.suggestions ?? []).flatMap((s) => ('request' in s && s.request.focus !== undefined ? [shellWord(escapeControls(s.request.focus))] : []));
  const parts: string[] = [];
  if (systems.length) parts.push(`--system <name> for a system's entities (${nameList(systems)})`);
  if (domains.length) parts.push(`--domain <name> for a domain's systems (${nameList(domains)})`);
  if (focus.length) parts.push(`--focus <ref> for an entity's neighbourhood (${nameList(focus)})`);
  return parts.length ? `To drill down, run graph with ${parts.join(' or ')}.` : undefined;
}

/** A view as --format json prints it for --system / --domain: nodes by ref, edges between refs. */
function viewToJson(view: GraphView): Record<string, unknown> {
  const refOf = new Map(view.nodes.map((n) => [n.id, n.ref]));
  return {
    title: view.title,
    breadcrumb: (view.breadcrumb ?? []).map((b) => b.label),
    ...(view.notice ? { notice: view.notice } : {}),
    nodes: view.nodes.map((n) => ({
      ref: n.ref,
      label: n.label,
      kind: n.kind,
      ...(n.entityCount !== undefined ? { entityCount: n.entityCount } : {}),
      ...(n.drill?.system !== undefined ? { drill: { system: n.drill.system } } : n.drill?.domain !== undefined ? { drill: { domain: n.drill.domain } } : {}),
    })),
    edges: view.edges.map((e) => ({ from: refOf.get(e.from) ?? e.from, to: refOf.get(e.to) ?? e.to, type: e.type, ...(e.label ? { label: e.label } : {}), ...(e.count !== undefined ? { count: e.count } : {}) })),
    ...(view.clusters?.length ? { boxes: view.clusters.map((c) => ({ label: c.label, ...(c.ref ? { ref: c.ref } : {}), refs: c.nodeIds.map((id) => refOf.get(id) ?? id) })) } : {}),
  };
}

/** Names in order, the quoted ones (`'(no system)'`) after the systems and domains the catalog names. */
function compareNames(a: string, b: string): number {
  const quoted = Number(a.startsWith("'")) - Number(b.startsWith("'"));
  return quoted || (a < b ? -1 : a > b ? 1 : 0);
}

function relative(cwd: string, file: string): string {
  const rel = path.relative(cwd, file);
  return (rel.startsWith('..') || path.isAbsolute(rel) ? file : rel).split(path.sep).join('/');
}

function usageError(io: GraphIo, message: string): number {
  io.stderr(`cache-warden graph: ${message}\nRun 'cache-warden graph --help' for usage.\n`);
  return 2;
}
