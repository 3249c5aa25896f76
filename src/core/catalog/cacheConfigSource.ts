// What a cache layer config adds to the graph: the service runs caches (usesCache), each cache
// lives on a backend (backedBy) and protects a data source (fronts). The service, its backends
// and caches are declared here; the fronted data source is referenced, and implied when no doc
// declares it, so the path service → cache → database is drawn even before anyone documents it.
// Each also gets the config's docs and runbook (`metadata.docs`, `metadata.runbook`, or the
// cache's own `docs:`/`runbook:`): docs declared in front matter still win (they merge first).
import type { DocumentModel, ParsedFile } from '../document/model';
import type { EntityKind } from '../graph/graphModel';
import { formatRef, parseRef } from './entityRef';
import { emptyContribution, type FileContribution } from './contribution';
import { pathValueLine, resolvePathValue } from './docLinks';
import { extentAt, isRecord, rangeAt, stringAt } from './yamlAccess';

/** Cache entities are named `<service>.<cache>`: cache names are unique per config, not per workspace. */
export function cacheEntityName(service: string, cache: string): string {
  return `${service}.${cache}`;
}

export interface CacheConfigOptions {
  /**
   * The documents were read from a config teams already run (src/core/formats): a Redis without
   * an application is still drawn, and a backend host that names no known backend is implied
   * (a node of its own) rather than reported, since the file cannot declare it.
   */
  discovered?: boolean;
}

export function cacheConfigContribution(file: string, parsed: ParsedFile, options: CacheConfigOptions = {}): FileContribution {
  const contribution = emptyContribution(file, 'cache-config');
  for (const doc of parsed.documents) {
    if (doc.syntaxErrors.some((d) => d.severity === 'error')) continue; // `check` reports syntax
    if (!isRecord(doc.value) || doc.value.kind !== 'CacheLayer') continue;
    addCacheLayer(contribution, file, doc, parsed, options);
  }
  return contribution;
}

function addCacheLayer(contribution: FileContribution, file: string, doc: DocumentModel, parsed: ParsedFile, options: CacheConfigOptions): void {
  const value = doc.value as Record<string, unknown>;
  const lines = parsed.lines;
  const serviceText = stringAt(value, ['metadata', 'service']);
  if (!serviceText) {
    if (options.discovered) addBackends(contribution, file, doc, parsed, undefined, undefined, undefined);
    return;
  }
  const service = parseRef(serviceText);
  const serviceRef = formatRef(service.kind ?? 'component', service.name, service.namespace);
  const owner = stringAt(value, ['metadata', 'owner']);
  const serviceRange = rangeAt(doc, lines, ['metadata', 'service']);
  const docs = stringAt(value, ['metadata', 'docs']);
  const runbook = docFields(file, undefined, stringAt(value, ['metadata', 'runbook']), []).runbook;
  contribution.entities.push({
    ref: serviceRef,
    kind: service.kind ?? 'component',
    name: service.name,
    ...(service.namespace && service.namespace !== 'default' ? { namespace: service.namespace } : {}),
    origin: 'cache-config',
    file,
    range: serviceRange,
    definition: false,
    extent: extentAt(doc, lines, ['metadata']),
    owner,
    ...docFields(file, docs, undefined, [service.name]),
    ...(runbook !== undefined ? { runbook } : {}),
  });
  // A link from the service name to its doc (no relation: the entity is declared right here).
  // A discovered config may name its service without writing it (a folder name): no link then,
  // or the whole file would hover as the service.
  if (!options.discovered || doc.locations.has('/metadata/service')) {
    contribution.refs.push({ text: serviceText, field: 'metadata.service', holder: serviceRef, defaultKind: 'component', range: serviceRange, onMissing: 'ignore', localTarget: serviceRef });
  }

  const spec = isRecord(value.spec) ? value.spec : {};
  const backendRefs = addBackends(contribution, file, doc, parsed, owner, docs, runbook);
  addCaches(contribution, file, doc, parsed, { service, serviceRef, owner, docs, runbook, backendRefs, discovered: options.discovered === true, spec });
}

function addBackends(contribution: FileContribution, file: string, doc: DocumentModel, parsed: ParsedFile, owner: string | undefined, docs: string | undefined, runbook: string | undefined): Map<string, string> {
  const value = doc.value as Record<string, unknown>;
  const lines = parsed.lines;
  const spec = isRecord(value.spec) ? value.spec : {};
  const backendRefs = new Map<string, string>();
  (Array.isArray(spec.backends) ? spec.backends : []).forEach((backend, i) => {
    const name = stringAt(backend, ['name']);
    if (!name) return;
    const ref = formatRef('resource', name);
    backendRefs.set(name, ref);
    const range = rangeAt(doc, lines, ['spec', 'backends', i, 'name']);
    contribution.entities.push({
      ref, kind: 'resource', name, origin: 'cache-config', file, range, definition: false,
      extent: extentAt(doc, lines, ['spec', 'backends', i]),
      type: stringAt(backend, ['type']),
      owner,
      ...docFields(file, stringAt(backend, ['docs']) ?? docs, undefined, [name]),
      ...(runbook !== undefined ? { runbook } : {}),
    });
    contribution.refs.push({ text: name, field: 'backends.name', holder: ref, defaultKind: 'resource', range, onMissing: 'ignore', localTarget: ref });
  });
  return backendRefs;
}

interface CacheContext {
  service: ReturnType<typeof parseRef>;
  serviceRef: string;
  owner: string | undefined;
  docs: string | undefined;
  runbook: string | undefined;
  backendRefs: Map<string, string>;
  discovered: boolean;
  spec: Record<string, unknown>;
}

function addCaches(contribution: FileContribution, file: string, doc: DocumentModel, parsed: ParsedFile, context: CacheContext): void {
  const { service, serviceRef, owner, docs, runbook, backendRefs, spec } = context;
  const lines = parsed.lines;
  (Array.isArray(spec.caches) ? spec.caches : []).forEach((cache, i) => {
    const cacheName = stringAt(cache, ['name']);
    if (!cacheName) return;
    const ref = formatRef('cache', cacheEntityName(service.name, cacheName));
    const path = ['spec', 'caches', i];
    const nameRange = rangeAt(doc, lines, [...path, 'name']);
    contribution.entities.push({
      ref, kind: 'cache', name: cacheEntityName(service.name, cacheName), title: cacheName,
      origin: 'cache-config', file, range: nameRange, definition: false,
      extent: extentAt(doc, lines, path),
      tags: [`criticality:${stringAt(cache, ['criticality']) ?? 'warm'}`],
      owner: stringAt(cache, ['owner']) ?? owner,
      ...docFields(file, stringAt(cache, ['docs']) ?? docs, undefined, [cacheName, cacheEntityName(service.name, cacheName)]),
      ...(runbook !== undefined ? { runbook } : {}),
    });
    contribution.refs.push({ text: cacheName, field: 'caches.name', holder: serviceRef, relation: 'usesCache', defaultKind: 'cache', range: nameRange, onMissing: 'ignore', localTarget: ref });

    const backend = stringAt(cache, ['backend']);
    if (backend) {
      contribution.refs.push({
        text: backend, field: 'backend', holder: ref, relation: 'backedBy', defaultKind: 'resource',
        range: rangeAt(doc, lines, [...path, 'backend']), localTarget: backendRefs.get(backend),
        ...(context.discovered ? { onMissing: 'imply' as const, implied: { kind: 'resource' as const, type: 'cache' } } : { onMissing: 'report' as const }),
      });
    }
    const fronted = stringAt(cache, ['fronts', 'name']);
    if (fronted) {
      const frontsKind = stringAt(cache, ['fronts', 'kind']);
      const impliedKind: EntityKind = frontsKind && frontsKind !== 'sql' ? 'component' : 'resource';
      contribution.refs.push({
        text: fronted, field: 'fronts.name', holder: ref, relation: 'fronts', defaultKind: impliedKind,
        range: rangeAt(doc, lines, [...path, 'fronts', 'name']), onMissing: 'imply',
        implied: { kind: impliedKind, type: impliedKind === 'resource' ? 'database' : 'service' },
      });
    }
  });
}

/**
 * docFile/docLine of a `docs:` value (at the heading its anchor names, else a heading named like
 * the entity, else the doc's first heading) and the runbook file; URLs and missing files give none.
 */
function docFields(file: string, docs: string | undefined, runbook: string | undefined, names: string[]): { docFile?: string; docLine?: number; runbook?: string } {
  const out: { docFile?: string; docLine?: number; runbook?: string } = {};
  const doc = docs !== undefined ? resolvePathValue(file, docs) : undefined;
  if (doc) {
    out.docFile = doc.file;
    out.docLine = pathValueLine(doc, names);
  }
  const book = runbook !== undefined ? resolvePathValue(file, runbook) : undefined;
  if (book) out.runbook = book.file;
  return out;
}
