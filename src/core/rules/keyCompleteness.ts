// CW005: the cache key must contain everything the result depends on. A parameter missing from the
// key serves one caller's data to another (wrong tenant, wrong locale, another user's page); a
// placeholder that is not a parameter builds keys from a value the query never sees.
import { asArray, asObject, asString, cachesOf, get, sourceName, type Obj } from './cacheLayer';
import { rangeFor } from './ranges';
import type { Finding, Rule, RuleContext } from './ruleTypes';
import { appendToString } from './yamlEdits';
import type { Fix } from '../types';

/** Placeholders that refer to the key itself, not to query parameters. */
const KEY_OWN_PLACEHOLDERS = new Set(['version']);

export function placeholdersOf(template: string): string[] {
  return [...template.matchAll(/\{([^{}]+)\}/g)].map((m) => m[1].trim());
}

/** A placeholder or parameter covers a dimension when its name contains it: tenant → tenant_id. */
function covers(name: string, dimension: string): boolean {
  const normalize = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');
  return normalize(name).includes(normalize(dimension));
}

export const keyCompleteness: Rule = {
  id: 'CW005',
  title: 'Cache key omits a parameter or dimension',
  defaultSeverity: 'error',
  docsPath: 'docs/rules/CW005.md',
  check(ctx: RuleContext): Finding[] {
    const findings: Finding[] = [];
    for (const entry of cachesOf(ctx.layer)) findings.push(...checkCache(ctx, entry.cache, entry.pointer, entry.name));
    return findings;
  },
};

function checkCache(ctx: RuleContext, cache: Obj, pointer: string, name: string): Finding[] {
  const findings: Finding[] = [];
  const params = (asArray(get(cache, 'fronts', 'params')) ?? []).map((p) => (typeof p === 'string' ? p : undefined));
  const declared = params.filter((p): p is string => p !== undefined);
  const template = asString(get(cache, 'key', 'template'));
  const source = sourceName(cache);
  if (template === undefined) {
    if (declared.length > 0 && get(cache, 'key', 'template') === undefined) {
      findings.push({
        message: `Cache \`${name}\` queries ${source} with ${declared.map((p) => `\`${p}\``).join(', ')} but has no \`key.template\`: nothing shows that the key varies with them, so one caller's result may be served to another.`,
        range: rangeFor(ctx, `${pointer}/key/template`),
      });
    }
    return findings;
  }
  const placeholders = placeholdersOf(template);
  const templatePointer = `${pointer}/key/template`;
  for (const placeholder of placeholders) {
    if (KEY_OWN_PLACEHOLDERS.has(placeholder) || declared.includes(placeholder)) continue;
    findings.push({
      message: `\`key.template\` uses \`{${placeholder}}\`, which is not in \`fronts.params\`${declared.length ? ` (${declared.join(', ')})` : ''}: the key is built from a value the query to ${source} does not receive, so entries and results can disagree. Add it to \`fronts.params\` or remove it from the key.`,
      range: rangeFor(ctx, templatePointer),
    });
  }
  const ignored = new Map<string, { reason?: string; index: number }>();
  (asArray(get(cache, 'key', 'ignoredParams')) ?? []).forEach((item, index) => {
    const object = asObject(item);
    const ignoredName = asString(object?.name);
    if (ignoredName) ignored.set(ignoredName, { reason: asString(object?.reason)?.trim() || undefined, index });
  });
  const reported = new Set<string>();
  params.forEach((param, index) => {
    if (param === undefined || placeholders.includes(param)) return;
    const ignore = ignored.get(param);
    if (ignore?.reason) return;
    reported.add(param);
    const range = ignore
      ? rangeFor(ctx, `${pointer}/key/ignoredParams/${ignore.index}`)
      : rangeFor(ctx, `${pointer}/fronts/params/${index}`);
    findings.push({
      message: ignore
        ? `\`${param}\` is listed in \`key.ignoredParams\` without a \`reason\`: say why results never differ by ${param}, or add \`{${param}}\` to \`key.template\`.`
        : `\`fronts.params\` has \`${param}\` but \`key.template\` (${template}) omits it: requests that differ only in ${param} share one entry, so callers get each other's data. Add \`{${param}}\` to the key, or list it in \`key.ignoredParams\` with a reason.`,
      range,
      fixes: addPlaceholderFix(ctx, pointer, template, param),
    });
  });
  if (asString(get(cache, 'key', 'scope')) === 'private') return findings;
  (asArray(get(cache, 'fronts', 'variesBy')) ?? []).forEach((dimension, index) => {
    if (typeof dimension !== 'string' || dimension.trim() === '') return;
    if (placeholders.some((p) => covers(p, dimension))) return;
    const param = declared.find((p) => covers(p, dimension));
    // The parameter's own finding already says this key misses it; one diagnostic per problem.
    if (param && reported.has(param)) return;
    findings.push({
      message: `\`fronts.variesBy\` has \`${dimension}\` but \`key.template\` (${template}) has no ${dimension} placeholder and \`key.scope\` is not private: results that differ by ${dimension} share one entry, so callers see another ${dimension}'s data. Add ${param ? `\`{${param}}\`` : `a ${dimension} placeholder`} to the key, or set \`key.scope: private\`.`,
      range: rangeFor(ctx, `${pointer}/fronts/variesBy/${index}`),
      fixes: param ? addPlaceholderFix(ctx, pointer, template, param) : [],
    });
  });
  return findings;
}

function addPlaceholderFix(ctx: RuleContext, pointer: string, template: string, param: string): Fix[] {
  const separator = template === '' || /[:/._-]$/.test(template) ? '' : ':';
  const edit = appendToString(ctx, `${pointer}/key/template`, `${separator}{${param}}`, `${pointer}/key`);
  return edit ? [{ title: `Add \`{${param}}\` to \`key.template\``, edits: [edit], isPreferred: true }] : [];
}
