'use strict';
// Cache layer schema: the shared value formats ($defs) and the `metadata` block.
const { f } = require('./lib');

const DUR_MSG = {
  type: 'A duration is a string with a unit, such as "30s", "10m" or "1h", or "never". A bare number is ambiguous: 0 means "never expire" in memcached and Symfony but "never cache" in Django.',
  pattern: 'A duration is a number followed by a unit (ms, s, m, h, d), for example "800ms", "30s", "10m", "1h30m", or the literal "never".',
};

const $defs = {
  duration: {
    title: 'Duration',
    description: 'A length of time: a number followed by a unit (ms, s, m, h, d), combinations like "1h30m", or the literal "never".',
    markdownDescription:
      'A length of time written with a unit: `800ms`, `30s`, `10m`, `1h30m`, `2d`, or the literal `never`.\n\nA bare number (above all `0`) is rejected: `0` means *never expire* in memcached, Symfony and Hazelcast but *never cache* in Django, so nobody can tell what it was meant to do.',
    type: 'string',
    pattern: '^(never|([0-9]+(\\.[0-9]+)?(ms|s|m|h|d))+)$',
    examples: ['30s', '10m', '1h', 'never'],
    'x-errorMessage': DUR_MSG,
  },
  size: {
    title: 'Size',
    description: 'An amount of memory: a number followed by B, KB, MB, GB, TB (powers of 1000) or Ki, Mi, Gi, Ti (powers of 1024).',
    markdownDescription:
      'An amount of memory with a unit: `512Mi`, `6Gi`, `64MB`. `KB/MB/GB/TB` are powers of 1000, `Ki/Mi/Gi/Ti` powers of 1024 (as in Kubernetes).\n\nA bare number is rejected: redis `maxmemory 0` means *no limit*, and byte counts without a unit are easy to misread by a factor of 1024.',
    type: 'string',
    pattern: '^[0-9]+(\\.[0-9]+)?(B|KB|MB|GB|TB|Ki|Mi|Gi|Ti)$',
    examples: ['512Mi', '6Gi', '64MB'],
    'x-errorMessage': {
      type: 'A size is a string with a unit, such as "512Mi", "6Gi" or "64MB". A bare number is ambiguous (bytes? megabytes?) and redis reads 0 as "no limit".',
      pattern: 'A size is a number followed by B, KB, MB, GB, TB, Ki, Mi, Gi or Ti, for example "512Mi" or "6Gi".',
    },
  },
  jitter: {
    title: 'Jitter',
    description: 'A random spread added to each TTL: a percentage of the TTL such as "10%", or a duration such as "30s".',
    markdownDescription:
      'Either a percentage of `ttl.value` (`10%`, `12.5%`) or an absolute duration (`30s`). Each entry gets a random extra lifetime up to this amount, so entries written together do not expire together.',
    type: 'string',
    pattern: '^(([0-9]+(\\.[0-9]+)?%)|([0-9]+(\\.[0-9]+)?(ms|s|m|h|d))+)$',
    examples: ['10%', '30s'],
    'x-errorMessage': {
      type: 'Jitter is a string: a percentage of the TTL such as "10%", or a duration such as "30s". A bare number is ambiguous (seconds? percent?).',
      pattern: 'Jitter is a percentage such as "10%" or a duration with a unit such as "30s" or "1m".',
    },
  },
  rateLimit: {
    title: 'Rate limit',
    description: 'A maximum rate: a number of operations per second, minute or hour, written like "2000/s", "500/m" or "10000/h".',
    markdownDescription: 'A rate written as `<n>/s`, `<n>/m` or `<n>/h`, for example `2000/s`.',
    type: 'string',
    pattern: '^[0-9]+(\\.[0-9]+)?/(s|m|h)$',
    examples: ['2000/s', '500/m'],
    'x-errorMessage': {
      type: 'A rate limit is a string such as "2000/s", "500/m" or "10000/h".',
      pattern: 'A rate limit is a number, a slash and a unit of s, m or h, for example "2000/s".',
    },
  },
  entityRef: {
    title: 'Entity reference',
    description: 'A reference to a documented entity: its id, optionally prefixed by its kind, like "catalog-db" or "resource:catalog-db".',
    markdownDescription:
      'A reference to an entity declared in the workspace docs front matter, a `catalog-info.yaml`, or a cache layer config: `[kind:]name`, for example `catalog-db` or `resource:catalog-db`. Names follow Backstage rules: letters, digits and `-_.`, starting with a letter or digit.',
    type: 'string',
    pattern: '^([a-z]+:)?[a-zA-Z0-9][a-zA-Z0-9._-]*$',
    maxLength: 127,
    examples: ['catalog-db', 'resource:catalog-db', 'component:catalog-service'],
    'x-errorMessage': {
      type: 'An entity reference is a string such as "catalog-db" or "resource:catalog-db".',
      pattern: 'An entity reference is "[kind:]name": an optional lower-case kind and a colon, then a name of letters, digits, ".", "_" or "-" that starts with a letter or digit (for example "resource:catalog-db").',
    },
  },
  identifier: {
    title: 'Name',
    description: 'A name unique within this file: letters, digits, ".", "_" and "-", starting with a letter or digit.',
    markdownDescription: 'A name unique within this file. Letters, digits, `.`, `_` and `-`, starting with a letter or digit, at most 63 characters (Backstage entity name rules, so a backend name can double as the entity id of its documentation).',
    type: 'string',
    pattern: '^[a-zA-Z0-9][a-zA-Z0-9._-]*$',
    maxLength: 63,
    examples: ['catalog-redis', 'product-by-id'],
    'x-errorMessage': {
      type: 'A name is a string such as "catalog-redis" or "product-by-id".',
      pattern: 'A name uses letters, digits, ".", "_" and "-" only, and starts with a letter or digit (for example "product-by-id").',
    },
  },
  docLink: {
    title: 'Documentation link',
    description: 'A workspace-relative path or an http(s) URL.',
    markdownDescription: 'A path relative to the workspace root (`docs/services/catalog.md`, optionally with `#anchor`) or an `http(s)` URL.',
    type: 'string',
    minLength: 1,
    examples: ['docs/services/catalog-service.md', 'https://wiki.example.com/catalog/caching'],
  },
  fraction: {
    title: 'Fraction',
    description: 'A number from 0 to 1.',
    type: 'number',
    minimum: 0,
    maximum: 1,
    examples: [0.9],
  },
};

const ref = (name) => ({ $ref: `#/$defs/${name}` });

// ---------------------------------------------------------------- metadata
const metadata = f('metadata', 'metadata', {
  title: 'Metadata',
  description: 'Who runs these caches and where their documentation lives.',
  what: 'Identifies the service that runs the caches in this file, the team that owns them and where to read more. The `service` ref links this file into the dependency diagram.',
  dflt: 'required.',
  failure: 'the postmortem\'s "nobody could see that the database sat behind a cache": without an owning service and docs link, an on-call engineer cannot get from the overloaded database to the cache and its owner.',
  rules: ['CW013'],
  examples: [{ service: 'catalog-service', owner: 'team-catalog', docs: 'docs/services/catalog-service.md' }],
  type: 'object',
  additionalProperties: false,
  required: ['service'],
  properties: {
    service: f('metadata', 'metadata.service', {
      title: 'Service',
      description: 'Entity reference of the service that runs these caches.',
      what: 'The service (an entity ref such as `catalog-service` or `component:catalog-service`) whose code reads and writes these caches. It becomes the edge *service → cache* in the dependency diagram and Go to Definition opens its doc.',
      dflt: 'required; there is no default.',
      failure: 'orphan caches: a cache nobody can attribute to a service is a cache nobody checks during an incident.',
      examples: ['catalog-service', 'component:orders-service'],
      ...ref('entityRef'),
    }),
    owner: f('metadata', 'metadata.owner', {
      title: 'Owner',
      description: 'The team or e-mail address responsible for these caches.',
      what: 'The team (or e-mail) paged when a cache in this file misbehaves. Shown in the diagram and on every diagnostic. A cache entry can override it with its own `owner`.',
      dflt: 'none; CW013 reports a missing owner.',
      failure: 'lost time during an incident looking for the people who understand the cache configuration.',
      rules: ['CW013'],
      examples: ['team-catalog', 'catalog-oncall@example.com'],
      type: 'string',
      minLength: 1,
    }),
    docs: f('metadata', 'metadata.docs', {
      title: 'Docs',
      description: 'A workspace path or URL of the documentation for these caches.',
      what: 'Where the service and its caches are documented: a workspace-relative Markdown path (opened in the editor) or a URL.',
      dflt: 'none; CW013 reports a missing docs link.',
      failure: 'on-call engineers scaling the database because nothing told them a cache sits in front of it (the corrective action "document dependencies and configuration").',
      rules: ['CW013'],
      examples: ['docs/services/catalog-service.md', 'https://wiki.example.com/catalog/caching'],
      ...ref('docLink'),
    }),
    runbook: f('metadata', 'metadata.runbook', {
      title: 'Runbook',
      description: 'A workspace path or URL of the on-call runbook for these caches.',
      what: 'The step-by-step guide for incidents involving these caches: how to check hit ratio, warm the cache, or fail open.',
      dflt: 'none (optional).',
      failure: 'improvised mitigations under pressure, such as flushing a hot cache, that make a database overload worse.',
      examples: ['docs/runbooks/catalog-cache.md', 'https://wiki.example.com/runbooks/catalog-cache'],
      ...ref('docLink'),
    }),
  },
});

module.exports = { $defs, ref, metadata };
