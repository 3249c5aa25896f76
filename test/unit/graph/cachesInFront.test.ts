// "What Reaches…" ranking: findings charged to the cache declared around them (as node status
// counts them), the caches in front of a datastore worst first, datastores ranked by the
// misconfigured caches in front of them (errors, then warnings, then name), and what the pickers
// say about each. The demo workspace gives the ranking the on-call path starts from.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import {
  cachesInFront, compareBySeverity, describeFront, findingsByEntity, isRankedDatastore, rankDatastores, storeBackendRefs,
  type FindingDiagnostic,
} from '../../../src/core/graph/cachesInFront';
import { entityHoverMarkdown } from '../../../src/core/catalog/entityHover';
import { isSideList, nodeDetailsOf, parseSideListMessage } from '../../../src/core/graph/inFrontProtocol';
import { parseWebviewMessage } from '../../../src/core/graph/webviewProtocol';
import { WorkspaceModel } from '../../../src/core/workspace/workspaceModel';
import { cachesInFrontOf, datastores, diagramExtras } from '../../../src/server/whatReaches';
import { catalogOf } from '../catalog/fixtureCatalog';

const CONFIG = 'services/shop/shop.cache.yaml';
// Line numbers (0-based) are those of the YAML below.
const CONFIG_TEXT = [
  'apiVersion: cache-warden/v1', //            0
  'kind: CacheLayer', //                       1
  'metadata:', //                              2
  '  service: shop-service', //                3
  '  owner: team-shop', //                     4
  'spec:', //                                  5
  '  backends:', //                            6
  '    - name: shop-redis', //                 7
  '      type: redis', //                      8
  '    - name: sessions-redis', //             9
  '      type: redis', //                     10
  '      role: store', //                     11
  '  caches:', //                             12
  '    - name: product', //                   13
  '      backend: shop-redis', //             14
  '      fronts:', //                         15
  '        kind: sql', //                     16
  '        name: shop-db', //                 17
  '    - name: listing', //                   18
  '      backend: shop-redis', //             19
  '      fronts:', //                         20
  '        kind: sql', //                     21
  '        name: shop-db', //                 22
  '    - name: reviews', //                   23
  '      backend: shop-redis', //             24
  '      fronts:', //                         25
  '        kind: sql', //                     26
  '        name: reviews-db', //              27
  '    - name: session', //                   28
  '      backend: sessions-redis', //         29
  '',
].join('\n');

const FILES = {
  [CONFIG]: CONFIG_TEXT,
  'docs/shop-db.md': '---\nid: shop-db\nkind: resource\ntype: database\ntitle: Shop DB\n---\n# Shop DB\n',
  'docs/reviews-db.md': '---\nid: reviews-db\nkind: resource\ntype: database\n---\n# Reviews\n',
  'docs/audit-db.md': '---\nid: audit-db\nkind: resource\ntype: postgres\n---\n# Audit\n',
  'docs/shop-redis.md': '---\nid: shop-redis\nkind: resource\ntype: cache\n---\n# Shop Redis\n',
};

function at(line: number, character = 6): FindingDiagnostic['range'] {
  return { start: { line, character }, end: { line, character: character + 4 } };
}

function diagnostic(code: string, severity: string, line: number, message = `${code} message`): FindingDiagnostic {
  return { code, severity, message, range: at(line) };
}

/** product: 2 errors 1 warning; listing: 1 warning; reviews: 1 error; the backend: 1 error. */
const DIAGNOSTICS = new Map<string, FindingDiagnostic[]>([[CONFIG, [
  diagnostic('CW003', 'warning', 13),
  diagnostic('CW001', 'error', 17),
  diagnostic('CW005', 'error', 14),
  diagnostic('CW004', 'warning', 18),
  diagnostic('CW007', 'error', 7),
  diagnostic('CW006', 'error', 23),
  diagnostic('CW999', 'information', 13),
  diagnostic('CW998', 'hint', 18),
]]]);

describe('What Reaches… ranking', () => {
  const catalog = catalogOf(FILES);
  const findings = findingsByEntity(catalog, DIAGNOSTICS);

  test('findings are charged to the innermost declaration around them: errors first, then in file order; information and hints are left out', () => {
    const summary = (ref: string) => (findings.get(ref) ?? []).map((f) => `${f.severity} ${f.code} ${f.range.start.line + 1}`);
    assert.deepEqual(summary('cache:shop-service.product'), ['error CW005 15', 'error CW001 18', 'warning CW003 14']);
    assert.deepEqual(summary('cache:shop-service.listing'), ['warning CW004 19']);
    assert.deepEqual(summary('cache:shop-service.reviews'), ['error CW006 24']);
    assert.deepEqual(summary('resource:shop-redis'), ['error CW007 8']);
    assert.equal(findings.get('cache:shop-service.product')![0].file, CONFIG);
    assert.equal(findings.get('cache:shop-service.product')![0].message, 'CW005 message');
  });

  test('the caches in front of a datastore, worst first, with the backends they are stored in; the datastore itself is not listed', () => {
    const caches = cachesInFront(catalog, 'resource:shop-db', findings);
    assert.deepEqual(caches.map((c) => `${c.ref} ${c.errors}/${c.warnings}`), [
      'cache:shop-service.product 2/1',
      'resource:shop-redis 1/0',
      'cache:shop-service.listing 0/1',
    ]);
    assert.deepEqual(caches[0].findings.map((f) => f.code), ['CW005', 'CW001', 'CW003']);
    assert.equal(caches[0].label, 'product', 'a cache is labelled with its name in the config');
    assert.deepEqual(cachesInFront(catalog, 'resource:nothing-here', findings), []);
  });

  test('datastores are ranked by the errors, then the warnings, of the caches in front of them, then by name', () => {
    const ranked = rankDatastores(catalog, findings, storeBackendRefs([{ name: 'sessions-redis', role: 'store' }, { name: 'shop-redis', role: 'cache' }]));
    assert.deepEqual(ranked.map((d) => `${d.label}: ${d.caches.length} caches, ${d.withProblems} with problems, ${d.errors}/${d.warnings}${d.store ? ' (store)' : ''}`), [
      'Shop DB: 3 caches, 3 with problems, 3/2',
      'Reviews: 2 caches, 2 with problems, 2/0',
      // No errors or warnings in front: by name (a doc's title is its first heading).
      'Audit: 0 caches, 0 with problems, 0/0',
      'sessions-redis: 1 caches, 0 with problems, 0/0 (store)',
    ]);
    // A cache server is not a datastore unless its config says it stores data.
    assert.equal(isRankedDatastore(catalog, catalog.entity('resource:shop-redis')!, new Set()), false);
    assert.equal(isRankedDatastore(catalog, catalog.entity('resource:sessions-redis')!, new Set()), false);
    assert.equal(isRankedDatastore(catalog, catalog.entity('resource:sessions-redis')!, new Set(['resource:sessions-redis'])), true);
  });

  test('ties: errors beat warnings, warnings beat names', () => {
    const entries = [
      { ref: 'a', label: 'a', errors: 0, warnings: 5 },
      { ref: 'b', label: 'b', errors: 1, warnings: 0 },
      { ref: 'c', label: 'c', errors: 1, warnings: 2 },
      { ref: 'e', label: 'e', errors: 0, warnings: 0 },
      { ref: 'd', label: 'd', errors: 0, warnings: 0 },
    ];
    assert.deepEqual([...entries].sort(compareBySeverity).map((e) => e.ref), ['c', 'b', 'a', 'd', 'e']);
  });

  test('what the picker says about a datastore', () => {
    assert.equal(describeFront(6, 4, 6, 3), '6 caches in front, 4 with problems (6 errors, 3 warnings)');
    assert.equal(describeFront(1, 1, 0, 1), '1 cache in front, 1 with problems (1 warning)');
    assert.equal(describeFront(2, 0, 0, 0), '2 caches in front, none with problems');
    assert.equal(describeFront(0, 0, 0, 0), 'no cache in front');
  });
});

describe('What Reaches… in the demo workspace', () => {
  test('catalog-db comes first, with the misconfigured catalog caches in front of it worst first', async () => {
    const model = new WorkspaceModel();
    model.addFolder(path.resolve(__dirname, '../../../../examples'));
    await model.scan();
    assert.deepEqual(datastores(model).map((d) => `${d.label} — ${describeFront(d.caches, d.withProblems, d.errors, d.warnings)}`), [
      // The declared catalog caches, and the deployed ones (examples/deployed: Spring, Helm, compose, nginx).
      'Catalog DB — 11 caches in front, 8 with problems (14 errors, 4 warnings)',
      'Inventory DB — 2 caches in front, 2 with problems (3 errors)',
      'Orders DB — 2 caches in front, none with problems',
    ]);
    const front = cachesInFrontOf(model, 'resource:catalog-db')!;
    assert.deepEqual(front.caches.map((c) => `${c.label} ${c.errors}/${c.warnings}`), [
      'product-by-id 4/2', 'categories 3/0', 'products 3/0', 'Catalog Redis 2/0', 'price-by-sku 1/0', 'redis 1/0', 'category-listing 0/1',
      'storefront_pages (location /products/) 0/1', 'catalog-search-local 0/0', 'search-results 0/0', 'storefront_pages 0/0',
    ]);
    const top = front.caches[0];
    assert.deepEqual(top.findings.map((f) => `${f.code} ${f.path}:${f.range.start.line + 1}`), [
      'CW006 services/catalog/catalog.cache.yaml:27',
      'CW005 services/catalog/catalog.cache.yaml:34',
      'CW001 services/catalog/catalog.cache.yaml:44',
      'CW007 services/catalog/catalog.cache.yaml:44',
      'CW003 services/catalog/catalog.cache.yaml:27',
      'CW012 services/catalog/catalog.cache.yaml:30',
    ]);
    assert.equal(top.docPath, 'docs/services/catalog-service.md');
    assert.equal(top.runbookPath, 'docs/runbooks/catalog-cache.md');
    // The same findings give the node badges: counts agree with node status.
    const extras = diagramExtras(model, { reaches: 'resource:catalog-db' }, { nodes: [{ id: 'n1', ref: top.ref, label: top.label, kind: 'cache' }], edges: [], title: '' });
    assert.deepEqual(extras.details.n1, {
      owner: 'team-catalog', doc: 'docs/services/catalog-service.md', runbook: 'docs/runbooks/catalog-cache.md', errors: 4, warnings: 2,
      problems: top.findings.slice(0, 3).map((f) => ({ code: f.code, severity: f.severity, message: f.message })),
    });
    assert.equal(extras.inFront?.target.ref, 'resource:catalog-db');
  });
});

describe('the side list and tooltip messages', () => {
  test('the webview checks what it is sent', () => {
    const list = { targetRef: 'resource:db', targetLabel: 'DB', entries: [{ ref: 'cache:a', label: 'a', kind: 'cache', errors: 1, warnings: 0, findings: [{ code: 'CW001', severity: 'error', message: 'm', path: 'a.cache.yaml', line: 3 }], doc: 'docs/a.md' }] };
    assert.equal(isSideList(list), true);
    assert.equal(isSideList({ ...list, entries: [{ ...list.entries[0], findings: [{ code: 'CW001', severity: 'fatal', message: 'm', path: 'x', line: 1 }] }] }), false);
    assert.equal(isSideList({ ...list, entries: [{ ...list.entries[0], errors: -1 }] }), false);
    assert.equal(isSideList(undefined), false);
    const details = nodeDetailsOf({ n1: { errors: 1, warnings: 0, problems: [{ code: 'CW001', severity: 'error', message: 'm' }], owner: 'team' }, n2: { errors: 'x', problems: [] }, n3: null });
    assert.deepEqual([...details.keys()], ['n1']);
  });

  test('the side list\'s clicks name an entity and a finding index, nothing else', () => {
    assert.deepEqual(parseWebviewMessage({ type: 'openFinding', entityId: 'cache:a', index: 2 }), { message: { type: 'openFinding', entityId: 'cache:a', index: 2 } });
    assert.deepEqual(parseWebviewMessage({ type: 'openRunbook', entityId: 'cache:a', uri: 'file:///etc/passwd' }), { message: { type: 'openRunbook', entityId: 'cache:a' } });
    assert.deepEqual(parseWebviewMessage({ type: 'openFinding', entityId: 'cache:a', index: -1 }), { rejected: 'openFinding: index must be a count' });
    assert.deepEqual(parseWebviewMessage({ type: 'openFinding', index: 0 }), { rejected: 'openFinding: missing entityId' });
    assert.equal(parseSideListMessage({ type: 'open' }), undefined);
  });
});

describe('a datastore\'s hover', () => {
  test('links to "What reaches this" after the other links', () => {
    const catalog = catalogOf(FILES);
    const md = entityHoverMarkdown(catalog.entity('resource:shop-db')!, { openDoc: 'command:open?x', showInDiagram: 'command:diagram?y', whatReaches: 'command:reaches?z' });
    assert.equal(md.split('\n\n').at(-1), '[Open doc](command:open?x) · [Show in diagram](command:diagram?y) · [What reaches this](command:reaches?z "The caches in front of it, worst first")');
  });
});
