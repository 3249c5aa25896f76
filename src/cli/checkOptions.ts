// `check`'s command line, parsed with Node's util.parseArgs: strict, so a misspelt option is an
// error (exit 2) rather than silently ignored.
import { parseArgs } from 'node:util';
import { UsageError } from './cliIo';

export type OutputFormat = 'human' | 'json' | 'sarif';
const FORMATS: readonly OutputFormat[] = ['human', 'json', 'sarif'];

export interface CheckOptions {
  inputs: string[];
  format: OutputFormat;
  output?: string;
  maxWarnings?: number;
  schema?: string;
  schemaDirs: string[];
  /** --schema-map URL=DIR: URL prefix → folder as written (relative to the working folder). */
  schemaMaps?: Record<string, string>;
  config?: string;
  docsBaseUrl?: string;
  /** --max-file-size: bytes; files over it are errors, not read. */
  maxFileBytes?: number;
  /** --fix: write every safe fix; --fix-dry-run: print them as a diff instead. */
  fix?: 'write' | 'dry-run';
  help: boolean;
}

export function parseCheckArgs(args: readonly string[]): CheckOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string', short: 'f' },
        output: { type: 'string', short: 'o' },
        'max-warnings': { type: 'string' },
        schema: { type: 'string' },
        'schema-dir': { type: 'string', multiple: true },
        'schema-map': { type: 'string', multiple: true },
        config: { type: 'string', short: 'c' },
        'docs-base-url': { type: 'string' },
        'max-file-size': { type: 'string' },
        fix: { type: 'boolean' },
        'fix-dry-run': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new UsageError(cleanParseError((error as Error).message), true);
  }
  const { values, positionals } = parsed;
  const format = (values.format ?? 'human') as OutputFormat;
  if (!FORMATS.includes(format)) throw new UsageError(`unknown format "${values.format}"; use human, json or sarif`, true);
  const options: CheckOptions = { inputs: positionals, format, schemaDirs: values['schema-dir'] ?? [], help: values.help ?? false };
  if (values['schema-map'] !== undefined) options.schemaMaps = parseSchemaMaps(values['schema-map']);
  if (values['max-warnings'] !== undefined) options.maxWarnings = parseCount(values['max-warnings']);
  if (values.output !== undefined) options.output = values.output;
  if (values['max-file-size'] !== undefined) options.maxFileBytes = parseSize(values['max-file-size']);
  if (values.fix && values['fix-dry-run']) throw new UsageError('use --fix or --fix-dry-run, not both', true);
  if (values.fix) options.fix = 'write';
  if (values['fix-dry-run']) options.fix = 'dry-run';
  if (values.schema !== undefined) options.schema = values.schema;
  if (values.config !== undefined) options.config = values.config;
  if (values['docs-base-url'] !== undefined) {
    try {
      options.docsBaseUrl = new URL(values['docs-base-url']).href;
    } catch {
      throw new UsageError(`--docs-base-url must be an absolute URL, got "${values['docs-base-url']}"`, true);
    }
  }
  if (options.schema && options.inputs.length === 0 && !options.help) {
    throw new UsageError('--schema needs the files (or folders, globs) to validate against it', true);
  }
  return options;
}

/** `--schema-map https://schemas.example.com/=mirror/schemas`: an absolute URL prefix, `=`, a folder. */
function parseSchemaMaps(entries: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of entries) {
    const at = entry.indexOf('=');
    const prefix = at === -1 ? '' : entry.slice(0, at);
    const dir = at === -1 ? '' : entry.slice(at + 1);
    if (!/^[a-z][a-z0-9+.-]*:\/\/\S/i.test(prefix) || !dir) {
      throw new UsageError(`--schema-map needs URL=FOLDER (e.g. https://schemas.example.com/=mirror), got "${entry}"`, true);
    }
    out[prefix] = dir;
  }
  return out;
}

const SIZE_UNITS: Record<string, number> = { '': 1, b: 1, k: 1024, kb: 1024, kib: 1024, m: 1024 * 1024, mb: 1024 * 1024, mib: 1024 * 1024, g: 1024 ** 3, gb: 1024 ** 3, gib: 1024 ** 3 };

/** `5MB`, `512KB`, `1048576`: bytes (units are powers of 1024). */
export function parseSize(text: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(text);
  const unit = match ? SIZE_UNITS[match[2].toLowerCase()] : undefined;
  const bytes = match && unit ? Math.floor(Number(match[1]) * unit) : NaN;
  if (!Number.isFinite(bytes) || bytes < 1) throw new UsageError(`--max-file-size needs a size like 5MB, 512KB or a number of bytes, got "${text}"`, true);
  return bytes;
}

function parseCount(text: string): number {
  if (!/^\d+$/.test(text.trim())) throw new UsageError(`--max-warnings needs a whole number ≥ 0, got "${text}"`, true);
  return Number(text.trim());
}

/** Node's messages mention internals ("Unknown option '--x'. To specify a positional argument…"). */
function cleanParseError(message: string): string {
  const first = message.split('\n')[0].split('. To specify')[0];
  const needsValue = /^Option '(.+?)' argument (missing|is ambiguous)/.exec(first);
  if (needsValue) return `option '${needsValue[1]}' needs a value`;
  return first.replace(/^Unknown option/, 'unknown option').replace(/^Unexpected argument/, 'unexpected argument');
}
