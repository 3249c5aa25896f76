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
