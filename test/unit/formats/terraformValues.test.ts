// Terraform values that are not literals: `var.x` from terraform.tfvars, `*.auto.tfvars` or the
// variable's default, `local.x`, and a local module's variables from the module block's arguments
// (or the module's defaults). Findings land where the value is written when that is the file
// checked, else at the reference, with the real place as a related location; a variable with no
// value is unknown and nothing is guessed from it. Editing a variable file reads the .tf again.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { test } from 'node:test';
import type { Diagnostic } from '../../../src/core/types';
import { afterFix, findings, hoverAt, neverExpiringCachesOn, workspaceWith } from './adapterHarness';

const GROUP = `resource "aws_elasticache_parameter_group" "cache" {
  name   = "orders-params"
  family = "redis7"
  parameter {
    name  = "maxmemory-policy"
    value = var.eviction_policy
  }
}

resource "aws_elasticache_replication_group" "orders" {
  replication_group_id = "orders-cache"
  description          = "orders"
  parameter_group_name = aws_elasticache_parameter_group.cache.name
}
`;

const VARIABLES = (fallback?: string) => `variable "eviction_policy" {
  type    = string${fallback === undefined ? '' : `\n  default = "${fallback}"`}
}
`;

const NOEVICTION = 'Backend `orders-cache` has `maxmemory-policy = noeviction`, and it is used as a cache: once its memory is full every write fails instead of dropping old entries, so caches stop caching and reads fall through to their data sources.';
const NO_TTL = 'Backend `orders-cache` evicts with volatile-lru, which only evicts keys that have a TTL, but `c0` writes keys without one (ttl never), declared in app.cache.yaml: those keys pile up until writes fail like noeviction.';

function related(d: Diagnostic | undefined, root: string): string[] {
  return (d?.related ?? []).map((r) => `${r.uri.slice(root.length + 1)} ${r.range.start.line + 1}:${r.range.start.character + 1}-${r.range.end.line + 1}:${r.range.end.character + 1} ${r.message}`);
}

test('var.x: a terraform.tfvars value beats the default; the finding is at the reference, the tfvars line is its related location, no fix', async () => {
  const ws = await workspaceWith({
    'infra/main.tf': GROUP,
    'infra/variables.tf': VARIABLES('allkeys-lru'),
    'infra/terraform.tfvars': 'region          = "eu-west-1"\neviction_policy = "noeviction"\n',
  });
  const tf = ws.file('infra/main.tf');
  assert.deepEqual(findings(ws.model, tf), [
    `CW007 6:13-6:32 ${NOEVICTION} \`maxmemory-policy\` is noeviction (var.eviction_policy, set in infra/terraform.tfvars): change it there to allkeys-lru.`,
  ]);
  const finding = ws.model.analysis(tf)!.diagnostics[0];
  assert.deepEqual(related(finding, ws.root), ['infra/terraform.tfvars 2:20-2:30 maxmemory-policy = noeviction (var.eviction_policy, set in infra/terraform.tfvars)']);
  assert.equal(afterFix(ws.model, tf, 'CW007'), undefined);
  const tfvarsUrl = new URL(`file://${ws.file('infra/terraform.tfvars')}`).href;
  assert.equal(hoverAt(ws.model, tf, 'var.eviction_policy'), `**var.eviction_policy** = \`noeviction\` (var.eviction_policy, set in infra/terraform.tfvars): written at [infra/terraform.tfvars, line 2](${tfvarsUrl}#L2).`);
  assert.equal(hoverAt(ws.model, tf, '"orders" {', 2), '**aws_elasticache_replication_group** `orders` — ElastiCache redis, Cache Warden backend `orders-cache`.\n\nEviction: `noeviction` from `aws_elasticache_parameter_group.cache` (var.eviction_policy, set in infra/terraform.tfvars).');
});

test('var.x: with no tfvars entry the default in variables.tf is used (volatile-lru with caches that never expire)', async () => {
  const ws = await workspaceWith({
    'main.tf': GROUP,
    'variables.tf': VARIABLES('volatile-lru'),
    'terraform.tfvars': 'region = "eu-west-1"\n',
    'app.cache.yaml': neverExpiringCachesOn('orders-cache'),
  });
  const tf = ws.file('main.tf');
  assert.deepEqual(findings(ws.model, tf), [
    `CW007 6:13-6:32 ${NO_TTL} \`maxmemory-policy\` is volatile-lru (var.eviction_policy, default in variables.tf): change it there to allkeys-lru.`,
  ]);
  const finding = ws.model.analysis(tf)!.diagnostics[0];
  assert.deepEqual(related(finding, ws.root).slice(-1), ['variables.tf 3:14-3:26 maxmemory-policy = volatile-lru (var.eviction_policy, default in variables.tf)']);
});

test('var.x: a default in the same file is where the finding lands, and the fix rewrites it', async () => {
  const text = `${GROUP}\n${VARIABLES('noeviction')}`;
  const ws = await workspaceWith({ 'main.tf': text });
  const tf = ws.file('main.tf');
  assert.deepEqual(findings(ws.model, tf), [
    `CW007 18:14-18:24 ${NOEVICTION} \`maxmemory-policy\` is noeviction (var.eviction_policy, default in main.tf).`,
  ]);
  assert.deepEqual(ws.model.analysis(tf)!.diagnostics[0].related, undefined);
  assert.deepEqual(afterFix(ws.model, tf, 'CW007'), {
    title: 'Set `maxmemory-policy = allkeys-lru`',
    text: text.replace('default = "noeviction"', 'default = "allkeys-lru"'),
  });
});

test('var.x with no value anywhere is unknown: no finding from a guessed policy, and the hover says why', async () => {
  const ws = await workspaceWith({
    'main.tf': GROUP,
    'variables.tf': VARIABLES(),
    'app.cache.yaml': neverExpiringCachesOn('orders-cache'),
  });
  const tf = ws.file('main.tf');
  assert.deepEqual(findings(ws.model, tf), []);
  assert.equal(hoverAt(ws.model, tf, 'var.eviction_policy'), '**var.eviction_policy** — no value found: no terraform.tfvars or `*.auto.tfvars` entry and no `default`. Cache Warden does not guess it, so what depends on it is not checked.');
  assert.equal(hoverAt(ws.model, tf, '"orders" {', 2), '**aws_elasticache_replication_group** `orders` — ElastiCache redis, Cache Warden backend `orders-cache`.\n\nEviction: unknown — `aws_elasticache_parameter_group.cache` sets maxmemory-policy to a value Cache Warden cannot know (a variable with no value, an expression).');
});

test('editing terraform.tfvars (on disk, or in the editor) reads main.tf again: the finding follows the value', async () => {
  const ws = await workspaceWith({
    'main.tf': GROUP,
    'variables.tf': VARIABLES('allkeys-lru'),
    'terraform.tfvars': 'eviction_policy = "noeviction"\n',
  });
  const tf = ws.file('main.tf');
  const tfvars = ws.file('terraform.tfvars');
  assert.deepEqual(findings(ws.model, tf), [`CW007 6:13-6:32 ${NOEVICTION} \`maxmemory-policy\` is noeviction (var.eviction_policy, set in terraform.tfvars): change it there to allkeys-lru.`]);
  fs.writeFileSync(tfvars, 'eviction_policy = "allkeys-lru"\n');
  await ws.model.diskChanged(tfvars);
  assert.deepEqual(findings(ws.model, tf), []);
  // Typed in the editor, not saved: the model's overlay of the tfvars file is what main.tf reads.
  const stale: string[][] = [];
  const listening = ws.model.onDidChange((change) => stale.push(change.stale));
  ws.model.setOverlay(tfvars, '# staging\neviction_policy = "noeviction"\n', 2);
  listening.dispose();
  assert.ok(stale.some((files) => files.includes(tf)), 'main.tf is announced as changed');
  assert.deepEqual(findings(ws.model, tf), [`CW007 6:13-6:32 ${NOEVICTION} \`maxmemory-policy\` is noeviction (var.eviction_policy, set in terraform.tfvars): change it there to allkeys-lru.`]);
  assert.deepEqual(related(ws.model.analysis(tf)!.diagnostics[0], ws.root), ['terraform.tfvars 2:20-2:30 maxmemory-policy = noeviction (var.eviction_policy, set in terraform.tfvars)']);
  // The default's file is a dependency too.
  ws.model.setOverlay(tfvars, '# staging\n', 3);
  fs.writeFileSync(ws.file('variables.tf'), VARIABLES('noeviction'));
  await ws.model.diskChanged(ws.file('variables.tf'));
  assert.deepEqual(findings(ws.model, tf), [`CW007 6:13-6:32 ${NOEVICTION} \`maxmemory-policy\` is noeviction (var.eviction_policy, default in variables.tf): change it there to allkeys-lru.`]);
});

test('*.auto.tfvars (HCL and JSON) override terraform.tfvars, in name order; terraform.tfvars.json is read too', async () => {
  const ws = await workspaceWith({
    'main.tf': GROUP,
    'variables.tf': VARIABLES('allkeys-lru'),
    'terraform.tfvars': 'eviction_policy = "allkeys-lfu"\n',
    'a.auto.tfvars': 'eviction_policy = "volatile-ttl"\n',
    'b.auto.tfvars.json': '{\n  "eviction_policy": "noeviction"\n}\n',
  });
  assert.deepEqual(findings(ws.model, ws.file('main.tf')), [`CW007 6:13-6:32 ${NOEVICTION} \`maxmemory-policy\` is noeviction (var.eviction_policy, set in b.auto.tfvars.json): change it there to allkeys-lru.`]);
  assert.deepEqual(related(ws.model.analysis(ws.file('main.tf'))!.diagnostics[0], ws.root), ['b.auto.tfvars.json 2:23-2:33 maxmemory-policy = noeviction (var.eviction_policy, set in b.auto.tfvars.json)']);
  const json = await workspaceWith({ 'main.tf': GROUP, 'variables.tf': VARIABLES('allkeys-lru'), 'terraform.tfvars.json': '{"eviction_policy": "noeviction"}' });
  assert.deepEqual(findings(json.model, json.file('main.tf')), [`CW007 6:13-6:32 ${NOEVICTION} \`maxmemory-policy\` is noeviction (var.eviction_policy, set in terraform.tfvars.json): change it there to allkeys-lru.`]);
});

test('local.x and a node type from a variable: the locals block and the tfvars are followed (CW008 with the node\'s memory)', async () => {
  const main = `resource "aws_elasticache_parameter_group" "cache" {
  name   = "orders-params"
  family = "redis7"
  parameter {
    name  = "maxmemory-policy"
    value = local.policy
  }
  parameter {
    name  = "reserved-memory-percent"
    value = local.reserved
  }
}

resource "aws_elasticache_replication_group" "orders" {
  replication_group_id = var.name
  description          = "orders"
  node_type            = var.node_type
  parameter_group_name = aws_elasticache_parameter_group.cache.id
}
`;
  const ws = await workspaceWith({
    'main.tf': main,
    'locals.tf': 'locals {\n  policy   = "allkeys-lru"\n  reserved = var.reserved\n}\n',
    'variables.tf': 'variable "name" {\n  default = "orders-cache"\n}\nvariable "node_type" {}\nvariable "reserved" {\n  default = 5\n}\n',
    'terraform.tfvars': 'node_type = "cache.r6g.large"\n',
  });
  const tf = ws.file('main.tf');
  assert.deepEqual(findings(ws.model, tf), [
    'CW008 10:13-10:27 `maxmemory` 12.42Gi is 95.03% of `node_type memory` 13.07Gi: replication buffers, fragmentation and forks need the rest, so a backup or a replica sync runs the node out of memory. Keep it at or below 9.8Gi (75%). ElastiCache sets maxmemory to the cache.r6g.large node\'s memory less reserved-memory-percent (5% here): raise reserved-memory-percent to 25. `node_type` is cache.r6g.large (var.node_type, set in terraform.tfvars). `reserved-memory-percent` is 5 (local.reserved → var.reserved, default in variables.tf).',
  ]);
  assert.deepEqual(related(ws.model.analysis(tf)!.diagnostics[0], ws.root), [
    'terraform.tfvars 1:14-1:29 node_type = cache.r6g.large (var.node_type, set in terraform.tfvars)',
    'variables.tf 6:13-6:14 reserved-memory-percent = 5 (local.reserved → var.reserved, default in variables.tf)',
  ]);
  assert.equal(hoverAt(ws.model, tf, '"orders" {', 2), '**aws_elasticache_replication_group** `orders` — ElastiCache redis, Cache Warden backend `orders-cache`.\n\nEviction: `allkeys-lru` from `aws_elasticache_parameter_group.cache` (local.policy, set in locals.tf).\n\nMemory: cache.r6g.large (var.node_type, set in terraform.tfvars) ≈ 13.07Gi; maxmemory ≈ 12.42Gi after reserved-memory-percent 5.');
  // The backend's name came through var.name: an app linking by it finds the cluster.
  assert.deepEqual(ws.model.facts.get(tf)?.backends.map((b) => b.name), ['orders-cache']);
});

const MODULE_MAIN = `resource "aws_elasticache_parameter_group" "this" {
  name   = "\${var.name}-params"
  family = "redis7"
  parameter {
    name  = "maxmemory-policy"
    value = var.eviction_policy
  }
}

resource "aws_elasticache_replication_group" "this" {
  replication_group_id = var.name
  description          = "cache"
  node_type            = "cache.r6g.large"
  parameter_group_name = aws_elasticache_parameter_group.this.name
}
`;
/** The module's node type is known (cache.r6g.large): the message names its maxmemory. */
const NOEVICTION_9_8 = NOEVICTION.replace('once its memory is full', 'once its 9.8Gi is full');
const MODULE_VARIABLES = (fallback: string) => `variable "name" {
  type = string
}

variable "eviction_policy" {
  type    = string
  default = "${fallback}"
}
`;

test('a local module: its variables take the module block\'s arguments, and the finding is at the argument in the calling file (the fix rewrites it)', async () => {
  const root = `module "cache" {
  source          = "./modules/redis"
  name            = "orders-cache"
  eviction_policy = "noeviction"
}
`;
  const ws = await workspaceWith({
    'main.tf': root,
    'modules/redis/main.tf': MODULE_MAIN,
    'modules/redis/variables.tf': MODULE_VARIABLES('allkeys-lru'),
  });
  const tf = ws.file('main.tf');
  assert.deepEqual(findings(ws.model, tf), [
    `CW007 4:22-4:32 ${NOEVICTION_9_8} \`maxmemory-policy\` is noeviction (var.eviction_policy, passed to module.cache in main.tf).`,
  ]);
  assert.deepEqual(afterFix(ws.model, tf, 'CW007'), {
    title: 'Set `maxmemory-policy = allkeys-lru`',
    text: root.replace('"noeviction"', '"allkeys-lru"'),
  });
  assert.equal(hoverAt(ws.model, tf, '"cache"', 1), '**aws_elasticache_replication_group** `this` — ElastiCache redis, Cache Warden backend `orders-cache`.\n\nEviction: `noeviction` from `module.cache.aws_elasticache_parameter_group.this` (var.eviction_policy, passed to module.cache in main.tf).\n\nMemory: cache.r6g.large (written in modules/redis/main.tf) ≈ 13.07Gi; maxmemory ≈ 9.8Gi after reserved-memory-percent 25.');
  // The module's own files, read by themselves, use its default: nothing to report.
  assert.deepEqual(findings(ws.model, ws.file('modules/redis/main.tf')), []);
});

test('a local module called without the argument: the module\'s default applies, reported at the module block with the default as related location', async () => {
  const root = 'module "cache" {\n  source = "./modules/redis"\n  name   = "orders-cache"\n}\n';
  const ws = await workspaceWith({
    'main.tf': root,
    'modules/redis/main.tf': MODULE_MAIN,
    'modules/redis/variables.tf': MODULE_VARIABLES('noeviction'),
  });
  const tf = ws.file('main.tf');
  assert.deepEqual(findings(ws.model, tf), [
    `CW007 1:9-1:14 ${NOEVICTION_9_8} \`maxmemory-policy\` is noeviction (var.eviction_policy, default in modules/redis/variables.tf): change it there to allkeys-lru.`,
  ]);
  assert.deepEqual(related(ws.model.analysis(tf)!.diagnostics[0], ws.root), ['modules/redis/variables.tf 7:14-7:24 maxmemory-policy = noeviction (var.eviction_policy, default in modules/redis/variables.tf)']);
  assert.equal(afterFix(ws.model, tf, 'CW007'), undefined);
  // Read by itself, the module's file reports its default at the reference (its name is unknown there).
  assert.deepEqual(findings(ws.model, ws.file('modules/redis/main.tf')), [
    `CW007 6:13-6:32 ${NOEVICTION_9_8.replace('orders-cache', 'this')} \`maxmemory-policy\` is noeviction (var.eviction_policy, default in modules/redis/variables.tf): change it there to allkeys-lru.`,
  ]);
  // Editing the module's default reads the calling file again.
  fs.writeFileSync(ws.file('modules/redis/variables.tf'), MODULE_VARIABLES('allkeys-lru'));
  await ws.model.diskChanged(ws.file('modules/redis/variables.tf'));
  assert.deepEqual(findings(ws.model, tf), []);
});

test('a module argument that is itself a variable of the caller is followed to the caller\'s tfvars; remote modules are not followed', async () => {
  const root = `module "cache" {
  source          = "./modules/redis"
  name            = "orders-cache"
  eviction_policy = var.policy
}

module "remote" {
  source          = "terraform-aws-modules/elasticache/aws"
  eviction_policy = "noeviction"
}
`;
  const ws = await workspaceWith({
    'main.tf': root,
    'variables.tf': 'variable "policy" {}\n',
    'prod.auto.tfvars': 'policy = "noeviction"\n',
    'modules/redis/main.tf': MODULE_MAIN,
    'modules/redis/variables.tf': MODULE_VARIABLES('allkeys-lru'),
  });
  const tf = ws.file('main.tf');
  assert.deepEqual(findings(ws.model, tf), [
    `CW007 4:21-4:31 ${NOEVICTION_9_8} \`maxmemory-policy\` is noeviction (var.eviction_policy → var.policy, set in prod.auto.tfvars): change it there to allkeys-lru.`,
  ]);
  assert.deepEqual(related(ws.model.analysis(tf)!.diagnostics[0], ws.root), ['prod.auto.tfvars 1:11-1:21 maxmemory-policy = noeviction (var.eviction_policy → var.policy, set in prod.auto.tfvars)']);
  const tfvarsUrl = new URL(`file://${ws.file('prod.auto.tfvars')}`).href;
  assert.equal(hoverAt(ws.model, tf, 'var.policy'), `**var.policy** = \`noeviction\` (var.policy, set in prod.auto.tfvars): written at [prod.auto.tfvars, line 1](${tfvarsUrl}#L1).`);
});

test('references between files of a folder: a parameter group in any .tf of the folder (not only the usual names), and editing it reads the cluster\'s file again', async () => {
  const clusters = 'resource "aws_elasticache_replication_group" "orders" {\n  replication_group_id = "orders-cache"\n  description          = "orders"\n  parameter_group_name = aws_elasticache_parameter_group.cache.name\n}\n';
  const params = (policy: string) => `resource "aws_elasticache_parameter_group" "cache" {\n  name   = "orders-params"\n  family = "redis7"\n  parameter {\n    name  = "maxmemory-policy"\n    value = "${policy}"\n  }\n}\n`;
  const ws = await workspaceWith({ 'infra/clusters.tf': clusters, 'infra/params_orders.tf': params('noeviction') });
  const tf = ws.file('infra/clusters.tf');
  assert.deepEqual(findings(ws.model, tf), [
    `CW007 4:26-4:68 ${NOEVICTION} The policy is set in \`aws_elasticache_parameter_group.cache\` (infra/params_orders.tf): change it there to allkeys-lru.`,
  ]);
  assert.deepEqual(related(ws.model.analysis(tf)!.diagnostics[0], ws.root), ['infra/params_orders.tf 6:14-6:24 maxmemory-policy = noeviction (written in infra/params_orders.tf)']);
  ws.model.setOverlay(ws.file('infra/params_orders.tf'), params('allkeys-lru'), 1);
  assert.deepEqual(findings(ws.model, tf), []);
  // A file that appears in the folder is looked in too: the reference that was unknown is followed.
  const other = clusters.replace(/orders/g, 'carts').replace('.cache.name', '.carts.name');
  fs.writeFileSync(tf, other);
  await ws.model.diskChanged(tf);
  assert.deepEqual(findings(ws.model, tf), []);
  fs.writeFileSync(ws.file('infra/params_carts.tf'), params('noeviction').replace('"cache"', '"carts"'));
  await ws.model.diskChanged(ws.file('infra/params_carts.tf'));
  assert.deepEqual(findings(ws.model, tf), [
    `CW007 4:26-4:68 ${NOEVICTION.replace('orders-cache', 'carts-cache')} The policy is set in \`aws_elasticache_parameter_group.carts\` (infra/params_carts.tf): change it there to allkeys-lru.`,
  ]);
});

test('what is not followed is unknown, never guessed: each.value of a for_each module, a conditional, a function call, an engine from a variable with no value', async () => {
  const ws = await workspaceWith({
    'main.tf': `module "caches" {
  source          = "./modules/redis"
  for_each        = var.caches
  name            = each.key
  eviction_policy = each.value
}

resource "aws_elasticache_parameter_group" "cond" {
  name   = "cond"
  family = "redis7"
  parameter {
    name  = "maxmemory-policy"
    value = var.strict ? "noeviction" : "volatile-lru"
  }
}

resource "aws_elasticache_replication_group" "cond" {
  replication_group_id = "cond"
  description          = "cond"
  parameter_group_name = aws_elasticache_parameter_group.cond.name
}

resource "aws_elasticache_parameter_group" "fn" {
  name   = "fn"
  family = "redis7"
  parameter {
    name  = "maxmemory-policy"
    value = lower(var.policy)
  }
}

resource "aws_elasticache_replication_group" "engine" {
  replication_group_id = "engine"
  description          = "engine"
  engine               = var.engine
}
`,
    'variables.tf': 'variable "caches" {}\nvariable "strict" {\n  default = true\n}\nvariable "policy" {\n  default = "NOEVICTION"\n}\nvariable "engine" {}\n',
    'modules/redis/main.tf': MODULE_MAIN,
    'modules/redis/variables.tf': MODULE_VARIABLES('noeviction'),
    'app.cache.yaml': neverExpiringCachesOn('cond', 'engine', 'this'),
  });
  assert.deepEqual(findings(ws.model, ws.file('main.tf')), []);
  assert.equal(hoverAt(ws.model, ws.file('main.tf'), 'var.engine'), '**var.engine** — no value found: no terraform.tfvars or `*.auto.tfvars` entry and no `default`. Cache Warden does not guess it, so what depends on it is not checked.');
});
