// `docs:`, `runbook:` and other path values in cache configs and docs' front matter are document
// links and Go to Definition targets: `cache-warden lsp --stdio` on the examples folder, driven by
// the hand-written LSP client.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { LspClient } from './jsonRpcClient';

const REPO_ROOT = path.resolve(__dirname, '..', '..', '..', '..');
const BIN = path.join(REPO_ROOT, 'bin', 'cache-warden.js');
const EXAMPLES = path.join(REPO_ROOT, 'examples');
const uri = (relative: string) => pathToFileURL(path.join(EXAMPLES, relative)).toString();

interface Range { start: { line: number; character: number }; end: { line: number; character: number } }
interface DocumentLink { range: Range; target: string; tooltip?: string }
interface LocationLink { originSelectionRange: Range; targetUri: string; targetRange: Range; targetSelectionRange: Range }

const range = (line: number, from: number, to: number): Range => ({ start: { line, character: from }, end: { line, character: to } });
const at = (line: number): Range => range(line, 0, 0);

let client: LspClient;

before(async () => {
  assert.ok(fs.existsSync(path.join(REPO_ROOT, 'dist', 'cli.js')), 'dist/cli.js is missing: run `node scripts/build.mjs` first');
  client = new LspClient(process.execPath, [BIN, 'lsp', '--stdio'], { cwd: EXAMPLES });
  const rootUri = pathToFileURL(EXAMPLES).toString();
  await client.request('initialize', { processId: process.pid, rootUri, workspaceFolders: [{ uri: rootUri, name: 'examples' }], capabilities: {} });
  client.notify('initialized', {});
  // The scan has read the configs once their problems are published.
  await client.waitForNotification<{ uri: string }>('textDocument/publishDiagnostics', (p) => p.uri === uri('services/catalog/catalog.cache.yaml'));
});

after(() => client?.kill());

test('catalog.cache.yaml: metadata.docs and metadata.runbook are document links to the files', async () => {
  const links = await client.request<DocumentLink[]>('textDocument/documentLink', { textDocument: { uri: uri('services/catalog/catalog.cache.yaml') } });
  assert.deepEqual(links.filter((l) => l.range.start.line === 11 || l.range.start.line === 12), [
    { range: range(11, 8, 40), target: `${uri('docs/services/catalog-service.md')}#L19`, tooltip: 'Open docs/services/catalog-service.md' },
    { range: range(12, 11, 41), target: `${uri('docs/runbooks/catalog-cache.md')}#L1`, tooltip: 'Open docs/runbooks/catalog-cache.md' },
  ]);
  // A cache's name links to its doc now that it inherits metadata.docs.
  const productById = links.find((l) => l.range.start.line === 26);
  assert.deepEqual(productById?.target, `${uri('docs/services/catalog-service.md')}#L19`);
});

test('Go to Definition on `runbook:` opens the runbook; on a `docs:` with an anchor, the anchor\'s heading', async () => {
  const runbook = await client.request<LocationLink[]>('textDocument/definition', { textDocument: { uri: uri('services/catalog/catalog.cache.yaml') }, position: { line: 12, character: 20 } });
  assert.deepEqual(runbook, [{ originSelectionRange: range(12, 11, 41), targetUri: uri('docs/runbooks/catalog-cache.md'), targetRange: at(0), targetSelectionRange: at(0) }]);
  const section = await client.request<LocationLink[]>('textDocument/definition', { textDocument: { uri: uri('services/orders/orders.cache.yaml') }, position: { line: 86, character: 20 } });
  assert.deepEqual(section, [{ originSelectionRange: range(86, 12, 63), targetUri: uri('docs/services/orders-service.md'), targetRange: at(28), targetSelectionRange: at(28) }]);
  // In JSON the link covers the path, not its quotes.
  const json = await client.request<LocationLink[]>('textDocument/definition', { textDocument: { uri: uri('services/catalog/catalog-search.cache.json') }, position: { line: 7, character: 20 } });
  assert.deepEqual(json, [{ originSelectionRange: range(7, 13, 66), targetUri: uri('docs/services/catalog-service.md'), targetRange: at(35), targetSelectionRange: at(35) }]);
});

test('a doc\'s front matter: `source:` (relative to the doc) is a link and a definition; URLs are not', async () => {
  const docUri = uri('docs/services/catalog-service.md');
  const links = await client.request<DocumentLink[]>('textDocument/documentLink', { textDocument: { uri: docUri } });
  const paths = links.filter((l) => l.tooltip?.startsWith('Open ') && !l.tooltip.startsWith('Open the documentation'));
  assert.deepEqual(paths, [{ range: range(13, 8, 49), target: `${uri('services/catalog/catalog.cache.yaml')}#L1`, tooltip: 'Open services/catalog/catalog.cache.yaml' }]);
  const definition = await client.request<LocationLink[]>('textDocument/definition', { textDocument: { uri: docUri }, position: { line: 13, character: 30 } });
  assert.deepEqual(definition, [{ originSelectionRange: range(13, 8, 49), targetUri: uri('services/catalog/catalog.cache.yaml'), targetRange: at(0), targetSelectionRange: at(0) }]);
  const url = await client.request<LocationLink[] | null>('textDocument/definition', { textDocument: { uri: docUri }, position: { line: 16, character: 20 } });
  assert.equal(url, null);
});
