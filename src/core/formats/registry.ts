// The format adapters, in the order they are asked: the first whose paths match (and whose sniff,
// if it has one, accepts the file's first bytes) reads the file. A file no adapter takes by its
// path may still be one by its content — a Kubernetes manifest at `infra/redis.yaml`, a
// CloudFormation template called `elasticache.yaml`, a compose file called `stack.yml`: the
// content recognisers decide (contentRecognisers.ts `formatByContent`), from the same first bytes.
import picomatch from 'picomatch';
import type { FormatAdapter } from './adapter';
import { formatByContent, formatCandidateGlobs, isFormatCandidate } from '../workspace/contentRecognisers';
import { nginxAdapter } from './nginxConf';
import { redisConfAdapter } from './redisConf';
import { helmValuesAdapter } from './helmValues';
import { cloudFormationAdapter } from './cloudFormation';
import { terraformAdapter } from './terraform';
import { composeAdapter } from './compose';
import { kubernetesAdapter } from './kubernetes';
import { springBootPropertiesAdapter, springBootYamlAdapter } from './springBoot';

export const ADAPTERS: readonly FormatAdapter[] = [
  redisConfAdapter,
  helmValuesAdapter,
  cloudFormationAdapter,
  terraformAdapter,
  nginxAdapter,
  composeAdapter,
  kubernetesAdapter,
  springBootYamlAdapter,
  springBootPropertiesAdapter,
];

/** How many bytes of a file a sniff sees. */
export const SNIFF_BYTES = 4096;

const matchers = new Map<FormatAdapter, (relativePath: string) => boolean>();

function matcherOf(adapter: FormatAdapter): (relativePath: string) => boolean {
  let matcher = matchers.get(adapter);
  if (!matcher) {
    const full = picomatch(adapter.paths.filter((g) => g.includes('/')) as string[], { dot: true });
    const base = picomatch(adapter.paths.filter((g) => !g.includes('/')) as string[], { dot: true, basename: true });
    matcher = (rel) => full(rel) || base(rel);
    matchers.set(adapter, matcher);
  }
  return matcher;
}

/** Adapters whose path patterns match (a sniff may still say no). */
export function adaptersForPath(relativePath: string): FormatAdapter[] {
  return ADAPTERS.filter((adapter) => matcherOf(adapter)(relativePath));
}

/** The adapter that reads this file by its path, given its first bytes (or its whole text). */
export function adapterFor(relativePath: string, head: string): FormatAdapter | undefined {
  return adaptersForPath(relativePath).find((adapter) => !adapter.sniff || adapter.sniff(head.slice(0, SNIFF_BYTES), relativePath));
}

/**
 * The adapter that reads this file: by its path (adapterFor), else by its content
 * (formatByContent). What the editor's model and `cache-warden check` both ask, from the first
 * bytes of a file on disk or the text of an open one.
 */
export function formatFor(relativePath: string, head: string): FormatAdapter | undefined {
  return adapterFor(relativePath, head) ?? formatByContent(relativePath, head);
}

/**
 * What `check` walks for besides cache configs: every adapter's path globs, and the file types the
 * content recognisers look at (readByAdapter then decides each by its first bytes).
 */
export function adapterGlobs(): string[] {
  return [...new Set([...ADAPTERS.flatMap((adapter) => adapter.paths), ...formatCandidateGlobs()])];
}

export function adapterById(id: string): FormatAdapter | undefined {
  return ADAPTERS.find((adapter) => adapter.id === id);
}

/**
 * Whether a file that path globs selected is one an adapter reads: a file an adapter without a
 * sniff takes by path is; any other (a YAML under `deploy/` may be a Kubernetes manifest, a YAML
 * anywhere may be one by content) is kept when its first bytes say so (formatFor). `readHead`
 * reads at most SNIFF_BYTES of the file, and is called at most once; files no adapter's paths take
 * and no content recogniser looks at (a `.java`, a YAML under `vendor/`) are never read.
 */
export function readByAdapter(relativePath: string, readHead: () => string | undefined): boolean {
  const candidates = adaptersForPath(relativePath);
  if (candidates.some((adapter) => !adapter.sniff)) return true;
  if (!candidates.length && !isFormatCandidate(relativePath)) return false;
  const head = readHead();
  return head !== undefined && formatFor(relativePath, head) !== undefined;
}
