// Parsing alone, on the 6,000-line cache config: our fast path against the `yaml` package's
// lexer, CST parser and Document parser (what yaml-language-server builds on).
import { Lexer, Parser, parseDocument } from 'yaml';
import { parseFast } from '../src/core/document/fastParser';
import { LineIndex } from '../src/core/document/lineIndex';
import { parseFile } from '../src/core/document/parse';
import { parseWithYamlLibrary } from '../src/core/document/yamlLibraryParser';
import { generateCacheConfig } from './cacheConfig';
import { ms, ratio, table, timeInterleaved, type Benchmark } from './harness';

export const parseBenchmark: Benchmark = {
  id: 'parse',
  async run() {
    const text = generateCacheConfig(6000);
    const lines = new LineIndex(text);
    if (!parseFast(text, lines)) throw new Error('the fast path declined the benchmark config');
    const t = timeInterleaved({
      lexer: () => {
        let tokens = 0;
        for (const _token of new Lexer().lex(text)) tokens++;
        return tokens;
      },
      cst: () => {
        let nodes = 0;
        for (const _token of new Parser().parse(text)) nodes++;
        return nodes;
      },
      document: () => parseDocument(text),
      reference: () => parseWithYamlLibrary(text, new LineIndex(text)),
      fast: () => parseFast(text, new LineIndex(text)),
      file: () => parseFile(text),
    }, 20);
    const { lexer, cst, document, reference, fast, file } = t;
    const rows = [
      ['`yaml` Lexer (tokens only)', ms(lexer.median), '1.000×'],
      ['`yaml` CST Parser', ms(cst.median), ratio(cst.median, lexer.median)],
      ['`yaml` parseDocument', ms(document.median), ratio(document.median, lexer.median)],
      ['reference path (parseWithYamlLibrary: Document → model + source map)', ms(reference.median), ratio(reference.median, lexer.median)],
      ['**fast path (parseFast → model + source map)**', `**${ms(fast.median)}**`, `**${ratio(fast.median, lexer.median)}**`],
      ['parseFile (LineIndex + fast path)', ms(file.median), ratio(file.median, lexer.median)],
    ];
    const markdown = [
      `Text: generated CacheLayer config, ${lines.lineCount} lines, ${(text.length / 1024).toFixed(0)} KB (bench/cacheConfig.ts).`,
      '',
      table(['parse', 'median ms', 'vs `yaml` Lexer'], rows),
      '',
      'Medians of 20 rounds after 3 warmup rounds; each round runs every parser once (round-robin), so load changes on a shared machine hit all alike.',
      '',
      `The fast path builds the full model (values + every key/value span) in ${ratio(fast.median, lexer.median)} of the time the \`yaml\` lexer needs just to tokenize, and ${ratio(fast.median, reference.median)} of the reference path's time. Both produce identical models (test/unit/document/fastParser.differential.test.ts).`,
    ].join('\n');
    return { id: 'parse', title: 'Parsing (6,000-line cache config)', markdown };
  },
};
