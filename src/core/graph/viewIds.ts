// Node ids that mermaid accepts and that stay the same across renders (the webview keys its
// click handlers and saved state by them): a readable part plus a hash of the exact ref, so two
// refs that sanitize alike never collide.

export function nodeId(ref: string): string {
  const readable = ref.replace(/[^A-Za-z0-9]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 40);
  return `n_${readable}_${fnv1a(ref)}`;
}

/** 32-bit FNV-1a, base 36: short, fast, stable across platforms. */
export function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(36);
}
