// A Spring Boot application.yml (or .properties) kept in a Kubernetes ConfigMap — mounted where
// Spring looks for config, or read by Spring Cloud Kubernetes from a ConfigMap named after the app —
// is read like the file itself, and over the app's own settings when its module is in the
// repository (as a profile file is read over application.yml). The Spring reader runs on the
// ConfigMap's string; everything it places (findings, hovers, the source map of its caches) is
// carried back to the characters of the block scalar. Fixes edit the block at its indentation
// (literal `|` blocks only). Where the YAML does not spell the string out verbatim (a folded `>`
// block that joins lines, escapes in a quoted string) things are shown on the ConfigMap's key and
// no fix is offered.
import * as path from 'node:path';
import { LineIndex } from '../document/lineIndex';
import { pointerOf, type DocumentModel, type NodeLocation } from '../document/model';
import { parseFile } from '../document/parse';
import type { Range, Span, TextEdit } from '../types';
import type { AdaptedFile, AdaptedLayer, AdapterInput } from './adapter';
import { mapScalar, type ScalarMap } from './blockScalar';
import { readSpringText, springModuleSettings } from './springBoot';
import { workloadModules } from './springEnvLayer';

/** ConfigMap keys that are Spring Boot config files. */
const SPRING_FILE = /^(?:application|bootstrap)(?:-[A-Za-z0-9_.-]+)?\.(ya?ml|properties)$/;

export function isSpringConfigKey(key: string): boolean {
  return SPRING_FILE.test(key);
}

/** The Spring settings of ConfigMap `configMap`'s entry `key`, placed in the manifest. */
export function embeddedSpring(input: AdapterInput, doc: DocumentModel, key: string, value: string, configMap: string): AdaptedFile | undefined {
  const at = doc.locations.get(pointerOf(['data', key]));
  if (!at) return undefined;
  const style = /\.properties$/.test(key) ? 'properties' : 'yaml';
  const lines = new LineIndex(value);
  const inner: AdapterInput = {
    path: input.path,
    // Profiles come from the key's name (`application-prod.yml`); the files beside it are the manifest's.
    relativePath: path.posix.join(path.posix.dirname(input.relativePath), key),
    text: value,
    lines,
    ...(style === 'yaml' ? { parsed: parseFile(value) } : {}),
    ...(input.readSibling ? { readSibling: input.readSibling } : {}),
    ...(input.listSiblings ? { listSiblings: input.listSiblings } : {}),
  };
  // The config applies over the app's own: the module of the manifest's folder, or one named like
  // the ConfigMap (Spring Cloud Kubernetes names the ConfigMap after the app), with the profile
  // the key names. Without a module the app is the ConfigMap's, unless the config names it.
  const profile = /^(?:application|bootstrap)-([A-Za-z0-9_.-]+)\./.exec(key)?.[1];
  const springModule = input.readSibling ? springModuleSettings(input.readSibling, workloadModules(input.relativePath, configMap).folders, profile ? [profile] : []) : undefined;
  const read = readSpringText(inner, style, springModule ? { service: springModule.service, base: springModule.properties } : { service: configMap });
  if (!read) return undefined;
  const place = placer(input, at, value, lines);
  return {
    format: 'kubernetes',
    layers: read.layers.map((layer) => placedLayer(layer, place)),
    diagnostics: read.diagnostics.map((d) => ({ ...d, range: place.range(d.range) })),
    settings: read.settings.map((site) => ({ ...site, span: place.span(site.span) })),
  };
}

interface Placer {
  span(local: Span): Span;
  range(local: Range): Range;
  /** An edit of the string as an edit of the manifest; undefined where the block cannot be edited in place. */
  edit(local: TextEdit): TextEdit | undefined;
}

function placer(input: AdapterInput, at: NodeLocation, value: string, lines: LineIndex): Placer {
  const mapped: ScalarMap | undefined = mapScalar(input.text, at.value, value);
  const fallback = at.key ?? at.value;
  const span = (local: Span): Span => {
    if (!mapped || local.start < 0 || local.end > value.length) return fallback;
    if (local.end <= local.start) {
      const point = mapped.offset(local.start);
      return { start: point, end: point };
    }
    return mapped.span(local);
  };
  const block = mapped?.block?.style === '|' ? mapped.block : undefined;
  return {
    span,
    range: (local) => input.lines.rangeOf(span({ start: lines.offsetAt(local.start), end: lines.offsetAt(local.end) })),
    edit: (local) => {
      if (!block) return undefined;
      const placed = span({ start: lines.offsetAt(local.range.start), end: lines.offsetAt(local.range.end) });
      if (placed === fallback) return undefined;
      // New lines of the string are lines of the block: at its indentation, with its line breaks.
      const newText = local.newText.replace(/\r?\n/g, `${block.eol}${' '.repeat(block.indent)}`);
      return { range: input.lines.rangeOf(placed), newText };
    },
  };
}

function placedLocation(location: NodeLocation, place: Placer): NodeLocation {
  return { ...location, value: place.span(location.value), ...(location.key ? { key: place.span(location.key) } : {}) };
}

function placedLayer(layer: AdaptedLayer, place: Placer): AdaptedLayer {
  const locations = new Map([...layer.doc.locations].map(([pointer, location]) => [pointer, placedLocation(location, place)]));
  const doc: DocumentModel = { ...layer.doc, span: place.span(layer.doc.span), locations };
  const editFor = layer.editFor;
  return {
    ...layer,
    doc,
    ...(editFor
      ? {
          editFor: (pointer: string, value: unknown) => {
            const edits = editFor(pointer, value);
            if (!edits) return undefined;
            const placed = edits.map((edit) => place.edit(edit));
            return placed.every((edit): edit is TextEdit => edit !== undefined) ? placed : undefined;
          },
        }
      : {}),
  };
}

