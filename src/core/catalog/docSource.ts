// Entities from Markdown docs: the front matter declares the entity the doc documents. Only
// front matter that looks like ours (a `kind`, or an `id` with a relation field) is read, so
// Jekyll/Hugo/Docusaurus front matter elsewhere in a workspace is left alone.
import type { DocumentModel } from '../document/model';
import type { Diagnostic } from '../types';
import { kindOf, formatRef, parseRef } from './entityRef';
import { emptyContribution, type FileContribution, type FrontMatterValidator } from './contribution';
import { extractFrontMatter, locateFrontMatter } from './frontMatter';
import { summarizeBody } from './markdownBody';
import { relationRefs, FRONT_MATTER_FIELDS } from './relationFields';
import { isRecord, rangeAt, stringAt, stringsAt } from './yamlAccess';

const CATALOG_HINT = /^(kind|id)\s*:/m;
const OPENING_LINE = /^\uFEFF?---[ \t]*\r?\n/;
const UNCLOSED_SCAN = 4096;

function unclosed(): Diagnostic {
  return {
    code: 'front-matter-unclosed',
    severity: 'error',
    message: 'This front matter declares an entity but has no closing `---` line, so it is not read and the entity is not in the graph.',
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 3 } },
    source: 'cache-warden',
  };
}

export function docContribution(file: string, text: string, validate?: FrontMatterValidator): FileContribution {
  const contribution = emptyContribution(file, 'doc');
  const located = locateFrontMatter(text);
  if (!located) {
    // Front matter that opens, names an entity and never closes would vanish without a word.
    if (OPENING_LINE.test(text) && CATALOG_HINT.test(text.slice(0, UNCLOSED_SCAN))) contribution.diagnostics.push(unclosed());
    return contribution;
  }
  if (!CATALOG_HINT.test(text.slice(0, located.yamlEnd))) return contribution;
  const frontMatter = extractFrontMatter(text);
  if (!frontMatter) return contribution;
  const { parsed } = frontMatter;
  const doc: DocumentModel | undefined = parsed.documents[0];
  if (!doc) return contribution;
  const errors = doc.syntaxErrors;
  if (errors.some((d) => d.severity === 'error')) {
    contribution.diagnostics.push(...errors);
    return contribution;
  }
  if (!isCatalogFrontMatter(doc.value)) return contribution;
  contribution.diagnostics.push(...errors);
  if (validate) contribution.diagnostics.push(...validate(doc, parsed.lines));

  const value = doc.value as Record<string, unknown>;
  const id = stringAt(value, ['id']);
  if (!id) return contribution; // the schema reports the missing id
  const kind = kindOf(value.kind) ?? (value.kind === undefined ? 'component' : undefined);
  if (!kind) return contribution; // the schema reports the unknown kind
  const { name, namespace } = parseRef(id);
  const ref = formatRef(kind, name, namespace);
  const body = summarizeBody(text, frontMatter.bodyStart, frontMatter.closingLine + 1);
  contribution.entities.push({
    ref,
    kind,
    name,
    ...(namespace && namespace !== 'default' ? { namespace } : {}),
    origin: 'doc',
    file,
    range: rangeAt(doc, parsed.lines, ['id']),
    definition: true,
    type: stringAt(value, ['type']),
    title: stringAt(value, ['title']) ?? body.heading?.text,
    owner: stringAt(value, ['owner']),
    system: stringAt(value, ['system']),
    description: stringAt(value, ['description']) ?? body.paragraph,
    tags: stringsAt(value, ['tags']),
    docFile: file,
    docLine: body.heading?.line ?? 0,
  });
  contribution.refs.push(...relationRefs(doc, parsed.lines, [], ref, namespace ? { namespace } : {}));
  return contribution;
}

function isCatalogFrontMatter(value: unknown): boolean {
  if (!isRecord(value)) return false;
  if ('kind' in value) return true;
  return 'id' in value && FRONT_MATTER_FIELDS.some((field) => field.key in value);
}
