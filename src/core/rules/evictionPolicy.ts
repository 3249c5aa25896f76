// CW007: a cache backend must be allowed to evict. `noeviction` (the Redis default) turns a full
// cache into failed writes; `volatile-*` evicts only keys with a TTL, so one cache that never expires
// (possibly declared in another file) fills the backend until it behaves like noeviction.
import { asString, backendsOf, cachesOf, get, nameList, type Obj } from './cacheLayer';
import { rangeFor } from './ranges';
import type { Finding, Rule, RuleContext } from './ruleTypes';
import type { CacheFact } from './workspaceFacts';
import { insertMember, replaceScalar } from './yamlEdits';
import type { Fix } from '../types';

const NO_TTL: ReadonlySet<string> = new Set(['never', 'missing']);

function ttlWords(cache: CacheFact): string {
  return cache.ttl === 'never' ? 'ttl never' : 'no ttl';
}

export const evictionPolicy: Rule = {
  id: 'CW007',
  title: 'Eviction policy that cannot evict',
  defaultSeverity: 'error',
  docsPath: 'docs/rules/CW007.md',
  check(ctx: RuleContext): Finding[] {
    const findings: Finding[] = [];
    for (const { backend, pointer, name } of backendsOf(ctx.layer)) {
      if ((asString(backend.role) ?? 'cache') !== 'cache') continue;
      const written = asString(backend.eviction);
      const type = asString(backend.type);
      if (written === 'noeviction' || (written === undefined && type === 'redis')) {
        findings.push({
          message: written
            ? `Backend \`${name}\` has \`eviction: noeviction\` but role cache: once ${memoryWords(backend)} is full every write fails instead of dropping old entries, so caches stop caching and reads fall through to their data sources.`
            : `Backend \`${name}\` (redis) sets no \`eviction\`: Redis then uses noeviction, so once ${memoryWords(backend)} is full every write fails and reads fall through to the data sources.`,
          range: rangeFor(ctx, `${pointer}/eviction`),
          fixes: allKeysFix(ctx, pointer, written !== undefined),
        });
        continue;
      }
      if (!written?.startsWith('volatile-')) continue;
      const fact = ctx.facts.resolveBackend(ctx.filePath, name);
      if (!fact || fact.file !== ctx.filePath) continue;
      const offenders = ctx.facts.cachesOn(fact).filter((c) => NO_TTL.has(c.ttl));
      if (offenders.length === 0) continue;
      const elsewhere = offenders.filter((c) => c.file !== ctx.filePath);
      findings.push({
        message: `Backend \`${name}\` evicts with ${written}, which only evicts keys that have a TTL, but ${nameList(offenders.map((c) => c.name))} ${offenders.length === 1 ? 'writes keys without one' : 'write keys without one'} (${[...new Set(offenders.map(ttlWords))].join(' / ')})${elsewhere.length ? `, declared in ${[...new Set(elsewhere.map((c) => ctx.displayPath(c.file)))].join(', ')}` : ''}: those keys pile up until writes fail like noeviction.`,
        range: rangeFor(ctx, `${pointer}/eviction`),
        related: offenders.map((c) => ({ uri: c.file, range: c.range, message: `cache \`${c.name}\` (${ttlWords(c)})` })),
        fixes: allKeysFix(ctx, pointer, true),
      });
    }
    // The other side: a cache here that never expires, on a volatile-* backend (here or elsewhere).
    for (const { cache, pointer, name } of cachesOf(ctx.layer)) {
      const ref = asString(cache.backend);
      if (!ref) continue;
      const backend = ctx.facts.resolveBackend(ctx.filePath, ref);
      if (!backend || backend.role !== 'cache' || !backend.eviction?.startsWith('volatile-')) continue;
      const ttl = get(cache, 'ttl', 'value');
      const never = ttl === 'never';
      if (!never && ttl !== undefined) continue;
      findings.push({
        message: `Cache \`${name}\` ${never ? 'never expires (`ttl.value: never`)' : 'has no `ttl.value`'} but its backend \`${backend.name}\`${backend.file !== ctx.filePath ? ` (declared in ${ctx.displayPath(backend.file)})` : ''} evicts with ${backend.eviction}, which only evicts keys that have a TTL: these keys are never evicted and fill the backend until writes fail for every cache on it.`,
        range: rangeFor(ctx, `${pointer}/ttl/value`),
        related: [{ uri: backend.file, range: backend.range, message: `backend \`${backend.name}\` eviction: ${backend.eviction}` }],
      });
    }
    return findings;
  },
};

function memoryWords(backend: Obj): string {
  const maxMemory = asString(backend.maxMemory);
  return maxMemory ? `its ${maxMemory}` : 'its memory';
}

function allKeysFix(ctx: RuleContext, pointer: string, present: boolean): Fix[] {
  const edit = present
    ? replaceScalar(ctx, `${pointer}/eviction`, 'allkeys-lru')
    : insertMember(ctx, pointer, 'eviction', 'allkeys-lru');
  return edit ? [{ title: 'Set `eviction: allkeys-lru`', edits: [edit], isPreferred: true }] : [];
}
