// Loads a fixture folder into a Catalog keyed by paths relative to the folder, so expectations
// do not depend on where the repository is checked out.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Catalog, type CatalogOptions } from '../../../src/core/catalog/catalog';

export const FIXTURES = path.resolve(__dirname, '../../../../test/fixtures/catalog');

export function fixtureFiles(folder: string): Map<string, string> {
  const root = path.join(FIXTURES, folder);
  const files = new Map<string, string>();
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const abs = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(abs);
      else files.set(path.relative(root, abs).split(path.sep).join('/'), fs.readFileSync(abs, 'utf8'));
    }
  };
  walk(root);
  return files;
}

export function catalogOf(files: Map<string, string> | Record<string, string>, options: CatalogOptions = {}): Catalog {
  const catalog = new Catalog(options);
  // By name and by content (Backstage descriptors of any name), as the workspace model decides.
  for (const [file, text] of files instanceof Map ? files : Object.entries(files)) catalog.updateFile(file, text);
  return catalog;
}

/** Relations as compact strings, sorted: 'from -type-> to' (derived ones marked with *). */
export function relationLines(catalog: Catalog, filter: (type: string) => boolean = () => true): string[] {
  return catalog.relations
    .filter((r) => filter(r.type))
    .map((r) => `${r.from} -${r.type}-> ${r.to}${r.derived ? ' *' : ''}`)
    .sort();
}
