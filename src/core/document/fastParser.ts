// The fast parse path: a single-pass scanner for the YAML that config files actually use (block
// mappings and sequences, flow collections / JSON, single-line scalars, comments, anchors and
// aliases, `---` documents). It builds exactly the model the reference parser
// (yamlLibraryParser.ts) builds — same values, same spans — and declines (returns undefined)
// anything it is not sure of, so the caller falls back to the reference parser, which also
// produces the precise syntax errors. The differential test holds the two paths equal.
import type { Diagnostic } from '../types';
import { BlockScanner, type AliasLimit } from './fastBlock';
import type { LineIndex } from './lineIndex';
import { PARSE_LIMITS, type DocumentModel } from './model';
import { decline, NestingTooDeep, plainScalarValue, scanDoubleQuoted, scanSingleQuoted } from './fastScalars';
import { tooDeepMessage } from './yamlLibraryParser';

const SYNTAX_SOURCE = 'cache-warden (yaml)';
// C0/C1 controls (except tab, LF, CR), BOM, line/paragraph separators, non-characters, and a CR
// that is not part of CRLF (a line break of its own in YAML): decline.
const UNUSUAL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFEFF\u2028\u2029\uFFFE\uFFFF]|\r(?!\n)/;

/**
 * Parses the text on the fast path, or returns undefined when any part needs the reference parser.
 * `from` (a line start: 0, or a `---` line) and `firstIndex` parse only the documents from there on.
 */
export function parseFast(text: string, lines: LineIndex, from = 0, firstIndex = 0): DocumentModel[] | undefined {
  if (UNUSUAL_CHARS.test(text)) return undefined;
  const scanner = new DocumentScanner(text, lines);
  try {
    return scanner.parseDocuments(from, firstIndex);
  } catch (error) {
    // Too deep to walk: report it here, because the reference parser itself may overflow the stack
    // on such input. (Its own report, when it gets that far, is this same diagnostic.)
    if (error instanceof NestingTooDeep) return scanner.nestingTooDeep(error.offset);
    // Declined, or anything unexpected (a stack overflow included): the reference parser decides.
    return undefined;
  }
}

/** Documents (`---`, `...`), their roots and their spans, over the block and flow scanners. */
class DocumentScanner extends BlockScanner {
  private docs: DocumentModel[] = [];
  private docStart = 0;
  private firstIndex = 0;

  /** The documents before the one that is too deep, then that one with the diagnostic. */
  nestingTooDeep(offset: number): DocumentModel[] {
    const lines = this.lines;
    const failed: DocumentModel = {
      index: this.firstIndex + this.docs.length,
      span: { start: this.docStart, end: this.n },
      value: undefined,
      locations: new Map(),
      syntaxErrors: [{
        code: 'nesting-too-deep',
        severity: 'error',
        message: tooDeepMessage(),
        range: lines.rangeOf({ start: offset, end: Math.min(this.n, lines.lineEnd(lines.positionAt(offset).line)) }),
        source: SYNTAX_SOURCE,
      }],
    };
    return [...this.docs, failed];
  }

  parseDocuments(from = 0, firstIndex = 0): DocumentModel[] {
    const docs: DocumentModel[] = this.docs;
    const t = this.t;
    this.firstIndex = firstIndex;
    this.i = from;
    this.pendingCommentCol = -1;
    this.skipToNextContent();
    while (this.i < this.n) {
      const lineStart = this.i;
      let docStart: number;
      if (this.col === -1) {
        // A marker line at column 0.
        if (!this.startsWith('---')) decline(); // a stray `...`
        docStart = lineStart;
        this.i += 3;
        this.i = this.finishLine();
        this.pendingCommentCol = -1;
        this.skipToNextContent();
        if (this.i >= this.n || this.col === -1) decline(); // empty document
      } else {
        if (t.charCodeAt(this.i + this.col) === 37) decline(); // %directive
        docStart = this.i;
      }
      this.docStart = docStart;
      docs.push(this.parseDocument(firstIndex + docs.length, docStart, this.pendingCommentCol !== -1));
    }
    return docs;
  }

  private parseDocument(index: number, start: number, docHadComment: boolean): DocumentModel {
    this.resetDocument();
    this.limit = undefined;
    this.lastEmptyAt = -1;
    this.pendingCommentCol = -1;
    this.sawCommentSinceValue = docHadComment;
    this.uncertainEnd = false;
    const value = this.parseRoot(this.col);
    if (this.pendingCommentCol > 0) decline(); // a trailing comment the reference parser attaches somewhere we do not model
    // Now at end of input or at a marker line.
    let end = this.n;
    if (this.i < this.n) {
      if (this.col !== -1) decline();
      end = this.i;
      if (this.startsWith('...')) {
        if (this.lastEmptyAt !== -1) decline();
        this.i += 3;
        this.i = this.finishLine();
        end = this.i;
        this.pendingCommentCol = -1;
        this.skipToNextContent();
        if (this.pendingCommentCol !== -1 || (this.i < this.n && !this.startsWith('---'))) decline();
      }
    }
    // A document whose last value is empty ends at that value (the line break stays outside).
    if (this.lastEmptyAt !== -1) end = this.lastEmptyAt;
    const model: DocumentModel = { index, span: { start, end }, value, locations: this.locations, syntaxErrors: [] };
    const limit = this.limit as AliasLimit | undefined;
    if (limit) {
      model.value = undefined;
      model.locations = new Map();
      const offset = limit.offset;
      model.syntaxErrors.push(this.limitDiagnostic(offset));
    }
    return model;
  }

  private limitDiagnostic(offset: number): Diagnostic {
    const lines = this.lines;
    return {
      code: 'alias-expansion-limit',
      severity: 'error',
      message: `Aliases expand to more than ${PARSE_LIMITS.maxAliasExpansion} nodes (an "alias bomb"); the file is not validated.`,
      range: lines.rangeOf({ start: offset, end: Math.min(this.n, lines.lineEnd(lines.positionAt(offset).line)) }),
      source: SYNTAX_SOURCE,
    };
  }

  /** The root node: a block collection, a flow collection (JSON), or a one-line scalar. */
  private parseRoot(col: number): unknown {
    const c = this.t.charCodeAt(this.i + col);
    if (c === 91 || c === 123) {
      this.i += col;
      const value = this.parseFlowCollection(0, '', undefined, -1);
      this.i = this.finishLine();
      this.expectNothingAfterRootLine();
      return value;
    }
    if (this.isRootScalarLine(c, this.i + col)) {
      this.i += col;
      return this.parseRootScalar();
    }
    return this.parseBlockNode(col, 0, '', undefined, -1);
  }

  /** A document that is a single scalar on one line (a JSON file can be just `42` or `"text"`). */
  private isRootScalarLine(c: number, at: number): boolean {
    const t = this.t;
    if (c === 34 || c === 39) {
      if (c === 34) scanDoubleQuoted(t, at, this.out);
      else scanSingleQuoted(t, at, this.out);
      let j = this.out.end;
      while (t.charCodeAt(j) === 32) j++;
      return t.charCodeAt(j) !== 58;
    }
    return this.isPlainStart(c, at) && c !== 38 && c !== 42 && this.scanBlockPlain(at) !== undefined;
  }

  private parseRootScalar(): unknown {
    const t = this.t;
    const start = this.i;
    const c = t.charCodeAt(start);
    let value: unknown;
    let end: number;
    if (c === 34 || c === 39) {
      value = c === 34 ? scanDoubleQuoted(t, start, this.out) : scanSingleQuoted(t, start, this.out);
      end = this.out.end;
    } else {
      const source = this.scanBlockPlain(start) as string;
      value = plainScalarValue(source);
      end = start + source.length;
    }
    this.locations.set('', { value: { start, end } });
    this.i = end;
    this.i = this.finishLine();
    this.expectNothingAfterRootLine();
    return value;
  }

  /**
   * After a one-line root (JSON) the reference parser ends the document inside any trailing blank
   * or comment lines, in a way not modelled here: only the end of input or a marker may follow.
   */
  private expectNothingAfterRootLine(): void {
    const lineEnd = this.i;
    this.skipToNextContent();
    if (this.i !== lineEnd) decline();
  }
}
