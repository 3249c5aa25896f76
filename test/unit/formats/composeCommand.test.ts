// Container commands word by word (containerCommand.ts): where each character of a YAML scalar is
// written (plain, quoted, folded, block scalars), shell words, `sh -c` scripts, and that a word
// built from escapes or folds has no place of its own (it is never edited).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseFile } from '../../../src/core/document/parse';
import { commandWords, exactSpan, mapScalar, programArgs } from '../../../src/core/formats/containerCommand';

function wordsOf(yaml: string, pointer: string, before?: string): string[] {
  const parsed = parseFile(yaml);
  const doc = parsed.documents[0];
  const context = before ? commandWords(yaml, doc, before) : [];
  return commandWords(yaml, doc, pointer, context).map((w) => `${w.text}@${w.site ? yaml.slice(w.span.start, w.span.end) : '?'}`);
}

test('command words: list items keep their quotes; a `--name value` item and a string split into exact words', () => {
  const yaml = 'a: ["redis-server", \'--maxmemory 1gb\', --save, ""]\nb: redis-server --maxmemory-policy "allkeys-lru" --x a\\ b\n';
  assert.deepEqual(wordsOf(yaml, '/a'), ['redis-server@"redis-server"', '--maxmemory@--maxmemory', '1gb@1gb', '--save@--save', '@""']);
  // Shell quoting: the inside of "allkeys-lru" is its place; `a\ b` has none.
  assert.deepEqual(wordsOf(yaml, '/b'), ['redis-server@redis-server', '--maxmemory-policy@--maxmemory-policy', 'allkeys-lru@allkeys-lru', '--x@--x', 'a b@?']);
});

test('command words: `sh -c` scripts in a string, in a list, after an entrypoint, in a literal block', () => {
  const yaml = `a: sh -c "redis-server --maxmemory 1gb && echo ok"
b:
  - /bin/sh
  - -ec
  - |
    exec redis-server \\
      --maxmemory-policy noeviction
e: ["sh", "-c"]
c: "redis-server --maxmemory 2gb"
`;
  assert.deepEqual(wordsOf(yaml, '/a'), ['sh@sh', '-c@-c', 'redis-server@redis-server', '--maxmemory@--maxmemory', '1gb@1gb', '&&@&&', 'echo@echo', 'ok@ok']);
  assert.deepEqual(wordsOf(yaml, '/b'), ['/bin/sh@/bin/sh', '-ec@-ec', 'exec@exec', 'redis-server@redis-server', '--maxmemory-policy@--maxmemory-policy', 'noeviction@noeviction']);
  assert.deepEqual(wordsOf(yaml, '/c', '/e'), ['redis-server@redis-server', '--maxmemory@--maxmemory', '2gb@2gb']);
  const parsed = parseFile(yaml);
  const found = programArgs(commandWords(yaml, parsed.documents[0], '/a'), /^redis-server$/);
  assert.deepEqual(found?.args.map((w) => w.text), ['--maxmemory', '1gb']);
});

test('scalar places: folded and quoted scalars map verbatim characters only; escapes and folds have none', () => {
  const yaml = `f: >-
  redis-server
  --maxmemory 3gb
q: "a\\tb c"
s: 'it''s x'
`;
  const doc = parseFile(yaml).documents[0];
  const value = doc.value as Record<string, string>;
  const folded = mapScalar(yaml, doc.locations.get('/f')!.value, value.f);
  assert.equal(value.f, 'redis-server --maxmemory 3gb');
  assert.deepEqual(exactSpan(folded, 13, 24), { start: yaml.indexOf('--maxmemory'), end: yaml.indexOf('--maxmemory') + 11 });
  assert.equal(exactSpan(folded, 0, 24), undefined, 'the fold is not the text');
  const quoted = mapScalar(yaml, doc.locations.get('/q')!.value, value.q);
  assert.equal(exactSpan(quoted, 0, 3), undefined);
  assert.deepEqual(exactSpan(quoted, 4, 5), { start: yaml.indexOf('c"'), end: yaml.indexOf('c"') + 1 });
  const single = mapScalar(yaml, doc.locations.get('/s')!.value, value.s);
  assert.equal(exactSpan(single, 0, 4), undefined);
  assert.deepEqual(exactSpan(single, 5, 6), { start: yaml.indexOf("x'"), end: yaml.indexOf("x'") + 1 });
  // A mapping that does not reproduce the value places nothing.
  assert.equal(exactSpan(mapScalar(yaml, doc.locations.get('/s')!.value, 'other'), 0, 5), undefined);
});
