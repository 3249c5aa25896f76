'use strict';
// Renders docs/config/*.md: a hand-written intro and example per page (docs-page-intros.js), then
// one section per schema property with an explicit <a id> anchor, the same anchor the property's
// `x-docs` and `[Docs](...)` link point to.
const YAML = require('yaml');
const { docsRegistry } = require('./lib');
const { pages } = require('./docs-page-intros');
pages['project-config'] = require('./project-config').page;
pages['doc-front-matter'] = require('./doc-front-matter').page;
const ARRAY_SEGMENTS = new Set(['backends', 'caches', 'triggers', 'ignoredParams', 'dependsOn', 'links', 'overrides']);
const DEF_TEXT = {
  duration: 'duration (`30s`, `10m`, `1h`, or `never`)',
  size: 'size (`512Mi`, `6Gi`, `64MB`)',
  jitter: 'percentage of the TTL (`10%`) or duration (`30s`)',
  rateLimit: 'rate (`2000/s`, `500/m`)',
  entityRef: 'entity reference (`catalog-db`, `resource:catalog-db`)',
  identifier: 'name (letters, digits, `.`, `_`, `-`)',
  docLink: 'workspace path or URL',
  fraction: 'number from 0 to 1',
};

function typeText(s) {
  if (s.$ref) return DEF_TEXT[s.$ref.split('/').pop()];
  if (s.anyOf && s.anyOf[0].enum) return 'one of ' + s.anyOf[0].enum.map((v) => `\`${v}\``).join(', ') + ', or another lower-case word';
  if (s.type === 'object' && s.additionalProperties && s.additionalProperties.anyOf) return 'map of schema → glob or list of globs';
  if (s.const !== undefined) return `constant \`${s.const}\``;
  if (s.enum) return 'one of ' + s.enum.map((v) => `\`${v}\``).join(', ');
  if (s.type === 'array' && s.items && s.items.anyOf) return 'list of entity references or `{ ref, description, technology }` objects';
  if (s.type === 'array') return s.items && s.items.type === 'object' ? 'list of objects' : 'list of strings';
  if (s.type === 'integer') return 'integer' + (s.minimum !== undefined ? ` ≥ ${s.minimum}` : '');
  if (s.type === 'number') {
    if (s.exclusiveMinimum !== undefined) return `number between ${s.exclusiveMinimum} and ${s.exclusiveMaximum} (exclusive)`;
    return 'number' + (s.minimum !== undefined ? ` ≥ ${s.minimum}` : '');
  }
  if (s.format === 'date') return 'date (`YYYY-MM-DD`)';
  return s.type || 'value';
}

function snippet(p, value) {
  const segs = p.replace(/^\$/, '$').split('.');
  let v = value;
  for (let i = segs.length - 1; i >= 0; i--) {
    const seg = segs[i];
    v = ARRAY_SEGMENTS.has(seg) && i < segs.length - 1 ? { [seg]: [v] } : { [seg]: v };
  }
  // An array-valued leaf example (e.g. ignoredParams) is already an array.
  return YAML.stringify(v, { lineWidth: 0 }).trimEnd();
}

function sortedEntries(page) {
  const entries = docsRegistry.map((e, i) => ({ ...e, order: i })).filter((e) => e.page === page);
  const byPath = new Map(entries.map((e) => [e.path, e]));
  const parentOf = (p) => {
    const segs = p.split('.');
    for (let n = segs.length - 1; n > 0; n--) {
      const cand = segs.slice(0, n).join('.');
      if (byPath.has(cand)) return cand;
    }
    return null;
  };
  const kids = new Map();
  for (const e of entries) {
    const par = parentOf(e.path);
    if (!kids.has(par)) kids.set(par, []);
    kids.get(par).push(e);
  }
  const out = [];
  const visit = (par, depth) => {
    for (const e of (kids.get(par) || []).sort((a, b) => a.order - b.order)) {
      out.push({ ...e, depth });
      visit(e.path, depth + 1);
    }
  };
  visit(null, 0);
  return out;
}

function ruleLinks(rules) {
  return rules.map((r) => `[${r}](../rules/${r}.md)`).join(', ');
}

function renderPage(name) {
  const pg = pages[name];
  const lines = [];
  lines.push(`# ${pg.heading || (name === 'index' ? pg.title : `\`${pg.title}\` — cache layer configuration`)}`, '');
  if (name !== 'index' && pg.where) lines.push(`[All settings](index.md) · Applies to ${pg.where}.`, '');
  lines.push(pg.intro, '');
  lines.push('```yaml', pg.example, '```', '');
  for (const e of sortedEntries(name)) {
    const s = e.schema;
    lines.push(`<a id="${e.anchor}"></a>`, '');
    lines.push(`## \`${e.path}\``, '');
    const facts = [`**Type:** ${typeText(s)}`];
    if (e.dflt) facts.push(`**Default:** ${e.dflt}`);
    if (e.rules.length) facts.push(`**Checked by:** ${ruleLinks(e.rules)}`);
    lines.push(facts.join('  \n'), '');
    lines.push(e.what, '');
    if (e.failure) lines.push(`**Failure it prevents:** ${e.failure}`, '');
    if (e.enumDocs) {
      lines.push('| Value | Meaning |', '|---|---|');
      for (const [v, , long] of (e.enumDocs || []).map((d) => [d[0], d[1], d[2] || d[1]])) lines.push(`| \`${v}\` | ${long.replace(/\|/g, '\\|')} |`);
      lines.push('');
    }
    const isAreaRoot = e.depth === 0 && e.examples && typeof e.examples[0] === 'object' && !Array.isArray(e.examples[0]);
    if (e.examples && e.examples.length && !isAreaRoot && e.path !== '$schema') {
      lines.push('```yaml', snippet(e.path, e.examples[0]), '```', '');
    }
  }
  return lines.join('\n').replace(/\n{3,}/g, '\n\n');
}

/** Every page as { file name → markdown }. */
function renderPages() {
  const out = {};
  for (const name of Object.keys(pages)) out[`${name}.md`] = renderPage(name);
  return out;
}

/** Links whose page or anchor is missing from the rendered pages (must be empty). */
function brokenLinks(rendered) {
  return docsRegistry
    .filter((e) => !(rendered[`${e.page}.md`] || '').includes(`<a id="${e.anchor}"></a>`))
    .map((e) => `docs/config/${e.page}.md#${e.anchor}`);
}

module.exports = { renderPages, brokenLinks };
