// Files the workspace model takes in for what they contain, not for their name: a Backstage
// descriptor called `all-teams.yaml`, a Kubernetes manifest, a compose file. The folder scan asks
// the recognisers below about every YAML/JSON file (or other file a recogniser's `extensions`
// accept) that no glob selects — include, docs, `catalog.files`, schema associations, Location
// targets — and reads only the file's first HEAD_BYTES to answer: a short prefix sniff, so a
// repository with thousands of YAML files is never fully parsed to find the few that matter.
// Files opened in the editor and files changed on disk get the same answer from their text.
//
// Adding a recogniser is adding an entry to CONTENT_RECOGNISERS (keep `matches` to cheap string
// tests over `head`; it runs for every candidate file of a scan):
//   { id: 'kubernetes', role: 'kubernetes-manifest', description: '…',
//     matches: (rel, head) => /^kind:\s*(Deployment|Service)\b/m.test(head) && /^apiVersion:/m.test(head) }
// A recognised file joins the model as a config (read, parsed, analysed like an included file);
// `role` says what it is to the parts of Cache Warden that use it (the catalog reads
// 'catalog-info' files as Backstage descriptors).
import * as fs from 'node:fs';
import * as path from 'node:path';
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
  try {
    const real = fs.realpathSync.native(absPath);
    if (root !== undefined && real !== path.resolve(absPath)) {
      const rel = path.relative(fs.realpathSync.native(root), real);
      if (rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
    }
    const fd = fs.openSync(real, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0) | (fs.constants.O_NOFOLLOW ?? 0));
    try {
      if (!fs.fstatSync(fd).isFile()) return undefined;
      const buffer = Buffer.alloc(bytes);
      let length = 0;
      while (length < bytes) {
        const read = fs.readSync(fd, buffer, length, bytes - length, length);
        if (read === 0) break;
        length += read;
      }
      return decodeText(buffer.subarray(0, length));
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    return undefined;
  }
}
