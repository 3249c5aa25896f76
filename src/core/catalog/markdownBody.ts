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
