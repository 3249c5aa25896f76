// Helpers for the CLI tests: run `main` in-process with captured output, and make throw-away
// copies of the fixture project (tests add node_modules, links and unreadable files to the copy).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../../../src/cli/main';

export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..', '..');
export const FIXTURES = path.join(REPO_ROOT, 'test', 'fixtures', 'cli');

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runCli(argv: string[], cwd: string, color = false): Promise<RunResult> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { cwd, color, stdout: (text) => (stdout += text), stderr: (text) => (stderr += text) });
  return { code, stdout, stderr };
}

/** A fresh temporary folder; removed by `cleanup`. */
export function tempDir(prefix = 'cw-cli-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function cleanup(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}

/** A copy of test/fixtures/cli/project in a temporary folder. */
export function copyProject(): string {
  const dir = tempDir();
  fs.cpSync(path.join(FIXTURES, 'project'), dir, { recursive: true });
  return dir;
}

export function write(root: string, relative: string, text: string): string {
  const file = path.join(root, relative);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return file;
}
