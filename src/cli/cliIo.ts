// What a command needs from the outside world, passed in so tests can run commands in-process.

export interface CliIo {
  /** The folder relative paths on the command line are resolved against. */
  cwd: string;
  /** Receives complete chunks of standard output (newlines included). */
  stdout(text: string): void;
  stderr(text: string): void;
  /** Colour the human output; the entry point sets it when stdout is a terminal and NO_COLOR is unset. */
  color?: boolean;
}

/** Wrong arguments, a missing path, an unusable schema: the run cannot start (exit code 2). */
export class UsageError extends Error {
  constructor(message: string, readonly showUsage = false) {
    super(message);
  }
}

export const EXIT_OK = 0;
export const EXIT_PROBLEMS = 1;
export const EXIT_USAGE = 2;
