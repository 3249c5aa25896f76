// The two engines under comparison, driven the same way: Cache Warden's analyzeFile / hoverAt /
// completeAt, and yaml-language-server's doValidation / doHover / doComplete with the same schema.
// yaml-language-server 2.x ships one ESM build (out/src, `"type": "module"`) with the same
// `getLanguageService` API as 1.x; this CommonJS file loads it through require(), which Node runs on
// ES modules from 20.19 on (the package asks for Node ≥ 22.13; on older Node 20 releases the bench
// fails here with ERR_REQUIRE_ESM). bench/protocol.bench.ts runs its stdio server instead.
import { TextDocument } from 'vscode-languageserver-textdocument';
import { getLanguageService, type LanguageService } from 'yaml-language-server';
import cacheLayerSchema from '../schemas/cache-layer.schema.json';
import { analyzeFile } from '../src/core/analyze';
import { parseFile } from '../src/core/document/parse';
import { BUILTIN_SCHEMA_IDS } from '../src/core/schema/builtinSchemas';
import { completeAt } from '../src/core/schema/completion';
import { hoverAt } from '../src/core/schema/hover';
import { SchemaRegistry } from '../src/core/schema/schemaRegistry';

export const BENCH_FILE_PATH = '/bench/storefront.cache.yaml';
const BENCH_URI = 'file:///bench/storefront.cache.yaml';
const SCHEMA_ID = BUILTIN_SCHEMA_IDS.cacheLayer;

export class CacheWardenEngine {
  readonly registry = new SchemaRegistry();

  validate(text: string): number {
    return analyzeFile(text, { filePath: BENCH_FILE_PATH, registry: this.registry }).diagnostics.length;
  }

  /** The same analysis with the rules step switched off: the baseline for the rules' share. */
  validateWithoutRules(text: string): number {
    return analyzeFile(text, { filePath: BENCH_FILE_PATH, registry: this.registry, rules: false }).diagnostics.length;
  }

  /** Hover on an already parsed file (the extension keeps the parse of the last validation). */
  hover(parsed: ReturnType<typeof parseFile>, offset: number): string | undefined {
    return hoverAt(parsed, offset, SCHEMA_ID, this.registry)?.markdown;
  }

  /** Completion on text just typed: parse included. */
  complete(text: string, offset: number): number {
    return completeAt(parseFile(text), offset, SCHEMA_ID, this.registry).length;
  }
}

export class YamlLanguageServerEngine {
  readonly service: LanguageService;
  private version = 1;

  constructor() {
    this.service = getLanguageService({
      // The schema is given inline; nothing may be fetched.
      schemaRequestService: (uri: string) => Promise.reject(new Error(`no fetching in the benchmark: ${uri}`)),
      workspaceContext: { resolveRelativePath: (relative: string, resource: string) => new URL(relative, resource).toString() },
    });
    this.service.configure({
      validate: true,
      hover: true,
      completion: true,
      customTags: [],
      schemas: [{ uri: SCHEMA_ID, fileMatch: ['*.cache.yaml'], schema: cacheLayerSchema as never }],
    });
  }

  /** A new document version: yaml-language-server parses it afresh (its cache is keyed by version). */
  document(text: string): TextDocument {
    return TextDocument.create(BENCH_URI, 'yaml', this.version++, text);
  }

  async validate(text: string): Promise<number> {
    return (await this.service.doValidation(this.document(text), false)).length;
  }

  async hover(document: TextDocument, offset: number): Promise<string | undefined> {
    const hover = await this.service.doHover(document, document.positionAt(offset));
    const contents = hover?.contents as { value?: string } | undefined;
    return contents?.value;
  }

  async complete(text: string, offset: number): Promise<number> {
    const document = this.document(text);
    return (await this.service.doComplete(document, document.positionAt(offset), false)).items.length;
  }
}
