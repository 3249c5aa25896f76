// The relation fields docs' front matter and catalog-info.yaml share (Backstage's spec fields).
// Each written ref becomes a RefOccurrence; the graph resolves it and derives the reverse.
import type { DocumentModel } from '../document/model';
import type { LineIndex } from '../document/lineIndex';
import type { EntityKind, RelationType } from '../graph/graphModel';
import type { RefOccurrence } from './contribution';
import { isRecord, rangeAt, valueAt, type Path } from './yamlAccess';

interface RelationField {
  key: string;
  relation: RelationType;
  inverse?: boolean;
  defaultKind: EntityKind;
  many: boolean;
  onMissing: 'report' | 'ignore';
}

export const RELATION_FIELDS: readonly RelationField[] = [
  { key: 'dependsOn', relation: 'dependsOn', defaultKind: 'component', many: true, onMissing: 'report' },
  { key: 'dependencyOf', relation: 'dependsOn', inverse: true, defaultKind: 'component', many: true, onMissing: 'report' },
  { key: 'providesApis', relation: 'providesApi', defaultKind: 'api', many: true, onMissing: 'report' },
  { key: 'consumesApis', relation: 'consumesApi', defaultKind: 'api', many: true, onMissing: 'report' },
  { key: 'subcomponentOf', relation: 'partOf', defaultKind: 'component', many: false, onMissing: 'report' },
  // A system or owner nobody documents is still a useful label (filters, collapsing), not an error.
  { key: 'system', relation: 'partOf', defaultKind: 'system', many: false, onMissing: 'ignore' },
  { key: 'owner', relation: 'ownedBy', defaultKind: 'group', many: false, onMissing: 'ignore' },
];

/** Ref occurrences for every relation field under `base` (`[]` for front matter, `['spec']` for catalog-info). */
export function relationRefs(doc: DocumentModel, lines: LineIndex, base: Path, holder: string): RefOccurrence[] {
  const out: RefOccurrence[] = [];
  for (const field of RELATION_FIELDS) {
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
      out.push({
        text: item.text,
        field: field.key,
        holder,
        relation: field.relation,
        inverse: field.inverse,
        defaultKind: field.defaultKind,
        range: rangeAt(doc, lines, item.path),
        onMissing: field.onMissing,
      });
    }
  }
  return out;
}
