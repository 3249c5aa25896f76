// CW010: a hot cache that starts empty (deploy, restart, scale-out, key version bump) sends its
// whole read rate to the data source unless it is warmed first or its loads are bulkheaded.
import { asNumber, asString, cachesOf, criticalityOf, get, sourceName } from './cacheLayer';
import { rangeFor } from './ranges';
import type { Finding, Rule, RuleContext } from './ruleTypes';

export const warmupBulkhead: Rule = {
  id: 'CW010',
  title: 'Hot cache with no warm-up and no load bulkhead',
  defaultSeverity: 'warning',
  docsPath: 'docs/rules/CW010.md',
  check(ctx: RuleContext): Finding[] {
    const findings: Finding[] = [];
    for (const { cache, pointer, name } of cachesOf(ctx.layer)) {
      if (criticalityOf(cache) !== 'hot') continue;
      const strategy = asString(get(cache, 'warmup', 'strategy'));
      if (strategy !== undefined && strategy !== 'none') continue;
      if (asNumber(get(cache, 'fronts', 'maxConcurrentLoads')) !== undefined) continue;
      const ref = asString(cache.backend);
      const inProcess = ref !== undefined && ctx.facts.resolveBackend(ctx.filePath, ref)?.type === 'in-process';
      const start = inProcess ? 'It is in-process, so every new pod starts empty' : 'After a restart, failover or key version bump it starts empty';
      findings.push({
        message: `Hot cache \`${name}\` has no warm-up (${strategy === 'none' ? '`warmup.strategy` is none' : 'no `warmup.strategy`'}) and no \`fronts.maxConcurrentLoads\`. ${start}, and its whole read rate reaches ${sourceName(cache)} at once. Add a warm-up strategy or a load bulkhead.`,
        range: rangeFor(ctx, strategy === 'none' ? `${pointer}/warmup/strategy` : `${pointer}/warmup`),
      });
    }
    return findings;
  },
};
