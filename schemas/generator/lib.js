// Shared helpers for generating Cache Warden schemas + docs pages from one data source,
// so schema links (x-docs, [Docs](...)) and the page anchors can never drift apart.
'use strict';

const docsRegistry = []; // {page, anchor, path, title, description, md, default, failure, rules, examples, enum...}

function anchorOf(path) {
  return path
    .replace(/^\$/, '')
    .replace(/\[\]/g, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/[._]/g, '-')
    .toLowerCase();
}

/**
 * f(page, path, spec): one documented property.
 * spec: { title, description, what, dflt, failure, rules, examples, enumDocs: [[value, short, long]], ...schemaKeywords }
 */
function f(page, path, spec) {
  const { title, description, what, dflt, failure, rules, examples, enumDocs, docExample, pageNote, ...schema } = spec;
  const anchor = anchorOf(path);
  const link = `docs/config/${page}.md#${anchor}`;
  const parts = [what];
  if (dflt) parts.push(`**Default:** ${dflt}`);
  if (failure) parts.push(`**Prevents:** ${failure}`);
  parts.push(`[Docs](${link})`);
  const out = { title, description };
  Object.assign(out, schema);
  if (enumDocs) {
    out.enum = enumDocs.map((e) => e[0]);
    out.enumDescriptions = enumDocs.map((e) => e[1]);
    out.markdownEnumDescriptions = enumDocs.map((e) => e[2] || e[1]);
  }
  out.markdownDescription = parts.join('\n\n');
  if (examples) out.examples = examples;
  out['x-docs'] = link;
  if (rules && rules.length) out['x-rules'] = rules;
  docsRegistry.push({ page, anchor, path, title, description, what, dflt, failure, rules: rules || [], examples, enumDocs, docExample, pageNote, schema: out });
  return out;
}

module.exports = { f, anchorOf, docsRegistry };
