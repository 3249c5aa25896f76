// The demo workspace (examples/) read into a Catalog by the core's own loader, for the
// browser-level tests and the render bench.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Catalog } from '../../src/core/catalog/catalog';
import { loadCatalog } from '../../src/core/catalog/loadCatalogFiles';
import { REPO_ROOT } from './diagramPage';

export function loadExampleCatalog(): Catalog {
  const root = path.join(REPO_ROOT, 'examples');
  const files = fs.readdirSync(root, { recursive: true, encoding: 'utf8' }).map((name) => path.join(root, name));
  return loadCatalog(files.filter((file) => fs.statSync(file).isFile())).catalog;
}
