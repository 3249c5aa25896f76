// Document URIs ↔ the model's file keys (file system paths; other schemes keep their URI), and the
// links to our own docs pages, which ship in the package next to the server bundle.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export function fileOf(uri: string): string {
  return uri.startsWith('file:') ? fileURLToPath(uri) : uri;
}

export function uriOf(file: string): string {
  return /^[a-z][a-z0-9+.-]+:/i.test(file) && !path.isAbsolute(file) ? file : pathToFileURL(file).toString();
}

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
