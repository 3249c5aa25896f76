// Knows every schema (built-ins, schemaDirs, files named by users) by absolute URI and compiles
// each one once with the ajv flavour its `$schema` asks for. Remote schemas are never fetched
// unless allowed; before any fetch a remote URL is looked up among the local schemas by `$id`, so a
// mirrored catalog works offline.
import Ajv, { type AnySchemaObject, type ValidateFunction } from 'ajv';
import Ajv2019 from 'ajv/dist/2019';
import Ajv2020 from 'ajv/dist/2020';
import draft06MetaSchema from 'ajv/dist/refs/json-schema-draft-06.json';
import AjvDraft04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { BUILTIN_SCHEMAS } from './builtinSchemas';
import { listSchemaFiles, readTextFile } from './schemaFiles';
import { fileUriOf, isFileUri, isRemoteUri, pathOfFileUri, resolveUri, withoutFragment } from './schemaUris';

export type Draft = '04' | '06' | '07' | '2019-09' | '2020-12';
type AjvInstance = InstanceType<typeof Ajv>;

/** A problem with the schema itself (not with the file being validated). */
export interface SchemaProblem {
  code: 'schema-not-found' | 'schema-remote-blocked' | 'schema-remote-pending' | 'schema-remote-failed' | 'schema-invalid';
  message: string;
  /** The URI the problem is about (a missing file, a blocked URL). */
  uri: string;
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
}

export class SchemaRegistry {
  readonly allowRemote: boolean;
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

  constructor(options: SchemaRegistryOptions = {}) {
    this.allowRemote = options.allowRemote ?? false;
    this.readFile = options.readFile ?? readTextFile;
    this.fetchText = options.fetchText;
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
    const known = this.documents.get(key);
    if (known || this.missing.has(key)) return known;
    if (isFileUri(key)) return this.loadFile(key);
    return undefined;
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
    return [...new Set(this.canonical.values())].filter((id) => !isFileUri(id));
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
    // Validators compiled while a schema was missing must be compiled again.
    this.compiled.clear();
  }

  private compile(id: string): CompiledSchema {
    const root = this.getSchemaDocument(id);
    const draft = root ? draftOf(root) : '07';
    if (!root) {
      return { id, draft, problems: [this.unavailable(id)] };
    }
    // Gather the documents this one references, transitively, reporting the ones we cannot have.
    const problems: SchemaProblem[] = [];
    const needed: AnySchemaObject[] = [];
    const pending: AnySchemaObject[] = [root];
    const seen = new Set<AnySchemaObject>();
    while (pending.length) {
      const doc = pending.pop()!;
      if (seen.has(doc)) continue;
      seen.add(doc);
      needed.push(doc);
      for (const uri of referencedDocuments(doc, this.canonical.get(doc))) {
        const target = this.getSchemaDocument(uri);
        if (target) pending.push(target);
        else if (!problems.some((p) => p.uri === uri)) problems.push(this.unavailable(uri));
      }
    }
    if (problems.length) return { id, draft, problems };
    const ajv = this.ajvFor(draft);
    const added = this.added.get(draft)!;
    try {
      for (const doc of needed) {
        const uri = this.canonical.get(doc)!;
        if (added.has(uri)) continue;
        const given = withOwnId(doc, uri, draft);
        ajv.addSchema(given, uri);
        added.add(uri);
        recordWhereabouts(given, uri, this.whereabouts);
      }
      const validate = ajv.getSchema(this.canonical.get(root)!);
      if (!validate) return { id, draft, problems: [{ code: 'schema-invalid', uri: id, message: `The schema ${id} could not be compiled.` }] };
      return { id, draft, validate, problems: [] };
    } catch (error) {
      return { id, draft, problems: [{ code: 'schema-invalid', uri: id, message: `The schema ${id} could not be compiled: ${(error as Error).message}` }] };
    }
  }

  private unavailable(uri: string): SchemaProblem {
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

  private loadFile(uri: string): AnySchemaObject | undefined {
    const text = this.readFile(pathOfFileUri(uri));
    let doc: AnySchemaObject | undefined;
    try {
      const parsed: unknown = text === undefined ? undefined : JSON.parse(text);
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) doc = parsed as AnySchemaObject;
    } catch {
      doc = undefined;
    }
    if (!doc) {
      this.missing.add(uri);
      return undefined;
    }
    this.addDocument(doc, uri);
    return doc;
  }

  private addDocument(doc: AnySchemaObject, fromUri: string | undefined): void {
    const ownId = typeof doc.$id === 'string' ? doc.$id : typeof doc.id === 'string' ? doc.id : undefined;
    const id = ownId ? withoutFragment(resolveUri(ownId, fromUri)) : fromUri;
    if (!id) return;
    this.canonical.set(doc, id);
    if (!this.documents.has(id)) this.documents.set(id, doc);
    if (fromUri) this.documents.set(withoutFragment(fromUri), doc);
  }

  private ajvFor(draft: Draft): AjvInstance {
    let ajv = this.ajvs.get(draft);
    if (ajv) return ajv;
    // validateSchema off: meta-validation doubles the cold compile time and ajv reports broken
    // schemas at compile anyway. verbose: errors carry their schema, for custom messages.
    const options = { allErrors: true, strict: false, verbose: true, validateSchema: false };
    if (draft === '2020-12') ajv = new Ajv2020(options);
    else if (draft === '2019-09') ajv = new Ajv2019(options);
    else if (draft === '04') ajv = new AjvDraft04(options) as unknown as AjvInstance;
    else {
      ajv = new Ajv(options);
      ajv.addMetaSchema(draft06MetaSchema);
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

/** Absolute URIs (no fragment) of the other documents a schema document's `$ref`s point into. */
export function referencedDocuments(doc: AnySchemaObject, base: string | undefined): string[] {
  const out = new Set<string>();
  const self = base ? withoutFragment(base) : undefined;
  const stack: unknown[] = [doc];
  while (stack.length) {
    const node = stack.pop();
    if (Array.isArray(node)) stack.push(...node);
    else if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if ((key === '$ref' || key === '$dynamicRef' || key === '$recursiveRef') && typeof value === 'string') {
          if (value.startsWith('#')) continue;
          const target = withoutFragment(resolveUri(value, base));
          if (target && target !== self) out.add(target);
        } else if (key !== 'enum' && key !== 'const' && key !== 'examples' && key !== 'default') stack.push(value);
      }
    }
  }
  return [...out];
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

/** A document read from a file keeps its `$id`; one without gets the file URI as its id. */
function withOwnId(doc: AnySchemaObject, uri: string, draft: Draft): AnySchemaObject {
  if (typeof doc.$id === 'string' || typeof doc.id === 'string') return doc;
  return draft === '04' ? { ...doc, id: uri } : { ...doc, $id: uri };
}
