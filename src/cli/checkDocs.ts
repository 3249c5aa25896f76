// `check` of a whole project validates the front matter of its docs as the editor does: the docs
// the project file's `docs` globs select (every Markdown file by default) are read through the
// bounded reader, and each doc with catalog front matter is a checked file whose problems are the
// ones the editor shows in it: its front matter's (syntax, schema, a front matter that never
// closes) and the catalog's (unresolved refs, duplicate ids, dependency cycles). A doc that cannot
// be read is an error like any other file.
import * as path from 'node:path';
import { catalogFileRole } from '../core/catalog/catalog';
import type { Diagnostic } from '../core/types';
import { docGlobs } from '../core/workspace/folderModel';
import type { WorkspaceModel } from '../core/workspace/workspaceModel';
import type { FileResult } from './checkResult';
import { discoverFiles, toPosix } from './discoverFiles';
import { exclusionPatterns, type ProjectSetup } from './projectSetup';

export async function checkDocs(setup: ProjectSetup, model: WorkspaceModel, cwd: string, unreadable: (error: unknown) => Diagnostic): Promise<FileResult[]> {
  const docs = discoverFiles({ cwd: setup.root, inputs: [], select: docGlobs(setup.config.docs), exclude: exclusionPatterns(setup), root: setup.root })
    .files.filter((file) => catalogFileRole(file) === 'doc');
  if (!docs.length) return [];
  // The project's scan has read most of them already (checkFiles): only the others are read now.
  const failed = await model.loadFiles(docs.filter((file) => !model.file(file)));
  const catalogFiles = new Set(model.catalog.files());
  const out: FileResult[] = [];
  for (const absPath of docs) {
    const displayPath = toPosix(path.relative(cwd, absPath)) || path.basename(absPath);
    if (failed.has(absPath)) {
      out.push({ absPath, displayPath, diagnostics: [unreadable(failed.get(absPath))] });
      continue;
    }
    const entry = model.file(absPath);
    if (!entry || !catalogFiles.has(absPath)) continue; // no catalog front matter: not ours to check
    out.push({ absPath, displayPath, text: entry.text, diagnostics: model.catalog.diagnostics(absPath) });
  }
  return out;
}
