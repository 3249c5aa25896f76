import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeCode, pascalCase } from '../../../src/cli/ruleDescriptions';
import type { Diagnostic } from '../../../src/core/types';

const resolveDocs = (p: string) => `https://docs.example.com/${p}`;
const example = (code: string, source: string, docsUrl?: string): Diagnostic => ({
  code, severity: 'error', message: 'an instance message', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, source, ...(docsUrl ? { docsUrl } : {}),
});

test('a CW rule is described by the registry: its title, its page, its default severity', () => {
  // The example reports CW004 as an error; the descriptor carries the rule's default (warning).
  const described = describeCode('CW004', { ...example('CW004', 'cache-warden'), severity: 'error' }, resolveDocs);
  assert.deepEqual(described, {
    name: 'SynchronizedExpiryNoTtlJitter',
    shortDescription: 'Synchronized expiry (no TTL jitter).',
    fullDescription: 'Synchronized expiry (no TTL jitter). Cache Warden rule CW004; its page explains the failure it prevents and how to fix it.',
    helpUri: 'https://docs.example.com/docs/rules/CW004.md',
    defaultSeverity: 'warning',
  });
  assert.equal(describeCode('CW001', example('CW001', 'cache-warden'), resolveDocs).name, 'TtlMissingZeroOrNeverWithoutInvalidation');
  assert.equal(describeCode('CW005', example('CW005', 'cache-warden'), resolveDocs).name, 'CacheKeyOmitsAParameterOrDimension');
});

test('engine codes are described by what they mean in general, never by one instance message', () => {
  assert.deepEqual(describeCode('schema-enum', example('schema-enum', 'cache-warden (schema)', 'docs/schema-problems.md#schema-enum'), resolveDocs), {
    name: 'SchemaEnum',
    shortDescription: 'A value is not one of the values the schema allows.',
    helpUri: 'https://docs.example.com/docs/schema-problems.md#schema-enum',
    defaultSeverity: 'error',
  });
  assert.equal(describeCode('schema-future-keyword', example('schema-future-keyword', 'cache-warden (schema)'), resolveDocs).shortDescription, 'The file does not match its JSON Schema (schema-future-keyword).');
  assert.equal(describeCode('yaml-tab-indent', example('yaml-tab-indent', 'cache-warden (yaml)'), resolveDocs).shortDescription, 'The file has a YAML syntax problem (yaml-tab-indent).');
  assert.equal(describeCode('file-unreadable', example('file-unreadable', 'cache-warden'), resolveDocs).helpUri, undefined);
});

test('PascalCase names from titles and codes', () => {
  assert.equal(pascalCase('TTL missing, zero, or never without invalidation'), 'TtlMissingZeroOrNeverWithoutInvalidation');
  assert.equal(pascalCase('schema-additional-property'), 'SchemaAdditionalProperty');
});

test('catalog codes are described by what they mean, with their default severity whatever the instance says', () => {
  // An unresolved ref is information when the name exists in another kind; its descriptor says warning.
  const unresolved = { ...example('catalog-unresolved-ref', 'cache-warden (catalog)', 'docs/catalog.md#unresolved-refs'), severity: 'information' as const };
  assert.deepEqual(describeCode('catalog-unresolved-ref', unresolved, resolveDocs), {
    name: 'CatalogUnresolvedRef',
    shortDescription: 'A ref matches no entity of the kind it looks for in the catalog.',
    helpUri: 'https://docs.example.com/docs/catalog.md#unresolved-refs',
    defaultSeverity: 'warning',
  });
  assert.deepEqual(describeCode('catalog-invalid-name', example('catalog-invalid-name', 'cache-warden (catalog)', 'docs/catalog.md#names-and-namespaces'), resolveDocs), {
    name: 'CatalogInvalidName',
    shortDescription: 'A Backstage entity\'s name or namespace breaks Backstage\'s naming rules, so Backstage rejects the entity.',
    helpUri: 'https://docs.example.com/docs/catalog.md#names-and-namespaces',
    defaultSeverity: 'error',
  });
  assert.equal(describeCode('catalog-location-not-followed', example('catalog-location-not-followed', 'cache-warden (catalog)'), resolveDocs).defaultSeverity, 'information');
});
