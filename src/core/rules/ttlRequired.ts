// CW001: a cache must say how long entries live. Missing or 0 TTLs mean "never expire" in some
// clients and "never cache" in others; `never` is only safe with invalidation and an evict-any-key policy.
import { asArray, asObject, cachesOf, get, isAllKeysEviction, sourceName } from './cacheLayer';
import { parseDuration } from './durations';
import { rangeFor } from './ranges';
import type { Finding, Rule, RuleContext } from './ruleTypes';
import { insertMember } from './yamlEdits';
import type { Fix } from '../types';

export const ttlRequired: Rule = {
  id: 'CW001',
  title: 'TTL missing, zero, or never without invalidation',
  defaultSeverity: 'error',
  docsPath: 'docs/rules/CW001.md',
  check(ctx: RuleContext): Finding[] {
    const findings: Finding[] = [];
    for (const { cache, pointer, name } of cachesOf(ctx.layer)) {
      const ttl = asObject(cache.ttl);
      const source = sourceName(cache);
      if (!ttl || !('value' in ttl)) {
        findings.push({
          message: `Cache \`${name}\` has no \`ttl.value\`: most clients then keep entries forever (Spring, Redis SET without EX), so ${source} changes are never seen and memory fills up. Set a duration such as \`10m\`, or \`never\` with invalidation triggers.`,
          range: rangeFor(ctx, `${pointer}/ttl`),
          fixes: ttlFix(ctx, pointer),
        });
        continue;
      }
      const written = ttl.value;
      const value = parseDuration(written);
      // A bare number 0 is the schema's finding (it rejects numbers with the same explanation); not twice.
      if (value === 0 && typeof written === 'string') {
        const backendRef = typeof cache.backend === 'string' ? cache.backend : undefined;
        const type = backendRef ? ctx.facts.resolveBackend(ctx.filePath, backendRef)?.type : undefined;
        const meaning = type === 'memcached'
          ? `in memcached 0 means "never expire", so entries of ${source} are never refreshed and memory fills up`
          : `in ${type ?? 'most'}${type ? '-backed caches' : ' clients'} this never caches at all, so every read reaches ${source}`;
        findings.push({
          message: `\`ttl.value\` is ${String(written)}: ${meaning}. Write a positive duration such as \`10m\`, or \`never\` with invalidation triggers.`,
          range: rangeFor(ctx, `${pointer}/ttl/value`),
        });
      } else if (value === 'never') {
        const triggers = asArray(get(cache, 'invalidation', 'triggers')) ?? [];
        if (triggers.length === 0) {
          findings.push({
            message: `\`ttl.value\` is never but cache \`${name}\` has no \`invalidation.triggers\`: entries of ${source} are never refreshed, so readers see stale data until the key is evicted.`,
            range: rangeFor(ctx, `${pointer}/ttl/value`),
          });
        }
        const backendRef = typeof cache.backend === 'string' ? cache.backend : undefined;
        const backend = backendRef ? ctx.facts.resolveBackend(ctx.filePath, backendRef) : undefined;
        // volatile-* with a never-expiring cache is CW007's finding (at this same place); not twice.
        if (backend?.eviction !== undefined && !isAllKeysEviction(backend.eviction) && !backend.eviction.startsWith('volatile-')) {
          findings.push({
            message: `\`ttl.value\` is never but backend \`${backend.name}\` evicts with ${backend.eviction}, not an allkeys-* policy: keys without a TTL are never evicted there, so memory fills and writes start to fail.`,
            range: rangeFor(ctx, `${pointer}/ttl/value`),
            related: [{ uri: backend.file, range: backend.range, message: `backend \`${backend.name}\` eviction: ${backend.eviction}` }],
          });
        }
      }
    }
    return findings;
  },
};

/**
 * `ttl: { value: 10m }` added to the cache (in an adapted file: the format's own TTL setting, such
 * as Spring's `time-to-live`). Offered in the editor, never preferred: the right TTL is a decision,
 * so `check --fix` does not apply it.
 */
function ttlFix(ctx: RuleContext, pointer: string): Fix[] {
  const edit = insertMember(ctx, pointer, 'ttl', { value: '10m' });
  return edit ? [{ title: 'Set `ttl.value: 10m`', edits: [edit] }] : [];
}
