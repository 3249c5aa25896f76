// Entities from Backstage descriptor files (`catalog-info.yaml`, `apiVersion: backstage.io/…`).
// Every YAML document in the file may declare one entity; kinds we do not draw (Domain, User,
// Location, Template) are skipped.
import type { ParsedFile } from '../document/model';
import { formatRef, kindOf, parseRef } from './entityRef';
import { emptyContribution, type FileContribution } from './contribution';
import { relationRefs } from './relationFields';
import { extentAt, isRecord, rangeAt, stringAt, stringsAt } from './yamlAccess';

export function catalogInfoContribution(file: string, parsed: ParsedFile): FileContribution {
  const contribution = emptyContribution(file, 'catalog-info');
  for (const doc of parsed.documents) {
    if (doc.syntaxErrors.some((d) => d.severity === 'error')) {
      contribution.diagnostics.push(...doc.syntaxErrors);
      continue;
    }
    const value = doc.value;
    if (!isRecord(value)) continue;
    const apiVersion = stringAt(value, ['apiVersion']);
    if (!apiVersion || !apiVersion.startsWith('backstage.io/')) continue;
    const kind = kindOf(value.kind);
    const rawName = stringAt(value, ['metadata', 'name']);
    if (!kind || !rawName) continue;
    const name = parseRef(rawName).name;
    const ref = formatRef(kind, name);
    contribution.entities.push({
      ref,
      kind,
      name,
      origin: 'catalog-info',
      file,
      range: rangeAt(doc, parsed.lines, ['metadata', 'name']),
      definition: true,
      extent: extentAt(doc, parsed.lines, []),
      type: stringAt(value, ['spec', 'type']),
      title: stringAt(value, ['metadata', 'title']),
      owner: stringAt(value, ['spec', 'owner']),
      system: stringAt(value, ['spec', 'system']),
      description: stringAt(value, ['metadata', 'description']),
      tags: stringsAt(value, ['metadata', 'tags']),
    });
    contribution.refs.push(...relationRefs(doc, parsed.lines, ['spec'], ref));
  }
  return contribution;
}
