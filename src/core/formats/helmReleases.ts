// How a Helm values file's Redis is named. A values file does not know its release: the name comes
// from whoever installs it — a helmfile (`helmfile.yaml` or `helmfile.d/*.yaml`: `releases: - name:
// cache, chart: bitnami/redis, values: [redis/values.yaml]`), an Argo CD Application (`spec.source.helm.releaseName`, `valueFiles`), or a
// parent chart that pulls Redis in as a dependency (`Chart.yaml` `dependencies: - name: redis,
// alias: cache`, the values then under `cache:`). Bitnami's charts name every object after the
// "fullname": `<release>-<chart>` unless the release name already contains the chart's name, and
// the Services after it (`<fullname>-master`, `-headless`, `-replicas`) — the hosts applications
// connect to. A comment `# cache-warden: release=<name>` in the values file names the release
// outright; with none of these, the folder's name stands in for it and the hover says so.
import * as path from 'node:path';
import { parseFile } from '../document/parse';

/** One place in a values file that configures a Bitnami Redis, and the names it gets. */
export interface HelmRedisRoot {
  /** JSON pointer of the Redis chart's values in the file: '' (the whole file) or `/<alias>`. */
  pointer: string;
  /** The chart's name as Helm sees it: `redis`, or the dependency's alias. */
  chartName: string;
  /** The release name (found, or the folder's name standing in for it). */
  release: string;
  /** Where the release name came from, in words for the hover (markdown). */
  releaseFrom: string;
  /** True when the name is a guess (no helmfile, Application or modeline names the release). */
  guessed: boolean;
  /** True when something outside the values' content says this is the Redis chart. */
  knownRedis: boolean;
}

export type ReadSibling = (relativePath: string) => string | undefined;
/** The files of a folder of the workspace folder, as paths relative to it (`/` separators); undefined when it cannot be listed. */
export type ListSiblings = (relativeFolder: string) => readonly string[] | undefined;

/** `# cache-warden: release=<name>` anywhere in the values file (a comment line of its own). */
export const RELEASE_MODELINE = /^[ \t]*#[ \t]*cache-warden:[ \t]*release[ \t]*=[ \t]*([A-Za-z0-9](?:[-A-Za-z0-9.]*[A-Za-z0-9])?)[ \t]*\r?$/m;

const HELMFILE_NAMES = ['helmfile.yaml', 'helmfile.yml', 'helmfile.yaml.gotmpl'];
/** helmfile also reads every `.yaml`/`.yml` file of `helmfile.d/` (and `.yaml.gotmpl`/`.yml.gotmpl`), not its subfolders, in name order. */
const HELMFILE_DIRECTORY = 'helmfile.d';
const HELMFILE_D_FILE = /\.ya?ml(\.gotmpl)?$/;
/** Where an Argo CD Application for the folder is looked for (in the folder and each parent). */
const APPLICATION_NAMES = ['application.yaml', 'application.yml', 'argocd-application.yaml', 'argo-application.yaml', 'app.yaml'];

/** Bitnami's `common.names.fullname`: `fullnameOverride`, else `<release>-<name>` unless the release contains the name. */
export function bitnamiFullname(release: string, chartName: string, values: Record<string, unknown> | undefined): string {
  const trim = (s: string): string => s.slice(0, 63).replace(/-+$/, '');
  const fullnameOverride = values?.fullnameOverride;
  if (typeof fullnameOverride === 'string' && fullnameOverride !== '') return trim(fullnameOverride);
  const nameOverride = values?.nameOverride;
  const name = typeof nameOverride === 'string' && nameOverride !== '' ? nameOverride : chartName;
  return trim(release.includes(name) ? release : `${release}-${name}`);
}

/** The Services the Bitnami Redis chart creates for a fullname: what applications use as their host. */
export function bitnamiRedisServices(fullname: string): string[] {
  const trim = (s: string): string => s.slice(0, 63).replace(/-+$/, '');
  return [trim(`${fullname}-master`), trim(`${fullname}-headless`), trim(`${fullname}-replicas`)];
}

/**
 * The parses of the helmfiles, Chart.yaml files and Applications read lately, by their text: a
 * values file is read again on every keystroke, and the files it depends on rarely change. The
 * values are only read, never changed, so one parse serves every reader. Bounded in entries and size.
 */
const parses = new Map<string, unknown[]>();
const RELEASE_NAME_TEMPLATE = /\{\{-?\s*\.Release\.Name\s*-?\}\}/g;
/** What `{{ .Release.Name }}` reads as in a parsed helmfile, until a release's values paths fill it in. */
const RELEASE_NAME = '__release_name__';
const PARSE_CACHE_ENTRIES = 64;
const PARSE_CACHE_MAX_TEXT = 256 * 1024;

function parseValue(text: string | undefined): unknown[] {
  if (text === undefined) return [];
  const cached = parses.get(text);
  if (cached) {
    // Most recently used last, so the oldest goes first.
    parses.delete(text);
    parses.set(text, cached);
    return cached;
  }
  // helmfile templates: drop lines that are only `{{ … }}`, and mark inline ones as unknown
  // (`{{ .Release.Name }}` is kept for the release's values paths to fill in).
  const plain = text.replace(RELEASE_NAME_TEMPLATE, RELEASE_NAME).replace(/^[ \t]*\{\{[^\n]*\}\}[ \t]*\r?$/gm, '').replace(/\{\{[^\n]*?\}\}/g, '__template__');
  let values: unknown[];
  try {
    values = parseFile(plain).documents.map((d) => d.value);
  } catch {
    values = [];
  }
  if (text.length <= PARSE_CACHE_MAX_TEXT) {
    if (parses.size >= PARSE_CACHE_ENTRIES) parses.delete(parses.keys().next().value as string);
    parses.set(text, values);
  }
  return values;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' && !value.includes('__template__') && !value.includes(RELEASE_NAME) ? value : undefined;
}

function join(folder: string, relative: string): string {
  return path.posix.normalize(path.posix.join(folder, relative.replace(/^\.\//, ''))).replace(/^\.\//, '');
}

/** The folder and its parents up to the workspace folder: `a/b` → `a/b`, `a`, `.`. */
function foldersUp(folder: string): string[] {
  const out: string[] = [];
  let current = folder;
  for (let i = 0; i < 32; i++) {
    out.push(current);
    if (current === '.' || current === '' || current === '/') break;
    current = path.posix.dirname(current);
  }
  return out;
}

function inFolder(folder: string, name: string): string {
  return folder === '.' || folder === '' ? name : `${folder}/${name}`;
}

/** The last path segment of a chart reference without a version: `bitnami/redis` → redis, `oci://r/redis:19` → redis. */
export function chartBaseName(chart: string): string {
  return path.posix.basename(chart.replace(/[@:]\d[\w.+-]*$/, '').replace(/\/+$/, ''));
}

interface Release {
  name: string;
  chartName: string;
  from: string;
  /** A local chart's folder (helmfile `chart: ./charts/app`, Argo CD `source.path`). */
  chartPath?: string;
}

/**
 * The helmfiles of a folder as helmfile finds them, each with the folder its relative paths start
 * from (its own): `helmfile.yaml` (`.yml`, `.yaml.gotmpl`), then `helmfile.d/*.yaml` in name order.
 */
function helmfilesIn(folder: string, listSiblings: ListSiblings | undefined): { file: string; base: string }[] {
  const out = HELMFILE_NAMES.map((name) => ({ file: inFolder(folder, name), base: folder }));
  if (!listSiblings) return out;
  const directory = inFolder(folder, HELMFILE_DIRECTORY);
  const files = (listSiblings(directory) ?? []).filter((file) => path.posix.dirname(file) === directory && HELMFILE_D_FILE.test(path.posix.basename(file)));
  for (const file of [...files].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))) out.push({ file, base: directory });
  return out;
}

/** A helmfile's release that names this values file (or installs the local chart it belongs to). */
function fromHelmfiles(relativePath: string, chartFolder: string | undefined, readSibling: ReadSibling, listSiblings: ListSiblings | undefined): Release | undefined {
  for (const folder of foldersUp(path.posix.dirname(relativePath))) {
    for (const { file, base } of helmfilesIn(folder, listSiblings)) {
      for (const doc of parseValue(readSibling(file))) {
        if (!isObject(doc) || !Array.isArray(doc.releases)) continue;
        for (const release of doc.releases) {
          if (!isObject(release)) continue;
          const name = str(release.name);
          const chart = str(release.chart);
          if (!name || !chart) continue;
          const values = Array.isArray(release.values) ? release.values : [];
          const names = values.some((v) => typeof v === 'string' && join(base, v.split(RELEASE_NAME).join(name)) === relativePath);
          const isLocal = chart.startsWith('.') || chart.startsWith('/');
          const installsChart = isLocal && chartFolder !== undefined && join(base, chart) === chartFolder;
          if (names || installsChart) return { name, chartName: chartBaseName(chart), from: `named in \`${file}\``, ...(isLocal ? { chartPath: join(base, chart) } : {}) };
        }
      }
    }
  }
  return undefined;
}

/** An Argo CD Application whose Helm source uses this values file (or the chart folder it is in). */
function fromApplications(relativePath: string, chartFolder: string | undefined, readSibling: ReadSibling): Release | undefined {
  for (const folder of foldersUp(path.posix.dirname(relativePath))) {
    for (const fileName of APPLICATION_NAMES) {
      const file = inFolder(folder, fileName);
      for (const doc of parseValue(readSibling(file))) {
        if (!isObject(doc) || doc.kind !== 'Application' || !String(doc.apiVersion ?? '').startsWith('argoproj.io/')) continue;
        const spec = isObject(doc.spec) ? doc.spec : {};
        const sources = [spec.source, ...(Array.isArray(spec.sources) ? spec.sources : [])].filter(isObject);
        const refs = new Map<string, string>();
        for (const source of sources) if (str(source.ref)) refs.set(`$${source.ref as string}`, '.');
        for (const source of sources) {
          const helm = isObject(source.helm) ? source.helm : {};
          const sourcePath = str(source.path);
          const valueFiles = Array.isArray(helm.valueFiles) ? helm.valueFiles : [];
          const names = valueFiles.some((v) => {
            if (typeof v !== 'string') return false;
            const ref = /^(\$[^/]+)\/(.*)$/.exec(v);
            if (ref) return refs.has(ref[1]) && join('.', ref[2]) === relativePath;
            return sourcePath !== undefined && join(sourcePath, v) === relativePath;
          });
          const installsChart = sourcePath !== undefined && chartFolder !== undefined && join('.', sourcePath) === chartFolder;
          if (!names && !installsChart) continue;
          const metadata = isObject(doc.metadata) ? doc.metadata : {};
          const name = str(helm.releaseName) ?? str(metadata.name);
          if (!name) continue;
          const chartName = str(source.chart) ?? (sourcePath ? path.posix.basename(sourcePath) : 'redis');
          return {
            name, chartName,
            from: `named by the Argo CD Application \`${str(metadata.name) ?? name}\` in \`${file}\`${str(helm.releaseName) ? ' (`helm.releaseName`)' : ' (its name: it sets no `helm.releaseName`)'}`,
            ...(sourcePath !== undefined && !str(source.chart) ? { chartPath: join('.', sourcePath) } : {}),
          };
        }
      }
    }
  }
  return undefined;
}

/**
 * Where the Bitnami Redis values are in this file and what the release is called. A `Chart.yaml`
 * beside the file decides the roots: a chart that depends on `redis` has its values under the
 * dependency's alias (or `redis`); otherwise the whole file is the Redis chart's values.
 */
export function helmRedisRoots(relativePath: string, text: string, readSibling: ReadSibling | undefined, listSiblings?: ListSiblings): HelmRedisRoot[] {
  const folder = path.posix.dirname(relativePath);
  const read: ReadSibling = readSibling ?? (() => undefined);
  const besideChart = parseValue(read(inFolder(folder, 'Chart.yaml')))[0];
  const chartFolder = isObject(besideChart) ? (folder === '' ? '.' : folder) : undefined;

  const modeline = RELEASE_MODELINE.exec(text)?.[1];
  const release: Release | undefined = modeline
    ? { name: modeline, chartName: '', from: `named by the comment \`# cache-warden: release=${modeline}\` in this file` }
    : fromHelmfiles(relativePath, chartFolder, read, listSiblings) ?? fromApplications(relativePath, chartFolder, read);
  // The chart these values are for: the one beside the file, or the local chart the release installs.
  const chart = isObject(besideChart) ? besideChart : release?.chartPath ? parseValue(read(inFolder(release.chartPath, 'Chart.yaml')))[0] : undefined;

  const roots: Omit<HelmRedisRoot, 'release' | 'releaseFrom' | 'guessed'>[] = [];
  if (isObject(chart)) {
    const dependencies = Array.isArray(chart.dependencies) ? chart.dependencies.filter(isObject) : [];
    for (const dependency of dependencies) {
      if (str(dependency.name) !== 'redis') continue;
      const key = str(dependency.alias) ?? 'redis';
      roots.push({ pointer: `/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`, chartName: key, knownRedis: true });
    }
    if (!roots.length && str(chart.name) === 'redis') roots.push({ pointer: '', chartName: 'redis', knownRedis: true });
  } else if (!release || release.chartName === '' || release.chartName === 'redis') {
    // A remote `redis` chart (bitnami/redis, oci://…/redis) or the modeline (chartName '') say it is Redis; with nothing, the content decides.
    roots.push({ pointer: '', chartName: 'redis', knownRedis: release !== undefined });
  }

  const folderName = path.posix.basename(folder === '.' ? '' : folder) || (isObject(chart) && str(chart.name)) || 'redis';
  return roots.map((root) => release
    ? { ...root, release: release.name, releaseFrom: release.from, guessed: false }
    : { ...root, release: folderName, releaseFrom: `no helmfile, Argo CD Application or \`# cache-warden: release=<name>\` comment names this file's release, so the folder's name \`${folderName}\` stands in for it`, guessed: true });
}
