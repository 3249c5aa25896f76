'use strict';
// Doc front-matter schema: the entity a Markdown doc declares (Backstage-style kinds and refs).
const { f } = require('./lib');
const P = 'doc-front-matter';
const ref = (name) => ({ $ref: `#/$defs/${name}` });

const TYPES = [
  ['service', 'A backend service (component).', 'A backend **service** that other components call (component).'],
  ['website', 'A web frontend (component).', 'A **website** or web frontend (component).'],
  ['library', 'A library linked into other components (component).', 'A **library** linked into other components (component).'],
  ['database', 'A database (resource).', 'A **database** (resource), the usual thing a cache protects.'],
  ['cache', 'A cache server such as Redis or memcached (resource).', 'A **cache** server such as Redis or memcached (resource). Give it the same id as the backend `name` in the cache layer file.'],
  ['queue', 'A queue or topic (resource).', 'A **queue** or topic (resource).'],
  ['storage', 'Object or file storage (resource).', 'Object or file **storage**, e.g. an S3 bucket (resource).'],
  ['openapi', 'An HTTP API described by OpenAPI (api).', 'An HTTP API described by **OpenAPI** (api).'],
  ['grpc', 'A gRPC API (api).', 'A **gRPC** API (api).'],
  ['asyncapi', 'An event API described by AsyncAPI (api).', 'An event API described by **AsyncAPI** (api).'],
  ['graphql', 'A GraphQL API (api).', 'A **GraphQL** API (api).'],
  ['product', 'A product or business system (system).', 'A **product**: a group of components that together deliver a feature set (system).'],
];

const dependency = {
  title: 'Dependency',
  description: 'An entity reference, or an object with the reference and a label for the edge.',
  anyOf: [
    { ...ref('entityRef') },
    {
      type: 'object',
      additionalProperties: false,
      required: ['ref'],
      properties: {
        ref: f(P, 'dependsOn.ref', {
          title: 'Reference',
          description: 'The entity this edge points to.',
          what: 'The `[kind:]name` of the entity this one depends on.',
          dflt: 'required in the object form.',
          examples: ['resource:catalog-db'],
          ...ref('entityRef'),
        }),
        description: f(P, 'dependsOn.description', {
          title: 'Edge description',
          description: 'What the dependency is used for; shown as the edge label.',
          what: 'A short label for the edge in the diagram ("reads products", "posts ledger entries").',
          dflt: 'none.',
          examples: ['reads products and prices'],
          type: 'string',
        }),
        technology: f(P, 'dependsOn.technology', {
          title: 'Technology',
          description: 'How the dependency is reached, such as SQL, gRPC or HTTP.',
          what: 'The protocol or technology of the edge (Structurizr style): `SQL`, `gRPC`, `HTTP`, `RESP`.',
          dflt: 'none.',
          examples: ['gRPC', 'SQL'],
          type: 'string',
        }),
      },
    },
  ],
};

const refList = (extra) => ({ type: 'array', uniqueItems: true, ...extra });

const schema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://cache-warden.dev/schemas/v1/doc-front-matter.schema.json',
  title: 'Cache Warden documented entity (Markdown front matter)',
  description: 'YAML front matter at the top of a Markdown doc that declares the entity the doc describes and its dependencies, modelled on the Backstage catalog.',
  markdownDescription: 'YAML front matter at the top of a Markdown doc that declares the entity the doc describes (a service, database, cache, API or system) and what it depends on. Cache Warden builds the dependency diagram from these declarations; the doc itself is the entity\'s documentation. Reverse edges (`dependencyOf`, `hasPart`) are derived, so write each edge once.\n\n[Docs](docs/config/doc-front-matter.md)',
  type: 'object',
  additionalProperties: false,
  required: ['id', 'kind'],
  properties: {
    id: f(P, 'id', {
      title: 'Id',
      description: 'The entity name, unique per kind in the workspace, used in references.',
      what: 'The name other files use to refer to this entity (`dependsOn`, `fronts.name`, `backend`, `metadata.service`). Backstage name rules: letters, digits and `-_.`, starting with a letter or digit, at most 63 characters. Unique per kind (case-insensitive).',
      dflt: 'required.',
      failure: 'broken links in the diagram: a ref that matches no id is reported where it is written.',
      examples: ['catalog-service', 'catalog-db', 'catalog-redis'],
      ...ref('identifier'),
    }),
    kind: f(P, 'kind', {
      title: 'Kind',
      description: 'What sort of entity this is: component, resource, api or system.',
      what: 'The Backstage kind of the entity. A ref without a kind prefix (`catalog-db`) means the field\'s default kind, as in Backstage: a component in `dependsOn`, an API in `providesApis`/`consumesApis`, a system in `system`, a group in `owner`. Write the kind for anything else (`resource:catalog-db`): refs never match an entity of another kind.',
      dflt: 'required.',
      examples: ['component', 'resource'],
      type: 'string',
      enumDocs: [
        ['component', 'A piece of software: a service, website or library.', 'A piece of software you build and deploy: a **service**, **website** or **library**.'],
        ['resource', 'Infrastructure a component needs at runtime: a database, cache, queue, bucket.', 'Infrastructure a component needs at runtime: a **database**, **cache**, queue or bucket.'],
        ['api', 'An interface a component provides and others consume.', 'An interface a component provides (`providesApis`) and others consume (`consumesApis`).'],
        ['system', 'A group of components, resources and APIs that form a product.', 'A group of components, resources and APIs that together form a product; entities join it with `system:`.'],
      ],
    }),
    type: f(P, 'type', {
      title: 'Type',
      description: 'The entity type within its kind, such as service, database or cache; other values are allowed.',
      what: 'A finer classification within the kind; it chooses the node shape in the diagram (databases as cylinders, caches highlighted). The listed values are known; any other lower-case word is accepted.',
      dflt: 'none.',
      examples: ['service', 'database', 'cache'],
      anyOf: [
        {
          type: 'string',
          enum: TYPES.map((t) => t[0]),
          enumDescriptions: TYPES.map((t) => t[1]),
          markdownEnumDescriptions: TYPES.map((t) => t[2]),
        },
        { type: 'string', pattern: '^[a-z0-9][a-z0-9._-]*$' },
      ],
    }),
    title: f(P, 'title', {
      title: 'Title',
      description: 'A human-readable name shown in the diagram and in lists.',
      what: 'The display name; the diagram shows it instead of the id.',
      dflt: 'the `id`.',
      examples: ['Catalog Service', 'Catalog Redis'],
      type: 'string',
      minLength: 1,
    }),
    description: f(P, 'description', {
      title: 'Description',
      description: 'One or two sentences on what this entity is for.',
      what: 'A short summary shown in diagram tooltips and entity pickers.',
      dflt: 'none.',
      examples: ['Serves product data to the storefront; reads through catalog-redis.'],
      type: 'string',
    }),
    system: f(P, 'system', {
      title: 'System',
      description: 'The system this entity belongs to.',
      what: 'The `system` entity this belongs to (the `partOf` relation); the diagram can group and filter by it.',
      dflt: 'none.',
      examples: ['storefront', 'system:storefront'],
      ...ref('entityRef'),
    }),
    owner: f(P, 'owner', {
      title: 'Owner',
      description: 'The team or e-mail responsible for this entity.',
      what: 'Who to contact or page about this entity. The diagram can filter by owner.',
      dflt: 'none.',
      failure: 'on-call engineers not knowing whom to call about a dependency (the postmortem\'s action "document dependencies").',
      examples: ['team-catalog', 'dba-oncall@example.com'],
      type: 'string',
      minLength: 1,
    }),
    lifecycle: f(P, 'lifecycle', {
      title: 'Lifecycle',
      description: 'The maturity of the entity: experimental, production or deprecated.',
      what: 'Backstage lifecycle. Shown in the diagram.',
      dflt: 'none.',
      examples: ['production'],
      type: 'string',
      enumDocs: [
        ['experimental', 'Early, not relied upon in production.'],
        ['production', 'Relied upon in production.'],
        ['deprecated', 'Being phased out; do not add new dependencies.'],
      ],
    }),
    dependsOn: f(P, 'dependsOn', {
      title: 'Depends on',
      description: 'The entities this one needs in order to work; each edge is drawn from this entity to the target.',
      what: 'Entity refs of what this entity needs at runtime: its databases, caches, other services. Write `[kind:]name`, or `{ ref, description, technology }` to label the edge. The reverse edge (`dependencyOf`) is derived; do not write both.',
      dflt: 'none.',
      failure: 'an incident where nobody can see that the database sits behind a cache: write *service → cache → database* here.',
      examples: [['resource:catalog-db', 'resource:catalog-redis'], [{ ref: 'resource:catalog-db', description: 'reads products', technology: 'SQL' }]],
      ...refList({ items: dependency }),
    }),
    dependencyOf: f(P, 'dependencyOf', {
      title: 'Dependency of',
      description: 'Entities that depend on this one; an escape hatch for when the dependent has no doc of its own.',
      what: 'The reverse of `dependsOn`, for dependents you cannot annotate (a third-party system). Normally derived from the other side.',
      dflt: 'none.',
      examples: [['component:legacy-reporting']],
      ...refList({ items: dependency }),
    }),
    providesApis: f(P, 'providesApis', {
      title: 'Provides APIs',
      description: 'The APIs this component implements.',
      what: 'Refs of `api` entities this component serves (a ref without a kind means `api:`).',
      dflt: 'none.',
      examples: [['catalog-api']],
      ...refList({ items: ref('entityRef') }),
    }),
    consumesApis: f(P, 'consumesApis', {
      title: 'Consumes APIs',
      description: 'The APIs this component calls.',
      what: 'Refs of `api` entities this component calls (a ref without a kind means `api:`).',
      dflt: 'none.',
      examples: [['payments-api']],
      ...refList({ items: ref('entityRef') }),
    }),
    source: f(P, 'source', {
      title: 'Source',
      description: 'A workspace path (optionally with #L<line>) or URL of the entity\'s code or configuration.',
      what: 'Where the code or configuration lives: a path relative to this doc or the workspace root, optionally with `#L<line>`, or a URL. Offered as a second jump target next to the doc.',
      dflt: 'none.',
      examples: ['../services/catalog/catalog.cache.yaml', 'services/catalog/src/main.ts#L1'],
      type: 'string',
      minLength: 1,
    }),
    tags: f(P, 'tags', {
      title: 'Tags',
      description: 'Lower-case labels for filtering, such as java or pci.',
      what: 'Free labels (`java`, `pci`, `tier-1`); the diagram can filter by them. Backstage rules: lower-case letters, digits and `-`, up to 63 characters.',
      dflt: 'none.',
      examples: [['redis', 'tier-1']],
      ...refList({ items: { type: 'string', pattern: '^[a-z0-9:+#]+(-[a-z0-9:+#]+)*$', maxLength: 63 } }),
    }),
    links: f(P, 'links', {
      title: 'Links',
      description: 'Related pages: dashboards, runbooks, consoles.',
      what: 'Links shown with the entity: dashboards, runbooks, admin consoles.',
      dflt: 'none.',
      examples: [[{ url: 'https://grafana.example.com/d/catalog-redis', title: 'Redis dashboard' }]],
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['url'],
        properties: {
          url: f(P, 'links.url', {
            title: 'URL',
            description: 'The link target: a URL or a workspace path.',
            what: 'The link target: an `http(s)` URL or a path relative to this doc.',
            dflt: 'required.',
            examples: ['https://grafana.example.com/d/catalog-redis'],
            type: 'string',
            minLength: 1,
          }),
          title: f(P, 'links.title', {
            title: 'Link title',
            description: 'The text shown for the link.',
            what: 'The text shown for the link.',
            dflt: 'the URL.',
            examples: ['Redis dashboard'],
            type: 'string',
          }),
        },
      },
    }),
  },
  $defs: {
    entityRef: {
      title: 'Entity reference',
      description: 'A reference to an entity: its id, optionally prefixed by its kind, like "catalog-db" or "resource:catalog-db".',
      markdownDescription: '`[kind:]name`, for example `catalog-db` or `resource:catalog-db`.',
      type: 'string',
      pattern: '^([a-z]+:)?[a-zA-Z0-9][a-zA-Z0-9._-]*$',
      maxLength: 127,
      examples: ['resource:catalog-db'],
      'x-errorMessage': {
        type: 'An entity reference is a string such as "catalog-db" or "resource:catalog-db".',
        pattern: 'An entity reference is "[kind:]name": an optional lower-case kind and a colon, then a name of letters, digits, ".", "_" or "-" that starts with a letter or digit (for example "resource:catalog-db").',
      },
    },
    identifier: {
      title: 'Name',
      description: 'Letters, digits, ".", "_" and "-", starting with a letter or digit, at most 63 characters.',
      type: 'string',
      pattern: '^[a-zA-Z0-9][a-zA-Z0-9._-]*$',
      maxLength: 63,
      examples: ['catalog-service'],
      'x-errorMessage': {
        pattern: 'An id uses letters, digits, ".", "_" and "-" only, and starts with a letter or digit (for example "catalog-service").',
      },
    },
  },
};

const page = {
  heading: 'Markdown front matter — documented entities',
  intro: `A Markdown doc becomes an entity in the dependency diagram when it starts with YAML front matter that
has an \`id\` and a \`kind\`. The doc *is* the entity's documentation: clicking the node in the diagram, or
Go to Definition on a ref in a cache config, opens it. The format follows the Backstage catalog
(kinds, \`[kind:]name\` refs); reverse relations (\`dependencyOf\`, \`partOf\`/\`hasPart\`) are derived, so write each
edge once, on the side that depends. Schema: \`schemas/doc-front-matter.schema.json\`. Which files are read is
set by \`docs\` in [\`.cachewarden.yaml\`](project-config.md#docs).

Refs from cache layer files join the same graph: \`metadata.service\` → the service, each cache → its
\`backend\` (give the cache server's doc the backend's name as \`id\`) and → \`fronts.name\` (the database).`,
  example: `---
id: catalog-service
kind: component
type: service
title: Catalog Service
system: storefront
owner: team-catalog
lifecycle: production
dependsOn:
  - resource:catalog-redis
  - { ref: resource:catalog-db, description: "reads products on cache miss", technology: SQL }
providesApis: [catalog-api]
source: ../services/catalog/catalog.cache.yaml
tags: [java, tier-1]
links:
  - { url: "https://grafana.example.com/d/catalog", title: Catalog dashboard }
---
# Catalog Service
...`,
};

module.exports = { schema, page };
