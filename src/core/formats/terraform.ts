// Terraform (`*.tf`) that declares ElastiCache: `aws_elasticache_parameter_group` (its `parameter {
// name value }` blocks), `aws_elasticache_replication_group`, `aws_elasticache_cluster` and
// `aws_elasticache_serverless_cache`. The file is parsed with a real HCL grammar (the Lezer parser of
// codemirror-lang-hcl: pure JS, every node with its offsets), so values are located exactly and a
// file that does not parse is reported at the line. Values written as `var.x` or `local.x` are
// followed to the tfvars, default or local that gives them; a parameter group referenced as
// `aws_elasticache_parameter_group.x.name` is looked up in this file, then in the folder's other
// .tf files; a local module's ElastiCache resources are read with the module block's arguments
// (terraformValues.ts). Other expressions are unknown: nothing is assumed from them.
import * as path from 'node:path';
import type { SyntaxNode, Tree } from '@lezer/common';
import type { Span } from '../types';
import type { AdaptedFile, AdapterInput, FormatAdapter, SettingSite } from './adapter';
import {
  elastiCacheLayers, type ClusterDecl, type ClusterKind, type GroupRef, type ParameterGroupDecl, type Written,
} from './elastiCache';
import { formatSyntax, problemsOnly } from './formatProblems';
import { hoverReference, parsedHcl, TfFolder, writtenOf, type ReadContext, type TfFile } from './terraformValues';

interface HclParser { parse(text: string): Tree }

let parser: HclParser | undefined;

/** Loaded on first use: most workspaces have no .tf file. */
function hclParser(): HclParser {
  parser ??= (require('codemirror-lang-hcl') as typeof import('codemirror-lang-hcl')).hclLanguage.parser;
  return parser;
}

export interface HclValue {
  kind: 'string' | 'number' | 'bool' | 'ref' | 'other';
  /** The string's content (when it has no escapes or interpolation), the number, the reference. */
  text: string;
  /** A string's content between its quotes; the whole expression otherwise. */
  span: Span;
}

export interface HclAttribute {
  name: string;
  key: Span;
  value: HclValue;
}

export interface HclBlock {
  type: string;
  typeSpan: Span;
  labels: { text: string; span: Span }[];
  attributes: Map<string, HclAttribute>;
  blocks: HclBlock[];
  span: Span;
}

export interface HclFile {
  blocks: HclBlock[];
  /** Top-level `name = value` (a tfvars file). */
  attributes: Map<string, HclAttribute>;
  /** The first syntax error: where, and what is wrong there. */
  error?: { at: number; problem: string };
}

/**
 * Parses HCL into blocks and attributes with exact spans. The Lezer grammar recovers from what it
 * cannot parse and also stumbles on some valid HCL (a function call inside an object literal,
 * `{ Name = format("%s", x) }`), so its error nodes are not reported as such: syntax errors come
 * from `hclStructureError`, a tokenizer that knows strings, templates, heredocs and comments.
 */
export function parseHcl(text: string): HclFile {
  const long: Span[] = [];
  const error = hclStructureError(text, long);
  if (error) return { blocks: [], attributes: new Map(), error };
  // The grammar reads a string or heredoc one character per token, which costs quadratic time
  // (a 10 kB policy document takes seconds). Long ones are never a value read here: each is
  // parsed as a `0` padded with blanks (offsets and line breaks kept), and read as `other`.
  const tree = hclParser().parse(long.length ? masked(text, long) : text);
  const body = tree.topNode.getChild('Body');
  return { blocks: body ? blocksOf(body, text) : [], attributes: body ? attributesOf(body, text) : new Map() };
}

/** Strings longer than this (quotes included) and every heredoc are masked before parsing. */
const LONG_LITERAL = 128;

function masked(text: string, spans: readonly Span[]): string {
  let out = '';
  let at = 0;
  for (const span of spans) {
    out += text.slice(at, span.start) + '0' + text.slice(span.start + 1, span.end).replace(/[^\r\n]/g, ' ');
    at = span.end;
  }
  return out + text.slice(at);
}

type Opener = { char: '{' | '[' | '(' | '"' | '${'; at: number };

const CLOSER: Readonly<Record<string, string>> = { '{': '}', '[': ']', '(': ')', '${': '}' };

/**
 * The first structural mistake of an HCL text: a bracket closed by the wrong one or never closed,
 * a string that runs to the end of its line, an unterminated heredoc or comment, an attribute
 * with nothing after its `=`. Other mistakes are `terraform validate`'s business.
 */
export function hclStructureError(text: string, long?: Span[]): { at: number; problem: string } | undefined {
  const stack: Opener[] = [];
  const lineOf = (offset: number): number => text.slice(0, offset).split('\n').length;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const top = stack[stack.length - 1];
    const c = text[i];
    if (top?.char === '"') {
      if (c === '\\') i += 2;
      else if (c === '"') {
        stack.pop();
        i++;
        // A top-level string (not one inside another's `${…}`): long ones are masked for the grammar.
        if (long && !stack.some((o) => o.char === '"') && i - top.at > LONG_LITERAL) long.push({ start: top.at, end: i });
      }
      else if (c === '\n') return { at: top.at, problem: 'a string that is not closed on its line' };
      else if ((c === '$' || c === '%') && text[i + 1] === c && text[i + 2] === '{') i += 3;
      else if ((c === '$' || c === '%') && text[i + 1] === '{') { stack.push({ char: '${', at: i }); i += 2; }
      else i++;
      continue;
    }
    if (c === '#' || (c === '/' && text[i + 1] === '/')) {
      while (i < n && text[i] !== '\n') i++;
      continue;
    }
    if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      if (end === -1) return { at: i, problem: 'a `/*` comment that is never closed' };
      i = end + 2;
      continue;
    }
    if (c === '"') { stack.push({ char: '"', at: i }); i++; continue; }
    if (c === '<' && text[i + 1] === '<') {
      const heredoc = /^<<-?([A-Za-z_][\w-]*)[ \t]*\r?\n/.exec(text.slice(i, i + 200));
      if (heredoc) {
        const marker = new RegExp(`^[ \\t]*${heredoc[1]}[ \\t]*\\r?$`, 'gm');
        marker.lastIndex = i + heredoc[0].length;
        const end = marker.exec(text);
        if (!end) return { at: i, problem: `a heredoc whose \`${heredoc[1]}\` end line never comes` };
        if (long && !stack.some((o) => o.char === '"')) long.push({ start: i, end: end.index + end[0].length });
        i = end.index + end[0].length;
        continue;
      }
    }
    if (c === '{' || c === '[' || c === '(') { stack.push({ char: c, at: i }); i++; continue; }
    if (c === '}' || c === ']' || c === ')') {
      const open = stack.pop();
      if (!open || CLOSER[open.char] !== c) return { at: i, problem: open ? `unexpected \`${c}\` (the \`${open.char}\` on line ${lineOf(open.at)} is still open)` : `unexpected \`${c}\`` };
      i++;
      continue;
    }
    if (c === '=' && text[i + 1] !== '=' && text[i + 1] !== '>' && !'=!<>'.includes(text[i - 1] ?? '')) {
      let j = i + 1;
      while (j < n && (text[j] === ' ' || text[j] === '\t' || text[j] === '\r')) j++;
      if (j >= n || text[j] === '\n' || text[j] === '}' || text[j] === '#' || (text[j] === '/' && text[j + 1] === '/')) {
        return { at: i, problem: 'an attribute with nothing after its `=`' };
      }
    }
    i++;
  }
  const open = stack.pop();
  if (open) return { at: open.at, problem: open.char === '"' ? 'a string that is never closed' : `\`${open.char}\` that is never closed` };
  return undefined;
}

/** Nesting deeper than this is not read (resource → parameter is two levels; hostile input is deeper). */
const MAX_BLOCK_DEPTH = 32;

function blocksOf(body: SyntaxNode, text: string, depth = 0): HclBlock[] {
  return depth >= MAX_BLOCK_DEPTH ? [] : body.getChildren('Block').map((node) => blockOf(node, text, depth));
}

function blockOf(node: SyntaxNode, text: string, depth: number): HclBlock {
  const typeNode = node.getChild('BlockType');
  const labels = node.getChildren('BlockLabel').map((label) => {
    const literal = label.getChild('StringLit')?.getChild('TemplateLiteral');
    const span = literal ? { start: literal.from, end: literal.to } : { start: label.from, end: label.to };
    return { text: text.slice(span.start, span.end), span };
  });
  const body = node.getChild('Body');
  return {
    type: typeNode ? text.slice(typeNode.from, typeNode.to) : '',
    typeSpan: typeNode ? { start: typeNode.from, end: typeNode.to } : { start: node.from, end: node.from },
    labels,
    attributes: body ? attributesOf(body, text) : new Map(),
    blocks: body ? blocksOf(body, text, depth + 1) : [],
    span: { start: node.from, end: node.to },
  };
}

function attributesOf(body: SyntaxNode, text: string): Map<string, HclAttribute> {
  const attributes = new Map<string, HclAttribute>();
  for (const attribute of body.getChildren('Attribute')) {
    const id = attribute.getChild('Identifier');
    const expression = attribute.getChild('Expression');
    if (!id || !expression) continue;
    const name = text.slice(id.from, id.to);
    attributes.set(name, { name, key: { start: id.from, end: id.to }, value: valueOf(expression, text) });
  }
  return attributes;
}

function valueOf(expression: SyntaxNode, text: string): HclValue {
  const whole = { start: expression.from, end: expression.to };
  const literal = expression.getChild('LiteralValue');
  const string = literal?.getChild('StringLit');
  if (string) {
    const content = string.getChild('TemplateLiteral');
    const span = content ? { start: content.from, end: content.to } : { start: string.from + 1, end: string.from + 1 };
    const raw = text.slice(span.start, span.end);
    // Only a string whose source is its value maps onto a span (no escapes to undo).
    return /\\|\$\$\{|%%\{/.test(raw) ? { kind: 'other', text: raw, span: whole } : { kind: 'string', text: raw, span };
  }
  if (literal?.getChild('NumericLit') && !/^["<]/.test(text.slice(literal.from, literal.from + 1))) return { kind: 'number', text: text.slice(literal.from, literal.to), span: whole };
  if (literal?.getChild('BoolLit')) return { kind: 'bool', text: text.slice(literal.from, literal.to), span: whole };
  const empty = expression.getChild('TemplateExpr')?.getChild('QuotedTemplate');
  if (empty && !empty.firstChild?.nextSibling?.nextSibling) return { kind: 'string', text: '', span: { start: empty.from + 1, end: empty.from + 1 } };
  if (expression.firstChild?.name === 'VariableExpr') {
    const parts = [expression.firstChild, ...expression.getChildren('GetAttr')];
    if (parts.length === countChildren(expression)) return { kind: 'ref', text: text.slice(expression.from, expression.to).replace(/\s+/g, ''), span: whole };
  }
  return { kind: 'other', text: text.slice(expression.from, expression.to), span: whole };
}

function countChildren(node: SyntaxNode): number {
  let n = 0;
  for (let child = node.firstChild; child; child = child.nextSibling) n++;
  return n;
}

const CLUSTER_TYPES: Readonly<Record<string, { kind: ClusterKind; nameKey: string }>> = {
  aws_elasticache_replication_group: { kind: 'replication-group', nameKey: 'replication_group_id' },
  aws_elasticache_cluster: { kind: 'cache-cluster', nameKey: 'cluster_id' },
  aws_elasticache_serverless_cache: { kind: 'serverless', nameKey: 'name' },
};

/** The parameters Cache Warden reads from a parameter group. */
const PARAMETERS = ['maxmemory-policy', 'reserved-memory-percent', 'error_on_memory_exhausted'];

/** A module block whose source is a folder of this workspace (`./…`, `../…`). */
const LOCAL_MODULE = /\bsource\s*=\s*"\.\.?\//;

/** How the rules' field names read in Terraform. */
export const TERRAFORM_TERMS: Readonly<Record<string, string>> = {
  eviction: 'maxmemory-policy',
  maxMemory: 'maxmemory',
  containerMemoryLimit: 'node_type memory',
};

type SiblingGroups = () => { file: string; groups: ParameterGroupDecl[] }[];

export const terraformAdapter: FormatAdapter = {
  id: 'terraform',
  title: 'Terraform file',
  // Variable files are read by the .tf files of their folder; a change to one reads those again.
  paths: ['*.tf', '*.tfvars'],
  yaml: false,
  read(input: AdapterInput): AdaptedFile | undefined {
    // Only modules that declare ElastiCache, or call a local module, say anything about caches (or are parsed at all).
    const declares = input.text.includes('aws_elasticache_');
    if (!declares && !LOCAL_MODULE.test(input.text)) return undefined;
    if (input.relativePath.endsWith('.tfvars')) return undefined;
    const file = parsedHcl(input.text);
    if (file.error) {
      if (!declares) return undefined;
      const line = input.lines.positionAt(file.error.at).line;
      return problemsOnly('terraform', [formatSyntax(
        `This Terraform file does not parse as HCL (${file.error.problem}, line ${line + 1}), so its ElastiCache resources are not checked.`,
        input.lines.rangeOf({ start: Math.min(file.error.at, input.lines.lineEnd(line)), end: input.lines.lineEnd(line) }),
        'docs/formats/elasticache.md',
      )]);
    }
    const own: TfFile = { rel: input.relativePath, text: input.text };
    const folder = new TfFolder(input, dirOf(input.relativePath), own);
    const settings: SettingSite[] = [];
    const ctx: ReadContext = { input, own, scope: { folder }, settings };
    const groups = parameterGroups(own, file.blocks, ctx);
    let siblings: { file: string; groups: ParameterGroupDecl[] }[] | undefined;
    const siblingGroups: SiblingGroups = () => {
      siblings ??= folder.files()
        .filter((f) => f !== own && f.text.includes('aws_elasticache_parameter_group'))
        .map((f) => ({ file: f.rel, groups: parameterGroups(f, parsedHcl(f.text).blocks, ctx) }));
      return siblings;
    };
    const clusters = clustersOf(own, file.blocks, groups, siblingGroups, ctx);
    for (const call of file.blocks) {
      if (call.type === 'module' && call.labels.length === 1) clusters.push(...moduleClusters(call, folder, ctx));
    }
    if (!groups.length && !clusters.length) return settings.length ? { format: 'terraform', layers: [], diagnostics: [], settings } : undefined;
    const layers = elastiCacheLayers({
      text: input.text,
      lines: input.lines,
      groups,
      clusters,
      words: { groupKey: 'parameter_group_name', nodeTypeKey: 'node_type', newGroup: 'declare an aws_elasticache_parameter_group' },
      terms: TERRAFORM_TERMS,
      termSeparator: ' = ',
      // Values are located between their quotes.
      policyText: (_written, policy) => policy,
      settings,
    });
    return { format: 'terraform', layers, diagnostics: [], settings };
  },
};

function dirOf(relativePath: string): string {
  const dir = path.posix.dirname(relativePath);
  return dir === '.' ? '' : dir;
}

/** `resource "type" "name" { … }` blocks. */
function resources(blocks: readonly HclBlock[]): HclBlock[] {
  return blocks.filter((b) => b.type === 'resource' && b.labels.length === 2);
}

/** A value the reader uses only when it is known (a name, an engine version, a node type). */
function known(written: Written | 'unknown' | undefined): Written | undefined {
  return written === 'unknown' ? undefined : written;
}

/** The clusters of a local module called here, read from the module's folder with the block's arguments. */
function moduleClusters(call: HclBlock, folder: TfFolder, ctx: ReadContext): ClusterDecl[] {
  const source = call.attributes.get('source')?.value;
  if (source?.kind !== 'string' || !/^\.\.?\//.test(source.text)) return [];
  const dir = path.posix.normalize(path.posix.join(folder.dir || '.', source.text)).replace(/\/+$/, '');
  // Outside the workspace folder, or the calling folder itself: not followed.
  if (dir === '..' || dir.startsWith('../') || dir === (folder.dir || '.')) return [];
  const moduleFolder = new TfFolder(ctx.input, dir === '.' ? '' : dir);
  const files = moduleFolder.files().filter((f) => f.text.includes('aws_elasticache_'));
  if (!files.length) return [];
  const name = call.labels[0].text;
  // The arguments the module's ElastiCache files use, when they are references here: their hovers.
  for (const [argument, attribute] of call.attributes) {
    if (argument !== 'source' && files.some((f) => f.text.includes(`var.${argument}`))) hoverReference(ctx, attribute.value);
  }
  const inModule: ReadContext = { ...ctx, scope: { folder: moduleFolder, call: { name, block: call, file: ctx.own, scope: ctx.scope } }, anchor: call.labels[0].span };
  const prefix = `module.${name}.`;
  const groups = files.flatMap((f) => parameterGroups(f, parsedHcl(f.text).blocks, inModule, prefix));
  return files.flatMap((f) => clustersOf(f, parsedHcl(f.text).blocks, groups, () => [], inModule, prefix));
}

function clustersOf(file: TfFile, blocks: readonly HclBlock[], groups: readonly ParameterGroupDecl[], siblings: SiblingGroups, ctx: ReadContext, prefix = ''): ClusterDecl[] {
  const clusters: ClusterDecl[] = [];
  const here = file === ctx.own;
  for (const block of resources(blocks)) {
    const kind = CLUSTER_TYPES[block.labels[0].text];
    if (!kind) continue;
    // A cluster that joins a replication group is one of its nodes: the group is the backend.
    if (kind.kind === 'cache-cluster' && block.attributes.has('replication_group_id')) continue;
    const name = known(writtenOf(block.attributes.get(kind.nameKey), file, ctx));
    const engine = writtenOf(block.attributes.get('engine'), file, ctx);
    const engineVersion = known(writtenOf(block.attributes.get('engine_version'), file, ctx));
    const nodeType = known(writtenOf(block.attributes.get('node_type'), file, ctx));
    clusters.push({
      kind: kind.kind,
      typeName: block.labels[0].text,
      id: block.labels[1].text,
      label: `${prefix}${block.labels[0].text}.${block.labels[1].text}`,
      declared: here ? block.labels[1].span : ctx.anchor!,
      ...(name ? { name } : {}),
      ...(engine && engine !== 'unknown' ? { engine } : {}),
      ...(engine === 'unknown' ? { engineUnknown: true } : {}),
      ...(engineVersion ? { engineVersion } : {}),
      ...(nodeType ? { nodeType } : {}),
      group: kind.kind === 'serverless' ? { kind: 'default' } : groupRef(block, file, groups, siblings, ctx),
    });
  }
  return clusters;
}

function parameterGroups(file: TfFile, blocks: readonly HclBlock[], ctx: ReadContext, prefix = ''): ParameterGroupDecl[] {
  const here = file === ctx.own;
  return resources(blocks).filter((b) => b.labels[0].text === 'aws_elasticache_parameter_group').map((block) => {
    const label = `${prefix}aws_elasticache_parameter_group.${block.labels[1].text}`;
    const group: ParameterGroupDecl = { id: block.labels[1].text, label, declared: here ? block.labels[1].span : (ctx.anchor ?? block.labels[1].span) };
    const unknown = new Set<string>();
    const name = known(writtenOf(block.attributes.get('name'), file, ctx));
    if (name) group.name = name.value;
    const family = known(writtenOf(block.attributes.get('family'), file, ctx));
    if (family) group.family = family;
    for (const parameter of block.blocks) {
      // `dynamic "parameter"` writes parameters from a collection: none of them is known.
      if (parameter.type === 'dynamic' && parameter.labels[0]?.text === 'parameter') PARAMETERS.forEach((p) => unknown.add(p));
      if (parameter.type !== 'parameter') continue;
      const key = parameter.attributes.get('name');
      if (!key || key.value.kind !== 'string' || !PARAMETERS.includes(key.value.text)) continue;
      // The parameter's name is its key: hovers and findings about a missing value land there.
      const value = writtenOf(parameter.attributes.get('value'), file, ctx, here ? key.value.span : undefined);
      if (value === 'unknown') {
        unknown.add(key.value.text);
        continue;
      }
      if (!value) continue;
      unknown.delete(key.value.text);
      if (key.value.text === 'maxmemory-policy') group.policy = value;
      else if (key.value.text === 'reserved-memory-percent') group.reserved = value;
      else group.errorOnFull = value;
    }
    for (const parameter of PARAMETERS) {
      const set = parameter === 'maxmemory-policy' ? group.policy : parameter === 'reserved-memory-percent' ? group.reserved : group.errorOnFull;
      if (set) unknown.delete(parameter);
    }
    if (unknown.size) group.unknownParameters = [...unknown];
    return group;
  });
}

function groupRef(block: HclBlock, file: TfFile, groups: readonly ParameterGroupDecl[], siblings: SiblingGroups, ctx: ReadContext): GroupRef {
  const attribute = block.attributes.get('parameter_group_name');
  if (!attribute) return { kind: 'default' };
  const here = file === ctx.own;
  const value = attribute.value;
  const reference = value.kind === 'ref' ? /^aws_elasticache_parameter_group\.([\w-]+)\.(?:name|id)$/.exec(value.text) : null;
  if (reference) {
    const at: Written = here ? { value: value.text, span: value.span, key: attribute.key } : { value: value.text, span: ctx.anchor! };
    const group = groups.find((g) => g.id === reference[1]);
    if (group) return { kind: 'group', group, at };
    for (const sibling of siblings()) {
      const found = sibling.groups.find((g) => g.id === reference[1]);
      if (found) return { kind: 'sibling', group: found, file: sibling.file, at };
    }
    return { kind: 'unknown', at };
  }
  const written = writtenOf(attribute, file, ctx);
  if (written === undefined || written === 'unknown') return { kind: 'unknown', at: { value: value.text, span: here ? value.span : ctx.anchor!, ...(here ? { key: attribute.key } : {}) } };
  const at = written;
  if (/^default\./i.test(written.value)) return { kind: 'default-named', at };
  const group = groups.find((g) => g.name === written.value);
  if (group) return { kind: 'group', group, at };
  for (const sibling of siblings()) {
    const found = sibling.groups.find((g) => g.name === written.value);
    if (found) return { kind: 'sibling', group: found, file: sibling.file, at };
  }
  return { kind: 'unknown', at };
}
