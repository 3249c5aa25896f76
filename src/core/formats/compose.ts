// docker compose files: every service that runs Redis (or Valkey) or memcached is a backend named
// after the service — the name other containers reach it by — with its `container_name`,
// `hostname` and network aliases as aliases. Its settings are the server's own arguments
// (`command: redis-server --maxmemory 1gb --maxmemory-policy allkeys-lru`, `memcached -m 64 -M`)
// and its container memory limit (`deploy.resources.limits.memory` or `mem_limit`). Application
// services that configure Spring's cache through environment variables are read like an
// application.yml (springModel.ts). Each backend (and each application) is a layer of its own, so
// messages use the words of what is written there.
import type { DocumentModel } from '../document/model';
import { pointerOf } from '../document/model';
import { formatSize, parseSize } from '../rules/durations';
import type { Diagnostic, Span, TextEdit } from '../types';
import type { AdaptedFile, AdaptedLayer, AdapterInput, FormatAdapter, SettingSite } from './adapter';
import {
  commandWords, exactSpan, insertWordsAfterEdit, mapScalar, programArgs, replaceWordEdit, sliceMapped, stringWords, type CommandWord,
} from './containerCommand';
import { LayerBuilder } from './layerBuilder';
import { addMemcachedBackend, MEMCACHED_RULES, MEMCACHED_TERMS, memcachedEdit, memcachedOptions } from './memcachedArgs';
import { dockerBytes } from './memorySize';
import { REDIS_RULES } from './redisConf';
import { addRedisBackend, directivesOfArguments, EVICTION_POLICIES, redisBytes, type Directive } from './redisDirectives';
import { buildContextModule, springEnvLayer, type EnvVar } from './springEnvLayer';
import { formatSyntax, problemsOnly } from './formatProblems';

export const composeAdapter: FormatAdapter = {
  id: 'compose',
  title: 'docker compose file',
  paths: ['docker-compose*.yml', 'docker-compose*.yaml', 'compose*.yml', 'compose*.yaml'],
  // `compose.cache.yaml` is a cache layer file, not a compose file.
  sniff: (head) => !/^kind:\s*["']?CacheLayer\b/m.test(head),
  yaml: true,
  read: readCompose,
};

/** A key at the start of a line (a top-level key of a block mapping): its name. */
const TOP_LEVEL_KEY = /^([A-Za-z_][\w.-]*)[ \t]*:(?:[ \t]|$)/;

/**
 * Whether the first bytes of a YAML file of any name (`stack.yml`, `infra/local.yaml`) are shaped
 * like a compose file — conservative, as any YAML may have a `services:` key: a top-level
 * `services:` block mapping and, besides it, a top-level `version:`, `name:`, `volumes:` or
 * `networks:` key, or a service with its own `image:` or `build:`. Never a file with a top-level
 * `apiVersion:` or `kind:` (a Kubernetes object, a Backstage descriptor, a cache layer file) and
 * never a template (`{{`). Cheap string tests only; nothing is parsed.
 */
export function looksLikeCompose(head: string): boolean {
  if (!/^services[ \t]*:/m.test(head) || head.includes('{{')) return false;
  const lines = head.split(/\r?\n/);
  const topLevel = new Set<string>();
  let servicesAt = -1;
  lines.forEach((line, index) => {
    const key = TOP_LEVEL_KEY.exec(line)?.[1];
    if (!key) return;
    topLevel.add(key);
    if (key === 'services' && servicesAt === -1) servicesAt = index;
  });
  if (servicesAt === -1 || topLevel.has('apiVersion') || topLevel.has('kind')) return false;
  // `services:` with nothing after it on its line, then an indented mapping (not a list: CI files' `services: [- redis]`).
  if (!/^services[ \t]*:[ \t]*(?:#.*)?$/.test(lines[servicesAt])) return false;
  const block: { indent: number; text: string }[] = [];
  for (const line of lines.slice(servicesAt + 1)) {
    const text = line.trimStart();
    if (!text || text.startsWith('#')) continue;
    const indent = line.length - text.length;
    if (indent === 0) break;
    block.push({ indent, text });
  }
  if (!block.length || block[0].text.startsWith('-')) return false;
  if (['version', 'name', 'volumes', 'networks'].some((key) => topLevel.has(key))) return true;
  // A service (a key at the block's indentation) whose own keys include `image:` or `build:`.
  const serviceIndent = block[0].indent;
  let propertyIndent = -1;
  for (const { indent, text } of block) {
    if (indent === serviceIndent) {
      if (/^[^\s:#][^:#]*:[ \t]*\{.*\b(?:image|build)[ \t]*:/.test(text)) return true;
      propertyIndent = -1;
    } else if (indent > serviceIndent) {
      if (propertyIndent === -1) propertyIndent = indent;
      if (indent === propertyIndent && /^(?:image|build)[ \t]*:/.test(text)) return true;
    }
  }
  return false;
}

// ── Images and programs ─────────────────────────────────────────────────────────────────────────

/** `redis:7`, `bitnami/redis:7.2`, `valkey/valkey:8`, `docker.io/library/redis@sha256:…` → the image's repository path. */
export function imageRepository(image: string): string {
  const withoutDigest = image.split('@')[0];
  const lastSlash = withoutDigest.lastIndexOf('/');
  const colon = withoutDigest.indexOf(':', lastSlash + 1);
  return (colon === -1 ? withoutDigest : withoutDigest.slice(0, colon)).toLowerCase();
}

function imageName(image: string): string {
  const repository = imageRepository(image);
  return repository.slice(repository.lastIndexOf('/') + 1);
}

export function isRedisImage(image: string | undefined): boolean {
  return image !== undefined && /^(redis|valkey|redis-stack|redis-stack-server)$/.test(imageName(image));
}

/** Bitnami's Redis/Valkey images: their start script adds `REDIS_EXTRA_FLAGS` (`VALKEY_EXTRA_FLAGS`) to the server's arguments. */
export function extraFlagsVariable(image: string | undefined): string | undefined {
  if (!image) return undefined;
  const repository = imageRepository(image);
  if (/(^|\/)bitnami\/redis$/.test(repository)) return 'REDIS_EXTRA_FLAGS';
  if (/(^|\/)bitnami\/valkey$/.test(repository)) return 'VALKEY_EXTRA_FLAGS';
  return undefined;
}

export function isMemcachedImage(image: string | undefined): boolean {
  return image !== undefined && imageName(image) === 'memcached';
}

/** Images whose entrypoint runs `redis-server`/`valkey-server` with the command's words as its arguments. */
function serverOfOfficialImage(image: string | undefined): string | undefined {
  if (!image) return undefined;
  const repository = imageRepository(image).replace(/^(docker\.io\/)?(library\/)?/, '');
  if (repository === 'redis') return 'redis-server';
  if (repository === 'valkey/valkey' || repository === 'valkey') return 'valkey-server';
  return undefined;
}

/** The server, or Bitnami's start script (`/opt/bitnami/scripts/redis/run.sh --maxmemory 1gb` passes its arguments on). */
const REDIS_PROGRAM = /^(redis-server|valkey-server|redis-stack-server|(.*\/)?(redis|valkey)\/run\.sh)$/;
const MEMCACHED_PROGRAM = /^memcached$/;

// ── One container's cache server ────────────────────────────────────────────────────────────────

/** A redis.conf inside the same file (a Kubernetes ConfigMap) that the container loads. */
export interface EmbeddedConf {
  directives: readonly Directive[];
  /** Adds a `name value` line to it. */
  insertLine(name: string, value: string): TextEdit | undefined;
}

export interface ContainerCache {
  input: AdapterInput;
  name: string;
  aliases: string[];
  /** Where the service/workload is declared (its key or name). */
  declared: Span;
  image?: string;
  /** What the container runs: entrypoint/command words, each with its span. */
  argv: CommandWord[];
  /** Arguments the image's start script adds (Bitnami's `REDIS_EXTRA_FLAGS`), after the command's. */
  extraArgs?: CommandWord[];
  /** Adds the server's arguments where the container has no command (e.g. a `command:` member). */
  addArguments?(words: readonly string[]): TextEdit | undefined;
  /** The container memory limit, and how the file names it in messages. */
  limit?: { bytes: number; span: Span; term: string };
  conf?: EmbeddedConf;
  /** Where hovers are collected. */
  settings: SettingSite[];
}

/** A Redis or memcached container as a layer with its own rules, words and edits; undefined for other containers. */
export function containerCacheLayer(c: ContainerCache): AdaptedLayer | undefined {
  const redis = programArgs(c.argv, REDIS_PROGRAM);
  const memcached = programArgs(c.argv, MEMCACHED_PROGRAM);
  if (redis || (!memcached && isRedisImage(c.image))) return redisLayer(c, redis);
  if (memcached || isMemcachedImage(c.image)) return memcachedLayer(c, memcached);
  return undefined;
}

function redisLayer(c: ContainerCache, found: { program: CommandWord; args: CommandWord[] } | undefined): AdaptedLayer {
  const { input } = c;
  // The official images' entrypoint runs the server when the first word is an option or a
  // config file (`command: ["--maxmemory", "1gb"]`).
  const viaEntrypoint = !found && serverOfOfficialImage(c.image) && (c.argv.length === 0 || c.argv[0].text.startsWith('-') || c.argv[0].text.endsWith('.conf'));
  const args = [...(found ? found.args : viaEntrypoint ? c.argv : []), ...(c.extraArgs ?? [])];
  const argDirectives = directivesOfArguments(args);
  // A config file we cannot see (`redis-server /etc/redis/redis.conf`) may set anything. Arguments
  // after it still win over it, so what they write is checked; what they leave unset is unknown
  // (not Redis's default), so the rule about it does not run on this backend.
  const configFile = args[0] && !args[0].text.startsWith('-') ? args[0] : undefined;
  const directives = [...(c.conf?.directives ?? []), ...argDirectives];
  const builder = new LayerBuilder();
  addRedisBackend({
    builder, name: c.name, aliases: c.aliases, declared: c.declared, directives, settings: c.settings,
    ...(c.limit ? { containerLimit: { bytes: c.limit.bytes, span: c.limit.span } } : {}),
  });
  const doc = builder.build(0, { start: 0, end: input.text.length });
  // New arguments go after the last one, or right after the program when the last one has no
  // exact place (`--save ""`): either way they stay whole words of the same command.
  const lastArg = args[args.length - 1];
  const last = lastArg?.site ? lastArg : found?.program.site ? found.program : undefined;
  const winning = (name: string): Directive | undefined => directives.filter((d) => d.name.text === name).pop();
  // Messages name a setting as it is (or would be) written: `--maxmemory` among the arguments,
  // `maxmemory` in an embedded redis.conf.
  const term = (name: string): string => {
    const directive = winning(name);
    if (directive) return argDirectives.includes(directive) ? `--${name}` : name;
    return c.conf ? name : `--${name}`;
  };
  const editFor = (pointer: string, value: unknown): TextEdit[] | undefined => {
    if (pointer !== '/spec/backends/0/eviction' && pointer !== '/spec/backends/0/maxMemory') return undefined;
    const name = pointer.endsWith('eviction') ? 'maxmemory-policy' : 'maxmemory';
    const written = typeof value !== 'string' ? undefined : name === 'maxmemory' ? redisSizeWord(value) : (EVICTION_POLICIES as readonly string[]).includes(value) ? value : undefined;
    if (!written) return undefined;
    const directive = winning(name);
    if (directive) {
      const word = directive.args[0] as CommandWord | undefined;
      const edit = word && directive.args.length === 1 ? replaceWordEdit(input.lines, word, written) : undefined;
      return edit ? [edit] : undefined;
    }
    // A mounted redis.conf keeps the settings together; else the command gets the argument; a
    // container running the official image's default command gets one.
    let edit = c.conf?.insertLine(name, written);
    if (!edit && last) edit = insertWordsAfterEdit(input.text, input.lines, last, [`--${name}`, written]);
    else if (!edit && c.argv.length === 0 && serverOfOfficialImage(c.image)) edit = c.addArguments?.([`--${name}`, written]);
    return edit ? [edit] : undefined;
  };
  const terms: Record<string, string> = { eviction: term('maxmemory-policy'), maxMemory: term('maxmemory'), containerMemoryLimit: c.limit?.term ?? 'container memory limit' };
  const proposed = proposedMaxMemory(c.limit?.bytes);
  const proposedWord = proposed && redisSizeWord(proposed);
  // CW008's fix title names the size as it will be written (`--maxmemory 768mb`, not 768Mi).
  if (proposed && proposedWord) terms[`maxMemory: ${proposed}`] = `${term('maxmemory')} ${proposedWord}`;
  return {
    doc,
    // CW007 (eviction) and CW008 (maxmemory against the container limit) are what a Redis server's
    // settings can say; caches, TTLs and owners are the applications' business.
    rules: configFile && !c.conf
      ? new Set([...(winning('maxmemory-policy') ? ['CW007'] : []), ...(winning('maxmemory') ? ['CW008'] : [])])
      : REDIS_RULES,
    terms,
    termSeparator: ' ',
    editFor,
  };
}

function memcachedLayer(c: ContainerCache, found: { program: CommandWord; args: CommandWord[] } | undefined): AdaptedLayer {
  const { input } = c;
  const args = found ? found.args : c.argv.length && c.argv[0].text.startsWith('-') ? c.argv : [];
  const options = memcachedOptions(args, c.settings);
  const builder = new LayerBuilder();
  addMemcachedBackend({
    builder, name: c.name, aliases: c.aliases, declared: c.declared, options,
    ...(c.limit ? { containerLimit: { bytes: c.limit.bytes, span: c.limit.span } } : {}),
  });
  const doc = builder.build(0, { start: 0, end: input.text.length });
  return {
    doc,
    // memcached's options say how much memory it has and whether it evicts: CW007 and CW008.
    rules: MEMCACHED_RULES,
    terms: { ...MEMCACHED_TERMS, ...(c.limit ? { containerMemoryLimit: c.limit.term } : {}), ...memcachedProposal(c.limit?.bytes) },
    termSeparator: ' ',
    editFor: (pointer, value) => {
      const match = /^\/spec\/backends\/0\/(eviction|maxMemory)$/.exec(pointer);
      return match ? memcachedEdit(input.text, input.lines, options, match[1], value) : undefined;
    },
  };
}

/** The size CW008's fix proposes for a container limit: 75%, whole MiB (as the rule computes it). */
function proposedMaxMemory(limit: number | undefined): string | undefined {
  const mib = limit === undefined ? 0 : Math.floor((limit * 0.75) / 1024 ** 2);
  return mib >= 1 ? formatSize(mib * 1024 ** 2) : undefined;
}

function memcachedProposal(limit: number | undefined): Record<string, string> {
  const proposed = proposedMaxMemory(limit);
  return proposed ? { [`maxMemory: ${proposed}`]: `-m ${parseSize(proposed)! / 1024 ** 2}` } : {};
}

/** A model size (`768Mi`) as Redis writes it (`768mb`), when Redis reads it back as exactly that size. */
export function redisSizeWord(value: string): string | undefined {
  const bytes = parseSize(value);
  if (bytes === undefined || bytes <= 0) return undefined;
  // Model sizes are rounded to two decimals (`1.39Gi`): the largest whole gb/mb/kb not above the
  // value that reads back as the same size, else whole bytes (Redis takes no fractions).
  const candidates = [['gb', 1024 ** 3], ['mb', 1024 ** 2], ['kb', 1024]].map(([unit, size]) => `${Math.floor(bytes / (size as number))}${unit}`);
  for (const word of [...candidates, String(Math.floor(bytes))]) {
    const back = redisBytes(word);
    if (back && formatSize(back) === value) return word;
  }
  return undefined;
}

/** A string scalar's exact inner span (quotes excluded) when its text is its value, else its whole span. */
export function valueSpanOf(text: string, span: Span, value: string): { span: Span; exact: boolean } {
  if (value === '') {
    const first = text[span.start];
    return first === '"' || first === "'" ? { span: { start: span.start + 1, end: span.start + 1 }, exact: true } : { span, exact: span.start === span.end };
  }
  const exact = exactSpan(mapScalar(text, span, value), 0, value.length);
  return exact ? { span: exact, exact: true } : { span, exact: false };
}

// ── The compose file ───────────────────────────────────────────────────────────────────────────

type Obj = Record<string, unknown>;

export function asObject(value: unknown): Obj | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Obj) : undefined;
}

/** A scalar's text: a string as it is, a number or boolean as YAML wrote it. */
export function scalarString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : undefined;
}

/**
 * One `format-syntax` error at the file's first YAML error: the file is not read at all until it
 * parses (the YAML checks list every error in detail next to it).
 */
export function syntaxDiagnostics(input: AdapterInput, title: string, docsUrl: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const doc of input.parsed?.documents ?? []) {
    for (const error of doc.syntaxErrors) {
      if (error.severity !== 'error' || out.length) continue;
      out.push(formatSyntax(`This ${title} is not valid YAML (${error.message.replace(/\.$/, '')}), so its cache settings are not checked until it parses.`, error.range, docsUrl));
    }
  }
  return out;
}

const COMPOSE_DOCS = 'docs/formats/compose.md';

export const COMPOSE_KEY_DOCS: Readonly<Record<string, string>> = {
  mem_limit: '**mem_limit** — the container\'s memory limit (`512m`, `1g`: docker sizes are binary, `1g` = 1024³ bytes).\n\nUnset: no limit but the host\'s memory. A cache server that grows past the limit is OOM-killed and restarts empty, so every read reaches the database. Keep Redis `--maxmemory` (memcached `-m`) at or below ~75% of it.',
  memory: '**deploy.resources.limits.memory** — the container\'s memory limit (`512M`, `1G`: binary units, `1G` = 1024³ bytes).\n\nUnset: no limit but the host\'s memory. A cache server that grows past the limit is OOM-killed and restarts empty, so every read reaches the database. Keep Redis `--maxmemory` (memcached `-m`) at or below ~75% of it.',
};

function readCompose(input: AdapterInput): AdaptedFile | undefined {
  const diagnostics = syntaxDiagnostics(input, 'docker compose file', COMPOSE_DOCS);
  const doc = input.parsed?.documents[0];
  if (diagnostics.length) return { format: 'compose', layers: [], diagnostics, settings: [] };
  const root = asObject(doc?.value);
  if (!doc || !root || root.services === undefined || root.services === null) return undefined;
  const services = asObject(root.services);
  if (!services) {
    const at = doc.locations.get('/services');
    return problemsOnly('compose', [formatSyntax(
      'In this docker compose file `services` is not a mapping of service names to services, so no service is read.',
      input.lines.rangeOf(at?.key ?? at?.value ?? { start: 0, end: 0 }),
      COMPOSE_DOCS,
    )]);
  }
  const layers: AdaptedLayer[] = [];
  const settings: SettingSite[] = [];
  for (const [name, value] of Object.entries(services)) {
    const service = asObject(value);
    const pointer = pointerOf(['services', name]);
    const at = doc.locations.get(pointer);
    if (!service || !at) continue;
    const declared = at.key ?? at.value;
    const image = scalarString(service.image);
    const entrypoint = commandWords(input.text, doc, `${pointer}/entrypoint`);
    const argv = [...entrypoint, ...commandWords(input.text, doc, `${pointer}/command`, entrypoint)];
    const limit = composeLimit(doc, pointer, service, settings);
    const extraArgs = composeExtraFlags(input, doc, pointer, service, extraFlagsVariable(image));
    const layer = containerCacheLayer({
      input, name, aliases: composeAliases(name, service), declared, image, argv, limit, settings, ...(extraArgs.length ? { extraArgs } : {}),
      addArguments: (words) => addMemberAfterImage(input, doc, pointer, 'command', [serverOfOfficialImage(image) ?? 'redis-server', ...words]),
    });
    if (layer) layers.push(layer);
    // The Spring module the service is built from (`build: ./catalog`): its application.* under this environment.
    const build = typeof service.build === 'string' ? service.build : scalarString(asObject(service.build)?.context);
    const spring = springEnvLayer(input, name, declared, composeEnvironment(input, doc, pointer, service), settings, (variable, value) =>
      appendEntry(input, doc, `${pointer}/environment`, [Array.isArray(service.environment) ? `${variable}=${value}` : `${variable}: ${value}`]), buildContextModule(input.relativePath, build));
    if (spring) layers.push(spring);
  }
  layers.forEach((layer, index) => {
    if (layer.doc.index !== index) layer.doc = { ...layer.doc, index };
  });
  return { format: 'compose', layers, diagnostics, settings };
}

/** The words of `REDIS_EXTRA_FLAGS: --maxmemory 1gb` (map) or `- REDIS_EXTRA_FLAGS=--maxmemory 1gb` (list). */
function composeExtraFlags(input: AdapterInput, doc: DocumentModel, pointer: string, service: Obj, variable: string | undefined): CommandWord[] {
  if (!variable) return [];
  const env = service.environment;
  if (!Array.isArray(env)) return asObject(env)?.[variable] !== undefined ? commandWords(input.text, doc, `${pointer}/environment${pointerOf([variable])}`) : [];
  const index = env.findIndex((item) => typeof item === 'string' && item.startsWith(`${variable}=`));
  const at = doc.locations.get(`${pointer}/environment/${index}`);
  if (index === -1 || !at) return [];
  const item = env[index] as string;
  const mapped = mapScalar(input.text, at.value, item);
  return stringWords(sliceMapped(mapped, variable.length + 1, item.length), at.value);
}

function composeAliases(name: string, service: Obj): string[] {
  const aliases: string[] = [];
  for (const key of ['container_name', 'hostname']) {
    const alias = scalarString(service[key]);
    if (alias) aliases.push(alias);
  }
  const networks = asObject(service.networks);
  for (const network of Object.values(networks ?? {})) {
    const list = asObject(network)?.aliases;
    if (Array.isArray(list)) for (const alias of list) if (typeof alias === 'string') aliases.push(alias);
  }
  return [...new Set(aliases)].filter((alias) => alias !== name);
}

function composeLimit(doc: DocumentModel, pointer: string, service: Obj, settings: SettingSite[]): ContainerCache['limit'] {
  const candidates: { pointer: string; term: string; doc: string }[] = [
    { pointer: `${pointer}/deploy/resources/limits/memory`, term: 'deploy.resources.limits.memory', doc: COMPOSE_KEY_DOCS.memory },
    { pointer: `${pointer}/mem_limit`, term: 'mem_limit', doc: COMPOSE_KEY_DOCS.mem_limit },
  ];
  let found: ContainerCache['limit'];
  for (const candidate of candidates) {
    const at = doc.locations.get(candidate.pointer);
    if (!at) continue;
    if (at.key) settings.push({ span: at.key, markdown: candidate.doc });
    const value = candidate.pointer.endsWith('mem_limit') ? service.mem_limit : asObject(asObject(asObject(service.deploy)?.resources)?.limits)?.memory;
    const bytes = dockerBytes(value);
    if (!found && bytes) found = { bytes, span: at.value, term: candidate.term };
  }
  return found;
}

/** `environment:` as a map (`KEY: value`) or a list (`- KEY=value`). */
function composeEnvironment(input: AdapterInput, doc: DocumentModel, pointer: string, service: Obj): EnvVar[] {
  const env = service.environment;
  const out: EnvVar[] = [];
  if (Array.isArray(env)) {
    env.forEach((item, index) => {
      const at = doc.locations.get(`${pointer}/environment/${index}`);
      if (typeof item !== 'string' || !at) return;
      const equals = item.indexOf('=');
      if (equals <= 0) return;
      const mapped = mapScalar(input.text, at.value, item);
      const nameSpan = exactSpan(mapped, 0, equals) ?? at.value;
      const valueSpan = item.length > equals + 1 ? exactSpan(mapped, equals + 1, item.length) : undefined;
      out.push({ name: item.slice(0, equals), value: item.slice(equals + 1), nameSpan, valueSpan: valueSpan ?? at.value, exactValue: valueSpan !== undefined });
    });
    return out;
  }
  for (const [name, value] of Object.entries(asObject(env) ?? {})) {
    const at = doc.locations.get(`${pointer}${pointerOf(['environment', name])}`);
    const text = scalarString(value);
    if (!at || text === undefined) continue;
    const valueSpan = valueSpanOf(input.text, at.value, text);
    out.push({ name, value: text, nameSpan: at.key ?? at.value, valueSpan: valueSpan.span, exactValue: valueSpan.exact });
  }
  return out;
}

/**
 * Adds an entry after the last one of a block collection at `pointer` (a list: `- <first line>`
 * and further lines indented under it; a mapping: `<line>`), at the last entry's column. Undefined
 * for flow collections (`{…}`, `[…]`) and empty ones.
 */
export function appendEntry(input: AdapterInput, doc: DocumentModel, pointer: string, entryLines: readonly string[]): TextEdit | undefined {
  const value = valueAtPointer(doc.value, pointer);
  const text = input.text;
  const keys = Array.isArray(value) ? value.map((_, i) => String(i)) : asObject(value) ? Object.keys(value as Obj) : [];
  if (!keys.length) return undefined;
  const last = doc.locations.get(`${pointer}${pointerOf([keys[keys.length - 1]])}`);
  if (!last) return undefined;
  const start = last.key?.start ?? last.value.start;
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const prefix = text.slice(lineStart, start);
  const list = Array.isArray(value);
  const shape = list ? /^( *)- +$/.exec(prefix) : /^( *)$/.exec(prefix);
  if (!shape) return undefined;
  let end = last.value.end;
  while (end > start && /\s/.test(text[end - 1])) end--;
  const lineEnd = text.indexOf('\n', end);
  // Only when the entry's line ends there (nothing but a comment after it).
  if (!/^[ \t]*(#.*)?\r?$/.test(text.slice(end, lineEnd === -1 ? text.length : lineEnd))) return undefined;
  const at = lineEnd === -1 ? text.length : text[lineEnd - 1] === '\r' ? lineEnd - 1 : lineEnd;
  const newline = text.includes('\r\n') ? '\r\n' : '\n';
  const indent = shape[1];
  const body = entryLines.map((line, i) => (list ? (i === 0 ? `${indent}- ${line}` : `${indent}  ${line}`) : `${indent}${line}`)).join(newline);
  const position = input.lines.positionAt(at);
  return { range: { start: position, end: position }, newText: `${newline}${body}` };
}

function valueAtPointer(root: unknown, pointer: string): unknown {
  let current = root;
  for (const segment of pointer.split('/').slice(1)) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Obj)[segment.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return current;
}

/**
 * Adds `key: ["w1", "w2", …]` to a block mapping, on the line after its `image:` (at the same
 * column): how a fix gives a container that runs the image's default command its arguments.
 */
export function addMemberAfterImage(input: AdapterInput, doc: DocumentModel, pointer: string, key: string, words: readonly string[]): TextEdit | undefined {
  const at = doc.locations.get(`${pointer}/image`);
  if (!at?.key || doc.locations.has(`${pointer}/${key}`)) return undefined;
  const text = input.text;
  const lineStart = text.lastIndexOf('\n', at.key.start - 1) + 1;
  const lineEnd = text.indexOf('\n', at.value.end);
  // Only a one-line `image: …` followed by nothing but a comment.
  if (lineEnd === -1 || text.lastIndexOf('\n', at.value.end - 1) >= at.key.start || !/^\s*(#.*)?\r?$/.test(text.slice(at.value.end, lineEnd))) return undefined;
  const column = at.key.start - lineStart;
  const position = input.lines.positionAt(text[lineEnd - 1] === '\r' ? lineEnd - 1 : lineEnd);
  const newline = text[lineEnd - 1] === '\r' ? '\r\n' : '\n';
  return { range: { start: position, end: position }, newText: `${newline}${' '.repeat(column)}${key}: [${words.map((w) => `"${w}"`).join(', ')}]` };
}
