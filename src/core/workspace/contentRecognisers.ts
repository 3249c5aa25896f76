// Files the workspace model takes in for what they contain, not for their name: a Backstage
// descriptor called `all-teams.yaml`, a Kubernetes manifest at `infra/redis.yaml`, a CloudFormation
// template called `elasticache.yaml`, a compose file called `stack.yml`. The folder scan asks the
// recognisers below about every YAML/JSON file (or other file a recogniser's `extensions` accept)
// that no glob selects — include, docs, `catalog.files`, schema associations, Location targets,
// adapter paths — and reads only the file's first HEAD_BYTES to answer: a short prefix sniff, so a
// repository with thousands of YAML files is never fully parsed to find the few that matter. One
// head is read per file and every recogniser looks at it (WORKSPACE_RECOGNISERS). Files opened in
// the editor and files changed on disk get the same answer from their text.
//
// Two lists: CONTENT_RECOGNISERS are the catalog's (the catalog reads 'catalog-info' files as
// Backstage descriptors); FORMAT_RECOGNISERS say which format adapter reads a file its path did
// not give to one (role 'format'). `formatByContent` is that decision, the one the editor's model
// (registry.ts `formatFor`) and `cache-warden check` (registry.ts `readByAdapter`) both ask.
// Adding a recogniser is adding an entry to one of the lists (keep `matches` to cheap string tests
// over `head`; it runs for every candidate file of a scan). A recognised file joins the model as a
// config (read, parsed, analysed like an included file).
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FormatAdapter } from '../formats/adapter';
import { cloudFormationAdapter } from '../formats/cloudFormation';
import { composeAdapter, looksLikeCompose } from '../formats/compose';
import { kubernetesAdapter } from '../formats/kubernetes';
import { decodeText } from './fileSystem';

/** How much of a file the sniff reads. */
export const HEAD_BYTES = 4096;

export interface ContentRecogniser {
  /** Stable id, for logs and tests. */
  id: string;
  /** What a matching file is to the rest of Cache Warden (e.g. 'catalog-info'). */
  role: string;
  /** For people: what the recogniser looks for. */
  description: string;
  /** File name endings it looks at (lower-case, with the dot); default: YAML and JSON. */
  extensions?: readonly string[];
  /** `relativePath`: to the workspace folder, `/` separators. `head`: the first HEAD_BYTES of the file, decoded. */
  matches(relativePath: string, head: string): boolean;
}

const YAML_AND_JSON = ['.yaml', '.yml', '.json'] as const;

/**
 * `apiVersion: backstage.io/…` (or a Backstage group such as `scaffolder.backstage.io/…`) at the
 * start of a line: YAML, a flow/JSON key, a list item.
 */
export const BACKSTAGE_API_VERSION = /^[ \t]*(?:-[ \t]+|[{,][ \t]*)?["']?apiVersion["']?[ \t]*:[ \t]*["']?(?:[a-z0-9-]+\.)*backstage\.io\//m;

export const CONTENT_RECOGNISERS: ContentRecogniser[] = [
  {
    id: 'backstage',
    role: 'catalog-info',
    description: 'Backstage catalog descriptors: a document with `apiVersion: backstage.io/…` or `…backstage.io/…` (any file name).',
    matches: (_relativePath, head) => head.includes('backstage.io/') && BACKSTAGE_API_VERSION.test(head),
  },
];

/** A format recogniser names the adapter that reads what it recognises. */
export interface FormatRecogniser extends ContentRecogniser {
  role: 'format';
  adapter: FormatAdapter;
}

/**
 * Folders whose files are never taken in by content: dependencies, vendored and generated code
 * (their manifests and templates are someone else's), version control.
 */
const NEVER_BY_CONTENT = new Set(['node_modules', 'bower_components', 'vendor', 'third_party', 'third-party', '.terraform', 'cdk.out', '.git', '.hg', '.svn']);
/** Helm charts keep Go templates of manifests in `templates/`: not YAML until rendered. */
const TEMPLATE_FOLDER = 'templates';
/** A Go template action; CloudFormation's dynamic references (`{{resolve:ssm:…}}`) are not one. */
const GO_TEMPLATE = /\{\{(?!resolve:)/;
/** A top-level `kind: CacheLayer`: a cache layer file, whatever its name. */
const CACHE_LAYER_KIND = /^[ \t]*(?:[{,][ \t]*)?["']?kind["']?[ \t]*:[ \t]*["']?CacheLayer\b/m;

function folderNames(relativePath: string): string[] {
  return relativePath.split('/').slice(0, -1);
}

/**
 * Whether a file may be recognised as a format by its content at all: not in a dependency, vendor
 * or generated folder, not a cache layer file, the project file or a Backstage descriptor by name.
 */
function formatByContentAllowed(relativePath: string): boolean {
  const base = relativePath.slice(relativePath.lastIndexOf('/') + 1).toLowerCase();
  if (base === '.cachewarden.yaml' || /^catalog-info\.ya?ml$/.test(base) || /\.cache\.(ya?ml|json)$/.test(base)) return false;
  return !folderNames(relativePath).some((folder) => NEVER_BY_CONTENT.has(folder.toLowerCase()));
}

function inTemplateFolder(relativePath: string): boolean {
  return folderNames(relativePath).includes(TEMPLATE_FOLDER);
}

/**
 * What the adapters read when their paths do not name the file, asked in this order. Each reuses
 * its adapter's own sniff where it has one, so a file is the same format by path and by content.
 */
export const FORMAT_RECOGNISERS: readonly FormatRecogniser[] = [
  {
    id: 'kubernetes',
    role: 'format',
    adapter: kubernetesAdapter,
    description: 'Kubernetes manifests anywhere: a YAML file whose head has a top-level `apiVersion:` and `kind:` of a kind the adapter reads, and no `{{` (never in a `templates/` folder).',
    extensions: ['.yaml', '.yml'],
    // `includes` first: most YAML files are turned away without a regular expression.
    matches: (relativePath, head) => head.includes('apiVersion') && formatByContentAllowed(relativePath) && !inTemplateFolder(relativePath) && kubernetesAdapter.sniff!(head, relativePath),
  },
  {
    id: 'cloudformation',
    role: 'format',
    adapter: cloudFormationAdapter,
    description: 'CloudFormation templates of any name, YAML or JSON: `AWSTemplateFormatVersion` or an `AWS::ElastiCache::` type in the head, no Go template actions, not a Backstage descriptor or cache layer file.',
    extensions: YAML_AND_JSON,
    matches: (relativePath, head) => head.includes('AWS') && formatByContentAllowed(relativePath) && cloudFormationAdapter.sniff!(head, relativePath)
      && !GO_TEMPLATE.test(head) && !CACHE_LAYER_KIND.test(head) && !(head.includes('backstage.io/') && BACKSTAGE_API_VERSION.test(head)),
  },
  {
    id: 'compose',
    role: 'format',
    adapter: composeAdapter,
    description: 'compose files of any name (`stack.yml`): a top-level `services:` mapping and a top-level `version:`/`name:`/`volumes:`/`networks:` key or a service with `image:`/`build:`; no top-level `apiVersion:`/`kind:`, never in a `templates/` folder.',
    extensions: ['.yaml', '.yml'],
    matches: (relativePath, head) => head.includes('services') && formatByContentAllowed(relativePath) && !inTemplateFolder(relativePath) && looksLikeCompose(head),
  },
];

/** What the workspace scan asks about a file no glob selects: the catalog's recognisers, then the formats'. */
export const WORKSPACE_RECOGNISERS: readonly ContentRecogniser[] = [...CONTENT_RECOGNISERS, ...FORMAT_RECOGNISERS];

/**
 * The adapter that reads a file by its content (`head`: its first bytes, or its whole text — only
 * the first HEAD_BYTES count), or undefined. The one decision for the editor's scan, a file opened
 * or changed, and `cache-warden check`; it reads nothing itself. Path rules come first
 * (registry.ts `formatFor`): this is asked only when no adapter's paths take the file.
 */
export function formatByContent(relativePath: string, head: string): FormatAdapter | undefined {
  return (recogniseContent(relativePath, head, FORMAT_RECOGNISERS) as FormatRecogniser | undefined)?.adapter;
}

/** Whether a file is worth reading the head of to ask `formatByContent` (type and folder only). */
export function isFormatCandidate(relativePath: string): boolean {
  return isContentCandidate(relativePath, FORMAT_RECOGNISERS) && formatByContentAllowed(relativePath);
}

/** File name globs (no `/`: any folder) of every file type a format recogniser looks at. */
export function formatCandidateGlobs(): string[] {
  return [...new Set(FORMAT_RECOGNISERS.flatMap((r) => extensionsOf(r).map((ext) => `*${ext}`)))];
}

function extensionsOf(recogniser: ContentRecogniser): readonly string[] {
  return recogniser.extensions ?? YAML_AND_JSON;
}

/** Whether any recogniser looks at files named like this (worth reading the head of). */
export function isContentCandidate(file: string, recognisers: readonly ContentRecogniser[] = CONTENT_RECOGNISERS): boolean {
  const lower = file.toLowerCase();
  return recognisers.some((r) => extensionsOf(r).some((ext) => lower.endsWith(ext)));
}

/** The first recogniser that claims the file, from its path and the start of its text. */
export function recogniseContent(relativePath: string, head: string, recognisers: readonly ContentRecogniser[] = CONTENT_RECOGNISERS): ContentRecogniser | undefined {
  const lower = relativePath.toLowerCase();
  const start = head.length > HEAD_BYTES ? head.slice(0, HEAD_BYTES) : head;
  return recognisers.find((r) => extensionsOf(r).some((ext) => lower.endsWith(ext)) && r.matches(relativePath, start));
}

/**
 * The first `bytes` of a file, decoded (a partial character at the end becomes U+FFFD). Only
 * regular files are read, without following a final symlink out of `root`; undefined when the file
 * cannot be read — the sniff then says "not recognised", and nothing else is read.
 */
export function readHeadSync(absPath: string, bytes: number = HEAD_BYTES, root?: string): string | undefined {
  return readHeadWithSizeSync(absPath, bytes, root)?.head;
}

/**
 * readHeadSync, and the whole text when the file is no longer than `bytes` (one read of a small
 * file serves both the sniff and the model, which then need not read it again).
 */
export function readHeadWithSizeSync(absPath: string, bytes: number = HEAD_BYTES, root?: string): { head: string; whole?: { text: string; bytes: number } } | undefined {
  try {
    const real = fs.realpathSync.native(absPath);
    if (root !== undefined && real !== path.resolve(absPath)) {
      const rel = path.relative(fs.realpathSync.native(root), real);
      if (rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
    }
    const fd = fs.openSync(real, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0) | (fs.constants.O_NOFOLLOW ?? 0));
    try {
      if (!fs.fstatSync(fd).isFile()) return undefined;
      // One byte more than the head: whether the file ends within it.
      const buffer = Buffer.alloc(bytes + 1);
      let length = 0;
      while (length < buffer.length) {
        const read = fs.readSync(fd, buffer, length, buffer.length - length, length);
        if (read === 0) break;
        length += read;
      }
      if (length <= bytes) {
        const text = decodeText(buffer.subarray(0, length));
        return { head: text, whole: { text, bytes: length } };
      }
      return { head: decodeText(buffer.subarray(0, bytes)) };
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    return undefined;
  }
}
