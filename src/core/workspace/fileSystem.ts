// How the workspace model reaches the disk: reading one file and listing a folder's files. The
// language server and the CLI use the Node implementation; tests can pass their own.
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface ModelFileSystem {
  /** The file's text; throws when it cannot be read. */
  readFile(absPath: string): Promise<string>;
  /**
   * Every file under `root` (absolute paths), not descending into folders for which
   * `skipFolder(absFolder)` is true. Symlinked folders are not followed.
   */
  listFiles(root: string, skipFolder: (absFolder: string) => boolean, warnings: string[]): Iterable<string>;
}

export const nodeFileSystem: ModelFileSystem = {
  readFile: (absPath) => fs.promises.readFile(absPath, 'utf8'),
  listFiles: walkFolder,
};

export function* walkFolder(root: string, skipFolder: (absFolder: string) => boolean, warnings: string[]): Generator<string> {
  const pending = [root];
  while (pending.length) {
    const current = pending.pop()!;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(current, { withFileTypes: true });
    } catch (error) {
      warnings.push(`cannot read folder ${current}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
      continue;
    }
    for (const entry of entries) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) {
        if (!skipFolder(full)) pending.push(full);
      } else if (entry.isFile() || entry.isSymbolicLink()) {
        if (entry.isSymbolicLink() && isDirectory(full)) continue;
        yield full;
      }
    }
  }
}

function isDirectory(abs: string): boolean {
  try {
    return fs.statSync(abs).isDirectory();
  } catch {
    return false;
  }
}
