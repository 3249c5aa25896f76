// The installed package: its name and version (bundled from package.json) and the folder it is
// installed in, which holds the docs that diagnostics link to.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { name, version } from '../../package.json';

export const PACKAGE_NAME: string = name;
export const PACKAGE_VERSION: string = version;

let cachedRoot: string | undefined;

/**
 * The package's root folder: the nearest ancestor of this module with our package.json and a
 * docs/ folder. Works from the bundle (dist/cli.js) and from compiled tests (out/src/cli/).
 */
export function packageRoot(): string {
  if (cachedRoot) return cachedRoot;
  let dir = __dirname;
  for (;;) {
    if (isPackageRoot(dir)) return (cachedRoot = dir);
    const parent = path.dirname(dir);
    if (parent === dir) return (cachedRoot = path.resolve(__dirname, '..'));
    dir = parent;
  }
}

function isPackageRoot(dir: string): boolean {
  try {
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string };
    return manifest.name === PACKAGE_NAME && fs.statSync(path.join(dir, 'docs')).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Turns a package-relative docs path (`docs/rules/CW004.md`) into an absolute URI: under
 * `baseUrl` when one is given (`--docs-base-url`), else a file:// URI into the installed package.
 */
export function docsUri(docsPath: string, baseUrl: string | undefined): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(docsPath)) return docsPath;
  if (baseUrl) return new URL(docsPath.replace(/^\/+/, ''), baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`).href;
  const hash = docsPath.indexOf('#');
  const file = hash === -1 ? docsPath : docsPath.slice(0, hash);
  const fragment = hash === -1 ? '' : docsPath.slice(hash);
  return pathToFileURL(path.join(packageRoot(), file)).href + fragment;
}
