// Shared by the schema tests: fixture paths, caret markers, and compact diagnostic views.
import * as path from 'node:path';
import { analyzeFile } from '../../../src/core/analyze';
import type { ParsedFile } from '../../../src/core/document/model';
import { fileUriOf } from '../../../src/core/schema/schemaUris';
import { SchemaRegistry } from '../../../src/core/schema/schemaRegistry';
import type { Diagnostic } from '../../../src/core/types';

/** test/fixtures/schemas, from out/test/unit/schema at run time. */
export const SCHEMA_FIXTURES = path.resolve(__dirname, '../../../../test/fixtures/schemas');
export const CACHE_LAYER_ID = 'https://cache-warden.dev/schemas/v1/cache-layer.schema.json';

export function fixtureSchemaId(relative: string): string {
  return fileUriOf(path.join(SCHEMA_FIXTURES, relative));
}

/** Splits `text` at the `|` caret marker. */
export function withCaret(marked: string): { text: string; offset: number } {
  const offset = marked.indexOf('|');
  if (offset === -1) throw new Error('no caret in test text');
  return { text: marked.slice(0, offset) + marked.slice(offset + 1), offset };
}

/** `line:char-line:char code message`, the way a reader of the Problems panel sees it. */
export function describe(diagnostics: Diagnostic[]): string[] {
  return diagnostics.map((d) => `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.severity} ${d.code} ${d.message}`);
}

export function analyzeWith(text: string, filePath: string, registry = new SchemaRegistry(), settings?: { schemas?: Record<string, string | string[]>; workspaceRoot?: string }) {
  return analyzeFile(text, { filePath, registry, settings });
}

export function parsedOf(text: string, filePath = '/work/x.cache.yaml'): ParsedFile {
  return analyzeWith(text, filePath).parsed;
}
