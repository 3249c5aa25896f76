// The standard meta-schemas of drafts 04 to 2020-12 (with the 2019-09 and 2020-12 vocabularies),
// from ajv's own copies: every validator knows them offline, so a `$ref` to one always resolves.
import draft07MetaSchema from 'ajv/dist/refs/json-schema-draft-07.json';
import draft06MetaSchema from 'ajv/dist/refs/json-schema-draft-06.json';
import draft201909Schema from 'ajv/dist/refs/json-schema-2019-09/schema.json';
import draft201909Applicator from 'ajv/dist/refs/json-schema-2019-09/meta/applicator.json';
import draft201909Content from 'ajv/dist/refs/json-schema-2019-09/meta/content.json';
import draft201909Core from 'ajv/dist/refs/json-schema-2019-09/meta/core.json';
import draft201909Format from 'ajv/dist/refs/json-schema-2019-09/meta/format.json';
import draft201909MetaData from 'ajv/dist/refs/json-schema-2019-09/meta/meta-data.json';
import draft201909Validation from 'ajv/dist/refs/json-schema-2019-09/meta/validation.json';
import draft202012Schema from 'ajv/dist/refs/json-schema-2020-12/schema.json';
import draft202012Applicator from 'ajv/dist/refs/json-schema-2020-12/meta/applicator.json';
import draft202012Content from 'ajv/dist/refs/json-schema-2020-12/meta/content.json';
import draft202012Core from 'ajv/dist/refs/json-schema-2020-12/meta/core.json';
import draft202012Format from 'ajv/dist/refs/json-schema-2020-12/meta/format-annotation.json';
import draft202012MetaData from 'ajv/dist/refs/json-schema-2020-12/meta/meta-data.json';
import draft202012Unevaluated from 'ajv/dist/refs/json-schema-2020-12/meta/unevaluated.json';
import draft202012Validation from 'ajv/dist/refs/json-schema-2020-12/meta/validation.json';
import draft04MetaSchema from 'ajv-draft-04/dist/refs/json-schema-draft-04.json';
import type { AnySchemaObject } from 'ajv';

export const DRAFT06_META_SCHEMA = draft06MetaSchema as AnySchemaObject;

const META_SCHEMAS: AnySchemaObject[] = [
  draft04MetaSchema, draft06MetaSchema, draft07MetaSchema,
  draft201909Schema, draft201909Applicator, draft201909Content, draft201909Core, draft201909Format, draft201909MetaData, draft201909Validation,
  draft202012Schema, draft202012Applicator, draft202012Content, draft202012Core, draft202012Format, draft202012MetaData, draft202012Unevaluated, draft202012Validation,
] as AnySchemaObject[];

let byUri: Map<string, AnySchemaObject> | undefined;

/** The meta-schema with this URI (fragment and `http`/`https` ignored), or undefined. */
export function metaSchemaFor(uri: string): AnySchemaObject | undefined {
  if (!byUri) {
    byUri = new Map();
    for (const schema of META_SCHEMAS) {
      const id = (typeof schema.$id === 'string' ? schema.$id : schema.id) as string;
      byUri.set(keyOf(id), schema);
    }
  }
  return byUri.get(keyOf(uri));
}

function keyOf(uri: string): string {
  return uri.replace(/#.*$/, '').replace(/^https?:\/\//i, '');
}
