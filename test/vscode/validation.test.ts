// Schema validation, hover and completion as a user sees them in VS Code: the Problems list of a
// known-bad config (ranges, messages, severities, doc links), a fix that clears one problem,
// hover and completion from the schema, a JSON config and a file mapped by cacheWarden.schemas,
// and hostile input that yields a notice in bounded time.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { codeOf, openInEditor as open, root, waitFor } from './helpers';

/** Schema and syntax problems of a file as the Problems list shows them, in order. */
function schemaProblems(uri: vscode.Uri): string[] {
  return vscode.languages
    .getDiagnostics(uri)
    .filter((d) => d.source === 'cache-warden (schema)' || d.source === 'cache-warden (yaml)' || d.source === 'cache-warden')
    .filter((d) => !/^CW\d{3}$/.test(codeOf(d)))
    .sort((a, b) => a.range.start.compareTo(b.range.start))
    .map((d) => `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${vscode.DiagnosticSeverity[d.severity]} ${codeOf(d)} ${d.message}`);
}

async function problemsOf(uri: vscode.Uri, count: number): Promise<string[]> {
  await waitFor(() => schemaProblems(uri).length === count, () => `${count} schema problems in ${uri.path} (have: ${JSON.stringify(schemaProblems(uri))})`);
  return schemaProblems(uri);
}

const DURATION_MESSAGE =
  '`value`: A duration is a string with a unit, such as "30s", "10m" or "1h", or "never". A bare number is ambiguous: 0 means "never expire" in memcached and Symfony but "never cache" in Django — got `0`.';
const BROKEN_YAML = [
  '13:16-13:27 Error schema-enum `eviction` must be one of: noeviction, allkeys-lru, allkeys-lfu, allkeys-random, volatile-lru, volatile-lfu, volatile-random, volatile-ttl — got `allkeys-lur`. Did you mean `allkeys-lru`?',
  '14:6-14:13 Error schema-additional-property `evicton` is not allowed in `backends[0]`. Did you mean `eviction`?',
  '16:6-16:25 Error schema-required `caches[0]` is missing the required property `backend`.',
  `19:15-19:16 Error schema-type ${DURATION_MESSAGE}`,
];

suite('Schema validation', () => {
  test('a config with known errors shows them in the Problems list: ranges, messages, severities, doc links', async () => {
    const editor = await open('fixtures/schema/broken.cache.yaml');
    assert.deepStrictEqual(await problemsOf(editor.document.uri, BROKEN_YAML.length), BROKEN_YAML);
    const enumProblem = vscode.languages.getDiagnostics(editor.document.uri).find((d) => codeOf(d) === 'schema-enum');
    assert.ok(enumProblem && typeof enumProblem.code === 'object');
    assert.strictEqual(enumProblem.source, 'cache-warden (schema)');
    const target = enumProblem.code.target;
    assert.ok(target.path.endsWith('/docs/schema-problems.md'), target.toString());
    assert.strictEqual(target.fragment, 'schema-enum');
  });

  test('fixing one problem with an edit makes it disappear; undo brings it back', async () => {
    const editor = await open('fixtures/schema/broken.cache.yaml');
    const { document } = editor;
    await problemsOf(document.uri, BROKEN_YAML.length);
    const start = document.getText().indexOf('allkeys-lur');
    const range = new vscode.Range(document.positionAt(start), document.positionAt(start + 'allkeys-lur'.length));
    assert.ok(await editor.edit((edit) => edit.replace(range, 'allkeys-lru')));
    assert.deepStrictEqual(await problemsOf(document.uri, BROKEN_YAML.length - 1), BROKEN_YAML.slice(1));
    await vscode.commands.executeCommand('undo');
    assert.deepStrictEqual(await problemsOf(document.uri, BROKEN_YAML.length), BROKEN_YAML);
  });

  test('hover on `eviction` shows its documentation', async () => {
    const { document } = await open('fixtures/schema/broken.cache.yaml');
    await problemsOf(document.uri, BROKEN_YAML.length);
    const position = document.positionAt(document.getText().indexOf('eviction: allkeys-lur') + 3);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, position);
    const markdown = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n---\n');
    assert.ok(markdown.startsWith('#### Eviction policy\n\nThe Redis `maxmemory-policy`'), markdown.slice(0, 200));
    assert.ok(markdown.includes('- `allkeys-lru`: Evict the least recently used key among **all** keys.'), markdown);
    assert.ok(/\[Docs\]\(file:\/\/\S+\/docs\/config\/backends\.md#backends-eviction\)/.test(markdown), 'docs link points into the extension');
  });

  test('completion on an empty line of a cache entry offers the keys not yet written', async () => {
    const { document } = await open('fixtures/schema/completion.cache.yaml');
    const line = document.lineCount - 1;
    const editor = vscode.window.activeTextEditor!;
    assert.ok(await editor.edit((edit) => edit.insert(new vscode.Position(line, 0), '      ')));
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, new vscode.Position(line, 6));
    const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    for (const key of ['ttl', 'criticality', 'fronts', 'stampede']) assert.ok(labels.includes(key), `${key} missing from ${labels.join(', ')}`);
    for (const present of ['name', 'backend']) assert.ok(!labels.includes(present), `${present} is already written`);
    const ttl = list.items.find((i) => i.label === 'ttl')!;
    assert.strictEqual((ttl.insertText as vscode.SnippetString).value, 'ttl:\n        $1');
    assert.strictEqual(ttl.kind, vscode.CompletionItemKind.Property);
    const criticality = list.items.find((i) => i.label === 'criticality')!;
    assert.strictEqual((criticality.insertText as vscode.SnippetString).value, 'criticality: ${1|hot,warm,cold|}');
    await vscode.commands.executeCommand('undo');
  });

  test('completion in a JSON config offers the missing keys as "key": snippets, matching the typed quote', async () => {
    const { document } = await open('fixtures/schema/broken.cache.json');
    const editor = vscode.window.activeTextEditor!;
    // Line 7 is the backend object `{ "name": …, "eviction": … }`: start a key right after its brace.
    assert.ok(await editor.edit((edit) => edit.insert(new vscode.Position(6, 8), '"ro", ')));
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, new vscode.Position(6, 11));
    const ours = list.items.filter((i) => i.kind === vscode.CompletionItemKind.Property);
    assert.deepStrictEqual(ours.map((i) => i.label), ['deployedBy', 'role'], 'the backend keys not yet written, before or after the cursor');
    const role = ours[1];
    assert.strictEqual((role.insertText as vscode.SnippetString).value, '"role": ${1|"cache","store"|}');
    assert.strictEqual(role.filterText, '"role"');
    const range = role.range as vscode.Range;
    assert.deepStrictEqual([range.start.character, range.end.character], [8, 12]);
    await vscode.commands.executeCommand('undo');
  });

  test('a JSON config is validated the same way, and VS Code\'s JSON validation does not double it', async () => {
    const { document } = await open('fixtures/schema/broken.cache.json');
    assert.strictEqual(document.languageId, 'json');
    assert.deepStrictEqual(await problemsOf(document.uri, 1), ['9:78-9:88 Error schema-enum `criticality` must be one of: hot, warm, cold — got `lukewarm`.']);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const others = vscode.languages.getDiagnostics(document.uri).filter((d) => !String(d.source ?? '').startsWith('cache-warden'));
    assert.deepStrictEqual(others.map((d) => `${d.source}: ${d.message}`), []);
  });

  test('JSON: a $schema key naming our schema is neither fetched nor doubled; a syntax error is reported once', async () => {
    const declared = (await open('fixtures/schema/declared.cache.json')).document;
    assert.deepStrictEqual(await problemsOf(declared.uri, 1), ['7:87-7:97 Error schema-enum `criticality` must be one of: hot, warm, cold — got `lukewarm`.']);
    const syntax = (await open('fixtures/schema/syntax.cache.json')).document;
    const all = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).map((d) => `${d.range.start.line}:${d.range.start.character} ${d.source}: ${d.message}`);
    // VS Code's JSON service reports the syntax error; ours would only repeat it.
    await waitFor(() => all(syntax.uri).length > 0, () => 'a diagnostic on the JSON syntax error');
    await new Promise((resolve) => setTimeout(resolve, 1500));
    assert.deepStrictEqual(all(syntax.uri), ['3:2 json: Expected comma']);
    assert.deepStrictEqual(all(declared.uri).filter((d) => !d.includes('cache-warden')), []);
  });

  test('a file mapped by cacheWarden.schemas is validated and hovered like the built-ins', async () => {
    const config = vscode.workspace.getConfiguration('cacheWarden');
    await config.update('schemas', { 'fixtures/schema/service.schema.json': 'fixtures/schema/mapped/*.yaml' }, vscode.ConfigurationTarget.Workspace);
    try {
      const { document } = await open('fixtures/schema/mapped/team.yaml');
      assert.deepStrictEqual(await problemsOf(document.uri, 1), ['1:6-1:14 Error schema-enum `tier` must be one of: gold, silver, bronze — got `platinum`.']);
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, new vscode.Position(1, 2));
      const markdown = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
      assert.strictEqual(markdown, '#### Support tier\n\nAllowed values:\n\n- `gold`: Paged at night.\n- `silver`: Office hours.\n- `bronze`: Best effort.');
    } finally {
      await config.update('schemas', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });
});

suite('Schema validation: hostile input', () => {
  async function write(name: string, content: string | Uint8Array): Promise<vscode.Uri> {
    const uri = vscode.Uri.joinPath(root(), 'fixtures', 'hostile', name);
    await vscode.workspace.fs.writeFile(uri, typeof content === 'string' ? Buffer.from(content, 'utf8') : content);
    return uri;
  }

  async function noticeFor(uri: vscode.Uri): Promise<string[]> {
    const started = Date.now();
    const document = await vscode.workspace.openTextDocument(uri);
    const problems = await problemsOf(document.uri, 1);
    // The host answered throughout: a round trip through the extension host is still quick.
    const pingStarted = Date.now();
    await vscode.commands.executeCommand('vscode.executeHoverProvider', document.uri, new vscode.Position(0, 0));
    assert.ok(Date.now() - pingStarted < 5000, 'the extension host is unresponsive');
    assert.ok(Date.now() - started < 20000);
    return problems;
  }

  test('a 10 MB file gets a notice instead of an analysis', async () => {
    const uri = await write('huge.cache.yaml', 'a: ' + 'x'.repeat(10 * 1024 * 1024) + '\n');
    assert.deepStrictEqual(await noticeFor(uri), ['0:0-0:0 Information file-too-large This file is 10.0 MB; Cache Warden checks files up to 5 MB, so it is not validated.']);
  });

  test('10,000-deep nesting, an alias bomb and binary garbage each yield one clear diagnostic', async () => {
    const deep = await noticeFor(await write('deep.cache.yaml', '['.repeat(10000) + ']'.repeat(10000)));
    assert.match(deep[0], /^0:\d+-0:20000 Error nesting-too-deep Nesting is deeper than \d+ levels; the file is not validated\.$/);
    const bomb = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (const [prev, next] of [['a', 'b'], ['b', 'c'], ['c', 'd'], ['d', 'e'], ['e', 'f']]) bomb.push(`${next}: &${next} [${Array(9).fill('*' + prev).join(',')}]`);
    assert.deepStrictEqual(await noticeFor(await write('bomb.cache.yaml', bomb.join('\n') + '\n')), [
      '4:7-4:34 Error alias-expansion-limit Aliases expand to more than 10000 nodes (an "alias bomb"); the file is not validated.',
    ]);
    // Garbage bytes, with no NUL in the first 512 (else VS Code itself refuses to open the file as text).
    const bytes = new Uint8Array(100000);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7919 + (i >> 3) * 31) & 255 || (i < 512 ? 1 : 0);
    assert.deepStrictEqual(await noticeFor(await write('garbage.cache.yaml', bytes)), [
      '0:0-0:0 Error file-binary This file contains binary data, not YAML or JSON text; it is not validated.',
    ]);
  });
});
