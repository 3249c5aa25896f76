'use strict';
// Project config schema (.cachewarden.yaml): rule severities, overrides, file selection, schema associations.
const { f } = require('./lib');
const P = 'project-config';

const RULES = [
  ['CW001', 'TTL missing or ambiguous', 'A cache has no TTL, or `never` without invalidation triggers and an `allkeys-*` eviction policy.'],
  ['CW002', 'Cache disabled on a hot path', 'A `hot` cache is disabled (or has an effective TTL of zero) without a dated `override`.'],
  ['CW003', 'No stampede protection', 'A hot or warm cache has no coalescing, lease, lock, early refresh or stale-while-revalidate; or its lock timeout is shorter than the load time.'],
  ['CW004', 'Synchronized expiry', 'A large or warmed cache has no TTL jitter, so entries written together expire together.'],
  ['CW005', 'Cache key omits an input', 'The key template omits a query parameter or a `variesBy` dimension without a stated reason.'],
  ['CW006', 'No negative caching / errors delete entries', 'Externally supplied lookups are not negatively cached, or loader errors delete good entries.'],
  ['CW007', 'Backend cannot evict', '`noeviction` on a cache backend, or `volatile-*` eviction while some cache on that backend never expires (also across files).'],
  ['CW008', 'No memory or entry limit', 'A backend has no `maxMemory` (or more than 75% of its container limit), or an in-process cache has no `capacity.maxEntries`.'],
  ['CW009', 'Capacity below the working set', 'The declared capacity cannot hold the declared working set, or a hot cache declares no working set.'],
  ['CW010', 'Cold start floods the database', 'A hot cache that starts empty has no warm-up and no load bulkhead.'],
  ['CW011', 'Invalidation fan-out', 'A prefix/all (or large) invalidation on a hot cache is not marked stale and rate limited.'],
  ['CW012', 'Unprotected loader', 'A hot cache\'s loader has no timeout or no concurrency limit.'],
  ['CW013', 'Missing owner or docs', 'A cache layer file has no `metadata.owner` or no `metadata.docs`.'],
  ['CW014', 'Declared and deployed differ', 'A backend declared in a cache layer file has another eviction policy or memory limit than the config that deploys it.'],
];

const severity = {
  title: 'Severity',
  description: 'How a rule reports: off, error, warning, information or hint.',
  type: 'string',
  enum: ['off', 'error', 'warning', 'information', 'hint'],
  enumDescriptions: [
    'The rule does not run.',
    'Reported as an error; `cache-warden check` exits with code 1.',
    'Reported as a warning; fails the check only beyond `--max-warnings`.',
    'Reported as information.',
    'Shown as a faint hint in the editor.',
  ],
  markdownEnumDescriptions: [
    'The rule does not run.',
    'Reported as an **error**; `cache-warden check` exits with code 1.',
    'Reported as a **warning**; fails the check only beyond `--max-warnings N`.',
    'Reported as **information**.',
    'Shown as a faint **hint** in the editor (dotted underline).',
  ],
  'x-errorMessage': { enum: 'A severity is one of "off", "error", "warning", "information" or "hint".' },
};

function rulesObject(anchor, scopeNote) {
  // One section documents all rule ids (docs/config/project-config.md#<anchor>); each id links its rule page.
  const properties = {};
  for (const [id, title, catches] of RULES) {
    properties[id] = {
      title: `${id}: ${title}`,
      description: `Severity of ${id} (${title.toLowerCase()})${scopeNote ? ' ' + scopeNote : ''}.`,
      $ref: '#/$defs/severity',
      markdownDescription: `Sets how **${id} — ${title}** reports${scopeNote ? ' ' + scopeNote : ''}.\n\n${id} catches: ${catches}\n\n**Default:** ${anchor === 'rules' ? "the rule's default severity (see its page)." : 'the severity from the top-level `rules`.'}\n\n[Rule ${id}](docs/rules/${id}.md) · [Docs](docs/config/project-config.md#${anchor})`,
      examples: ['error', 'off'],
      'x-docs': `docs/rules/${id}.md`,
    };
  }
  return properties;
}

const globs = (extra) => ({ type: 'array', items: { type: 'string', minLength: 1 }, ...extra });

const schema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://cache-warden.dev/schemas/v1/project-config.schema.json',
  title: 'Cache Warden project configuration',
  description: 'The .cachewarden.yaml file at the workspace root: rule severities, which files are checked, and schema associations. Read by the editor extension and the cache-warden CLI.',
  markdownDescription: 'The `.cachewarden.yaml` file at the workspace root: rule severities, which files are checked, and schema associations. The editor extension and `cache-warden check` read the same file, so CI and the editor agree.\n\n[Docs](docs/config/project-config.md)',
  type: 'object',
  additionalProperties: false,
  properties: {
    $schema: f(P, '$schema', {
      title: 'Schema',
      description: 'Optional: the schema this file follows.',
      what: 'Lets other editors find this schema. Cache Warden recognises `.cachewarden.yaml` by its name.',
      dflt: 'none.',
      examples: ['https://cache-warden.dev/schemas/v1/project-config.schema.json'],
      type: 'string',
    }),
    rules: f(P, 'rules', {
      title: 'Rule severities',
      description: 'The severity of each CW rule for the whole workspace: off, error, warning, information or hint.',
      what: 'Changes a rule\'s severity everywhere, or turns it off. Unknown rule ids are errors, so a typo cannot silently leave a rule at its default. For some files use `overrides`; for a single line use a `# cache-warden-disable-next-line CW00x` comment.',
      dflt: 'every rule at its default severity.',
      examples: [{ CW004: 'error', CW013: 'warning' }],
      type: 'object',
      additionalProperties: false,
      properties: rulesObject('rules', ''),
    }),
    overrides: f(P, 'overrides', {
      title: 'Overrides',
      description: 'Rule severities for the files matching some globs; later entries win.',
      what: 'Scoped severities: each entry applies its `rules` to files matching `files`. Entries are applied in order after the top-level `rules`, so a later entry wins.',
      dflt: 'none.',
      examples: [[{ files: ['sandbox/**'], rules: { CW002: 'off', CW013: 'off' } }]],
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['files', 'rules'],
        properties: {
          files: f(P, 'overrides.files', {
            title: 'Files',
            description: 'Globs, relative to the workspace root, of the files this override applies to.',
            what: 'Glob patterns relative to the workspace root (`**`, `*`, `{a,b}`). The override applies to a file if any pattern matches.',
            dflt: 'required, at least one.',
            examples: [['sandbox/**'], ['services/legacy-*/**/*.cache.yaml']],
            ...globs({ minItems: 1 }),
          }),
          rules: f(P, 'overrides.rules', {
            title: 'Rule severities',
            description: 'The severities that apply to the matching files.',
            what: 'Same shape as the top-level `rules`.',
            dflt: 'required.',
            examples: [{ CW002: 'off' }],
            type: 'object',
            additionalProperties: false,
            properties: rulesObject('overrides-rules', 'in the matching files'),
          }),
        },
      },
    }),
    include: f(P, 'include', {
      title: 'Include',
      description: 'Globs of the files cache-warden check considers, relative to the workspace root.',
      what: 'Which files `cache-warden check` (with no paths) and the workspace index read: cache layer configs, Backstage catalog files and any file associated with a schema in `schemas`. Docs are selected by `docs`. Backstage descriptors of any name are also found by their content and by Location targets, and `catalog.files` selects more by name; `exclude` keeps them out.',
      dflt: '`**/*.cache.yaml`, `**/*.cache.yml`, `**/*.cache.json`, `**/catalog-info.yaml` and `**/catalog-info.yml`.',
      examples: [['services/**/*.cache.yaml', 'services/**/*.cache.json', 'catalog-info.yaml']],
      default: ['**/*.cache.yaml', '**/*.cache.yml', '**/*.cache.json', '**/catalog-info.yaml', '**/catalog-info.yml'],
      ...globs(),
    }),
    exclude: f(P, 'exclude', {
      title: 'Exclude',
      description: 'Globs of files never checked, even when include or docs match them.',
      what: 'Files skipped by the checker and the editor, even if `include` or `docs` match them: they get no problems. In the editor, the `files.exclude` setting is added to this list. A glob that names a folder (`**/dist`) excludes everything in it.',
      dflt: '`**/node_modules/**` and `**/.git/**`. Folders named `node_modules`, `.git`, `.hg` or `.svn` are always skipped, whatever this list says.',
      examples: [['**/testdata/**', 'vendor/**']],
      default: ['**/node_modules/**', '**/.git/**'],
      ...globs(),
    }),
    schemas: f(P, 'schemas', {
      title: 'Schema associations',
      description: 'Maps a schema (a workspace path or a $id) to the glob or globs of the files it validates, like yaml.schemas.',
      what: 'Associates your own JSON Schemas with files, the same way the YAML extension\'s `yaml.schemas` does: the key is a workspace-relative schema path or a schema `$id`, the value a glob or a list of globs. Drafts 04, 06, 07, 2019-09 and 2020-12 are supported; remote `$ref`s are not fetched unless allowed.',
      dflt: 'none (the built-in cache layer and front-matter schemas always apply).',
      examples: [{ 'schemas/feature-flags.schema.json': 'config/flags/*.yaml', 'https://cache-warden.dev/schemas/v1/cache-layer.schema.json': ['legacy/**/cache-*.yaml'] }],
      type: 'object',
      additionalProperties: {
        anyOf: [{ type: 'string', minLength: 1 }, { type: 'array', items: { type: 'string', minLength: 1 }, minItems: 1 }],
      },
    }),
    schemaDirs: f(P, 'schemaDirs', {
      title: 'Schema directories',
      description: 'Directories whose *.schema.json files are loaded so $refs and $schema keys can resolve to them by $id.',
      what: 'Folders (relative to the workspace root) whose `*.schema.json` files are loaded up front. Their `$id`s can then be used in `schemas`, in `$schema` keys and in cross-file `$ref`s without network access.',
      dflt: 'none.',
      examples: [['schemas', 'platform/schemas']],
      ...globs(),
    }),
    schemaMappings: f(P, 'schemaMappings', {
      title: 'Schema mappings (mirrors)',
      description: 'Maps a URL prefix to a local folder that mirrors it: remote schemas and $refs under the prefix are read from the folder, offline.',
      what: 'Mirrors of remote schema hosts, the way corporate networks mirror them: each key is a URL prefix, each value a folder (relative to the workspace root). A schema or `$ref` whose URL starts with the prefix is read from the folder, the rest of the URL being the path inside it (`https://schemas.example.com/a/b.json` → `mirror/a/b.json`); relative `$ref`s in the mirrored file resolve against its URL. `$id` lookup in `schemaDirs` comes first; nothing is fetched. The editor\'s `cacheWarden.schemaMappings` setting and the CLI\'s `--schema-map URL=DIR` add to this list.',
      dflt: 'none.',
      examples: [{ 'https://schemas.example.com/': 'vendor/schemas' }],
      type: 'object',
      additionalProperties: { type: 'string', minLength: 1 },
    }),
    links: f(P, 'links', {
      title: 'Links',
      description: 'Ties the Redis host an application names to the backend it means, where Cache Warden cannot tell on its own.',
      what: 'An application names its Redis by host (`spring.data.redis.host`, a URL, an environment variable); Cache Warden matches the host\'s first DNS label against the names every Redis it found is known by (compose services, Kubernetes Services, Helm releases, ElastiCache ids). Where that is not enough — an external DNS name, a proxy, two Redis servers with the same service name — map the name the application uses to the backend\'s name. Keys are compared as hosts are: by their first DNS label (`cache.prod.example.com` is `cache`). The link then holds for the rules across files (CW007) and in the diagram (docs/formats/README.md).',
      dflt: 'none: links are made by name.',
      failure: 'an application\'s caches checked against no Redis (or the wrong one), so a `volatile-lru` server under keys without a TTL goes unreported.',
      rules: ['CW007', 'CW014'],
      examples: [{ 'cache.prod.example.com': 'catalog-redis', sessions: 'sessions-redis-master' }],
      type: 'object',
      additionalProperties: { type: 'string', minLength: 1 },
    }),
    docs: f(P, 'docs', {
      title: 'Docs',
      description: 'Globs of the Markdown files whose front matter declares entities for the dependency diagram.',
      what: 'Which Markdown files are read for entity front matter (`id`, `kind`, `dependsOn`...), in the editor and by `cache-warden graph`. Files without catalog front matter are ignored. A folder (`docs/`) means every Markdown file under it.',
      dflt: 'every Markdown file (`**/*.md`, `**/*.markdown`).',
      examples: [['docs/**/*.md'], ['docs/**/*.md', 'services/*/README.md']],
      default: ['**/*.md', '**/*.markdown'],
      ...globs(),
    }),
    catalog: f(P, 'catalog', {
      title: 'Catalog',
      description: 'How the catalog finds Backstage descriptor files besides their content and Location entities.',
      what: 'Settings of the entity catalog. Backstage descriptors (`apiVersion: backstage.io/…`) are found without any setting: by content — the first 4 KB of every YAML/JSON file no glob selects — and by the targets of Location entities (docs/catalog.md, "Backstage descriptors").',
      dflt: 'none.',
      examples: [{ files: ['catalog/**/*.yaml'] }],
      type: 'object',
      additionalProperties: false,
      properties: {
        files: f(P, 'catalog.files', {
          title: 'Catalog files',
          description: 'Globs of Backstage descriptor files to read whatever their names and first bytes, relative to the workspace root.',
          what: 'Backstage descriptor files to read by name, relative to the workspace root (a glob without `/` matches the file name in any folder): for descriptors whose first 4 KB do not show `apiVersion: backstage.io/…` (a long comment header) or that no Location names. Every YAML document in them with a Backstage `apiVersion` is an entity; other documents are skipped. `exclude` still applies.',
          dflt: 'none (descriptors are found by content and by Location targets).',
          examples: [['catalog/**/*.yaml', 'teams/*.yml']],
          ...globs(),
        }),
      },
    }),
  },
  $defs: { severity },
};

const page = {
  heading: '`.cachewarden.yaml` — project configuration',
  intro: `One file at the workspace root configures Cache Warden for everyone: the editor extension and
\`cache-warden check\` in CI read the same file, so a rule turned off here is off in both places. Its schema
is \`schemas/project-config.schema.json\`.

Severities are \`off\`, \`error\`, \`warning\`, \`information\` and \`hint\`. The rules are documented in
[docs/rules](../rules/):

| Rule | Catches |
|---|---|
${RULES.map(([id, title, catches]) => `| [${id}](../rules/${id}.md) ${title} | ${catches.replace(/\|/g, '\\|')} |`).join('\n')}`,
  example: `rules:
  CW004: error          # jitter is mandatory here
  CW013: warning
overrides:
  - files: ["sandbox/**"]
    rules: { CW002: off, CW013: off }
include: ["services/**/*.cache.{yaml,yml,json}", "catalog-info.yaml"]
exclude: ["**/testdata/**"]
docs: ["docs/**/*.md"]
catalog:
  files: ["catalog/**/*.yaml"]
schemas:
  schemas/feature-flags.schema.json: "config/flags/*.yaml"
schemaDirs: ["schemas"]`,
};

module.exports = { schema, page };
