// Binds the schema engine's validator to the front-matter schema, so docs get the same
// validation (and messages) as cache configs.
import { BUILTIN_SCHEMA_IDS } from '../schema/builtinSchemas';
import type { SchemaRegistry } from '../schema/schemaRegistry';
import { withSuggestion } from '../schema/problemMessages';
import { validateDocument } from '../schema/validate';
import type { FrontMatterValidator } from './contribution';

export const FRONT_MATTER_SCHEMA_ID = BUILTIN_SCHEMA_IDS.docFrontMatter;

export function frontMatterValidator(registry: SchemaRegistry): FrontMatterValidator {
  // The schema ships with the extension (BUILTIN_SCHEMAS); a registry without it validates nothing
  // rather than flagging every doc with "schema not found".
  return (doc, lines) => (registry.has(FRONT_MATTER_SCHEMA_ID) ? validateDocument(doc, FRONT_MATTER_SCHEMA_ID, registry, lines).map(withSuggestion) : []);
}
