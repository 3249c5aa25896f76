// Terraform (`*.tf`) that declares ElastiCache: `aws_elasticache_parameter_group` (its `parameter {
// name value }` blocks), `aws_elasticache_replication_group`, `aws_elasticache_cluster` and
// `aws_elasticache_serverless_cache`. The file is parsed with a real HCL grammar (the Lezer parser of
// codemirror-lang-hcl: pure JS, every node with its offsets), so values are located exactly and a
// file that does not parse is reported at the line. A parameter group referenced as
// `aws_elasticache_parameter_group.x.name` is looked up in this file, then in the module's usual
// sibling files (main.tf, elasticache.tf, …) when the editor or CLI can read them.
import * as path from 'node:path';
import type { SyntaxNode, Tree } from '@lezer/common';
import type { Span } from '../types';
import type { AdaptedFile, AdapterInput, FormatAdapter, SettingSite } from './adapter';
import {
  elastiCacheLayers, type ClusterDecl, type ClusterKind, type GroupRef, type ParameterGroupDecl, type Written,
} from './elastiCache';
import { formatSyntax, problemsOnly } from './formatProblems';

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
  if (error) return { blocks: [], error };
  // The grammar reads a string or heredoc one character per token, which costs quadratic time
  // (a 10 kB policy document takes seconds). Long ones are never a value read here: each is
  // parsed as a `0` padded with blanks (offsets and line breaks kept), and read as `other`.
  const tree = hclParser().parse(long.length ? masked(text, long) : text);
  const body = tree.topNode.getChild('Body');
  return { blocks: body ? blocksOf(body, text) : [] };
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
  const attributes = new Map<string, HclAttribute>();
  for (const attribute of body?.getChildren('Attribute') ?? []) {
    const id = attribute.getChild('Identifier');
    const expression = attribute.getChild('Expression');
    if (!id || !expression) continue;
    const name = text.slice(id.from, id.to);
    attributes.set(name, { name, key: { start: id.from, end: id.to }, value: valueOf(expression, text) });
  }
  return {
    type: typeNode ? text.slice(typeNode.from, typeNode.to) : '',
    typeSpan: typeNode ? { start: typeNode.from, end: typeNode.to } : { start: node.from, end: node.from },
    labels,
    attributes,
    blocks: body ? blocksOf(body, text, depth + 1) : [],
    span: { start: node.from, end: node.to },
  };
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

/** Where a module's parameter groups usually live, tried when one is referenced but not here. */
const SIBLING_FILES = ['main.tf', 'elasticache.tf', 'redis.tf', 'valkey.tf', 'cache.tf', 'parameter_groups.tf', 'parameters.tf'];

/** How the rules' field names read in Terraform. */
export const TERRAFORM_TERMS: Readonly<Record<string, string>> = {
  eviction: 'maxmemory-policy',
  maxMemory: 'maxmemory',
  containerMemoryLimit: 'node_type memory',
};

export const terraformAdapter: FormatAdapter = {
  id: 'terraform',
  title: 'Terraform file',
  paths: ['*.tf'],
  yaml: false,
  read(input: AdapterInput): AdaptedFile | undefined {
    // Only modules that declare ElastiCache say anything about caches (or are parsed at all).
    if (!input.text.includes('aws_elasticache_')) return undefined;
    const file = parseHcl(input.text);
    if (file.error) {
      const line = input.lines.positionAt(file.error.at).line;
      return problemsOnly('terraform', [formatSyntax(
        `This Terraform file does not parse as HCL (${file.error.problem}, line ${line + 1}), so its ElastiCache resources are not checked.`,
        input.lines.rangeOf({ start: Math.min(file.error.at, input.lines.lineEnd(line)), end: input.lines.lineEnd(line) }),
        'docs/formats/elasticache.md',
      )]);
    }
    const groups = parameterGroups(file.blocks);
    const clusters: ClusterDecl[] = [];
    let siblings: { file: string; groups: ParameterGroupDecl[] }[] | undefined;
    const siblingGroups = (): { file: string; groups: ParameterGroupDecl[] }[] => {
      siblings ??= readSiblings(input);
      return siblings;
    };
    for (const block of resources(file.blocks)) {
      const known = CLUSTER_TYPES[block.labels[0].text];
      if (!known) continue;
      // A cluster that joins a replication group is one of its nodes: the group is the backend.
      if (known.kind === 'cache-cluster' && block.attributes.has('replication_group_id')) continue;
      const name = literal(block, known.nameKey);
      const engine = literal(block, 'engine');
      const engineVersion = literal(block, 'engine_version');
      const nodeType = literal(block, 'node_type');
      clusters.push({
        kind: known.kind,
        typeName: block.labels[0].text,
        id: block.labels[1].text,
        label: `${block.labels[0].text}.${block.labels[1].text}`,
        declared: block.labels[1].span,
        ...(name ? { name } : {}),
        ...(engine ? { engine } : {}),
        ...(engineVersion ? { engineVersion } : {}),
        ...(nodeType ? { nodeType } : {}),
        group: known.kind === 'serverless' ? { kind: 'default' } : groupRef(block, groups, siblingGroups),
      });
    }
    if (!groups.length && !clusters.length) return undefined;
    const settings: SettingSite[] = [];
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

/** `resource "type" "name" { … }` blocks. */
function resources(blocks: readonly HclBlock[]): HclBlock[] {
  return blocks.filter((b) => b.type === 'resource' && b.labels.length === 2);
}

function literal(block: HclBlock, name: string): Written | undefined {
  const attribute = block.attributes.get(name);
  if (!attribute || (attribute.value.kind !== 'string' && attribute.value.kind !== 'number')) return undefined;
  return { value: attribute.value.text, span: attribute.value.span, key: attribute.key };
}

function parameterGroups(blocks: readonly HclBlock[]): ParameterGroupDecl[] {
  return resources(blocks).filter((b) => b.labels[0].text === 'aws_elasticache_parameter_group').map((block) => {
    const group: ParameterGroupDecl = { id: block.labels[1].text, label: `aws_elasticache_parameter_group.${block.labels[1].text}`, declared: block.labels[1].span };
    const name = literal(block, 'name');
    if (name) group.name = name.value;
    const family = literal(block, 'family');
    if (family) group.family = family;
    for (const parameter of block.blocks.filter((b) => b.type === 'parameter')) {
      const key = parameter.attributes.get('name');
      const value = literal(parameter, 'value');
      if (!key || key.value.kind !== 'string' || !value) continue;
      // The parameter's name is its key: hovers and findings about a missing value land there.
      const written: Written = { value: value.value, span: value.span, key: key.value.span };
      if (key.value.text === 'maxmemory-policy') group.policy = written;
      else if (key.value.text === 'reserved-memory-percent') group.reserved = written;
      else if (key.value.text === 'error_on_memory_exhausted') group.errorOnFull = written;
    }
    return group;
  });
}

function groupRef(block: HclBlock, groups: readonly ParameterGroupDecl[], siblings: () => { file: string; groups: ParameterGroupDecl[] }[]): GroupRef {
  const attribute = block.attributes.get('parameter_group_name');
  if (!attribute) return { kind: 'default' };
  const at: Written = { value: attribute.value.text, span: attribute.value.span, key: attribute.key };
  const value = attribute.value;
  if (value.kind === 'ref') {
    const match = /^aws_elasticache_parameter_group\.([\w-]+)\.(?:name|id)$/.exec(value.text);
    if (!match) return { kind: 'unknown', at };
    const group = groups.find((g) => g.id === match[1]);
    if (group) return { kind: 'group', group, at };
    for (const sibling of siblings()) {
      const found = sibling.groups.find((g) => g.id === match[1]);
      if (found) return { kind: 'sibling', group: found, file: sibling.file, at };
    }
    return { kind: 'unknown', at };
  }
  if (value.kind === 'string') {
    if (/^default\./i.test(value.text)) return { kind: 'default-named', at };
    const group = groups.find((g) => g.name === value.text);
    if (group) return { kind: 'group', group, at };
    for (const sibling of siblings()) {
      const found = sibling.groups.find((g) => g.name === value.text);
      if (found) return { kind: 'sibling', group: found, file: sibling.file, at };
    }
  }
  return { kind: 'unknown', at };
}

function readSiblings(input: AdapterInput): { file: string; groups: ParameterGroupDecl[] }[] {
  if (!input.readSibling) return [];
  const folder = path.posix.dirname(input.relativePath);
  const self = path.posix.basename(input.relativePath);
  const out: { file: string; groups: ParameterGroupDecl[] }[] = [];
  for (const name of SIBLING_FILES) {
    if (name === self) continue;
    const file = folder === '.' ? name : `${folder}/${name}`;
    const text = input.readSibling(file);
    if (text === undefined || !text.includes('aws_elasticache_parameter_group')) continue;
    const parsed = parseHcl(text);
    if (!parsed.error) out.push({ file, groups: parameterGroups(parsed.blocks) });
  }
  return out;
}
