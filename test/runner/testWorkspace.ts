// The workspace both runners open: a fresh copy of examples/ with test/fixtures/workspace/ copied
// in as fixtures/, so tests may create and edit files without touching the repository.
import * as fs from 'fs';
import * as path from 'path';

export function prepareTestWorkspace(repoRoot: string, dir: string): void {
  fs.mkdirSync(dir, { recursive: true });
  const examples = path.join(repoRoot, 'examples');
  if (fs.existsSync(examples)) fs.cpSync(examples, dir, { recursive: true });
  const fixtures = path.join(repoRoot, 'test', 'fixtures', 'workspace');
  if (fs.existsSync(fixtures)) fs.cpSync(fixtures, path.join(dir, 'fixtures'), { recursive: true });
  declareFixtureDocs(path.join(dir, '.cachewarden.yaml'));
}

/**
 * The examples' project file reads docs from `docs/` only; the fixtures keep theirs under
 * `fixtures/<area>/docs/`. The editor follows the project file (as CI does), so the copy says so.
 */
function declareFixtureDocs(projectFile: string): void {
  if (!fs.existsSync(projectFile)) return;
  const text = fs.readFileSync(projectFile, 'utf8');
  const updated = text.replace(/^docs: \[(.*)\]$/m, (_line, globs: string) => `docs: [${globs}, "fixtures/*/docs/**/*.md"]`);
  if (updated === text) throw new Error(`${projectFile}: no \`docs: [...]\` line to extend with the fixtures' docs`);
  fs.writeFileSync(projectFile, updated);
}

/** `--grep <pattern>` / `--grep=<pattern>`, validated here rather than inside the extension host. */
export function grepArgument(argv: string[]): string | undefined {
  let grep: string | undefined;
  argv.forEach((arg, index) => {
    if (arg === '--grep' || arg === '-g') grep = argv[index + 1];
    else if (arg.startsWith('--grep=')) grep = arg.slice('--grep='.length);
  });
  if (grep !== undefined) new RegExp(grep);
  return grep;
}
