// A real multi-team Backstage catalog (test/fixtures/backstage-org, see its README): read through
// the workspace model as the editor and `cache-warden graph` read it — discovery by Location
// targets, by content and by `catalog.files`; namespaces; every core kind and relation; Backstage's
// name rules; kinds not drawn counted, never dropped.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { WorkspaceModel } from '../../../src/core/workspace/workspaceModel';
import { buildView } from '../../../src/core/graph/buildView';
import { neighbourhood } from '../../../src/core/graph/queries';
import { runGraphCommand } from '../../../src/cli/graphCommand';

const ROOT = path.resolve(__dirname, '../../../../test/fixtures/backstage-org');
const SCHEMAS = path.resolve(__dirname, '../../../../schemas');

async function orgModel(): Promise<WorkspaceModel> {
  const model = new WorkspaceModel({ builtinSchemaDirs: [SCHEMAS] });
  model.addFolder(ROOT);
  await model.scan();
  return model;
}

function countBy<T>(items: Iterable<T>, key: (item: T) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const item of items) out[key(item)] = (out[key(item)] ?? 0) + 1;
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : 1)));
}

test('backstage-org: 45 entities of the eight core kinds, across namespaces default and payments', async () => {
  const model = await orgModel();
  const catalog = model.catalog;
  assert.equal(catalog.entities.size, 45);
  assert.deepEqual(countBy(catalog.entities.values(), (e) => e.kind), {
    api: 4, component: 10, domain: 2, group: 7, location: 5, resource: 5, system: 4, user: 8,
  });
  assert.deepEqual(countBy(catalog.entities.values(), (e) => e.namespace ?? 'default'), { default: 37, payments: 8 });
  // The same name in two namespaces: two entities, no duplicate.
  assert.equal(catalog.entity('component:ledger')?.title, 'Royalties Ledger');
  assert.equal(catalog.entity('component:payments/ledger')?.title, 'Payments Ledger');
  assert.equal(catalog.entity('component:payments/ledger')?.namespace, 'payments');
  assert.equal(catalog.entity('component:payments/ledger')?.name, 'ledger');
  // The invalid name is rejected, as Backstage rejects it.
  assert.equal([...catalog.entities.values()].some((e) => e.name.includes('recommendations')), false);
});

test('backstage-org: relations by type (each written once, its reverse derived)', async () => {
  const catalog = (await orgModel()).catalog;
  assert.deepEqual(countBy(catalog.relations.filter((r) => !r.derived), (r) => r.type), {
    childOf: 6, consumesApi: 3, dependsOn: 12, memberOf: 10, ownedBy: 25, partOf: 24, providesApi: 4,
  });
  assert.deepEqual(countBy(catalog.relations.filter((r) => r.derived), (r) => r.type), {
    apiConsumedBy: 3, apiProvidedBy: 4, dependencyOf: 12, hasMember: 10, hasPart: 24, ownerOf: 25, parentOf: 6,
  });
  assert.equal(catalog.relations.length, 168);
  const lines = (type: string) => catalog.relations.filter((r) => r.type === type && !r.derived).map((r) => `${r.from} → ${r.to}`).sort();
  // parent on the child and children on the parent write the same relation once.
  assert.deepEqual(lines('childOf'), [
    'group:engineering → group:tuneful',
    'group:payments/team-ledger → group:engineering',
    'group:product → group:tuneful',
    'group:team-catalog → group:engineering',
    'group:team-platform → group:engineering',
    'group:team-playback → group:engineering',
  ]);
  // memberOf on users and members on groups, across namespaces; grace is a member only by her group's `members`.
  assert.deepEqual(lines('memberOf'), [
    'user:alice → group:team-playback',
    'user:bob → group:team-platform',
    'user:bob → group:team-playback',
    'user:carol → group:team-catalog',
    'user:dave → group:product',
    'user:frank → group:team-platform',
    'user:grace → group:team-catalog',
    'user:payments/erin → group:payments/team-ledger',
    'user:payments/heidi → group:payments/team-ledger',
    'user:payments/heidi → group:team-platform',
  ]);
  // System → domain (a namespace written out), subcomponentOf, and refs read in the writer's namespace.
  assert.ok(lines('partOf').includes('system:payments/billing → domain:commerce'));
  assert.ok(lines('partOf').includes('system:playback → domain:listening'));
  assert.ok(lines('partOf').includes('component:playback-order → component:playback-service'));
  assert.ok(lines('dependsOn').includes('component:payments/checkout → component:payments/ledger'));
  assert.ok(lines('consumesApi').includes('component:player-web → api:payments/payments-api'));
  assert.ok(lines('ownedBy').includes('component:queue-service → user:alice'));
  assert.ok(lines('ownedBy').includes('domain:commerce → group:payments/team-ledger'));
  assert.equal(catalog.entity('component:payments/checkout')?.system, 'payments/billing');
  assert.equal(catalog.entity('system:payments/billing')?.domain, 'commerce');
});

test('backstage-org: the diagnostics, at their lines', async () => {
  const model = await orgModel();
  const found = [...model.catalog.allDiagnostics()].flatMap(([file, list]) =>
    list.map((d) => [model.displayPath(file), d.range.start.line + 1, d.severity, d.code, d.message]));
  assert.deepEqual(found, [
    ['all-systems.yaml', 10, 'warning', 'catalog-location-target-missing', '`./legacy/old-systems.yaml` (Location target) selects no file that declares Backstage entities, so nothing is read from it. Fix the path or glob (it is read relative to this file\'s folder).'],
    ['catalog-info.yaml', 19, 'information', 'catalog-location-not-followed', '`https://github.com/tuneful/label-services/blob/main/catalog-info.yaml` (url target) is not in the workspace: Cache Warden reads local files only, so the entities it lists are not in the graph.'],
    ['services/catalog/entities.yaml', 43, 'error', 'catalog-invalid-name', '`recommendations engine` is not a valid Backstage name: 1–63 letters or digits, separated by `-`, `_` or `.`. Backstage rejects this Component; it is not in the graph.'],
    ['services/payments/payments.yaml', 28, 'warning', 'catalog-unresolved-ref', '`auth-api` (consumesApis): no api named payments/auth-api (there is an api auth-api: write `api:default/auth-api` if that is meant).'],
    ['services/playback/catalog-info.yaml', 19, 'warning', 'catalog-ref-without-kind', '`playback-service` (dependsOn) has no kind: Backstage requires one in `dependsOn` and rejects the entity without it. Write `component:playback-service` or `resource:playback-service`; Cache Warden reads it as `component:playback-service`.'],
    ['services/playback/catalog-info.yaml', 66, 'warning', 'catalog-unresolved-ref', '`playback-order` (providesApis): no api named playback-order (there is a component playback-order: write `component:playback-order` if that is meant).'],
  ]);
});

test('backstage-org: kinds not drawn are counted (Template, a custom kind), and the whole-catalog view says so', async () => {
  const model = await orgModel();
  const catalog = model.catalog;
  assert.deepEqual([...catalog.undrawnKinds()], [['Environment', 2], ['Template', 1]]);
  assert.deepEqual(catalog.undrawnEntities().map((u) => `${u.kind} ${u.name} ${model.displayPath(u.file)}:${u.line + 1}`), [
    'Environment staging environments.yaml:5',
    'Environment production environments.yaml:12',
    'Template tuneful-service templates/service-template.yaml:4',
  ]);
  const all = buildView(catalog, {});
  assert.match(all.notice ?? '', /Not drawn: 2 Environment, 1 Template \(entities of kinds outside the dependency diagram\)\.$/);
  // People and Location entities are in the catalog, not in the dependency diagram.
  assert.equal(all.nodes.some((n) => n.kind === 'user' || n.kind === 'location'), false);
  // 32 entities: system:platform (no edge but its members') is drawn as its box's title.
  assert.equal(all.nodes.length, 31);
  assert.deepEqual(all.clusters?.map((c) => c.ref), ['system:catalog', 'system:payments/billing', 'system:platform', 'system:playback']);
  assert.match(buildView(catalog, { ownership: true }).notice ?? '', /Not drawn: 2 Environment, 1 Template/);
  assert.equal(buildView(catalog, { focus: 'component:playback-service' }).notice, undefined, 'a neighbourhood is not about the whole catalog');
});

test('backstage-org: discovery — Location targets, content, catalog.files; other YAML stays out', async () => {
  const model = await orgModel();
  const files = model.allFiles().map((f) => model.displayPath(f.path)).sort();
  assert.deepEqual(files, [
    '.cachewarden.yaml',
    'README.md',
    'all-components.yaml',
    'all-org.yaml',
    'all-systems.yaml',
    'catalog-info.yaml',
    'environments.yaml', // by content: no Location names it
    'legacy/archive.yml', // by catalog.files: its first 4 KB are a comment
    'org/groups.yaml',
    'org/payments-team.yaml',
    'org/people.yaml',
    'services/catalog/entities.yaml',
    'services/payments/payments.yaml',
    'services/platform/auth.yaml',
    'services/playback/catalog-info.yaml',
    'services/playback/docs/index.md',
    'systems/commerce.yaml',
    'systems/domains.yaml',
    'systems/listening.yaml',
    'templates/service-template.yaml', // by content (scaffolder.backstage.io)
  ]);
  assert.ok(model.catalog.entity('resource:listening-archive'));
  // The project file's `catalog.files` is valid against its schema.
  assert.deepEqual(model.analysis(path.join(ROOT, '.cachewarden.yaml'))?.diagnostics.map((d) => d.message), []);
  assert.deepEqual(model.workspaceFolders()[0].config.catalog, { files: ['legacy/*.yml'] });
  assert.equal(model.file(path.join(ROOT, 'ops/alerts.yaml')), undefined, 'not a descriptor: its head was read, nothing more');
  assert.equal(model.file(path.join(ROOT, 'services/playback/mkdocs.yml')), undefined);
});

test('backstage-org: techdocs-ref and links are the entity\'s docs; ownership and membership stay out of neighbourhoods', async () => {
  const catalog = (await orgModel()).catalog;
  const playback = catalog.entity('component:playback-service')!;
  assert.equal(playback.docFile, path.join(ROOT, 'services/playback/docs/index.md'));
  assert.equal(playback.docLine, 4, 'the heading named like the entity');
  assert.deepEqual(playback.links, [{ url: 'https://github.com/tuneful/monorepo/tree/main/services/playback/', title: 'Source' }]);
  assert.deepEqual(catalog.entity('component:player-web')!.links, [
    { url: 'https://play.tuneful.example.com', title: 'Web player' },
    { url: 'https://grafana.tuneful.example.com/d/player-web', title: 'Dashboard' },
  ]);
  const around = [...neighbourhood(catalog, 'component:playback-service', 3, 'both').keys()].sort();
  assert.equal(around.some((ref) => /^(group|user|system|domain|location):/.test(ref)), false, around.join(', '));
  assert.deepEqual([...neighbourhood(catalog, 'group:team-playback', 3, 'both').keys()], ['group:team-playback']);
});

test('cache-warden graph --strict on backstage-org: fails on the invalid name; says what it does not draw', async () => {
  let stdout = '';
  let stderr = '';
  const code = await runGraphCommand(['--strict'], { cwd: ROOT, stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
  assert.equal(code, 1);
  assert.match(stderr, /^services\/catalog\/entities\.yaml:43:9: error catalog-invalid-name: `recommendations engine` is not a valid Backstage name/m);
  assert.match(stderr, /^catalog-info\.yaml:19:11: information catalog-location-not-followed: /m);
  assert.match(stderr, /^cache-warden graph: Not drawn: 2 Environment, 1 Template \(entities of kinds outside the dependency diagram\)\.$/m);
  assert.match(stdout, /^flowchart LR\n/);
  assert.match(stdout, /n_component_3apayments_2fledger\["Payments Ledger"\]/);

  stdout = '';
  stderr = '';
  assert.equal(await runGraphCommand(['--format', 'json'], { cwd: ROOT, stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) }), 0, 'without --strict: listed, not failed');
  const json = JSON.parse(stdout);
  assert.equal(json.entities.length, 45);
  assert.deepEqual(json.undrawn, [
    { kind: 'Environment', name: 'staging', file: 'environments.yaml', line: 5 },
    { kind: 'Environment', name: 'production', file: 'environments.yaml', line: 12 },
    { kind: 'Template', name: 'tuneful-service', file: 'templates/service-template.yaml', line: 4 },
  ]);
  assert.deepEqual(json.entities.find((e: { ref: string }) => e.ref === 'component:payments/ledger'), {
    ref: 'component:payments/ledger', kind: 'component', name: 'ledger', namespace: 'payments', title: 'Payments Ledger', type: 'service',
    owner: 'team-ledger', system: 'payments/billing',
    sources: [{ file: 'services/payments/payments.yaml', line: 6, origin: 'catalog-info' }], configFiles: [],
  });
  assert.deepEqual(json.problems.map((p: { code: string }) => p.code), [
    'catalog-location-target-missing', 'catalog-location-not-followed', 'catalog-invalid-name', 'catalog-unresolved-ref', 'catalog-ref-without-kind', 'catalog-unresolved-ref',
  ]);
});

test('cache-warden graph <folder> (no project file): Location targets and content find the same descriptors, catalog.files aside', async () => {
  let stdout = '';
  const code = await runGraphCommand(['backstage-org', '--format', 'json'], { cwd: path.dirname(ROOT), stdout: (s) => (stdout += s), stderr: () => undefined });
  assert.equal(code, 0);
  const refs = JSON.parse(stdout).entities.map((e: { ref: string }) => e.ref);
  // legacy/archive.yml is selected by the project file's catalog.files only (its first 4 KB are a comment).
  assert.equal(refs.length, 44);
  assert.ok(!refs.includes('resource:listening-archive'));
  assert.ok(refs.includes('user:payments/heidi'));
});
