// CW009: a cache smaller than its working set evicts entries that are about to be read again
// (thrashing): the hit rate collapses and the data source serves most reads, as if the cache were off.
import { asNumber, asObject, asString, cachesOf, criticalityOf, get } from './cacheLayer';
import { formatCount, formatSize, parseSize } from './durations';
import { rangeFor } from './ranges';
import type { Finding, Rule, RuleContext } from './ruleTypes';

const ENTRY_HEADROOM = 1.2;
const MEMORY_OVERHEAD = 1.5;

export const workingSetCapacity: Rule = {
  id: 'CW009',
  title: 'Capacity below the working set',
  defaultSeverity: 'warning',
  docsPath: 'docs/rules/CW009.md',
  check(ctx: RuleContext): Finding[] {
    const findings: Finding[] = [];
    for (const { cache, pointer, name } of cachesOf(ctx.layer)) {
      const capacity = asObject(cache.capacity);
      const workingSet = asObject(capacity?.workingSet);
      const keys = asNumber(workingSet?.estimatedKeys);
      if (keys === undefined) {
        if (criticalityOf(cache) === 'hot') {
          findings.push({
            message: `Cannot verify the capacity of hot cache \`${name}\`: no \`capacity.workingSet.estimatedKeys\` is declared, so nothing shows the cache can hold what is read. Add \`workingSet: { estimatedKeys, avgValueBytes }\`.`,
            range: rangeFor(ctx, `${pointer}/capacity/workingSet`),
            advisory: true,
          });
        }
        continue;
      }
      const maxEntries = asNumber(capacity?.maxEntries);
      if (maxEntries !== undefined && maxEntries < keys * ENTRY_HEADROOM) {
        findings.push({
          message: `\`capacity.maxEntries\` is ${formatCount(maxEntries)} but the working set is ${formatCount(keys)} keys (needs ≥ ${formatCount(Math.ceil(keys * ENTRY_HEADROOM))} with 20% headroom): entries are evicted before they are read again, so most reads miss.`,
          range: rangeFor(ctx, `${pointer}/capacity/maxEntries`),
        });
      }
      const bytes = asNumber(workingSet?.avgValueBytes);
      if (bytes === undefined) continue;
      const needed = keys * bytes * MEMORY_OVERHEAD;
      const cacheMemory = parseSize(capacity?.maxMemory);
      const ref = asString(cache.backend);
      const backend = ref ? ctx.facts.resolveBackend(ctx.filePath, ref) : undefined;
      const memory = cacheMemory ?? backend?.maxMemoryBytes;
      if (memory === undefined || memory >= needed) continue;
      const where = cacheMemory !== undefined ? `\`capacity.maxMemory\` is ${String(capacity?.maxMemory)}` : `backend \`${backend?.name}\` has \`maxMemory\` ${formatSize(memory)}`;
      findings.push({
        message: `${where} but ${formatCount(keys)} keys × ${formatCount(bytes)} bytes × 1.5 overhead needs ${formatSize(needed)}: the working set does not fit, entries are evicted before reuse and most reads miss.`,
        range: rangeFor(ctx, cacheMemory !== undefined ? `${pointer}/capacity/maxMemory` : `${pointer}/capacity/workingSet`),
        related: cacheMemory === undefined && backend ? [{ uri: backend.file, range: backend.nameRange, message: `backend \`${backend.name}\`` }] : undefined,
      });
    }
    return findings;
  },
};
