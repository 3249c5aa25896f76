// The two things the catalog reads from a doc's Markdown body: the first heading (where "open
// doc" lands, and the title when the front matter has none) and the first paragraph (the hover's
// summary). A line scan is enough; a full Markdown parse would cost more than the whole index.

export interface BodySummary {
  heading?: { line: number; text: string };
  paragraph?: string;
}

const MAX_PARAGRAPH = 500;

export function summarizeBody(text: string, bodyStart: number, bodyStartLine: number): BodySummary {
  const summary: BodySummary = {};
  let paragraph: string[] = [];
  let inFence: string | undefined;
  let inComment = false;
  let offset = bodyStart;
  let line = bodyStartLine;
  while (offset <= text.length) {
    const newline = text.indexOf('\n', offset);
    const end = newline === -1 ? text.length : newline;
    const content = text.slice(offset, end).replace(/\r$/, '');
    const trimmed = content.trim();
    const fence = /^(```|~~~)/.exec(trimmed);
    if (inFence) {
      if (trimmed.startsWith(inFence)) inFence = undefined;
    } else if (inComment) {
      if (trimmed.includes('-->')) inComment = false;
    } else if (fence) {
      if (paragraph.length) break;
      inFence = fence[1];
    } else if (trimmed.startsWith('<!--')) {
      if (paragraph.length) break;
      inComment = !trimmed.includes('-->');
    } else if (/^#{1,6}(\s|$)/.test(trimmed)) {
      if (paragraph.length) break;
      if (!summary.heading) summary.heading = { line, text: trimmed.replace(/^#+\s*/, '').replace(/\s+#+\s*$/, '').trim() };
    } else if (trimmed === '') {
      if (paragraph.length) break;
    } else {
      paragraph.push(trimmed);
    }
    if (newline === -1) break;
    offset = newline + 1;
    line++;
  }
  if (paragraph.length) {
    const joined = paragraph.join(' ').replace(/\s+/g, ' ');
    summary.paragraph = joined.length > MAX_PARAGRAPH ? joined.slice(0, MAX_PARAGRAPH - 1).trimEnd() + '…' : joined;
  }
  paragraph = [];
  return summary;
}

export interface Heading {
  /** 0-based line. */
  line: number;
  text: string;
  /** The anchor a Markdown renderer gives it (GitHub's and VS Code's rule). */
  slug: string;
}

/** GitHub's (and VS Code's Markdown preview's) anchor of a heading: `## Order summary cache` → `order-summary-cache`. */
export function headingSlug(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/[`*_~]/g, '')
    .replace(/[^\p{L}\p{N}\s-]/gu, '')
    .replace(/\s/g, '-');
}

/** Every ATX heading of a Markdown text outside front matter, fences and comments. */
export function markdownHeadings(text: string): Heading[] {
  const headings: Heading[] = [];
  const lines = text.split('\n');
  let start = 0;
  if (/^\uFEFF?---[ \t]*\r?$/.test(lines[0] ?? '')) {
    const closing = lines.findIndex((l, i) => i > 0 && /^(?:---|\.\.\.)[ \t]*\r?$/.test(l));
    if (closing > 0) start = closing + 1;
  }
  let inFence: string | undefined;
  let inComment = false;
  for (let line = start; line < lines.length; line++) {
    const trimmed = lines[line].replace(/\r$/, '').trim();
    const fence = /^(```|~~~)/.exec(trimmed);
    if (inFence) {
      if (trimmed.startsWith(inFence)) inFence = undefined;
    } else if (inComment) {
      if (trimmed.includes('-->')) inComment = false;
    } else if (fence) {
      inFence = fence[1];
    } else if (trimmed.startsWith('<!--')) {
      inComment = !trimmed.includes('-->');
    } else if (/^#{1,6}(\s|$)/.test(trimmed)) {
      const headingText = trimmed.replace(/^#+\s*/, '').replace(/\s+#+\s*$/, '').trim();
      headings.push({ line, text: headingText, slug: headingSlug(headingText) });
    }
  }
  return headings;
}

/**
 * The line a link into a doc lands on: the heading the anchor names, else the first heading whose
 * anchor or text is one of `names` (a cache's section), else the first heading, else line 0.
 */
export function headingLine(text: string, anchor?: string, names: readonly string[] = []): number {
  const headings = markdownHeadings(text);
  const wanted = anchor !== undefined ? headingSlug(decodeAnchor(anchor)) : undefined;
  const byAnchor = wanted ? headings.find((h) => h.slug === wanted) : undefined;
  if (byAnchor) return byAnchor.line;
  for (const name of names) {
    const slug = headingSlug(name);
    const found = headings.find((h) => h.slug === slug || h.text.toLowerCase() === name.toLowerCase());
    if (found) return found.line;
  }
  return headings[0]?.line ?? 0;
}

function decodeAnchor(anchor: string): string {
  try {
    return decodeURIComponent(anchor);
  } catch {
    return anchor;
  }
}
