// CW008: a cache without a memory or entry limit grows until the process or container is killed,
// and the restart then comes up cold (see CW010). maxMemory must also leave room in the container.
import { asObject, asString, backendsOf, cachesOf, get } from './cacheLayer';
import { formatSize, parseSize, trimNumber } from './durations';
import { rangeFor } from './ranges';
import type { Finding, Rule, RuleContext } from './ruleTypes';
import { insertMember, replaceScalar } from './yamlEdits';
import type { Fix } from '../types';

const MAX_SHARE_OF_CONTAINER = 0.75;
const NEEDS_MAX_MEMORY = new Set(['redis', 'memcached']);

export const memoryLimit: Rule = {
  id: 'CW008',
  title: 'No memory or entry limit',
  defaultSeverity: 'warning',
  docsPath: 'docs/rules/CW008.md',
  check(ctx: RuleContext): Finding[] {
    const findings: Finding[] = [];
    for (const { backend, pointer, name } of backendsOf(ctx.layer)) {
      const type = asString(backend.type);
      const maxMemory = parseSize(backend.maxMemory);
      if (type && NEEDS_MAX_MEMORY.has(type) && backend.maxMemory === undefined) {
        findings.push({
          message: `Backend \`${name}\` (${type}) has no \`maxMemory\`: ${type === 'redis' ? 'Redis defaults to no limit (maxmemory 0)' : 'memcached defaults to 64MB'}, so ${type === 'redis' ? 'it grows until the container is OOM-killed and restarts empty' : 'it thrashes long before the working set fits'}. Set \`maxMemory\` (≤ 75% of the container limit).`,
          range: rangeFor(ctx, `${pointer}/maxMemory`),
          fixes: shareOfLimitFix(ctx, pointer, parseSize(backend.containerMemoryLimit), false),
        });
      }
      const limit = parseSize(backend.containerMemoryLimit);
      if (maxMemory !== undefined && limit !== undefined && maxMemory > limit * MAX_SHARE_OF_CONTAINER) {
        findings.push({
          message: `\`maxMemory\` ${String(backend.maxMemory)} is ${trimNumber((maxMemory / limit) * 100)}% of \`containerMemoryLimit\` ${String(backend.containerMemoryLimit)}: replication buffers, fragmentation and forks need the rest, so the container is OOM-killed before eviction starts. Keep it at or below ${formatSize(limit * MAX_SHARE_OF_CONTAINER)} (75%).`,
          range: rangeFor(ctx, `${pointer}/maxMemory`),
          fixes: shareOfLimitFix(ctx, pointer, limit, true),
        });
      }
    }
    // In-process caches live in the service's heap: each needs its own bound unless the backend has one.
    for (const { cache, pointer, name } of cachesOf(ctx.layer)) {
      const ref = asString(cache.backend);
      const backend = ref ? ctx.facts.resolveBackend(ctx.filePath, ref) : undefined;
      if (backend?.type !== 'in-process' || backend.maxMemoryBytes !== undefined) continue;
      const capacity = asObject(cache.capacity);
      if (capacity && (get(capacity, 'maxEntries') !== undefined || get(capacity, 'maxMemory') !== undefined)) continue;
      findings.push({
        message: `In-process cache \`${name}\` has no \`capacity.maxEntries\` or \`capacity.maxMemory\` and backend \`${backend.name}\` no \`maxMemory\`: it grows with every distinct key until the service runs out of heap. Set \`capacity.maxEntries\`.`,
        range: rangeFor(ctx, `${pointer}/capacity`),
      });
    }
    return findings;
  },
};

/** `maxMemory` at 75% of the container limit, rounded down to whole MiB (a size every format can write). */
function shareOfLimitFix(ctx: RuleContext, pointer: string, limit: number | undefined, present: boolean): Fix[] {
  const mib = limit === undefined ? 0 : Math.floor((limit * MAX_SHARE_OF_CONTAINER) / 1024 ** 2);
  if (mib < 1) return [];
  const value = formatSize(mib * 1024 ** 2);
  const edit = present ? replaceScalar(ctx, `${pointer}/maxMemory`, value) : insertMember(ctx, pointer, 'maxMemory', value);
  return edit ? [{ title: `Set \`maxMemory: ${value}\``, edits: [edit] }] : [];
}
