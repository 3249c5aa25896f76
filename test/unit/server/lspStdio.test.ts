// `cache-warden lsp --stdio` as another editor runs it: the CLI started with plain `node`, driven
// over stdin/stdout by a hand-written LSP client (jsonRpcClient.ts) on a temporary workspace with
// a misconfigured cache config, a closed config with a schema error and a doc. Expected values are
// what `cache-warden check --format json` reports for the same folder (its lines and columns are
// 1-based; LSP's are 0-based).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { LspClient } from './jsonRpcClient';

const REPO_ROOT = path.resolve(__dirname, '..', '..', '..', '..');
const BIN = path.join(REPO_ROOT, 'bin', 'cache-warden.js');

// A trimmed copy of examples/services/catalog/catalog.cache.yaml: a volatile-lru backend with a
// never-expiring cache (CW007 twice, CW001), and a large cache without TTL jitter (CW004).
const CATALOG_CONFIG = `# Cache layer of the catalog service (a trimmed copy of examples/services/catalog).
apiVersion: cache-warden/v1
kind: CacheLayer
metadata:
  service: catalog-service
  owner: team-catalog
  docs: docs/catalog-db.md
spec:
  backends:
    - name: catalog-redis
      type: redis
      role: cache
      maxMemory: 6Gi
      containerMemoryLimit: 8Gi
      eviction: volatile-lru
  caches:
    - name: product-by-id
      backend: catalog-redis
      criticality: warm
      fronts:
        kind: sql
        name: catalog-db
        params: [tenant_id, product_id]
        variesBy: [tenant]
        lookupBy: internal
        p99LoadTime: 100ms
        loadTimeout: 500ms
        maxConcurrentLoads: 16
      key:
        template: "catalog:product:{tenant_id}:{product_id}"
      ttl:
        value: never
      stampede:
        mode: coalesce
        lockTimeout: 1s
      capacity:
        maxEntries: 200000
    - name: category-listing
      backend: catalog-redis
      criticality: warm
      fronts:
        kind: sql
        name: catalog-db
        params: [tenant_id, category_id]
        variesBy: [tenant]
        lookupBy: internal
        p99LoadTime: 100ms
        loadTimeout: 500ms
        maxConcurrentLoads: 16
      key:
        template: "catalog:category:{tenant_id}:{category_id}"
      ttl:
        value: 1h
      stampede:
        mode: coalesce
        lockTimeout: 1s
      capacity:
        maxEntries: 50000
`;

// Never opened: its problem must be published anyway (cacheWarden.validate.closedFiles is on).
const SEARCH_CONFIG = `apiVersion: cache-warden/v1
kind: CacheLayer
metadata:
  service: search-service
  owner: team-catalog
  docs: docs/catalog-db.md
spec:
  backends:
    - name: search-memory
      type: in_process
      role: cache
  caches:
    - name: search-results
      backend: search-memory
      criticality: cold
      fronts:
        kind: sql
        name: catalog-db
        params: [query]
        lookupBy: internal
      key:
        template: "search:{query}"
      ttl:
        value: 30s
`;

// In the style of examples/docs/resources/catalog-db.md: front matter declares the entity.
const CATALOG_DB_DOC = `---
id: catalog-db
kind: resource
type: database
title: Catalog DB
description: PostgreSQL primary and two read replicas holding products, categories and prices.
system: storefront
owner: team-catalog
lifecycle: production
---
# Catalog DB

PostgreSQL 16: one primary, two read replicas. Sized for **misses**, not for the storefront's
full read rate.
`;

interface Position { line: number; character: number }
interface Range { start: Position; end: Position }
interface LspDiagnostic { range: Range; severity: number; code: string; source: string; message: string; codeDescription?: { href: string }; relatedInformation?: { location: { uri: string; range: Range }; message: string }[] }
interface PublishDiagnosticsParams { uri: string; version?: number; diagnostics: LspDiagnostic[] }
interface Hover { contents: { kind: string; value: string }; range?: Range }
interface CompletionItem { label: string; kind: number; insertText?: string; textEdit?: { range: Range; newText: string }; insertTextFormat: number; documentation?: { kind: string; value: string } }
interface CodeAction { title: string; kind: string; isPreferred?: boolean; diagnostics: LspDiagnostic[]; edit?: { changes: Record<string, { range: Range; newText: string }[]> }; command?: { command: string; arguments: unknown[] } }
interface Stats { parses: number; analyses: number; reads: number; files: number; entities: number }

const range = (line: number, from: number, to: number, endLine = line): Range => ({ start: { line, character: from }, end: { line: endLine, character: to } });
const docsUrl = (page: string) => pathToFileURL(path.join(REPO_ROOT, page)).toString();
const ERROR = 1;
const WARNING = 2;

// What `cache-warden check --format json` reports for services/catalog.cache.yaml, as LSP shows it.
const CW007_BACKEND = 'Backend `catalog-redis` evicts with volatile-lru, which only evicts keys that have a TTL, but `product-by-id` writes keys without one (ttl never): those keys pile up until writes fail like noeviction.';
const CW001_NEVER = '`ttl.value` is never but cache `product-by-id` has no `invalidation.triggers`: entries of catalog-db are never refreshed, so readers see stale data until the key is evicted.';
const CW007_CACHE = 'Cache `product-by-id` never expires (`ttl.value: never`) but its backend `catalog-redis` evicts with volatile-lru, which only evicts keys that have a TTL: these keys are never evicted and fill the backend until writes fail for every cache on it.';
const CW004_JITTER = '`ttl.value` is 1h with no `ttl.jitter` on cache `category-listing` (up to 50,000 entries, backend `catalog-redis` shared by 2 caches): entries written together expire together, and catalog-db takes every refill in the same moment. Add `jitter: 10%`.';

/** code, range, severity, source and message: what the Problems list shows. */
function shown(diagnostics: LspDiagnostic[]) {
  return diagnostics.map((d) => ({ code: d.code, range: d.range, severity: d.severity, source: d.source, message: d.message }));
}

let workspace: string;
let catalogFile: string;
let catalogUri: string;
let searchUri: string;
let docFile: string;
let docUri: string;
const clients: LspClient[] = [];

function startServer(): LspClient {
  const client = new LspClient(process.execPath, [BIN, 'lsp', '--stdio'], { cwd: workspace });
  clients.push(client);
  return client;
}

function initializeParams(capabilities: object) {
  const rootUri = pathToFileURL(workspace).toString();
  return { processId: process.pid, rootUri, workspaceFolders: [{ uri: rootUri, name: 'shop' }], capabilities };
}

before(() => {
  assert.ok(fs.existsSync(path.join(REPO_ROOT, 'dist', 'cli.js')), 'dist/cli.js is missing: run `node scripts/build.mjs` first');
  workspace = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'cw-lsp-')));
  const write = (relative: string, text: string) => {
    const file = path.join(workspace, relative);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    return file;
  };
  catalogFile = write('services/catalog.cache.yaml', CATALOG_CONFIG);
  searchUri = pathToFileURL(write('services/search.cache.yaml', SEARCH_CONFIG)).toString();
  docFile = write('docs/catalog-db.md', CATALOG_DB_DOC);
  catalogUri = pathToFileURL(catalogFile).toString();
  docUri = pathToFileURL(docFile).toString();
});

after(() => {
  for (const client of clients) client.kill();
  fs.rmSync(workspace, { recursive: true, force: true });
});

// ── one session, step by step (the steps share the server and run in order) ───────────────────

let client: LspClient;
let version = 1;

test('initialize: the server announces its features', async () => {
  client = startServer();
  const result = await client.request<{ capabilities: Record<string, unknown>; serverInfo: { name: string; version: string } }>('initialize', initializeParams({
    workspace: { configuration: true, workspaceFolders: true, didChangeWatchedFiles: { dynamicRegistration: true } },
    window: { workDoneProgress: true },
    textDocument: { publishDiagnostics: { relatedInformation: true, versionSupport: true }, completion: { completionItem: { snippetSupport: true } } },
  }));
  assert.deepEqual(result.serverInfo, { name: 'cache-warden', version: require(path.join(REPO_ROOT, 'package.json')).version });
  assert.deepEqual(result.capabilities, {
    textDocumentSync: { openClose: true, change: 2, save: { includeText: false } },
    hoverProvider: true,
    completionProvider: { triggerCharacters: [' ', '"', ':'] },
    definitionProvider: true,
    documentLinkProvider: { resolveProvider: false },
    codeActionProvider: { codeActionKinds: ['quickfix', 'cacheWarden.showInDiagram'] },
    workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
  });
  client.notify('initialized', {});
});

test('after initialize, closed files\' problems are published without opening them (closedFiles defaults on)', async () => {
  const catalog = await client.waitForNotification<PublishDiagnosticsParams>('textDocument/publishDiagnostics', (p) => p.uri === catalogUri);
  assert.equal(catalog.version, undefined, 'a closed file has no editor version');
  assert.deepEqual(shown(catalog.diagnostics), [
    { code: 'CW007', range: range(14, 16, 28), severity: ERROR, source: 'cache-warden', message: CW007_BACKEND },
    { code: 'CW001', range: range(31, 15, 20), severity: ERROR, source: 'cache-warden', message: CW001_NEVER },
    { code: 'CW007', range: range(31, 15, 20), severity: ERROR, source: 'cache-warden', message: CW007_CACHE },
    { code: 'CW004', range: range(52, 15, 17), severity: WARNING, source: 'cache-warden', message: CW004_JITTER },
  ]);
  // Each CW007 points at the other half of the problem, and links to the rule's page.
  assert.deepEqual(catalog.diagnostics[0].relatedInformation, [{ location: { uri: catalogUri, range: range(31, 15, 20) }, message: 'cache `product-by-id` (ttl never)' }]);
  assert.deepEqual(catalog.diagnostics[2].relatedInformation, [{ location: { uri: catalogUri, range: range(14, 16, 28) }, message: 'backend `catalog-redis` eviction: volatile-lru' }]);
  assert.deepEqual(catalog.diagnostics.map((d) => d.codeDescription?.href), ['CW007', 'CW001', 'CW007', 'CW004'].map((code) => docsUrl(`docs/rules/${code}.md`)));

  const search = await client.waitForNotification<PublishDiagnosticsParams>('textDocument/publishDiagnostics', (p) => p.uri === searchUri);
  assert.deepEqual(shown(search.diagnostics), [{
    code: 'schema-enum', range: range(9, 12, 22), severity: ERROR, source: 'cache-warden (schema)',
    message: '`type` must be one of: redis, memcached, in-process, cdn, http-proxy — got `in_process`. Did you mean `in-process`?',
  }]);
  // The doc is fine: nothing is published for it.
  assert.ok(!client.notifications.some((n) => n.method === 'textDocument/publishDiagnostics' && (n.params as PublishDiagnosticsParams).uri === docUri));

  // The server asked for what it needs and got the answers of a client without settings.
  const asked = client.serverRequests.map((r) => r.method);
  assert.ok(asked.includes('client/registerCapability'), `server requests: ${asked.join(', ')}`);
  assert.ok(asked.includes('workspace/configuration'), `server requests: ${asked.join(', ')}`);
  assert.ok(asked.includes('window/workDoneProgress/create'), `server requests: ${asked.join(', ')}`);
});

test('the first scan parses every file once', async () => {
  assert.equal(await client.request('cacheWarden/ready'), true);
  const stats = await client.request<Stats>('cacheWarden/stats');
  assert.equal(stats.files, 3);
  assert.equal(stats.parses, 3, 'two configs and one doc, one parse each');
});

test('didOpen with the text on disk: the file is open, and its parse is reused', async () => {
  client.notify('textDocument/didOpen', { textDocument: { uri: catalogUri, languageId: 'yaml', version, text: CATALOG_CONFIG } });
  assert.equal(await client.request('cacheWarden/ready'), true);
  assert.equal((await client.request<Stats>('cacheWarden/stats')).parses, 3);
});

test('hover on a key: the schema\'s documentation of that key', async () => {
  const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri: catalogUri }, position: { line: 14, character: 9 } });
  assert.equal(hover.contents.kind, 'markdown');
  assert.deepEqual(hover.range, range(14, 6, 14));
  const value = hover.contents.value;
  assert.ok(value.startsWith(
    '#### Eviction policy\n\nThe Redis `maxmemory-policy` (or its equivalent) applied when the backend reaches `maxMemory`. For a cache, `allkeys-lru` or `allkeys-lfu` is the safe choice ("if you are unsure", per the Redis docs).\n\n',
  ), value);
  assert.ok(value.includes(`[Docs](${docsUrl('docs/config/backends.md')}#backends-eviction)`), value);
  assert.ok(value.includes('\n- `volatile-lru`: Evict the least recently used key **among keys with a TTL**. Behaves like `noeviction` when no key has a TTL. Default on ElastiCache and Azure (CW007).\n'), value);
  // A hover reads the parse; it never parses again.
  assert.equal((await client.request<Stats>('cacheWarden/stats')).parses, 3);
});

test('hover on an entity ref (`fronts.name: catalog-db`): the entity from the doc, then the key\'s docs', async () => {
  const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri: catalogUri }, position: { line: 21, character: 18 } });
  assert.deepEqual(hover.range, range(21, 14, 24));
  const [entity, schema] = hover.contents.value.split('\n\n---\n\n');
  assert.equal(entity, [
    '**Catalog DB** `resource:catalog-db`',
    'resource (database) · owner team\\-catalog · system storefront',
    'PostgreSQL primary and two read replicas holding products, categories and prices\\.',
    // An editor other than VS Code gets a link to the doc (at its heading), not VS Code commands.
    `[Open doc](${docUri}#L11 "docs/catalog-db.md")`,
  ].join('\n\n'));
  assert.ok(schema.startsWith('#### Source\n\nThe entity (database, API, service) that receives the reads this cache absorbs'), schema);
});

test('definition on the ref: the doc, at its heading', async () => {
  const links = await client.request<{ originSelectionRange: Range; targetUri: string; targetRange: Range; targetSelectionRange: Range }[]>('textDocument/definition', {
    textDocument: { uri: catalogUri }, position: { line: 21, character: 14 },
  });
  assert.deepEqual(links, [{ originSelectionRange: range(21, 14, 24), targetUri: docUri, targetRange: range(10, 0, 0), targetSelectionRange: range(10, 0, 0) }]);
  assert.equal(CATALOG_DB_DOC.split('\n')[10], '# Catalog DB');
  // Not on a ref: nothing.
  assert.equal(await client.request('textDocument/definition', { textDocument: { uri: catalogUri }, position: { line: 14, character: 9 } }), null);
});

test('code action on CW004: the quick fix inserts `jitter: 10%` under `value`', async () => {
  const diagnostic = { range: range(52, 15, 17), severity: WARNING, code: 'CW004', source: 'cache-warden', message: CW004_JITTER };
  const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
    textDocument: { uri: catalogUri }, range: diagnostic.range, context: { diagnostics: [diagnostic], only: ['quickfix'] },
  });
  assert.deepEqual(actions.map((a) => a.title), ['Add `ttl.jitter: 10%`', 'Suppress CW004 for this line']);
  assert.deepEqual(actions[0], {
    title: 'Add `ttl.jitter: 10%`',
    kind: 'quickfix',
    diagnostics: [diagnostic],
    isPreferred: true,
    edit: { changes: { [catalogUri]: [{ range: range(52, 17, 17), newText: '\n        jitter: 10%' }] } },
  });
  assert.deepEqual(actions[1].edit, { changes: { [catalogUri]: [{ range: range(52, 0, 0), newText: '        # cache-warden-disable-next-line CW004 -- <reason>\n' }] } });
  // A diagnostic the server did not report (another message) gets no fix.
  const stale = await client.request<CodeAction[]>('textDocument/codeAction', {
    textDocument: { uri: catalogUri }, range: diagnostic.range, context: { diagnostics: [{ ...diagnostic, message: 'something else' }], only: ['quickfix'] },
  });
  assert.deepEqual(stale, []);
  assert.equal((await client.request<Stats>('cacheWarden/stats')).parses, 3);
});

test('didChange fixing the eviction: the next publish has no CW007, the other problems stay', async () => {
  const mark = client.mark();
  version++;
  client.notify('textDocument/didChange', {
    textDocument: { uri: catalogUri, version },
    contentChanges: [{ range: range(14, 16, 28), text: 'allkeys-lru' }],
  });
  const published = await client.waitForNotification<PublishDiagnosticsParams>('textDocument/publishDiagnostics', (p) => p.uri === catalogUri, { after: mark });
  assert.equal(published.version, 2);
  assert.deepEqual(shown(published.diagnostics), [
    { code: 'CW001', range: range(31, 15, 20), severity: ERROR, source: 'cache-warden', message: CW001_NEVER },
    { code: 'CW004', range: range(52, 15, 17), severity: WARNING, source: 'cache-warden', message: CW004_JITTER },
  ]);
  assert.equal((await client.request<Stats>('cacheWarden/stats')).parses, 4, 'one parse for version 2');
});

test('completion on an empty line inside a cache entry: the keys the entry does not have yet', async () => {
  version++;
  // A new, empty line (indented like the entry's keys) above `ttl:` of category-listing.
  client.notify('textDocument/didChange', { textDocument: { uri: catalogUri, version }, contentChanges: [{ range: range(51, 0, 0), text: '      \n' }] });
  const items = await client.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri: catalogUri }, position: { line: 51, character: 6 } });
  assert.deepEqual(items.map((i) => i.label), ['enabled', 'override', 'stale', 'negative', 'warmup', 'invalidation', 'rollout', 'owner', 'docs']);
  const stale = items.find((i) => i.label === 'stale')!;
  assert.deepEqual(stale.textEdit?.range, range(51, 6, 6));
  assert.equal(stale.insertTextFormat, 2, 'a snippet');
  const written = ['name', 'backend', 'criticality', 'fronts', 'key', 'ttl', 'stampede', 'capacity'];
  assert.deepEqual(items.filter((i) => written.includes(i.label)), []);
  // The completion brought version 3 in: one parse, no more.
  assert.equal((await client.request<Stats>('cacheWarden/stats')).parses, 5);
});

test('cacheWarden/stats: exactly one parse per file version, and requests never parse', async () => {
  assert.equal(await client.request('cacheWarden/ready'), true);
  const stats = await client.request<Stats>('cacheWarden/stats');
  // 3 files from disk + versions 2 and 3 of the open config (version 1 is the text on disk).
  assert.equal(stats.parses, 5);
  assert.equal(stats.files, 3);
  await client.request('textDocument/hover', { textDocument: { uri: catalogUri }, position: { line: 15, character: 9 } });
  await client.request('textDocument/definition', { textDocument: { uri: catalogUri }, position: { line: 22, character: 18 } });
  await client.request('textDocument/completion', { textDocument: { uri: catalogUri }, position: { line: 51, character: 6 } });
  assert.equal((await client.request<Stats>('cacheWarden/stats')).parses, 5);
});

test('shutdown then exit: the process ends with code 0 and wrote nothing to stderr', async () => {
  assert.equal(await client.request('shutdown'), null);
  client.notify('exit');
  assert.deepEqual(await client.waitForExit(), { code: 0, signal: null });
  assert.equal(client.stderr, '');
});

// ── clients that support less ─────────────────────────────────────────────────────────────────

test('a minimal client (no workspace folders, configuration or progress capabilities): closed files are still checked', async () => {
  const minimal = startServer();
  await minimal.request('initialize', initializeParams({}));
  minimal.notify('initialized', {});
  const catalog = await minimal.waitForNotification<PublishDiagnosticsParams>('textDocument/publishDiagnostics', (p) => p.uri === catalogUri);
  assert.deepEqual(catalog.diagnostics.map((d) => d.code), ['CW007', 'CW001', 'CW007', 'CW004']);
  const search = await minimal.waitForNotification<PublishDiagnosticsParams>('textDocument/publishDiagnostics', (p) => p.uri === searchUri);
  assert.deepEqual(search.diagnostics.map((d) => d.code), ['schema-enum']);
  // It asked nothing the client cannot answer.
  assert.deepEqual(minimal.serverRequests.map((r) => r.method).filter((m) => m !== 'client/registerCapability'), []);
  assert.equal(await minimal.request('shutdown'), null);
  minimal.notify('exit');
  assert.deepEqual(await minimal.waitForExit(), { code: 0, signal: null });
  assert.equal(minimal.stderr, '');
});

test('exit without shutdown: exit code 1, as LSP specifies', async () => {
  const abrupt = startServer();
  await abrupt.request('initialize', initializeParams({}));
  abrupt.notify('initialized', {});
  abrupt.notify('exit');
  assert.deepEqual(await abrupt.waitForExit(), { code: 1, signal: null });
});

test('closedFiles off: only open files are checked, and closing a file clears its problems', async () => {
  const editor = new LspClient(process.execPath, [BIN, 'lsp', '--stdio'], {
    cwd: workspace,
    onServerRequest: (method, params) => {
      if (method !== 'workspace/configuration') return null;
      return (params as { items: { section: string }[] }).items.map((item) => (item.section === 'cacheWarden' ? { validate: { closedFiles: false, debounceMs: 0 } } : null));
    },
  });
  clients.push(editor);
  await editor.request('initialize', initializeParams({ workspace: { configuration: true, workspaceFolders: true } }));
  editor.notify('initialized', {});
  assert.equal(await editor.request('cacheWarden/ready'), true);
  assert.deepEqual(editor.notifications.filter((n) => n.method === 'textDocument/publishDiagnostics'), [], 'nothing is published for closed files');

  let mark = editor.mark();
  editor.notify('textDocument/didOpen', { textDocument: { uri: catalogUri, languageId: 'yaml', version: 1, text: CATALOG_CONFIG } });
  const opened = await editor.waitForNotification<PublishDiagnosticsParams>('textDocument/publishDiagnostics', (p) => p.uri === catalogUri, { after: mark });
  assert.equal(opened.version, 1);
  assert.deepEqual(opened.diagnostics.map((d) => d.code), ['CW007', 'CW001', 'CW007', 'CW004']);

  mark = editor.mark();
  editor.notify('textDocument/didClose', { textDocument: { uri: catalogUri } });
  const closed = await editor.waitForNotification<PublishDiagnosticsParams>('textDocument/publishDiagnostics', (p) => p.uri === catalogUri, { after: mark, timeoutMs: 5000 });
  assert.deepEqual(closed.diagnostics, []);
  assert.equal(await editor.request('shutdown'), null);
  editor.notify('exit');
  assert.deepEqual(await editor.waitForExit(), { code: 0, signal: null });
});

test('a client that cannot be asked for settings passes them in initializationOptions and pushes changes', async () => {
  const pushing = startServer();
  await pushing.request('initialize', { ...initializeParams({}), initializationOptions: { cacheWarden: { rules: { CW004: 'off' } } } });
  pushing.notify('initialized', {});
  const first = await pushing.waitForNotification<PublishDiagnosticsParams>('textDocument/publishDiagnostics', (p) => p.uri === catalogUri);
  assert.deepEqual(first.diagnostics.map((d) => d.code), ['CW007', 'CW001', 'CW007']);
  const mark = pushing.mark();
  pushing.notify('workspace/didChangeConfiguration', { settings: { cacheWarden: { rules: { CW001: 'warning' } } } });
  const changed = await pushing.waitForNotification<PublishDiagnosticsParams>('textDocument/publishDiagnostics', (p) => p.uri === catalogUri, { after: mark });
  assert.deepEqual(changed.diagnostics.map((d) => `${d.code} ${d.severity}`), ['CW007 1', 'CW001 2', 'CW007 1', 'CW004 2']);
  assert.equal(await pushing.request('shutdown'), null);
  pushing.notify('exit');
  assert.deepEqual(await pushing.waitForExit(), { code: 0, signal: null });
});

test('a client without snippet support gets plain-text completions; only VS Code\'s client is offered its commands', async () => {
  const plain = startServer();
  await plain.request('initialize', initializeParams({}));
  plain.notify('initialized', {});
  assert.equal(await plain.request('cacheWarden/ready'), true);
  plain.notify('textDocument/didOpen', { textDocument: { uri: catalogUri, languageId: 'yaml', version: 1, text: CATALOG_CONFIG } });
  const published = await plain.waitForNotification<PublishDiagnosticsParams>('textDocument/publishDiagnostics', (p) => p.uri === catalogUri);
  const cw007 = published.diagnostics.find((d) => d.code === 'CW007')!;
  const actions = await plain.request<{ title: string; kind: string }[]>('textDocument/codeAction', { textDocument: { uri: catalogUri }, range: cw007.range, context: { diagnostics: [cw007] } });
  assert.ok(actions.length > 0 && actions.every((a) => a.kind === 'quickfix'), JSON.stringify(actions.map((a) => a.kind)));
  plain.notify('textDocument/didChange', { textDocument: { uri: catalogUri, version: 2 }, contentChanges: [{ range: range(51, 0, 0), text: '      \n' }] });
  const items = await plain.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri: catalogUri }, position: { line: 51, character: 6 } });
  const enabled = items.find((i) => i.label === 'enabled')!;
  assert.equal(enabled.insertTextFormat, 1, 'plain text');
  assert.equal(enabled.textEdit?.newText, 'enabled: true');
  assert.ok(items.every((i) => !/\$\{?\d/.test(i.textEdit?.newText ?? i.insertText ?? '')), 'no snippet syntax left');
  assert.equal(await plain.request('shutdown'), null);
  plain.notify('exit');
  assert.deepEqual(await plain.waitForExit(), { code: 0, signal: null });
});
