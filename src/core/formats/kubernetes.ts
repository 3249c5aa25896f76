// Kubernetes manifests (one or many `---` documents): every Deployment, StatefulSet, DaemonSet,
// ReplicaSet, Job, CronJob or Pod container that runs Redis (or Valkey) or memcached is a backend
// named after its workload, answering to every Service of the same file and namespace whose
// selector matches the pod's labels (`redis`, `redis.cache`, `redis.cache.svc`,
// `redis.cache.svc.cluster.local`). Its settings are the container's `command` + `args`, a
// redis.conf from a ConfigMap of the same file that the pod mounts, and
// `resources.limits.memory`. A redis.conf ConfigMap no workload here mounts is a backend of its
// own, named after the ConfigMap. Containers that configure Spring's cache through `env` are read
// like an application.yml. nginx configs in ConfigMaps are read like an nginx.conf (no fixes there),
// and a Spring Boot application.yml (or .properties) in a ConfigMap like the file itself.
import type { DocumentModel } from '../document/model';
import { pointerOf } from '../document/model';
import type { Span, TextEdit } from '../types';
import type { AdaptedFile, AdaptedLayer, AdapterInput, FormatAdapter, SettingSite } from './adapter';
import {
  addMemberAfterImage, appendEntry, containerCacheLayer, extraFlagsVariable, redisSizeWord, scalarString, syntaxDiagnostics, valueSpanOf, type EmbeddedConf,
} from './compose';
import { springEnvLayer, workloadModules, type EnvVar } from './springEnvLayer';
import { embeddedSpring, isSpringConfigKey } from './embeddedSpring';
import { configMapKeyValue, configMapsBeside, configMapsIn, envFromConfigMaps, findConfigMap, localConfigMapOf, type ConfigMapData } from './configMapEnv';
import { commandWords, exactSpan, mapScalar, type CommandWord } from './containerCommand';
import { LayerBuilder } from './layerBuilder';
import { readNginxText } from './nginxConf';
import { kubernetesBytes } from './memorySize';
import { REDIS_RULES } from './redisConf';
import { addRedisBackend, EVICTION_POLICIES, parseRedisConf, type Directive } from './redisDirectives';

const KINDS = 'Deployment|StatefulSet|DaemonSet|Pod|ConfigMap|Service|CronJob|Job';

const FOLDERS = ['k8s', 'kubernetes', 'manifests', 'deploy', 'kustomize', 'overlays'];

export const kubernetesAdapter: FormatAdapter = {
  id: 'kubernetes',
  title: 'Kubernetes manifest',
  paths: [
    ...FOLDERS.flatMap((folder) => [`**/${folder}/**/*.yaml`, `**/${folder}/**/*.yml`]),
    '*.k8s.yaml', '*.k8s.yml',
  ],
  // Any YAML in those folders may be something else (a kustomization, a Helm template, values):
  // only a manifest of a kind this adapter reads, and never a template that is not YAML yet.
  sniff: (head) => !head.includes('{{') && /^apiVersion:/m.test(head) && new RegExp(`^kind:\\s*["']?(${KINDS})["']?\\s*(#.*)?$`, 'm').test(head),
  yaml: true,
  read: readKubernetes,
};

const DOCS_URL = 'docs/formats/kubernetes.md';

export const KUBERNETES_KEY_DOCS: Readonly<Record<string, string>> = {
  memory: '**resources.limits.memory** — the container\'s memory limit, a Kubernetes quantity (`512Mi` = 512·1024² bytes, `1G` = 10⁹, `1Gi` = 1024³).\n\nUnset: no limit but the node\'s memory (or the namespace\'s LimitRange default). A cache server that grows past the limit is OOM-killed and restarts empty, so every read reaches the database: keep Redis `maxmemory` (memcached `-m`) at or below ~75% of it.',
};

type Obj = Record<string, unknown>;

function asObject(value: unknown): Obj | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Obj) : undefined;
}

function get(value: unknown, ...path: string[]): unknown {
  let current = value;
  for (const key of path) current = asObject(current)?.[key];
  return current;
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** Where each workload kind keeps its pod template (spec and labels). */
const POD_TEMPLATE: Readonly<Record<string, { spec: string[]; labels: string[] }>> = {
  Pod: { spec: ['spec'], labels: ['metadata', 'labels'] },
  Deployment: { spec: ['spec', 'template', 'spec'], labels: ['spec', 'template', 'metadata', 'labels'] },
  StatefulSet: { spec: ['spec', 'template', 'spec'], labels: ['spec', 'template', 'metadata', 'labels'] },
  DaemonSet: { spec: ['spec', 'template', 'spec'], labels: ['spec', 'template', 'metadata', 'labels'] },
  ReplicaSet: { spec: ['spec', 'template', 'spec'], labels: ['spec', 'template', 'metadata', 'labels'] },
  Job: { spec: ['spec', 'template', 'spec'], labels: ['spec', 'template', 'metadata', 'labels'] },
  CronJob: { spec: ['spec', 'jobTemplate', 'spec', 'template', 'spec'], labels: ['spec', 'jobTemplate', 'spec', 'template', 'metadata', 'labels'] },
};

interface ServiceInfo {
  name: string;
  namespace?: string;
  selector: Record<string, string>;
}

interface ConfEntry {
  configMap: string;
  namespace?: string;
  conf: EmbeddedConf;
  /** Where the ConfigMap is named (its own backend is declared there). */
  declared: Span;
  used: boolean;
}

function readKubernetes(input: AdapterInput): AdaptedFile | undefined {
  const diagnostics = syntaxDiagnostics(input, 'Kubernetes manifest', DOCS_URL);
  if (diagnostics.length) return { format: 'kubernetes', layers: [], diagnostics, settings: [] };
  const docs = (input.parsed?.documents ?? []).filter((doc) => asObject(doc.value) && str(get(doc.value, 'kind')));
  const services: ServiceInfo[] = [];
  const confs: ConfEntry[] = [];
  const embedded: AdaptedFile[] = [];
  for (const doc of docs) {
    const kind = str(get(doc.value, 'kind'));
    const name = str(get(doc.value, 'metadata', 'name'));
    const namespace = str(get(doc.value, 'metadata', 'namespace'));
    if (!name) continue;
    if (kind === 'Service') {
      const selector: Record<string, string> = {};
      for (const [key, value] of Object.entries(asObject(get(doc.value, 'spec', 'selector')) ?? {})) if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') selector[key] = String(value);
      services.push({ name, ...(namespace ? { namespace } : {}), selector });
    } else if (kind === 'ConfigMap') {
      for (const [key, value] of Object.entries(asObject(get(doc.value, 'data')) ?? {})) {
        if (typeof value === 'string' && isNginxConf(key, value)) {
          const nginx = embeddedNginx(input, doc, key, value, name);
          if (nginx) embedded.push(nginx);
          continue;
        }
        if (typeof value === 'string' && isSpringConfigKey(key)) {
          const spring = embeddedSpring(input, doc, key, value, name);
          if (spring) embedded.push(spring);
          continue;
        }
        const entry = typeof value === 'string' && isRedisConf(key, value) ? redisConfEntry(input, doc, key, value) : undefined;
        const declared = doc.locations.get('/metadata/name')?.value;
        if (entry && declared) confs.push({ configMap: name, ...(namespace ? { namespace } : {}), conf: entry, declared, used: false });
      }
    }
  }
  // ConfigMaps containers take variables from: this file's, else (read when asked) the folder's.
  const localMaps = configMapsIn(input, docs);
  let besideMaps: ConfigMapData[] | undefined;
  const configMapFor = (namespace: string | undefined) => (name: string): ConfigMapData | undefined =>
    findConfigMap(localMaps, name, namespace) ?? findConfigMap((besideMaps ??= configMapsBeside(input)), name, namespace);
  const layers: AdaptedLayer[] = [];
  const settings: SettingSite[] = [];
  // nginx configs and Spring Boot application.yml in ConfigMaps: their caches, hovers and syntax
  // problems, at their places in this file.
  for (const nginx of embedded) {
    layers.push(...nginx.layers);
    settings.push(...nginx.settings);
    diagnostics.push(...nginx.diagnostics);
  }
  for (const doc of docs) {
    const kind = str(get(doc.value, 'kind'))!;
    const template = POD_TEMPLATE[kind];
    const name = str(get(doc.value, 'metadata', 'name'));
    if (!template || !name) continue;
    const namespace = str(get(doc.value, 'metadata', 'namespace'));
    const podSpec = asObject(get(doc.value, ...template.spec));
    const containers = get(podSpec, 'containers');
    if (!podSpec || !Array.isArray(containers)) continue;
    const labels = asObject(get(doc.value, ...template.labels)) ?? {};
    const aliases = serviceAliases(services, labels, namespace);
    // A StatefulSet's pods have stable names (`redis-0.redis.cache…`): a host naming one links too.
    if (kind === 'StatefulSet') {
      const replicas = get(doc.value, 'spec', 'replicas');
      const count = typeof replicas === 'number' && Number.isInteger(replicas) ? Math.min(Math.max(replicas, 1), 16) : 1;
      for (let i = 0; i < count; i++) aliases.push(`${name}-${i}`);
    }
    const specPointer = pointerOf(template.spec);
    const mounted = mountedConfs(podSpec, confs, namespace);
    const declared = doc.locations.get('/metadata/name')?.value ?? doc.span;
    const found: { layer: AdaptedLayer; container?: string; conf?: ConfEntry }[] = [];
    containers.forEach((item, index) => {
      const container = asObject(item);
      if (!container) return;
      const pointer = `${specPointer}/containers/${index}`;
      const command = commandWords(input.text, doc, `${pointer}/command`);
      const argv: CommandWord[] = [...command, ...commandWords(input.text, doc, `${pointer}/args`, command)];
      const limit = containerLimit(doc, pointer, container, settings);
      const mounts = Array.isArray(container.volumeMounts) ? container.volumeMounts.map((m) => str(get(m, 'name'))) : [];
      const conf = mounted.find((m) => mounts.includes(m.volume))?.entry;
      const image = str(container.image);
      // Bitnami images add `REDIS_EXTRA_FLAGS` from the environment to the server's arguments.
      const flags = extraFlagsVariable(image);
      const flagsIndex = flags && Array.isArray(container.env) ? container.env.findIndex((e) => get(e, 'name') === flags) : -1;
      const extraArgs = flagsIndex >= 0 ? commandWords(input.text, doc, `${pointer}/env/${flagsIndex}/value`) : [];
      const layer = containerCacheLayer({
        input, name, aliases, declared, ...(image ? { image } : {}), argv, ...(limit ? { limit } : {}), settings, ...(extraArgs.length ? { extraArgs } : {}),
        ...(conf ? { conf: conf.conf } : {}),
        addArguments: (words) => addMemberAfterImage(input, doc, pointer, 'args', words),
      });
      const containerName = str(container.name);
      if (layer) found.push({ layer, ...(containerName ? { container: containerName } : {}), ...(conf ? { conf } : {}) });
      // The Spring module the workload runs (the folder the manifest is in, or one named like it).
      // A variable a fix adds goes where the container's Spring settings are: the ConfigMap of this
      // file it takes them from, else its own `env`.
      const settingsMap = localConfigMapOf(container, configMapFor(namespace));
      const spring = springEnvLayer(input, name, declared, containerEnv(input, doc, pointer, container, configMapFor(namespace)), settings, (variable, value) =>
        (settingsMap?.doc ? appendEntry(input, settingsMap.doc, '/data', [`${variable}: "${value}"`]) : undefined)
          ?? appendEntry(input, doc, `${pointer}/env`, [`name: ${variable}`, `value: "${value}"`]), workloadModules(input.relativePath, name));
      if (spring) layers.push(spring);
    });
    for (const { layer, container, conf } of found) {
      if (conf) conf.used = true;
      // Two cache servers in one pod: each is named after its container too.
      const backend = (get(layer.doc.value, 'spec', 'backends') as Obj[])[0];
      if (found.length > 1 && container) backend.name = `${name}-${container}`;
      layers.push(layer);
    }
  }
  for (const entry of confs) {
    if (entry.used) continue;
    const builder = new LayerBuilder();
    addRedisBackend({ builder, name: entry.configMap, declared: entry.declared, directives: entry.conf.directives, settings });
    const doc = builder.build(0, { start: 0, end: input.text.length });
    const winning = (name: string): Directive | undefined => entry.conf.directives.filter((d) => d.name.text === name).pop();
    layers.push({
      doc,
      // A redis.conf on its own says how Redis evicts and how much memory it takes: CW007, CW008.
      rules: REDIS_RULES,
      terms: { eviction: 'maxmemory-policy', maxMemory: 'maxmemory', containerMemoryLimit: 'container memory limit' },
      termSeparator: ' ',
      editFor: (pointer, value) => confEdit(input, entry.conf, winning, pointer, value),
    });
  }
  if (!layers.length) return { format: 'kubernetes', layers, diagnostics, settings };
  layers.forEach((layer, index) => {
    if (layer.doc.index !== index) layer.doc = { ...layer.doc, index };
  });
  return { format: 'kubernetes', layers, diagnostics, settings };
}

function confEdit(input: AdapterInput, conf: EmbeddedConf, winning: (name: string) => Directive | undefined, pointer: string, value: unknown): TextEdit[] | undefined {
  const match = /^\/spec\/backends\/0\/(eviction|maxMemory)$/.exec(pointer);
  if (!match || typeof value !== 'string') return undefined;
  const name = match[1] === 'eviction' ? 'maxmemory-policy' : 'maxmemory';
  const written = name === 'maxmemory' ? redisSizeWord(value) : (EVICTION_POLICIES as readonly string[]).includes(value) ? value : undefined;
  if (!written) return undefined;
  const directive = winning(name);
  if (directive) {
    const word = directive.args[0] as CommandWord | undefined;
    if (!word?.site || directive.args.length !== 1) return undefined;
    return [{ range: input.lines.rangeOf(word.span), newText: written }];
  }
  const edit = conf.insertLine(name, written);
  return edit ? [edit] : undefined;
}

/** A ConfigMap entry that is an nginx config with a cache: a `.conf` that uses `proxy_cache`. */
function isNginxConf(key: string, value: string): boolean {
  return /\.conf$/i.test(key) && /\bproxy_cache(_path)?\s/.test(value);
}

/**
 * An nginx config written in a ConfigMap's data, read by the nginx adapter with every word mapped
 * to its place in the block scalar; words that cannot be mapped exactly land on the data key.
 */
function embeddedNginx(input: AdapterInput, doc: DocumentModel, key: string, value: string, configMap: string): AdaptedFile | undefined {
  const at = doc.locations.get(pointerOf(['data', key]));
  if (!at) return undefined;
  const mapped = mapScalar(input.text, at.value, value);
  const fallback = at.key ?? at.value;
  return readNginxText(value, 0, input.lines, 'kubernetes', configMap, (local) => exactSpan(mapped, local.start, local.end) ?? fallback);
}

/** A ConfigMap entry that is a redis.conf: named so (`redis.conf`, `*redis*.conf`), or a `.conf` that sets `maxmemory…`. */
function isRedisConf(key: string, value: string): boolean {
  if (!/\.conf$/i.test(key)) return false;
  if (/redis|valkey/i.test(key)) return true;
  return /^\s*maxmemory(-policy)?\s/m.test(value) && !value.includes('{');
}

/** The directives of a redis.conf written in a ConfigMap's data, each word at its exact place. */
function redisConfEntry(input: AdapterInput, doc: DocumentModel, key: string, value: string): EmbeddedConf | undefined {
  const pointer = pointerOf(['data', key]);
  const at = doc.locations.get(pointer);
  if (!at) return undefined;
  const mapped = mapScalar(input.text, at.value, value);
  const fallback = at.key ?? at.value;
  const place = (word: { text: string; span: Span }): CommandWord => {
    const exact = exactSpan(mapped, word.span.start, word.span.end);
    // A quoted conf word (`"volatile-lru"`) is written with its quotes: its place is the inside.
    const inner = exact && word.span.end - word.span.start === word.text.length + 2 ? { start: exact.start + 1, end: exact.end - 1 } : exact;
    const site = inner && value.slice(word.span.start, word.span.end).replace(/^["']|["']$/g, '') === word.text;
    return inner && site ? { text: word.text, span: inner, site: { kind: 'text' } } : { text: word.text, span: fallback };
  };
  const directives: Directive[] = parseRedisConf(value).map((d) => ({ name: place(d.name), args: d.args.map(place) }));
  for (const d of directives) d.name.text = d.name.text.toLowerCase();
  const literal = input.text[at.value.start] === '|';
  return {
    directives,
    insertLine: (name, written) => {
      if (!literal) return undefined;
      const lastLine = [...directives].reverse().find((d) => (d.name as CommandWord).site);
      if (!lastLine) return undefined;
      const text = input.text;
      const lineStart = text.lastIndexOf('\n', lastLine.name.span.start - 1) + 1;
      const indent = text.slice(lineStart, lastLine.name.span.start);
      if (!/^ *$/.test(indent)) return undefined;
      const lineEnd = text.indexOf('\n', lastLine.name.span.start);
      const newline = text[lineEnd - 1] === '\r' ? '\r\n' : '\n';
      if (lineEnd === -1 || lineEnd + 1 > at.value.end) {
        const position = input.lines.positionAt(lineEnd === -1 ? text.length : newline === '\r\n' ? lineEnd - 1 : lineEnd);
        return { range: { start: position, end: position }, newText: `${newline}${indent}${name} ${written}` };
      }
      const position = input.lines.positionAt(lineEnd + 1);
      return { range: { start: position, end: position }, newText: `${indent}${name} ${written}${newline}` };
    },
  };
}

/** Every name a Service of the same namespace gives pods with these labels. */
function serviceAliases(services: readonly ServiceInfo[], labels: Obj, namespace: string | undefined): string[] {
  const aliases: string[] = [];
  for (const service of services) {
    const selector = Object.entries(service.selector);
    if (!selector.length || (service.namespace ?? namespace) !== (namespace ?? service.namespace)) continue;
    if (!selector.every(([key, value]) => labels[key] !== undefined && String(labels[key]) === value)) continue;
    aliases.push(service.name);
    const ns = service.namespace ?? namespace;
    if (ns) aliases.push(`${service.name}.${ns}`, `${service.name}.${ns}.svc`, `${service.name}.${ns}.svc.cluster.local`);
  }
  return [...new Set(aliases)];
}

/** The pod's ConfigMap volumes that hold a redis.conf of this file: volume name → entry. */
function mountedConfs(podSpec: Obj, confs: readonly ConfEntry[], namespace: string | undefined): { volume: string; entry: ConfEntry }[] {
  const out: { volume: string; entry: ConfEntry }[] = [];
  for (const volume of Array.isArray(podSpec.volumes) ? podSpec.volumes : []) {
    const volumeName = str(get(volume, 'name'));
    const configMap = str(get(volume, 'configMap', 'name'));
    const entry = confs.find((c) => c.configMap === configMap && (c.namespace ?? namespace) === (namespace ?? c.namespace));
    if (volumeName && entry) out.push({ volume: volumeName, entry });
  }
  return out;
}

function containerLimit(doc: DocumentModel, pointer: string, container: Obj, settings: SettingSite[]): { bytes: number; span: Span; term: string } | undefined {
  const at = doc.locations.get(`${pointer}/resources/limits/memory`);
  if (!at) return undefined;
  if (at.key) settings.push({ span: at.key, markdown: KUBERNETES_KEY_DOCS.memory });
  const bytes = kubernetesBytes(get(container, 'resources', 'limits', 'memory'));
  return bytes ? { bytes, span: at.value, term: 'resources.limits.memory' } : undefined;
}

/**
 * A container's environment: its `envFrom` ConfigMaps, then its `env` (`- name: X` / `value: y`,
 * or `valueFrom: configMapKeyRef`), later ones winning as in Kubernetes. Secrets and other
 * `valueFrom` sources cannot be seen and are left out.
 */
function containerEnv(input: AdapterInput, doc: DocumentModel, pointer: string, container: Obj, configMap: (name: string) => ConfigMapData | undefined): EnvVar[] {
  const out = envFromConfigMaps(doc, pointer, container, configMap);
  const env = container.env;
  if (!Array.isArray(env)) return out;
  env.forEach((item, index) => {
    const name = str(get(item, 'name'));
    const nameAt = doc.locations.get(`${pointer}/env/${index}/name`);
    if (!name || !nameAt) return;
    const nameSpan = valueSpanOf(input.text, nameAt.value, name).span;
    const value = scalarString(get(item, 'value'));
    const valueAt = doc.locations.get(`${pointer}/env/${index}/value`);
    if (value !== undefined && valueAt) {
      const valueSpan = valueSpanOf(input.text, valueAt.value, value);
      out.push({ name, value, nameSpan, valueSpan: valueSpan.span, exactValue: valueSpan.exact });
      return;
    }
    const fromMap = configMapKeyValue(item, configMap);
    const refAt = doc.locations.get(`${pointer}/env/${index}/valueFrom`)?.value;
    if (fromMap && (fromMap.valueSpan || refAt)) {
      out.push({ name, value: fromMap.value, nameSpan, valueSpan: fromMap.valueSpan ?? refAt!, exactValue: fromMap.valueSpan !== undefined && fromMap.exact });
    }
  });
  return out;
}
