// CW012: when the cache fails or empties, the loader is what reaches the data source. Without a
// timeout and a concurrency limit, slow loads pile up; a load that outlives the stampede lock lets
// the next reader start a second load of the same key.
import { asObject, cachesOf, criticalityOf, get, sourceName } from './cacheLayer';
import { finiteDuration, formatDuration } from './durations';
import { rangeFor } from './ranges';
import type { Finding, Rule, RuleContext } from './ruleTypes';

export const loaderProtection: Rule = {
  id: 'CW012',
  title: 'Loader without timeout or concurrency limit',
  defaultSeverity: 'warning',
  docsPath: 'docs/rules/CW012.md',
  check(ctx: RuleContext): Finding[] {
    const findings: Finding[] = [];
    for (const { cache, pointer, name } of cachesOf(ctx.layer)) {
      const fronts = asObject(cache.fronts);
      const loadTimeout = finiteDuration(fronts?.loadTimeout);
      if (criticalityOf(cache) === 'hot') {
        const missing: string[] = [];
        if (fronts?.loadTimeout === undefined) missing.push('`loadTimeout`');
        if (fronts?.maxConcurrentLoads === undefined) missing.push('`maxConcurrentLoads`');
        if (missing.length) {
          findings.push({
            message: `Hot cache \`${name}\` sets no ${missing.join(' and ')} in \`fronts\`: when the cache empties or ${sourceName(cache)} slows down, loads pile up without limit and keep it overloaded.`,
            range: rangeFor(ctx, `${pointer}/fronts`),
          });
        }
      }
      const lockTimeout = finiteDuration(get(cache, 'stampede', 'lockTimeout'));
      if (loadTimeout !== undefined && lockTimeout !== undefined && loadTimeout >= lockTimeout) {
        findings.push({
          message: `\`fronts.loadTimeout\` is ${formatDuration(loadTimeout)}, not shorter than \`stampede.lockTimeout\` ${formatDuration(lockTimeout)}: the lock can expire while the load still runs, and the next reader starts a second load of the same key against ${sourceName(cache)}.`,
          range: rangeFor(ctx, `${pointer}/fronts/loadTimeout`),
        });
      }
    }
    return findings;
  },
};
