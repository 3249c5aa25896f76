// nginx's configuration syntax: directives `name arg … ;` and blocks `name arg … { … }`, `#`
// comments, quoted arguments with backslash escapes. Every word keeps its span so findings and
// hovers land on the real text. Structural errors (an unclosed block, a stray `}`, a directive
// without its `;`) are reported with their place, as nginx -t would.
import type { Span } from '../types';

export interface NginxWord {
  text: string;
  span: Span;
}

export interface NginxDirective {
  name: NginxWord;
  args: NginxWord[];
  /** From the name to the `;` or the closing `}`. */
  span: Span;
  block?: NginxDirective[];
}

export interface NginxParse {
  directives: NginxDirective[];
  errors: { message: string; span: Span }[];
}

type Token = NginxWord & { kind: 'word' | ';' | '{' | '}' };

function tokenize(text: string, base: number, errors: NginxParse['errors']): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === ' ' || c === '\t' || c === '\r' || c === '\n') {
      i++;
    } else if (c === '#') {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (c === ';' || c === '{' || c === '}') {
      tokens.push({ kind: c, text: c, span: { start: base + i, end: base + i + 1 } });
      i++;
    } else if (c === '"' || c === "'") {
      const start = i++;
      let value = '';
      while (i < text.length && text[i] !== c) {
        if (text[i] === '\\' && i + 1 < text.length) i++;
        value += text[i++];
      }
      if (i >= text.length) {
        errors.push({ message: `the quoted argument that starts here is never closed (missing ${c})`, span: { start: base + start, end: base + start + 1 } });
        break;
      }
      i++;
      tokens.push({ kind: 'word', text: value, span: { start: base + start, end: base + i } });
    } else {
      const start = i;
      let value = '';
      // `${var}` keeps its braces; any other `{`, `}` or `;` ends the word.
      while (i < text.length && !/[\s;{}]/.test(text[i])) {
        if (text[i] === '$' && text[i + 1] === '{') {
          const close = text.indexOf('}', i);
          const to = close === -1 ? text.length : close + 1;
          value += text.slice(i, to);
          i = to;
          continue;
        }
        if (text[i] === '\\' && i + 1 < text.length) value += text[i++];
        value += text[i++];
      }
      tokens.push({ kind: 'word', text: value, span: { start: base + start, end: base + i } });
    }
  }
  return tokens;
}

/**
 * `text` parsed; spans are `base + offset`, or what `mapSpan` makes of the local span (the text
 * is a block scalar's value, whose characters sit at other places in the file).
 */
export function parseNginx(text: string, base = 0, mapSpan?: (local: Span) => Span): NginxParse {
  const errors: NginxParse['errors'] = [];
  const tokens = tokenize(text, base, errors);
  if (mapSpan) {
    for (const token of tokens) token.span = mapSpan(token.span);
    for (const error of errors) error.span = mapSpan(error.span);
  }
  let at = 0;
  const parseBlock = (depth: number, opener?: Token): NginxDirective[] => {
    const out: NginxDirective[] = [];
    while (at < tokens.length) {
      const token = tokens[at];
      if (token.kind === '}') {
        if (depth === 0) {
          errors.push({ message: 'unexpected "}" (no block is open here)', span: token.span });
          at++;
          continue;
        }
        at++;
        return out;
      }
      if (token.kind !== 'word') {
        errors.push({ message: `unexpected "${token.text}"`, span: token.span });
        at++;
        continue;
      }
      const name = token;
      const args: NginxWord[] = [];
      at++;
      while (at < tokens.length && tokens[at].kind === 'word') args.push(tokens[at++]);
      const end = tokens[at];
      if (!end) {
        errors.push({ message: `the directive "${name.text}" has no ending ";"`, span: name.span });
        out.push({ name: { text: name.text, span: name.span }, args, span: { start: name.span.start, end: (args[args.length - 1] ?? name).span.end } });
        break;
      }
      if (end.kind === ';') {
        at++;
        out.push({ name: { text: name.text, span: name.span }, args, span: { start: name.span.start, end: end.span.end } });
      } else if (end.kind === '{') {
        at++;
        const block = parseBlock(depth + 1, end);
        const close = tokens[at - 1];
        out.push({ name: { text: name.text, span: name.span }, args, block, span: { start: name.span.start, end: close?.span.end ?? end.span.end } });
      } else {
        errors.push({ message: `the directive "${name.text}" has no ending ";"`, span: name.span });
        out.push({ name: { text: name.text, span: name.span }, args, span: { start: name.span.start, end: (args[args.length - 1] ?? name).span.end } });
      }
    }
    if (opener) errors.push({ message: 'this block is never closed (missing "}")', span: opener.span });
    return out;
  };
  const directives = parseBlock(0);
  return { directives, errors };
}
