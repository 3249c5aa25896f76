// Loader (Node `fs`): reads the given files into a Catalog. The CLI and the benchmark use it; the
// extension feeds the catalog from its own file watcher instead.
import { readBoundedFileSync } from '../workspace/fileSystem';
import { Catalog, catalogFileRole, type CatalogOptions } from './catalog';

/** File name patterns of catalog sources, for walkers and watchers. */
export const CATALOG_FILE_PATTERNS = ['**/*.md', '**/*.markdown', '**/catalog-info.yaml', '**/catalog-info.yml', '**/*.cache.yaml', '**/*.cache.yml', '**/*.cache.json'];

export function loadCatalog(files: readonly string[], options: CatalogOptions = {}): { catalog: Catalog; unreadable: string[] } {
  const catalog = new Catalog(options);
  const unreadable: string[] = [];
  for (const file of files) {
    if (!catalogFileRole(file)) continue;
    let text: string;
    try {
      text = readBoundedFileSync(file);
    } catch {
      unreadable.push(file);
      continue;
    }
    catalog.updateFile(file, text);
  }
  return { catalog, unreadable };
}
