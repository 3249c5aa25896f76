// The relation fields of Backstage descriptors (`spec.*` of catalog-info files) and of docs' front
// matter, with Backstage's default kind for each. Each written ref becomes a RefOccurrence; the
// graph resolves it and derives the reverse relation.
import type { DocumentModel } from '../document/model';
import type { LineIndex } from '../document/lineIndex';
import type { Diagnostic } from '../types';
import type { EntityKind, RelationType } from '../graph/graphModel';
import type { RefOccurrence } from './contribution';
import { CATALOG_DOCS, CATALOG_SOURCE } from './buildGraph';
import { DEFAULT_NAMESPACE, parseRef } from './entityRef';
import { isRecord, rangeAt, valueAt, type Path } from './yamlAccess';

export interface RelationField {
  key: string;
  relation: RelationType;
  /** Written on the other side (`dependencyOf`, `children`, `members`): the relation runs target → holder. */
  inverse?: boolean;
  /** Backstage's default kind for a ref without one. */
  defaultKind: EntityKind;
  many: boolean;
  /** An unresolved ref: 'report' it; 'ignore' it (owner, system and domain are labels first). */
  onMissing: 'report' | 'ignore';
  /** Backstage requires the kind in this field: a ref without one is a warning (in catalog-info files). */
  kindRequired?: boolean;
  /** The kinds whose Backstage `spec` has this field. */
  kinds: readonly EntityKind[];
}

const SOFTWARE: readonly EntityKind[] = ['component', 'api', 'resource'];

/** Backstage's relation fields (https://backstage.io/docs/features/software-catalog/descriptor-format). */
export const RELATION_FIELDS: readonly RelationField[] = [
  { key: 'dependsOn', relation: 'dependsOn', defaultKind: 'component', many: true, onMissing: 'report', kindRequired: true, kinds: ['component', 'resource'] },
  { key: 'dependencyOf', relation: 'dependsOn', inverse: true, defaultKind: 'component', many: true, onMissing: 'report', kindRequired: true, kinds: ['component', 'resource'] },
  { key: 'providesApis', relation: 'providesApi', defaultKind: 'api', many: true, onMissing: 'report', kinds: ['component'] },
  { key: 'consumesApis', relation: 'consumesApi', defaultKind: 'api', many: true, onMissing: 'report', kinds: ['component'] },
  { key: 'subcomponentOf', relation: 'partOf', defaultKind: 'component', many: false, onMissing: 'report', kinds: ['component'] },
  // A system, domain or owner nobody declares is still a useful label (filters, collapsing), not an error.
  { key: 'system', relation: 'partOf', defaultKind: 'system', many: false, onMissing: 'ignore', kinds: SOFTWARE },
  { key: 'domain', relation: 'partOf', defaultKind: 'domain', many: false, onMissing: 'ignore', kinds: ['system'] },
  { key: 'subdomainOf', relation: 'partOf', defaultKind: 'domain', many: false, onMissing: 'ignore', kinds: ['domain'] },
  { key: 'owner', relation: 'ownedBy', defaultKind: 'group', many: false, onMissing: 'ignore', kinds: [...SOFTWARE, 'system', 'domain'] },
  { key: 'parent', relation: 'childOf', defaultKind: 'group', many: false, onMissing: 'report', kinds: ['group'] },
  { key: 'children', relation: 'childOf', inverse: true, defaultKind: 'group', many: true, onMissing: 'report', kinds: ['group'] },
  { key: 'members', relation: 'memberOf', inverse: true, defaultKind: 'user', many: true, onMissing: 'report', kinds: ['group'] },
  { key: 'memberOf', relation: 'memberOf', defaultKind: 'group', many: true, onMissing: 'report', kinds: ['user'] },
];

/**
 * The fields docs' front matter reads (for any kind), as documented in doc-front-matter.md. Kept
 * short on purpose: a doc counts as an entity doc when it has an `id` and one of these, and
 * `parent`/`children` are common keys in other tools' front matter.
 */
export const FRONT_MATTER_FIELDS: readonly RelationField[] = RELATION_FIELDS.filter((f) =>
  ['dependsOn', 'dependencyOf', 'providesApis', 'consumesApis', 'subcomponentOf', 'system', 'owner'].includes(f.key));

export interface RelationRefOptions {
  /** catalog-info: only the fields of this kind, and a missing kind where Backstage requires one is reported. */
  kind?: EntityKind;
  /** The namespace refs without one are read in (the writing entity's). */
  namespace?: string;
  /** Where `kindRequired` problems go (catalog-info files). */
  diagnostics?: Diagnostic[];
}

/** Ref occurrences for the relation fields under `base` (`[]` for front matter, `['spec']` for catalog-info). */
export function relationRefs(doc: DocumentModel, lines: LineIndex, base: Path, holder: string, options: RelationRefOptions = {}): RefOccurrence[] {
  const out: RefOccurrence[] = [];
  const fields = options.kind ? RELATION_FIELDS.filter((f) => f.kinds.includes(options.kind!)) : FRONT_MATTER_FIELDS;
  for (const field of fields) {
    const value = valueAt(doc.value, [...base, field.key]);
    if (value === undefined || value === null) continue;
    const items: { text: string; path: Path }[] = [];
    if (typeof value === 'string') items.push({ text: value, path: [...base, field.key] });
    else if (Array.isArray(value) && field.many) {
      value.forEach((item, i) => {
        // Structurizr-style `{ ref, description }` items are accepted next to plain strings.
        if (typeof item === 'string') items.push({ text: item, path: [...base, field.key, i] });
        else if (isRecord(item) && typeof item.ref === 'string') items.push({ text: item.ref, path: [...base, field.key, i, 'ref'] });
      });
    }
    for (const item of items) {
      if (item.text.trim() === '') continue;
      const range = rangeAt(doc, lines, item.path);
      const parsed = parseRef(item.text);
      if (options.kind && field.kindRequired && !parsed.kind && !parsed.unknownKind) {
        options.diagnostics?.push({
          code: 'catalog-ref-without-kind',
          severity: 'warning',
          message: `\`${item.text.trim()}\` (${field.key}) has no kind: Backstage requires one in \`${field.key}\` and rejects the entity without it. Write \`component:${parsed.name}\` or \`resource:${parsed.name}\`; Cache Warden reads it as \`component:${parsed.name}\`.`,
          range,
          source: CATALOG_SOURCE,
          docsUrl: `${CATALOG_DOCS}#refs`,
          data: { ref: item.text.trim(), field: field.key },
        });
      }
      const occurrence: RefOccurrence = {
        text: item.text,
        field: field.key,
        holder,
        relation: field.relation,
        inverse: field.inverse,
        defaultKind: field.defaultKind,
        range,
        onMissing: field.onMissing,
      };
      if (options.namespace && options.namespace !== DEFAULT_NAMESPACE) occurrence.defaultNamespace = options.namespace;
      out.push(occurrence);
    }
  }
  return out;
}
