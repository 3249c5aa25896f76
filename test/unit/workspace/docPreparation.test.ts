// The first scan with docs read on a worker thread (docPreparation.ts) must build exactly the
// model a scan on one thread builds: the same texts, entities, relations and catalog problems,
// whoever read which doc — valid front matter, front matter the fast path leaves to the compiled
// schema, syntax errors, unclosed front matter, a doc the bounded reader refuses, an open doc —
// and the same when the worker cannot start.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { startupWorkspace } from '../../../bench/startup.bench';
import { workerDocPreparer, type DocPreparer } from '../../../src/core/workspace/docPreparation';
import { WorkspaceModel } from '../../../src/core/workspace/workspaceModel';

const SCHEMAS = path.resolve(__dirname, '../../../../schemas');

function workspace(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'cw-doc-worker-'));
  const files = new Map([...startupWorkspace()].filter((_, i) => i % 5 === 0));
  files.set('docs/broken/enum.md', '---\nid: broken-enum\nkind: component\nlifecycle: retired\ntags: [Go, go]\n---\n# Broken\n');
  files.set('docs/broken/unknown.md', '---\nid: broken-unknown\nkind: resource\nflavour: vanilla\n---\n# Unknown field\n');
  files.set('docs/broken/syntax.md', '---\nid: broken-syntax\nkind: system\ndescription: a: b\n---\n# Syntax\n');
  files.set('docs/broken/unclosed.md', '---\nid: broken-unclosed\nkind: component\n# never closed\n');
  files.set('docs/broken/missing-id.md', '---\nkind: component\ndependsOn: [resource:nowhere]\n---\n');
  for (const [relative, text] of files) {
    fs.mkdirSync(path.dirname(path.join(root, relative)), { recursive: true });
    fs.writeFileSync(path.join(root, relative), text);
  }
  // A doc the bounded reader refuses (a symlink out of the folder): unreadable on either thread.
  const outside = path.join(root + '-outside', 'secret.md');
  fs.mkdirSync(path.dirname(outside), { recursive: true });
  fs.writeFileSync(outside, '---\nid: secret\nkind: component\n---\n');
  fs.symlinkSync(outside, path.join(root, 'docs', 'outside.md'));
  return root;
}

/** Everything a scan leaves behind, in a comparable form. */
function snapshot(model: WorkspaceModel): unknown {
  const sorted = <T>(list: T[], key: (t: T) => string) => [...list].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  return {
    files: sorted(model.allFiles(), (f) => f.path).map((f) => [f.path, f.role, f.text]),
    entities: sorted([...model.catalog.entities.values()], (e) => e.ref),
    relations: sorted([...model.catalog.relations], (r) => JSON.stringify(r)),
    problems: sorted(model.allFiles(), (f) => f.path).map((f) => [f.path, model.catalog.diagnostics(f.path)]),
    unreadable: [...model.unreadable.keys()].sort(),
    stats: { parses: model.stats.parses, reads: model.stats.reads },
  };
}

async function scanned(root: string, prepareDocs?: DocPreparer, open?: { file: string; text: string }): Promise<WorkspaceModel> {
  const model = new WorkspaceModel({ builtinSchemaDirs: [SCHEMAS], ...(prepareDocs ? { prepareDocs } : {}) });
  model.addFolder(root);
  if (open) model.setOverlay(open.file, open.text, 1);
  await model.scan();
  return model;
}

test('doc worker: the same model as a scan on one thread, whoever read which doc', async () => {
  const root = workspace();
  try {
    const reference = snapshot(await scanned(root));
    let worker = 0;
    let main = 0;
    const counting: DocPreparer = (docs, maxBytes) => {
      const preparation = workerDocPreparer({ minDocs: 1, minCores: 1 })(docs, maxBytes)!;
      // The main thread starts on the docs late, so the worker (slow to start on a busy machine)
      // surely has some of them: both paths are taken.
      let started: Promise<void> | undefined;
      return {
        take: async (file) => {
          await (started ??= new Promise((resolve) => setTimeout(resolve, 1500)));
          const prepared = await preparation.take(file);
          if (prepared) worker++;
          else main++;
          return prepared;
        },
        dispose: () => preparation.dispose(),
      };
    };
    assert.deepEqual(snapshot(await scanned(root, counting)), reference);
    assert.ok(worker > 0, `docs read by the worker: ${worker} (main thread: ${main})`);
    const problems = (reference as { problems: [string, { code: string }[]][] }).problems;
    const codes = (name: string) => problems.find(([file]) => file.endsWith(name))?.[1].map((d) => d.code);
    // The broken docs kept their problems (the compiled schema's and the parser's).
    assert.ok(codes('enum.md')?.length, 'enum.md has problems');
    assert.ok(codes('unknown.md')?.length, 'unknown.md has problems');
    assert.ok(codes('syntax.md')?.length, 'syntax.md has problems');
    assert.deepEqual(codes('unclosed.md'), ['front-matter-unclosed']);
    assert.deepEqual((reference as { unreadable: string[] }).unreadable, [path.join(root, 'docs', 'outside.md')]);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
    fs.rmSync(root + '-outside', { recursive: true, force: true });
  }
});

test('doc worker: an open doc keeps its editor text; a worker that cannot start leaves every doc to the main thread', async () => {
  const root = workspace();
  try {
    const docs = fs.readdirSync(path.join(root, 'docs', 'broken')).map((name) => path.join(root, 'docs', 'broken', name));
    const open = { file: docs[0], text: '---\nid: opened-in-editor\nkind: component\n---\n# Open\n' };
    const reference = snapshot(await scanned(root, undefined, open));
    assert.deepEqual(snapshot(await scanned(root, workerDocPreparer({ minDocs: 1, minCores: 1 }), open)), reference);
    assert.deepEqual(snapshot(await scanned(root, workerDocPreparer({ minDocs: 1, minCores: 1, script: path.join(root, 'no-such-worker.js') }), open)), reference);
    // Too few docs for a thread: no worker at all.
    assert.equal(workerDocPreparer({ minDocs: 1000000, minCores: 1 })([{ file: docs[0], root }], 1024), undefined);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
    fs.rmSync(root + '-outside', { recursive: true, force: true });
  }
});
