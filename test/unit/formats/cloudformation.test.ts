// CloudFormation templates (YAML with short-form tags, and JSON) read by the ElastiCache adapter:
// findings at the real `maxmemory-policy` value or at the resource that uses a default group,
// `!Ref`/`{"Ref"}` resolution, hovers, fixes that edit the template, and linking by group id.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { afterFix, findings, hoverAt, neverExpiringCachesOn, workspaceWith } from './adapterHarness';

/** Caches that write keys without a TTL on the given backends (an app's cache config). */
const app = neverExpiringCachesOn;

const YAML_TEMPLATE = `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  NodeType:
    Type: String
Resources:
  CacheParams:
    Type: AWS::ElastiCache::ParameterGroup
    Properties:
      CacheParameterGroupFamily: redis7
      Description: !Sub "params for \${AWS::StackName}"
      Properties:
        maxmemory-policy: volatile-lru
  Orders:
    Type: AWS::ElastiCache::ReplicationGroup
    Properties:
      ReplicationGroupId: orders-cache
      ReplicationGroupDescription: !Join [' ', [orders, cache]]
      Engine: redis
      CacheNodeType: cache.r6g.large
      CacheParameterGroupName: !Ref CacheParams
      SecurityGroupIds:
        - !GetAtt CacheSg.GroupId
  Sessions:
    Type: AWS::ElastiCache::ReplicationGroup
    Properties:
      ReplicationGroupDescription: sessions
      EngineVersion: '7.1'
      CacheNodeType: !Ref NodeType
`;

const NO_TTL = (backend: string) => `Backend \`${backend}\` evicts with volatile-lru, which only evicts keys that have a TTL, but`;

test('CloudFormation YAML: `!Ref` to a ParameterGroup resolves to its policy; CW007 lands on the `volatile-lru` token and the fix rewrites it', async () => {
  const ws = await workspaceWith({ 'infra/cache.template.yaml': YAML_TEMPLATE, 'app.cache.yaml': app('orders-cache') });
  const template = ws.file('infra/cache.template.yaml');
  // No "Unresolved tag" warnings for !Sub, !Join, !Ref, !GetAtt: CloudFormation's tags are read, not reported.
  assert.deepEqual(findings(ws.model, template), [
    `CW007 12:27-12:39 ${NO_TTL('orders-cache')} \`c0\` writes keys without one (ttl never), declared in app.cache.yaml: those keys pile up until writes fail like noeviction.`,
  ]);
  const d = ws.model.analysis(template)!.diagnostics[0];
  assert.deepEqual(d.related?.map((r) => [r.uri, r.range.start.line, r.message]), [[ws.file('app.cache.yaml'), 8, 'cache `c0` (ttl never)']]);
  assert.deepEqual(afterFix(ws.model, template, 'CW007'), {
    title: 'Set `maxmemory-policy: allkeys-lru`',
    text: YAML_TEMPLATE.replace('maxmemory-policy: volatile-lru', 'maxmemory-policy: allkeys-lru'),
  });
  // The app's side names the template the cluster is declared in.
  assert.ok(findings(ws.model, ws.file('app.cache.yaml')).includes('CW007 9:21-9:26 Cache `c0` never expires (`ttl.value: never`) but its backend `orders-cache` (declared in infra/cache.template.yaml) evicts with volatile-lru, which only evicts keys that have a TTL: these keys are never evicted and fill the backend until writes fail for every cache on it.'));
});

test('CloudFormation YAML: no CacheParameterGroupName means the default group (volatile-lru), reported at the resource with no fix and the way out in the message', async () => {
  const ws = await workspaceWith({ 'infra/cache.template.yaml': YAML_TEMPLATE, 'app.cache.yaml': app('Sessions') });
  const template = ws.file('infra/cache.template.yaml');
  assert.deepEqual(findings(ws.model, template), [
    `CW007 23:3-23:11 ${NO_TTL('Sessions')} \`c0\` writes keys without one (ttl never), declared in app.cache.yaml: those keys pile up until writes fail like noeviction. \`Sessions\` sets no CacheParameterGroupName, so it runs on ElastiCache's default parameter group (default.redis7), whose maxmemory-policy is volatile-lru. Default groups cannot be changed: create an AWS::ElastiCache::ParameterGroup with maxmemory-policy allkeys-lru and set CacheParameterGroupName to it.`,
  ]);
  assert.equal(afterFix(ws.model, template, 'CW007'), undefined);
  assert.equal(hoverAt(ws.model, template, '  Sessions:', 4), '**AWS::ElastiCache::ReplicationGroup** `Sessions` — ElastiCache redis, Cache Warden backend `Sessions`.\n\nEviction: `volatile-lru` — the **default** parameter group\'s policy (no CacheParameterGroupName, default.redis7): keys without a TTL are never evicted.');
  assert.equal(hoverAt(ws.model, template, 'Orders:', 1), '**AWS::ElastiCache::ReplicationGroup** `Orders` — ElastiCache redis, Cache Warden backend `orders-cache`.\n\nEviction: `volatile-lru` from `CacheParams`.\n\nMemory: cache.r6g.large ≈ 13.07Gi; maxmemory ≈ 9.8Gi after reserved-memory-percent 25.');
  assert.match(hoverAt(ws.model, template, 'maxmemory-policy')!, /^\*\*maxmemory-policy\*\* \(ElastiCache parameter\) — .*Default in ElastiCache's default parameter groups: `volatile-lru`/s);
  assert.match(hoverAt(ws.model, template, 'CacheParameterGroupName')!, /Default \(not set\): ElastiCache's default parameter group/);
  assert.match(hoverAt(ws.model, template, 'CacheNodeType')!, /`cache\.t3\.micro` 0\.5 GiB/);
});

test('CloudFormation YAML: a plain name (not `!Ref`) that is no resource of the template leaves the policy unknown: nothing is reported', async () => {
  const text = YAML_TEMPLATE.replace('CacheParameterGroupName: !Ref CacheParams', 'CacheParameterGroupName: shared-params');
  const ws = await workspaceWith({ 'infra/cache.template.yaml': text, 'app.cache.yaml': app('orders-cache') });
  assert.deepEqual(findings(ws.model, ws.file('infra/cache.template.yaml')), []);
  assert.match(hoverAt(ws.model, ws.file('infra/cache.template.yaml'), 'Orders:', 1)!, /Eviction: unknown — its parameter group is not declared in this file\./);
});

test('CloudFormation YAML: reserved-memory-percent below 25 is CW008 at its value, in ElastiCache terms', async () => {
  const text = YAML_TEMPLATE.replace('maxmemory-policy: volatile-lru', "maxmemory-policy: allkeys-lru\n        reserved-memory-percent: '10'");
  const ws = await workspaceWith({ 'infra/cache.template.yaml': text });
  assert.deepEqual(findings(ws.model, ws.file('infra/cache.template.yaml')), [
    "CW008 13:34-13:38 `maxmemory` 11.76Gi is 89.98% of `CacheNodeType memory` 13.07Gi: replication buffers, fragmentation and forks need the rest, so a backup or a replica sync runs the node out of memory. Keep it at or below 9.8Gi (75%). ElastiCache sets maxmemory to the cache.r6g.large node's memory less reserved-memory-percent (10% here): raise reserved-memory-percent to 25.",
  ]);
});

const JSON_TEMPLATE = `${JSON.stringify({
  AWSTemplateFormatVersion: '2010-09-09',
  Resources: {
    Params: { Type: 'AWS::ElastiCache::ParameterGroup', Properties: { CacheParameterGroupFamily: 'redis7', Description: 'catalog', Properties: { 'maxmemory-policy': 'volatile-lru' } } },
    Cache: { Type: 'AWS::ElastiCache::ReplicationGroup', Properties: { ReplicationGroupId: 'Catalog-Cache', ReplicationGroupDescription: 'catalog', CacheNodeType: 'cache.t3.micro', CacheParameterGroupName: { Ref: 'Params' } } },
    Memc: { Type: 'AWS::ElastiCache::CacheCluster', Properties: { Engine: 'memcached', CacheNodeType: 'cache.t3.micro', NumCacheNodes: 1 } },
    Carts: { Type: 'AWS::ElastiCache::ServerlessCache', Properties: { ServerlessCacheName: 'carts', Engine: 'valkey' } },
  },
}, null, 2)}\n`;

test('CloudFormation JSON: `{"Ref"}` resolves, the lower-cased id links, the fix keeps the quotes; ServerlessCache is volatile-lru with no fix', async () => {
  const ws = await workspaceWith({ 'infra/cloudformation/stack.json': JSON_TEMPLATE, 'app.cache.yaml': app('catalog-cache', 'carts', 'Memc') });
  const template = ws.file('infra/cloudformation/stack.json');
  assert.deepEqual(findings(ws.model, template), [
    `CW007 10:31-10:45 ${NO_TTL('Catalog-Cache')} \`c0\` writes keys without one (ttl never), declared in app.cache.yaml: those keys pile up until writes fail like noeviction.`,
    `CW007 33:5-33:12 ${NO_TTL('carts')} \`c1\` writes keys without one (ttl never), declared in app.cache.yaml: those keys pile up until writes fail like noeviction. ElastiCache Serverless always evicts with volatile-lru and has no parameter group to change it: give every key a TTL, or use a ReplicationGroup with a parameter group that sets maxmemory-policy allkeys-lru.`,
  ]);
  assert.deepEqual(afterFix(ws.model, template, 'CW007'), {
    title: 'Set `maxmemory-policy: allkeys-lru`',
    text: JSON_TEMPLATE.replace('"maxmemory-policy": "volatile-lru"', '"maxmemory-policy": "allkeys-lru"'),
  });
  assert.match(hoverAt(ws.model, template, '"ServerlessCacheName"', 1)!, /^\*\*ServerlessCacheName\*\* — the serverless cache's name/);
});

test('CloudFormation: a template that does not parse is one format-syntax error at the line; a YAML file in cloudformation/ that is no template is not read', async () => {
  const ws = await workspaceWith({
    'cfn/cache.yaml': 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  Cache:\n    Type: AWS::ElastiCache::ReplicationGroup\n    Properties: [a, b\n',
    'cloudformation/notes.yaml': 'title: not a template\n',
  });
  const broken = findings(ws.model, ws.file('cfn/cache.yaml')).filter((f) => f.startsWith('format-syntax'));
  // The YAML parser finds the unclosed `[` where the file ends.
  assert.deepEqual(broken, ['format-syntax 6:1-6:1 This CloudFormation template does not parse (Flow sequence in block collection must be sufficiently indented and end with a ]), so its ElastiCache resources are not checked.']);
  assert.equal(ws.model.file(ws.file('cloudformation/notes.yaml'))?.adapted, undefined);
});
