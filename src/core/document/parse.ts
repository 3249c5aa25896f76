import { LineIndex } from './lineIndex';
import type { ParsedFile } from './model';
import { parseWithYamlLibrary } from './yamlLibraryParser';

/** Parse YAML or JSON text (JSON is YAML) into documents with source maps. */
export function parseFile(text: string): ParsedFile {
  const lines = new LineIndex(text);
  return { text, lines, documents: parseWithYamlLibrary(text, lines) };
}
