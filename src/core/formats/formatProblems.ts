// The problems of a file an adapter reads that are about the file itself, not about its caches:
// it does not parse, or its structure is not what the format says. One shape for every format, so
// they read alike in the Problems list and link to the format's page.
import type { Diagnostic, Range } from '../types';
import type { AdaptedFile } from './adapter';

export function formatSyntax(message: string, range: Range, docsUrl: string): Diagnostic {
  return { code: 'format-syntax', severity: 'error', source: 'cache-warden', message, range, docsUrl };
}

/** What an adapter returns for a file it cannot read: its problems and nothing else. */
export function problemsOnly(format: string, diagnostics: Diagnostic[]): AdaptedFile {
  return { format, layers: [], settings: [], diagnostics };
}
