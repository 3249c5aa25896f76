// Text from files and file names reaches people's terminals: control characters in it (ESC
// sequences that move the cursor, retitle the window or hide text; C1 controls; bidi overrides
// that reorder what is shown) are printed escaped, as \x1b, \u202e …, never raw. Tabs stay.

// C0 controls but tab, DEL, C1 controls, and the bidi embedding/override/isolate characters.
const UNSAFE = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export function escapeControls(text: string): string {
  return text.replace(UNSAFE, (c) => {
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}
