import { test } from 'node:test';
import assert from 'node:assert/strict';
import { entityHoverMarkdown, escapeMarkdown } from '../../../src/core/catalog/entityHover';
import { catalogOf, fixtureFiles } from './fixtureCatalog';

test('ref hover: title, kind, owner, first doc paragraph and the two links', () => {
  const catalog = catalogOf(fixtureFiles('basic'));
  const md = entityHoverMarkdown(catalog.entity('resource:catalog-db')!, { openDoc: 'command:open?x', showInDiagram: 'command:diagram?y' }, 'docs/resources/catalog-db.md');
  assert.equal(md, [
    '**Catalog DB** `resource:catalog-db`',
    'resource (database) · owner team\\-catalog · system storefront',
    'PostgreSQL primary holding products\\.',
    '[Open doc](command:open?x "docs/resources/catalog-db.md") · [Show in diagram](command:diagram?y)',
  ].join('\n\n'));
});

test('ref hover of an undocumented entity says so; hostile doc text stays text', () => {
  const catalog = catalogOf({
    'docs/x.md': '---\nid: x\nkind: component\ntitle: "[click](command:evil) <img src=x>"\n---\n# X\n\nSee [here](javascript:alert(1)) **now**\n',
  });
  const md = entityHoverMarkdown(catalog.entity('component:x')!, { showInDiagram: 'command:d' });
  assert.equal(md.split('\n\n')[0], '**\\[click\\]\\(command:evil\\) &lt;img src=x&gt;** `component:x`');
  assert.equal(md.split('\n\n')[2], 'See \\[here\\]\\(javascript:alert\\(1\\)\\) \\*\\*now\\*\\*');
  assert.equal(escapeMarkdown('a_b'), 'a\\_b');
  const undocumented = catalogOf({ 'x.cache.yaml': 'apiVersion: cache-warden/v1\nkind: CacheLayer\nmetadata: { service: svc }\nspec: {}\n' });
  assert.equal(entityHoverMarkdown(undocumented.entity('component:svc')!, { showInDiagram: 'command:d' }), '**svc** `component:svc`\n\ncomponent\n\n[Show in diagram](command:d) · _no doc declares this entity_');
});
