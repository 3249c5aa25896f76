// Following entity refs: Go to Definition lands in the entity's doc at its heading (else where it
// is declared); every resolved ref with a doc elsewhere is a document link (Ctrl/Cmd+click).
import type { DefinitionParams, DocumentLink, DocumentLinkParams, LocationLink } from 'vscode-languageserver';
import type { Entity } from '../core/graph/graphModel';
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
  const ref = model.catalog.refAt(fileOf(params.textDocument.uri), params.position);
  const entity = ref?.target ? model.catalog.entity(ref.target) : undefined;
  const target = entity ? entityTarget(entity) : undefined;
  if (!ref || !target) return null;
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
  return links;
}
