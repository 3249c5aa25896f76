// What one file adds to the catalog. Each file is read on its own into a contribution; the graph
// is then assembled from all contributions, so a changed file costs one file's parse.
import type { Diagnostic, Range } from '../types';
import type { EntityKind, EntityLink, RelationType, SourceOrigin } from '../graph/graphModel';
import type { DocumentModel } from '../document/model';
import type { LineIndex } from '../document/lineIndex';

export interface DeclaredEntity {
  ref: string;
  kind: EntityKind;
  name: string;
  /** `metadata.namespace` when it is not `default`. */
  namespace?: string;
  origin: SourceOrigin;
  file: string;
  /** Where the entity is named (the `id` / `metadata.name` / `name` value). */
  range: Range;
  /** Docs and catalog-info files define entities (two definitions are a duplicate); cache configs only add to them. */
  definition: boolean;
  /** Lines [start, end] the declaration covers, to attribute a config's diagnostics to it. */
  extent?: { start: number; end: number };
  type?: string;
  title?: string;
  owner?: string;
  system?: string;
  /** A system's domain (`spec.domain`), normalised like `system`. */
  domain?: string;
  description?: string;
  tags?: string[];
  docFile?: string;
  docLine?: number;
  runbook?: string;
  links?: EntityLink[];
}

/** A ref written in a file: a link to follow, and usually a relation to add. */
export interface RefOccurrence {
  /** The ref as written. */
  text: string;
  /** Field path for messages, e.g. 'dependsOn', 'fronts.name'. */
  field: string;
  /** The entity whose field this is. */
  holder: string;
  /** The written relation this creates (holder → target), if any. */
  relation?: RelationType;
  /** `dependencyOf` written by hand: the relation runs target → holder. */
  inverse?: boolean;
  defaultKind: EntityKind;
  /** The namespace a ref without one is read in: the writing entity's (absent: `default`). */
  defaultNamespace?: string;
  range: Range;
  /**
   * When nothing matches: 'report' a diagnostic; 'ignore' (owner/system are attributes first);
   * 'imply' an entity (a datastore a cache config fronts need not be documented to be drawn).
   */
  onMissing: 'report' | 'ignore' | 'imply';
  implied?: { kind: EntityKind; type?: string };
  /** Already resolved inside the file (a cache's backend declared in the same config). */
  localTarget?: string;
}

/** A Backstage entity of a kind the catalog does not model (Template, Environment, a custom kind). */
export interface UndrawnEntity {
  /** The kind as written (`Template`). */
  kind: string;
  name: string;
  namespace?: string;
  range: Range;
}

/** A Location entity's `spec.target` / `spec.targets` entry. */
export interface LocationTarget {
  /** As written. */
  target: string;
  /** `file` or `url` (`spec.type`, else the Location's type). */
  type: string;
  /** Absolute glob or path (`/` separators) the target selects; absent when it is not followed (a remote URL). */
  pattern?: string;
  range: Range;
}

export interface FileContribution {
  file: string;
  origin: SourceOrigin;
  entities: DeclaredEntity[];
  refs: RefOccurrence[];
  /** Problems of the file itself (front matter syntax and schema, descriptor validation). */
  diagnostics: Diagnostic[];
  /** Backstage entities of kinds not modelled: counted and reported, never dropped silently. */
  undrawn?: UndrawnEntity[];
  /** Targets of the Location entities the file declares. */
  locations?: LocationTarget[];
}

/** Validates a doc's front matter document against the front-matter schema. */
export type FrontMatterValidator = (doc: DocumentModel, lines: LineIndex) => Diagnostic[];

export function emptyContribution(file: string, origin: SourceOrigin): FileContribution {
  return { file, origin, entities: [], refs: [], diagnostics: [] };
}
