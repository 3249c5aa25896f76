// Re-parse after an edit, reusing the documents before it. A multi-document file (`---`) keeps the
// models of every document that ends before the edited line; the rest is parsed again. Within one
// document there is nothing to reuse: the fast path parses a 6,000-line config in a fraction of
// the `yaml` lexer's time, so the whole document is re-scanned.
import type { TextEdit } from '../types';
import { parseFast } from './fastParser';
import { LineIndex } from './lineIndex';
import type { ParsedFile } from './model';
import { cameFromFastPath, parseFile, rememberFastPath } from './parse';

/** The parse of `previous.text` with `edit` applied; equal to parseFile of the new text. */
export function reparseAfterEdit(previous: ParsedFile, edit: TextEdit): ParsedFile {
  const start = previous.lines.offsetAt(edit.range.start);
  const end = previous.lines.offsetAt(edit.range.end);
  const text = previous.text.slice(0, start) + edit.newText + previous.text.slice(end);
  // Only a parse that came entirely from the fast path is known to split cleanly at `---`.
  if (!cameFromFastPath(previous)) return parseFile(text);
  // Keep the documents before the last `---` line that ends before the edit.
  const docs = previous.documents;
  let keep = 0;
  while (keep + 1 < docs.length) {
    const markerLineEnd = previous.text.indexOf('\n', docs[keep + 1].span.start);
    if (markerLineEnd === -1 || markerLineEnd >= start) break;
    keep++;
  }
  if (keep === 0) return parseFile(text);
  const lines = new LineIndex(text);
  const rest = parseFast(text, lines, docs[keep].span.start, keep);
  if (!rest) return parseFile(text);
  return rememberFastPath({ text, lines, documents: [...docs.slice(0, keep), ...rest] });
}
