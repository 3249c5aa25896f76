// Where the cursor is inside a JSON document (or a YAML file written in flow style from its first
// character): the path of the enclosing object or array, and whether a key or a value is being
// typed. Text being typed is rarely valid, so this scans the characters up to the cursor with a
// container stack instead of relying on the parse.

export type FlowSegment = string | number;

export interface FlowContext {
  /** Path of the object or array the cursor is in. */
  path: FlowSegment[];
  /** A key of that object, or a value (of `key` in an object, of the next item in an array). */
  at: 'key' | 'value';
  /** The key whose value is being typed (objects only). */
  key?: string;
  /** Keys already written in the enclosing object before the cursor. */
  keysBefore: Set<string>;
  /** Start of what is already typed of the word (at its opening quote, if any). */
  wordStart: number;
}

interface ObjectFrame {
  kind: 'object';
  segment?: FlowSegment;
  key?: string;
  keys: Set<string>;
  expect: 'key' | 'colon' | 'value' | 'comma';
}

interface ArrayFrame {
  kind: 'array';
  segment?: FlowSegment;
  index: number;
  expect: 'value' | 'comma';
}

type Frame = ObjectFrame | ArrayFrame;

const DELIMITERS = new Set([',', ':', '{', '}', '[', ']', '"', "'"]);

/** True when the document is flow style from its first meaningful character (JSON is). */
export function startsWithFlow(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\uFEFF' || /\s/.test(c)) continue;
    if (c === '#') {
      const end = text.indexOf('\n', i);
      if (end === -1) return false;
      i = end;
      continue;
    }
    return c === '{' || c === '[';
  }
  return false;
}

export function flowContextAt(text: string, offset: number): FlowContext | undefined {
  const stack: Frame[] = [];
  let i = 0;
  const top = (): Frame | undefined => stack[stack.length - 1];
  const segmentForChild = (): FlowSegment | undefined => {
    const parent = top();
    if (!parent) return undefined;
    return parent.kind === 'object' ? parent.key : parent.index;
  };
  /** A scalar (quoted or bare) was read: as a key or as a value, depending on the frame. */
  const scalar = (value: string): void => {
    const frame = top();
    if (!frame) return;
    if (frame.kind === 'object' && frame.expect === 'key') {
      frame.key = value;
      frame.keys.add(value);
      frame.expect = 'colon';
    } else {
      frame.expect = 'comma';
    }
  };

  while (i < offset) {
    const c = text[i];
    if (c === '"' || c === "'") {
      const end = closingQuote(text, i);
      if (end === -1 || end >= offset) return contextAt(stack, i);
      scalar(unquote(text.slice(i, end + 1)));
      i = end + 1;
      continue;
    }
    if (c === '#' && (i === 0 || /\s/.test(text[i - 1]))) {
      const end = text.indexOf('\n', i);
      i = end === -1 ? text.length : end;
      continue;
    }
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '{' || c === '[') {
      const segment = segmentForChild();
      const parent = top();
      if (parent) parent.expect = 'comma';
      stack.push(c === '{' ? { kind: 'object', segment, keys: new Set(), expect: 'key' } : { kind: 'array', segment, index: 0, expect: 'value' });
      i++;
      continue;
    }
    if (c === '}' || c === ']') {
      stack.pop();
      i++;
      continue;
    }
    const frame = top();
    if (c === ':' && frame?.kind === 'object') {
      frame.expect = 'value';
      i++;
      continue;
    }
    if (c === ',') {
      if (frame?.kind === 'object') {
        frame.expect = 'key';
        frame.key = undefined;
      } else if (frame) {
        frame.index++;
        frame.expect = 'value';
      }
      i++;
      continue;
    }
    // A bare word: a number, true/false/null, or a YAML plain scalar.
    let end = i;
    while (end < text.length && !DELIMITERS.has(text[end]) && text[end] !== '\n') end++;
    if (end === i) {
      // A delimiter with no meaning here (`:` in an array, a stray quote char): skip it.
      i++;
      continue;
    }
    const word = text.slice(i, end).trimEnd();
    if (end >= offset) return contextAt(stack, i);
    scalar(word);
    i = end;
  }
  return contextAt(stack, offset);
}

function contextAt(stack: Frame[], wordStart: number): FlowContext | undefined {
  const frame = stack[stack.length - 1];
  if (!frame) return undefined;
  const path = stack.slice(1).map((f) => f.segment).filter((s): s is FlowSegment => s !== undefined);
  if (path.length !== stack.length - 1) return undefined;
  if (frame.kind === 'object') {
    if (frame.expect === 'key') return { path, at: 'key', keysBefore: frame.keys, wordStart };
    if (frame.expect === 'value' && frame.key !== undefined) return { path, at: 'value', key: frame.key, keysBefore: frame.keys, wordStart };
    return undefined;
  }
  return frame.expect === 'value' ? { path: [...path, frame.index], at: 'value', keysBefore: new Set(), wordStart } : undefined;
}

/**
 * Keys written after the cursor in the same object (up to its closing brace): the text there is
 * often unparsable while typing, so it is scanned like the text before the cursor.
 */
export function keysAfter(text: string, offset: number): Set<string> {
  const keys = new Set<string>();
  let depth = 0;
  for (let i = offset; i < text.length; i++) {
    const c = text[i];
    if (c === '"' || c === "'") {
      const end = closingQuote(text, i);
      if (end === -1) return keys;
      if (depth === 0 && /^\s*:/.test(text.slice(end + 1, end + 64))) keys.add(unquote(text.slice(i, end + 1)));
      i = end;
    } else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') {
      if (depth === 0) return keys;
      depth--;
    }
  }
  return keys;
}

function closingQuote(text: string, start: number): number {
  const quote = text[start];
  for (let i = start + 1; i < text.length; i++) {
    const c = text[i];
    if (quote === '"' && c === '\\') {
      i++;
      continue;
    }
    if (c === quote) {
      if (quote === "'" && text[i + 1] === "'") {
        i++;
        continue;
      }
      return i;
    }
    if (c === '\n') return -1;
  }
  return -1;
}

function unquote(quoted: string): string {
  if (quoted.startsWith("'")) return quoted.slice(1, -1).replace(/''/g, "'");
  try {
    return JSON.parse(quoted) as string;
  } catch {
    return quoted.slice(1, -1);
  }
}
