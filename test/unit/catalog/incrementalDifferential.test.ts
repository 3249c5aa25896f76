// Every incremental path (in-place refresh, incremental update of the index) must leave the catalog exactly as
// a fresh build from the same files would be: relations, adjacency, diagnostics and resolved refs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Catalog } from '../../../src/core/catalog/catalog';
import { catalogOf, fixtureFiles, relationLines } from './fixtureCatalog';

function snapshot(c: Catalog): unknown {
  const refs = [...c.entities.keys()].sort();
  return {
    entities: refs.map((ref) => JSON.stringify(c.entity(ref))),
    relations: relationLines(c),
    adjacency: refs.map((ref) => [ref, c.outgoing(ref).map((r) => `${r.type}>${r.to}`).sort(), c.incoming(ref).map((r) => `${r.type}<${r.from}`).sort()]),
    diagnostics: [...c.allDiagnostics()].map(([file, list]) => [file, list.map((d) => `${d.code} ${d.range.start.line}:${d.range.start.character} ${d.message}`)]),
    refs: c.files().map((f) => [f, c.refsInFile(f).map((r) => `${r.text}→${r.target}`)]),
  };
}

test('random dependsOn edits: the incrementally updated catalog equals a fresh build after every step', () => {
  const files = fixtureFiles('basic');
  const docs = ['docs/services/catalog-service.md', 'docs/storefront-web.md', 'docs/resources/catalog-db.md', 'docs/resources/catalog-redis.md'];
  const targets = ['resource:catalog-db', 'catalog-redis', 'ghost', 'catalog-api', 'resource:pricing-db', 'search-indexer', 'component:catalog-service', 'ghost', 'catalog-db'];
  // One `dependsOn: [...]` line right after `kind:` in every doc, so edits keep every other line in
  // place (the entities stay put and the patch path is taken).
  const current = new Map(files);
  for (const file of docs) {
    assert.ok(current.has(file), `fixture ${file} is missing`);
    const text = current.get(file)!.replace(/^dependsOn:.*\n(?:  - .*\n)*/m, '');
    current.set(file, text.replace(/^(kind: .*\n)/m, '$1dependsOn: []\n'));
    // Each doc must now have exactly one `dependsOn: []` line for the edits below to rewrite (and a
    // title line to retitle); otherwise every step would compare two identical, unedited catalogs.
    assert.equal(current.get(file)!.match(/^dependsOn:.*$/gm)?.join('|'), 'dependsOn: []', file);
    assert.match(current.get(file)!, /^title: .*$/m, file);
  }
  const catalog = catalogOf(current);
  let seed = 7;
  const random = (n: number): number => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) >>> 16) % n;
  // Steps whose edit changed the relations, or a title: the incremental paths were really taken.
  // (Seeded: 127 and 47 of the 150 steps when this was written; the bounds are about half.)
  let relationChanges = 0;
  let retitles = 0;
  for (let step = 0; step < 150; step++) {
    const file = docs[random(docs.length)];
    const deps = Array.from({ length: random(4) }, () => targets[random(targets.length)]);
    const withDeps = current.get(file)!.replace(/^dependsOn: .*$/m, `dependsOn: [${deps.join(', ')}]`);
    const retitled = random(3) === 0 ? withDeps.replace(/^title: .*$/m, `title: Title ${step}`) : withDeps;
    const relationsBefore = relationLines(catalog).join('\n');
    current.set(file, retitled);
    catalog.updateFile(file, retitled);
    assert.deepEqual(snapshot(catalog), snapshot(catalogOf(current)), `step ${step}: ${file} dependsOn [${deps.join(', ')}]`);
    if (relationLines(catalog).join('\n') !== relationsBefore) relationChanges++;
    if (retitled !== withDeps) retitles++;
  }
  assert.ok(relationChanges >= 60, `only ${relationChanges} of 150 edits changed the relations`);
  assert.ok(retitles >= 20, `only ${retitles} of 150 edits changed a title`);
});
