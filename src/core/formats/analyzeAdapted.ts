// The analysis of a file a format adapter reads: the adapter's own problems, then the rules on
// each synthetic CacheLayer document (only those the format can express), with messages in the
// format's words and quick fixes turned into edits of the real file. Fixes are checked like any
// other: applied, read again by the same adapter, and offered only when they change exactly their
// target (fixCheck.ts, through `reparsers`).
import type { FileAnalysis } from '../analyze';
import type { DocumentModel, ParsedFile } from '../document/model';
import { LineIndex } from '../document/lineIndex';
import { reparsers } from '../rules/fixCheck';
import { RULES } from '../rules/registry';
import { runRules, type RuleRunOptions } from '../rules/runRules';
import { intentOnlyDocs } from '../rules/yamlEdits';
import type { Diagnostic, Fix } from '../types';
import type { AdaptedFile, AdaptedLayer } from './adapter';
import { cacheEntityName } from '../catalog/cacheConfigSource';
import { formatRef, parseRef } from '../catalog/entityRef';

export interface AdaptedAnalysisInput {
  filePath: string;
  text: string;
  lines: LineIndex;
  adapted: AdaptedFile;
  /** Reads a changed text again with the same adapter (for checking fixes). */
  reread(text: string): AdaptedFile | undefined;
  rules: Omit<RuleRunOptions, 'filePath' | 'maxFindings'>;
  /** Diagnostics the generic pipeline found (syntax, a schema the user mapped onto the file). */
  base?: Diagnostic[];
}

/** The synthetic documents of an adapted file, as one ParsedFile over the real text. */
export function adaptedParse(text: string, lines: LineIndex, adapted: AdaptedFile | undefined): ParsedFile {
  const documents: DocumentModel[] = (adapted?.layers ?? []).map((layer, index) => {
    const doc = layer.doc.index === index ? layer.doc : { ...layer.doc, index };
    intentOnlyDocs.add(doc);
    return doc;
  });
  return { text, lines, documents };
}

export function analyzeAdapted(input: AdaptedAnalysisInput): FileAnalysis {
  const parsed = adaptedParse(input.text, input.lines, input.adapted);
  reparsers.set(parsed, (text) => {
    const again = input.reread(text);
    const result = adaptedParse(text, input.lines.text === text ? input.lines : new LineIndex(text), again);
    // Text the adapter can no longer read counts as a syntax error, so the fix is refused.
    const problems = again?.diagnostics.filter((d) => d.severity === 'error') ?? [];
    if (problems.length && result.documents[0]) result.documents[0] = { ...result.documents[0], syntaxErrors: problems };
    return result;
  });
  const diagnostics: Diagnostic[] = [...(input.base ?? []), ...input.adapted.diagnostics];
  input.adapted.layers.forEach((layer, index) => {
    // CW014 (declared vs deployed) holds for every format: it compares this file with a cache layer file.
    const rules = RULES.filter((rule) => layer.rules.has(rule.id) || rule.id === 'CW014');
    const found = runRules({ text: input.text, lines: input.lines, documents: [parsed.documents[index]] }, {
      ...input.rules, filePath: input.filePath, rules,
    });
    for (const d of found) diagnostics.push(inFormatTerms(d, layer, index));
  });
  diagnostics.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  return { parsed, association: { schemaId: null, origin: 'none', diagnostics: [] }, diagnostics };
}

function inFormatTerms(d: Diagnostic, layer: AdaptedLayer, index: number): Diagnostic {
  const fixes: Fix[] = [];
  for (const fix of d.fixes ?? []) {
    if (fix.title.startsWith('Suppress ')) {
      // The suppression comment is written on the real text already (`#` comments).
      fixes.push(fix);
      continue;
    }
    const translated = translateFix(fix, layer);
    if (translated) fixes.push(translated);
  }
  const entity = subjectOf(d.message, layer);
  const message = layer.reword ? layer.reword(d.code, rephrase(d.message, layer.terms, layer.termSeparator)) : rephrase(d.message, layer.terms, layer.termSeparator);
  const related = layer.related?.(d.code, message) ?? [];
  return {
    ...d,
    message,
    fixes,
    ...(related.length ? { related: [...(d.related ?? []), ...related] } : {}),
    data: { ...d.data, docIndex: index, ...(entity ? { entity } : {}) },
  };
}

/**
 * The catalog entity a finding is about: the first cache or backend of the layer its message
 * names (rules name their subject first: "Cache `products` has no …", "Backend `redis` evicts …").
 */
function subjectOf(message: string, layer: AdaptedLayer): string | undefined {
  const value = layer.doc.value as { metadata?: { service?: unknown }; spec?: { caches?: { name?: unknown }[]; backends?: { name?: unknown }[] } };
  const service = typeof value.metadata?.service === 'string' ? parseRef(value.metadata.service).name : undefined;
  const caches = new Set((value.spec?.caches ?? []).map((c) => c.name).filter((n): n is string => typeof n === 'string'));
  const backends = new Set((value.spec?.backends ?? []).map((b) => b.name).filter((n): n is string => typeof n === 'string'));
  for (const [, name] of message.matchAll(/`([^`]+)`/g)) {
    if (service && caches.has(name)) return formatRef('cache', cacheEntityName(service, name));
    if (backends.has(name)) return formatRef('resource', name);
  }
  return undefined;
}

function translateFix(fix: Fix, layer: AdaptedLayer): Fix | undefined {
  if (!fix.targets?.length || !layer.editFor) return undefined;
  const edits = [];
  const targets = [...fix.targets];
  for (const target of fix.targets) {
    const made = layer.editFor(target.pointer, target.value);
    if (!made?.length) return undefined;
    edits.push(...made);
    for (const pointer of layer.sharedWith?.(target.pointer) ?? []) {
      if (!targets.some((t) => t.pointer === pointer)) targets.push({ ...target, pointer });
    }
  }
  return { ...fix, title: rephrase(fix.title, layer.terms, layer.termSeparator), edits, targets };
}

/** Backticked model terms in the format's words: `` `ttl.value` `` → `` `spring.cache.redis.time-to-live` ``. */
export function rephrase(message: string, terms: Readonly<Record<string, string>> | undefined, separator = ': '): string {
  if (!terms) return message;
  return message.replace(/`([^`]+)`/g, (whole, inner: string) => {
    if (terms[inner] !== undefined) return `\`${terms[inner]}\``;
    const colon = inner.indexOf(': ');
    if (colon > 0 && terms[inner.slice(0, colon)] !== undefined) return `\`${terms[inner.slice(0, colon)]}${separator}${inner.slice(colon + 2)}\``;
    return whole;
  });
}
