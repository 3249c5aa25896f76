// Spring Boot's application.yml / application.properties (and bootstrap.yml, application-<profile>.*):
// the app's cache settings (springModel.ts) as cache layer documents.
//
// Layers: the settings that apply without a profile (every YAML document without
// `spring.config.activate.on-profile` / Boot 2 `spring.profiles`, or a whole .properties file) are
// the base layer. Every profile document (and every application-<profile> file) is a layer of its
// own: the base with the profile's settings on top, which is what runs when that profile is active.
// A profile layer reports only what the profile itself decides (its own time-to-live, spec or cache
// type); what it inherits is reported once, in the base — the base is what runs in every other
// case (local runs, tests, any profile that does not set it), so its missing TTL is reported even
// when a production profile sets one.
import * as path from 'node:path';
import type { DocumentModel } from '../document/model';
import { pointerOf } from '../document/model';
import { parseFile } from '../document/parse';
import { insertMember } from '../rules/yamlEdits';
import type { Diagnostic, Span, TextEdit } from '../types';
import type { AdaptedFile, AdaptedLayer, AdapterInput, FormatAdapter, SettingSite } from './adapter';
import { mapScalar } from './blockScalar';
import { LayerBuilder } from './layerBuilder';
import { parseProperties, propertiesValue } from './propertiesFile';
import {
  addSpringApp, boot3Key, canonicalSpringKey, offsetsOf, springKeyDoc, springReword, type SpringApp, type SpringProperty,
} from './springModel';
import { formatSyntax } from './formatProblems';

const DOCS = 'docs/formats/spring-boot.md';

/** One document's settings: a YAML document, or a whole .properties file. */
interface SpringDoc {
  properties: SpringProperty[];
  /** Canonical name of each mapping written as such (`spring.cache.redis`) → its key's span. */
  sections: Map<string, Span>;
  /** The profiles the document is for (empty: the base). */
  profiles: string[];
  /** Where the document is (its first key, for anchors). */
  span: Span;
  /** The YAML document, for fixes. */
  yaml?: DocumentModel;
}

/** Keys whose presence in a profile document makes it a cache configuration of its own. */
function isCacheKey(key: string): boolean {
  const k = boot3Key(key);
  return k.startsWith('spring.cache.') || k.startsWith('spring.data.redis.') || k === 'spring.datasource.url' || k === 'spring.application.name';
}

/** Profiles that run in production: the caches matter there (CW002 reports `type: none`). */
const PRODUCTION = /^(prod|production|prd|live)$/i;

export const springBootYamlAdapter: FormatAdapter = {
  id: 'spring-boot',
  title: 'Spring Boot application config',
  paths: ['application.yml', 'application.yaml', 'application-*.yml', 'application-*.yaml', 'bootstrap.yml', 'bootstrap.yaml', 'bootstrap-*.yml', 'bootstrap-*.yaml'],
  yaml: true,
  read: (input) => readSpringText(input, 'yaml'),
};

export const springBootPropertiesAdapter: FormatAdapter = {
  id: 'spring-boot-properties',
  title: 'Spring Boot application.properties',
  paths: ['application.properties', 'application-*.properties', 'bootstrap.properties', 'bootstrap-*.properties'],
  yaml: false,
  read: (input) => readSpringText(input, 'properties'),
};

export interface SpringTextOptions {
  /** The app's name when `spring.application.name` does not say it (else the module folder's). */
  service?: string;
  /** Settings these apply over (a module's own application.yml under a ConfigMap's): inherited, never located here. */
  base?: SpringProperty[];
}

/**
 * Reads Spring Boot settings written as YAML or as a .properties file (see SpringTextOptions for
 * settings kept elsewhere than in a module, such as a ConfigMap's application.yml).
 */
export function readSpringText(input: AdapterInput, style: 'yaml' | 'properties', options: SpringTextOptions = {}): AdaptedFile | undefined {
  if (style === 'yaml') {
    const parsed = input.parsed ?? parseFile(input.text);
    const broken = parsed.documents.flatMap((d) => d.syntaxErrors.filter((e) => e.severity === 'error'));
    if (broken.length) {
      return {
        format: 'spring-boot',
        layers: [],
        settings: [],
        diagnostics: [syntaxDiagnostic(`This Spring Boot ${path.posix.basename(input.relativePath)} does not parse as YAML: ${broken[0].message.replace(/\.$/, '')}. Its cache settings are not checked until it does.`, broken[0].range)],
      };
    }
    return readSpring(input, parsed.documents.map((d) => yamlDoc(input.text, d)), 'yaml', options);
  }
  const { doc, problems } = propertiesDocs(input.text);
  const diagnostics = problems.map((p) => syntaxDiagnostic(`This Spring Boot ${path.posix.basename(input.relativePath)} does not parse: ${p.message}. Spring refuses to load it.`, input.lines.rangeOf(p.span)));
  const read = readSpring(input, doc, 'properties', options);
  if (!read) return diagnostics.length ? { format: 'spring-boot-properties', layers: [], settings: [], diagnostics } : undefined;
  read.diagnostics.unshift(...diagnostics);
  return read;
}

function syntaxDiagnostic(message: string, range: Diagnostic['range']): Diagnostic {
  return formatSyntax(message, range, DOCS);
}

// ---------------------------------------------------------------------------------------------
// Reading

function yamlDoc(text: string, doc: DocumentModel): SpringDoc {
  const properties: SpringProperty[] = [];
  const sections = new Map<string, Span>();
  const walk = (value: unknown, segments: (string | number)[], name: string) => {
    const pointer = pointerOf(segments);
    const location = doc.locations.get(pointer);
    if (Array.isArray(value)) {
      value.forEach((item, i) => walk(item, [...segments, i], `${name}[${i}]`));
      return;
    }
    if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
      if (name) {
        const canonical = canonicalSpringKey(name);
        if (canonical && location?.key) sections.set(canonical, location.key);
      }
      for (const [key, child] of Object.entries(value as Record<string, unknown>)) walk(child, [...segments, key], name ? `${name}.${key}` : key);
      return;
    }
    const key = canonicalSpringKey(name);
    if (!key || !location) return;
    const written = value === null || value === undefined ? '' : value instanceof Date ? text.slice(location.value.start, location.value.end) : String(value);
    const map = typeof value === 'string' ? mapScalar(text, location.value, value) : undefined;
    const offsets = map ? Array.from({ length: written.length + 1 }, (_, i) => map.offset(i)) : undefined;
    const valueSpan = map ? map.span({ start: 0, end: written.length }) : location.value;
    properties.push({ key, value: written, keySpan: location.key ?? location.value, valueSpan, ...(offsets ? { offsets } : {}) });
  };
  walk(doc.value, [], '');
  return { properties, sections, profiles: profilesOf(properties), span: firstKeySpan(properties) ?? doc.span, yaml: doc };
}

function propertiesDocs(text: string): { doc: SpringDoc[]; problems: { message: string; span: Span }[] } {
  const file = parseProperties(text);
  const properties: SpringProperty[] = [];
  for (const entry of file.entries) {
    const key = canonicalSpringKey(entry.key);
    if (!key) continue;
    properties.push({ key, value: entry.value, keySpan: entry.keySpan, valueSpan: entry.valueSpan, offsets: entry.offsets });
  }
  // A .properties file may hold several documents since Boot 2.4 (`#---` or `!---` lines); profile
  // conditions then apply per document.
  const docs: SpringDoc[] = [];
  const breaks = [...text.matchAll(/^[ \t]*[#!]---[ \t]*\r?$/gm)].map((m) => m.index);
  let from = 0;
  for (const end of [...breaks, Infinity]) {
    const own = properties.filter((p) => p.keySpan.start >= from && p.keySpan.start < end);
    docs.push({ properties: own, sections: new Map(), profiles: profilesOf(own), span: firstKeySpan(own) ?? { start: 0, end: 0 } });
    from = end;
  }
  return { doc: docs, problems: file.problems };
}

function firstKeySpan(properties: readonly SpringProperty[]): Span | undefined {
  return properties.length ? properties.reduce((a, b) => (b.keySpan.start < a.keySpan.start ? b : a)).keySpan : undefined;
}

function profilesOf(properties: readonly SpringProperty[]): string[] {
  const out: string[] = [];
  for (const p of properties) {
    if (p.key === 'spring.config.activate.on-profile' || p.key === 'spring.profiles' || /^spring\.(config\.activate\.on-profile|profiles)\[\d+\]$/.test(p.key)) {
      // Profile expressions: `prod`, `prod & cloud`, `!dev`, `prod | staging`: the names they mention.
      for (const name of p.value.split(/[\s,&|()!]+/)) if (name) out.push(name);
    }
  }
  return out;
}

/** The profile a file name says: application-prod.yml → prod. */
function fileProfile(relativePath: string): string | undefined {
  const m = /^(?:application|bootstrap)-(.+)\.(?:ya?ml|properties)$/i.exec(path.posix.basename(relativePath));
  return m ? m[1] : undefined;
}

/** The service: `spring.application.name`, else the module folder (the one above src/main/resources). */
export function springServiceName(relativePath: string, properties: readonly SpringProperty[]): string {
  const named = [...properties].reverse().find((p) => p.key === 'spring.application.name' && p.value.trim());
  if (named) return named.value.trim();
  const parts = path.posix.dirname(relativePath).split('/').filter((s) => s && s !== '.');
  const resources = parts.lastIndexOf('resources');
  if (resources >= 2 && parts[resources - 1] === 'main' && parts[resources - 2] === 'src') {
    return parts[resources - 3] ?? 'application';
  }
  return parts[parts.length - 1] ?? 'application';
}

/** The base settings of application.yml/.yaml/.properties next to a profile file (values only). */
function inheritedBase(input: AdapterInput): SpringProperty[] {
  if (!input.readSibling) return [];
  const stem = path.posix.basename(input.relativePath).toLowerCase().startsWith('bootstrap') ? 'bootstrap' : 'application';
  return settingsIn(input.readSibling, path.posix.dirname(input.relativePath), stem, []) ?? [];
}

/**
 * The settings `<stem>.properties|yaml|yml` in `dir` give an app run with `profiles` active: every
 * document without a profile condition, then the documents for those profiles and their
 * `<stem>-<profile>.*` files, later ones winning (values only, marked inherited). Undefined when
 * the folder has no `<stem>.*` file.
 */
function settingsIn(readSibling: (relativePath: string) => string | undefined, dir: string, stem: string, profiles: readonly string[]): SpringProperty[] | undefined {
  const docsOf = (name: string): SpringDoc[] | undefined => {
    const rel = dir === '.' || dir === '' ? name : `${dir}/${name}`;
    const text = readSibling(rel);
    return text === undefined ? undefined : settingDocsOf(text, name.endsWith('.properties') ? 'properties' : 'yaml');
  };
  const files = ['properties', 'yaml', 'yml'].map((ext) => docsOf(`${stem}.${ext}`));
  if (files.every((docs) => docs === undefined)) return undefined;
  const out: SpringProperty[] = [];
  const active = new Set(profiles);
  for (const docs of files) for (const doc of docs ?? []) if (doc.profiles.length === 0) out.push(...doc.properties);
  for (const docs of files) for (const doc of docs ?? []) if (doc.profiles.some((p) => active.has(p))) out.push(...doc.properties);
  for (const profile of profiles) {
    for (const ext of ['properties', 'yaml', 'yml']) {
      for (const doc of docsOf(`${stem}-${profile}.${ext}`) ?? []) if (doc.profiles.length === 0 || doc.profiles.some((p) => active.has(p))) out.push(...doc.properties);
    }
  }
  return out.map((p) => ({ ...p, inherited: true }));
}

/**
 * The settings documents of a file another one reads (a profile file's application.yml, a
 * container's module), by text: they are read again whenever the file that reads them is, on
 * every keystroke in it, and rarely change. A file that does not parse has none.
 */
const settingDocs = new Map<string, SpringDoc[]>();
const SETTING_DOCS_ENTRIES = 64;
const SETTING_DOCS_MAX_TEXT = 256 * 1024;

function settingDocsOf(text: string, style: 'yaml' | 'properties'): SpringDoc[] {
  const key = `${style}\u0000${text}`;
  const known = settingDocs.get(key);
  if (known) return known;
  let docs: SpringDoc[];
  if (style === 'properties') docs = propertiesDocs(text).doc;
  else {
    const parsed = parseFile(text);
    docs = parsed.documents.some((d) => d.syntaxErrors.some((e) => e.severity === 'error')) ? [] : parsed.documents.map((d) => yamlDoc(text, d));
  }
  if (text.length > SETTING_DOCS_MAX_TEXT) return docs;
  if (settingDocs.size >= SETTING_DOCS_ENTRIES) settingDocs.delete(settingDocs.keys().next().value!);
  settingDocs.set(key, docs);
  return docs;
}

/** A Spring Boot module's own settings, as a container running it sees them. */
export interface SpringModuleSettings {
  /** The module's resources folder, relative like the adapter's paths (`services/catalog/src/main/resources`). */
  resources: string;
  /** Its settings for the active profiles (inherited: findings stay where the container sets things). */
  properties: SpringProperty[];
  /** The app's service: `spring.application.name`, else the module folder. */
  service: string;
}

/**
 * The first of `resourceFolders` that holds an `application.*` file, read with `profiles` active:
 * what a container built from that module runs before its environment is applied. Every file
 * looked at is read through `readSibling`, so a change to it reads the container's file again.
 */
export function springModuleSettings(readSibling: (relativePath: string) => string | undefined, resourceFolders: readonly string[], profiles: readonly string[]): SpringModuleSettings | undefined {
  for (const resources of resourceFolders) {
    const properties = settingsIn(readSibling, resources, 'application', profiles);
    if (!properties) continue;
    return { resources, properties, service: springServiceName(`${resources}/application.properties`, properties) };
  }
  return undefined;
}

function readSpring(input: AdapterInput, docs: SpringDoc[], style: 'yaml' | 'properties', options: SpringTextOptions = {}): AdaptedFile | undefined {
  const serviceName = options.service;
  const format = style === 'yaml' ? 'spring-boot' : 'spring-boot-properties';
  const ownProfile = fileProfile(input.relativePath);
  const settings: SettingSite[] = [];
  const diagnostics: Diagnostic[] = [];
  const layers: AdaptedLayer[] = [];
  const inherited = options.base ?? (ownProfile ? inheritedBase(input) : []);
  // Settings over others (a profile file over application.yml, a ConfigMap's over the module's):
  // each layer reports only what it decides itself.
  const overlaying = ownProfile !== undefined || options.base !== undefined;
  const profileOfFile = ownProfile ? [ownProfile] : [];
  const baseDocs = docs.filter((d) => d.profiles.length === 0);
  const base = [...inherited, ...baseDocs.flatMap((d) => d.properties)];
  const service = (props: readonly SpringProperty[]) => (serviceName !== undefined && !props.some((p) => p.key === 'spring.application.name' && p.value.trim())
    ? serviceName
    : springServiceName(input.relativePath, props));

  // Hovers of every recognised key, including the ones no layer needs (profile conditions, names).
  for (const doc of docs) {
    for (const p of doc.properties) {
      if (isCacheKey(p.key)) continue; // addSpringApp adds these
      const hover = springKeyDoc(p.key);
      if (hover) settings.push({ span: p.keySpan, markdown: hover });
    }
  }

  const addLayer = (own: SpringDoc[], profiles: string[], properties: SpringProperty[], onlyOwn: boolean) => {
    const builder = new LayerBuilder(service(properties));
    const problems: { message: string; span: Span }[] = [];
    const sections = new Map<string, Span>();
    for (const d of own) for (const [k, v] of d.sections) sections.set(k, v);
    const declared = own[0]?.span ?? { start: 0, end: 0 };
    const hot = profiles.length === 0 || profiles.some((p) => PRODUCTION.test(p));
    const app = addSpringApp({
      builder, service: service(properties), properties, declared, settings, sections,
      criticality: hot ? 'hot' : 'cold', problems, anchors: own.flatMap((d) => d.properties),
    });
    for (const problem of problems) {
      if (!diagnostics.some((d) => d.message.endsWith(problem.message + '.'))) diagnostics.push(syntaxDiagnostic(`Spring Boot cannot read this setting: ${problem.message}.`, input.lines.rangeOf(problem.span)));
    }
    if (!app || builder.isEmpty) return;
    let rules = app.rules;
    if (onlyOwn) rules = ownRules(app, own.flatMap((d) => d.properties));
    if (rules.size === 0) return;
    const doc = builder.build(layers.length, own.length === 1 ? own[0].yaml?.span ?? { start: 0, end: input.text.length } : { start: 0, end: input.text.length });
    layers.push({
      doc,
      rules,
      // `spring.cache.type: none` reads `spring.cache.type=none` in a .properties file.
      terms: style === 'yaml' ? app.terms : Object.fromEntries(Object.entries(app.terms).map(([k, v]) => [k, v.replace(/^(spring\.[a-z0-9.-]+): /, '$1=')])),
      termSeparator: style === 'yaml' ? ': ' : '=',
      reword: springReword,
      editFor: (pointer, value) => springEdit(input, style, own, properties, app, pointer, value),
      // One time-to-live (or spec) is every cache's: a fix for one cache sets it for all of them.
      sharedWith: (pointer) => {
        const m = /^\/spec\/caches\/(\d+)(\/ttl(?:\/value)?)$/.exec(pointer);
        if (!m || !app.caches.includes(Number(m[1]))) return [];
        return app.caches.filter((i) => i !== Number(m[1])).map((i) => `/spec/caches/${i}${m[2]}`);
      },
    });
  };

  if (!overlaying) {
    // The base (a file without a profile in its name).
    if (baseDocs.length) addLayer(baseDocs, [], base, false);
    for (const doc of docs) {
      if (doc.profiles.length === 0 || !doc.properties.some((p) => isCacheKey(p.key))) continue;
      addLayer([doc], doc.profiles, overlay(base, doc.properties), true);
    }
  } else {
    // application-prod.yml (or a ConfigMap's config over its module's): its documents without a
    // condition are this layer's settings.
    if (baseDocs.length) addLayer(baseDocs, profileOfFile, overlay(inherited, baseDocs.flatMap((d) => d.properties)), inherited.length > 0);
    for (const doc of docs) {
      if (doc.profiles.length === 0 || !doc.properties.some((p) => isCacheKey(p.key))) continue;
      addLayer([doc], [...profileOfFile, ...doc.profiles], overlay(base, doc.properties), true);
    }
  }
  const seen = new Set<string>();
  const hovers = settings.filter((s) => !seen.has(`${s.span.start}:${s.span.end}`) && seen.add(`${s.span.start}:${s.span.end}`));
  if (!layers.length && !diagnostics.length) return hovers.length ? { format, layers, diagnostics, settings: hovers } : undefined;
  return { format, layers, diagnostics, settings: hovers };
}

/** `base` with `own` on top: a list set by `own` replaces the base's whole list. */
export function overlay(base: readonly SpringProperty[], own: readonly SpringProperty[]): SpringProperty[] {
  const lists = new Set(own.map((p) => listRoot(p.key)));
  return [...base.filter((p) => !lists.has(listRoot(p.key))), ...own];
}

function listRoot(key: string): string {
  return boot3Key(key).replace(/\[\d+\]$/, '');
}

/**
 * The rules of a profile layer: only those about what the profile sets itself (its cache type, its
 * time-to-live or spec, its Redis host), so what it inherits is reported once, in the base.
 */
export function ownRules(app: SpringApp, own: readonly SpringProperty[]): ReadonlySet<string> {
  const keys = new Set(own.map((p) => listRoot(p.key)));
  const decides = (rule: string): boolean => {
    switch (rule) {
      case 'CW001': return keys.has('spring.cache.type') || keys.has('spring.cache.redis.time-to-live') || keys.has('spring.cache.caffeine.spec');
      case 'CW002': return keys.has('spring.cache.type');
      case 'CW007': return keys.has('spring.cache.type') || keys.has('spring.cache.redis.time-to-live') || [...keys].some((k) => k.startsWith('spring.data.redis.'));
      case 'CW008': return keys.has('spring.cache.type') || keys.has('spring.cache.caffeine.spec');
      default: return false;
    }
  };
  return new Set([...app.rules].filter(decides));
}

// ---------------------------------------------------------------------------------------------
// Fixes

/**
 * The real edit for a fix's intent. Only a missing TTL is fixable: `time-to-live: 10m` under the
 * document's `spring.cache.redis` mapping (or the mappings that lead to it, or the dotted key in a
 * .properties file), or `,expireAfterWrite=10m` at the end of the Caffeine spec.
 */
function springEdit(
  input: AdapterInput, style: 'yaml' | 'properties', own: SpringDoc[], properties: readonly SpringProperty[], app: SpringApp,
  pointer: string, value: unknown,
): TextEdit[] | undefined {
  const m = /^\/spec\/caches\/(\d+)\/ttl(\/value)?$/.exec(pointer);
  if (!m || !app.caches.includes(Number(m[1]))) return undefined;
  const duration = m[2] ? value : (value as { value?: unknown } | null)?.value;
  if (typeof duration !== 'string' || !/^\d+(ms|s|m|h|d)$/.test(duration)) return undefined;
  if (app.type === 'caffeine') {
    const spec = [...properties].reverse().find((p) => p.key === 'spring.cache.caffeine.spec');
    if (!spec || spec.inherited || !own.some((d) => d.properties.includes(spec))) return undefined;
    const offsets = offsetsOf(spec);
    if (!offsets) return undefined;
    const trimmed = spec.value.replace(/[\s,]+$/, '');
    const at = offsets[trimmed.length];
    const position = input.lines.positionAt(at);
    return [{ range: { start: position, end: position }, newText: `${trimmed ? ',' : ''}expireAfterWrite=${duration}` }];
  }
  if (app.type !== 'redis') return undefined;
  if (style === 'properties') return [propertiesInsert(input, own, 'spring.cache.redis.time-to-live', duration)];
  const doc = own.length === 1 ? own[0].yaml : own[own.length - 1].yaml;
  if (!doc) return undefined;
  const edit = yamlInsert(input, doc, ['spring', 'cache', 'redis', 'time-to-live'], duration);
  return edit ? [edit] : undefined;
}

/** `key=value` on a new line after the document's last `spring.cache.` entry (or its last entry). */
function propertiesInsert(input: AdapterInput, own: SpringDoc[], key: string, value: string): TextEdit {
  const props = own.flatMap((d) => d.properties);
  const near = [...props].reverse().find((p) => p.key.startsWith('spring.cache.')) ?? props[props.length - 1];
  const separator = /^[^=:\s]+\s*([=:])\s*/.exec(near ? input.text.slice(near.keySpan.start, near.valueSpan.start) : '')?.[0].slice(near ? near.keySpan.end - near.keySpan.start : 0) ?? '=';
  const eol = /\r\n/.test(input.text) ? '\r\n' : '\n';
  if (!near) {
    const end = input.lines.positionAt(input.text.length);
    const lead = input.text === '' || input.text.endsWith('\n') ? '' : eol;
    return { range: { start: end, end }, newText: `${lead}${key}=${propertiesValue(value)}${eol}` };
  }
  const line = input.lines.positionAt(near.valueSpan.end).line;
  const lineEnd = input.lines.lineEnd(line);
  const position = input.lines.positionAt(lineEnd);
  return { range: { start: position, end: position }, newText: `${eol}${key}${separator || '='}${propertiesValue(value)}` };
}

/**
 * Inserts the canonical path `target` (the last segment is the key) with `value` into a YAML
 * document: into the deepest mapping that already leads there (written nested or with dotted keys),
 * as nested members when the mapping is written nested, as one dotted key when it uses dotted keys.
 */
function yamlInsert(input: AdapterInput, doc: DocumentModel, target: string[], value: string): TextEdit | undefined {
  // Walk down: at each mapping, a member whose canonical name covers the next segments.
  let node: unknown = doc.value;
  let pointer = '';
  let consumed = 0;
  for (;;) {
    if (node === null || typeof node !== 'object' || Array.isArray(node)) return undefined;
    let next: { key: string; length: number } | undefined;
    for (const key of Object.keys(node as Record<string, unknown>)) {
      const canonical = canonicalSpringKey(['spring', ...key.split('.')].join('.'))?.split('.').slice(1) ?? [];
      const want = target.slice(consumed, consumed + canonical.length);
      if (canonical.length && canonical.length <= target.length - consumed - 1 && canonical.every((s, i) => s === want[i])) {
        const child = (node as Record<string, unknown>)[key];
        if (child !== null && typeof child === 'object' && !Array.isArray(child)) next = { key, length: canonical.length };
      }
    }
    if (!next) break;
    node = (node as Record<string, unknown>)[next.key];
    pointer = `${pointer}/${next.key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    consumed += next.length;
  }
  const rest = target.slice(consumed);
  const mapping = node as Record<string, unknown>;
  const dotted = Object.keys(mapping).some((k) => k.includes('.'));
  const key = dotted || rest.length === 1 ? rest.join('.') : rest[0];
  let member: string | Record<string, unknown> = value;
  if (!dotted) for (let i = rest.length - 1; i >= 1; i--) member = { [rest[i]]: member };
  const ctx = { text: input.text, lines: input.lines, doc, isJson: false };
  if (pointer === '' && !doc.locations.get('')) return undefined;
  return insertMember(ctx, pointer, key, member as never) ?? undefined;
}
