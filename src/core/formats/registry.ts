// The format adapters, in the order they are asked: the first whose paths match (and whose sniff,
// if it has one, accepts the file's first bytes) reads the file.
import picomatch from 'picomatch';
import type { FormatAdapter } from './adapter';
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

/** The adapter that reads this file, given its first bytes (or its whole text). */
export function adapterFor(relativePath: string, head: string): FormatAdapter | undefined {
  return adaptersForPath(relativePath).find((adapter) => !adapter.sniff || adapter.sniff(head.slice(0, SNIFF_BYTES), relativePath));
}

/** Every adapter's path globs: what `check` and the editor's scan select besides cache configs. */
export function adapterGlobs(): string[] {
  return [...new Set(ADAPTERS.flatMap((adapter) => adapter.paths))];
}

export function adapterById(id: string): FormatAdapter | undefined {
  return ADAPTERS.find((adapter) => adapter.id === id);
}

/**
 * Whether a file that path globs selected is one an adapter reads: files only a sniffing adapter's
 * paths select (any YAML under `deploy/` may be a Kubernetes manifest) are kept when their first
 * bytes say so; `readHead` reads at most SNIFF_BYTES of the file.
 */
export function readByAdapter(relativePath: string, readHead: () => string | undefined): boolean {
  const candidates = adaptersForPath(relativePath);
  if (!candidates.length) return false;
  if (candidates.some((adapter) => !adapter.sniff)) return true;
  const head = readHead();
  return head !== undefined && candidates.some((adapter) => adapter.sniff!(head.slice(0, SNIFF_BYTES), relativePath));
}
