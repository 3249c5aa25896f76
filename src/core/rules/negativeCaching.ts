// CW006: lookups by ids that come from outside (clients, crawlers) include ids that do not exist;
// without negative caching each one is a guaranteed miss that reaches the data source. And a loader
// error must never delete good entries (Facebook, 23 Sep 2010: errors read as "invalid" → deletes → DB flood).
import { asObject, asString, cachesOf, get, sourceName } from './cacheLayer';
import { finiteDuration, formatDuration, parseDuration } from './durations';
import { rangeFor } from './ranges';
import type { Finding, Rule, RuleContext } from './ruleTypes';
import { insertMember, replaceScalar } from './yamlEdits';
import type { Fix } from '../types';

const DEFAULT_NEGATIVE_TTL_MS = 30_000;
const HARMFUL_ON_ERROR = new Set(['delete', 'treat_as_miss']);

export const negativeCaching: Rule = {
  id: 'CW006',
  title: 'No negative caching, or errors that delete entries',
  defaultSeverity: 'error',
  docsPath: 'docs/rules/CW006.md',
  check(ctx: RuleContext): Finding[] {
    const findings: Finding[] = [];
    for (const { cache, pointer, name } of cachesOf(ctx.layer)) {
      const negative = asObject(cache.negative);
      const source = sourceName(cache);
      const ttlValue = parseDuration(get(cache, 'ttl', 'value'));
      if (asString(get(cache, 'fronts', 'lookupBy')) === 'external') {
        const flood = `so every request for an id that does not exist (typos, crawlers, attacks) reaches ${source}`;
        if (!negative) {
          const ttl = typeof ttlValue === 'number' && ttlValue > 0 ? Math.min(ttlValue, DEFAULT_NEGATIVE_TTL_MS) : DEFAULT_NEGATIVE_TTL_MS;
          const edit = insertMember(ctx, pointer, 'negative', { enabled: true, ttl: formatDuration(ttl), onError: 'serve_stale' });
          findings.push({
            message: `Cache \`${name}\` looks up externally supplied ids without a \`negative\` block: misses are not cached, ${flood}. Add \`negative: { enabled: true, ttl: ${formatDuration(ttl)} }\`.`,
            range: rangeFor(ctx, `${pointer}/negative`),
            fixes: edit ? [{ title: `Add a \`negative:\` block (cache misses for ${formatDuration(ttl)})`, edits: [edit], isPreferred: true }] : [],
          });
        } else if (negative.enabled !== true) {
          findings.push({
            message: `\`negative.enabled\` is ${negative.enabled === undefined ? 'not set' : String(negative.enabled)} on cache \`${name}\`, which looks up externally supplied ids: misses are not cached, ${flood}.`,
            range: rangeFor(ctx, `${pointer}/negative/enabled`),
          });
        } else {
          const negativeTtl = finiteDuration(negative.ttl);
          if (negativeTtl === undefined || negativeTtl <= 0) {
            findings.push({
              message: `\`negative.ttl\` is ${negative.ttl === undefined ? 'missing' : String(negative.ttl)} on cache \`${name}\`: a miss must be kept for a positive time (typically 10s–5m), otherwise ${flood.replace(/^so /, '')}.`,
              range: rangeFor(ctx, `${pointer}/negative/ttl`),
            });
          } else if (typeof ttlValue === 'number' && ttlValue > 0 && negativeTtl > ttlValue) {
            findings.push({
              message: `\`negative.ttl\` is ${String(negative.ttl)}, longer than \`ttl.value\` ${String(get(cache, 'ttl', 'value'))}: an id created after a miss stays "not found" longer than real data stays fresh. Keep it at or below the TTL.`,
              range: rangeFor(ctx, `${pointer}/negative/ttl`),
            });
          }
        }
      }
      const onError = asString(negative?.onError);
      if (onError && HARMFUL_ON_ERROR.has(onError)) {
        findings.push({
          message: `\`negative.onError\` is ${onError}: a loader error then ${onError === 'delete' ? 'deletes the good entry' : 'counts as a miss'}, so while ${source} struggles every reader retries against it — the feedback loop of Facebook's 2010 outage. Use serve_stale or bypass_no_delete.`,
          range: rangeFor(ctx, `${pointer}/negative/onError`),
          fixes: onErrorFixes(ctx, pointer),
        });
      }
    }
    return findings;
  },
};

function onErrorFixes(ctx: RuleContext, pointer: string): Fix[] {
  const fixes: Fix[] = [];
  for (const [value, preferred] of [['serve_stale', true], ['bypass_no_delete', false]] as const) {
    const edit = replaceScalar(ctx, `${pointer}/negative/onError`, value);
    if (edit) fixes.push({ title: `Set \`negative.onError\` to ${value}`, edits: [edit], isPreferred: preferred });
  }
  return fixes;
}
