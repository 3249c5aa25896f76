// Problems of cache configs that are not open: written, changed and deleted on disk (as a git pull
// or another tool would), never opened in an editor — the Problems list follows all three.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { codeOf, root, waitFor } from './helpers';

const CLEAN_CONFIG = `apiVersion: cache-warden/v1
kind: CacheLayer
metadata:
  service: fx-disk-service
  owner: team-fx
  docs: docs/disk.md
spec:
  backends:
    - name: fx-disk-redis
      type: redis
      maxMemory: 1Gi
      eviction: allkeys-lru
  caches:
    - name: fx-disk-cache
      backend: fx-disk-redis
      criticality: cold
      fronts:
        name: fx-disk-db
      ttl:
        value: 5m
`;

function problems(uri: vscode.Uri): string[] {
  return vscode.languages
    .getDiagnostics(uri)
    .map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${vscode.DiagnosticSeverity[d.severity]} ${codeOf(d)}`)
    .sort();
}

suite('Closed files', () => {
  const uri = (): vscode.Uri => vscode.Uri.joinPath(root(), 'fixtures', 'closed', 'disk.cache.yaml');
  const write = (text: string): Thenable<void> => vscode.workspace.fs.writeFile(uri(), Buffer.from(text, 'utf8'));

  suiteTeardown(async () => {
    await vscode.workspace.fs.delete(vscode.Uri.joinPath(root(), 'fixtures', 'closed'), { recursive: true });
  });

  test('a cache config created, changed and deleted on disk shows its problems without being opened', async () => {
    await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(root(), 'fixtures', 'closed'));
    await write(CLEAN_CONFIG.replace('value: 5m', 'value: 0s'));
    await waitFor(() => problems(uri()).length > 0, () => `problems of ${uri().path} (have: ${problems(uri()).join(', ')})`);
    assert.deepStrictEqual(problems(uri()), ['20:16 Error CW001']);
    const cw001 = vscode.languages.getDiagnostics(uri())[0];
    assert.strictEqual(cw001.source, 'cache-warden');
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri().toString()), 'the test never opens the file');

    await write(CLEAN_CONFIG.replace('eviction: allkeys-lru', 'eviction: allkeys-lur'));
    await waitFor(() => problems(uri())[0]?.endsWith('schema-enum'), () => `the schema error after the change (have: ${problems(uri()).join(', ')})`);
    assert.deepStrictEqual(problems(uri()), ['12:17 Error schema-enum']);

    await write(CLEAN_CONFIG);
    await waitFor(() => problems(uri()).length === 0, () => `no problems once fixed (have: ${problems(uri()).join(', ')})`);

    await write(CLEAN_CONFIG.replace('value: 5m', 'value: 0s'));
    await waitFor(() => problems(uri()).length === 1, () => 'CW001 again');
    await vscode.workspace.fs.delete(uri());
    await waitFor(() => problems(uri()).length === 0, () => `no problems for a deleted file (have: ${problems(uri()).join(', ')})`);
  });
});
