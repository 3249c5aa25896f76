// Binds the schema engine's validator to the front-matter schema, so docs get the same
// validation (and messages) as cache configs.
//
// Most docs' front matter is valid, and proving that needs no compiled validator: a plain walk
// of the schema (frontMatterFastPath.ts) answers "valid" for the keywords it knows, and ajv —
// compiled on the first doc the walk cannot vouch for — judges the rest and writes every message.
// A start-up on a workspace of valid docs never compiles the front-matter schema.
import { BUILTIN_SCHEMA_IDS } from '../schema/builtinSchemas';
import type { SchemaRegistry } from '../schema/schemaRegistry';
import { withSuggestion } from '../schema/problemMessages';
import { validateDocument } from '../schema/validate';
import type { FrontMatterValidator } from './contribution';
import { frontMatterSurelyValid } from './frontMatterFastPath';

export { PATTERNS_LINEAR_ON_REGEXP, surelyValid } from './frontMatterFastPath';

export const FRONT_MATTER_SCHEMA_ID = BUILTIN_SCHEMA_IDS.docFrontMatter;

export function frontMatterValidator(registry: SchemaRegistry): FrontMatterValidator {
  // The schema ships with the extension (BUILTIN_SCHEMAS); a registry without it validates nothing
  // rather than flagging every doc with "schema not found".
  return (doc, lines) => {
    if (!registry.has(FRONT_MATTER_SCHEMA_ID)) return [];
    if (frontMatterSurelyValid(doc, registry.getSchemaDocument(FRONT_MATTER_SCHEMA_ID))) return [];
    return validateDocument(doc, FRONT_MATTER_SCHEMA_ID, registry, lines).map(withSuggestion);
  };
}
