// The `yaml` package, loaded on first use. Most files take the fast scanner and never need it; the
// reference parser (files the scanner declines) and hover examples do. Loading it lazily keeps it
// out of activation, and lets the extension ship it as a separate chunk (scripts/build.mjs).
import type * as Yaml from 'yaml';

let library: typeof Yaml | undefined;

export function yamlLibrary(): typeof Yaml {
  library ??= require('yaml') as typeof Yaml;
  return library;
}
