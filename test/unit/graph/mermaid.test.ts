import { test } from 'node:test';
import assert from 'node:assert/strict';
import { catalogOf } from '../catalog/fixtureCatalog';
import { buildView } from '../../../src/core/graph/buildView';
import { escapeMermaidLabel, MERMAID_LIMITS, toMermaid } from '../../../src/core/graph/mermaid';
import { toDot } from '../../../src/core/graph/dot';

const hostile = catalogOf({
  'docs/evil.md': [
    '---',
    'id: evil-service',
    'kind: component',
    `title: '<script>alert("x")</script> ] # \`tick\` it''s'`,
    'dependsOn: [resource:orders-db]',
    '---',
  ].join('\n'),
  'docs/orders-db.md': '---\nid: orders-db\nkind: resource\ntype: database\ntitle: Orders DB\n---\n',
  'orders.cache.yaml': [
    'apiVersion: cache-warden/v1',
    'kind: CacheLayer',
    'metadata: { service: evil-service }',
    'spec:',
    '  backends: [{ name: orders-redis, type: redis }]',
    '  caches:',
    '    - { name: order-by-id, backend: orders-redis, fronts: { name: orders-db } }',
  ].join('\n'),
});

test('labels are entity-coded: markup, quotes, brackets, # and backticks show as text', () => {
  assert.equal(escapeMermaidLabel('<script>alert("x")</script> ] # `a`'), '#60;script#62;alert(#34;x#34;)#60;/script#62; #93; #35; #96;a#96;');
  assert.equal(escapeMermaidLabel('line\nbreak;end'), 'line break#59;end');
  assert.equal(escapeMermaidLabel('Café ñ 数据'), 'Café ñ 数据');
  assert.equal(escapeMermaidLabel('x'.repeat(70)), 'x'.repeat(60) + '…');
});

test('the mermaid text of a focus view is exact: shapes, escaped labels, status counts, classes', () => {
  const status = new Map([['resource:orders-redis', { errors: 1, warnings: 3, rules: ['CW007', 'CW008'] }]]);
  const view = buildView(hostile, { focus: 'component:evil-service', depth: 2, direction: 'down' }, status);
  const text = toMermaid(view, { layout: 'elk', direction: 'LR' });
  assert.equal(text, [
    '---',
    'config:',
    '  layout: elk',
    '---',
    'flowchart LR',
    '  n_cache_3aevil_2dservice_2eorder_2dby_2did[["order-by-id"]]',
    '  n_component_3aevil_2dservice["#60;script#62;alert(#34;x#34;)#60;/script#62; #93; #35; #96;tick#96; it#39;s"]',
    '  n_resource_3aorders_2ddb[("Orders DB")]',
    '  n_resource_3aorders_2dredis["orders-redis ✖ 1 ⚠ 3"]',
    '  n_cache_3aevil_2dservice_2eorder_2dby_2did -->|stored in| n_resource_3aorders_2dredis',
    '  n_cache_3aevil_2dservice_2eorder_2dby_2did --->|fronts| n_resource_3aorders_2ddb',
    '  n_component_3aevil_2dservice --> n_resource_3aorders_2ddb',
    '  n_component_3aevil_2dservice -->|uses| n_cache_3aevil_2dservice_2eorder_2dby_2did',
    '  classDef cwError stroke:#d13438,stroke-width:3px',
    '  class n_resource_3aorders_2dredis cwError',
    '  classDef cwOk stroke-width:1px',
    '  class n_cache_3aevil_2dservice_2eorder_2dby_2did,n_component_3aevil_2dservice,n_resource_3aorders_2ddb cwOk',
    '  classDef cwService fill:#e8f0fe,stroke:#4a6fa5',
    '  class n_component_3aevil_2dservice cwService',
    '  classDef cwCache fill:#fff4ce,stroke:#b08800',
    '  class n_cache_3aevil_2dservice_2eorder_2dby_2did,n_resource_3aorders_2dredis cwCache',
    '  classDef cwDatastore fill:#e6f4ea,stroke:#2e7d32',
    '  class n_resource_3aorders_2ddb cwDatastore',
    '  classDef cwFocus stroke:#0078d4,stroke-width:4px',
    '  class n_component_3aevil_2dservice cwFocus',
    '',
  ].join('\n'));
  // Deterministic: a rebuilt view renders to the same text.
  assert.equal(toMermaid(buildView(hostile, { focus: 'component:evil-service', depth: 2, direction: 'down' }, status), { layout: 'elk', direction: 'LR' }), text);
  // Nothing from the doc reaches the text raw.
  assert.ok(!/<|>|"x"|`/.test(text.replace(/\["|"\]|\[\("|"\)\]|\[\["|"\]\]|-->/g, '')));
  assert.deepEqual(view.nodes.find((n) => n.ref === 'resource:orders-redis')?.status, { errors: 1, warnings: 3, rules: ['CW007', 'CW008'] });
});

test('dagre layout has no config block; a what-reaches view draws path and bypass edges', () => {
  const view = buildView(hostile, { reaches: 'resource:orders-db' });
  const text = toMermaid(view, { layout: 'dagre' });
  assert.ok(text.startsWith('flowchart LR\n'));
  assert.ok(text.includes('  n_cache_3aevil_2dservice_2eorder_2dby_2did ===>|fronts| n_resource_3aorders_2ddb\n'));
  assert.ok(text.includes('  n_component_3aevil_2dservice ==> n_resource_3aorders_2ddb\n'));
  assert.ok(!text.includes('linkStyle'), 'the direct dependency is covered by the service\'s own cache');
});

const shop = catalogOf({
  'docs/shop.md': `---\nid: shop\nkind: system\ntitle: 'Shop <b>"&"</b>'\n---\n# Shop\n`,
  'docs/web.md': '---\nid: web\nkind: component\nsystem: shop\ndependsOn: [resource:shop-db]\n---\n',
  'docs/shop-db.md': '---\nid: shop-db\nkind: resource\ntype: database\nsystem: shop\n---\n',
  'docs/mail.md': '---\nid: mail\nkind: component\n---\n',
});

test('a small view draws its systems as subgraphs: escaped title, members inside, no "part of" edges', () => {
  const status = new Map([['system:shop', { errors: 0, warnings: 2, rules: ['schema-required'] }], ['resource:shop-db', { errors: 1, warnings: 0, rules: ['CW001'] }]]);
  const view = buildView(shop, {}, status);
  const text = toMermaid(view, { layout: 'dagre' });
  assert.equal(text, [
    'flowchart LR',
    '  n_component_3amail["mail"]',
    '  subgraph c_system_3ashop["Shop #60;b#62;#34;#38;#34;#60;/b#62; ⚠ 2"]',
    '    n_component_3aweb["web"]',
    '    n_resource_3ashop_2ddb[("shop-db ✖ 1")]',
    '  end',
    '  n_component_3aweb --> n_resource_3ashop_2ddb',
    '  classDef cwError stroke:#d13438,stroke-width:3px',
    '  class n_resource_3ashop_2ddb cwError',
    '  classDef cwOk stroke-width:1px',
    '  class n_component_3amail,n_component_3aweb cwOk',
    '  classDef cwService fill:#e8f0fe,stroke:#4a6fa5',
    '  class n_component_3amail,n_component_3aweb cwService',
    '  classDef cwDatastore fill:#e6f4ea,stroke:#2e7d32',
    '  class n_resource_3ashop_2ddb cwDatastore',
    '',
  ].join('\n'));
  assert.equal(toMermaid(buildView(shop, {}, status), { layout: 'dagre' }), text, 'deterministic');
  assert.deepEqual(view.clusters?.map((c) => [c.ref, c.status]), [['system:shop', { errors: 0, warnings: 2, rules: ['schema-required'] }]]);
  // DOT draws the same boxes as clusters.
  assert.ok(toDot(view).includes('  subgraph cluster_c_system_3ashop { label="Shop <b>\\"&\\"</b>"; n_component_3aweb; n_resource_3ashop_2ddb; }\n'), toDot(view));
});

test('toMermaid refuses a hand-made view beyond the mermaid limits instead of letting mermaid drop it silently', () => {
  const edges = Array.from({ length: MERMAID_LIMITS.maxEdges + 1 }, (_, i) => ({ from: 'a', to: `b${i}`, type: 'dependsOn' }));
  assert.throws(() => toMermaid({ nodes: [], edges, title: 't' }, { layout: 'dagre' }), /2001 edges; mermaid is configured for at most 2000/);
});

test('dot output quotes labels', () => {
  const view = buildView(hostile, { focus: 'component:evil-service', depth: 1, direction: 'down' });
  const dot = toDot(view);
  assert.ok(dot.includes('n_component_3aevil_2dservice [label="<script>alert(\\"x\\")</script> ] # `tick` it\'s", shape=box, style=bold];'), dot);
  assert.ok(dot.startsWith('digraph catalog {\n  rankdir=LR;\n'));
});
