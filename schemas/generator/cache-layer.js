'use strict';
// Cache layer schema: the root document, `spec`, and the cache entry assembled from its areas.
const { f } = require('./lib');
const { $defs, metadata } = require('./defs-and-metadata');
const { backends } = require('./backends');
const { identity, fronts, key, ttl, stale } = require('./cache-entry-core');
const { stampede, negative, capacity, warmup, invalidation, rollout } = require('./cache-entry-behaviour');

const cacheEntry = {
  title: 'Cache',
  description: 'One cache: where it lives, what it protects, and how entries are keyed, expire and reload.',
  type: 'object',
  additionalProperties: false,
  required: ['name', 'backend'],
  properties: {
    name: identity.name,
    backend: identity.backend,
    enabled: identity.enabled,
    criticality: identity.criticality,
    override: identity.override,
    fronts,
    key,
    ttl,
    stale,
    stampede,
    negative,
    capacity,
    warmup,
    invalidation,
    rollout,
    owner: identity.owner,
    docs: identity.docs,
  },
};

const caches = f('caches', 'caches', {
  title: 'Caches',
  description: 'The caches this service runs, each with the data source it protects.',
  what: 'One entry per logical cache (per `@Cacheable` name, per key family). Each names its `backend` and, in `fronts`, the data source it shields.',
  dflt: 'required, at least one.',
  failure: 'cache behaviour scattered over framework defaults nobody reviews: the postmortem\'s cache "stopped absorbing reads" and nothing in review had shown why.',
  examples: [[{ name: 'product-by-id', backend: 'catalog-redis', criticality: 'hot', fronts: { name: 'catalog-db' }, ttl: { value: '10m', jitter: '10%' } }]],
  type: 'array',
  minItems: 1,
  items: cacheEntry,
  defaultSnippets: [
    {
      label: 'New hot cache',
      description: 'A cache in front of a database with TTL jitter, stampede protection, negative caching and loader limits.',
      body: {
        name: '${1:product-by-id}',
        backend: '${2:catalog-redis}',
        criticality: 'hot',
        fronts: { kind: 'sql', name: '${3:catalog-db}', params: ['${4:product_id}'], lookupBy: 'external', loadTimeout: '${5:800ms}', maxConcurrentLoads: '^${6:32}' },
        key: { template: '${7:catalog}:v{version}:${8:product}:{${4:product_id}}', version: '^1', scope: 'shared' },
        ttl: { value: '${9:10m}', jitter: '10%' },
        stale: { whileRevalidate: '60s', ifError: '30m' },
        stampede: { mode: 'coalesce', scope: 'fleet', lockTimeout: '2s' },
        negative: { enabled: true, ttl: '30s', onError: 'serve_stale' },
        capacity: { maxEntries: '^${10:100000}' },
      },
    },
    {
      label: 'New cold cache',
      description: 'A small convenience cache with an explicit TTL.',
      body: { name: '${1:name}', backend: '${2:backend}', criticality: 'cold', ttl: { value: '${3:5m}' } },
    },
  ],
});

const spec = f('index', 'spec', {
  title: 'Spec',
  description: 'The backends and caches of this service.',
  what: 'Holds `backends` (where entries live) and `caches` (what is cached, in front of what, and how).',
  dflt: 'required.',
  examples: [{ backends: [{ name: 'catalog-redis', type: 'redis', maxMemory: '6Gi', eviction: 'allkeys-lfu' }], caches: [{ name: 'product-by-id', backend: 'catalog-redis', ttl: { value: '10m', jitter: '10%' } }] }],
  type: 'object',
  additionalProperties: false,
  required: ['backends', 'caches'],
  properties: { backends, caches },
});

const schema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://cache-warden.dev/schemas/v1/cache-layer.schema.json',
  title: 'Cache Warden cache layer',
  description: 'A vendor-neutral description of the caches a service runs and the data sources they protect (*.cache.yaml, *.cache.yml, *.cache.json).',
  markdownDescription: 'A vendor-neutral description of the caches a service runs and the data sources they protect. Cache Warden validates it against this schema and the CW rules before deploy.\n\n[Docs](docs/cache-layer-format.md)',
  type: 'object',
  additionalProperties: false,
  required: ['apiVersion', 'kind', 'metadata', 'spec'],
  properties: {
    $schema: f('index', '$schema', {
      title: 'Schema',
      description: 'Optional: the schema this file follows (for editors that read $schema).',
      what: 'Lets other editors and tools find this schema. Cache Warden recognises the file by its name and `kind` and does not need it.',
      dflt: 'none.',
      examples: ['https://cache-warden.dev/schemas/v1/cache-layer.schema.json'],
      type: 'string',
    }),
    apiVersion: f('index', 'apiVersion', {
      title: 'API version',
      description: 'The format version; always cache-warden/v1.',
      what: 'The version of this format. Future incompatible versions will use a new value so old files keep their meaning.',
      dflt: 'required; must be `cache-warden/v1`.',
      examples: ['cache-warden/v1'],
      const: 'cache-warden/v1',
    }),
    kind: f('index', 'kind', {
      title: 'Kind',
      description: 'The document type; always CacheLayer.',
      what: 'Identifies the document as a cache layer description.',
      dflt: 'required; must be `CacheLayer`.',
      examples: ['CacheLayer'],
      const: 'CacheLayer',
    }),
    metadata,
    spec,
  },
  $defs,
};

module.exports = { schema };
