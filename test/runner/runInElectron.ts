// Runs the integration suite (test/vscode) in desktop VS Code through @vscode/test-electron.
// Needs the internet (it downloads VS Code) and a display (or xvfb-run); offline machines use
// runInCodeServer.js instead — same suite, same entry point.
//
//   node out/test/runner/runInElectron.js [--grep <pattern>] [--vscode-version <version>]
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runTests } from '@vscode/test-electron';
import { grepArgument, prepareTestWorkspace } from './testWorkspace';

const repoRoot = path.resolve(__dirname, '..', '..', '..');
// The release code-server 4.100.3 embeds, so both runners test the same VS Code.
const DEFAULT_VSCODE_VERSION = '1.100.3';

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  const grep = grepArgument(argv);
  const versionIndex = argv.indexOf('--vscode-version');
  const version = versionIndex >= 0 ? argv[versionIndex + 1] : DEFAULT_VSCODE_VERSION;

  const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cache-warden-electron-'));
  const workspaceDir = path.join(tempDir, 'workspace');
  const userDataDir = path.join(tempDir, 'user-data');
  prepareTestWorkspace(repoRoot, workspaceDir);
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  fs.writeFileSync(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify({
    'security.workspace.trust.enabled': false,
    'workbench.startupEditor': 'none',
    'extensions.autoUpdate': false,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
  }, null, 2));
  try {
    await runTests({
      version,
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: path.join(repoRoot, 'out', 'test', 'vscode', 'index.js'),
      launchArgs: [
        workspaceDir,
        '--disable-extensions', // other installed extensions must not interfere
        `--user-data-dir=${userDataDir}`,
        `--extensions-dir=${path.join(tempDir, 'extensions')}`,
      ],
      extensionTestsEnv: grep !== undefined ? { CACHE_WARDEN_TEST_GREP: grep } : {},
    });
    return 0;
  } catch (error) {
    console.error(`VS Code (electron) integration run FAILED: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    fs.rmSync(tempDir, { recursive: true, force: true });
  }
}

main().then((code) => process.exit(code));
