// A cache config's docs and runbook reach the entities it declares: caches and backends get the
// config's `metadata.docs` (or their own `docs:`), at the heading the anchor names, else the doc's
// first heading; every entity gets `metadata.runbook`. Paths are read relative to the config, else
// to a folder above it (the examples write them from the workspace root).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { cacheConfigContribution } from '../../../src/core/catalog/cacheConfigSource';
import { Catalog } from '../../../src/core/catalog/catalog';
import { resolvePathValue, splitPathValue } from '../../../src/core/catalog/docLinks';
import { headingLine, headingSlug, markdownHeadings } from '../../../src/core/catalog/markdownBody';
import { parseFile } from '../../../src/core/document/parse';

const EXAMPLES = path.resolve(__dirname, '../../../../examples');
const rel = (file: string | undefined) => (file === undefined ? undefined : path.relative(EXAMPLES, file).split(path.sep).join('/'));

function docsOf(config: string) {
  const file = path.join(EXAMPLES, config);
  const contribution = cacheConfigContribution(file, parseFile(fs.readFileSync(file, 'utf8')));
  return contribution.entities.map((e) => ({ ref: e.ref, docFile: rel(e.docFile), docLine: e.docLine, runbook: rel(e.runbook) }));
}

test('catalog.cache.yaml: caches and the backend get metadata.docs at its first heading, and metadata.runbook', () => {
  const doc = 'docs/services/catalog-service.md';
  const runbook = 'docs/runbooks/catalog-cache.md';
  assert.deepEqual(docsOf('services/catalog/catalog.cache.yaml'), [
    { ref: 'component:catalog-service', docFile: doc, docLine: 18, runbook },
    { ref: 'resource:catalog-redis', docFile: doc, docLine: 18, runbook },
    { ref: 'cache:catalog-service.product-by-id', docFile: doc, docLine: 18, runbook },
    { ref: 'cache:catalog-service.category-listing', docFile: doc, docLine: 18, runbook },
    { ref: 'cache:catalog-service.price-by-sku', docFile: doc, docLine: 18, runbook },
  ]);
});

test('orders.cache.yaml: a cache\'s own `docs:` with an anchor lands on that heading', () => {
  const doc = 'docs/services/orders-service.md';
  const runbook = 'docs/runbooks/orders-cache.md';
  assert.deepEqual(docsOf('services/orders/orders.cache.yaml'), [
    { ref: 'component:orders-service', docFile: doc, docLine: 20, runbook },
    { ref: 'resource:orders-redis', docFile: doc, docLine: 20, runbook },
    { ref: 'resource:orders-local', docFile: doc, docLine: 20, runbook },
    { ref: 'cache:orders-service.order-summary', docFile: doc, docLine: 28, runbook },
    { ref: 'cache:orders-service.fx-rates', docFile: doc, docLine: 20, runbook },
  ]);
});

test('catalog-search.cache.json: an anchor on metadata.docs applies to every cache and backend; no runbook file, no runbook', () => {
  const doc = 'docs/services/catalog-service.md';
  const runbook = 'docs/runbooks/catalog-cache.md';
  assert.deepEqual(docsOf('services/catalog/catalog-search.cache.json'), [
    { ref: 'component:catalog-service', docFile: doc, docLine: 35, runbook },
    { ref: 'resource:catalog-search-local', docFile: doc, docLine: 35, runbook },
    { ref: 'cache:catalog-service.search-results', docFile: doc, docLine: 35, runbook },
  ]);
  assert.deepEqual(docsOf('services/inventory/inventory.cache.yaml'), [
    { ref: 'component:inventory-service', docFile: 'docs/services/inventory-service.md', docLine: 14, runbook: undefined },
    { ref: 'resource:inventory-memcached', docFile: 'docs/services/inventory-service.md', docLine: 14, runbook: undefined },
    { ref: 'cache:inventory-service.stock-level', docFile: 'docs/services/inventory-service.md', docLine: 14, runbook: undefined },
  ]);
});

test('in the graph, a doc that declares the entity wins over the config\'s docs; caches keep the config\'s', () => {
  const catalog = new Catalog();
  for (const file of ['services/catalog/catalog.cache.yaml', 'docs/resources/catalog-redis.md', 'docs/services/catalog-service.md']) {
    catalog.updateFile(path.join(EXAMPLES, file), fs.readFileSync(path.join(EXAMPLES, file), 'utf8'));
  }
  const of = (ref: string) => {
    const e = catalog.entity(ref)!;
    return { docFile: rel(e.docFile), docLine: e.docLine, runbook: rel(e.runbook) };
  };
  assert.deepEqual(of('resource:catalog-redis'), { docFile: 'docs/resources/catalog-redis.md', docLine: 16, runbook: 'docs/runbooks/catalog-cache.md' });
  assert.deepEqual(of('cache:catalog-service.product-by-id'), { docFile: 'docs/services/catalog-service.md', docLine: 18, runbook: 'docs/runbooks/catalog-cache.md' });
  assert.deepEqual(of('component:catalog-service'), { docFile: 'docs/services/catalog-service.md', docLine: 18, runbook: 'docs/runbooks/catalog-cache.md' });
});

test('a heading named like the cache wins over the first heading; URLs and missing files are no doc', () => {
  const text = '---\nid: x\n---\n# Catalog\n\n```\n# not a heading\n```\n## The `product-by-id` cache\n\n## product-by-id\n';
  assert.deepEqual(markdownHeadings(text).map((h) => [h.line, h.slug]), [[3, 'catalog'], [8, 'the-product-by-id-cache'], [10, 'product-by-id']]);
  assert.equal(headingLine(text, undefined, ['product-by-id']), 10);
  assert.equal(headingLine(text, 'the-product-by-id-cache', ['product-by-id']), 8);
  assert.equal(headingLine(text, 'missing', ['other']), 3);
  assert.equal(headingSlug('Order summary cache'), 'order-summary-cache');
  assert.deepEqual(splitPathValue('docs/a.md#b'), { path: 'docs/a.md', anchor: 'b' });
  assert.equal(splitPathValue('https://wiki.example.com/runbooks/catalog-cache'), undefined);
  const config = path.join(EXAMPLES, 'services/catalog/catalog.cache.yaml');
  assert.equal(resolvePathValue(config, 'docs/missing.md'), undefined);
  assert.equal(resolvePathValue(config, 'https://wiki.example.com/x.md'), undefined);
  assert.deepEqual(resolvePathValue(config, '../../docs/runbooks/catalog-cache.md#2-redis-full-and-not-evicting'), { file: path.join(EXAMPLES, 'docs/runbooks/catalog-cache.md'), anchor: '2-redis-full-and-not-evicting' });
  // The walk up stops at the workspace root.
  assert.equal(resolvePathValue(config, 'docs/services/catalog-service.md', path.join(EXAMPLES, 'services')), undefined);
});
