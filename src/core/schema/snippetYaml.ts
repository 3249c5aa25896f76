// Writes a schema's snippet body (`defaultSnippets[].body`) as block YAML in VS Code snippet
// syntax: `${1:x}` placeholders stay as they are, a leading `^` marks a value to write unquoted.

const PLACEHOLDER = /\$\{\d+(:[^}]*|\|[^}]*\|)?\}|\$\d+/g;

export function snippetLines(body: unknown, indentUnit = '  '): string[] {
  return emit(body, indentUnit);
}

function emit(value: unknown, unit: string): string[] {
  if (Array.isArray(value)) {
    const out: string[] = [];
    for (const item of value) {
      const lines = emit(item, unit);
      if (isBlock(item) && lines.length) {
        out.push(`- ${lines[0]}`, ...lines.slice(1).map((l) => unit + l));
      } else out.push(`- ${scalar(item)}`);
    }
    return out;
  }
  if (value && typeof value === 'object') {
    const out: string[] = [];
    for (const [key, member] of Object.entries(value)) {
      if (isBlock(member)) out.push(`${key}:`, ...emit(member, unit).map((l) => (Array.isArray(member) ? unit + l : unit + l)));
      else out.push(`${key}: ${scalar(member)}`);
    }
    return out;
  }
  return [scalar(value)];
}

function isBlock(value: unknown): boolean {
  return Array.isArray(value) ? value.length > 0 : !!value && typeof value === 'object' && Object.keys(value).length > 0;
}

function scalar(value: unknown): string {
  if (typeof value !== 'string') return Array.isArray(value) ? '[]' : value && typeof value === 'object' ? '{}' : String(value);
  if (value.startsWith('^')) return value.slice(1);
  // Decide on quoting with the placeholders read as their default text.
  const plain = value.replace(PLACEHOLDER, (p) => /^\$\{\d+:/.test(p) ? p.slice(p.indexOf(':') + 1, -1) : 'x');
  const escaped = escapeLiteralDollars(value);
  return needsQuotes(plain) ? `"${escaped.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"` : escaped;
}

/** A `$` that is not a placeholder must be escaped in snippet syntax. */
function escapeLiteralDollars(text: string): string {
  let out = '';
  let last = 0;
  for (const match of text.matchAll(PLACEHOLDER)) {
    out += text.slice(last, match.index).replace(/\$/g, '\\$') + match[0];
    last = match.index! + match[0].length;
  }
  return out + text.slice(last).replace(/\$/g, '\\$');
}

/** Whether a plain YAML scalar would not read back as this string. */
export function needsQuotes(text: string): boolean {
  if (text === '' || text !== text.trim()) return true;
  if (/^[-?:,[\]{}#&*!|>'"%@`]/.test(text) && !/^-[^\s]/.test(text)) return true;
  if (/:\s|\s#|:$/.test(text)) return true;
  return /^(true|false|yes|no|on|off|null|~|[-+]?(\d[\d_]*(\.\d*)?([eE][-+]?\d+)?|\.inf|\.nan|0x[0-9a-fA-F]+|0o[0-7]+))$/i.test(text);
}
