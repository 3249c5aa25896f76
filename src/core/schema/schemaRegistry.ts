// Knows every schema (built-ins, schemaDirs, files named by users) by absolute URI and compiles
// each one once with the ajv flavour its `$schema` asks for. The whole schema document goes to ajv,
// which resolves what the document itself defines (embedded `$id`s, base-URI changes, `$anchor`,
// `$dynamicRef`); only a reference ajv cannot resolve is looked up here: among the local schemas by
// `$id`, the URL-prefix → folder mappings, the draft meta-schemas (always offline) and, when allowed,
// fetched schemas. A reference nobody has is reported at its `$ref` and left out of the check.
import * as path from 'node:path';
import Ajv, { type AnySchemaObject, type ValidateFunction } from 'ajv';
import Ajv2019 from 'ajv/dist/2019';
import Ajv2020 from 'ajv/dist/2020';
import { parseFile } from '../document/parse';
import type { Range } from '../types';
import { BUILTIN_SCHEMAS } from './builtinSchemas';
import { DRAFT06_META_SCHEMA, metaSchemaFor } from './metaSchemas';
import { ajvRegExp, FALLBACK_TIMEOUT_MS, linearRegExp } from './linearRegExp';
import { listSchemaFiles, readTextFile } from './schemaFiles';
import { fileUriOf, isFileUri, isRemoteUri, pathOfFileUri, resolveUri, withoutFragment } from './schemaUris';
import AjvDraft04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';

export type Draft = '04' | '06' | '07' | '2019-09' | '2020-12';
type AjvInstance = InstanceType<typeof Ajv>;

/** A problem with the schema itself (not with the file being validated). */
export interface SchemaProblem {
  code: 'schema-not-found' | 'schema-remote-blocked' | 'schema-remote-pending' | 'schema-remote-failed' | 'schema-invalid' | 'schema-ref-unresolved' | 'schema-pattern-unsupported' | 'schema-declared-unresolved';
  message: string;
  /** Errors unless said otherwise: a warning or information still lets the file be checked in full. */
  severity?: 'warning' | 'information';
  /** The URI the problem is about (a missing file, a blocked URL). */
  uri: string;
  /** For a reference that cannot be resolved: the `$ref` that names it. */
  at?: RefLocation;
}

/** Where a `$ref` is written: its schema document, JSON pointer and (for files) path and range. */
export interface RefLocation {
  /** The document's URI (its `$id`, or the file URI). */
  documentUri: string;
  /** The schema file, when the document was read from one. */
  path?: string;
  /** Pointer to the object holding the `$ref`. */
  pointer: string;
  /** Zero-based range of the `$ref` value in the file. */
  range?: Range;
  /** The reference as written, and resolved against its base URI. */
  ref: string;
  resolved: string;
}

export interface CompiledSchema {
  id: string;
  /** Undefined when the schema could not be compiled; `problems` says why. */
  validate?: ValidateFunction;
  problems: SchemaProblem[];
  draft: Draft;
}

export interface SchemaRegistryOptions {
  /** Folders whose `*.json` schemas are known by their `$id` (a mirrored catalog). */
  schemaDirs?: string[];
  /** Whether remote schemas may be fetched (only through `prefetch`). */
  allowRemote?: boolean;
  readFile?: (absPath: string) => string | undefined;
  listFiles?: (dir: string) => string[];
  /** Fetches a remote schema's text; needed only when `allowRemote` is true. */
  fetchText?: (url: string) => Promise<string>;
  /**
   * Mirrors of remote schema hosts: URL prefix → absolute folder. `https://schemas.example.com/a/b.json`
   * with `{ "https://schemas.example.com/": "/mirror" }` is read from `/mirror/a/b.json`.
   */
  schemaMappings?: Record<string, string>;
}

const MAX_RESOLUTION_ROUNDS = 200;

export class SchemaRegistry {
  readonly allowRemote: boolean;
  /** Grows whenever a schema document is added (read on first use, fetched, a meta-schema): what was derived from the documents before may differ now. */
  generation = 0;
  private readonly readFile: (absPath: string) => string | undefined;
  private readonly fetchText?: (url: string) => Promise<string>;
  /** Schema documents by URI (their `$id`, and the file URI they were read from). */
  private readonly documents = new Map<string, AnySchemaObject>();
  /** The URI a document is added to ajv under (its `$id` when it has one). */
  private readonly canonical = new Map<AnySchemaObject, string>();
  private readonly missing = new Set<string>();
  private readonly fetchFailures = new Map<string, string>();
  private readonly compiled = new Map<string, CompiledSchema>();
  private readonly ajvs = new Map<Draft, AjvInstance>();
  private readonly added = new Map<Draft, Set<string>>();
  /** Where each schema object handed to ajv sits (document URI + JSON pointer), by identity. */
  private readonly whereabouts = new WeakMap<object, { uri: string; pointer: string }>();
  /** The copy of each document handed to each ajv (references nobody has are taken out of it). */
  private readonly given = new Map<Draft, Map<string, AnySchemaObject>>();
  /** References taken out of a given document, by draft and document URI, with their problem. */
  private readonly refProblems = new Map<Draft, Map<string, SchemaProblem[]>>();
  /** The file each document was read from. */
  private readonly sourcePaths = new Map<AnySchemaObject, string>();
  /** Meta-schemas known on demand: never listed by `knownIds`. */
  private readonly metaIds = new Set<string>();
  private readonly mappings: { prefix: string; dir: string }[];

  constructor(options: SchemaRegistryOptions = {}) {
    this.allowRemote = options.allowRemote ?? false;
    this.readFile = options.readFile ?? readTextFile;
    this.fetchText = options.fetchText;
    // Longest prefix first, so a more specific mirror wins.
    this.mappings = Object.entries(options.schemaMappings ?? {})
      .map(([prefix, dir]) => ({ prefix, dir }))
      .sort((a, b) => b.prefix.length - a.prefix.length);
    for (const schema of BUILTIN_SCHEMAS) this.addDocument(schema as AnySchemaObject, undefined);
    const listFiles = options.listFiles ?? listSchemaFiles;
    for (const dir of options.schemaDirs ?? []) {
      for (const file of listFiles(dir)) this.loadFile(fileUriOf(file));
    }
  }

  /** Whether a schema is known (or can be read from disk) under this URI. */
  has(id: string): boolean {
    return this.getSchemaDocument(id) !== undefined;
  }

  /** The schema document for a URI (fragment ignored); reads `file://` URIs on first use. */
  getSchemaDocument(uri: string): AnySchemaObject | undefined {
    const key = withoutFragment(uri);
    const known = this.documents.get(key) ?? this.documents.get(normalizedUri(key));
    if (known || this.missing.has(key)) return known;
    if (isFileUri(key)) return this.loadFile(key);
    const mapped = this.mappedPath(key);
    if (mapped) return this.loadFile(fileUriOf(mapped), key);
    const meta = metaSchemaFor(key);
    if (meta) {
      this.metaIds.add(normalizedUri(key));
      this.addDocument(meta, normalizedUri(key));
      return meta;
    }
    return undefined;
  }

  /** The local file a schema mapping gives a URI, if one does. */
  mappedPath(uri: string): string | undefined {
    const mapping = this.mappings.find((m) => uri.startsWith(m.prefix));
    if (!mapping) return undefined;
    let rest: string;
    try {
      rest = decodeURIComponent(uri.slice(mapping.prefix.length));
    } catch {
      return undefined;
    }
    return path.join(mapping.dir, ...rest.split('/').filter(Boolean));
  }

  /** The base URI that relative `$ref`s inside this document resolve against. */
  baseUriOf(schema: AnySchemaObject): string | undefined {
    return this.canonical.get(schema);
  }

  titleOf(id: string): string | undefined {
    const title = this.getSchemaDocument(id)?.title;
    return typeof title === 'string' ? title : undefined;
  }

  /** Every schema known by `$id` (built-ins and schemaDirs) — for pickers and completion. */
  knownIds(): string[] {
    return [...new Set(this.canonical.values())].filter((id) => !isFileUri(id) && !this.metaIds.has(id));
  }

  /** The compiled validator for a schema, compiled on first request and cached. */
  getValidator(id: string): CompiledSchema {
    const key = withoutFragment(id);
    const cached = this.compiled.get(key);
    if (cached) return cached;
    const result = this.compile(key);
    this.compiled.set(key, result);
    return result;
  }

  /** Compiles the subschema at `pointer` of a schema document (used to explain oneOf branches). */
  getSubValidator(documentUri: string, pointer: string, draft: Draft): ValidateFunction | undefined {
    try {
      return this.ajvFor(draft).getSchema(`${withoutFragment(documentUri)}#${pointer}`) ?? undefined;
    } catch {
      return undefined;
    }
  }

  /** The document URI and JSON pointer of a schema object that ajv reported (verbose errors). */
  locate(schemaObject: object): { uri: string; pointer: string } | undefined {
    return this.whereabouts.get(schemaObject);
  }

  /**
   * Fetches the remote schemas `id` needs (itself and its `$ref`s) when remote schemas are allowed
   * and a fetcher was given. Validation stays synchronous: call this first, then `getValidator`.
   */
  async prefetch(id: string): Promise<void> {
    if (!this.allowRemote || !this.fetchText) return;
    const pending = [withoutFragment(id)];
    const seen = new Set<string>();
    while (pending.length) {
      const uri = pending.pop()!;
      if (seen.has(uri)) continue;
      seen.add(uri);
      let doc = this.getSchemaDocument(uri);
      if (!doc && isRemoteUri(uri) && !this.fetchFailures.has(uri)) {
        try {
          doc = JSON.parse(await this.fetchText(uri)) as AnySchemaObject;
          this.addDocument(doc, uri);
        } catch (error) {
          this.fetchFailures.set(uri, (error as Error).message);
        }
      }
      if (doc) pending.push(...referencedDocuments(doc, this.canonical.get(doc) ?? uri));
    }
    // Validators compiled while a schema was missing must be compiled again, on fresh ajv instances:
    // the copies given before had the references that were missing then taken out.
    if (this.refProblems.size) {
      this.ajvs.clear();
      this.added.clear();
      this.given.clear();
      this.refProblems.clear();
    }
    this.compiled.clear();
    this.generation++;
  }

  private compile(id: string): CompiledSchema {
    const root = this.getSchemaDocument(id);
    const draft = root ? draftOf(root) : '07';
    if (!root) {
      return { id, draft, problems: [this.unavailable(id)] };
    }
    const ajv = this.ajvFor(draft);
    const rootUri = this.canonical.get(root)!;
    const invalid = (detail?: string): CompiledSchema => ({
      id, draft, problems: [{ code: 'schema-invalid', uri: id, message: `The schema ${id} could not be compiled${detail ? `: ${detail}` : '.'}` }],
    });
    try {
      this.give(ajv, draft, root);
      // ajv resolves what the document defines; each reference it cannot resolve comes back as a
      // MissingRefError: hand it the document from outside, or take the `$ref` out and report it.
      for (let round = 0; round < MAX_RESOLUTION_ROUNDS; round++) {
        let validate: ValidateFunction | undefined;
        try {
          validate = ajv.getSchema(rootUri);
        } catch (error) {
          const missing = missingRefOf(error);
          if (!missing) throw error;
          const target = this.getSchemaDocument(missing.missingSchema);
          if (target && !this.added.get(draft)!.has(missing.missingSchema)) {
            // Known under the URI it was asked for, too (a mirrored file whose `$id` differs).
            this.give(ajv, draft, target, missing.missingSchema);
            continue;
          }
          if (this.takeOutRef(ajv, draft, missing.missingRef, target)) continue;
          throw error;
        }
        if (!validate) return invalid();
        return { id, draft, validate, problems: [...this.refProblemsReachedFrom(root, draft), ...this.patternProblemsReachedFrom(root, draft)] };
      }
      return invalid('too many references to resolve');
    } catch (error) {
      return invalid((error as Error).message);
    }
  }

  private givenDocuments(draft: Draft): Map<string, AnySchemaObject> {
    let given = this.given.get(draft);
    if (!given) this.given.set(draft, (given = new Map()));
    return given;
  }

  /** Adds a copy of a document to a draft's ajv, once; the copy is what ajv's errors point into. */
  private give(ajv: AjvInstance, draft: Draft, doc: AnySchemaObject, alsoAs?: string): void {
    const uri = this.canonical.get(doc)!;
    const given = this.givenDocuments(draft);
    const added = this.added.get(draft)!;
    if (!added.has(uri)) {
      const copy = withOwnId(idsFor(structuredClone(doc), draftOf(doc), draft), uri, draft);
      given.set(uri, copy);
      added.add(uri);
      ajv.addSchema(copy, uri);
      recordWhereabouts(copy, uri, this.whereabouts);
    }
    const copy = given.get(uri);
    if (alsoAs && !added.has(alsoAs)) {
      added.add(alsoAs);
      if (copy) ajv.addSchema(copy, alsoAs);
    }
  }

  /**
   * Takes every `$ref` that resolves to `missingRef` out of the documents given to this draft's ajv
   * and records why at each of them. False when no `$ref` could be found (nothing to retry).
   */
  private takeOutRef(ajv: AjvInstance, draft: Draft, missingRef: string, target: AnySchemaObject | undefined): boolean {
    const resolver = (ajv.opts as { uriResolver: { resolve(base: string, ref: string): string } }).uriResolver;
    const resolve = (ref: string, base: string | undefined) => {
      try {
        return base === undefined ? ref : resolver.resolve(base, ref);
      } catch {
        return ref;
      }
    };
    const wanted = stripEmptyFragment(missingRef);
    let found = false;
    for (const [uri, doc] of this.givenDocuments(draft)) {
      const { sites } = refSites(doc, uri, draft, resolve);
      for (const site of sites) {
        if (!site.resolved.some((r) => stripEmptyFragment(r) === wanted)) continue;
        delete site.node[site.key];
        found = true;
        const resolved = site.resolved[0];
        const original = this.getSchemaDocument(uri);
        const at: RefLocation = { documentUri: uri, pointer: site.pointer, ref: site.ref, resolved, ...this.sourceLocation(original, `${site.pointer}/${escapePointer(site.key)}`) };
        const byDoc = this.refProblems.get(draft) ?? new Map<string, SchemaProblem[]>();
        this.refProblems.set(draft, byDoc);
        const list = byDoc.get(uri) ?? [];
        byDoc.set(uri, list);
        list.push(this.refProblem(at, target));
      }
    }
    return found;
  }

  private refProblem(at: RefLocation, target: AnySchemaObject | undefined): SchemaProblem {
    const where = at.path ? `${path.basename(at.path)}${at.range ? `:${at.range.start.line + 1}:${at.range.start.character + 1}` : ''}` : `${at.documentUri}#${at.pointer}`;
    const named = at.resolved === at.ref ? `\`${at.ref}\`` : `\`${at.ref}\` (${at.resolved})`;
    const lead = `The $ref ${named} at ${where} cannot be resolved:`;
    const tail = 'That part of the schema is not checked.';
    if (target) {
      return { code: 'schema-ref-unresolved', uri: at.resolved, at, message: `${lead} that schema has no such place. ${tail}` };
    }
    const unavailable = this.unavailable(withoutFragment(at.resolved));
    return { ...unavailable, at, message: `${lead} ${unavailable.message} ${tail}` };
  }

  /** The file and range of a pointer in a document read from a file. */
  private sourceLocation(doc: AnySchemaObject | undefined, pointer: string): { path?: string; range?: Range } {
    const file = doc ? this.sourcePaths.get(doc) : undefined;
    if (!file) return {};
    const text = this.readFile(file);
    if (text === undefined) return { path: file };
    const parsed = parseFile(text);
    const location = parsed.documents[0]?.locations.get(pointer);
    return location ? { path: file, range: parsed.lines.rangeOf(location.value) } : { path: file };
  }

  /** The problems of references taken out of the documents this one uses, transitively. */
  private refProblemsReachedFrom(root: AnySchemaObject, draft: Draft): SchemaProblem[] {
    const byDoc = this.refProblems.get(draft);
    if (!byDoc?.size) return [];
    const problems: SchemaProblem[] = [];
    for (const doc of this.documentsReachedFrom(root, draft)) {
      const uri = this.canonical.get(doc);
      problems.push(...(uri ? byDoc.get(uri) ?? [] : []));
    }
    return problems;
  }

  /** The document and every document it references, transitively, each once. */
  private *documentsReachedFrom(root: AnySchemaObject, draft: Draft): Generator<AnySchemaObject> {
    const pending = [root];
    const seen = new Set<AnySchemaObject>();
    while (pending.length) {
      const doc = pending.pop()!;
      if (seen.has(doc)) continue;
      seen.add(doc);
      yield doc;
      for (const target of referencedDocuments(doc, this.canonical.get(doc), draft)) {
        const next = this.documents.get(target) ?? this.documents.get(normalizedUri(target));
        if (next) pending.push(next);
      }
    }
  }

  /** Patterns the linear-time engine cannot run, in the documents this one uses: not checked, said once each. */
  private patternProblemsReachedFrom(root: AnySchemaObject, draft: Draft): SchemaProblem[] {
    const problems: SchemaProblem[] = [];
    for (const doc of this.documentsReachedFrom(root, draft)) {
      const uri = this.canonical.get(doc) ?? '';
      for (const { pattern, pointer } of patternsOf(doc)) {
        let reason: string | undefined;
        try {
          reason = linearRegExp(pattern).unsupported;
        } catch {
          continue; // not a regular expression at all: ajv said so when compiling
        }
        if (!reason) continue;
        const shown = pattern.length > 80 ? `${pattern.slice(0, 79)}…` : pattern;
        problems.push({
          code: 'schema-pattern-unsupported',
          severity: 'information',
          uri,
          message: `The pattern \`${shown}\` at ${isFileUri(uri) ? pathOfFileUri(uri) : uri}#${pointer} cannot run on the linear-time regular expression engine (${reason}); it runs on the backtracking engine instead, cut off after ${FALLBACK_TIMEOUT_MS} ms per value (a value not decided in time does not match).`,
        });
      }
    }
    return problems;
  }

  private unavailable(uri: string): SchemaProblem {
    const mapped = this.mappedPath(uri);
    if (mapped) return { code: 'schema-not-found', uri, message: `The schema ${uri} is mapped to ${mapped}, which was not found or is not valid JSON.` };
    if (isRemoteUri(uri)) {
      const failure = this.fetchFailures.get(uri);
      if (failure) return { code: 'schema-remote-failed', uri, message: `The remote schema ${uri} could not be fetched: ${failure}` };
      if (!this.allowRemote) {
        return {
          code: 'schema-remote-blocked',
          uri,
          message: `The schema ${uri} is remote and no local schema has that $id; remote schemas are not fetched unless the setting cacheWarden.allowRemoteSchemas is on (or mirror it into a folder listed in cacheWarden.schemaDirs).`,
        };
      }
      return { code: 'schema-remote-pending', uri, message: `The remote schema ${uri} is being fetched; the file is validated once it arrives.` };
    }
    const where = isFileUri(uri) ? pathOfFileUri(uri) : uri;
    return { code: 'schema-not-found', uri, message: `The schema ${where} was not found or is not valid JSON.` };
  }

  /** Reads a schema file; `knownAs` is the remote URI a schema mapping read it for. */
  private loadFile(uri: string, knownAs?: string): AnySchemaObject | undefined {
    const file = pathOfFileUri(uri);
    const text = this.readFile(file);
    let doc: AnySchemaObject | undefined;
    try {
      const parsed: unknown = text === undefined ? undefined : JSON.parse(text);
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) doc = parsed as AnySchemaObject;
      // A boolean schema: `true` allows everything, `false` nothing.
      else if (typeof parsed === 'boolean') doc = parsed ? {} : { not: {} };
    } catch {
      doc = undefined;
    }
    if (!doc) {
      this.missing.add(knownAs ?? uri);
      return undefined;
    }
    this.sourcePaths.set(doc, file);
    this.addDocument(doc, knownAs ?? uri);
    return doc;
  }

  private addDocument(doc: AnySchemaObject, fromUri: string | undefined): void {
    const ownId = typeof doc.$id === 'string' ? doc.$id : typeof doc.id === 'string' ? doc.id : undefined;
    const id = ownId ? withoutFragment(resolveUri(ownId, fromUri)) : fromUri;
    if (!id) return;
    this.generation++;
    this.canonical.set(doc, id);
    if (!this.documents.has(id)) this.documents.set(id, doc);
    if (fromUri) this.documents.set(withoutFragment(fromUri), doc);
  }

  private ajvFor(draft: Draft): AjvInstance {
    let ajv = this.ajvs.get(draft);
    if (ajv) return ajv;
    // validateSchema off: meta-validation doubles the cold compile time and ajv reports broken
    // schemas at compile anyway. verbose: errors carry their schema, for custom messages.
    // code.regExp: `pattern`s and `patternProperties` run on a linear-time engine (linearRegExp.ts).
    // code.optimize off: the optimizing pass over the generated code is a third of a cold compile
    // (the cache layer schema: ~50 → ~35 ms) and validation measured no slower without it.
    const options = { allErrors: true, strict: false, verbose: true, validateSchema: false, code: { regExp: ajvRegExp, optimize: false } };
    if (draft === '2020-12') ajv = new Ajv2020(options);
    else if (draft === '2019-09') ajv = new Ajv2019(options);
    else if (draft === '04') ajv = new AjvDraft04(options) as unknown as AjvInstance;
    else {
      ajv = new Ajv(options);
      ajv.addMetaSchema(DRAFT06_META_SCHEMA);
    }
    addFormats(ajv as never);
    this.ajvs.set(draft, ajv);
    this.added.set(draft, new Set());
    return ajv;
  }
}

export function draftOf(schema: AnySchemaObject): Draft {
  const declared = typeof schema.$schema === 'string' ? schema.$schema : '';
  if (declared.includes('draft-04')) return '04';
  if (declared.includes('draft-06')) return '06';
  if (declared.includes('2019-09')) return '2019-09';
  if (declared.includes('2020-12')) return '2020-12';
  return '07';
}

/**
 * Absolute URIs (no fragment) of the other documents a schema document's references point into:
 * each reference resolved against its base URI (changed by `$id`s on the way), leaving out the
 * document itself and every resource embedded in it.
 */
export function referencedDocuments(doc: AnySchemaObject, base: string | undefined, draft: Draft = draftOf(doc)): string[] {
  const { sites, ids } = refSites(doc, base, draft, resolveUri);
  const out = new Set<string>();
  for (const site of sites) {
    const target = withoutFragment(site.resolved[0]);
    if (target && !ids.has(target) && !ids.has(normalizedUri(target))) out.add(target);
  }
  return [...out];
}

interface RefSite {
  node: Record<string, unknown>;
  key: string;
  ref: string;
  pointer: string;
  /** The reference resolved against the node's own `$id` (first) and against its parent's base. */
  resolved: string[];
}

const DATA_KEYWORDS = new Set(['enum', 'const', 'examples', 'default']);
const REF_KEYWORDS = ['$ref', '$dynamicRef', '$recursiveRef'];

/** Every reference in a document with its base URI, and the URIs of the resources it embeds. */
function refSites(doc: AnySchemaObject, base: string | undefined, draft: Draft, resolve: (ref: string, base: string | undefined) => string): { sites: RefSite[]; ids: Set<string> } {
  const idKey = draft === '04' ? 'id' : '$id';
  const sites: RefSite[] = [];
  const ids = new Set<string>();
  if (base) ids.add(withoutFragment(base));
  const stack: { node: unknown; base: string | undefined; pointer: string }[] = [{ node: doc, base, pointer: '' }];
  while (stack.length) {
    const { node, base: parentBase, pointer } = stack.pop()!;
    if (!node || typeof node !== 'object') continue;
    if (Array.isArray(node)) {
      node.forEach((item, i) => stack.push({ node: item, base: parentBase, pointer: `${pointer}/${i}` }));
      continue;
    }
    const record = node as Record<string, unknown>;
    const id = record[idKey];
    let ownBase = parentBase;
    if (typeof id === 'string' && !id.startsWith('#')) {
      ownBase = resolve(id, parentBase);
      ids.add(withoutFragment(ownBase));
    }
    for (const [key, value] of Object.entries(record)) {
      if (REF_KEYWORDS.includes(key) && typeof value === 'string') {
        const resolved = [...new Set([resolve(value, ownBase), resolve(value, parentBase)])];
        sites.push({ node: record, key, ref: value, pointer, resolved });
      } else if (!DATA_KEYWORDS.has(key) && value && typeof value === 'object') {
        stack.push({ node: value, base: ownBase, pointer: `${pointer}/${escapePointer(key)}` });
      }
    }
  }
  return { sites, ids };
}

/** Every `pattern` string and `patternProperties` key of a document, with its JSON pointer. */
function patternsOf(doc: AnySchemaObject): { pattern: string; pointer: string }[] {
  const out: { pattern: string; pointer: string }[] = [];
  const stack: { node: unknown; pointer: string }[] = [{ node: doc, pointer: '' }];
  while (stack.length) {
    const { node, pointer } = stack.pop()!;
    if (!node || typeof node !== 'object') continue;
    if (Array.isArray(node)) {
      node.forEach((item, i) => stack.push({ node: item, pointer: `${pointer}/${i}` }));
      continue;
    }
    for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
      const at = `${pointer}/${escapePointer(key)}`;
      if (key === 'pattern' && typeof value === 'string') out.push({ pattern: value, pointer: at });
      if (key === 'patternProperties' && value && typeof value === 'object' && !Array.isArray(value)) {
        for (const pattern of Object.keys(value)) out.push({ pattern, pointer: `${at}/${escapePointer(pattern)}` });
      }
      if (key === 'properties' && value && typeof value === 'object') {
        // Property names are not keywords: only their schemas are walked.
        for (const [name, sub] of Object.entries(value)) stack.push({ node: sub, pointer: `${at}/${escapePointer(name)}` });
        continue;
      }
      if (!DATA_KEYWORDS.has(key) && value && typeof value === 'object') stack.push({ node: value, pointer: at });
    }
  }
  return out.sort((a, b) => a.pointer.localeCompare(b.pointer));
}

function escapePointer(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** ajv's MissingRefError (any copy of the class): the reference and the document it needs. */
function missingRefOf(error: unknown): { missingRef: string; missingSchema: string } | undefined {
  const e = error as { missingRef?: unknown; missingSchema?: unknown };
  return typeof e?.missingRef === 'string' && typeof e.missingSchema === 'string' ? { missingRef: e.missingRef, missingSchema: e.missingSchema } : undefined;
}

function stripEmptyFragment(uri: string): string {
  return uri.endsWith('#') ? uri.slice(0, -1) : uri;
}

/** A URI as WHATWG URL writes it (`http://host` → `http://host/`), or unchanged. */
function normalizedUri(uri: string): string {
  try {
    return new URL(uri).href;
  } catch {
    return uri;
  }
}

function recordWhereabouts(doc: object, uri: string, into: WeakMap<object, { uri: string; pointer: string }>): void {
  const stack: { node: unknown; pointer: string }[] = [{ node: doc, pointer: '' }];
  while (stack.length) {
    const { node, pointer } = stack.pop()!;
    if (!node || typeof node !== 'object' || into.has(node)) continue;
    into.set(node, { uri, pointer });
    const entries = Array.isArray(node) ? node.map((v, i) => [String(i), v] as const) : Object.entries(node);
    for (const [key, value] of entries) {
      if (value && typeof value === 'object') stack.push({ node: value, pointer: `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}` });
    }
  }
}

/**
 * A draft-04 document handed to a later draft's ajv (which rejects `id` and boolean exclusive
 * bounds) is rewritten the way draft 06 migrated it, in place on the given copy.
 */
function idsFor(doc: AnySchemaObject, docDraft: Draft, ajvDraft: Draft): AnySchemaObject {
  if (docDraft !== '04' || ajvDraft === '04') return doc;
  const stack: unknown[] = [doc];
  while (stack.length) {
    const node = stack.pop();
    if (!node || typeof node !== 'object') continue;
    if (Array.isArray(node)) {
      stack.push(...node);
      continue;
    }
    const record = node as Record<string, unknown>;
    if (typeof record.id === 'string' && record.$id === undefined) {
      record.$id = record.id;
      delete record.id;
    }
    // Draft 04's boolean exclusiveMinimum/Maximum modify minimum/maximum; later drafts take the number.
    for (const [exclusive, bound] of [['exclusiveMinimum', 'minimum'], ['exclusiveMaximum', 'maximum']] as const) {
      if (typeof record[exclusive] !== 'boolean') continue;
      if (record[exclusive] === true && typeof record[bound] === 'number') {
        record[exclusive] = record[bound];
        delete record[bound];
      } else delete record[exclusive];
    }
    for (const [key, value] of Object.entries(record)) if (!DATA_KEYWORDS.has(key)) stack.push(value);
  }
  return doc;
}

/** A document read from a file keeps its `$id`; one without gets the file URI as its id. */
function withOwnId(doc: AnySchemaObject, uri: string, draft: Draft): AnySchemaObject {
  if (typeof doc.$id === 'string' || typeof doc.id === 'string') return doc;
  return draft === '04' ? { ...doc, id: uri } : { ...doc, $id: uri };
}
