// Helm values for the Bitnami Redis chart (bitnami/redis): the redis.conf text teams write in
// `commonConfiguration` and `master.configuration` block scalars, the master's container memory
// limit, and the release the values are installed under (helmReleases.ts), which names the
// Kubernetes Services applications connect to (`cache-redis-master`). One backend per Redis found:
// the file itself (a release of bitnami/redis) or each `redis` dependency of a parent chart.
//
// Rules: CW007 (eviction) and CW008 (maxmemory, and ≤ 75% of the container limit) — the two things
// a Redis deployment decides. The cache-level rules (TTL, stampede, negative caching, keys,
// ownership) need caches, which values files do not declare: they run on the applications' files.
import { segmentsOf, type DocumentModel, type NodeLocation } from '../document/model';
import type { Diagnostic, Span, TextEdit } from '../types';
import type { AdaptedFile, AdaptedLayer, AdapterInput, FormatAdapter, SettingSite } from './adapter';
import { mapScalar, type ScalarMap } from './blockScalar';
import { bitnamiFullname, bitnamiRedisServices, helmRedisRoots, type HelmRedisRoot } from './helmReleases';
import { LayerBuilder } from './layerBuilder';
import { kubernetesBytes } from './memorySize';
import { REDIS_RULES } from './redisConf';
import { addRedisBackend, directivesOfArguments, parseRedisConf, REDIS_DIRECTIVE_DOCS, type Directive, type Word } from './redisDirectives';
import { formatSyntax } from './formatProblems';

/** How the rules' field names read in Helm values (the directives are redis.conf lines in the block). */
export const HELM_REDIS_TERMS: Readonly<Record<string, string>> = {
  eviction: 'maxmemory-policy',
  maxMemory: 'maxmemory',
  containerMemoryLimit: 'master.resources.limits.memory',
};

/** Bitnami's `resourcesPreset` memory limits (the common chart's presets: requests + 50%). */
const PRESET_LIMITS: Readonly<Record<string, string>> = {
  nano: '192Mi', micro: '384Mi', small: '768Mi', medium: '1536Mi', large: '3072Mi', xlarge: '6144Mi', '2xlarge': '12288Mi',
};

/** Hovers of the values keys this adapter reads (pointer relative to the Redis root). */
const KEY_DOCS: Readonly<Record<string, string>> = {
  '/architecture': '**architecture** (Bitnami Redis) — `standalone` (one master) or `replication` (a master plus `replica.replicaCount` read replicas).\n\nDefault: `replication`. Replicas follow the master\'s evictions (they do not evict on their own), so the master\'s `maxmemory` and `maxmemory-policy` decide how the cache behaves when full.',
  '/commonConfiguration': '**commonConfiguration** (Bitnami Redis) — redis.conf lines for the master and the replicas.\n\nDefault: `appendonly yes` and `save ""` — no `maxmemory` (no limit) and no `maxmemory-policy` (`noeviction`): a full cache then fails every write. `master.configuration` is appended after it, so a directive written there wins.',
  '/master/configuration': '**master.configuration** (Bitnami Redis) — redis.conf lines for the master, appended after `commonConfiguration` (a directive here overrides one there).\n\nDefault: empty. Set `maxmemory` (≤ 75% of `master.resources.limits.memory`) and `maxmemory-policy allkeys-lru` here, or Redis runs with no limit and `noeviction`.',
  '/replica/configuration': '**replica.configuration** (Bitnami Redis) — redis.conf lines for the replicas, appended after `commonConfiguration`.\n\nDefault: empty. Replicas ignore `maxmemory` by default (`replica-ignore-maxmemory yes`) and delete what the master evicts; Cache Warden checks the master\'s settings.',
  '/master/extraFlags': '**master.extraFlags** (Bitnami Redis) — extra `redis-server` arguments for the master (`--maxmemory-policy allkeys-lru`). They override the configuration files.\n\nDefault: none.',
  '/master/resources/limits/memory': '**master.resources.limits.memory** — the master container\'s memory limit (a Kubernetes quantity: `512Mi` = 512·1024² bytes, `1G` = 10⁹).\n\nDefault: none, unless `master.resourcesPreset` sets one. Redis needs room beyond `maxmemory` for replication buffers, fragmentation and the fork of a snapshot: keep `maxmemory` at or below 75% of this, or the container is OOM-killed before eviction starts and restarts empty.',
  '/master/resourcesPreset': `**master.resourcesPreset** (Bitnami) — named requests and limits used when \`master.resources\` is empty: ${Object.entries(PRESET_LIMITS).map(([k, v]) => `\`${k}\` ${v}`).join(', ')} memory limit.\n\nDefault: \`nano\` in recent chart versions (Bitnami says presets are not for production). The limit is what \`maxmemory\` must stay under (75%).`,
  '/master/disableCommands': '**master.disableCommands** (Bitnami Redis) — commands renamed away on the master so clients cannot run them.\n\nDefault: `FLUSHDB` and `FLUSHALL`. A tool or client that clears a cache with them then gets an error (Spring\'s cache `clear()` deletes by key pattern and is not affected); keeping them disabled stops one service from wiping every cache on a shared Redis at once.',
  '/replica/replicaCount': '**replica.replicaCount** (Bitnami Redis) — how many read replicas run with `architecture: replication`.\n\nDefault: `3`. Reads from replicas may be slightly stale; writes and evictions happen on the master.',
  '/fullnameOverride': '**fullnameOverride** (Bitnami) — the name of every object the chart creates, replacing `<release>-redis`. The Services are then `<fullnameOverride>-master`, `-headless` and `-replicas`.',
  '/nameOverride': '**nameOverride** (Bitnami) — replaces the chart name in `<release>-<name>` (unless the release name contains it).',
};

export const helmValuesAdapter: FormatAdapter = {
  id: 'helm-values',
  title: 'Helm values file (Bitnami Redis)',
  paths: [
    'values*.yaml', 'values*.yml',
    // `**/` also matches no folder: `charts/shop/prod-values.yaml`, `deploy/helm/redis.values.yaml`.
    '**/charts/**/*values*.yaml', '**/helm/**/*values*.yaml', '**/helmfile/**/*values*.yaml', '**/helmfile.d/**/*values*.yaml',
  ],
  yaml: true,
  read: readHelmValues,
};

function isObject(value: unknown): value is Record<string, unknown> {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}

function valueAt(root: unknown, pointer: string): unknown {
  let current = root;
  for (const segment of pointer.split('/').slice(1)) {
    if (!isObject(current)) return undefined;
    current = current[segment.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return current;
}

// Keys of `master:` only the Redis chart has (Spark's chart also has `master.resources`, `master.persistence`).
const REDIS_SIDE_KEYS = ['configuration', 'disableCommands', 'extraFlags', 'count'];

/** Whether values (with no helmfile, Application or Chart.yaml saying so) are Bitnami Redis's. */
export function looksLikeRedisValues(values: Record<string, unknown>): boolean {
  if (typeof values.commonConfiguration === 'string') return true;
  const side = (key: string): boolean => isObject(values[key]) && REDIS_SIDE_KEYS.some((k) => k in (values[key] as object));
  // `architecture` alone is not enough: Bitnami's PostgreSQL and MySQL charts have it too (with `primary:`).
  if (typeof values.master === 'object' && side('master')) return true;
  return (values.architecture === 'standalone' || values.architecture === 'replication') && (isObject(values.master) || isObject(values.replica) || isObject(values.sentinel));
}

function readHelmValues(input: AdapterInput): AdaptedFile | undefined {
  const parsed = input.parsed;
  if (!parsed) return undefined;
  const errors = parsed.documents.flatMap((d) => d.syntaxErrors).filter((d) => d.severity === 'error');
  if (errors.length) {
    // Only a file that looks like Redis values is worth a word; any other values file is not ours.
    if (!/^\s*(commonConfiguration|master|replica|architecture)\s*:/m.test(input.text)) return undefined;
    return {
      format: 'helm-values',
      layers: [],
      settings: [],
      diagnostics: [syntaxDiagnostic(errors[0])],
    };
  }
  const doc = parsed.documents.find((d) => isObject(d.value));
  if (!doc) return undefined;
  const layers: AdaptedLayer[] = [];
  const settings: SettingSite[] = [];
  for (const root of helmRedisRoots(input.relativePath, input.text, input.readSibling, input.listSiblings)) {
    const values = valueAt(doc.value, root.pointer);
    if (!isObject(values) || (!root.knownRedis && !looksLikeRedisValues(values))) continue;
    layers.push(redisLayer(input, doc, root, values, layers.length, settings));
  }
  return layers.length ? { format: 'helm-values', layers, diagnostics: [], settings } : undefined;
}

function syntaxDiagnostic(error: Diagnostic): Diagnostic {
  return formatSyntax(`This Helm values file is not valid YAML (${error.message.replace(/\.$/, '')}), so its Redis settings are not checked.`, error.range, 'docs/formats/helm.md');
}

/** A redis.conf block read with the exact file span of every word, or with the whole scalar's span when the file does not spell it out verbatim. */
interface ConfBlock {
  directives: Directive[];
  map: ScalarMap | undefined;
  /** The key's column: an empty block's lines go two columns further in. */
  keyColumn: number | undefined;
}

function confBlock(input: AdapterInput, doc: DocumentModel, pointer: string): ConfBlock | undefined {
  const value = valueAt(doc.value, pointer);
  const at = doc.locations.get(pointer);
  if (typeof value !== 'string' || !at) return undefined;
  const map = mapScalar(input.text, at.value, value);
  const whole = at.value;
  const directives = parseRedisConf(value).map((d) => ({
    name: { text: d.name.text, span: map ? map.span(d.name.span) : whole },
    args: d.args.map((w) => ({ text: w.text, span: map ? map.span(w.span) : whole })),
  }));
  const keyColumn = at.key ? at.key.start - (input.text.lastIndexOf('\n', at.key.start - 1) + 1) : undefined;
  return { directives, map, keyColumn };
}

/** `master.extraFlags` items as redis-server arguments (each item may hold several words). */
function extraFlags(input: AdapterInput, doc: DocumentModel, pointer: string): Directive[] {
  const flags = valueAt(doc.value, pointer);
  if (!Array.isArray(flags)) return [];
  const words: Word[] = [];
  flags.forEach((flag, i) => {
    const at = doc.locations.get(`${pointer}/${i}`);
    if (typeof flag !== 'string' || !at) return;
    const map = mapScalar(input.text, at.value, flag);
    for (const match of flag.matchAll(/[^\s=]+/g)) {
      const local = { start: match.index, end: match.index + match[0].length };
      words.push({ text: match[0], span: map ? map.span(local) : at.value });
    }
  });
  return directivesOfArguments(words);
}

function redisLayer(input: AdapterInput, doc: DocumentModel, root: HelmRedisRoot, values: Record<string, unknown>, index: number, settings: SettingSite[]): AdaptedLayer {
  const p = root.pointer;
  const builder = new LayerBuilder();
  const fullname = bitnamiFullname(root.release, root.chartName, values);
  // With no release known, the whole file's Redis goes by its folder's name; a parent chart's dependency by its fullname.
  const name = root.guessed && !p ? root.release : fullname;
  const aliases = [...new Set([fullname, ...bitnamiRedisServices(fullname)])].filter((a) => a !== name);

  // Where the Redis is declared: the alias key of a parent chart, or the file's first key.
  const declaredAt = p ? doc.locations.get(p)?.key : firstKeySpan(doc);
  const declared = declaredAt ?? { start: 0, end: 0 };
  // The first key's hover: its own meaning (when it is a key read here), then the release.
  const firstKeyDoc = Object.entries(KEY_DOCS).find(([key]) => doc.locations.get(`${p}${key}`)?.key?.start === declared.start)?.[1];
  settings.push({ span: declared, markdown: `${firstKeyDoc ? `${firstKeyDoc}\n\n---\n\n` : ''}${releaseHover(root, name, aliases)}` });

  const common = confBlock(input, doc, `${p}/commonConfiguration`);
  const master = confBlock(input, doc, `${p}/master/configuration`);
  const replica = confBlock(input, doc, `${p}/replica/configuration`);
  const flags = extraFlags(input, doc, `${p}/master/extraFlags`);
  const directives = [...(common?.directives ?? []), ...(master?.directives ?? []), ...flags];
  for (const [key, markdown] of Object.entries(KEY_DOCS)) {
    const at = doc.locations.get(`${p}${key}`);
    if (at?.key && at.key.start !== declared.start) settings.push({ span: at.key, markdown });
  }
  for (const d of replica?.directives ?? []) {
    const markdown = REPLICA_NOTE[d.name.text] ?? REDIS_DIRECTIVE_DOCS[d.name.text];
    if (markdown) settings.push({ span: d.name.span, markdown });
  }

  const limit = containerLimit(doc, p);
  // Replica lines are explained on hover; the master's settings (common, then master, then flags) are the ones checked.
  const backend = addRedisBackend({ builder, name, aliases, declared, directives, settings, ...(limit ? { containerLimit: limit } : {}) });
  const built = builder.build(index, doc.span);
  // A setting the file does not write is reported where it would be written (missingSite), not at the first key.
  const missing = missingSite(doc, p, declared);
  const unwritten = new Set<string>();
  for (const field of ['eviction', 'maxMemory']) {
    const pointer = `/spec/backends/${backend}/${field}`;
    if (built.locations.has(pointer)) continue;
    built.locations.set(pointer, { value: missing.span });
    unwritten.add(field);
  }

  // The exact spans of the written values, for replacing them in place.
  const exact = new Map<string, Span>();
  for (const d of directives) {
    const field = d.name.text === 'maxmemory-policy' ? 'eviction' : d.name.text === 'maxmemory' ? 'maxMemory' : undefined;
    const word = d.args[0];
    if (!field || !word) continue;
    const spelled = input.text.slice(word.span.start, word.span.end);
    if (spelled === word.text) exact.set(field, word.span);
    else exact.delete(field);
  }
  return {
    doc: built,
    rules: REDIS_RULES,
    terms: HELM_REDIS_TERMS,
    termSeparator: ' ',
    reword: (code, message) => whereToAdd(code, message, unwritten, missing.where),
    editFor: (pointer, value) => helmEdit(input, doc, built, p, master, common, exact, pointer, value),
  };
}

/** Where a setting the file does not write is reported, and where the message says to add it. */
interface MissingSite {
  span: Span;
  /** "to `master.configuration`", "to a `configuration: |` block under `master:`", … */
  where: string;
}

/**
 * The most specific place that exists for a missing `maxmemory`/`maxmemory-policy`, in the order the
 * fix writes it: the `master.configuration` block, else `commonConfiguration`, else the `master:`
 * key (the block goes under it), else `replica:` or `architecture:` (the Redis's own keys), else
 * where the Redis is declared (a dependency's alias key, or the file's first key).
 */
function missingSite(doc: DocumentModel, p: string, declared: Span): MissingSite {
  const dotted = p ? `${segmentsOf(p).join('.')}.` : '';
  const key = (pointer: string): Span | undefined => doc.locations.get(`${p}${pointer}`)?.key;
  const masterBlock = key('/master/configuration');
  if (masterBlock) return { span: masterBlock, where: `to \`${dotted}master.configuration\`` };
  const commonBlock = key('/commonConfiguration');
  if (commonBlock) return { span: commonBlock, where: `to \`${dotted}commonConfiguration\`` };
  const masterKey = key('/master');
  if (masterKey) return { span: masterKey, where: `to a \`configuration: |\` block under \`${dotted}master:\`` };
  const newMaster = `to \`${dotted}master.configuration\` (a \`master:\` key with a \`configuration: |\` block)`;
  return { span: key('/replica') ?? key('/architecture') ?? declared, where: newMaster };
}

/** The rules' "set it" in the values file's words: which line to add, and where. */
function whereToAdd(code: string, message: string, unwritten: ReadonlySet<string>, where: string): string {
  if (code === 'CW007' && unwritten.has('eviction') && message.includes('sets no `maxmemory-policy`')) {
    return `${message} Add a \`maxmemory-policy allkeys-lru\` line ${where}.`;
  }
  if (code === 'CW008' && unwritten.has('maxMemory')) {
    return message.replace('Set `maxmemory` (≤ 75% of the container limit).', `Add a \`maxmemory\` line (≤ 75% of the container limit) ${where}.`);
  }
  return message;
}

const REPLICA_NOTE: Readonly<Record<string, string>> = {
  maxmemory: '**maxmemory** on a replica — replicas ignore it unless `replica-ignore-maxmemory no` is set; they delete what the master evicts. Cache Warden checks the master\'s `maxmemory`.',
  'maxmemory-policy': '**maxmemory-policy** on a replica — used only when the replica evicts on its own (`replica-ignore-maxmemory no`). The master\'s policy decides what a full cache does.',
};

function firstKeySpan(doc: DocumentModel): Span | undefined {
  let first: Span | undefined;
  for (const [pointer, at] of doc.locations) {
    if (!at.key || pointer.indexOf('/', 1) !== -1) continue;
    if (!first || at.key.start < first.start) first = at.key;
  }
  return first;
}

function releaseHover(root: HelmRedisRoot, name: string, aliases: readonly string[]): string {
  const where = root.pointer ? `the \`${root.chartName}\` dependency (Bitnami Redis) of this chart` : 'a Bitnami Redis (bitnami/redis)';
  const release = root.guessed
    ? `The release is not known: ${root.releaseFrom}. Name it with a comment line \`# cache-warden: release=<name>\` in this file.`
    : `Release \`${root.release}\`, ${root.releaseFrom}.`;
  return `**Helm values** — these values configure ${where}; Cache Warden calls it \`${name}\`.\n\n${release}\n\nApplications reach it as ${aliases.map((a) => `\`${a}\``).join(', ')} (Bitnami's fullname \`<release>-${root.chartName}\`, or the release name alone when it contains \`${root.chartName}\`; \`fullnameOverride\`/\`nameOverride\` change it). A cache whose host is one of these names links to this Redis.`;
}

function containerLimit(doc: DocumentModel, p: string): { bytes: number; span: Span } | undefined {
  const limitPointer = `${p}/master/resources/limits/memory`;
  const limit = kubernetesBytes(valueAt(doc.value, limitPointer));
  const limitAt = doc.locations.get(limitPointer);
  if (limit !== undefined && limit > 0 && limitAt) return { bytes: limit, span: limitAt.value };
  const resources = valueAt(doc.value, `${p}/master/resources`);
  const preset = valueAt(doc.value, `${p}/master/resourcesPreset`);
  const presetAt = doc.locations.get(`${p}/master/resourcesPreset`);
  const presetLimit = typeof preset === 'string' ? kubernetesBytes(PRESET_LIMITS[preset]) : undefined;
  // A preset applies only while `master.resources` is empty.
  if (presetLimit && presetAt && (!isObject(resources) || Object.keys(resources).length === 0)) return { bytes: presetLimit, span: presetAt.value };
  return undefined;
}

/** A size as redis.conf writes it, in the largest unit that keeps it whole: 384Mi → 384mb, 1.5Gi → 1536mb. */
export function redisSize(value: string): string | undefined {
  const match = /^(\d+(?:\.\d+)?)(B|Ki|Mi|Gi|Ti)$/.exec(value);
  if (!match) return undefined;
  const bytes = Number(match[1]) * { B: 1, Ki: 1024, Mi: 1024 ** 2, Gi: 1024 ** 3, Ti: 1024 ** 4 }[match[2] as 'B'];
  for (const [unit, size] of [['gb', 1024 ** 3], ['mb', 1024 ** 2], ['kb', 1024]] as const) {
    if (bytes >= size && Number.isInteger(bytes / size)) return `${bytes / size}${unit}`;
  }
  return Number.isInteger(bytes) ? String(bytes) : undefined;
}

/**
 * The edit for a fix on the backend: the written `maxmemory-policy`/`maxmemory` value is replaced
 * where it is written; a missing one becomes a new line at the end of `master.configuration` (or
 * `commonConfiguration`) at the block's indentation; with neither, `configuration: |` is added
 * under `master:` (or `master:` itself) when the file's shape allows an exact edit.
 */
function helmEdit(
  input: AdapterInput, doc: DocumentModel, built: DocumentModel, p: string, master: ConfBlock | undefined, common: ConfBlock | undefined,
  exact: ReadonlyMap<string, Span>, pointer: string, value: unknown,
): TextEdit[] | undefined {
  const field = /^\/spec\/backends\/0\/(eviction|maxMemory)$/.exec(pointer)?.[1];
  if (!field || typeof value !== 'string') return undefined;
  const directive = field === 'eviction' ? 'maxmemory-policy' : 'maxmemory';
  const word = field === 'maxMemory' ? redisSize(value) : value;
  if (!word) return undefined;
  const written = built.locations.get(pointer) as NodeLocation | undefined;
  if (written?.key) {
    const span = exact.get(field);
    return span ? [{ range: input.lines.rangeOf(span), newText: word }] : undefined;
  }
  const line = `${directive} ${word}`;
  const eol = input.text.includes('\r\n') ? '\r\n' : '\n';
  // An existing block: a new last line at its indentation.
  for (const block of [master, common]) {
    if (!block) continue;
    const info = block.map?.block;
    const indent = info?.indent || (block.keyColumn !== undefined ? block.keyColumn + 2 : 0);
    if (!info || !indent) return undefined;
    const newText = info.needsBreak ? `${info.eol}${' '.repeat(indent)}${line}` : `${' '.repeat(indent)}${line}${info.eol}`;
    const at = input.lines.positionAt(info.appendAt);
    return [{ range: { start: at, end: at }, newText }];
  }
  // No block yet: `configuration: |` as the first member of `master:`, or `master:` as the first member of the root.
  const masterValue = valueAt(doc.value, `${p}/master`);
  if (masterValue !== undefined) {
    if (!isObject(masterValue)) return undefined;
    return firstMemberEdit(input, doc, `${p}/master`, (indent) => [`configuration: |`, `  ${line}`].map((l) => indent + l).join(eol) + eol);
  }
  return firstMemberEdit(input, doc, p, (indent) => ['master:', '  configuration: |', `    ${line}`].map((l) => indent + l).join(eol) + eol);
}

/** Inserts lines before the first member of a block mapping, at that member's indentation. */
function firstMemberEdit(input: AdapterInput, doc: DocumentModel, mapping: string, lines: (indent: string) => string): TextEdit[] | undefined {
  let first: Span | undefined;
  const childSegments = mapping === '' ? 2 : mapping.split('/').length + 1;
  for (const [pointer, at] of doc.locations) {
    if (!at.key || !pointer.startsWith(`${mapping}/`) || pointer.split('/').length !== childSegments) continue;
    if (!first || at.key.start < first.start) first = at.key;
  }
  if (!first) return undefined;
  const lineStart = input.text.lastIndexOf('\n', first.start - 1) + 1;
  const indent = input.text.slice(lineStart, first.start);
  if (!/^ *$/.test(indent)) return undefined;
  const at = input.lines.positionAt(lineStart);
  return [{ range: { start: at, end: at }, newText: lines(indent) }];
}
