// Document URIs ↔ the model's file keys (file system paths; other schemes keep their URI), and the
// links to our own docs pages, which ship in the package next to the server bundle.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export function fileOf(uri: string): string {
  if (!uri.startsWith('file:')) return uri;
  // Every request names its document by URI: converting one takes longer than looking it up.
  let file = filesOfUris.get(uri);
  if (file === undefined) {
    file = fileURLToPath(uri);
    if (filesOfUris.size >= MAX_REMEMBERED_URIS) filesOfUris.clear();
    filesOfUris.set(uri, file);
  }
  return file;
}

const MAX_REMEMBERED_URIS = 1000;
const filesOfUris = new Map<string, string>();

export function uriOf(file: string): string {
  if (!path.isAbsolute(file)) return /^[a-z][a-z0-9+.-]+:/i.test(file) ? file : pathToFileURL(file).toString();
  // Asked for every file the model reports (start-up: each of thousands, more than once).
  let uri = urisOfFiles.get(file);
  if (uri === undefined) {
    uri = pathToFileURL(file).toString();
    if (urisOfFiles.size >= MAX_REMEMBERED_FILES) urisOfFiles.clear();
    urisOfFiles.set(file, uri);
  }
  return uri;
}

const MAX_REMEMBERED_FILES = 20000;
const urisOfFiles = new Map<string, string>();

/** The package folder: the one above dist/ (bundles) or above out/src/server (compiled tests). */
export function packageRoot(): string {
  cachedRoot ??= findPackageRoot();
  return cachedRoot;
}

let cachedRoot: string | undefined;

function findPackageRoot(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(path.join(dir, 'schemas'))) return dir;
    if (path.dirname(dir) === dir) return path.resolve(__dirname, '..');
  }
}

/** `docs/rules/CW001.md#why` → the page in the installed package. */
export function docsLink(docsPath: string, root = packageRoot()): string {
  const [pathPart, fragment] = docsPath.split('#');
  const url = pathToFileURL(path.join(root, pathPart));
  if (fragment) url.hash = fragment;
  return url.toString();
}
