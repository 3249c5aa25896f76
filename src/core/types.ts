// Plain data shared by every part of the engine. No `vscode` import, ever:
// the extension, the CLI and the webview all consume these shapes.

/** Zero-based line and UTF-16 character, exactly as VS Code counts them. */
export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

/** Half-open offset span [start, end) into a document's text. */
export interface Span {
  start: number;
  end: number;
}

export type Severity = 'error' | 'warning' | 'information' | 'hint';

/** A text replacement; ranges refer to the text the diagnostic was computed on. */
export interface TextEdit {
  range: Range;
  newText: string;
}

export interface Fix {
  title: string;
  edits: TextEdit[];
  /** The preferred fix is offered first and by "Fix All"/auto-fix. */
  isPreferred?: boolean;
  /**
   * What the fix changes: JSON pointers into its document, each with the value it must have
   * afterwards when `value` is present. A fix is offered only when applying it keeps the file
   * parseable and changes no value outside these (no targets: it changes no value at all).
   */
  targets?: { pointer: string; value?: unknown }[];
}

/**
 * A problem found in a file. `code` is stable and documented (docs/…); `message` is for people
 * and nothing downstream parses it.
 */
export interface Diagnostic {
  code: string;
  severity: Severity;
  message: string;
  range: Range;
  /** 'cache-warden' for rules, 'cache-warden (schema)' for schema problems, 'cache-warden (yaml)' for syntax. */
  source: string;
  /** Link to the page that explains the code. */
  docsUrl?: string;
  /** Other places involved (e.g. the other file of a cross-file rule). */
  related?: { uri: string; range: Range; message: string }[];
  /** Mechanical fixes, already computed against the same text. */
  fixes?: Fix[];
  data?: Record<string, unknown>;
}
