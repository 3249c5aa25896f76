// Following entity refs: Go to Definition lands in the entity's doc at its heading (else where it
// is declared); every resolved ref with a doc elsewhere is a document link (Ctrl/Cmd+click).
// Paths written in cache configs and docs' front matter (`docs:`, `runbook:`, `source:`, any value
// naming a workspace file, with an optional `#anchor`) are links and definitions too.
import type { DefinitionParams, DocumentLink, DocumentLinkParams, LocationLink } from 'vscode-languageserver';
import { catalogFileRole } from '../core/catalog/catalog';
import { looksLikePath, pathValueLine, resolvePathValue } from '../core/catalog/docLinks';
import { extractFrontMatter } from '../core/catalog/frontMatter';
import { segmentsOf, type ParsedFile } from '../core/document/model';
import type { Entity } from '../core/graph/graphModel';
import type { Range } from '../core/types';
import type { WorkspaceModel } from '../core/workspace/workspaceModel';
import type { DocumentSync } from './documentSync';
import { fileOf, uriOf } from './uris';

/** Where "open this entity" lands: its doc at the first heading, else its first declaration. */
export function entityTarget(entity: Entity): { file: string; line: number } | undefined {
  if (entity.docFile !== undefined) return { file: entity.docFile, line: entity.docLine ?? 0 };
  const source = entity.sources[0];
  return source ? { file: source.file, line: source.line } : undefined;
}

export function provideDefinition(model: WorkspaceModel, sync: DocumentSync, params: DefinitionParams): LocationLink[] | null {
  sync.flush(params.textDocument.uri);
  const file = fileOf(params.textDocument.uri);
  const ref = model.catalog.refAt(file, params.position);
  const entity = ref?.target ? model.catalog.entity(ref.target) : undefined;
  const target = entity ? entityTarget(entity) : undefined;
  if (!ref || !target) {
    const written = pathValues(model, file).find((p) => contains(p.range, params.position));
    if (!written) return null;
    const at = { start: { line: written.line, character: 0 }, end: { line: written.line, character: 0 } };
    return [{ originSelectionRange: written.range, targetUri: uriOf(written.target), targetRange: at, targetSelectionRange: at }];
  }
  const at = { start: { line: target.line, character: 0 }, end: { line: target.line, character: 0 } };
  return [{ originSelectionRange: ref.range, targetUri: uriOf(target.file), targetRange: at, targetSelectionRange: at }];
}

export function provideDocumentLinks(model: WorkspaceModel, sync: DocumentSync, params: DocumentLinkParams): DocumentLink[] {
  sync.flush(params.textDocument.uri);
  const file = fileOf(params.textDocument.uri);
  const links: DocumentLink[] = [];
  for (const ref of model.catalog.refsInFile(file)) {
    const entity = ref.target ? model.catalog.entity(ref.target) : undefined;
    // A declaration in this very file (a doc's own id) links nowhere new.
    if (!entity?.docFile || entity.docFile === file) continue;
    links.push({ range: ref.range, target: `${uriOf(entity.docFile)}#L${(entity.docLine ?? 0) + 1}`, tooltip: `Open the documentation of ${entity.title ?? entity.name}` });
  }
  for (const written of pathValues(model, file)) {
    if (links.some((l) => overlaps(l.range, written.range))) continue;
    links.push({ range: written.range, target: `${uriOf(written.target)}#L${written.line + 1}`, tooltip: `Open ${model.displayPath(written.target)}` });
  }
  return links;
}

export interface WrittenPath {
  /** The value as written, without its quotes. */
  range: Range;
  target: string;
  /** 0-based line: the anchor's heading, else 0. */
  line: number;
}

/** Every value of a cache config, or of a doc's front matter, that names an existing workspace file. */
export function pathValues(model: WorkspaceModel, file: string): WrittenPath[] {
  const role = catalogFileRole(file);
  if (role !== 'cache-config' && role !== 'doc') return [];
  const entry = model.file(file);
  if (!entry) return [];
  const parsed = role === 'doc' ? extractFrontMatter(entry.text)?.parsed : entry.parsed;
  if (!parsed) return [];
  const root = model.folderOf(file).root;
  const textOf = (f: string): string | undefined => {
    const open = model.file(f);
    return open?.overlayVersion !== undefined ? open.text : undefined;
  };
  const out: WrittenPath[] = [];
  for (const doc of parsed.documents) {
    for (const [pointer, location] of doc.locations) {
      const value = valueAtPointer(doc.value, pointer);
      if (typeof value !== 'string' || !looksLikePath(value)) continue;
      const target = resolvePathValue(file, value, root);
      if (!target || target.file === file) continue;
      out.push({ range: unquoted(parsed, location.value), target: target.file, line: pathValueLine(target, [], textOf) });
    }
  }
  return out;
}

function valueAtPointer(root: unknown, pointer: string): unknown {
  let current = root;
  for (const segment of segmentsOf(pointer)) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}

/** The range of a scalar without its quotes (the link covers the path, not `"`). */
function unquoted(parsed: ParsedFile, span: { start: number; end: number }): Range {
  let { start, end } = span;
  const first = parsed.text[start];
  if ((first === '"' || first === "'") && end - start >= 2 && parsed.text[end - 1] === first) {
    start++;
    end--;
  }
  return parsed.lines.rangeOf({ start, end });
}

function contains(range: Range, p: { line: number; character: number }): boolean {
  const afterStart = p.line > range.start.line || (p.line === range.start.line && p.character >= range.start.character);
  const beforeEnd = p.line < range.end.line || (p.line === range.end.line && p.character <= range.end.character);
  return afterStart && beforeEnd;
}

function overlaps(a: Range, b: Range): boolean {
  return contains(a, b.start) || contains(b, a.start);
}
