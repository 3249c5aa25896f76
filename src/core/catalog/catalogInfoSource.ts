// Entities from Backstage descriptor files: any YAML file whose documents have
// `apiVersion: backstage.io/…` (`catalog-info.yaml`, `all-teams.yaml`, Location targets, files
// selected by `catalog.files`). Every YAML document may declare one entity, read as Backstage
// reads it: `metadata.namespace` (default `default`), names validated by Backstage's rules, the
// `spec` relation fields of its kind with Backstage's default kinds, the core kinds Component, API,
// Resource, System, Domain, Group, User and Location. Entities of other kinds (Template,
// Environment, custom kinds) are counted as not drawn; an invalid one is reported where it is
// written. Nothing is dropped without a word.
import * as path from 'node:path';
import type { DocumentModel, ParsedFile } from '../document/model';
import type { Diagnostic } from '../types';
import type { EntityKind, EntityLink } from '../graph/graphModel';
import { CATALOG_DOCS, CATALOG_SOURCE } from './buildGraph';
import { DEFAULT_NAMESPACE, formatRef, isValidEntityName, isValidNamespace, kindOf, parseRef } from './entityRef';
import { emptyContribution, type FileContribution, type LocationTarget } from './contribution';
import { isFile, pathValueLine } from './docLinks';
import { relationRefs } from './relationFields';
import { BACKSTAGE_API_VERSION } from '../workspace/contentRecognisers';
import { extentAt, isRecord, rangeAt, stringAt, stringsAt, valueAt } from './yamlAccess';

/** The kinds a Backstage descriptor may declare and the catalog models (`cache` is Cache Warden's own). */
const BACKSTAGE_KINDS: ReadonlySet<EntityKind> = new Set(['component', 'api', 'resource', 'system', 'domain', 'group', 'user', 'location']);

/** Whether a YAML/JSON text declares Backstage entities (anywhere in it, not only in the sniffed head). */
export function hasBackstageApiVersion(text: string): boolean {
  return text.includes('backstage.io/') && BACKSTAGE_API_VERSION.test(text);
}

/** A URL with a scheme (`https://…`): not a workspace path. */
const REMOTE = /^[a-z][a-z0-9+.-]*:\/\//i;

export function catalogInfoContribution(file: string, parsed: ParsedFile): FileContribution {
  const contribution = emptyContribution(file, 'catalog-info');
  const problem = (code: string, severity: Diagnostic['severity'], message: string, doc: DocumentModel, at: (string | number)[], anchor = 'backstage-descriptors'): void => {
    contribution.diagnostics.push({ code, severity, message, range: rangeAt(doc, parsed.lines, at), source: CATALOG_SOURCE, docsUrl: `${CATALOG_DOCS}#${anchor}` });
  };
  for (const doc of parsed.documents) {
    if (doc.syntaxErrors.some((d) => d.severity === 'error')) {
      contribution.diagnostics.push(...doc.syntaxErrors);
      continue;
    }
    const value = doc.value;
    if (!isRecord(value)) continue;
    const apiVersion = stringAt(value, ['apiVersion']);
    // Other documents of a multi-document file (a Kubernetes manifest next to the descriptor) are
    // not ours; `backstage.io/v1alpha1` and Backstage groups (`scaffolder.backstage.io/v1beta3`) are.
    if (!apiVersion || !/^(?:[a-z0-9-]+\.)*backstage\.io\//i.test(apiVersion)) continue;
    const kindText = stringAt(value, ['kind']);
    if (!kindText) {
      problem('catalog-invalid-entity', 'error', 'This Backstage entity has no `kind`, so Backstage rejects it and it is not in the graph.', doc, ['apiVersion']);
      continue;
    }
    const writtenName = valueAt(value, ['metadata', 'name']);
    const rawName = typeof writtenName === 'number' ? String(writtenName) : writtenName;
    if (typeof rawName !== 'string' || rawName === '') {
      problem('catalog-invalid-entity', 'error', `This ${kindText} has no \`metadata.name\`, so Backstage rejects it and it is not in the graph.`, doc, rawName === undefined ? ['kind'] : ['metadata', 'name']);
      continue;
    }
    const rawNamespace = valueAt(value, ['metadata', 'namespace']);
    const namespace = rawNamespace === undefined || rawNamespace === null ? DEFAULT_NAMESPACE : String(rawNamespace);
    if (!isValidNamespace(namespace)) {
      problem('catalog-invalid-name', 'error', `\`${namespace}\` is not a valid Backstage namespace: 1–63 lower-case letters or digits, separated by \`-\`. Backstage rejects this ${kindText}; it is not in the graph.`, doc, ['metadata', 'namespace'], 'names-and-namespaces');
      continue;
    }
    if (!isValidEntityName(rawName)) {
      problem('catalog-invalid-name', 'error', `\`${rawName}\` is not a valid Backstage name: 1–63 letters or digits, separated by \`-\`, \`_\` or \`.\`. Backstage rejects this ${kindText}; it is not in the graph.`, doc, ['metadata', 'name'], 'names-and-namespaces');
      continue;
    }
    const kind = kindOf(kindText);
    const nameRange = rangeAt(doc, parsed.lines, ['metadata', 'name']);
    if (!kind || !BACKSTAGE_KINDS.has(kind)) {
      (contribution.undrawn ??= []).push({ kind: kindText, name: rawName, ...(namespace !== DEFAULT_NAMESPACE ? { namespace } : {}), range: nameRange });
      continue;
    }
    const ref = formatRef(kind, rawName, namespace);
    const links = linksOf(value);
    const techDocs = techDocsIndex(file, stringAt(value, ['metadata', 'annotations', 'backstage.io/techdocs-ref']), rawName);
    contribution.entities.push({
      ref,
      kind,
      name: rawName,
      ...(namespace !== DEFAULT_NAMESPACE ? { namespace } : {}),
      origin: 'catalog-info',
      file,
      range: nameRange,
      definition: true,
      extent: extentAt(doc, parsed.lines, []),
      type: stringAt(value, ['spec', 'type']),
      title: stringAt(value, ['metadata', 'title']) ?? (kind === 'user' || kind === 'group' ? stringAt(value, ['spec', 'profile', 'displayName']) : undefined),
      owner: stringAt(value, ['spec', 'owner']),
      system: systemOf(stringAt(value, ['spec', 'system']), namespace),
      ...(kind === 'system' && stringAt(value, ['spec', 'domain']) ? { domain: systemOf(stringAt(value, ['spec', 'domain']), namespace, 'domain') } : {}),
      description: stringAt(value, ['metadata', 'description']),
      tags: stringsAt(value, ['metadata', 'tags']),
      ...(techDocs ?? {}),
      ...(links.length ? { links } : {}),
    });
    contribution.refs.push(...relationRefs(doc, parsed.lines, ['spec'], ref, { kind, namespace, diagnostics: contribution.diagnostics }));
    if (kind === 'location') addLocationTargets(contribution, file, doc, parsed, value);
  }
  return contribution;
}

/**
 * `spec.system` (or a system's `spec.domain`) as the catalog keeps it: the name, with its
 * namespace when that is not the default one (`music/playback`), so boxes and filters find the entity.
 */
function systemOf(text: string | undefined, namespace: string, kind: EntityKind = 'system'): string | undefined {
  if (text === undefined) return undefined;
  const parsed = parseRef(text);
  if (parsed.unknownKind || (parsed.kind && parsed.kind !== kind) || !parsed.name) return text;
  const ns = parsed.namespace ?? namespace;
  return ns === DEFAULT_NAMESPACE ? parsed.name : `${ns}/${parsed.name}`;
}

/** `metadata.links` (url + title) and the `backstage.io/source-location` annotation (a URL). */
function linksOf(value: Record<string, unknown>): EntityLink[] {
  const out: EntityLink[] = [];
  const links = valueAt(value, ['metadata', 'links']);
  if (Array.isArray(links)) {
    for (const link of links) {
      const url = stringAt(link, ['url']);
      if (!url || !REMOTE.test(url)) continue;
      const title = stringAt(link, ['title']);
      out.push(title !== undefined ? { url, title } : { url });
    }
  }
  const source = stringAt(value, ['metadata', 'annotations', 'backstage.io/source-location']);
  const sourceUrl = source?.replace(/^(url|dir):/, '');
  if (sourceUrl && REMOTE.test(sourceUrl)) out.push({ url: sourceUrl, title: 'Source' });
  return out;
}

/**
 * `backstage.io/techdocs-ref: dir:<path>` → the docs index of that folder, read relative to the
 * descriptor's folder: MkDocs' `<path>/docs/index.md` (or `docs/README.md`, which MkDocs also
 * takes as the index), else `<path>/index.md` or `<path>/README.md`. Remote refs (`url:…`) are
 * not docs in the workspace.
 */
function techDocsIndex(file: string, ref: string | undefined, name: string): { docFile: string; docLine: number } | undefined {
  if (!ref?.startsWith('dir:') || !path.isAbsolute(file)) return undefined;
  const dir = path.resolve(path.dirname(file), ref.slice(4).trim() || '.');
  for (const candidate of ['docs/index.md', 'docs/README.md', 'index.md', 'README.md']) {
    const docFile = path.join(dir, candidate);
    if (isFile(docFile)) return { docFile, docLine: pathValueLine({ file: docFile }, [name]) };
  }
  return undefined;
}

/**
 * A Location's `spec.target` and `spec.targets`: relative paths and globs are read against the
 * Location file's folder and followed (the workspace model reads what they select); remote URLs
 * are not followed, and say so where they are written.
 */
function addLocationTargets(contribution: FileContribution, file: string, doc: DocumentModel, parsed: ParsedFile, value: Record<string, unknown>): void {
  const type = stringAt(value, ['spec', 'type']) ?? 'url';
  const written: { text: string; at: (string | number)[] }[] = [];
  const single = stringAt(value, ['spec', 'target']);
  if (single) written.push({ text: single, at: ['spec', 'target'] });
  const many = valueAt(value, ['spec', 'targets']);
  if (Array.isArray(many)) many.forEach((t, i) => typeof t === 'string' && t.trim() && written.push({ text: t.trim(), at: ['spec', 'targets', i] }));
  const base = path.isAbsolute(file) ? path.dirname(file) : path.posix.dirname(file.split(path.sep).join('/'));
  for (const { text, at } of written) {
    const range = rangeAt(doc, parsed.lines, at);
    const target: LocationTarget = { target: text, type, range };
    if (REMOTE.test(text)) {
      contribution.diagnostics.push({
        code: 'catalog-location-not-followed',
        severity: 'information',
        message: `\`${text}\` (${type} target) is not in the workspace: Cache Warden reads local files only, so the entities it lists are not in the graph.`,
        range,
        source: CATALOG_SOURCE,
        docsUrl: `${CATALOG_DOCS}#which-files`,
      });
    } else {
      const local = text.replace(/^\.\/+/, '');
      target.pattern = (path.isAbsolute(file) ? path.resolve(base, local) : path.posix.normalize(path.posix.join(base, local))).split(path.sep).join('/');
    }
    (contribution.locations ??= []).push(target);
  }
}
