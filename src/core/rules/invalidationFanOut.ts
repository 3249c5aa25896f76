// CW011: one invalidation event that purges a prefix, everything, or thousands of keys empties a hot
// cache in one go; the data source then takes a cold-cache surge unless entries are marked stale
// (served while they refresh) and the purge is rate-limited.
import { asArray, asNumber, asObject, asString, cachesOf, criticalityOf, get, sourceName } from './cacheLayer';
import { formatCount } from './durations';
import { rangeFor } from './ranges';
import type { Finding, Rule, RuleContext } from './ruleTypes';

export const MAX_KEYS_PER_EVENT = 1000;

export const invalidationFanOut: Rule = {
  id: 'CW011',
  title: 'Invalidation fan-out on a hot cache',
  defaultSeverity: 'warning',
  docsPath: 'docs/rules/CW011.md',
  check(ctx: RuleContext): Finding[] {
    const findings: Finding[] = [];
    for (const { cache, pointer, name } of cachesOf(ctx.layer)) {
      if (criticalityOf(cache) !== 'hot') continue;
      (asArray(get(cache, 'invalidation', 'triggers')) ?? []).forEach((item, index) => {
        const trigger = asObject(item);
        if (!trigger) return;
        const at = `${pointer}/invalidation/triggers/${index}`;
        const scope = asString(trigger.scope);
        const maxKeys = asNumber(trigger.maxKeysPerEvent);
        const wide = scope === 'prefix' || scope === 'all';
        const many = maxKeys !== undefined && maxKeys > MAX_KEYS_PER_EVENT;
        if (!wide && !many) return;
        const markStale = trigger.mode === 'mark_stale';
        const rateLimited = asString(trigger.rateLimit) !== undefined;
        if (markStale && rateLimited) return;
        const missing = [markStale ? undefined : '`mode: mark_stale`', rateLimited ? undefined : '`rateLimit`'].filter(Boolean).join(' and ');
        const what = wide ? `purges scope ${scope}` : `purges up to ${formatCount(maxKeys ?? 0)} keys per event`;
        findings.push({
          message: `Invalidation trigger ${index + 1} of hot cache \`${name}\` ${what} without ${missing}: one event empties much of the cache and ${sourceName(cache)} takes every refill at once. Mark entries stale and rate-limit the purge.`,
          range: rangeFor(ctx, wide ? `${at}/scope` : `${at}/maxKeysPerEvent`),
        });
      });
    }
    return findings;
  },
};
