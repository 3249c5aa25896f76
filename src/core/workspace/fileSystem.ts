// How the workspace model reaches the disk: reading one file and listing a folder's files. The
// language server and the CLI use the Node implementation; tests can pass their own.
//
// Every read of a file's content — configs, docs, catalog files, the project file, schema files
// named by settings, the project file or a `$schema` modeline — goes through `readBoundedFile`
// (or its synchronous twin): a size limit, regular files only (never /dev/zero, a FIFO or
// /dev/stdin), no symlink that resolves outside the project root, and decoding by byte order mark
// (UTF-8, UTF-16 and UTF-32, as YAML 1.2 allows). Each refusal is a `FileRefusal` with a code and
// a message for people.
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The default size limit of a read (`check --max-file-size` changes it). */
export const DEFAULT_MAX_FILE_BYTES = 5 * 1024 * 1024;

export type RefusalCode = 'file-too-large' | 'file-not-regular' | 'file-outside-root';

/** A read the bounded reader refused; `message` says why, for people. */
export class FileRefusal extends Error {
  constructor(readonly code: RefusalCode, message: string, readonly size?: number) {
    super(message);
    this.name = 'FileRefusal';
  }
}

export interface BoundedReadOptions {
  /** Bytes; DEFAULT_MAX_FILE_BYTES when absent. */
  maxBytes?: number;
  /** Symlinks may not lead outside this folder (the project root); no check when absent. */
  root?: string;
}

export function formatBytes(bytes: number): string {
  // Two decimals at most, so a file just over a limit never reads as the limit itself.
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(2).replace(/\.?0+$/, '')} MB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(2).replace(/\.?0+$/, '')} KB`;
  return `${bytes} bytes`;
}

function tooLarge(size: number, maxBytes: number): FileRefusal {
  return new FileRefusal('file-too-large', `This file is ${formatBytes(size)}, more than the ${formatBytes(maxBytes)} limit (--max-file-size); it is not checked.`, size);
}

function kindOf(stat: fs.Stats): string {
  if (stat.isDirectory()) return 'a folder';
  if (stat.isFIFO()) return 'a FIFO (named pipe)';
  if (stat.isCharacterDevice()) return 'a character device';
  if (stat.isBlockDevice()) return 'a block device';
  if (stat.isSocket()) return 'a socket';
  return 'not a regular file';
}

function notRegular(stat: fs.Stats, real: string, requested: string): FileRefusal {
  const target = real !== requested ? ` (it leads to ${real})` : '';
  return new FileRefusal('file-not-regular', `This is ${kindOf(stat)}${target}, not a regular file; it is not read.`);
}

function inside(child: string, parent: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** Refuses a path inside `root` whose symlinks lead outside it; returns the real path. */
function checkedRealPath(absPath: string, root: string | undefined, realpath: (p: string) => string): string {
  const requested = path.resolve(absPath);
  const real = realpath(requested);
  if (root === undefined || real === requested || !inside(requested, path.resolve(root))) return real;
  let realRoot: string;
  try {
    realRoot = realpath(path.resolve(root));
  } catch {
    realRoot = path.resolve(root);
  }
  if (!inside(real, realRoot)) {
    throw new FileRefusal('file-outside-root', `This is a symlink to ${real}, outside the project root ${realRoot}; it is not read.`);
  }
  return real;
}

// O_NONBLOCK: opening a FIFO with no writer must not wait (the type check then refuses it).
// O_NOFOLLOW: the path opened is the resolved one; a symlink swapped in after the check is refused.
const OPEN_FLAGS = fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0) | (fs.constants.O_NOFOLLOW ?? 0);

/**
 * Reads a file within the limits above (see the file comment); rejects with FileRefusal or fs
 * errors. Synchronous under the hood: configs, docs and schemas are small, and the thread-pool
 * round trips of five async calls per file cost more than the reads themselves.
 */
export async function readBoundedFile(absPath: string, options: BoundedReadOptions = {}): Promise<string> {
  return readBoundedFileSync(absPath, options);
}

/** The reader itself (readBoundedFile is its promise form). */
export function readBoundedFileSync(absPath: string, options: BoundedReadOptions = {}): string {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_FILE_BYTES;
  const real = checkedRealPath(absPath, options.root, (p) => fs.realpathSync.native(p));
  const fd = fs.openSync(real, OPEN_FLAGS);
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) throw notRegular(stat, real, path.resolve(absPath));
    if (stat.size > maxBytes) throw tooLarge(stat.size, maxBytes);
    const buffer = Buffer.alloc(Math.min(stat.size, maxBytes) + 1);
    let length = 0;
    for (;;) {
      const bytesRead = fs.readSync(fd, buffer, length, buffer.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
      if (length === buffer.length) {
        if (length > maxBytes) throw tooLarge(length, maxBytes);
        break;
      }
    }
    return decodeText(buffer.subarray(0, length));
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Bytes → text by byte order mark: UTF-32 and UTF-16 (either order) are decoded, a UTF-8 BOM is
 * dropped (as editors do); without a BOM the bytes are UTF-8 (invalid sequences become U+FFFD,
 * which the binary check counts).
 */
export function decodeText(bytes: Uint8Array): string {
  const b = bytes;
  if (b.length >= 4 && b[0] === 0xff && b[1] === 0xfe && b[2] === 0 && b[3] === 0) return decodeUtf32(b.subarray(4), true);
  if (b.length >= 4 && b[0] === 0 && b[1] === 0 && b[2] === 0xfe && b[3] === 0xff) return decodeUtf32(b.subarray(4), false);
  if (b.length >= 2 && b[0] === 0xff && b[1] === 0xfe) return new TextDecoder('utf-16le').decode(b.subarray(2));
  if (b.length >= 2 && b[0] === 0xfe && b[1] === 0xff) return new TextDecoder('utf-16be').decode(b.subarray(2));
  if (b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return new TextDecoder('utf-8').decode(b.subarray(3));
  return new TextDecoder('utf-8', { ignoreBOM: true }).decode(b);
}

function decodeUtf32(b: Uint8Array, littleEndian: boolean): string {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const parts: string[] = [];
  let chunk: number[] = [];
  for (let i = 0; i + 4 <= b.length; i += 4) {
    const code = view.getUint32(i, littleEndian);
    chunk.push(code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff) ? 0xfffd : code);
    if (chunk.length === 4096) {
      parts.push(String.fromCodePoint(...chunk));
      chunk = [];
    }
  }
  if (b.length % 4) chunk.push(0xfffd);
  parts.push(String.fromCodePoint(...chunk));
  return parts.join('');
}

export interface ModelFileSystem {
  /** The file's text; throws when it cannot be read (a FileRefusal when the reader refused it). */
  readFile(absPath: string, options?: BoundedReadOptions): Promise<string>;
  /**
   * Every file under `root` (absolute paths), not descending into folders for which
   * `skipFolder(absFolder)` is true. Symlinked folders are not followed.
   */
  listFiles(root: string, skipFolder: (absFolder: string) => boolean, warnings: string[]): Iterable<string>;
}

/** The Node file system, reading through the bounded reader. */
export const nodeFileSystem: ModelFileSystem = {
  // The model reads in batches of 25 between turns of the event loop.
  readFile: readBoundedFile,
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
