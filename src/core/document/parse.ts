import { parseFast } from './fastParser';
import { LineIndex, withLineFeeds } from './lineIndex';
import { PARSE_LIMITS, type DocumentModel, type ParsedFile } from './model';
import { parseWithYamlLibrary } from './yamlLibraryParser';

/**
 * Parse YAML or JSON text (JSON is YAML) into documents with source maps. The fast scanner takes
 * the YAML config files are made of; anything it declines goes to the reference parser (the
 * `yaml` package), which handles all of YAML and reports precise syntax errors.
 */
export function parseFile(text: string): ParsedFile {
  const lines = new LineIndex(text);
  // Lone CRs are line breaks: the parsers read LFs at the same offsets, the file keeps its text.
  const scanned = withLineFeeds(text);
  const fast = parseFast(scanned, lines);
  if (!fast) return { text, lines, documents: referenceParse(scanned, lines) };
  return scanned === text ? rememberFastPath({ text, lines, documents: fast }) : { text, lines, documents: fast };
}

/** Parses whose documents all came from the fast path: reparseAfterEdit may splice those. */
const fastParsed = new WeakSet<ParsedFile>();

export function rememberFastPath(parsed: ParsedFile): ParsedFile {
  fastParsed.add(parsed);
  return parsed;
}

export function cameFromFastPath(parsed: ParsedFile): boolean {
  return fastParsed.has(parsed);
}

function referenceParse(text: string, lines: LineIndex): DocumentModel[] {
  if (text.length > PARSE_LIMITS.maxReferenceParseBytes) return tooLargeForReferenceParse(text, lines);
  return parseWithYamlLibrary(text, lines);
}

function tooLargeForReferenceParse(text: string, lines: LineIndex): DocumentModel[] {
  const megabytes = (text.length / (1024 * 1024)).toFixed(1);
  const limit = PARSE_LIMITS.maxReferenceParseBytes / (1024 * 1024);
  return [{
    index: 0,
    span: { start: 0, end: text.length },
    value: undefined,
    locations: new Map(),
    syntaxErrors: [{
      code: 'yaml-too-large',
      severity: 'warning',
      message: `This file is ${megabytes} MB and uses YAML beyond plain block and flow collections (or has a syntax error); files over ${limit} MB are only checked when they do not, so it is not validated.`,
      range: lines.rangeOf({ start: 0, end: lines.lineEnd(0) }),
      source: 'cache-warden (yaml)',
    }],
  }];
}
