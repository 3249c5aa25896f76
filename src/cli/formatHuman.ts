// The output for people: each file with problems, each problem with its position, severity,
// message and code, then a code frame; a summary line at the end. Text from files and file names
// is printed with its control characters escaped (terminalSafe.ts).
import { codeFrame, splitLines } from './codeFrame';
import { plural, sortedDiagnostics, summarize, type FileResult } from './checkResult';
import { styleFor, type Style } from './terminalStyle';
import { escapeControls } from './terminalSafe';
import type { Severity } from '../core/types';

export interface HumanFormatOptions {
  color?: boolean;
  /** Print code frames under each problem (default true). */
  codeFrames?: boolean;
}

export function formatHuman(files: readonly FileResult[], options: HumanFormatOptions = {}): string {
  const style = styleFor(options.color);
  const out: string[] = [];
  for (const file of files) {
    if (!file.diagnostics.length) continue;
    const diagnostics = sortedDiagnostics(file.diagnostics);
    const lines = file.text === undefined ? [] : splitLines(file.text);
    const positions = diagnostics.map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1}`);
    const positionWidth = Math.max(...positions.map((p) => p.length));
    const severityWidth = Math.max(...diagnostics.map((d) => severityLabel(d.severity).length));
    out.push(style.underline(escapeControls(file.displayPath)));
    diagnostics.forEach((d, i) => {
      const severity = severityLabel(d.severity);
      const coloured = colourSeverity(style, d.severity, severity) + ' '.repeat(severityWidth - severity.length);
      out.push(`  ${style.dim(positions[i].padEnd(positionWidth))}  ${coloured}  ${escapeControls(d.message)}  ${style.dim(escapeControls(d.code))}`);
      if (options.codeFrames !== false && lines.length) out.push(...codeFrame(lines, d.range, { color: options.color }));
    });
    out.push('');
  }
  out.push(summaryLine(files, style));
  return `${out.join('\n')}\n`;
}

export function summaryLine(files: readonly FileResult[], style: Style = styleFor(false)): string {
  const s = summarize(files);
  if (s.problems === 0) return style.green(`✔ ${plural(s.filesChecked, 'file')} checked, no problems`);
  const parts = [plural(s.errors, 'error'), plural(s.warnings, 'warning')];
  if (s.infos) parts.push(`${s.infos} info`);
  const text = `✖ ${plural(s.problems, 'problem')} (${parts.join(', ')}) in ${s.filesWithProblems} of ${plural(s.filesChecked, 'file')} checked`;
  return style.bold(s.errors ? style.red(text) : style.yellow(text));
}

function severityLabel(severity: Severity): string {
  return severity === 'information' ? 'info' : severity;
}

function colourSeverity(style: Style, severity: Severity, label: string): string {
  if (severity === 'error') return style.red(label);
  if (severity === 'warning') return style.yellow(label);
  return style.blue(label);
}
