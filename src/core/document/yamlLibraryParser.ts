// The reference parse: the `yaml` package's full Document API turned into our model.
// It handles all of YAML 1.2 and gives precise syntax errors, so it is the path for anything the
// fast scanner declines, and the oracle the fast scanner is tested against.
import type { Node } from 'yaml';
import type { Diagnostic } from '../types';
import type { LineIndex } from './lineIndex';
import { countNodes, PARSE_LIMITS, pointerOf, type DocumentModel, type NodeLocation } from './model';
import { yamlLibrary } from './yamlLibrary';
import { offsetDeeperThan, REFERENCE_PARSER_SAFE_DEPTH } from './nestingGuard';

const SYNTAX_SOURCE = 'cache-warden (yaml)';

class LimitExceeded extends Error {
  constructor(readonly code: string, message: string, readonly offset: number) {
    super(message);
  }
}

export function parseWithYamlLibrary(text: string, lines: LineIndex): DocumentModel[] {
  // The library recurses per nesting level: hostile depth must not reach it (see nestingGuard.ts).
  const deepAt = offsetDeeperThan(text, REFERENCE_PARSER_SAFE_DEPTH);
  if (deepAt !== -1) {
    const doc = failedDocument(0, text, lines, 'nesting-too-deep', tooDeepMessage(), deepAt);
    doc.syntaxErrors[0].range = lines.rangeOf({ start: deepAt, end: Math.min(text.length, lines.lineEnd(lines.positionAt(deepAt).line)) });
    return [doc];
  }
  let docs;
  try {
    const { parseAllDocuments, LineCounter } = yamlLibrary();
    docs = parseAllDocuments(text, { lineCounter: new LineCounter(), prettyErrors: false, uniqueKeys: true});
  } catch (error) {
    return [failedDocument(0, text, lines, 'yaml-parse-failed', `The YAML parser gave up: ${(error as Error).message}`, 0)];
  }
  const list = Array.isArray(docs) ? docs : [docs];
  return list.map((doc, index) => {
    // The library's document range can run one past the text on broken input: clamp it.
    const end = Math.min(doc.range?.[2] ?? text.length, text.length);
    const start = Math.min(doc.range?.[0] ?? 0, end);
    const model: DocumentModel = { index, span: { start, end }, value: undefined, locations: new Map(), syntaxErrors: [] };
    for (const err of [...doc.errors, ...doc.warnings]) {
      const isWarning = doc.warnings.includes(err as never);
      const [from, to] = err.pos;
      model.syntaxErrors.push({
        code: `yaml-${err.code.toLowerCase().replace(/_/g, '-')}`,
        severity: isWarning ? 'warning' : 'error',
        message: humanYamlMessage(err.message),
        range: lines.rangeOf({ start: from, end: Math.max(to, from + 1) }),
        source: SYNTAX_SOURCE,
      });
    }
    if (model.syntaxErrors.some((d) => d.severity === 'error')) return model;
    try {
      const anchors = new Map<string, unknown>();
      const budget = { expansion: 0 };
      model.value = convert(doc.contents as Node | null, [], 0, model.locations, anchors, budget, undefined);
    } catch (error) {
      if (error instanceof LimitExceeded) {
        model.value = undefined;
        model.locations.clear();
        model.syntaxErrors.push({
          code: error.code,
          severity: 'error',
          message: error.message,
          range: lines.rangeOf({ start: error.offset, end: Math.min(text.length, lines.lineEnd(lines.positionAt(error.offset).line)) }),
          source: SYNTAX_SOURCE,
        });
      } else {
        throw error;
      }
    }
    return model;
  });
}

function convert(
  node: Node | null,
  path: (string | number)[],
  depth: number,
  locations: Map<string, NodeLocation>,
  anchors: Map<string, unknown>,
  budget: { expansion: number },
  key: { start: number; end: number } | undefined,
): unknown {
  const { isAlias, isMap, isPair, isScalar, isSeq } = yamlLibrary();
  if (node === null || node === undefined) return null;
  const range = node.range;
  if (depth > PARSE_LIMITS.maxDepth) {
    throw new LimitExceeded('nesting-too-deep', tooDeepMessage(), range?.[0] ?? 0);
  }
  if (range) locations.set(pointerOf(path), key ? { key, value: { start: range[0], end: range[1] } } : { value: { start: range[0], end: range[1] } });
  let value: unknown;
  if (isAlias(node)) {
    if (!anchors.has(node.source)) {
      throw new LimitExceeded('yaml-unknown-alias', `Alias *${node.source} refers to no anchor defined before it.`, range?.[0] ?? 0);
    }
    value = anchors.get(node.source);
    budget.expansion += countNodes(value, PARSE_LIMITS.maxAliasExpansion + 1);
    if (budget.expansion > PARSE_LIMITS.maxAliasExpansion) {
      throw new LimitExceeded(
        'alias-expansion-limit',
        `Aliases expand to more than ${PARSE_LIMITS.maxAliasExpansion} nodes (an "alias bomb"); the file is not validated.`,
        range?.[0] ?? 0,
      );
    }
    return value;
  } else if (isScalar(node)) {
    value = node.value;
    if (typeof value === 'bigint') value = Number(value);
  } else if (isMap(node)) {
    const obj: Record<string, unknown> = {};
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const keyNode = pair.key as Node | null;
      const keyValue = keyNode && isScalar(keyNode) ? keyNode.value : keyNode ? String(keyNode) : '';
      const name = keyValue === null ? '' : String(keyValue);
      if (name === '<<' && pair.value) {
        const merged = convert(pair.value as Node, [...path, name], depth + 1, new Map(), anchors, budget, undefined);
        for (const source of Array.isArray(merged) ? merged : [merged]) {
          if (source && typeof source === 'object') for (const [k, v] of Object.entries(source)) if (!(k in obj)) obj[k] = v;
        }
        continue;
      }
      const keySpan = keyNode?.range ? { start: keyNode.range[0], end: keyNode.range[1] } : undefined;
      obj[name] = pair.value === null
        ? recordNull(locations, [...path, name], keySpan)
        : convert(pair.value as Node, [...path, name], depth + 1, locations, anchors, budget, keySpan);
    }
    value = obj;
  } else if (isSeq(node)) {
    value = node.items.map((item, i) => convert(item as Node, [...path, i], depth + 1, locations, anchors, budget, undefined));
  } else {
    value = null;
  }
  if (node.anchor) anchors.set(node.anchor, value);
  return value;
}

/** `key:` with nothing after it: the value is null and is located at the end of the key. */
function recordNull(locations: Map<string, NodeLocation>, path: (string | number)[], key: { start: number; end: number } | undefined): null {
  if (key) locations.set(pointerOf(path), { key, value: { start: key.end, end: key.end } });
  return null;
}


export function tooDeepMessage(): string {
  return `Nesting is deeper than ${PARSE_LIMITS.maxDepth} levels; the file is not validated.`;
}

function humanYamlMessage(message: string): string {
  // The library's messages end with a code frame in some modes; keep the first sentence only.
  const firstLine = message.split('\n')[0];
  return firstLine.replace(/ at line \d+, column \d+:?$/, '');
}

function failedDocument(index: number, text: string, lines: LineIndex, code: string, message: string, offset: number): DocumentModel {
  return {
    index,
    span: { start: 0, end: text.length },
    value: undefined,
    locations: new Map(),
    syntaxErrors: [{ code, severity: 'error', message, range: lines.rangeOf({ start: offset, end: Math.min(text.length, offset + 1) }), source: SYNTAX_SOURCE }],
  };
}
