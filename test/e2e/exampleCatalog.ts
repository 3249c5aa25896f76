// The demo workspace (examples/) read into a Catalog by the core's own loader, and the node status
// its real diagnostics give (the CLI's own check pipeline: project file, rules, cross-file facts),
// for the browser-level tests and the render bench.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Catalog } from '../../src/core/catalog/catalog';
import { loadCatalog } from '../../src/core/catalog/loadCatalogFiles';
import type { NodeStatus } from '../../src/core/graph/graphModel';
import { statusFromDiagnostics, type StatusDiagnostic } from '../../src/core/graph/nodeStatus';
import { SchemaRegistry } from '../../src/core/schema/schemaRegistry';
import { checkFiles } from '../../src/cli/checkCommand';
import { CACHE_CONFIG_PATTERNS, discoverFiles } from '../../src/cli/discoverFiles';
import { exclusionPatterns, loadProjectSetup } from '../../src/cli/projectSetup';
import { REPO_ROOT } from './diagramPage';

export const EXAMPLES_ROOT = path.join(REPO_ROOT, 'examples');

export function loadExampleCatalog(): Catalog {
  const files = fs.readdirSync(EXAMPLES_ROOT, { recursive: true, encoding: 'utf8' }).map((name) => path.join(EXAMPLES_ROOT, name));
  return loadCatalog(files.filter((file) => fs.statSync(file).isFile())).catalog;
}

/**
 * Every cache config of examples/ analyzed as `cache-warden check examples` analyzes it (the
 * project file's rule settings, every config's facts for the cross-file rules), by file.
 */
export function exampleDiagnostics(): Map<string, StatusDiagnostic[]> {
  const setup = loadProjectSetup(EXAMPLES_ROOT, undefined, []);
  const registry = new SchemaRegistry({ schemaDirs: setup.schemaDirs });
  const { files } = discoverFiles({ cwd: setup.root, inputs: [], select: CACHE_CONFIG_PATTERNS, exclude: exclusionPatterns(setup), root: setup.root });
  const results = checkFiles(files, setup, registry, undefined, setup.root, files);
  return new Map(results.map((result) => [result.absPath, result.diagnostics]));
}

/** The demo's node status from its real diagnostics, as the extension derives it from the Problems panel. */
export function exampleStatus(catalog: Catalog): Map<string, NodeStatus> {
  return statusFromDiagnostics(catalog, exampleDiagnostics());
}
