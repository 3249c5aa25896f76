// Validates one parsed document against a compiled schema and maps only the failing instance
// paths back to source ranges. oneOf/anyOf failures are explained by the branch that nearly
// matched, never by "must match exactly one schema".
import type { AnySchemaObject, ErrorObject } from 'ajv';
import type { LineIndex } from '../document/lineIndex';
import { locationOf, type DocumentModel, type NodeLocation } from '../document/model';
import type { Diagnostic, Range, Span } from '../types';
import { describeTypes, describeValue, findingFor, nameOf, SCHEMA_PROBLEMS_DOC, type SchemaFinding } from './problemMessages';
import type { Draft, SchemaRegistry } from './schemaRegistry';
import { resolveRef } from './schemaWalk';

export const SCHEMA_SOURCE = 'cache-warden (schema)';
const MAX_FINDINGS = 500;
const MAX_BRANCH_DEPTH = 8;

interface ExplainContext {
  registry: SchemaRegistry;
  draft: Draft;
}

/** Schema findings (no ranges) for a plain value; undefined when the schema is unusable. */
export function validateValue(value: unknown, schemaId: string, registry: SchemaRegistry): SchemaFinding[] | undefined {
  const compiled = registry.getValidator(schemaId);
  if (!compiled.validate) return undefined;
  if (compiled.validate(value)) return [];
  const errors = [...(compiled.validate.errors ?? [])];
  return mergeRequired(explain(errors, { registry, draft: compiled.draft }, 0)).slice(0, MAX_FINDINGS);
}

/**
 * Diagnostics for one document. A document with syntax errors gets none (its syntax errors say
 * enough); a schema that cannot be used is reported once, at the start of the document.
 */
export function validateDocument(doc: DocumentModel, schemaId: string, registry: SchemaRegistry, lines: LineIndex): Diagnostic[] {
  if (doc.syntaxErrors.some((d) => d.severity === 'error') || doc.value === undefined) return [];
  const compiled = registry.getValidator(schemaId);
  if (!compiled.validate) {
    const start = lines.positionAt(doc.span.start);
    return compiled.problems.map((problem) => ({
      code: problem.code,
      severity: 'error',
      message: problem.message,
      range: { start, end: { line: start.line, character: lines.lineText(start.line).length } },
      source: SCHEMA_SOURCE,
      docsUrl: `${SCHEMA_PROBLEMS_DOC}#${problem.code}`,
    }));
  }
  const findings = validateValue(doc.value, schemaId, registry) ?? [];
  const seen = new Set<string>();
  const out: Diagnostic[] = [];
  for (const finding of findings) {
    const range = rangeFor(finding, doc, lines);
    const key = `${finding.code}|${range.start.line}:${range.start.character}|${finding.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({
      code: finding.code,
      severity: 'error',
      message: finding.message,
      range,
      source: SCHEMA_SOURCE,
      docsUrl: `${SCHEMA_PROBLEMS_DOC}#${finding.code}`,
      data: { pointer: finding.pointer, schemaId, ...finding.data },
    });
  }
  return out;
}

function explain(errors: ErrorObject[], ctx: ExplainContext, depth: number): SchemaFinding[] {
  const removed = new Set<number>();
  const explained = new Map<number, SchemaFinding[]>();
  // Latest first: an outer combinator's error follows its branches' (and inner combinators') errors.
  for (let i = errors.length - 1; i >= 0; i--) {
    const error = errors[i];
    if (removed.has(i)) continue;
    if (error.keyword === 'if') removed.add(i);
    if (error.keyword !== 'oneOf' && error.keyword !== 'anyOf') continue;
    const { findings, branchErrors } = explainCombinator(error, ctx, depth);
    explained.set(i, findings);
    const pending = new Map<string, number>();
    for (const e of branchErrors) pending.set(errorKey(e), (pending.get(errorKey(e)) ?? 0) + 1);
    for (let j = i - 1; j >= 0 && pending.size; j--) {
      const key = errorKey(errors[j]);
      const count = pending.get(key);
      if (!count || removed.has(j)) continue;
      removed.add(j);
      if (count === 1) pending.delete(key);
      else pending.set(key, count - 1);
    }
  }
  const out: SchemaFinding[] = [];
  errors.forEach((error, i) => {
    if (removed.has(i)) return;
    out.push(...(explained.get(i) ?? [findingFor(error)]));
  });
  return out;
}

function errorKey(error: ErrorObject): string {
  return `${error.instancePath}|${error.keyword}|${JSON.stringify(error.params)}`;
}

/** Validates the value against each branch on its own and reports the branch that came closest. */
function explainCombinator(error: ErrorObject, ctx: ExplainContext, depth: number): { findings: SchemaFinding[]; branchErrors: ErrorObject[] } {
  const name = nameOf(error.instancePath);
  const branches = Array.isArray(error.schema) ? (error.schema as AnySchemaObject[]) : [];
  const where = error.parentSchema ? ctx.registry.locate(error.parentSchema) : undefined;
  const generic: SchemaFinding = {
    code: 'schema-one-of',
    message: `${name} must be ${branchLabels(branches, where, ctx).join(' or ')} — got ${describeValue(error.data)}.`,
    pointer: error.instancePath,
    target: 'value',
  };
  if (!where || !branches.length || depth >= MAX_BRANCH_DEPTH) return { findings: [generic], branchErrors: [] };
  const passing = (error.params as { passingSchemas?: number[] | null }).passingSchemas;
  const branchErrors: ErrorObject[] = [];
  const candidates: { index: number; findings: SchemaFinding[]; far: boolean }[] = [];
  for (let i = 0; i < branches.length; i++) {
    const validate = ctx.registry.getSubValidator(where.uri, `${where.pointer}/${error.keyword}/${i}`, ctx.draft);
    if (!validate) return { findings: [generic], branchErrors: [] };
    if (validate(error.data)) continue;
    const own = (validate.errors ?? []).map((e) => ({ ...e, instancePath: error.instancePath + e.instancePath }));
    branchErrors.push(...own);
    const far = own.some((e) => e.instancePath === error.instancePath && (e.keyword === 'type' || e.keyword === 'false schema'));
    candidates.push({ index: i, findings: explain(own, ctx, depth + 1), far });
  }
  if (Array.isArray(passing) && passing.length > 1) {
    const labels = branchLabels(passing.map((i) => branches[i]), where, ctx);
    return {
      findings: [{ code: 'schema-one-of', message: `${name} matches more than one of the allowed forms (${labels.join(', ')}); it must match exactly one.`, pointer: error.instancePath, target: 'value' }],
      branchErrors,
    };
  }
  const near = candidates.filter((c) => !c.far && c.findings.length);
  if (!near.length) return { findings: [{ ...generic, code: 'schema-type' }], branchErrors };
  near.sort((a, b) => a.findings.length - b.findings.length || a.index - b.index);
  return { findings: near[0].findings, branchErrors };
}

/** How a branch reads in a message: its title, its constant, or its type. */
function branchLabels(branches: AnySchemaObject[], where: { uri: string } | undefined, ctx: ExplainContext): string[] {
  const root = where ? ctx.registry.getSchemaDocument(where.uri) : undefined;
  const labels = branches.map((branch) => {
    const schema = root && branch && typeof branch === 'object' ? resolveRef({ schema: branch, root, base: ctx.registry.baseUriOf(root) ?? where?.uri }, ctx.registry).schema : branch;
    if (!schema || typeof schema !== 'object') return 'anything';
    if (typeof schema.title === 'string') return schema.title;
    if ('const' in schema) return `\`${typeof schema.const === 'string' ? schema.const : JSON.stringify(schema.const)}\``;
    if (Array.isArray(schema.enum)) return schema.enum.map((v: unknown) => `\`${String(v)}\``).join(' or ');
    if (schema.type !== undefined) return describeTypes(schema.type);
    if (schema.properties) return 'a mapping (key: value pairs)';
    return 'another form';
  });
  return [...new Set(labels)];
}

/** One "missing required properties" finding per mapping instead of one per property. */
function mergeRequired(findings: SchemaFinding[]): SchemaFinding[] {
  const out: SchemaFinding[] = [];
  const byPointer = new Map<string, SchemaFinding>();
  for (const finding of findings) {
    if (finding.code !== 'schema-required') {
      out.push(finding);
      continue;
    }
    const first = byPointer.get(finding.pointer);
    if (!first) {
      const copy = { ...finding, data: { ...finding.data } };
      byPointer.set(finding.pointer, copy);
      out.push(copy);
      continue;
    }
    const missing = [...((first.data?.missing as string[]) ?? []), ...((finding.data?.missing as string[]) ?? [])];
    if (missing.length === new Set(missing).size) {
      first.data = { ...first.data, missing };
      const owner = finding.pointer === '' ? 'The document' : nameOf(finding.pointer);
      first.message = `${owner} is missing the required properties ${missing.map((m) => `\`${m}\``).join(', ')}.`;
    }
  }
  return out;
}

function rangeFor(finding: SchemaFinding, doc: DocumentModel, lines: LineIndex): Range {
  const { pointer, location } = locationOf(doc, finding.pointer);
  const exact = pointer === finding.pointer;
  const span = spanFor(finding, location, exact, lines);
  return lines.rangeOf(span);
}

function spanFor(finding: SchemaFinding, location: NodeLocation, exact: boolean, lines: LineIndex): Span {
  const { key, value } = location;
  if (finding.target === 'key' && exact && key) return key;
  if (finding.target === 'parent-key' && key) return key;
  const empty = value.start === value.end;
  const multiline = lines.positionAt(value.start).line !== lines.positionAt(value.end).line;
  if (key && (empty || multiline) && (exact || finding.target !== 'key')) return key;
  if (multiline || empty) return firstLineOf(value, lines);
  return value;
}

/** The first line of a block (trailing spaces excluded), for a mapping or list without a key. */
function firstLineOf(span: Span, lines: LineIndex): Span {
  const line = lines.positionAt(span.start).line;
  const lineText = lines.lineText(line);
  const end = Math.min(span.end, lines.lineStart(line) + lineText.replace(/\s+$/, '').length);
  return { start: span.start, end: Math.max(end, Math.min(span.start + 1, lines.text.length)) };
}
