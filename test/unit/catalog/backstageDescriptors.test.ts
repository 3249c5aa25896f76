// Backstage descriptors read as Backstage reads them: refs `[kind:][namespace/]name` with each
// field's default kind and no guessing across kinds, name rules, every core kind, kinds not drawn,
// and discovery by content, Location targets and `catalog.files` — on disk and in the editor.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildGraph } from '../../../src/core/catalog/buildGraph';
import { catalogRoleOf, contributionOf } from '../../../src/core/catalog/catalog';
import { formatRef, isValidEntityName, isValidNamespace, parseRef } from '../../../src/core/catalog/entityRef';
import { CONTENT_RECOGNISERS, HEAD_BYTES, isContentCandidate, recogniseContent } from '../../../src/core/workspace/contentRecognisers';
import { WorkspaceModel } from '../../../src/core/workspace/workspaceModel';
import { catalogOf, relationLines } from './fixtureCatalog';

const SCHEMAS = path.resolve(__dirname, '../../../../schemas');
const ORG = path.resolve(__dirname, '../../../../test/fixtures/backstage-org');
const yaml = (lines: string[]): string => lines.join('\n') + '\n';
const temps: string[] = [];
after(() => {
  for (const dir of temps) fs.rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'cw-backstage-')));
  temps.push(dir);
  return dir;
}

function write(root: string, relative: string, text: string): string {
  const file = path.join(root, relative);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return file;
}

const component = (name: string, spec: string[] = [], metadata: string[] = []): string[] => [
  'apiVersion: backstage.io/v1alpha1', 'kind: Component', 'metadata:', `  name: ${name}`, ...metadata.map((l) => `  ${l}`), 'spec:', '  type: service', '  owner: team-a', ...spec.map((l) => `  ${l}`),
];

test('refs: [kind:][namespace/]name, lower-case kind and namespace, names that hold a slash stay whole', () => {
  assert.deepEqual(parseRef('Component:Payments/Ledger'), { kind: 'component', namespace: 'payments', name: 'Ledger' });
  assert.deepEqual(parseRef('default/catalog-db'), { namespace: 'default', name: 'catalog-db' });
  assert.deepEqual(parseRef('template:svc'), { unknownKind: 'template', name: 'svc' });
  assert.deepEqual(parseRef('cache:gateway.pages (location /api/)'), { kind: 'cache', name: 'gateway.pages (location /api/)' });
  assert.equal(formatRef('component', 'Ledger', 'payments'), 'component:payments/ledger');
  assert.equal(formatRef('component', 'Ledger', 'default'), 'component:ledger', 'the default namespace is not written: old refs keep their keys');
});

test('names and namespaces follow Backstage\'s rules', () => {
  for (const ok of ['a', 'catalog-db', 'A.b_c-9', 'x'.repeat(63)]) assert.ok(isValidEntityName(ok), ok);
  for (const bad of ['', 'invalid component', '-lead', 'trail-', 'a--b', 'a/b', 'x'.repeat(64), 'ünïcode']) assert.ok(!isValidEntityName(bad), bad);
  for (const ok of ['default', 'payments', 'team-9']) assert.ok(isValidNamespace(ok), ok);
  for (const bad of ['Payments', 'a_b', 'a.b', '-a', 'x'.repeat(64)]) assert.ok(!isValidNamespace(bad), bad);
});

test('descriptor problems: invalid name or namespace, no name, no kind — each at its line, the entity left out', () => {
  const catalog = catalogOf({
    'teams.yaml': [
      yaml(component('invalid component')),
      yaml(component('fine', [], ['namespace: Payments'])),
      yaml(['apiVersion: backstage.io/v1alpha1', 'kind: API', 'metadata:', '  title: No name']),
      yaml(['apiVersion: backstage.io/v1alpha1', 'metadata:', '  name: no-kind']),
      yaml(component('42')),
    ].join('---\n'),
  });
  assert.deepEqual(catalog.diagnostics('teams.yaml').map((d) => [d.range.start.line, d.severity, d.code, d.message]), [
    [3, 'error', 'catalog-invalid-name', '`invalid component` is not a valid Backstage name: 1–63 letters or digits, separated by `-`, `_` or `.`. Backstage rejects this Component; it is not in the graph.'],
    [12, 'error', 'catalog-invalid-name', '`Payments` is not a valid Backstage namespace: 1–63 lower-case letters or digits, separated by `-`. Backstage rejects this Component; it is not in the graph.'],
    [18, 'error', 'catalog-invalid-entity', 'This API has no `metadata.name`, so Backstage rejects it and it is not in the graph.'],
    [22, 'error', 'catalog-invalid-entity', 'This Backstage entity has no `kind`, so Backstage rejects it and it is not in the graph.'],
  ]);
  assert.deepEqual([...catalog.entities.keys()], ['component:42']);
});

test('kinds not modelled are counted by kind, never dropped; other documents of a multi-document file are not entities', () => {
  const catalog = catalogOf({
    'deploy/search.yaml': [
      yaml(['apiVersion: apps/v1', 'kind: Deployment', 'metadata:', '  name: search']),
      yaml(component('search')),
      yaml(['apiVersion: scaffolder.backstage.io/v1beta3', 'kind: Template', 'metadata:', '  name: svc-template', 'spec:', '  type: service']),
      yaml(['apiVersion: backstage.io/v1alpha1', 'kind: Cache', 'metadata:', '  name: not-ours']),
    ].join('---\n'),
  });
  assert.deepEqual([...catalog.entities.keys()], ['component:search']);
  assert.deepEqual([...catalog.undrawnKinds()], [['Cache', 1], ['Template', 1]]);
  assert.deepEqual(catalog.undrawnEntities().map((u) => [u.kind, u.name, u.line]), [['Template', 'svc-template', 16], ['Cache', 'not-ours', 23]]);
});

test('every relation field of every core kind, with Backstage\'s default kinds; the reverse is derived', () => {
  const catalog = catalogOf({
    'all.yaml': [
      yaml(['apiVersion: backstage.io/v1alpha1', 'kind: Domain', 'metadata: { name: media }', 'spec: { owner: org }']),
      yaml(['apiVersion: backstage.io/v1alpha1', 'kind: Domain', 'metadata: { name: audio }', 'spec: { owner: org, subdomainOf: media }']),
      yaml(['apiVersion: backstage.io/v1alpha1', 'kind: System', 'metadata: { name: player }', 'spec: { owner: team-a, domain: audio }']),
      yaml(['apiVersion: backstage.io/v1alpha1', 'kind: Group', 'metadata: { name: org }', 'spec: { type: organization, children: [team-a] }']),
      yaml(['apiVersion: backstage.io/v1alpha1', 'kind: Group', 'metadata: { name: team-a }', 'spec: { type: team, parent: org, children: [], members: [ann] }']),
      yaml(['apiVersion: backstage.io/v1alpha1', 'kind: User', 'metadata: { name: ann }', 'spec: { memberOf: [team-a] }']),
      yaml(component('web', ['system: player', 'dependsOn: [component:core, resource:db]', 'consumesApis: [core-api]'])),
      yaml(component('core', ['system: player', 'providesApis: [core-api]', 'dependencyOf: [component:web]'])),
      yaml(component('core-part', ['subcomponentOf: core'])),
      yaml(['apiVersion: backstage.io/v1alpha1', 'kind: API', 'metadata: { name: core-api }', 'spec: { type: openapi, owner: team-a, system: player }']),
      yaml(['apiVersion: backstage.io/v1alpha1', 'kind: Resource', 'metadata: { name: db }', 'spec: { type: database, owner: user:ann, dependsOn: [resource:disk] }']),
      yaml(['apiVersion: backstage.io/v1alpha1', 'kind: Resource', 'metadata: { name: disk }', 'spec: { type: volume, owner: team-a }']),
    ].join('---\n'),
  });
  assert.deepEqual(relationLines(catalog, (type) => !['ownedBy', 'ownerOf'].includes(type)), [
    'api:core-api -apiProvidedBy-> component:core *',
    'api:core-api -apiConsumedBy-> component:web *',
    'api:core-api -partOf-> system:player',
    'component:core -dependencyOf-> component:web *',
    'component:core -hasPart-> component:core-part *',
    'component:core -partOf-> system:player',
    'component:core -providesApi-> api:core-api',
    'component:core-part -partOf-> component:core',
    'component:web -consumesApi-> api:core-api',
    'component:web -dependsOn-> component:core',
    'component:web -dependsOn-> resource:db',
    'component:web -partOf-> system:player',
    'domain:audio -hasPart-> system:player *',
    'domain:audio -partOf-> domain:media',
    'domain:media -hasPart-> domain:audio *',
    'group:org -parentOf-> group:team-a *',
    'group:team-a -childOf-> group:org',
    'group:team-a -hasMember-> user:ann *',
    'resource:db -dependencyOf-> component:web *',
    'resource:db -dependsOn-> resource:disk',
    'resource:disk -dependencyOf-> resource:db *',
    'system:player -hasPart-> api:core-api *',
    'system:player -hasPart-> component:core *',
    'system:player -hasPart-> component:web *',
    'system:player -partOf-> domain:audio',
    'user:ann -memberOf-> group:team-a',
  ].sort());
  assert.ok(relationLines(catalog).includes('resource:db -ownedBy-> user:ann'));
  assert.equal(catalog.entity('system:player')?.domain, 'audio');
  assert.deepEqual([...catalog.allDiagnostics()], []);
});

test('no guessing across kinds: a ref takes its field\'s default kind, and the message names what else has the name', () => {
  const catalog = catalogOf({
    'catalog-info.yaml': [
      yaml(component('playback-order')),
      yaml(component('queue', ['providesApis: [playback-order]', 'dependsOn: [playback-order]'])),
      yaml(['apiVersion: backstage.io/v1alpha1', 'kind: User', 'metadata: { name: jdoe }', 'spec: { memberOf: [] }']),
      yaml(component('owned', [], []).map((l) => l.replace('owner: team-a', 'owner: jdoe'))),
    ].join('---\n'),
  });
  assert.deepEqual(catalog.diagnostics('catalog-info.yaml').map((d) => [d.range.start.line, d.severity, d.code, d.message]), [
    [15, 'warning', 'catalog-unresolved-ref', '`playback-order` (providesApis): no api named playback-order (there is a component playback-order: write `component:playback-order` if that is meant).'],
    [16, 'warning', 'catalog-ref-without-kind', '`playback-order` (dependsOn) has no kind: Backstage requires one in `dependsOn` and rejects the entity without it. Write `component:playback-order` or `resource:playback-order`; Cache Warden reads it as `component:playback-order`.'],
    // owner is a label when nobody declares it; here a user has the name: a hint, not a warning.
    [29, 'information', 'catalog-unresolved-ref', '`jdoe` (owner): no group named jdoe (there is a user jdoe: write `user:jdoe` if that is meant).'],
  ]);
  assert.deepEqual(relationLines(catalog, (type) => type === 'dependsOn' || type === 'providesApi'), ['component:queue -dependsOn-> component:playback-order']);
});

test('front matter and cache configs keep their documented default kinds; dependsOn without a kind is no warning there', () => {
  const catalog = catalogOf({
    'docs/svc.md': '---\nid: catalog-service\nkind: component\ndependsOn: [catalog-web, resource:catalog-db]\n---\n# Service\n',
    'docs/web.md': '---\nid: catalog-web\nkind: component\n---\n# Web\n',
    'svc.cache.yaml': yaml(['apiVersion: cache-warden/v1', 'kind: CacheLayer', 'metadata:', '  service: catalog-service', 'spec:', '  backends:', '    - { name: redis, type: redis }',
      '  caches:', '    - name: c', '      backend: redis', '      fronts: { name: catalog-db }']),
  });
  assert.deepEqual([...catalog.allDiagnostics()], []);
  assert.deepEqual(relationLines(catalog, (type) => ['dependsOn', 'fronts', 'usesCache'].includes(type)), [
    'cache:catalog-service.c -fronts-> resource:catalog-db',
    'component:catalog-service -dependsOn-> component:catalog-web',
    'component:catalog-service -dependsOn-> resource:catalog-db',
    'component:catalog-service -usesCache-> cache:catalog-service.c',
  ]);
});

test('namespaces: refs without one are read in the writer\'s namespace; the same name in two namespaces is two entities', () => {
  const catalog = catalogOf({
    'a.yaml': [
      yaml(component('ledger', ['dependsOn: [resource:db]'])),
      yaml(component('ledger', ['dependsOn: [resource:db, component:default/ledger]', 'system: billing'], ['namespace: payments'])),
      yaml(['apiVersion: backstage.io/v1alpha1', 'kind: Resource', 'metadata: { name: db, namespace: payments }', 'spec: { type: database, owner: team-a }']),
      yaml(['apiVersion: backstage.io/v1alpha1', 'kind: System', 'metadata: { name: billing, namespace: payments }', 'spec: { owner: team-a }']),
    ].join('---\n'),
  });
  assert.deepEqual(relationLines(catalog, (type) => type === 'dependsOn' || type === 'partOf'), [
    'component:payments/ledger -dependsOn-> component:ledger',
    'component:payments/ledger -dependsOn-> resource:payments/db',
    'component:payments/ledger -partOf-> system:payments/billing',
  ]);
  assert.deepEqual(catalog.diagnostics('a.yaml').map((d) => d.message), [
    '`resource:db` (dependsOn): no resource named db (there is a resource payments/db: write `resource:payments/db` if that is meant).',
  ]);
  assert.equal(catalog.entity('component:payments/ledger')?.system, 'payments/billing');
});

test('incremental == reference assembler on the backstage-org catalog, file by file and with files removed', () => {
  const files = new Map<string, string>();
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const abs = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(abs);
      else files.set(path.relative(ORG, abs).split(path.sep).join('/'), fs.readFileSync(abs, 'utf8'));
    }
  };
  walk(ORG);
  const reference = (current: Map<string, string>) => {
    const contributions = [...current].filter(([file, text]) => catalogRoleOf(file, text)).map(([file, text]) => contributionOf(file, catalogRoleOf(file, text)!, text));
    const g = buildGraph(contributions.filter((c) => c.entities.length || c.refs.length));
    return {
      relations: g.relations.map((r) => `${r.from} -${r.type}-> ${r.to}${r.derived ? ' *' : ''}`).sort(),
      entities: [...g.entities.keys()].sort().map((ref) => JSON.stringify(g.entities.get(ref))),
      graphProblems: [...g.diagnosticsByFile].sort().map(([file, list]) => [file, list.map((d) => d.message).sort()]),
    };
  };
  const snapshot = (c: ReturnType<typeof catalogOf>) => ({
    relations: relationLines(c),
    entities: [...c.entities.keys()].sort().map((ref) => JSON.stringify(c.entity(ref))),
    graphProblems: [...c.graph.diagnosticsByFile].sort().map(([file, list]) => [file, list.map((d) => d.message).sort()]),
  });
  const catalog = catalogOf({});
  const current = new Map<string, string>();
  for (const [file, text] of files) {
    current.set(file, text);
    catalog.updateFile(file, text);
    assert.deepEqual(snapshot(catalog), reference(current), `after adding ${file}`);
  }
  // legacy/archive.yml too: a file that is read is judged by its whole text (only the scan's sniff stops at 4 KB).
  assert.equal(catalog.entities.size, 45);
  for (const file of ['org/groups.yaml', 'services/platform/auth.yaml', 'systems/commerce.yaml']) {
    current.delete(file);
    catalog.removeFile(file);
    assert.deepEqual(snapshot(catalog), reference(current), `after removing ${file}`);
  }
});

test('content recognisers: the Backstage one reads a short head of YAML and JSON files; other files are not candidates', () => {
  assert.deepEqual(CONTENT_RECOGNISERS.map((r) => [r.id, r.role]), [['backstage', 'catalog-info']]);
  assert.ok(isContentCandidate('teams/all.yaml') && isContentCandidate('x.JSON') && !isContentCandidate('README.md'));
  assert.equal(recogniseContent('a.yaml', '# teams\napiVersion: backstage.io/v1alpha1\nkind: Group\n')?.id, 'backstage');
  assert.equal(recogniseContent('a.yaml', "- apiVersion: 'scaffolder.backstage.io/v1beta3'\n")?.id, 'backstage');
  assert.equal(recogniseContent('a.json', '{"apiVersion": "backstage.io/v1alpha1", "kind": "Component"}')?.id, 'backstage');
  assert.equal(recogniseContent('a.yaml', 'apiVersion: apps/v1\nkind: Deployment\n# see backstage.io/docs\n'), undefined);
  assert.equal(recogniseContent('a.md', 'apiVersion: backstage.io/v1alpha1\n'), undefined, 'not a YAML/JSON file');
  assert.equal(recogniseContent('a.yaml', `${'#'.repeat(HEAD_BYTES)}\napiVersion: backstage.io/v1alpha1\n`), undefined, 'only the head counts');
  assert.equal(catalogRoleOf('teams/all.yaml', `${'#'.repeat(HEAD_BYTES)}\napiVersion: backstage.io/v1alpha1\n`), 'catalog-info', 'a file in the model is read whole');
});

test('workspace: a descriptor of any name is found by its head; an editor overlay joins and leaves the catalog as its text says', async () => {
  const root = tempDir();
  const teams = write(root, 'org/teams.yaml', yaml(['apiVersion: backstage.io/v1alpha1', 'kind: Group', 'metadata: { name: team-a }', 'spec: { type: team, children: [] }']));
  const other = write(root, 'ops/alerts.yaml', 'groups: []\n');
  const model = new WorkspaceModel({ builtinSchemaDirs: [SCHEMAS] });
  model.addFolder(root);
  await model.scan();
  assert.ok(model.file(teams));
  assert.equal(model.file(other), undefined);
  assert.ok(model.catalog.entity('group:team-a'));

  // A new, unsaved file becomes a descriptor while typing: it joins; it stops being one: it leaves.
  const draft = path.join(root, 'org/new-team.yaml');
  model.setOverlay(draft, 'apiVersion: v1\n', 1);
  assert.equal(model.catalog.entities.size, 1);
  model.setOverlay(draft, yaml(['apiVersion: backstage.io/v1alpha1', 'kind: Group', 'metadata: { name: team-b }', 'spec: { type: team, children: [] }']), 2);
  assert.ok(model.catalog.entity('group:team-b'));
  model.setOverlay(draft, 'apiVersion: v1\nkind: ConfigMap\n', 3);
  assert.equal(model.catalog.entity('group:team-b'), undefined);

  // The same on disk: a created descriptor joins; edited into something else, it leaves the model.
  const created = write(root, 'org/team-c.yaml', yaml(['apiVersion: backstage.io/v1alpha1', 'kind: Group', 'metadata: { name: team-c }', 'spec: { type: team, children: [] }']));
  await model.diskChanged(created);
  assert.ok(model.catalog.entity('group:team-c'));
  fs.writeFileSync(created, 'groups: []\n');
  await model.diskChanged(created);
  assert.equal(model.file(created), undefined);
  assert.equal(model.catalog.entity('group:team-c'), undefined);
  // A config file that merely mentions backstage.io is never read whole.
  fs.writeFileSync(other, '# docs: https://backstage.io/docs\ngroups: []\n');
  await model.diskChanged(other);
  assert.equal(model.file(other), undefined);
});

test('workspace: Location targets are followed (globs, relative to the Location), also when a Location is edited; catalog.files selects by name', async () => {
  const root = tempDir();
  const header = `${'# generated\n'.repeat(HEAD_BYTES / 8)}`;
  const deep = (name: string) => header + yaml(['apiVersion: backstage.io/v1alpha1', 'kind: Resource', `metadata: { name: ${name} }`, 'spec: { type: database, owner: team-a }']);
  write(root, 'catalog/db-a.yaml', deep('db-a'));
  write(root, 'catalog/more/db-b.yaml', deep('db-b'));
  write(root, 'legacy/db-c.yml', deep('db-c'));
  const location = (targets: string[]) => yaml(['apiVersion: backstage.io/v1alpha1', 'kind: Location', 'metadata: { name: root }', 'spec:', '  type: file', '  targets:', ...targets.map((t) => `    - ${t}`)]);
  const rootFile = write(root, 'catalog-info.yaml', location(['./catalog/*.yaml']));
  write(root, '.cachewarden.yaml', 'catalog:\n  files: ["legacy/*.yml"]\n');
  const model = new WorkspaceModel({ builtinSchemaDirs: [SCHEMAS] });
  model.addFolder(root);
  await model.scan();
  // Their first 4 KB are comments: the Location (and catalog.files) select them, not the sniff.
  assert.deepEqual([...model.catalog.entities.keys()].sort(), ['location:root', 'resource:db-a', 'resource:db-c']);

  model.setOverlay(rootFile, location(['./catalog/**/*.yaml', './missing.yaml']), 1);
  await model.followLocations();
  assert.deepEqual([...model.catalog.entities.keys()].sort(), ['location:root', 'resource:db-a', 'resource:db-b', 'resource:db-c']);
  assert.deepEqual(model.catalog.diagnostics(rootFile).map((d) => [d.range.start.line, d.code]), [[7, 'catalog-location-target-missing']]);

  model.setOverlay(rootFile, location(['./catalog/more/*.yaml']), 2);
  await model.followLocations();
  assert.deepEqual([...model.catalog.entities.keys()].sort(), ['location:root', 'resource:db-b', 'resource:db-c'], 'a file no target selects any more leaves');
});
