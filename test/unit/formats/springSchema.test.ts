// The bundled Spring Boot schema gives application.yml completion of the cache keys and values
// (through the same schema engine as every other file) and rejects nothing it does not know.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { completeAt } from '../../../src/core/schema/completion';
import { BUILTIN_SCHEMA_IDS } from '../../../src/core/schema/builtinSchemas';
import { workspaceWith } from './adapterHarness';

const APP = `spring:
  application:
    name: catalog-service
  cache:
    type: redis
    redis:
      key-prefix: "catalog:"
  somethingElse: { anything: [1, 2] }
server:
  port: 8080
`;

test('application.yml: associated with the Spring Boot schema; keys under spring.cache.redis and spring.cache.type values complete; unknown keys pass', async () => {
  const typedKey = APP.replace('      key-prefix: "catalog:"\n', '      key-prefix: "catalog:"\n      ti\n');
  const typedValue = APP.replace('    type: redis', '    type: ');
  const ws = await workspaceWith({ 'src/main/resources/application.yml': APP, 'key/application.yml': typedKey, 'value/application-prod.yml': typedValue });
  const file = ws.file('src/main/resources/application.yml');
  assert.equal(ws.model.association(file)?.schemaId, BUILTIN_SCHEMA_IDS.springBoot);
  assert.deepEqual(ws.model.analysis(file)!.diagnostics.filter((d) => d.source !== 'cache-warden').map((d) => d.code), []);
  const registry = ws.model.folderOf(file).registry;
  const keyEntry = ws.model.file(ws.file('key/application.yml'))!;
  const keys = completeAt(keyEntry.parsed!, typedKey.indexOf('      ti\n') + 8, BUILTIN_SCHEMA_IDS.springBoot, registry).map((item) => item.label);
  assert.ok(keys.includes('time-to-live'), keys.join(', '));
  const valueEntry = ws.model.file(ws.file('value/application-prod.yml'))!;
  const values = completeAt(valueEntry.parsed!, typedValue.indexOf('type: ') + 6, BUILTIN_SCHEMA_IDS.springBoot, registry).map((item) => item.label);
  assert.deepEqual(values.filter((v) => ['redis', 'caffeine', 'simple', 'none'].includes(v)), ['redis', 'caffeine', 'simple', 'none']);
});
