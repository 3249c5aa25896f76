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
  config?: string;
  docsBaseUrl?: string;
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
        config: { type: 'string', short: 'c' },
        'docs-base-url': { type: 'string' },
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
  if (values['max-warnings'] !== undefined) options.maxWarnings = parseCount(values['max-warnings']);
  if (values.output !== undefined) options.output = values.output;
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
