// CW005: the cache key must contain everything the result depends on. A parameter missing from the
// key serves one caller's data to another (wrong tenant, wrong locale, another user's page); a
// placeholder that is not a parameter builds keys from a value the query never sees.
import { asArray, asObject, asString, cachesOf, get, sourceName, type Obj } from './cacheLayer';
import { rangeFor } from './ranges';
import type { Finding, Rule, RuleContext } from './ruleTypes';
import { appendToString } from './yamlEdits';
import type { Fix } from '../types';

/** Messages name at most this many parameters, and quote at most this much of a template. */
const MAX_LISTED = 8;
const MAX_QUOTED = 80;

/** `a`, `b` and `c`; past MAX_LISTED: the first ones "and N more". */
export function listNames(names: readonly string[], quote = true): string {
  const shown = names.slice(0, MAX_LISTED).map((n) => (quote ? `\`${clip(n)}\`` : clip(n)));
  return names.length > MAX_LISTED ? `${shown.join(', ')} and ${names.length - MAX_LISTED} more` : shown.join(', ');
}

/** Text quoted in a message, cut to MAX_QUOTED characters. */
export function clip(text: string): string {
  return text.length > MAX_QUOTED ? `${text.slice(0, MAX_QUOTED - 1)}…` : text;
}

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
        message: `Cache \`${clip(name)}\` queries ${clip(source)} with ${listNames(declared)} but has no \`key.template\`: nothing shows that the key varies with them, so one caller's result may be served to another.`,
        range: rangeFor(ctx, `${pointer}/key/template`),
      });
    }
    return findings;
  }
  const placeholders = placeholdersOf(template);
  const placeholderSet = new Set(placeholders);
  const declaredSet = new Set(declared);
  const templatePointer = `${pointer}/key/template`;
  const shownTemplate = clip(template);
  for (const placeholder of placeholders) {
    if (KEY_OWN_PLACEHOLDERS.has(placeholder) || declaredSet.has(placeholder)) continue;
    findings.push({
      message: `\`key.template\` uses \`{${clip(placeholder)}}\`, which is not in \`fronts.params\`${declared.length ? ` (${listNames(declared, false)})` : ''}: the key is built from a value the query to ${clip(source)} does not receive, so entries and results can disagree. Add it to \`fronts.params\` or remove it from the key.`,
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
    if (param === undefined || placeholderSet.has(param)) return;
    const ignore = ignored.get(param);
    if (ignore?.reason) return;
    reported.add(param);
    const range = ignore
      ? rangeFor(ctx, `${pointer}/key/ignoredParams/${ignore.index}`)
      : rangeFor(ctx, `${pointer}/fronts/params/${index}`);
    const shown = clip(param);
    findings.push({
      message: ignore
        ? `\`${shown}\` is listed in \`key.ignoredParams\` without a \`reason\`: say why results never differ by ${shown}, or add \`{${shown}}\` to \`key.template\`.`
        : `\`fronts.params\` has \`${shown}\` but \`key.template\` (${shownTemplate}) omits it: requests that differ only in ${shown} share one entry, so callers get each other's data. Add \`{${shown}}\` to the key, or list it in \`key.ignoredParams\` with a reason.`,
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
      message: `\`fronts.variesBy\` has \`${clip(dimension)}\` but \`key.template\` (${shownTemplate}) has no ${clip(dimension)} placeholder and \`key.scope\` is not private: results that differ by ${clip(dimension)} share one entry, so callers see another ${clip(dimension)}'s data. Add ${param ? `\`{${clip(param)}}\`` : `a ${clip(dimension)} placeholder`} to the key, or set \`key.scope: private\`.`,
      range: rangeFor(ctx, `${pointer}/fronts/variesBy/${index}`),
      fixes: param ? addPlaceholderFix(ctx, pointer, template, param) : [],
    });
  });
  return findings;
}

function addPlaceholderFix(ctx: RuleContext, pointer: string, template: string, param: string): Fix[] {
  const separator = template === '' || /[:/._-]$/.test(template) ? '' : ':';
  const edit = appendToString(ctx, `${pointer}/key/template`, `${separator}{${param}}`, `${pointer}/key`);
  return edit ? [{ title: `Add \`{${clip(param)}}\` to \`key.template\``, edits: [edit], isPreferred: true }] : [];
}
