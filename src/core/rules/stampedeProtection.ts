// CW003: on a hot or warm cache, an expired popular key sends every concurrent reader to the data
// source at once unless something coalesces them (a lock/lease, stale-while-revalidate, early refresh).
import { asNumber, asObject, asString, cachesOf, criticalityOf, get, sourceName } from './cacheLayer';
import { finiteDuration, formatDuration } from './durations';
import { rangeFor } from './ranges';
import type { Finding, Rule, RuleContext } from './ruleTypes';
import { insertMember, replaceScalar } from './yamlEdits';
import type { Fix } from '../types';

export const stampedeProtection: Rule = {
  id: 'CW003',
  title: 'No stampede protection',
  defaultSeverity: 'warning',
  docsPath: 'docs/rules/CW003.md',
  check(ctx: RuleContext): Finding[] {
    const findings: Finding[] = [];
    for (const { cache, pointer, name } of cachesOf(ctx.layer)) {
      const criticality = criticalityOf(cache);
      const stampede = asObject(cache.stampede);
      const mode = asString(stampede?.mode);
      const swr = finiteDuration(get(cache, 'stale', 'whileRevalidate'));
      const early = asNumber(stampede?.earlyRefresh);
      const protectedByMode = mode !== undefined && mode !== 'none';
      const protectedOtherwise = (swr !== undefined && swr > 0) || (early !== undefined && early > 0 && early < 1);
      if ((criticality === 'hot' || criticality === 'warm') && !protectedByMode && !protectedOtherwise) {
        const written = mode === 'none' ? '`stampede.mode` is none' : 'No stampede protection';
        findings.push({
          message: `${written} on ${criticality} cache \`${name}\`: when a popular key expires, every concurrent reader queries ${sourceName(cache)} at once. Set \`stampede.mode\` (coalesce, lease, lock or probabilistic), \`stale.whileRevalidate\` or \`stampede.earlyRefresh\`.`,
          range: rangeFor(ctx, mode === 'none' ? `${pointer}/stampede/mode` : `${pointer}/stampede`),
          fixes: coalesceFix(ctx, pointer, stampede !== undefined, mode),
        });
      }
      const lockTimeout = finiteDuration(stampede?.lockTimeout);
      const p99 = finiteDuration(get(cache, 'fronts', 'p99LoadTime'));
      if (lockTimeout !== undefined && p99 !== undefined && lockTimeout < p99) {
        findings.push({
          message: `\`stampede.lockTimeout\` is ${formatDuration(lockTimeout)} but \`fronts.p99LoadTime\` is ${formatDuration(p99)}: the lock expires before a slow load finishes, so the waiting readers all query ${sourceName(cache)} anyway. Make the lock timeout at least the p99 load time.`,
          range: rangeFor(ctx, `${pointer}/stampede/lockTimeout`),
        });
      }
    }
    return findings;
  },
};

function coalesceFix(ctx: RuleContext, pointer: string, hasStampede: boolean, mode: string | undefined): Fix[] {
  const edit = !hasStampede
    ? insertMember(ctx, pointer, 'stampede', { mode: 'coalesce' }, 'flow')
    : mode === undefined
      ? insertMember(ctx, `${pointer}/stampede`, 'mode', 'coalesce')
      : replaceScalar(ctx, `${pointer}/stampede/mode`, 'coalesce');
  return edit ? [{ title: 'Add stampede protection: `stampede.mode: coalesce`', edits: [edit], isPreferred: true }] : [];
}
