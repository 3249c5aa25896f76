// Entry point of the integration suite inside the extension host (the `extensionTestsPath`
// contract shared by @vscode/test-electron and the code-server runner): runs every
// out/test/vscode/**/*.test.js with mocha.
//
// Environment (set by the runners):
//   CACHE_WARDEN_TEST_GREP    only run tests whose full title matches this pattern
//   CACHE_WARDEN_TEST_REPORT  also append the report to this file; the code-server runner tails
//                             it, because the extension host's console is not the terminal there
import * as fs from 'fs';
import * as path from 'path';
import * as util from 'util';
import Mocha from 'mocha';

const TEST_TIMEOUT_MS = 60_000;

function findTestFiles(dir: string): string[] {
  const files: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) files.push(...findTestFiles(full));
    else if (entry.name.endsWith('.test.js')) files.push(full);
  }
  return files.sort();
}

function createSink(): (line: string) => void {
  const reportFile = process.env.CACHE_WARDEN_TEST_REPORT;
  // With a report file the extension host's console would only repeat it (code-server forwards it).
  return reportFile ? (line: string) => fs.appendFileSync(reportFile, line + '\n') : (line: string) => console.log(line);
}

/**
 * While the suite runs, copies what tests and the extension print to the console into the report
 * too, so it reaches the terminal next to the test it belongs to. The extension host locks the
 * methods of `console` (to forward them to the workbench), so the global itself is swapped for a
 * proxy that still forwards. Returns the undo function.
 */
function mirrorConsole(write: (line: string) => void): () => void {
  if (!process.env.CACHE_WARDEN_TEST_REPORT) return () => undefined;
  const original = globalThis.console;
  const mirrored = new Set<PropertyKey>(['log', 'info', 'warn', 'error', 'debug']);
  globalThis.console = new Proxy(original, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (!mirrored.has(property) || typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        value.apply(target, args);
        const text = args.map((arg) => (typeof arg === 'string' ? arg : util.inspect(arg))).join(' ');
        write(indent(text, `    [console.${String(property)}] `));
      };
    },
  });
  return () => { globalThis.console = original; };
}

function indent(text: string, prefix: string): string {
  return text.split('\n').map((line) => prefix + line).join('\n');
}

function describeError(error: unknown): string {
  if (error instanceof Error) {
    // Node's assert already puts the expected/actual diff into the message; the stack's first
    // line repeats the message, so keep only the frames.
    const frames = (error.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line)).slice(0, 8);
    return [`${error.name}: ${error.message}`, ...frames].join('\n');
  }
  return String(error);
}

/** Prints a spec-like report, the failures in full, and the closing `N passed, N failed` line. */
function attachReporter(runner: Mocha.Runner, write: (line: string) => void): { passed: () => number; failed: () => number } {
  let passed = 0;
  let depth = 0;
  const failures: { title: string; error: unknown }[] = [];
  runner.on(Mocha.Runner.constants.EVENT_SUITE_BEGIN, (suite: Mocha.Suite) => {
    if (suite.title) write(`${'  '.repeat(depth)}${suite.title}`);
    if (suite.title) depth++;
  });
  runner.on(Mocha.Runner.constants.EVENT_SUITE_END, (suite: Mocha.Suite) => {
    if (suite.title) depth--;
  });
  runner.on(Mocha.Runner.constants.EVENT_TEST_PASS, (test: Mocha.Test) => {
    passed++;
    write(`${'  '.repeat(depth)}✓ ${test.title} (${test.duration ?? 0} ms)`);
  });
  runner.on(Mocha.Runner.constants.EVENT_TEST_FAIL, (test: Mocha.Test, error: unknown) => {
    failures.push({ title: test.fullTitle(), error });
    write(`${'  '.repeat(depth)}✗ ${failures.length}) ${test.title}`);
  });
  runner.on(Mocha.Runner.constants.EVENT_TEST_PENDING, (test: Mocha.Test) => {
    write(`${'  '.repeat(depth)}- ${test.title} (pending)`);
  });
  runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => {
    failures.forEach((failure, index) => {
      write('');
      write(`${index + 1}) ${failure.title}`);
      write(indent(describeError(failure.error), '     '));
    });
    write('');
  });
  return { passed: () => passed, failed: () => failures.length };
}

export async function run(): Promise<void> {
  const write = createSink();
  const grep = process.env.CACHE_WARDEN_TEST_GREP;
  const mocha = new Mocha({ ui: 'tdd', timeout: TEST_TIMEOUT_MS, color: false, reporter: 'base' });
  if (grep) mocha.grep(new RegExp(grep));

  const files = findTestFiles(__dirname);
  files.forEach((file) => mocha.addFile(file));
  write(`Cache Warden integration tests: ${files.length} file(s)${grep ? `, --grep ${grep}` : ''}`);

  let counts: { passed: () => number; failed: () => number } | undefined;
  const restoreConsole = mirrorConsole(write);
  try {
    await mocha.loadFilesAsync();
    await new Promise<void>((resolve) => {
      const runner = mocha.run(() => resolve());
      counts = attachReporter(runner, write);
    });
  } catch (error) {
    // A test file that throws while loading is a failure, not an empty run.
    write(`Loading the tests failed:\n${indent(describeError(error), '  ')}`);
    write(`${counts?.passed() ?? 0} passed, ${(counts?.failed() ?? 0) + 1} failed`);
    throw error;
  } finally {
    restoreConsole();
  }
  const passed = counts!.passed();
  const failed = counts!.failed();
  write(`${passed} passed, ${failed} failed`);
  if (passed + failed === 0) {
    // A test that never ran is not a pass.
    throw new Error(grep ? `No test matches --grep ${grep}.` : 'No integration tests were found.');
  }
  if (failed > 0) throw new Error(`${failed} integration test(s) failed.`);
}
