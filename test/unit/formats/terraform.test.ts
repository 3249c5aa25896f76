// Terraform ElastiCache resources read through a real HCL parser: findings at the `volatile-lru`
// token inside its quotes, parameter groups referenced by expression or by name (in this file or a
// sibling file of the module), the default group, memcached and serverless, syntax errors at their
// line, linking from a Spring app by the endpoint's first DNS label, and the bundled CLI.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { build } from 'esbuild';
import { hclStructureError, parseHcl } from '../../../src/core/formats/terraform';
import { cleanup, REPO_ROOT, tempDir, write } from '../cli/cliTestKit';
import { afterFix, findings, hoverAt, neverExpiringCachesOn, workspaceWith } from './adapterHarness';

const app = neverExpiringCachesOn;

const TF = `# Orders cache
resource "aws_elasticache_parameter_group" "orders" {
  name   = "orders-params"
  family = "redis7"

  parameter {
    name  = "maxmemory-policy"
    value = "volatile-lru" // to be fixed
  }
  parameter {
    name  = "reserved-memory-percent"
    value = "0"
  }
}

resource "aws_elasticache_replication_group" "orders" {
  replication_group_id = "orders-cache"
  description          = "orders \${var.env}"
  node_type            = "cache.m6g.large"
  parameter_group_name = aws_elasticache_parameter_group.orders.name
}

resource "aws_elasticache_replication_group" "sessions" {
  replication_group_id = "sessions"
  description          = "sessions"
  engine_version       = "7.1"
  node_type            = var.node_type
}

resource "aws_elasticache_cluster" "memc" {
  cluster_id           = "memc"
  engine               = "memcached"
  node_type            = "cache.t3.micro"
  num_cache_nodes      = 1
  parameter_group_name = "memc-params"
}

resource "aws_elasticache_parameter_group" "memc" {
  name   = "memc-params"
  family = "memcached1.6"
  parameter {
    name  = "error_on_memory_exhausted"
    value = "1"
  }
}

resource "aws_elasticache_serverless_cache" "carts" {
  engine = "valkey"
  name   = "carts"
}
`;

const NO_TTL = (backend: string, cache: string) => `Backend \`${backend}\` evicts with volatile-lru, which only evicts keys that have a TTL, but \`${cache}\` writes keys without one (ttl never), declared in app.cache.yaml: those keys pile up until writes fail like noeviction.`;

test('Terraform: a parameter group referenced as aws_elasticache_parameter_group.x.name; CW007 on `volatile-lru` between its quotes, the fix rewrites it; reserved-memory-percent 0 is CW008', async () => {
  const ws = await workspaceWith({ 'infra/cache.tf': TF, 'app.cache.yaml': app('orders-cache') });
  const tf = ws.file('infra/cache.tf');
  assert.deepEqual(findings(ws.model, tf), [
    `CW007 8:14-8:26 ${NO_TTL('orders-cache', 'c0')}`,
    "CW008 12:14-12:15 `maxmemory` 6.38Gi is 100% of `node_type memory` 6.38Gi: replication buffers, fragmentation and forks need the rest, so a backup or a replica sync runs the node out of memory. Keep it at or below 4.79Gi (75%). ElastiCache sets maxmemory to the cache.m6g.large node's memory less reserved-memory-percent (0% here): raise reserved-memory-percent to 25.",
    'CW007 43:14-43:15 Backend `memc` has error_on_memory_exhausted 1: once its memory is full every write fails instead of dropping old entries, so caches stop caching and reads fall through to their data sources. Set it to 0 in `aws_elasticache_parameter_group.memc`.',
  ]);
  assert.deepEqual(afterFix(ws.model, tf, 'CW007'), {
    title: 'Set `maxmemory-policy = allkeys-lru`',
    text: TF.replace('value = "volatile-lru"', 'value = "allkeys-lru"'),
  });
  assert.match(hoverAt(ws.model, tf, '"maxmemory-policy"', 1)!, /^\*\*maxmemory-policy\*\* \(ElastiCache parameter\)/);
  assert.match(hoverAt(ws.model, tf, 'reserved-memory-percent')!, /^\*\*reserved-memory-percent\*\* .*Default: `25`/s);
  assert.equal(hoverAt(ws.model, tf, '"orders" {\n  replication_group_id', 2), '**aws_elasticache_replication_group** `orders` — ElastiCache redis, Cache Warden backend `orders-cache`.\n\nEviction: `volatile-lru` from `aws_elasticache_parameter_group.orders`.\n\nMemory: cache.m6g.large ≈ 6.38Gi; maxmemory ≈ 6.38Gi after reserved-memory-percent 0.');
});

test('Terraform: no parameter_group_name is the default group at the resource name, no fix; serverless is volatile-lru', async () => {
  const ws = await workspaceWith({ 'infra/cache.tf': TF, 'app.cache.yaml': app('sessions', 'carts') });
  const tf = ws.file('infra/cache.tf');
  const found = findings(ws.model, tf).filter((f) => f.startsWith('CW007') && !f.includes('memc'));
  assert.deepEqual(found, [
    `CW007 23:47-23:55 ${NO_TTL('sessions', 'c0')} \`aws_elasticache_replication_group.sessions\` sets no parameter_group_name, so it runs on ElastiCache's default parameter group (default.redis7), whose maxmemory-policy is volatile-lru. Default groups cannot be changed: declare an aws_elasticache_parameter_group with maxmemory-policy allkeys-lru and set parameter_group_name to it.`,
    `CW007 47:46-47:51 ${NO_TTL('carts', 'c1')} ElastiCache Serverless always evicts with volatile-lru and has no parameter group to change it: give every key a TTL, or use a replication group with a parameter group that sets maxmemory-policy allkeys-lru.`,
  ]);
  const analysis = ws.model.analysis(tf)!;
  const sessions = analysis.diagnostics.find((d) => d.message.includes('`sessions`'))!;
  assert.deepEqual(sessions.fixes?.map((f) => f.title), ['Suppress CW007 for this line']);
  assert.match(hoverAt(ws.model, tf, '"sessions" {', 2)!, /Eviction: `volatile-lru` — the \*\*default\*\* parameter group's policy \(no parameter_group_name, default\.redis7\)/);
});

test('Terraform: a group named by string or found in a sibling file of the module; the sibling\'s policy is reported at the reference, with no fix', async () => {
  const cluster = `resource "aws_elasticache_replication_group" "a" {
  replication_group_id = "a"
  description          = "a"
  parameter_group_name = aws_elasticache_parameter_group.shared.name
}

resource "aws_elasticache_replication_group" "b" {
  replication_group_id = "b"
  description          = "b"
  parameter_group_name = "local"
}

resource "aws_elasticache_parameter_group" "here" {
  name   = "local"
  family = "redis7"
  parameter {
    name  = "maxmemory-policy"
    value = "noeviction"
  }
}
`;
  const shared = 'resource "aws_elasticache_parameter_group" "shared" {\n  name   = "shared"\n  family = "redis7"\n  parameter {\n    name  = "maxmemory-policy"\n    value = "noeviction"\n  }\n}\n';
  const ws = await workspaceWith({ 'infra/clusters.tf': cluster, 'infra/main.tf': shared });
  const tf = ws.file('infra/clusters.tf');
  assert.deepEqual(findings(ws.model, tf), [
    'CW007 4:26-4:69 Backend `a` has `maxmemory-policy = noeviction`, and it is used as a cache: once its memory is full every write fails instead of dropping old entries, so caches stop caching and reads fall through to their data sources. The policy is set in `aws_elasticache_parameter_group.shared` (infra/main.tf): change it there to allkeys-lru.',
    'CW007 18:14-18:24 Backend `b` has `maxmemory-policy = noeviction`, and it is used as a cache: once its memory is full every write fails instead of dropping old entries, so caches stop caching and reads fall through to their data sources.',
  ]);
  const fixes = ws.model.analysis(tf)!.diagnostics.map((d) => d.fixes?.filter((f) => !f.title.startsWith('Suppress')).length);
  assert.deepEqual(fixes, [0, 1]);
  // The group's own file: no cluster uses it there, the group itself is reported.
  assert.deepEqual(findings(ws.model, ws.file('infra/main.tf')), [
    'CW007 6:14-6:24 Parameter group `shared` has `maxmemory-policy = noeviction`: once a cluster using it is full, every write fails instead of dropping old entries, so caches stop caching and reads fall through to their data sources.',
  ]);
});

test('Terraform: HCL that does not parse is a format-syntax error at its line', async () => {
  const ws = await workspaceWith({
    'x.tf': 'resource "aws_elasticache_cluster" "c" {\n  engine = "redis"\n  node_type = \n}\n',
    'y.tf': 'resource "aws_elasticache_cluster" "c" {\n  engine = "redis"\n',
    'z.tf': 'resource "aws_elasticache_cluster" "c" {\n  engine = "redis"\n  node_type = "cache.t3.micro\n}\n',
  });
  assert.deepEqual(findings(ws.model, ws.file('x.tf')), ['format-syntax 3:13-3:15 This Terraform file does not parse as HCL (an attribute with nothing after its `=`, line 3), so its ElastiCache resources are not checked.']);
  // An unclosed block is reported where it opens.
  assert.deepEqual(findings(ws.model, ws.file('y.tf')), ['format-syntax 1:40-1:41 This Terraform file does not parse as HCL (`{` that is never closed, line 1), so its ElastiCache resources are not checked.']);
  assert.deepEqual(findings(ws.model, ws.file('z.tf')), ['format-syntax 3:15-3:30 This Terraform file does not parse as HCL (a string that is not closed on its line, line 3), so its ElastiCache resources are not checked.']);
});

test('HCL structure check: valid HCL the grammar stumbles on is not an error; real mistakes are', () => {
  for (const valid of [
    'tags = { Name = format("%s-%s", var.a, var.b), Team = lower(var.t) }\n',
    'a = "${b("c")}-%{ if x }y%{ endif }"\nb = "$${literal}"\n',
    'h = <<-EOT\n  { unbalanced ( in a heredoc\n  EOT\nm = { for k, v in var.m : k => v if v != null }\n',
    '/* { */ # {\n// (\nx = 1\n',
  ]) assert.equal(hclStructureError(valid), undefined, valid);
  assert.deepEqual(hclStructureError('x { a = 1 ]\n'), { at: 10, problem: 'unexpected `]` (the `{` on line 1 is still open)' });
  assert.deepEqual(hclStructureError('a = <<EOT\nx\n'), { at: 4, problem: 'a heredoc whose `EOT` end line never comes' });
  assert.deepEqual(hclStructureError('/* x\n'), { at: 0, problem: 'a `/*` comment that is never closed' });
});

test('HCL parse: comments, heredocs, interpolation and for expressions parse; values are located exactly', () => {
  const text = '# a\n// b\n/* c */\nlocals {\n  a = [for x in var.y : x if x != null]\n  b = <<-EOT\n    hi ${x}\n    EOT\n  c = "plain"\n  d = "esc\\"aped"\n  e = module.m.out\n}\n';
  const file = parseHcl(text);
  assert.equal(file.error, undefined);
  const attributes = file.blocks[0].attributes;
  const c = attributes.get('c')!.value;
  assert.deepEqual([c.kind, c.text, text.slice(c.span.start, c.span.end)], ['string', 'plain', 'plain']);
  // An escape means the source is not the value: not mapped as a string.
  assert.equal(attributes.get('d')!.value.kind, 'other');
  assert.deepEqual([attributes.get('e')!.value.kind, attributes.get('e')!.value.text], ['ref', 'module.m.out']);
});

test('HCL parse: long strings and heredocs (policy documents) cost linear time and do not move what follows', () => {
  const policy = '{"Statement": [{"Effect": "Allow", "Action": "elasticache:*"}]}\n'.repeat(2000);
  const text = `resource "aws_elasticache_replication_group" "r" {\n  description = "${'d'.repeat(50000)}"\n  policy = <<-EOT\n${policy}  EOT\n  node_type = "cache.t3.micro"\n}\n`;
  const started = Date.now();
  const file = parseHcl(text);
  assert.ok(Date.now() - started < 3000, `parsed in ${Date.now() - started} ms`);
  const attributes = file.blocks[0].attributes;
  assert.deepEqual([...attributes.values()].map((a) => a.value.kind), ['other', 'other', 'string']);
  const nodeType = attributes.get('node_type')!.value;
  assert.equal(text.slice(nodeType.span.start, nodeType.span.end), 'cache.t3.micro');
});

test('Spring app → Terraform cluster: the Redis host\'s first DNS label is the replication group id (case-insensitive as ElastiCache stores it lower-case)', async () => {
  const ws = await workspaceWith({
    'infra/main.tf': 'resource "aws_elasticache_replication_group" "orders" {\n  replication_group_id = "Orders-Cache"\n  description          = "orders"\n}\n',
    'app/src/main/resources/application.yml': 'spring:\n  cache:\n    type: redis\n    cache-names: orders\n  data:\n    redis:\n      host: orders-cache.abc123.ng.0001.use1.cache.amazonaws.com\n',
  });
  assert.deepEqual(findings(ws.model, ws.file('infra/main.tf')), [
    "CW007 1:47-1:53 Backend `Orders-Cache` evicts with volatile-lru, which only evicts keys that have a TTL, but `orders` writes keys without one (no ttl), declared in app/src/main/resources/application.yml: those keys pile up until writes fail like noeviction. `aws_elasticache_replication_group.orders` sets no parameter_group_name, so it runs on ElastiCache's default parameter group (default.redis7, or the one of its engine version), whose maxmemory-policy is volatile-lru. Default groups cannot be changed: declare an aws_elasticache_parameter_group with maxmemory-policy allkeys-lru and set parameter_group_name to it.",
  ]);
});

let bundleDir: string;
let bundle: string;
before(async () => {
  bundleDir = tempDir('cw-tf-bundle-');
  bundle = path.join(bundleDir, 'cli.js');
  await build({
    entryPoints: [path.join(REPO_ROOT, 'src', 'cli', 'main.ts')],
    bundle: true, platform: 'node', format: 'cjs', target: 'node20', mainFields: ['module', 'main'], outfile: bundle, logLevel: 'error',
  });
});
after(() => cleanup(bundleDir));

test('the bundled CLI reads .tf with the bundled HCL parser (no node_modules at run time)', () => {
  const project = tempDir('cw-tf-project-');
  try {
    write(project, 'infra/cache.tf', TF);
    write(project, 'app.cache.yaml', app('orders-cache'));
    const run = (...args: string[]) => spawnSync(process.execPath, [bundle, ...args], { cwd: project, env: { PATH: process.env.PATH ?? '', NO_COLOR: '1' }, encoding: 'utf8' });
    const checked = run('check');
    assert.equal(checked.stderr, '');
    assert.equal(checked.status, 1);
    assert.match(checked.stdout, /infra\/cache\.tf\n {2}8:14 +error +Backend `orders-cache` evicts with volatile-lru/);
    const result = run('check', '--fix-dry-run');
    assert.equal(result.stderr, 'cache-warden: would fix 2 problems in 2 files\n');
    assert.match(result.stdout, /-    value = "volatile-lru" \/\/ to be fixed\n\+    value = "allkeys-lru" \/\/ to be fixed\n/);
    assert.ok(!fs.existsSync(path.join(bundleDir, 'node_modules')));
  } finally {
    cleanup(project);
  }
});

test('Terraform: two clusters sharing a group are both reported at its policy; the fix would change both, so it is not offered', async () => {
  const tf = `resource "aws_elasticache_parameter_group" "pg" {
  name   = "pg"
  family = "redis7"
  parameter {
    name  = "maxmemory-policy"
    value = "noeviction"
  }
}
resource "aws_elasticache_replication_group" "a" {
  replication_group_id = "a"
  parameter_group_name = aws_elasticache_parameter_group.pg.name
}
resource "aws_elasticache_replication_group" "b" {
  replication_group_id = "b"
  parameter_group_name = aws_elasticache_parameter_group.pg.id
}
`;
  const ws = await workspaceWith({ 'm.tf': tf });
  const noEviction = (name: string) => `CW007 6:14-6:24 Backend \`${name}\` has \`maxmemory-policy = noeviction\`, and it is used as a cache: once its memory is full every write fails instead of dropping old entries, so caches stop caching and reads fall through to their data sources.`;
  assert.deepEqual(findings(ws.model, ws.file('m.tf')), [noEviction('a'), noEviction('b')]);
  assert.equal(afterFix(ws.model, ws.file('m.tf'), 'CW007'), undefined);
});

test('Terraform vs a cache layer file (CW014): the default group\'s volatile-lru and the node\'s maxmemory are compared with what the team declared', async () => {
  const ws = await workspaceWith({
    'infra/main.tf': 'resource "aws_elasticache_replication_group" "orders" {\n  replication_group_id = "orders-cache"\n  description          = "orders"\n  node_type            = "cache.r6g.large"\n}\n',
    'orders.cache.yaml': 'apiVersion: cache-warden/v1\nkind: CacheLayer\nmetadata: { service: shop, owner: team-shop, docs: docs/shop.md }\nspec:\n  backends:\n    - name: orders-cache\n      type: redis\n      eviction: allkeys-lru\n      maxMemory: 12Gi\n  caches: []\n',
  });
  assert.deepEqual(findings(ws.model, ws.file('infra/main.tf')), [
    "CW014 1:47-1:53 Backend `orders-cache` is declared with eviction allkeys-lru but deployed with volatile-lru (declared in orders.cache.yaml): the declaration does not match, so reviews of one miss what runs. Make them agree. `aws_elasticache_replication_group.orders` sets no parameter_group_name, so it runs on ElastiCache's default parameter group (default.redis7, or the one of its engine version), whose maxmemory-policy is volatile-lru. Default groups cannot be changed: declare an aws_elasticache_parameter_group with maxmemory-policy allkeys-lru and set parameter_group_name to it.",
    "CW014 4:27-4:42 Backend `orders-cache` is declared with `maxmemory` 12Gi but deployed with 9.8Gi (declared in orders.cache.yaml): capacity planning and the real limit disagree. Make them agree. ElastiCache sets maxmemory to the cache.r6g.large node's memory less reserved-memory-percent (25% here).",
  ]);
});

test('Terraform: a node on the default 25% reserve is never CW008, whatever its memory rounds to (cache.t4g.small: 1.37 GiB); 24% is', async () => {
  const group = (reserve?: string) => `resource "aws_elasticache_parameter_group" "small" {
  name   = "small-params"
  family = "redis7"
  parameter {
    name  = "maxmemory-policy"
    value = "allkeys-lru"
  }${reserve === undefined ? '' : `
  parameter {
    name  = "reserved-memory-percent"
    value = "${reserve}"
  }`}
}

resource "aws_elasticache_replication_group" "small" {
  replication_group_id = "small"
  description          = "small"
  engine               = "redis"
  node_type            = "cache.t4g.small"
  parameter_group_name = aws_elasticache_parameter_group.small.name
}
`;
  for (const reserve of [undefined, '25', '30']) {
    const ws = await workspaceWith({ 'infra/cache.tf': group(reserve), 'app.cache.yaml': app('small') });
    assert.deepEqual(findings(ws.model, ws.file('infra/cache.tf')).filter((f) => f.startsWith('CW008')), [], `reserved-memory-percent ${reserve ?? 'unset'}`);
  }
  const ws = await workspaceWith({ 'infra/cache.tf': group('24'), 'app.cache.yaml': app('small') });
  const found = findings(ws.model, ws.file('infra/cache.tf')).filter((f) => f.startsWith('CW008'));
  assert.equal(found.length, 1, found.join('\n'));
  assert.match(found[0], /^CW008 10:14-10:16 `maxmemory` 1\.04Gi is 75\.91% of `node_type memory` 1\.37Gi: /);
});
