'use strict';
// Cache layer schema: `spec.backends[]` (where entries live, memory and eviction).
const { f } = require('./lib');
const ref = (name) => ({ $ref: `#/$defs/${name}` });

const backend = {
  title: 'Backend',
  description: 'A cache server or in-process store that holds entries for one or more caches.',
  type: 'object',
  additionalProperties: false,
  required: ['name', 'type'],
  properties: {
    name: f('backends', 'backends.name', {
      title: 'Backend name',
      description: 'The name caches use to refer to this backend; also its entity id in the dependency diagram.',
      what: 'Unique name of the backend in this file. Caches point at it with `backend:`. Use the same id as the backend\'s documentation (for example a doc with `id: catalog-redis`) so the diagram and Go to Definition connect the config to the docs.',
      dflt: 'required.',
      failure: 'two caches silently sharing (or not sharing) a Redis because they spelled its name differently.',
      examples: ['catalog-redis', 'orders-local'],
      ...ref('identifier'),
    }),
    type: f('backends', 'backends.type', {
      title: 'Backend type',
      description: 'The kind of cache server: redis, memcached, in-process, cdn or http-proxy.',
      what: 'The technology holding the entries. It decides which checks apply: `in-process` caches start empty in every new pod (CW010) and need an entry limit (CW008); `redis` needs `maxMemory` and an eviction policy (CW007, CW008).',
      dflt: 'required.',
      failure: 'applying the wrong mental model: e.g. assuming an in-process cache survives a deploy the way Redis does.',
      rules: ['CW007', 'CW008', 'CW010'],
      examples: ['redis'],
      type: 'string',
      enumDocs: [
        ['redis', 'Redis or a compatible server (Valkey, ElastiCache, Azure Cache for Redis).', 'Redis or a compatible server (Valkey, ElastiCache, Azure Cache for Redis). Defaults to `maxmemory 0` (unlimited) and `noeviction` unless configured; managed offerings default to `volatile-lru`.'],
        ['memcached', 'A memcached cluster.', 'A memcached cluster. Defaults to **64 MB** (`-m 64`); `-M` turns eviction off (like `noeviction`).'],
        ['in-process', 'A cache inside the service process (Caffeine, Guava, lru-cache, MemoryCache).', 'A cache inside the service process (Caffeine, Guava, `lru-cache`, `MemoryCache`). Every new pod starts **cold**, and without a size limit it grows until the process runs out of memory.'],
        ['cdn', 'A CDN edge cache (CloudFront, Fastly, Cloudflare).', 'A CDN edge cache (CloudFront, Fastly, Cloudflare). The cache key is exactly what the cache policy includes: per-user pages cached as shared leak data (Steam, Christmas 2015).'],
        ['http-proxy', 'A caching reverse proxy (nginx proxy_cache, Varnish, Envoy cache filter).', 'A caching reverse proxy (nginx `proxy_cache`, Varnish, Envoy cache filter). nginx `proxy_cache_lock` is **off** by default, so misses are not coalesced unless configured.'],
      ],
    }),
    role: f('backends', 'backends.role', {
      title: 'Role',
      description: 'Whether the backend holds disposable cache entries (cache) or data that must not be evicted (store).',
      what: 'Declares what losing an entry means. A `cache` may drop any entry at any time and reload it from the source; a `store` (sessions, queues, rate-limit counters) must not lose data, so `noeviction` is legitimate there.',
      dflt: '`cache`.',
      failure: 'a cache backend configured like a store: with `noeviction` Redis answers writes with OOM errors once full, the cache stops absorbing reads and the load moves to the database (CW007).',
      rules: ['CW007'],
      examples: ['cache'],
      type: 'string',
      default: 'cache',
      enumDocs: [
        ['cache', 'Entries are disposable copies of data that lives elsewhere.', 'Entries are disposable copies of data that lives elsewhere; evicting any of them is safe. Requires an eviction policy that can evict (CW007).'],
        ['store', 'The backend is the system of record for its data; entries must not be evicted.', 'The backend is the system of record for its data (sessions, counters, queues); entries must not be evicted, so `noeviction` is allowed.'],
      ],
    }),
    maxMemory: f('backends', 'backends.maxMemory', {
      title: 'Max memory',
      description: 'The memory limit of the cache server (Redis maxmemory, memcached -m).',
      what: 'The memory the backend may use for entries: Redis `maxmemory`, memcached `-m`. Together with `eviction` it decides what happens when the cache is full.',
      dflt: 'none. Redis defaults to `maxmemory 0`, which means **no limit** on 64-bit systems; memcached defaults to 64 MB. CW008 reports it missing on `redis` and `memcached` backends (`in-process` caches use `capacity.maxEntries`).',
      failure: 'an unbounded Redis in a container grows until the OOM killer restarts it empty, and the cold restart sends every read to the database (CW008, then CW010).',
      rules: ['CW008', 'CW009'],
      examples: ['6Gi', '512Mi', '64MB'],
      ...ref('size'),
    }),
    containerMemoryLimit: f('backends', 'backends.containerMemoryLimit', {
      title: 'Container memory limit',
      description: 'The memory limit of the container or instance the backend runs in.',
      what: 'The hard memory limit of the pod or instance. `maxMemory` must leave room for replication buffers, fork-on-save copy-on-write and fragmentation: CW008 requires `maxMemory` ≤ 75% of this limit.',
      dflt: 'none; when absent the 75% check is skipped.',
      failure: 'Redis killed by the container OOM killer before it ever reaches `maxmemory` and starts evicting (ElastiCache reserves 25% by default for the same reason).',
      rules: ['CW008'],
      examples: ['8Gi'],
      ...ref('size'),
    }),
    deployedBy: f('backends', 'backends.deployedBy', {
      title: 'Deployed by',
      description: 'The config that deploys this backend (a compose file, Helm values, redis.conf, a CloudFormation template), or the name it is deployed under.',
      what: 'Ties the declaration to what runs. A path (relative to this file) names the deployment config; a bare name names the deployed backend (a compose service, a Helm release\'s `<release>-redis`). Without it, a deployed backend with the same name is matched. CW014 reports every difference in `eviction` and `maxMemory` at both places.',
      dflt: 'none: a deployed backend with the same name (or alias) is compared, if there is one.',
      failure: 'a design review approving `allkeys-lru` while production runs the managed default `volatile-lru` (CW014).',
      rules: ['CW014'],
      examples: ['deploy/redis/values.yaml', 'catalog-redis'],
      type: 'string',
      minLength: 1,
    }),
    eviction: f('backends', 'backends.eviction', {
      title: 'Eviction policy',
      description: 'What the backend removes when it is full (Redis maxmemory-policy).',
      what: 'The Redis `maxmemory-policy` (or its equivalent) applied when the backend reaches `maxMemory`. For a cache, `allkeys-lru` or `allkeys-lfu` is the safe choice ("if you are unsure", per the Redis docs).',
      dflt: 'none declared. Redis itself defaults to `noeviction`, so CW007 reports a `redis` cache backend without `eviction`; ElastiCache and Azure Cache for Redis default to `volatile-lru`.',
      failure: '`noeviction` turns a full cache into write errors, and `volatile-*` behaves like `noeviction` when entries have no TTL — the cache stops absorbing reads (CW007, also checked across files).',
      rules: ['CW007', 'CW001'],
      examples: ['allkeys-lfu', 'allkeys-lru'],
      type: 'string',
      enumDocs: [
        ['noeviction', 'Never evict; writes fail with an out-of-memory error when full.', 'Never evict; writes fail with `OOM command not allowed` when full. Redis\'s default. **Wrong for `role: cache`** (CW007).'],
        ['allkeys-lru', 'Evict the least recently used key among all keys.', 'Evict the least recently used key among **all** keys. The safe default for caches.'],
        ['allkeys-lfu', 'Evict the least frequently used key among all keys.', 'Evict the least frequently used key among **all** keys. Good for skewed (hot-key) read patterns.'],
        ['allkeys-random', 'Evict a random key among all keys.', 'Evict a random key among **all** keys. Safe, but evicts hot keys as readily as cold ones.'],
        ['volatile-lru', 'Evict the least recently used key among keys that have a TTL.', 'Evict the least recently used key **among keys with a TTL**. Behaves like `noeviction` when no key has a TTL. Default on ElastiCache and Azure (CW007).'],
        ['volatile-lfu', 'Evict the least frequently used key among keys that have a TTL.', 'Evict the least frequently used key **among keys with a TTL**; behaves like `noeviction` when none has one (CW007).'],
        ['volatile-random', 'Evict a random key among keys that have a TTL.', 'Evict a random key **among keys with a TTL**; behaves like `noeviction` when none has one (CW007).'],
        ['volatile-ttl', 'Evict the key with the shortest remaining TTL.', 'Evict the key with the shortest remaining TTL **among keys with a TTL**; behaves like `noeviction` when none has one (CW007).'],
      ],
    }),
  },
};

const backends = f('backends', 'backends', {
  title: 'Backends',
  description: 'The cache servers or in-process stores the caches in this file use.',
  what: 'The physical places entries live: Redis, memcached, an in-process map, a CDN or a caching proxy. Each cache in `caches` names one of them in `backend`.',
  dflt: 'required, at least one.',
  failure: 'memory and eviction settings hidden in a Helm chart string where nobody reviews them next to the caches that depend on them (CW007, CW008).',
  rules: ['CW007', 'CW008'],
  examples: [[{ name: 'catalog-redis', type: 'redis', role: 'cache', maxMemory: '6Gi', containerMemoryLimit: '8Gi', eviction: 'allkeys-lfu' }]],
  type: 'array',
  minItems: 1,
  items: backend,
  defaultSnippets: [
    {
      label: 'New Redis backend',
      description: 'A Redis cache backend with a memory limit and an all-keys eviction policy.',
      body: { name: '${1:catalog-redis}', type: 'redis', role: 'cache', maxMemory: '${2:6Gi}', containerMemoryLimit: '${3:8Gi}', eviction: '${4|allkeys-lfu,allkeys-lru|}' },
    },
    {
      label: 'New in-process backend',
      description: 'A cache inside the service process (size it with capacity.maxEntries on each cache).',
      body: { name: '${1:local}', type: 'in-process', role: 'cache' },
    },
  ],
});

module.exports = { backends };
