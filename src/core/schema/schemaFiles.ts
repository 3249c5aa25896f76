// Loader functions: the only place in src/core/schema that touches the file system. The registry
// takes these as defaults; callers (tests, browser builds) can pass their own readers instead.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readBoundedFileSync } from '../workspace/fileSystem';

/** Reads a text file through the bounded reader (size limit, regular files only), or undefined. */
export function readTextFile(absPath: string): string | undefined {
  try {
    return readBoundedFileSync(absPath);
  } catch {
    return undefined;
  }
}

/** The `*.json` files directly inside a folder (absolute paths); none when it cannot be read. */
export function listSchemaFiles(dir: string): string[] {
  try {
    return fs
      .readdirSync(dir, { withFileTypes: true })
      .filter((entry) => entry.isFile() && entry.name.endsWith('.json'))
      .map((entry) => path.join(dir, entry.name))
      .sort();
  } catch {
    return [];
  }
}
