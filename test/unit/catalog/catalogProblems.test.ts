import { test } from 'node:test';
import assert from 'node:assert/strict';
import { catalogOf } from './fixtureCatalog';

const doc = (lines: string[]): string => lines.join('\n') + '\n';

test('an unresolved ref is reported at the ref, with what to do', () => {
  const catalog = catalogOf({
    'docs/a.md': doc(['---', 'id: a', 'kind: component', 'dependsOn:', '  - resource:catalog-dbb', '  - b', '---', '# A']),
    'docs/b.md': doc(['---', 'id: b', 'kind: component', '---']),
  });
  assert.deepEqual(catalog.diagnostics('docs/a.md'), [
    {
      code: 'catalog-unresolved-ref',
      severity: 'warning',
      message: '`resource:catalog-dbb` (dependsOn) matches no entity in the catalog. Declare `resource:catalog-dbb` in a doc\'s front matter or a catalog-info.yaml, or fix the name.',
      range: { start: { line: 4, character: 4 }, end: { line: 4, character: 24 } },
      source: 'cache-warden (catalog)',
      docsUrl: 'docs/catalog.md#unresolved-refs',
      data: { ref: 'resource:catalog-dbb', field: 'dependsOn' },
    },
  ]);
});

test('a ref without a kind takes the field\'s default kind only, and names the same-named entities of other kinds', () => {
  // Before: `orders` matched "any kind if unique" and was ambiguous here; now consumesApis looks for an api only.
  const catalog = catalogOf({
    'docs/a.md': doc(['---', 'id: a', 'kind: component', 'consumesApis: [orders]', '---']),
    'docs/orders-db.md': doc(['---', 'id: orders', 'kind: resource', '---']),
    'docs/orders-svc.md': doc(['---', 'id: orders', 'kind: component', '---']),
  });
  const [d] = catalog.diagnostics('docs/a.md');
  assert.equal(d.message, '`orders` (consumesApis): no api named orders (there are a component orders and a resource orders: write `component:orders` or `resource:orders` if that is meant).');
  assert.equal(d.severity, 'warning');
  assert.deepEqual(d.range, { start: { line: 3, character: 15 }, end: { line: 3, character: 21 } });
  assert.equal(catalog.outgoing('component:a').length, 0, 'no relation to an entity of another kind');
});

test('an unknown backend in a cache config is reported at `backend`; owner and system refs are labels, never errors', () => {
  const catalog = catalogOf({
    'svc.cache.yaml': doc([
      'apiVersion: cache-warden/v1', 'kind: CacheLayer', 'metadata:', '  service: svc', '  owner: team-nobody-documents',
      'spec:', '  backends:', '    - { name: redis-a, type: redis }', '  caches:', '    - name: c1', '      backend: redis-b', '      fronts: { name: db }',
    ]),
    'docs/x.md': doc(['---', 'id: x', 'kind: component', 'system: undocumented-system', 'owner: team-x', '---']),
  });
  assert.deepEqual(catalog.diagnostics('svc.cache.yaml').map((d) => [d.code, d.message, d.range]), [
    ['catalog-unresolved-ref', '`redis-b` (backend) matches no entity in the catalog. Declare `resource:redis-b` in a doc\'s front matter or a catalog-info.yaml, or fix the name.',
      { start: { line: 10, character: 15 }, end: { line: 10, character: 22 } }],
  ]);
  assert.deepEqual(catalog.diagnostics('docs/x.md'), []);
});

test('duplicate ids: every declaration is reported at its id, pointing at the others', () => {
  const catalog = catalogOf({
    'docs/one.md': doc(['---', 'id: catalog-db', 'kind: resource', '---']),
    'docs/two.md': doc(['---', 'kind: resource', 'id: Catalog-DB', '---']),
    // A doc and a catalog-info entry for the same entity describe it together: not a duplicate.
    'catalog-info.yaml': doc(['apiVersion: backstage.io/v1alpha1', 'kind: Resource', 'metadata:', '  name: catalog-db']),
  });
  assert.deepEqual(catalog.diagnostics('docs/one.md').map((d) => [d.code, d.severity, d.message, d.range, d.related]), [
    ['catalog-duplicate-entity', 'error', '`resource:catalog-db` is declared more than once; it is also declared in docs/two.md:3. Give each entity a unique id.',
      { start: { line: 1, character: 4 }, end: { line: 1, character: 14 } },
      [{ uri: 'docs/two.md', range: { start: { line: 2, character: 4 }, end: { line: 2, character: 14 } }, message: '`resource:catalog-db` is also declared here.' }]],
  ]);
  assert.deepEqual(catalog.diagnostics('docs/two.md').map((d) => d.range), [{ start: { line: 2, character: 4 }, end: { line: 2, character: 14 } }]);
  assert.deepEqual(catalog.diagnostics('catalog-info.yaml'), []);
});

test('a dependency cycle is reported on each edge that closes it, with the cycle spelled out', () => {
  const catalog = catalogOf({
    'docs/a.md': doc(['---', 'id: a', 'kind: component', 'dependsOn: [b]', '---']),
    'docs/b.md': doc(['---', 'id: b', 'kind: component', 'dependsOn:', '  - c', '  - d', '---']),
    'docs/c.md': doc(['---', 'id: c', 'kind: component', 'dependsOn: [component:a]', '---']),
    'docs/d.md': doc(['---', 'id: d', 'kind: component', 'dependsOn: [d]', '---']),
  });
  const problems = [...catalog.allDiagnostics()].flatMap(([file, list]) => list.map((d) => `${file}:${d.range.start.line}:${d.range.start.character}-${d.range.end.character} ${d.message}`));
  const tail = ' A service that needs itself cannot start or fail on its own; break one of these dependencies.';
  assert.deepEqual(problems, [
    `docs/a.md:3:12-13 Dependency cycle: component:a → component:b → component:c → component:a.${tail}`,
    `docs/b.md:4:4-5 Dependency cycle: component:b → component:c → component:a → component:b.${tail}`,
    `docs/c.md:3:12-23 Dependency cycle: component:c → component:a → component:b → component:c.${tail}`,
    `docs/d.md:3:12-13 Dependency cycle: component:d → component:d.${tail}`,
  ]);
});
