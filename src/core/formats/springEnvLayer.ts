// Spring Boot apps configured through a container's environment (docker compose `environment:`,
// Kubernetes `env:`): `SPRING_CACHE_REDIS_TIME_TO_LIVE=10m` is `spring.cache.redis.time-to-live`.
//
// The environment is applied on top of the app's own application.* files, as Spring does. When
// the container's module can be found — compose's `build:` context, else a module the manifest
// sits in or one named like the workload (`catalog/`, `services/catalog/`, …), each with
// `src/main/resources/application.*` — the layer is that module's settings (with the profiles
// `SPRING_PROFILES_ACTIVE` names) under the environment: the caches are the module's
// (`products`, `prices`), not a stand-in named after the workload, and only what the environment
// changes is reported here (its own time-to-live, its Redis host); what the module decides is
// reported once, in its own files. Without a module the environment is read alone.
import * as path from 'node:path';
import type { Span, TextEdit } from '../types';
import type { AdaptedLayer, AdapterInput, SettingSite } from './adapter';
import { LayerBuilder } from './layerBuilder';
import { overlay, ownRules, springModuleSettings } from './springBoot';
import { addSpringApp, boot3Key, canonicalSpringKey, placeholderNames, resolvePlaceholders, springReword, type SpringProperty } from './springModel';

/** An environment variable with where its name and value are written. */
export interface EnvVar {
  name: string;
  value: string;
  nameSpan: Span;
  valueSpan: Span;
  /** The value's place is exact (its text is the value), so it can be rewritten. */
  exactValue: boolean;
}

/** Where the container's Spring module may be: resources folders, relative like the adapter's paths, best first. */
export interface SpringModuleCandidates {
  folders: readonly string[];
  /** The container names what it runs (compose `build:`): looked at even without SPRING_* variables. */
  explicit?: boolean;
}

const RESOURCES = 'src/main/resources';

/** compose `build: ./catalog` (or `build: { context: ./catalog }`), relative to the compose file. */
export function buildContextModule(composePath: string, context: string | undefined): SpringModuleCandidates {
  if (!context || /^[a-z][a-z0-9+.-]*:\/\//i.test(context) || context.startsWith('git@')) return { folders: [] };
  const dir = path.posix.normalize(path.posix.join(path.posix.dirname(composePath), context.replace(/\\/g, '/')));
  if (dir.startsWith('..') || path.posix.isAbsolute(dir)) return { folders: [] };
  return { folders: [dir === '.' ? RESOURCES : `${dir}/${RESOURCES}`], explicit: true };
}

/**
 * A Kubernetes workload's module: the folders the manifest sits in (a service's own `k8s/`
 * folder), then the folders teams name modules by (`catalog/`, `services/catalog/`, `apps/…`,
 * `modules/…`).
 */
export function workloadModules(manifestPath: string, workload: string): SpringModuleCandidates {
  const out: string[] = [];
  let dir = path.posix.dirname(manifestPath);
  for (;;) {
    out.push(dir === '.' ? RESOURCES : `${dir}/${RESOURCES}`);
    if (dir === '.' || dir === '') break;
    dir = path.posix.dirname(dir);
  }
  if (/^[a-z0-9]([a-z0-9._-]*[a-z0-9])?$/i.test(workload)) {
    for (const parent of ['', 'services/', 'apps/', 'modules/']) out.push(`${parent}${workload}/${RESOURCES}`);
  }
  return { folders: [...new Set(out)] };
}

/** Spring's settings among a container's environment variables, as a layer of their own (none when there are none). */
export function springEnvLayer(
  input: AdapterInput, workload: string, declared: Span, env: readonly EnvVar[], settings: SettingSite[],
  /** Adds `NAME=value` to the container's environment, in the list's own style. */
  insertVariable?: (name: string, value: string) => TextEdit | undefined,
  modules: SpringModuleCandidates = { folders: [] },
): AdaptedLayer | undefined {
  const own: SpringProperty[] = [];
  const written = new Map<string, EnvVar>();
  for (const variable of env) {
    const key = canonicalSpringKey(variable.name);
    if (!key) continue;
    own.push({ key, value: variable.value, keySpan: variable.nameSpan, valueSpan: variable.valueSpan });
    written.set(boot3Key(key), variable);
  }
  // A module is looked for when the environment speaks Spring, or the container names its build.
  if (!own.length && !modules.explicit) return undefined;
  // Profile names become file names (`application-<profile>.yml`): only plain names count.
  const profiles = own.filter((p) => boot3Key(p.key) === 'spring.profiles.active')
    .flatMap((p) => p.value.split(',').map((s) => s.trim()).filter((name) => /^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(name) && !name.includes('..')));
  const springModule = input.readSibling && modules.folders.length ? springModuleSettings(input.readSibling, modules.folders, profiles) : undefined;
  if (springModule) {
    // `spring.data.redis.host=${REDIS_HOST:localhost}` with `REDIS_HOST=redis` here: the environment
    // sets the host through the placeholder, at the variable's place.
    const byName = new Map(env.map((variable) => [variable.name, variable]));
    const values = new Map(env.map((variable) => [variable.name, variable.value]));
    const set = new Set(own.map((p) => boot3Key(p.key)));
    for (const p of springModule.properties) {
      const variable = placeholderNames(p.value).map((name) => byName.get(name)).find((v) => v !== undefined);
      if (!variable || set.has(boot3Key(p.key))) continue;
      own.push({ key: p.key, value: resolvePlaceholders(p.value, values), keySpan: variable.nameSpan, valueSpan: variable.valueSpan });
      set.add(boot3Key(p.key));
    }
  }
  if (!own.length) return undefined;
  // What the environment changes: a variable that repeats the module's own value decides nothing.
  const inherited = new Map((springModule?.properties ?? []).map((p) => [boot3Key(p.key), resolvePlaceholders(p.value)]));
  const decisive = own.filter((p) => inherited.get(boot3Key(p.key)) !== p.value);
  const properties = springModule ? overlay(springModule.properties, own) : own;
  const service = springModule ? springModule.service : workload;
  const builder = new LayerBuilder(service);
  const app = addSpringApp({ builder, service, properties, declared, settings, anchors: own });
  if (!app || builder.isEmpty) return undefined;
  const rules = springModule ? ownRules(app, decisive) : app.rules;
  if (rules.size === 0) return undefined;
  const doc = builder.build(0, { start: 0, end: input.text.length });
  // The app's terms with property names as this environment writes them (`SPRING_CACHE_TYPE=none`).
  const terms: Record<string, string> = {};
  for (const [field, words] of Object.entries(app.terms)) {
    terms[field] = words.replace(/^(spring\.[a-z0-9.[\]-]+)(: )?/, (_whole, key: string, colon?: string) => `${written.get(key)?.name ?? envNameOf(key)}${colon ? '=' : ''}`);
  }
  return {
    doc,
    // The rules an application.yml with these settings gets (by cache type, see springModel.ts):
    // the environment says the same things — over a module, only those it decides itself.
    rules,
    terms,
    termSeparator: '=',
    reword: springReword,
    // A time-to-live fix rewrites the variable's value, or adds the variable to the environment.
    editFor: (pointer, value) => {
      const m = /^\/spec\/caches\/(\d+)\/ttl(\/value)?$/.exec(pointer);
      if (!m || app.type !== 'redis' || !app.caches.includes(Number(m[1]))) return undefined;
      const duration = m[2] ? value : (value as { value?: unknown } | null)?.value;
      if (typeof duration !== 'string' || !/^\d+(ms|s|m|h|d)$/.test(duration)) return undefined;
      const variable = written.get('spring.cache.redis.time-to-live');
      if (variable) return variable.exactValue ? [{ range: input.lines.rangeOf(variable.valueSpan), newText: duration }] : undefined;
      const edit = insertVariable?.(envNameOf('spring.cache.redis.time-to-live'), duration);
      return edit ? [edit] : undefined;
    },
  };
}

/** `spring.cache.redis.time-to-live` → `SPRING_CACHE_REDIS_TIME_TO_LIVE` (Spring binds it like the property). */
export function envNameOf(key: string): string {
  return key.replace(/[.-]/g, '_').replace(/\[(\d+)\]/g, '_$1').toUpperCase();
}
