// Node ids that mermaid accepts and that stay the same across renders (the webview keys its
// click handlers and saved state by them). The id is an injective encoding of the exact ref, so
// two different refs can never share a node: letters and digits stay as they are (the id stays
// readable), `_` is written `__`, any other character `_hh` (two hex digits), `_uhhhh` or
// `_Uhhhhhh` by its code point. Decoding is unambiguous (see refOfNodeId), hence no collisions.

export function nodeId(ref: string): string {
  let out = 'n_';
  for (const char of ref) {
    if (/^[A-Za-z0-9]$/.test(char)) out += char;
    else if (char === '_') out += '__';
    else {
      const code = char.codePointAt(0)!;
      out += code < 0x100 ? `_${code.toString(16).padStart(2, '0')}` : code < 0x10000 ? `_u${code.toString(16).padStart(4, '0')}` : `_U${code.toString(16).padStart(6, '0')}`;
    }
  }
  return out;
}

/** The ref a nodeId was made from (the inverse of nodeId; undefined for anything else). */
export function refOfNodeId(id: string): string | undefined {
  if (!id.startsWith('n_')) return undefined;
  let out = '';
  for (let i = 2; i < id.length; ) {
    const c = id[i];
    if (c !== '_') {
      if (!/[A-Za-z0-9]/.test(c)) return undefined;
      out += c;
      i++;
      continue;
    }
    const next = id[i + 1];
    if (next === '_') {
      out += '_';
      i += 2;
      continue;
    }
    const width = next === 'u' ? 4 : next === 'U' ? 6 : 2;
    const start = next === 'u' || next === 'U' ? i + 2 : i + 1;
    const hex = id.slice(start, start + width);
    if (!/^[0-9a-f]+$/.test(hex) || hex.length !== width) return undefined;
    out += String.fromCodePoint(parseInt(hex, 16));
    i = start + width;
  }
  return out;
}
