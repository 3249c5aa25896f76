// URI helpers for schema identities: every schema is known by an absolute URI — its `$id`, or a
// `file://` URI of where it was read from.
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export function isRemoteUri(uri: string): boolean {
  return /^https?:\/\//i.test(uri);
}

export function isFileUri(uri: string): boolean {
  return uri.startsWith('file://');
}

export function fileUriOf(absPath: string): string {
  return pathToFileURL(absPath).href;
}

export function pathOfFileUri(uri: string): string {
  return fileURLToPath(uri);
}

/** The URI without its `#fragment`. */
export function withoutFragment(uri: string): string {
  const hash = uri.indexOf('#');
  return hash === -1 ? uri : uri.slice(0, hash);
}

/** Resolves `ref` against `base`; a relative ref with no usable base is returned unchanged. */
export function resolveUri(ref: string, base: string | undefined): string {
  try {
    return new URL(ref, base).href;
  } catch {
    return ref;
  }
}

/**
 * Turns what a user wrote (modeline, `$schema`, setting key) into a schema URI: URLs stay as they
 * are; paths resolve against the folder of the file that names them (or the workspace root).
 */
export function schemaUriFromReference(reference: string, baseDir: string | undefined): string {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(reference)) return reference;
  const absolute = path.isAbsolute(reference) ? reference : path.resolve(baseDir ?? process.cwd(), reference);
  return fileUriOf(absolute);
}
