// What a format adapter is: it reads a file teams already have (Spring's application.yml, a
// redis.conf, a compose file, Helm values, CloudFormation, Terraform, nginx.conf) with the format's
// own parser and maps what it says about caches onto the cache layer model — backends, caches and
// what they front — as synthetic CacheLayer documents whose source map points into the real file.
// The rules CW001–CW013 then run on those documents unchanged and report at the real line; quick
// fixes are turned back into edits of the real file by the adapter (`editFor`).
import type { DocumentModel, ParsedFile } from '../document/model';
import type { LineIndex } from '../document/lineIndex';
import type { CompletionItem } from '../schema/completion';
import type { Diagnostic, Range, Span, TextEdit } from '../types';

export interface AdapterInput {
  /** Absolute path (the model's key). */
  path: string;
  /** Path relative to the workspace folder, `/` separators. */
  relativePath: string;
  text: string;
  lines: LineIndex;
  /** The model's parse, for YAML and JSON files (one per file version; adapters never re-parse it). */
  parsed?: ParsedFile;
  /**
   * Reads another file of the same workspace folder (path relative to the folder, `/`
   * separators), bounded in size; undefined when it does not exist or cannot be read. For what a
   * file's meaning depends on (the helmfile that names a values file's release).
   */
  readSibling?(relativePath: string): string | undefined;
  /**
   * The files of a folder of the same workspace folder (`.` for its root; `/` separators), as
   * paths relative to the workspace folder, not descending into subfolders; undefined when the
   * folder cannot be listed. The file is read again when a file appears in that folder or goes
   * (a Terraform module's `variables.tf`, an `*.auto.tfvars`).
   */
  listSiblings?(relativeFolder: string): string[] | undefined;
}

/** One synthetic CacheLayer document and the rules that make sense for it. */
export interface AdaptedLayer {
  /** `value` is CacheLayer-shaped; `locations` map its pointers to spans in the real file. */
  doc: DocumentModel;
  /**
   * Rule ids that apply: the ones whose fields the format can express. A Spring file has no place
   * for an owner or a key template, so CW013 and CW005 would only ever report what cannot be fixed there.
   */
  rules: ReadonlySet<string>;
  /**
   * The format's words for the model's fields, used in messages: `ttl.value` →
   * `spring.cache.redis.time-to-live`. Keys are the backticked terms the rules write.
   */
  terms?: Readonly<Record<string, string>>;
  /** How `key: value` reads in the format (`: ` in YAML, a space in redis.conf, `=` in properties). */
  termSeparator?: string;
  /** A message in the format's own words when term substitution is not enough (by rule code). */
  reword?(code: string, message: string): string;
  /**
   * The edit that gives the model's `pointer` the value `value` in the real file, or undefined
   * when the format has no way to say it (the fix is then not offered).
   */
  editFor?(pointer: string, value: unknown): TextEdit[] | undefined;
  /**
   * Other pointers the same written setting gives their value (Spring's one `time-to-live` is the
   * `ttl` of every cache of the app): a fix to `pointer` changes them too, so it is held to giving
   * each of them the same value instead of being refused for changing more than its target.
   */
  sharedWith?(pointer: string): string[];
  /**
   * Places in other files a finding of rule `code` (its message in the format's words) comes
   * from — a Terraform variable's value in terraform.tfvars: added to the finding's related locations.
   */
  related?(code: string, message: string): { uri: string; range: Range; message: string }[];
}

/** A recognised setting written in the file: what its hover explains. */
export interface SettingSite {
  /** Where the key (or directive, or argument name) is written. */
  span: Span;
  /** What the hover says: the setting's meaning, its default, the failure it prevents (markdown). */
  markdown: string;
}

export interface AdaptedFile {
  /** The adapter's id, e.g. `redis-conf`. */
  format: string;
  layers: AdaptedLayer[];
  /** Problems of the format itself: a file that does not parse is reported, never skipped silently. */
  diagnostics: Diagnostic[];
  settings: SettingSite[];
}

export interface FormatAdapter {
  id: string;
  /** How the format is named to users ("Redis server config"). */
  title: string;
  /**
   * Cheap recognition by path: globs relative to the workspace folder (picomatch, `/`
   * separators; a glob without `/` matches the file name in any folder). No read, no parse.
   */
  paths: readonly string[];
  /**
   * For paths that may or may not be this format (any `*.yaml` may be a Kubernetes manifest): the
   * first few KB of the file decide. Absent: the path alone decides.
   */
  sniff?(head: string, relativePath: string): boolean;
  /** Whether the model parses the file as YAML/JSON before `read` (the parse is shared). */
  yaml: boolean;
  /**
   * The format writes YAML tags of its own (CloudFormation's `!Ref`, `!GetAtt`, `!Sub`): the
   * parse's `yaml-tag-resolve-failed` warnings are not reported for its files (the adapter reads
   * the tags from the text).
   */
  customYamlTags?: boolean;
  /**
   * Completion at `offset` where the format has a known set of keys or values (directives of a
   * redis.conf, nginx). YAML formats without it get the schema engine's completion.
   */
  complete?(text: string, offset: number): CompletionItem[];
  /** Reads the file; undefined when it turns out to say nothing about caches. */
  read(input: AdapterInput): AdaptedFile | undefined;
}
