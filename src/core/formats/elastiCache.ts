// AWS ElastiCache, however it is declared (CloudFormation, Terraform): parameter groups, replication
// groups, cache clusters and serverless caches mapped onto cache layer backends. The template
// readers (cloudFormation.ts, terraform.ts) find the resources and where each value is written;
// this module decides what they mean — which eviction applies (a written `maxmemory-policy`, the
// default parameter group's volatile-lru, ServerlessCache's fixed volatile-lru), how much memory the
// node gives Redis — and builds one synthetic CacheLayer document per cluster.
import { formatSize, trimNumber } from '../rules/durations';
import type { Range, Span, TextEdit } from '../types';
import type { LineIndex } from '../document/lineIndex';
import type { AdaptedLayer, SettingSite } from './adapter';
import { LayerBuilder } from './layerBuilder';
import { addRedisBackend, EVICTION_POLICIES } from './redisDirectives';

/**
 * A value written in the template, with where: `span` is the value token, `key` its name. A value
 * that reaches the resource through a reference (a Terraform variable, a local, a module
 * argument) says how in `origin`; `span` is then where that value is written in this file, or the
 * reference itself when it is written in another file.
 */
export interface Written<T = string> {
  value: T;
  span: Span;
  key?: Span;
  origin?: ValueOrigin;
}

/** How a value reaches a resource when it is not written there. */
export interface ValueOrigin {
  /** For messages and hovers: `var.eviction_policy, default in variables.tf`. */
  via: string;
  /** Where the value is written when that is another file (no edit of this file changes it). */
  elsewhere?: { uri: string; range: Range; file: string };
}

export interface ParameterGroupDecl {
  /** CloudFormation logical id / Terraform resource name. */
  id: string;
  /** How messages name it: the logical id, `aws_elasticache_parameter_group.x`. */
  label: string;
  /** The group's own name, when the template writes it (Terraform `name`). */
  name?: string;
  /** Where the resource is declared (the logical id, the resource's name label). */
  declared: Span;
  family?: Written;
  policy?: Written;
  reserved?: Written;
  /** memcached's `error_on_memory_exhausted` (1: fail writes instead of evicting). */
  errorOnFull?: Written;
  /** Parameters the group sets to a value that cannot be known (a variable with no value): nothing is assumed for them. */
  unknownParameters?: string[];
}

export type ClusterKind = 'replication-group' | 'cache-cluster' | 'serverless';

/** How a cluster names its parameter group. */
export type GroupRef =
  /** Not written: ElastiCache's default parameter group of the engine version. */
  | { kind: 'default' }
  /** `default.redis7` written out: the same default group. */
  | { kind: 'default-named'; at: Written }
  /** A group of this template. */
  | { kind: 'group'; group: ParameterGroupDecl; at: Written }
  /** A group found in another file of the module (its values are not in this file). */
  | { kind: 'sibling'; group: ParameterGroupDecl; file: string; at: Written }
  /** A name or expression that cannot be followed (another stack, a variable). */
  | { kind: 'unknown'; at: Written };

export interface ClusterDecl {
  kind: ClusterKind;
  /** The resource type as the template writes it (`AWS::ElastiCache::ReplicationGroup`). */
  typeName: string;
  id: string;
  /** How messages name it: the logical id, `aws_elasticache_replication_group.x`. */
  label: string;
  declared: Span;
  /** The literal ReplicationGroupId / ClusterName / ServerlessCacheName (replication_group_id, …). */
  name?: Written;
  engine?: Written;
  engineVersion?: Written;
  nodeType?: Written;
  /** The engine is written as a value that cannot be known: the cluster is not checked. */
  engineUnknown?: boolean;
  group: GroupRef;
}

/** How a format names things in messages and hovers. */
export interface ElastiCacheWords {
  /** `CacheParameterGroupName` / `parameter_group_name`. */
  groupKey: string;
  /** `CacheNodeType` / `node_type`. */
  nodeTypeKey: string;
  /** How to declare a parameter group in this format. */
  newGroup: string;
}

/**
 * Memory of common node types, GiB, as AWS's node type table lists it (rounded). ElastiCache sets
 * Redis's maxmemory from it; unknown types leave the memory unknown rather than guessed.
 */
export const NODE_MEMORY_GIB: Readonly<Record<string, number>> = {
  'cache.t2.micro': 0.555, 'cache.t2.small': 1.55, 'cache.t2.medium': 3.22,
  'cache.t3.micro': 0.5, 'cache.t3.small': 1.37, 'cache.t3.medium': 3.09,
  'cache.t4g.micro': 0.5, 'cache.t4g.small': 1.37, 'cache.t4g.medium': 3.09,
  'cache.m5.large': 6.38, 'cache.m5.xlarge': 12.93, 'cache.m5.2xlarge': 26.04, 'cache.m5.4xlarge': 52.26,
  'cache.m6g.large': 6.38, 'cache.m6g.xlarge': 12.93, 'cache.m6g.2xlarge': 26.04, 'cache.m6g.4xlarge': 52.26,
  'cache.m7g.large': 6.38, 'cache.m7g.xlarge': 12.93, 'cache.m7g.2xlarge': 26.04, 'cache.m7g.4xlarge': 52.26,
  'cache.r5.large': 13.07, 'cache.r5.xlarge': 26.32, 'cache.r5.2xlarge': 52.82, 'cache.r5.4xlarge': 105.81,
  'cache.r6g.large': 13.07, 'cache.r6g.xlarge': 26.32, 'cache.r6g.2xlarge': 52.82, 'cache.r6g.4xlarge': 105.81,
  'cache.r7g.large': 13.07, 'cache.r7g.xlarge': 26.32, 'cache.r7g.2xlarge': 52.82, 'cache.r7g.4xlarge': 105.81,
};

/** The policy of ElastiCache's default parameter groups (and of every ServerlessCache). */
export const ELASTICACHE_DEFAULT_POLICY = 'volatile-lru';
export const DEFAULT_RESERVED_PERCENT = 25;

/**
 * CW007: eviction is what ElastiCache is configured for, and the default is one of the traps.
 * CW008: only where the node type is known — maxmemory is then node memory less
 * reserved-memory-percent, and the node's memory plays the container limit: a reserve under 25%
 * leaves no room for replication buffers and the fork of a backup. ElastiCache always sets
 * maxmemory itself, so "no maxmemory" can never be true and is not checked. Other rules read
 * caches (TTLs, keys, stampede protection), which infrastructure templates do not declare.
 */
const RULES_KNOWN_MEMORY: ReadonlySet<string> = new Set(['CW007', 'CW008']);
const RULES_EVICTION_ONLY: ReadonlySet<string> = new Set(['CW007']);

export interface ElastiCacheInput {
  text: string;
  lines: LineIndex;
  groups: readonly ParameterGroupDecl[];
  clusters: readonly ClusterDecl[];
  words: ElastiCacheWords;
  terms: Readonly<Record<string, string>>;
  termSeparator: string;
  /** The text that writes `policy` in place of `written` (quotes kept as the format needs). */
  policyText(written: Written, policy: string): string;
  settings: SettingSite[];
}

/** The engine a cluster runs, lower-case; ReplicationGroup and ServerlessCache default to redis. */
function engineOf(cluster: ClusterDecl): string {
  return (cluster.engine?.value ?? 'redis').toLowerCase();
}

/** `default.redis7`, or how to name it when the version is not written. */
export function defaultGroupName(cluster: ClusterDecl): string {
  const engine = engineOf(cluster);
  const major = /^(\d+)(?:\.(\d+))?/.exec(cluster.engineVersion?.value ?? '');
  if (!major) return `default.${engine}7, or the one of its engine version`;
  if (engine === 'redis' && major[1] === '6') return 'default.redis6.x';
  if (engine === 'redis' && Number(major[1]) < 6) return `default.redis${major[1]}.${major[2] ?? '0'}`;
  return `default.${engine}${major[1]}`;
}

function nodeBytes(cluster: ClusterDecl): number | undefined {
  const gib = cluster.nodeType ? NODE_MEMORY_GIB[cluster.nodeType.value.toLowerCase()] : undefined;
  return gib === undefined ? undefined : gib * 1024 ** 3;
}

function isUnknown(group: ParameterGroupDecl | undefined, parameter: string): boolean {
  return group?.unknownParameters?.includes(parameter) ?? false;
}

/** `value (via)`, or the value alone when it is written where it is used. */
function through(written: Written): string {
  return written.origin ? `${written.value} (${written.origin.via})` : written.value;
}

/** A related location for a value written in another file. */
function relatedOf(written: Written | undefined, what: string): { uri: string; range: Range; message: string }[] {
  const elsewhere = written?.origin?.elsewhere;
  return elsewhere ? [{ uri: elsewhere.uri, range: elsewhere.range, message: `${what} = ${written!.value} (${written!.origin!.via})` }] : [];
}

function reservedOf(group: ParameterGroupDecl | undefined): number | undefined {
  if (!group?.reserved) return undefined;
  const n = Number(group.reserved.value);
  return Number.isFinite(n) && n >= 0 && n <= 100 ? n : undefined;
}

/** The backend name and the names apps may reach it by (ElastiCache stores ids lower-case). */
function namesOf(cluster: ClusterDecl): { name: string; aliases: string[] } {
  const name = cluster.name?.value ?? cluster.id;
  const aliases = [...new Set([name.toLowerCase(), cluster.id, cluster.id.toLowerCase()])].filter((a) => a !== name);
  return { name, aliases };
}

/** One layer per cluster (and one per parameter group no cluster here uses, when it sets a policy). */
export function elastiCacheLayers(input: ElastiCacheInput): AdaptedLayer[] {
  const layers: AdaptedLayer[] = [];
  const used = new Set<ParameterGroupDecl>();
  for (const cluster of input.clusters) {
    const layer = clusterLayer(input, cluster, layers.length);
    if (cluster.group.kind === 'group') used.add(cluster.group.group);
    if (layer) layers.push(layer);
  }
  for (const group of input.groups) {
    groupHovers(input, group);
    if (!used.has(group) && group.policy) layers.push(groupLayer(input, group, layers.length));
  }
  return layers;
}

function clusterLayer(input: ElastiCacheInput, cluster: ClusterDecl, index: number): AdaptedLayer | undefined {
  const engine = engineOf(cluster);
  const { name, aliases } = namesOf(cluster);
  const builder = new LayerBuilder();
  const pointer = '/spec/backends/0';
  const group = cluster.group.kind === 'group' ? cluster.group.group : undefined;
  const words = input.words;
  clusterHovers(input, cluster);
  // An engine that cannot be known: nothing is guessed about the cluster.
  if (cluster.engineUnknown) return undefined;
  const referenced = cluster.group.kind === 'group' || cluster.group.kind === 'sibling' ? cluster.group.group : undefined;
  const evictionUnknown = cluster.group.kind === 'unknown' || isUnknown(referenced, engine === 'memcached' ? 'error_on_memory_exhausted' : 'maxmemory-policy');
  /** Where the eviction comes from, when it is a value written in another file. */
  let evictionWritten: Written | undefined;
  /** A sentence for findings at `eviction` when the policy is not written where it can be fixed. */
  let evictionNote: string | undefined;
  let evictionSpan: Span | undefined;

  if (engine === 'memcached') {
    builder.locate(pointer, cluster.declared);
    builder.set(`${pointer}/name`, name, cluster.declared);
    builder.set(`${pointer}/type`, 'memcached');
    builder.set(`${pointer}/role`, 'cache');
    if (aliases.length) builder.set(`${pointer}/aliases`, aliases);
    const errorOnFull = group?.errorOnFull;
    if (errorOnFull && errorOnFull.value.trim() === '1') {
      builder.set(`${pointer}/eviction`, 'noeviction', { key: errorOnFull.key ?? errorOnFull.span, value: errorOnFull.span });
      evictionNote = errorOnFull.origin ? `\`error_on_memory_exhausted\` is ${through(errorOnFull)}: set it to 0 there.` : `Set it to 0 in \`${group!.label}\`.`;
      evictionWritten = errorOnFull;
    } else if (!evictionUnknown) {
      builder.set(`${pointer}/eviction`, 'allkeys-lru');
    }
  } else if (engine === 'redis' || engine === 'valkey') {
    let defaultEviction: string | undefined;
    if (cluster.kind === 'serverless') {
      defaultEviction = ELASTICACHE_DEFAULT_POLICY;
      evictionSpan = cluster.declared;
      evictionNote = `ElastiCache Serverless always evicts with ${ELASTICACHE_DEFAULT_POLICY} and has no parameter group to change it: give every key a TTL, or use a ${cluster.typeName.includes('::') ? 'ReplicationGroup' : 'replication group'} with a parameter group that sets maxmemory-policy allkeys-lru.`;
    } else if (cluster.group.kind === 'default' || cluster.group.kind === 'default-named') {
      defaultEviction = ELASTICACHE_DEFAULT_POLICY;
      evictionSpan = cluster.group.kind === 'default' ? cluster.declared : cluster.group.at.span;
      evictionNote = `${cluster.group.kind === 'default' ? `\`${cluster.label}\` sets no ${words.groupKey}, so it runs on` : `\`${cluster.label}\` uses`} ElastiCache's default parameter group (${defaultGroupName(cluster)}), whose maxmemory-policy is ${ELASTICACHE_DEFAULT_POLICY}. Default groups cannot be changed: ${words.newGroup} with maxmemory-policy allkeys-lru and set ${words.groupKey} to it.`;
    } else if (cluster.group.kind === 'group' && !cluster.group.group.policy && !evictionUnknown) {
      defaultEviction = ELASTICACHE_DEFAULT_POLICY;
      evictionSpan = cluster.group.group.declared;
      evictionNote = `\`${cluster.group.group.label}\` sets no maxmemory-policy, so the family's default ${ELASTICACHE_DEFAULT_POLICY} applies: add maxmemory-policy allkeys-lru to it.`;
    } else if (cluster.group.kind === 'sibling' && !evictionUnknown) {
      const written = cluster.group.group.policy;
      const policy = written?.value.toLowerCase() ?? ELASTICACHE_DEFAULT_POLICY;
      defaultEviction = policy;
      evictionSpan = cluster.group.at.span;
      evictionWritten = written;
      evictionNote = `The policy is ${written ? 'set' : 'left at the default'} in \`${cluster.group.group.label}\` (${cluster.group.file})${written?.origin && !written.origin.via.startsWith('written in ') ? ` through ${written.origin.via}` : ''}: change it there to allkeys-lru.`;
    } else if (group?.policy?.origin && !evictionUnknown) {
      evictionWritten = group.policy;
      evictionNote = `\`maxmemory-policy\` is ${through(group.policy)}${group.policy.origin!.elsewhere ? ': change it there to allkeys-lru' : ''}.`;
    }
    if (evictionUnknown) {
      // Its policy is somewhere this file does not say: the type stays unset, so no rule guesses.
      builder.locate(pointer, cluster.declared);
      builder.set(`${pointer}/name`, name, cluster.declared);
      builder.set(`${pointer}/role`, 'cache');
      if (aliases.length) builder.set(`${pointer}/aliases`, aliases);
    }
    if (!evictionUnknown) {
      const policy = group?.policy;
      const directives = policy ? [{ name: { text: 'maxmemory-policy', span: policy.key ?? policy.span }, args: [{ text: policy.value, span: policy.span }] }] : [];
      addRedisBackend({ builder, name, aliases, declared: cluster.declared, directives, settings: [], ...(defaultEviction ? { defaultEviction } : {}) });
      if (evictionSpan) builder.locate(`${pointer}/eviction`, evictionSpan);
    }
  } else {
    return undefined;
  }

  // Memory: what ElastiCache gives Redis on this node type.
  const bytes = engine === 'memcached' ? undefined : nodeBytes(cluster);
  let memoryNote: string | undefined;
  let memoryOrigins = '';
  if (bytes !== undefined && cluster.nodeType && !evictionUnknown && cluster.group.kind !== 'sibling' && !isUnknown(group, 'reserved-memory-percent')) {
    const reserved = reservedOf(group) ?? DEFAULT_RESERVED_PERCENT;
    memoryOrigins = [
      cluster.nodeType.origin ? ` \`${words.nodeTypeKey}\` is ${through(cluster.nodeType)}.` : '',
      group?.reserved?.origin && reservedOf(group) !== undefined ? ` \`reserved-memory-percent\` is ${through(group.reserved)}.` : '',
    ].join('');
    const at = group?.reserved && reservedOf(group) !== undefined ? { key: group.reserved.key ?? group.reserved.span, value: group.reserved.span } : { value: cluster.nodeType.span };
    // At the recommended reserve or above, round maxmemory down and the node's memory up: sizes
    // written to two decimals must not make 75% look like 75.18% (cache.t4g.small: 1.03Gi of 1.37Gi).
    const keeps = reserved >= DEFAULT_RESERVED_PERCENT;
    builder.set(`${pointer}/maxMemory`, keeps ? formatSize(bytes * (1 - reserved / 100), Math.floor) : formatSize(bytes * (1 - reserved / 100)), at);
    builder.set(`${pointer}/containerMemoryLimit`, keeps ? formatSize(bytes, Math.ceil) : formatSize(bytes), cluster.nodeType.span);
    memoryNote = `ElastiCache sets maxmemory to the ${cluster.nodeType.value} node's memory less reserved-memory-percent (${trimNumber(reserved)}% here): raise reserved-memory-percent to ${DEFAULT_RESERVED_PERCENT}.`;
  }
  const doc = builder.build(index, { start: 0, end: input.text.length });
  const rules = doc.value && (doc.value as { spec: { backends: Record<string, unknown>[] } }).spec.backends[0]?.maxMemory !== undefined ? RULES_KNOWN_MEMORY : RULES_EVICTION_ONLY;
  const policy = group?.policy;
  const memoryRelated = (): { uri: string; range: Range; message: string }[] => (memoryNote
    ? [...relatedOf(cluster.nodeType, words.nodeTypeKey), ...(reservedOf(group) !== undefined ? relatedOf(group?.reserved, 'reserved-memory-percent') : [])]
    : []);
  return {
    doc,
    rules,
    terms: input.terms,
    termSeparator: input.termSeparator,
    // Only a policy written in this file's parameter group (or a value of this file it comes from) can be changed by one edit here.
    editFor: (target, value) => (target === `${pointer}/eviction` && policy && !policy.origin?.elsewhere && engine !== 'memcached' && cluster.group.kind === 'group' ? policyEdit(input, policy, value) : undefined),
    related: (code, message) => {
      if (code === 'CW007' || (code === 'CW014' && message.includes(' declared with eviction '))) return relatedOf(evictionWritten, engine === 'memcached' ? 'error_on_memory_exhausted' : 'maxmemory-policy');
      if (code === 'CW008' || code === 'CW014') return memoryRelated();
      return [];
    },
    // One backend per layer: every CW007 finding here is about its eviction, every CW008 about its memory.
    reword: (code, message) => {
      if (code === 'CW007') {
        const worded = engine === 'memcached'
          ? message.replace(/has `maxmemory-policy[^`]*noeviction` but role cache:/, 'has error_on_memory_exhausted 1:')
          : message.replace(' but role cache:', ', and it is used as a cache:');
        return evictionNote ? `${worded} ${evictionNote}` : worded;
      }
      // CW014 (declared vs deployed) runs on every layer: say where the deployed value comes from.
      if (code === 'CW014' && message.includes(' declared with eviction ') && evictionNote) return `${message} ${evictionNote}`;
      if (code === 'CW014' && message.includes(' declared with `maxmemory` ') && memoryNote) return `${message} ${memoryNote.replace(/: raise .*$/, '.')}${memoryOrigins}`;
      if (code === 'CW008' && memoryNote) return `${message.replace('so the container is OOM-killed before eviction starts', 'so a backup or a replica sync runs the node out of memory')} ${memoryNote}${memoryOrigins}`;
      return message;
    },
  };
}

function groupLayer(input: ElastiCacheInput, group: ParameterGroupDecl, index: number): AdaptedLayer {
  const builder = new LayerBuilder();
  const policy = group.policy!;
  const name = group.name ?? group.id;
  const family = group.family?.value.toLowerCase() ?? '';
  const directives = [{ name: { text: 'maxmemory-policy', span: policy.key ?? policy.span }, args: [{ text: policy.value, span: policy.span }] }];
  addRedisBackend({ builder, name, aliases: name === group.id ? [] : [group.id], declared: group.declared, directives, settings: [] });
  if (family.startsWith('memcached')) builder.set('/spec/backends/0/type', 'memcached');
  const doc = builder.build(index, { start: 0, end: input.text.length });
  return {
    doc,
    rules: RULES_EVICTION_ONLY,
    terms: input.terms,
    termSeparator: input.termSeparator,
    editFor: (target, value) => (target === '/spec/backends/0/eviction' && !policy.origin?.elsewhere ? policyEdit(input, policy, value) : undefined),
    related: (code) => (code === 'CW007' ? relatedOf(policy, 'maxmemory-policy') : []),
    // The backend here is the group itself: what it does to the clusters that use it.
    reword: (code, message) => (code === 'CW007'
      ? `${message.replace(/^Backend `/, 'Parameter group `').replace(' but role cache: once its memory is full every write fails', ': once a cluster using it is full, every write fails')}${policy.origin ? ` \`maxmemory-policy\` is ${through(policy)}.` : ''}`
      : message),
  };
}

function policyEdit(input: ElastiCacheInput, policy: Written, value: unknown): TextEdit[] | undefined {
  if (typeof value !== 'string' || !(EVICTION_POLICIES as readonly string[]).includes(value)) return undefined;
  return [{ range: input.lines.rangeOf(policy.span), newText: input.policyText(policy, value) }];
}

// Hovers: what each recognised key means, its default, the failure it prevents.

export const ELASTICACHE_DOCS = {
  policy: `**maxmemory-policy** (ElastiCache parameter) — what Redis does when its memory is full.\n\nDefault in ElastiCache's default parameter groups: \`${ELASTICACHE_DEFAULT_POLICY}\` — only keys that have a TTL are evicted. Keys written without one (Spring's \`time-to-live\` unset, a \`SET\` without \`EX\`) are never evicted; they pile up until writes fail as with \`noeviction\`. For a cache, use \`allkeys-lru\` (or \`allkeys-lfu\`).\n\nValues: ${EVICTION_POLICIES.map((p) => `\`${p}\``).join(', ')}.`,
  reserved: `**reserved-memory-percent** (ElastiCache parameter) — the share of the node's memory kept out of Redis's maxmemory, for replication buffers, the fork of a backup and fragmentation.\n\nDefault: \`${DEFAULT_RESERVED_PERCENT}\`. Lower values give more data room but let a backup or a failover sync run the node out of memory (swap, then eviction storms or a failed node).`,
  family: '**Parameter group family** — the engine and major version the group is for (`redis7`, `valkey8`, `memcached1.6`). A cluster can only use a group of its own family.',
  errorOnFull: '**error_on_memory_exhausted** (memcached parameter) — `1`: return errors when memory is full instead of evicting (memcached `-M`), so a full cache stops caching.\n\nDefault: `0` (evict least recently used items).',
  nodeType: (key: string) => `**${key}** — the node's instance type, which decides its memory. ElastiCache sets Redis's maxmemory to that memory less \`reserved-memory-percent\` (default ${DEFAULT_RESERVED_PERCENT}%).\n\nCache Warden knows the memory of common types (${Object.keys(NODE_MEMORY_GIB).slice(0, 6).map((t) => `\`${t}\` ${NODE_MEMORY_GIB[t]} GiB`).join(', ')}, … — see docs/formats/elasticache.md); for others the memory is left unknown.`,
  group: (key: string) => `**${key}** — the parameter group with the engine's settings, \`maxmemory-policy\` among them.\n\nDefault (not set): ElastiCache's default parameter group of the engine version (\`default.redis7\`, …), whose \`maxmemory-policy\` is \`${ELASTICACHE_DEFAULT_POLICY}\`: keys without a TTL are never evicted and fill the cache until writes fail. Default groups cannot be changed, so a cache needs a group of its own with \`allkeys-lru\`.`,
  engine: (key: string) => `**${key}** — \`redis\`, \`valkey\` or \`memcached\`. Redis and Valkey evict by \`maxmemory-policy\`; memcached evicts least recently used items unless \`error_on_memory_exhausted\` is 1.`,
  id: (key: string) => `**${key}** — the cluster's name (stored lower-case). Its endpoints start with it (\`orders-cache.abc123.ng.0001.use1.cache.amazonaws.com\`), so an application whose Redis host's first label is this name is linked to this cluster by Cache Warden.`,
  serverlessName: (key: string) => `**${key}** — the serverless cache's name (stored lower-case). Its endpoint adds a suffix (\`carts-abc123.serverless.use1.cache.amazonaws.com\`), so Cache Warden links the caches whose \`backend\` is this name; a host name is not matched.`,
};

function push(settings: SettingSite[], span: Span | undefined, markdown: string): void {
  if (span) settings.push({ span, markdown });
}

function groupHovers(input: ElastiCacheInput, group: ParameterGroupDecl): void {
  push(input.settings, group.policy?.key, ELASTICACHE_DOCS.policy);
  push(input.settings, group.reserved?.key, ELASTICACHE_DOCS.reserved);
  push(input.settings, group.family?.key, ELASTICACHE_DOCS.family);
  push(input.settings, group.errorOnFull?.key, ELASTICACHE_DOCS.errorOnFull);
}

function clusterHovers(input: ElastiCacheInput, cluster: ClusterDecl): void {
  const { words } = input;
  push(input.settings, cluster.nodeType?.key, ELASTICACHE_DOCS.nodeType(words.nodeTypeKey));
  const keyText = (span: Span): string => input.text.slice(span.start, span.end).replace(/^["']|["']$/g, '');
  if (cluster.engine?.key) push(input.settings, cluster.engine.key, ELASTICACHE_DOCS.engine(keyText(cluster.engine.key)));
  if (cluster.name?.key) push(input.settings, cluster.name.key, (cluster.kind === 'serverless' ? ELASTICACHE_DOCS.serverlessName : ELASTICACHE_DOCS.id)(keyText(cluster.name.key)));
  if (cluster.group.kind !== 'default') push(input.settings, cluster.group.at.key, ELASTICACHE_DOCS.group(words.groupKey));
  input.settings.push({ span: cluster.declared, markdown: clusterSummary(input, cluster) });
}

/** The hover of the resource itself: what Cache Warden reads from it, defaults spelled out. */
function clusterSummary(input: ElastiCacheInput, cluster: ClusterDecl): string {
  const engine = engineOf(cluster);
  const { name } = namesOf(cluster);
  const lines = [`**${cluster.typeName}** \`${cluster.id}\` — ElastiCache ${engine}, Cache Warden backend \`${name}\`.`];
  const group = cluster.group;
  if (cluster.kind === 'serverless') {
    lines.push(`Eviction: \`${ELASTICACHE_DEFAULT_POLICY}\`, fixed for serverless caches: keys without a TTL are never evicted.`);
  } else if (engine !== 'memcached') {
    if (group.kind === 'default' || group.kind === 'default-named') lines.push(`Eviction: \`${ELASTICACHE_DEFAULT_POLICY}\` — the **default** parameter group's policy (${group.kind === 'default' ? `no ${input.words.groupKey}` : 'a default group'}, ${defaultGroupName(cluster)}): keys without a TTL are never evicted.`);
    else if ((group.kind === 'group' || group.kind === 'sibling') && isUnknown(group.group, 'maxmemory-policy')) lines.push(`Eviction: unknown — \`${group.group.label}\` sets maxmemory-policy to a value Cache Warden cannot know (a variable with no value, an expression).`);
    else if (group.kind === 'group') lines.push(`Eviction: \`${group.group.policy?.value ?? ELASTICACHE_DEFAULT_POLICY}\` from \`${group.group.label}\`${group.group.policy ? (group.group.policy.origin ? ` (${group.group.policy.origin.via})` : '') : ' (not set there: the default)'}.`);
    else if (group.kind === 'sibling') lines.push(`Eviction: \`${group.group.policy?.value ?? ELASTICACHE_DEFAULT_POLICY}\` from \`${group.group.label}\` in ${group.file}${group.group.policy?.origin && !group.group.policy.origin.via.startsWith('written in ') ? ` (${group.group.policy.origin.via})` : ''}.`);
    else lines.push('Eviction: unknown — its parameter group is not declared in this file.');
  }
  const bytes = engine === 'memcached' ? undefined : nodeBytes(cluster);
  if (bytes !== undefined && cluster.nodeType) {
    const reserved = reservedOf(group.kind === 'group' ? group.group : undefined) ?? DEFAULT_RESERVED_PERCENT;
    lines.push(`Memory: ${cluster.nodeType.value}${cluster.nodeType.origin ? ` (${cluster.nodeType.origin.via})` : ''} ≈ ${formatSize(bytes)}; maxmemory ≈ ${formatSize(bytes * (1 - reserved / 100))} after reserved-memory-percent ${trimNumber(reserved)}.`);
  }
  return lines.join('\n\n');
}
