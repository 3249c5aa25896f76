// ANSI styling for the human output. Only used when colour is on (see CliIo.color), so piped
// output and logs stay plain text.

export interface Style {
  red(text: string): string;
  yellow(text: string): string;
  blue(text: string): string;
  green(text: string): string;
  dim(text: string): string;
  bold(text: string): string;
  underline(text: string): string;
}

const wrap = (open: number, close: number) => (text: string) => `\u001b[${open}m${text}\u001b[${close}m`;

const ANSI: Style = {
  red: wrap(31, 39),
  yellow: wrap(33, 39),
  blue: wrap(34, 39),
  green: wrap(32, 39),
  dim: wrap(2, 22),
  bold: wrap(1, 22),
  underline: wrap(4, 24),
};

const identity = (text: string) => text;
const PLAIN: Style = { red: identity, yellow: identity, blue: identity, green: identity, dim: identity, bold: identity, underline: identity };

export function styleFor(color: boolean | undefined): Style {
  return color ? ANSI : PLAIN;
}

/** Whether the entry point should colour: a terminal, and NO_COLOR (no-color.org) not set. */
export function shouldColor(isTTY: boolean | undefined, env: NodeJS.ProcessEnv): boolean {
  return Boolean(isTTY) && (env.NO_COLOR === undefined || env.NO_COLOR === '');
}
