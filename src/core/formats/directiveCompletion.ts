// Completion for line-oriented formats whose settings are `name value …` directives (redis.conf,
// nginx): directive names at the start of a statement, known values after a directive that takes
// one of a fixed set. The documentation of each item is the same text its hover shows.
import type { CompletionItem } from '../schema/completion';

export interface DirectiveVocabulary {
  /** Directive name → its hover markdown. */
  directives: Readonly<Record<string, string>>;
  /** Directive name → the values it accepts (completed after the name). */
  values: Readonly<Record<string, readonly string[]>>;
  /** nginx ends a directive with `;`, which value completions then add. */
  terminator?: string;
}

export function completeDirectives(text: string, offset: number, vocabulary: DirectiveVocabulary, lineStart = text.lastIndexOf('\n', offset - 1) + 1): CompletionItem[] {
  const before = text.slice(lineStart, offset);
  if (/#/.test(before)) return [];
  // After `{` or `;` on the same line a new statement starts (nginx).
  const statement = before.slice(Math.max(before.lastIndexOf(';'), before.lastIndexOf('{'), before.lastIndexOf('}')) + 1);
  const name = /^\s*([A-Za-z_-]*)$/.exec(statement);
  if (name) {
    const typed = name[1].toLowerCase();
    return Object.entries(vocabulary.directives)
      .filter(([directive]) => directive.startsWith(typed))
      .map(([directive, documentation]) => ({
        label: directive, kind: 'property' as const, insertText: directive, isSnippet: false, documentation,
        ...(typed ? { replaceRange: rangeOnLine(text, offset - typed.length, offset) } : {}),
      }));
  }
  const value = /^\s*([A-Za-z_-]+)\s+(?:\S+\s+)*([A-Za-z0-9_-]*)$/.exec(statement);
  const values = value ? vocabulary.values[value[1].toLowerCase()] : undefined;
  if (!value || !values) return [];
  const typed = value[2];
  return values
    .filter((v) => v.startsWith(typed))
    .map((v) => ({
      label: v, kind: 'value' as const, insertText: v, isSnippet: false,
      ...(vocabulary.directives[value[1].toLowerCase()] ? { documentation: vocabulary.directives[value[1].toLowerCase()] } : {}),
      ...(typed ? { replaceRange: rangeOnLine(text, offset - typed.length, offset) } : {}),
    }));
}

function rangeOnLine(text: string, start: number, end: number): CompletionItem['replaceRange'] {
  const line = (text.slice(0, start).match(/\n/g) ?? []).length;
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  return { start: { line, character: start - lineStart }, end: { line, character: end - lineStart } };
}
