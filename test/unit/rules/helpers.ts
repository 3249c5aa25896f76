// Test helpers for the rules: a clean base config that every rule accepts, text edits applied the
// way VS Code applies them, and a compact "CW004 12:17-12:20 message" form (1-based, as the editor
// shows positions) so assertions read like the Problems list.
import { parseFile } from '../../../src/core/document/parse';
import { LineIndex } from '../../../src/core/document/lineIndex';
import { runRules, type RuleRunOptions } from '../../../src/core/rules/runRules';
import { factsOfFile, WorkspaceFacts } from '../../../src/core/rules/workspaceFacts';
import type { Diagnostic, Fix, TextEdit } from '../../../src/core/types';

export const NOW = new Date('2026-11-26T12:00:00Z');

/** A config no rule reports: each test changes one thing. */
export const CLEAN = `apiVersion: cache-warden/v1
kind: CacheLayer
metadata:
  service: shop-service
  owner: team-shop
  docs: docs/shop.md
spec:
  backends:
    - name: shop-redis
      type: redis
      role: cache
      maxMemory: 4Gi
      containerMemoryLimit: 6Gi
      eviction: allkeys-lru
  caches:
    - name: product
      backend: shop-redis
      criticality: hot
      fronts:
        kind: sql
        name: shop-db
        params: [tenant_id, product_id]
        variesBy: [tenant]
        lookupBy: external
        p99LoadTime: 100ms
        loadTimeout: 500ms
        maxConcurrentLoads: 16
      key:
        template: "shop:v{version}:product:{tenant_id}:{product_id}"
        version: 1
      ttl:
        value: 10m
        jitter: 10%
      stampede:
        mode: coalesce
        lockTimeout: 1s
      negative:
        enabled: true
        ttl: 30s
        onError: serve_stale
      capacity:
        maxEntries: 200000
        workingSet:
          estimatedKeys: 100000
          avgValueBytes: 1000
      warmup:
        strategy: preload
`;

/** Replace exactly one occurrence (a test that edits the wrong place must fail loudly). */
export function change(text: string, from: string, to: string): string {
  const at = text.indexOf(from);
  if (at === -1 || text.indexOf(from, at + 1) !== -1) throw new Error(`expected exactly one ${JSON.stringify(from)}`);
  return text.slice(0, at) + to + text.slice(at + from.length);
}

export function lint(text: string, options: Partial<RuleRunOptions> = {}): Diagnostic[] {
  return runRules(parseFile(text), { filePath: 'services/shop.cache.yaml', now: NOW, ...options });
}

/** Lint several files of one workspace; returns each file's diagnostics. */
export function lintWorkspace(files: Record<string, string>, options: Partial<RuleRunOptions> = {}): Record<string, Diagnostic[]> {
  const facts = new WorkspaceFacts();
  for (const [path, text] of Object.entries(files)) facts.set(path, factsOfFile(path, parseFile(text)));
  const out: Record<string, Diagnostic[]> = {};
  for (const [path, text] of Object.entries(files)) out[path] = runRules(parseFile(text), { filePath: path, now: NOW, facts, ...options });
  return out;
}

export function show(d: Diagnostic): string {
  const { start, end } = d.range;
  return `${d.code} ${start.line + 1}:${start.character + 1}-${end.line + 1}:${end.character + 1} ${d.message}`;
}

export function shown(diagnostics: Diagnostic[], code?: string): string[] {
  return diagnostics.filter((d) => !code || d.code === code).map(show);
}

/** Apply edits like a WorkspaceEdit: all ranges refer to the original text. */
export function applyEdits(text: string, edits: TextEdit[]): string {
  const lines = new LineIndex(text);
  const sorted = edits
    .map((e) => ({ start: lines.offsetAt(e.range.start), end: lines.offsetAt(e.range.end), newText: e.newText }))
    .sort((a, b) => b.start - a.start);
  let out = text;
  for (const e of sorted) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

export function fixTitled(d: Diagnostic, title: string): Fix {
  const fix = d.fixes?.find((f) => f.title === title);
  if (!fix) throw new Error(`no fix "${title}" on ${show(d)}; has ${(d.fixes ?? []).map((f) => f.title).join(', ')}`);
  return fix;
}

/** The one diagnostic with this code (fails when there are none or several). */
export function only(diagnostics: Diagnostic[], code: string): Diagnostic {
  const found = diagnostics.filter((d) => d.code === code);
  if (found.length !== 1) throw new Error(`expected one ${code}, got:\n${diagnostics.map(show).join('\n')}`);
  return found[0];
}

/** Messages of every diagnostic except those of `code`: "nothing new appears" compares these. */
export function othersThan(diagnostics: Diagnostic[], code: string): string[] {
  return diagnostics.filter((d) => d.code !== code).map((d) => `${d.code} ${d.message}`).sort();
}
