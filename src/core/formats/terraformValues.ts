// Terraform values that are not literals, followed the way `terraform plan` would for the values
// Cache Warden reads: `var.NAME` (terraform.tfvars, terraform.tfvars.json, then `*.auto.tfvars` /
// `*.auto.tfvars.json` in name order, the last one winning; else the variable's `default` in any
// .tf file of the folder), `local.NAME` (a `locals` block of the folder), and the variables of a
// local module (`module "x" { source = "./…" }`): the module block's arguments, else the module's
// defaults. Anything else — functions, conditionals, `count.index`, `each.value`, data sources,
// remote modules — is unknown, and nothing is assumed for it. The folder's files are listed and
// read through the adapter input (so the model knows the file depends on them) and each text is
// parsed once, whichever file asks.
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { LineIndex } from '../document/lineIndex';
import type { Span } from '../types';
import type { AdapterInput, SettingSite } from './adapter';
import type { Written } from './elastiCache';
import { parseHcl, type HclAttribute, type HclBlock, type HclFile, type HclValue } from './terraform';

/** One Terraform file of a folder: its workspace-relative path, its text and (on demand) its parse. */
export interface TfFile {
  rel: string;
  text: string;
}

const parses = new Map<string, HclFile>();
let parsedChars = 0;
/** Texts whose parse is kept (the files of the modules being edited), by total size. */
const PARSE_CACHE_CHARS = 8 * 1024 * 1024;

/** The HCL parse of a text, computed once per content (the file itself, and every file that reads it). */
export function parsedHcl(text: string): HclFile {
  const hit = parses.get(text);
  if (hit) {
    parses.delete(text);
    parses.set(text, hit);
    return hit;
  }
  const parsed = parseHcl(text);
  if (text.length <= PARSE_CACHE_CHARS) {
    parses.set(text, parsed);
    parsedChars += text.length;
    for (const [old] of parses) {
      if (parsedChars <= PARSE_CACHE_CHARS) break;
      parses.delete(old);
      parsedChars -= old.length;
    }
  }
  return parsed;
}

/** Where a folder's files are looked for when the folder cannot be listed. */
const USUAL_FILES = ['main.tf', 'variables.tf', 'vars.tf', 'locals.tf', 'elasticache.tf', 'redis.tf', 'valkey.tf', 'cache.tf', 'parameter_groups.tf', 'parameters.tf', 'terraform.tfvars', 'terraform.tfvars.json'];

/** A value given to a root module's variable in a tfvars file. */
interface Given {
  file: TfFile;
  value: HclValue;
}

/** The Terraform files of one folder (a module), read on first use. */
export class TfFolder {
  private tf?: TfFile[];
  private given?: Map<string, Given>;
  private variables?: Map<string, { file: TfFile; block: HclBlock }>;
  private locals?: Map<string, { file: TfFile; attribute: HclAttribute }>;

  /** `dir`: the folder, workspace-relative (`` for the workspace folder's root). */
  constructor(private readonly input: AdapterInput, readonly dir: string, private readonly own?: TfFile) {}

  private names(): string[] {
    const listed = this.input.listSiblings?.(this.dir || '.');
    return listed ?? USUAL_FILES.map((name) => (this.dir ? `${this.dir}/${name}` : name));
  }

  private read(rel: string): TfFile | undefined {
    if (this.own && rel === this.own.rel) return this.own;
    const text = this.input.readSibling?.(rel);
    return text === undefined ? undefined : { rel, text };
  }

  /** The folder's `.tf` files that parse (override files are not followed). */
  files(): TfFile[] {
    if (!this.tf) {
      this.tf = [];
      for (const rel of this.names()) {
        const name = path.posix.basename(rel);
        if (!name.endsWith('.tf') || name === 'override.tf' || name.endsWith('_override.tf')) continue;
        const file = this.read(rel);
        // Only files that may declare what is looked up are parsed (once per content).
        if (file && /variable|locals|aws_elasticache_/.test(file.text) && !parsedHcl(file.text).error) this.tf.push(file);
      }
    }
    return this.tf;
  }

  /** The value a tfvars file of the folder gives `name` (root modules only). */
  givenValue(name: string): Given | undefined {
    if (!this.given) {
      this.given = new Map();
      const names = this.names().map((rel) => path.posix.basename(rel));
      const auto = names.filter((n) => /\.auto\.tfvars(\.json)?$/.test(n)).sort();
      for (const name of ['terraform.tfvars', 'terraform.tfvars.json', ...auto]) {
        if (!names.includes(name) && this.input.listSiblings) continue;
        const file = this.read(this.dir ? `${this.dir}/${name}` : name);
        if (!file) continue;
        for (const [key, value] of name.endsWith('.json') ? jsonValues(file.text) : hclValues(file.text)) this.given.set(key, { file, value });
      }
    }
    return this.given.get(name);
  }

  variable(name: string): { file: TfFile; block: HclBlock } | undefined {
    if (!this.variables) {
      this.variables = new Map();
      for (const file of this.files()) {
        if (!file.text.includes('variable')) continue;
        for (const block of parsedHcl(file.text).blocks) {
          if (block.type === 'variable' && block.labels.length === 1) this.variables.set(block.labels[0].text, { file, block });
        }
      }
    }
    return this.variables.get(name);
  }

  local(name: string): { file: TfFile; attribute: HclAttribute } | undefined {
    if (!this.locals) {
      this.locals = new Map();
      for (const file of this.files()) {
        if (!file.text.includes('locals')) continue;
        for (const block of parsedHcl(file.text).blocks) {
          if (block.type !== 'locals') continue;
          for (const [key, attribute] of block.attributes) this.locals.set(key, { file, attribute });
        }
      }
    }
    return this.locals.get(name);
  }
}

/** Top-level `name = value` of an HCL tfvars file. */
function hclValues(text: string): Map<string, HclValue> {
  const parsed = parsedHcl(text);
  const out = new Map<string, HclValue>();
  if (parsed.error) return out;
  for (const [name, attribute] of parsed.attributes) out.set(name, attribute.value);
  return out;
}

/** Top-level strings, numbers and booleans of a `.tfvars.json`, located in the text. */
function jsonValues(text: string): Map<string, HclValue> {
  const out = new Map<string, HclValue>();
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return out;
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) return out;
  for (const [key, member] of Object.entries(value as Record<string, unknown>)) {
    if (typeof member !== 'string' && typeof member !== 'number' && typeof member !== 'boolean') continue;
    const at = new RegExp(`"${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"\\s*:\\s*`, 'g').exec(text);
    if (!at) continue;
    const start = at.index + at[0].length;
    if (typeof member === 'string') {
      const raw = /^"((?:[^"\\]|\\.)*)"/.exec(text.slice(start));
      // Only a string whose source is its value maps onto a span (no escapes to undo).
      if (!raw || raw[1] !== member) continue;
      out.set(key, { kind: 'string', text: member, span: { start: start + 1, end: start + 1 + member.length } });
    } else {
      const token = /^[^\s,}]+/.exec(text.slice(start));
      if (token) out.set(key, { kind: typeof member === 'number' ? 'number' : 'bool', text: token[0], span: { start, end: start + token[0].length } });
    }
  }
  return out;
}

/** A call of a local module: its variables take the block's arguments, evaluated where it is called. */
export interface ModuleCall {
  name: string;
  block: HclBlock;
  file: TfFile;
  scope: Scope;
}

/** Where references are evaluated: a folder, called as a module or as the root. */
export interface Scope {
  folder: TfFolder;
  call?: ModuleCall;
}

/** Arguments of a module block that are Terraform's, not the module's variables. */
const MODULE_META = new Set(['source', 'version', 'count', 'for_each', 'providers', 'depends_on']);

/** A literal a value comes down to, with where it is written and the references on the way. */
export interface Resolved {
  text: string;
  file: TfFile;
  span: Span;
  /** `var.eviction_policy`, `local.policy`, … in the order they were followed. */
  via: string[];
  /** `default in variables.tf`, `set in terraform.tfvars`, `passed to module.cache in main.tf`. */
  where?: string;
  /** The module block's argument the value came through (in the calling file). */
  argument?: { file: TfFile; span: Span };
}

const MAX_HOPS = 16;

/** The literal `value` (written in `file`, evaluated in `scope`) comes down to, or undefined when it cannot be known. */
export function resolve(value: HclValue, file: TfFile, scope: Scope, via: string[] = [], where?: string, hops = 0): Resolved | undefined {
  if (value.kind === 'string' || value.kind === 'number' || value.kind === 'bool') return { text: value.text, file, span: value.span, via, ...(where ? { where } : {}) };
  if (value.kind !== 'ref' || hops >= MAX_HOPS) return undefined;
  const variable = /^var\.([A-Za-z_][\w-]*)$/.exec(value.text);
  if (variable) {
    const name = variable[1];
    const step = [...via, `var.${name}`];
    if (scope.call) {
      const argument = MODULE_META.has(name) ? undefined : scope.call.block.attributes.get(name);
      if (argument) {
        const resolved = resolve(argument.value, scope.call.file, scope.call.scope, step, `passed to module.${scope.call.name} in ${scope.call.file.rel}`, hops + 1);
        return resolved && !resolved.argument ? { ...resolved, argument: { file: scope.call.file, span: argument.value.span } } : resolved;
      }
    } else {
      const given = scope.folder.givenValue(name);
      // A tfvars file holds values only: a reference there is not followed.
      if (given) return given.value.kind === 'ref' ? undefined : resolve(given.value, given.file, scope, step, `set in ${given.file.rel}`, hops + 1);
    }
    const declared = scope.folder.variable(name);
    const fallback = declared?.block.attributes.get('default');
    return declared && fallback ? resolve(fallback.value, declared.file, scope, step, `default in ${declared.file.rel}`, hops + 1) : undefined;
  }
  const local = /^local\.([A-Za-z_][\w-]*)$/.exec(value.text);
  if (local) {
    const found = scope.folder.local(local[1]);
    return found ? resolve(found.attribute.value, found.file, scope, [...via, `local.${local[1]}`], `set in ${found.file.rel}`, hops + 1) : undefined;
  }
  return undefined;
}

/** How a resolved value is described in messages and hovers. */
export function describe(resolved: Resolved): string {
  return resolved.via.length ? `${resolved.via.join(' → ')}, ${resolved.where}` : `written in ${resolved.file.rel}`;
}

/** What a file's values are read for: the file analysed, where references are evaluated, hovers. */
export interface ReadContext {
  input: AdapterInput;
  /** The file being analysed: every span handed on is a span of its text. */
  own: TfFile;
  scope: Scope;
  /** Where values written in other files are located in this one (a module block's name). */
  anchor?: Span;
  /** Hovers of the references of this file that were followed. */
  settings: SettingSite[];
}

const lineIndexes = new WeakMap<TfFile, LineIndex>();

function linesOf(file: TfFile): LineIndex {
  let lines = lineIndexes.get(file);
  if (!lines) lineIndexes.set(file, (lines = new LineIndex(file.text)));
  return lines;
}

/** The absolute path of a workspace-relative path, from the analysed file's two paths. */
function absolute(input: AdapterInput, rel: string): string {
  const depth = input.relativePath.split('/').length - 1;
  const root = path.resolve(path.dirname(input.path), ...Array<string>(depth).fill('..'));
  return path.join(root, ...rel.split('/'));
}

/**
 * The value of `attribute` (written in `from`) as the ElastiCache reader takes it: undefined when
 * not written, `unknown` when written as something that cannot be followed. A value that comes
 * from elsewhere is located where it is written when that is this file, else at the reference (or,
 * for a module's files, at the module block), with its origin for messages and related locations.
 */
export function writtenOf(attribute: HclAttribute | undefined, from: TfFile, ctx: ReadContext, key?: Span): Written | 'unknown' | undefined {
  if (!attribute) return undefined;
  const resolved = resolve(attribute.value, from, ctx.scope);
  const here = from === ctx.own;
  if (here && attribute.value.kind === 'ref') ctx.settings.push({ span: attribute.value.span, markdown: referenceHover(ctx, attribute.value.text, resolved) });
  if (!resolved) return 'unknown';
  const keySpan = here ? (key ?? attribute.key) : undefined;
  if (resolved.file === ctx.own) {
    return { value: resolved.text, span: resolved.span, ...(keySpan ? { key: keySpan } : {}), ...(resolved.via.length ? { origin: { via: describe(resolved) } } : {}) };
  }
  const uri = absolute(ctx.input, resolved.file.rel);
  return {
    value: resolved.text,
    // From a module's file: at the module block's argument it came through, else at the block.
    span: here ? attribute.value.span : resolved.argument?.file === ctx.own ? resolved.argument.span : (ctx.anchor ?? resolved.span),
    ...(keySpan ? { key: keySpan } : {}),
    origin: { via: describe(resolved), elsewhere: { uri, range: linesOf(resolved.file).rangeOf(resolved.span), file: resolved.file.rel } },
  };
}

/** The hover of a reference written in the analysed file (a module block's argument `var.policy`). */
export function hoverReference(ctx: ReadContext, value: HclValue): void {
  if (value.kind === 'ref') ctx.settings.push({ span: value.span, markdown: referenceHover(ctx, value.text, resolve(value, ctx.own, ctx.scope)) });
}

function referenceHover(ctx: ReadContext, reference: string, resolved: Resolved | undefined): string {
  if (!resolved) {
    return /^var\./.test(reference)
      ? `**${reference}** — no value found: no terraform.tfvars or \`*.auto.tfvars\` entry${ctx.scope.call ? ', no argument in the module block' : ''} and no \`default\`. Cache Warden does not guess it, so what depends on it is not checked.`
      : `**${reference}** — a value Cache Warden does not follow (only \`var.\`, \`local.\` and literals are), so what depends on it is not checked.`;
  }
  const line = linesOf(resolved.file).positionAt(resolved.span.start).line + 1;
  const url = `${pathToFileURL(absolute(ctx.input, resolved.file.rel)).href}#L${line}`;
  return `**${reference}** = \`${resolved.text}\` (${describe(resolved)}): written at [${resolved.file.rel}, line ${line}](${url}).`;
}
