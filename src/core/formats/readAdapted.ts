// One guarded call of an adapter: an adapter bug on a strange file becomes a diagnostic at the
// top of that file, never an exception that takes the scan (or the editor's server) down.
import type { AdaptedFile, AdapterInput, FormatAdapter } from './adapter';

export function readAdapted(adapter: FormatAdapter, input: AdapterInput): AdaptedFile | undefined {
  try {
    return adapter.read(input);
  } catch (error) {
    return {
      format: adapter.id,
      layers: [],
      settings: [],
      diagnostics: [{
        code: 'format-unreadable',
        severity: 'warning',
        source: 'cache-warden',
        message: `Cache Warden could not read this ${adapter.title}: ${(error as Error).message}. Its cache settings are not checked.`,
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        docsUrl: 'docs/formats/README.md',
      }],
    };
  }
}
