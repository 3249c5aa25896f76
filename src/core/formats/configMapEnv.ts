// Environment variables a Kubernetes container takes from ConfigMaps — `envFrom: - configMapRef:
// {name}` (with an optional `prefix`) and `env: - valueFrom: configMapKeyRef: {name, key}` — the
// way Spring Boot apps are often configured (`SPRING_CACHE_REDIS_TIME_TO_LIVE` in a ConfigMap).
// A ConfigMap of the same file is placed exactly: a finding lands on its value and a fix rewrites
// it there. A ConfigMap in another manifest of the same folder gives its values; they are placed at
// the reference in this file (that file is read again when it changes). ConfigMaps elsewhere, and
// Secrets, cannot be seen: those variables are unknown, never guessed.
import * as path from 'node:path';
import { pointerOf, type DocumentModel } from '../document/model';
import { parseFile } from '../document/parse';
import type { Span } from '../types';
import type { AdapterInput } from './adapter';
import { asObject, scalarString, valueSpanOf } from './compose';
import type { EnvVar } from './springEnvLayer';

interface ConfigMapEntry {
  value: string;
  /** Set when the ConfigMap is in the file being read. */
  keySpan?: Span;
  valueSpan?: Span;
  exact: boolean;
}

export interface ConfigMapData {
  name: string;
  namespace?: string;
  entries: Map<string, ConfigMapEntry>;
  /** Its document, when it is in the file being read (a fix can add a key to it). */
  doc?: DocumentModel;
}

type Obj = Record<string, unknown>;

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** A ConfigMap document's data; with `input`, each key and value is placed in that file. */
function configMapOf(doc: DocumentModel, input?: AdapterInput): ConfigMapData | undefined {
  const value = asObject(doc.value);
  if (!value || value.kind !== 'ConfigMap') return undefined;
  const metadata = asObject(value.metadata);
  const name = str(metadata?.name);
  if (!name) return undefined;
  const namespace = str(metadata?.namespace);
  const entries = new Map<string, ConfigMapEntry>();
  for (const [key, raw] of Object.entries(asObject(value.data) ?? {})) {
    const text = scalarString(raw);
    if (text === undefined) continue;
    const at = input ? doc.locations.get(pointerOf(['data', key])) : undefined;
    if (input && at) {
      const placed = valueSpanOf(input.text, at.value, text);
      entries.set(key, { value: text, ...(at.key ? { keySpan: at.key } : {}), valueSpan: placed.span, exact: placed.exact });
    } else {
      entries.set(key, { value: text, exact: false });
    }
  }
  return { name, ...(namespace ? { namespace } : {}), entries, ...(input ? { doc } : {}) };
}

/** The ConfigMaps of the file being read, placed in it. */
export function configMapsIn(input: AdapterInput, docs: readonly DocumentModel[]): ConfigMapData[] {
  return docs.flatMap((doc) => configMapOf(doc, input) ?? []);
}

/** Parses of sibling manifests, by text: a values-only read, the same text parsed once. */
const siblingParses = new Map<string, ConfigMapData[]>();
const MAX_PARSES = 64;

/** The ConfigMaps of the other YAML manifests in the file's folder (values only). */
export function configMapsBeside(input: AdapterInput): ConfigMapData[] {
  if (!input.listSiblings || !input.readSibling) return [];
  const folder = path.posix.dirname(input.relativePath);
  const out: ConfigMapData[] = [];
  for (const file of input.listSiblings(folder) ?? []) {
    if (file === input.relativePath || !/\.ya?ml$/i.test(file) || path.posix.dirname(file) !== folder) continue;
    const text = input.readSibling(file);
    if (text === undefined || !/^kind:\s*["']?ConfigMap\b/m.test(text)) continue;
    let maps = siblingParses.get(text);
    if (!maps) {
      maps = parseFile(text).documents.flatMap((doc) => configMapOf(doc) ?? []);
      if (siblingParses.size >= MAX_PARSES) siblingParses.delete(siblingParses.keys().next().value!);
      siblingParses.set(text, maps);
    }
    out.push(...maps);
  }
  return out;
}

/** A ConfigMap by name for a workload in `namespace` (one without a namespace matches any). */
export function findConfigMap(maps: readonly ConfigMapData[], name: string, namespace: string | undefined): ConfigMapData | undefined {
  return maps.find((map) => map.name === name && (map.namespace === undefined || namespace === undefined || map.namespace === namespace));
}

/**
 * The variables a container's `envFrom` ConfigMaps give it, in order (its own `env` comes after
 * and wins, as in Kubernetes). Each is placed at the ConfigMap's key and value when that is in
 * this file, else at the `configMapRef` name here.
 */
export function envFromConfigMaps(doc: DocumentModel, pointer: string, container: Obj, lookup: (name: string) => ConfigMapData | undefined): EnvVar[] {
  const out: EnvVar[] = [];
  const envFrom = container.envFrom;
  if (!Array.isArray(envFrom)) return out;
  envFrom.forEach((item, index) => {
    const ref = asObject(asObject(item)?.configMapRef);
    const name = str(ref?.name);
    const map = name ? lookup(name) : undefined;
    const refAt = doc.locations.get(`${pointer}/envFrom/${index}/configMapRef/name`)?.value;
    if (!map || !refAt) return;
    const prefix = str(asObject(item)?.prefix) ?? '';
    for (const [key, entry] of map.entries) {
      out.push({ name: `${prefix}${key}`, value: entry.value, nameSpan: entry.keySpan ?? refAt, valueSpan: entry.valueSpan ?? refAt, exactValue: entry.valueSpan !== undefined && entry.exact });
    }
  });
  return out;
}

/** `valueFrom: configMapKeyRef: {name, key}`: the ConfigMap's value, placed there when it is in this file. */
export function configMapKeyValue(item: unknown, lookup: (name: string) => ConfigMapData | undefined): ConfigMapEntry | undefined {
  const ref = asObject(asObject(asObject(item)?.valueFrom)?.configMapKeyRef);
  const name = str(ref?.name);
  const key = str(ref?.key);
  return name && key ? lookup(name)?.entries.get(key) : undefined;
}

/** The first ConfigMap of this file a container takes its whole environment from (`envFrom`). */
export function localConfigMapOf(container: Obj, lookup: (name: string) => ConfigMapData | undefined): ConfigMapData | undefined {
  const envFrom = container.envFrom;
  if (!Array.isArray(envFrom)) return undefined;
  for (const item of envFrom) {
    if (str(asObject(item)?.prefix)) continue; // a prefixed key would need the prefix: not where Spring's names go
    const name = str(asObject(asObject(item)?.configMapRef)?.name);
    const map = name ? lookup(name) : undefined;
    if (map?.doc) return map;
  }
  return undefined;
}
