'use strict';
// Hand-written page intros and area examples for docs/config/*.md. Field sections are generated
// from the schema data (lib.docsRegistry) so anchors always match the schema's links.

const pages = {
  index: {
    title: 'Cache layer configuration reference',
    where: 'top level of every `*.cache.yaml`, `*.cache.yml` and `*.cache.json` file',
    intro: `A cache layer file describes, for one service, every cache it runs, where the entries live and
which data source each cache protects. Cache Warden checks it against its JSON Schema
(\`schemas/cache-layer.schema.json\`) and against the [CW rules](../rules/) before the configuration
reaches production, and draws the *service → cache → database* path from it in the dependency diagram.

The pages below have one section per field: what it does, what happens when it is absent, the failure it
prevents, and an example. Editor hovers link to these sections.

| Area | Page |
|---|---|
| \`apiVersion\`, \`kind\`, \`spec\` | this page |
| \`metadata\` (service, owner, docs, runbook) | [metadata](metadata.md) |
| \`spec.backends[]\` (Redis, memcached, in-process...) | [backends](backends.md) |
| \`spec.caches[]\` (name, backend, enabled, criticality, override, owner, docs) | [caches](caches.md) |
| \`caches[].fronts\`: the data source a cache protects | [fronts](fronts.md) |
| \`caches[].key\`: key template, version, scope | [key](key.md) |
| \`caches[].ttl\`: lifetime and jitter | [ttl](ttl.md) |
| \`caches[].stale\`: stale-while-revalidate, stale-if-error | [stale](stale.md) |
| \`caches[].stampede\`: collapsing concurrent misses | [stampede](stampede.md) |
| \`caches[].negative\`: "not found" caching and loader errors | [negative](negative.md) |
| \`caches[].capacity\`: entry and memory limits, working set, alerts | [capacity](capacity.md) |
| \`caches[].warmup\`: filling a cold cache | [warmup](warmup.md) |
| \`caches[].invalidation\`: triggers that remove entries early | [invalidation](invalidation.md) |
| \`caches[].rollout\`: deploy pacing | [rollout](rollout.md) |

## Value formats

- **Durations** are strings with a unit: \`800ms\`, \`30s\`, \`10m\`, \`1h30m\`, \`2d\`, or the literal \`never\`.
  A bare number, above all \`0\`, is a schema error: \`0\` means *never expire* in memcached, Symfony and
  Hazelcast but *never cache* in Django, and an unset TTL means *never expire* in Spring Boot.
- **Sizes** are strings with a unit: \`B\`, \`KB\`, \`MB\`, \`GB\`, \`TB\` (powers of 1000) or \`Ki\`, \`Mi\`, \`Gi\`, \`Ti\`
  (powers of 1024): \`512Mi\`, \`6Gi\`.
- **Jitter** is a percentage of the TTL (\`10%\`) or a duration (\`30s\`).
- **Rate limits** are \`<n>/s\`, \`<n>/m\` or \`<n>/h\`: \`2000/s\`.
- **Entity references** are \`[kind:]name\`, for example \`catalog-db\` or \`resource:catalog-db\`. They point at
  entities declared in Markdown front matter, \`catalog-info.yaml\` files or other cache layer files.
- Unknown keys are errors, so a misspelt \`tll:\` cannot silently fall back to a default.`,
    example: `apiVersion: cache-warden/v1
kind: CacheLayer
metadata:
  service: catalog-service
  owner: team-catalog
  docs: docs/catalog-service.md
spec:
  backends:
    - name: catalog-redis
      type: redis
      maxMemory: 6Gi
      containerMemoryLimit: 8Gi
      eviction: allkeys-lfu
  caches:
    - name: product-by-id
      backend: catalog-redis
      criticality: hot
      fronts: { kind: sql, name: catalog-db, params: [product_id], loadTimeout: 800ms, maxConcurrentLoads: 32 }
      key: { template: "catalog:v{version}:product:{product_id}", version: 3 }
      ttl: { value: 10m, jitter: 10% }
      stampede: { mode: coalesce, scope: fleet, lockTimeout: 2s }`,
  },
  metadata: {
    title: 'metadata',
    where: '`metadata`, at the top level',
    intro: `Who runs these caches and where to read about them. \`metadata.service\` links the file to the
service's documented entity, which is what lets the dependency diagram show *service → cache →
database*. Missing ownership and docs are reported by [CW013](../rules/CW013.md).`,
    example: `metadata:
  service: catalog-service
  owner: team-catalog
  docs: docs/catalog-service.md
  runbook: docs/runbooks/catalog-cache.md`,
  },
  backends: {
    title: 'backends',
    where: 'each entry of `spec.backends`',
    intro: `The servers or in-process stores where cache entries live. Their memory limit and eviction policy
decide what happens when a cache is full: evict something (good), or refuse writes so every read falls
through to the database (the failure [CW007](../rules/CW007.md) and [CW008](../rules/CW008.md) catch).`,
    example: `backends:
  - name: catalog-redis        # same id as the docs page of this Redis
    type: redis
    role: cache
    maxMemory: 6Gi             # ≤ 75% of the container limit
    containerMemoryLimit: 8Gi
    eviction: allkeys-lfu      # never noeviction on a cache`,
  },
  caches: {
    title: 'caches',
    where: 'each entry of `spec.caches`; the areas `fronts`, `key`, `ttl`, `stale`, `stampede`, `negative`, `capacity`, `warmup`, `invalidation` and `rollout` have their own pages',
    intro: `One entry per logical cache. This page covers the fields that identify a cache and say how much the
system depends on it; \`criticality\` is the switch that makes most rules stricter.`,
    example: `caches:
  - name: product-by-id
    backend: catalog-redis
    enabled: true
    criticality: hot
    owner: team-catalog
    docs: docs/catalog-service.md#product-cache`,
  },
  fronts: {
    title: 'fronts',
    where: '`fronts`, inside an entry of `spec.caches`',
    intro: `The data source a cache protects and the load a miss puts on it. \`fronts.name\` draws the *cache →
database* edge in the diagram: the edge that, in the postmortem behind this tool, nobody could see while
the database was being scaled for nothing. The loader limits are checked by [CW012](../rules/CW012.md),
the parameters by [CW005](../rules/CW005.md).`,
    example: `fronts:
  kind: sql
  name: catalog-db
  query: "SELECT * FROM products WHERE tenant_id = :tenant_id AND id = :product_id AND locale = :locale"
  params: [tenant_id, product_id, locale]
  variesBy: [tenant, locale]
  lookupBy: external
  expectedQps: 4000
  p99LoadTime: 120ms
  loadTimeout: 800ms
  maxConcurrentLoads: 32`,
  },
  key: {
    title: 'key',
    where: '`key`, inside an entry of `spec.caches`',
    intro: `How cache keys are built. The key decides who sees which entry: every input that changes the
result must be in the key, or be listed in \`ignoredParams\` with a reason ([CW005](../rules/CW005.md)).`,
    example: `key:
  template: "catalog:v{version}:product:{tenant_id}:{product_id}:{locale}"
  version: 7
  ignoredParams:
    - name: include_drafts
      reason: "always false on the public read path; drafts use a different cache"
  scope: shared`,
  },
  ttl: {
    title: 'ttl',
    where: '`ttl`, inside an entry of `spec.caches`',
    intro: `How long entries live. Write it explicitly, as a duration with a unit: frameworks disagree about what
an unset TTL or \`0\` means (Spring Boot: unset = never expire; memcached and Symfony: 0 = never expire;
Django: 0 = never cache). A missing TTL is [CW001](../rules/CW001.md); a TTL without jitter on a large or
warmed cache is [CW004](../rules/CW004.md).`,
    example: `ttl:
  value: 10m
  jitter: 10%`,
  },
  stale: {
    title: 'stale',
    where: '`stale`, inside an entry of `spec.caches`',
    intro: `When an expired entry may still be served (RFC 5861 semantics). Serving a value that is a minute old
is almost always better than sending every request to a database that is already struggling.`,
    example: `stale:
  whileRevalidate: 60s
  ifError: 30m`,
  },
  stampede: {
    title: 'stampede',
    where: '`stampede`, inside an entry of `spec.caches`',
    intro: `Stampede (thundering herd) protection: when a popular key is missing, one request loads it and the
others wait or get the stale value. Hot and warm caches need this, or \`stale.whileRevalidate\`
([CW003](../rules/CW003.md)).`,
    example: `stampede:
  mode: coalesce
  scope: fleet
  lockTimeout: 2s
  earlyRefresh: 0.9`,
  },
  negative: {
    title: 'negative',
    where: '`negative`, inside an entry of `spec.caches`',
    intro: `Negative caching remembers that something does *not* exist, so lookups of missing ids do not reach
the database every time. \`onError\` decides what a loader error does to the entry already cached; it must
never delete it ([CW006](../rules/CW006.md)).`,
    example: `negative:
  enabled: true
  ttl: 30s
  onError: serve_stale`,
  },
  capacity: {
    title: 'capacity',
    where: '`capacity`, inside an entry of `spec.caches`',
    intro: `How big the cache may grow and how big it needs to be. A cache smaller than its working set evicts
entries before they are read again, and the hit ratio falls without any error
([CW008](../rules/CW008.md), [CW009](../rules/CW009.md)).`,
    example: `capacity:
  maxEntries: 2000000
  workingSet:
    estimatedKeys: 1500000
    avgValueBytes: 1800
  alerts:
    hitRatioMin: 0.9
    evictionsPerSecMax: 500`,
  },
  warmup: {
    title: 'warmup',
    where: '`warmup`, inside an entry of `spec.caches`',
    intro: `How a cold cache is filled before it takes full traffic. Hot caches that start empty (in-process
caches on every deploy, any cache after a \`key.version\` bump) need a warm-up or a load bulkhead
([CW010](../rules/CW010.md)).`,
    example: `warmup:
  strategy: preload
  source: "top-50k products by 7-day views"
  requiredBeforeTraffic: true`,
  },
  invalidation: {
    title: 'invalidation',
    where: '`invalidation`, inside an entry of `spec.caches`',
    intro: `What removes or refreshes entries before their TTL ends. Triggers are required for \`ttl.value: never\`
([CW001](../rules/CW001.md)); on hot caches, triggers that can touch many keys must mark entries stale and
be rate limited ([CW011](../rules/CW011.md)).`,
    example: `invalidation:
  triggers:
    - on: db_change
      source: "CDC catalog-db.products"
      scope: key
      keys: "catalog:v{version}:product:{tenant_id}:{product_id}:*"
      maxKeysPerEvent: 50
      mode: delete
    - on: event
      source: "kafka:catalog.bulk-reprice"
      scope: tag
      maxKeysPerEvent: 200000
      mode: mark_stale
      rateLimit: 2000/s`,
  },
  rollout: {
    title: 'rollout',
    where: '`rollout`, inside an entry of `spec.caches`',
    intro: `Deploy pacing for caches that start cold. Replacing a small fraction of instances at a time means
only that fraction of an in-process cache is cold at once ([CW010](../rules/CW010.md)).`,
    example: `rollout:
  maxUnavailableFraction: 0.1`,
  },
};

module.exports = { pages };
