// yaml-language-server's own stdio entry (node_modules/yaml-language-server/out/src/server.js),
// with one change for the protocol benchmark: its validation delay is 0 ms instead of the built-in
// 200 ms. That delay is a constant of its SettingsState (`validationDelayMs = 200`), not a setting,
// so the only way to give it "no debounce", as Cache Warden gets `validate.debounceMs: 0`, is to
// make the field read 0. Everything else is the stock server.
// Usage: node out/bench/ylsServer.js --stdio
import { readFileSync } from 'node:fs';

// yaml-language-server 2.x is ESM only; Node ≥ 20.19 loads it with require() (no top-level await in
// this graph). Deep paths are allowed: the package has no "exports" map.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const settings = require('yaml-language-server/out/src/yamlSettings.js') as { SettingsState: { prototype: object } };

export const PEER_VALIDATION_DELAY_MS = 0;

// The constructor assigns `this.validationDelayMs = 200`; an accessor on the prototype takes that
// assignment and always answers 0.
Object.defineProperty(settings.SettingsState.prototype, 'validationDelayMs', {
  configurable: true,
  get: () => PEER_VALIDATION_DELAY_MS,
  set: () => undefined,
});

if (require.main === module) {
  if (!process.argv.includes('--stdio')) process.argv.push('--stdio');
  const packageJson = require.resolve('yaml-language-server/package.json');
  process.env.YAML_LANGUAGE_SERVER_VERSION = (JSON.parse(readFileSync(packageJson, 'utf8')) as { version: string }).version;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require('yaml-language-server/out/src/server.js');
}
