// CW002: a hot cache that is switched off (or stores nothing because its TTL is 0) sends all of its
// traffic to the data source. Allowed only with a stated, dated override.
import { asNumber, asObject, asString, cachesOf, criticalityOf, get, sourceName, type Obj } from './cacheLayer';
import { formatCount, parseDuration } from './durations';
import { rangeFor } from './ranges';
import type { Finding, Rule, RuleContext } from './ruleTypes';

/** Caches with this many expected reads per second count as hot even without `criticality: hot`. */
export const HOT_QPS_THRESHOLD = 1000;

function hotReason(cache: Obj): string | undefined {
  if (criticalityOf(cache) === 'hot') return 'criticality: hot';
  const qps = asNumber(get(cache, 'fronts', 'expectedQps'));
  return qps !== undefined && qps >= HOT_QPS_THRESHOLD ? `${formatCount(qps)} expected reads/s` : undefined;
}

/** Why the override does not excuse the cache; '' when it is complete and current, undefined when there is none. */
function overrideProblem(cache: Obj, now: Date): string | undefined {
  const override = asObject(cache.override);
  const reason = asString(override?.reason)?.trim();
  const expiresText = override?.expires instanceof Date ? override.expires.toISOString().slice(0, 10) : asString(override?.expires);
  if (!override) return undefined;
  if (!reason) return 'Its `override` has no `reason`.';
  if (!expiresText) return 'Its `override` has no `expires` date.';
  const expires = new Date(expiresText);
  if (Number.isNaN(expires.getTime())) return `Its \`override.expires\` (${expiresText}) is not a date.`;
  if (expires.getTime() < now.getTime()) return `Its \`override\` expired on ${expiresText}.`;
  return '';
}

export const cacheDisabledOnHotPath: Rule = {
  id: 'CW002',
  title: 'Cache disabled on a hot path',
  defaultSeverity: 'error',
  docsPath: 'docs/rules/CW002.md',
  check(ctx: RuleContext): Finding[] {
    const findings: Finding[] = [];
    for (const { cache, pointer, name } of cachesOf(ctx.layer)) {
      const hot = hotReason(cache);
      if (!hot) continue;
      const disabled = cache.enabled === false;
      const zeroTtl = parseDuration(get(cache, 'ttl', 'value')) === 0;
      if (!disabled && !zeroTtl) continue;
      const problem = overrideProblem(cache, ctx.now);
      if (problem === '') continue;
      const what = disabled ? '`enabled: false` is set' : `\`ttl.value\` is ${String(get(cache, 'ttl', 'value'))} (nothing is kept)`;
      const suffix = problem === undefined
        ? 'Enable it, or add `override: { reason, expires }` if this is deliberate and temporary.'
        : problem;
      findings.push({
        message: `${what} on cache \`${name}\`, which is hot (${hot}): every read goes straight to ${sourceName(cache)}. ${suffix}`,
        range: rangeFor(ctx, disabled ? `${pointer}/enabled` : `${pointer}/ttl/value`),
      });
    }
    return findings;
  },
};
