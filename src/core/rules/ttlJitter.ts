// CW004: entries written together expire together. Without jitter a warm-up, a bulk load or a deploy
// makes a large share of keys expire in the same second and the data source takes the whole refill.
import { asNumber, asObject, asString, cachesOf, get, sourceName } from './cacheLayer';
import { finiteDuration, formatCount, formatDuration, parseDuration, parsePercentage, trimNumber } from './durations';
import { rangeFor } from './ranges';
import type { Finding, Rule, RuleContext } from './ruleTypes';
import { insertMember, replaceScalar } from './yamlEdits';
import type { Fix } from '../types';

const MIN_TTL_MS = 60_000;
const LARGE_CACHE_ENTRIES = 10_000;
const JITTER_MIN = 0.05;
const JITTER_MAX = 0.5;

export const ttlJitter: Rule = {
  id: 'CW004',
  title: 'Synchronized expiry (no TTL jitter)',
  defaultSeverity: 'warning',
  docsPath: 'docs/rules/CW004.md',
  check(ctx: RuleContext): Finding[] {
    const findings: Finding[] = [];
    for (const { cache, pointer, name } of cachesOf(ctx.layer)) {
      const ttl = asObject(cache.ttl);
      const ttlMs = finiteDuration(ttl?.value);
      if (!ttl || ttlMs === undefined || ttlMs <= 0) continue;
      const jitter = ttl.jitter;
      if (jitter === undefined || jitter === null) {
        if (ttlMs < MIN_TTL_MS) continue;
        const reasons = synchronizingReasons(ctx, cache);
        if (reasons.length === 0) continue;
        const edit = insertMember(ctx, `${pointer}/ttl`, 'jitter', '10%');
        findings.push({
          message: `\`ttl.value\` is ${String(ttl.value)} with no \`ttl.jitter\` on cache \`${name}\` (${reasons.join(', ')}): entries written together expire together, and ${sourceName(cache)} takes every refill in the same moment. Add \`jitter: 10%\`.`,
          range: rangeFor(ctx, `${pointer}/ttl/value`),
          fixes: edit ? [{ title: 'Add `ttl.jitter: 10%`', edits: [edit], isPreferred: true }] : [],
        });
        continue;
      }
      const fraction = jitterFraction(jitter, ttlMs);
      if (fraction === undefined) continue;
      if (fraction >= JITTER_MIN && fraction <= JITTER_MAX) continue;
      const edit = replaceScalar(ctx, `${pointer}/ttl/jitter`, '10%');
      const tooSmall = fraction < JITTER_MIN;
      findings.push({
        message: `\`ttl.jitter\` is ${String(jitter)} (${trimNumber(fraction * 100)}% of the ${formatDuration(ttlMs)} TTL): ${tooSmall ? 'below 5% the expiries stay bunched together' : 'above 50% entries live far shorter or longer than intended'}. Use 5–50%, e.g. \`10%\`.`,
        range: rangeFor(ctx, `${pointer}/ttl/jitter`),
        fixes: edit ? [{ title: 'Set `ttl.jitter` to 10%', edits: [edit], isPreferred: true }] : [],
      });
    }
    return findings;
  },
};

function jitterFraction(jitter: unknown, ttlMs: number): number | undefined {
  const percentage = parsePercentage(jitter);
  if (percentage !== undefined) return percentage;
  const duration = parseDuration(jitter);
  return typeof duration === 'number' ? duration / ttlMs : undefined;
}

/** Why this cache's entries tend to be written (and so expire) together. */
function synchronizingReasons(ctx: RuleContext, cache: Record<string, unknown>): string[] {
  const reasons: string[] = [];
  const strategy = asString(get(cache, 'warmup', 'strategy'));
  if (strategy !== undefined && strategy !== 'none') reasons.push(`warmed by ${strategy}`);
  const maxEntries = asNumber(get(cache, 'capacity', 'maxEntries'));
  if (maxEntries !== undefined && maxEntries >= LARGE_CACHE_ENTRIES) reasons.push(`up to ${formatCount(maxEntries)} entries`);
  const backendRef = asString(cache.backend);
  const backend = backendRef ? ctx.facts.resolveBackend(ctx.filePath, backendRef) : undefined;
  if (backend) {
    const sharing = ctx.facts.cachesOn(backend).length;
    if (sharing > 1) reasons.push(`backend \`${backend.name}\` shared by ${sharing} caches`);
  }
  return reasons;
}
