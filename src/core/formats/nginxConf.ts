// nginx `proxy_cache_*`: every `proxy_cache_path` zone is a backend, every `server`/`location`
// block that turns `proxy_cache` on is a cache on it. nginx takes a cache's settings from the
// innermost block that writes them (http → server → location), so each cache sees the lock and
// stale settings in effect there. Only CW003 applies: nginx's TTLs come from `proxy_cache_valid`
// or the upstream's headers (never "forever"), its zones evict by LRU on their own, and a cache
// has no owner or key template to check here.
import type { Diagnostic, Span, TextEdit } from '../types';
import type { LineIndex } from '../document/lineIndex';
import type { AdaptedFile, AdapterInput, FormatAdapter, SettingSite } from './adapter';
import { LayerBuilder } from './layerBuilder';
import { parseNginx, type NginxDirective } from './nginxParser';
import { completeDirectives, type DirectiveVocabulary } from './directiveCompletion';
import { formatSyntax } from './formatProblems';

export const NGINX_RULES: ReadonlySet<string> = new Set(['CW003']);

/** What the hover of each recognised directive says. */
export const NGINX_DIRECTIVE_DOCS: Readonly<Record<string, string>> = {
  proxy_cache_path: '**proxy_cache_path** `path keys_zone=name:size [max_size=size] [inactive=time] [levels=…]` — declares a cache zone: keys in shared memory (`keys_zone`, about 8,000 keys per MB), responses on disk.\n\n`max_size` unset: the cache grows until the disk is full. `inactive` (default 10m): entries not read for that long are removed, whatever their validity.',
  proxy_cache: '**proxy_cache** `zone | off` — caches responses of this block in the named zone.\n\nDefault: `off`. Turning it off on a busy path sends every request to the upstream.',
  proxy_cache_valid: '**proxy_cache_valid** `[code …] time` — how long responses with these status codes stay fresh.\n\nUnset: only responses whose upstream headers (`Cache-Control`, `Expires`) allow caching are cached, for as long as they say.',
  proxy_cache_key: '**proxy_cache_key** `string` — what identifies a cached response.\n\nDefault: `$scheme$proxy_host$request_uri`. A key that leaves out what the response varies by (a header, a cookie, the host) serves one user\'s page to another; one that includes needless parts lowers the hit rate.',
  proxy_cache_lock: '**proxy_cache_lock** `on | off` — when on, only one request at a time populates a new cache entry; the others wait for it (up to `proxy_cache_lock_timeout`).\n\nDefault: `off`: when a popular entry is missing or expired, every concurrent request goes to the upstream at once (a stampede).',
  proxy_cache_lock_timeout: '**proxy_cache_lock_timeout** `time` — how long requests wait for the lock holder before going to the upstream themselves (their responses are then not cached).\n\nDefault: `5s`. Shorter than the upstream\'s slow responses, the lock lets the stampede through anyway.',
  proxy_cache_lock_age: '**proxy_cache_lock_age** `time` — after this long, one more request may try to populate the entry.\n\nDefault: `5s`.',
  proxy_cache_use_stale: '**proxy_cache_use_stale** `error | timeout | updating | http_500 | … | off` — when a stale cached response may be served instead.\n\nDefault: `off`. `updating` serves the stale entry while one request refreshes it, which protects the upstream from a stampede on expiry; `error`/`timeout`/`http_5xx` keep serving when the upstream is down.',
  proxy_cache_background_update: '**proxy_cache_background_update** `on | off` — refresh an expired entry with a background subrequest while the stale one is served (needs `proxy_cache_use_stale updating`).\n\nDefault: `off`.',
  proxy_cache_min_uses: '**proxy_cache_min_uses** `number` — a response is cached only after this many requests for it.\n\nDefault: `1`. Higher values keep one-off URLs out of the cache but send the first requests of every entry to the upstream.',
  proxy_cache_revalidate: '**proxy_cache_revalidate** `on | off` — revalidate expired entries with conditional requests (`If-Modified-Since`, `If-None-Match`).\n\nDefault: `off`.',
  proxy_cache_bypass: '**proxy_cache_bypass** `string …` — when any value is non-empty and not "0", the response is taken from the upstream (and may still be cached).',
  proxy_no_cache: '**proxy_no_cache** `string …` — when any value is non-empty and not "0", the response is not saved to the cache.',
  proxy_cache_methods: '**proxy_cache_methods** `GET | HEAD | POST …` — request methods whose responses are cached.\n\nDefault: `GET HEAD`.',
};

const ON_OFF = ['on', 'off'] as const;

/** What completion offers in nginx: the cache directives, and the values of those with a fixed set. */
export const NGINX_VOCABULARY: DirectiveVocabulary = {
  directives: NGINX_DIRECTIVE_DOCS,
  values: {
    proxy_cache_lock: ON_OFF,
    proxy_cache_background_update: ON_OFF,
    proxy_cache_revalidate: ON_OFF,
    proxy_cache_use_stale: ['updating', 'error', 'timeout', 'invalid_header', 'http_500', 'http_502', 'http_503', 'http_504', 'http_403', 'http_404', 'http_429', 'off'],
    proxy_cache_methods: ['GET', 'HEAD', 'POST'],
  },
};

/** Directives whose value a block inherits from the blocks around it unless it writes its own. */
const INHERITED = ['proxy_cache', 'proxy_cache_lock', 'proxy_cache_lock_timeout', 'proxy_cache_use_stale', 'proxy_cache_background_update', 'proxy_cache_valid'] as const;
type Inherited = Partial<Record<(typeof INHERITED)[number], NginxDirective>>;

export const nginxAdapter: FormatAdapter = {
  id: 'nginx',
  title: 'nginx config',
  paths: ['nginx.conf', '*nginx*.conf', '**/nginx/**/*.conf', '**/conf.d/*.conf', '**/sites-enabled/*', '**/sites-available/*'],
  yaml: false,
  complete: (text, offset) => completeDirectives(text, offset, NGINX_VOCABULARY),
  read(input: AdapterInput): AdaptedFile | undefined {
    return readNginxText(input.text, 0, input.lines, 'nginx', gatewayName(input.relativePath));
  },
};

/** The service an nginx config belongs to: its folder (`gateway/nginx.conf` → gateway), else nginx. */
function gatewayName(relativePath: string): string {
  const parts = relativePath.split('/').slice(0, -1).filter((p) => !/^(conf\.d|nginx|etc|config|conf|sites-(enabled|available))$/i.test(p));
  return parts[parts.length - 1] ?? 'nginx';
}

/**
 * nginx configuration text at `base` in a file (a whole nginx.conf, or a ConfigMap's embedded
 * value): undefined when it declares no cache zone and uses no cache.
 */
export function readNginxText(text: string, base: number, lines: LineIndex, format: string, service: string, mapSpan?: (local: Span) => Span): AdaptedFile | undefined {
  const parsed = parseNginx(text, base, mapSpan);
  const diagnostics: Diagnostic[] = parsed.errors.map((error) => formatSyntax(
    `This nginx config does not parse: ${error.message}. Its cache settings are not checked until it does.`,
    lines.rangeOf(error.span),
    'docs/formats/nginx.md',
  ));
  const settings: SettingSite[] = [];
  const builder = new LayerBuilder(service);
  const cacheSites: { index: number; at: NginxDirective; lock?: NginxDirective; block: readonly NginxDirective[] }[] = [];
  const visit = (block: readonly NginxDirective[], inherited: Inherited, where: string) => {
    const here: Inherited = { ...inherited };
    for (const directive of block) {
      const doc = NGINX_DIRECTIVE_DOCS[directive.name.text];
      if (doc) settings.push({ span: directive.name.span, markdown: doc });
      if ((INHERITED as readonly string[]).includes(directive.name.text)) here[directive.name.text as keyof Inherited] = directive;
      if (directive.name.text === 'proxy_cache_path') addZone(builder, directive);
    }
    const cache = block.find((d) => d.name.text === 'proxy_cache');
    if (cache && cache.args[0] && cache.args[0].text !== 'off') {
      const upstream = block.find((d) => d.name.text === 'proxy_pass')?.args[0];
      cacheSites.push({ index: addCache(builder, cache, here, where, upstream), at: cache, ...(here.proxy_cache_lock ? { lock: here.proxy_cache_lock } : {}), block });
    }
    for (const directive of block) {
      if (!directive.block) continue;
      const name = directive.name.text === 'location' ? `location ${directive.args.map((a) => a.text).join(' ')}` : directive.name.text === 'server' ? serverName(directive) : where;
      visit(directive.block, here, name);
    }
  };
  visit(parsed.directives, {}, 'http');
  if (builder.isEmpty && !diagnostics.length) return undefined;
  const doc = builder.build(0, { start: base, end: base + text.length });
  return {
    format,
    layers: builder.isEmpty ? [] : [{
      doc,
      rules: NGINX_RULES,
      terms: { 'stampede.mode: coalesce': 'proxy_cache_lock on', 'stampede.mode': 'proxy_cache_lock' },
      termSeparator: ' ',
      reword: (code, message) => (code === 'CW003' ? stampedeMessage(message) : message),
      // Inside a ConfigMap's block scalar (mapSpan) the file's lines are not the config's: no fix there.
      ...(mapSpan ? {} : { editFor: (pointer: string, value: unknown) => lockEdit(text, base, lines, cacheSites, pointer, value) }),
    }],
    diagnostics,
    settings,
  };
}

function serverName(server: NginxDirective): string {
  const name = server.block?.find((d) => d.name.text === 'server_name')?.args[0]?.text;
  return name ? `server ${name}` : 'server';
}

function addZone(builder: LayerBuilder, directive: NginxDirective): void {
  const zoneArg = directive.args.find((a) => a.text.startsWith('keys_zone='));
  if (!zoneArg) return;
  const zone = zoneArg.text.slice('keys_zone='.length).split(':')[0];
  const index = builder.nextIndex('backends');
  const pointer = `/spec/backends/${index}`;
  const nameSpan = { start: zoneArg.span.start + 'keys_zone='.length, end: zoneArg.span.start + 'keys_zone='.length + zone.length };
  builder.locate(pointer, directive.name.span);
  builder.set(`${pointer}/name`, zone, nameSpan);
  builder.set(`${pointer}/type`, 'http-proxy');
  builder.set(`${pointer}/role`, 'cache');
  const maxSize = directive.args.find((a) => a.text.startsWith('max_size='));
  if (maxSize) builder.set(`${pointer}/maxMemory`, nginxSize(maxSize.text.slice('max_size='.length)) ?? maxSize.text.slice('max_size='.length), maxSize.span);
}

/** nginx sizes: `10m`, `1g`, `512k` (binary units). */
function nginxSize(value: string): string | undefined {
  const match = /^(\d+)([kKmMgG]?)$/.exec(value);
  if (!match) return undefined;
  const unit = { '': 'B', k: 'Ki', m: 'Mi', g: 'Gi' }[match[2].toLowerCase()];
  return `${match[1]}${unit}`;
}

/** `http://catalog:8080/api` → catalog; `http://$backend` and upstream groups stay as written. */
function upstreamName(proxyPass: string): string | undefined {
  const host = /^[a-z]+:\/\/([^/:$]+)/i.exec(proxyPass)?.[1];
  return host ? host.split('.')[0] : undefined;
}

function addCache(builder: LayerBuilder, cache: NginxDirective, settings: Inherited, where: string, upstream: NginxDirective['args'][number] | undefined): number {
  const index = builder.nextIndex('caches');
  const pointer = `/spec/caches/${index}`;
  const zone = cache.args[0];
  builder.locate(pointer, cache.name.span);
  builder.set(`${pointer}/name`, `${zone.text} (${where})`, zone.span);
  builder.set(`${pointer}/backend`, zone.text, zone.span);
  builder.set(`${pointer}/criticality`, 'warm');
  // What the cache protects: the service `proxy_pass` sends the block's requests to.
  const fronted = upstream ? upstreamName(upstream.text) : undefined;
  if (fronted) {
    builder.set(`${pointer}/fronts/name`, fronted, upstream!.span);
    builder.set(`${pointer}/fronts/kind`, 'http');
  }
  const lock = settings.proxy_cache_lock;
  if (lock?.args[0]) {
    // nginx's cache lock lets one request per entry reach the upstream: request coalescing.
    builder.locate(`${pointer}/stampede`, lock.name.span);
    builder.set(`${pointer}/stampede/mode`, lock.args[0].text === 'on' ? 'coalesce' : 'none', { key: lock.name.span, value: lock.args[0].span });
  }
  const stale = settings.proxy_cache_use_stale;
  if (stale?.args.some((a) => a.text === 'updating')) {
    // Serving the stale entry while one request refreshes it: stale-while-revalidate.
    const updating = stale.args.find((a) => a.text === 'updating')!;
    builder.set(`${pointer}/stale/whileRevalidate`, settings.proxy_cache_background_update?.args[0]?.text === 'on' ? '1m' : '1s', { key: stale.name.span, value: updating.span });
  }
  return index;
}

function stampedeMessage(message: string): string {
  const name = /cache `([^`]+)`/.exec(message)?.[1];
  if (!name) return message;
  return `\`proxy_cache ${name.replace(/ \(/, '` in `').replace(/\)$/, '')}\` has no stampede protection: \`proxy_cache_lock\` is off (nginx's default) and stale entries are not served while updating, so when a popular entry expires every concurrent request goes to the upstream at once. Add \`proxy_cache_lock on;\`, or \`proxy_cache_use_stale updating;\` with \`proxy_cache_background_update on;\`.`;
}

/** CW003's fix: `proxy_cache_lock on;` after the block's `proxy_cache` (or `off` → `on`). */
function lockEdit(
  text: string, base: number, lines: LineIndex, sites: readonly { index: number; at: NginxDirective; lock?: NginxDirective }[], pointer: string, value: unknown,
): TextEdit[] | undefined {
  const match = /^\/spec\/caches\/(\d+)\/stampede(\/mode)?$/.exec(pointer);
  const site = match ? sites.find((s) => s.index === Number(match[1])) : undefined;
  const mode = match?.[2] ? value : (value as { mode?: unknown } | undefined)?.mode;
  if (!site || mode !== 'coalesce') return undefined;
  if (match![2]) {
    const arg = site.lock?.args[0];
    return arg ? [{ range: lines.rangeOf(arg.span), newText: 'on' }] : undefined;
  }
  if (site.lock) return undefined;
  const end = site.at.span.end;
  const lineStart = text.lastIndexOf('\n', site.at.span.start - base - 1) + 1 + base;
  const indent = /^[ \t]*/.exec(text.slice(lineStart - base))![0];
  const at = lines.positionAt(end);
  return [{ range: { start: at, end: at }, newText: `\n${indent}proxy_cache_lock on;` }];
}

export type { Span };
