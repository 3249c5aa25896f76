import { parseFast } from './fastParser';
import { LineIndex } from './lineIndex';
import type { ParsedFile } from './model';
import { parseWithYamlLibrary } from './yamlLibraryParser';

/**
 * Parse YAML or JSON text (JSON is YAML) into documents with source maps. The fast scanner takes
 * the YAML config files are made of; anything it declines goes to the reference parser (the
 * `yaml` package), which handles all of YAML and reports precise syntax errors.
 */
export function parseFile(text: string): ParsedFile {
  const lines = new LineIndex(text);
  const documents = parseFast(text, lines) ?? parseWithYamlLibrary(text, lines);
  return { text, lines, documents };
}
