// Worker thread of the first scan (docPreparation.ts): reads Markdown docs and turns each into its
// catalog contribution (front matter parse, validation, entities and refs) while the main thread
// reads and parses the rest of the workspace. The same functions as on the main thread, on the
// same text; a doc whose front matter the fast path cannot vouch for is sent back without a
// contribution (the main thread validates it with the compiled schema).
//
// Claims: docs are taken from the front by this thread and from the back by the main thread, one
// compare-and-swap per doc on a shared array (0 free, 1 this thread, 2 the main thread), so each
// doc is done once and neither thread waits for the other until they meet.
import { parentPort, workerData } from 'node:worker_threads';
import docFrontMatterSchema from '../../../schemas/doc-front-matter.schema.json';
import type { FileContribution } from '../catalog/contribution';
import { docContribution } from '../catalog/docSource';
import { frontMatterSurelyValid } from '../catalog/frontMatterFastPath';
import { readBoundedFileSync } from './fileSystem';

export interface DocWorkerInput {
  files: string[];
  /** Folder root of each file (reads stay inside it, as the model's do), or null. */
  roots: (string | null)[];
  maxBytes: number;
  /** Int32Array over it: the claim of each file. */
  claims: SharedArrayBuffer;
}

export type DocWorkerResult = { index: number; text: string; contribution?: FileContribution } | { index: number; unread: true };

export type DocWorkerMessage = { results: DocWorkerResult[] } | { done: true };

export const CLAIM_FREE = 0;
export const CLAIM_WORKER = 1;
export const CLAIM_MAIN = 2;

/** Results go back in chunks: this many docs, or this many milliseconds, whichever comes first. */
const CHUNK = 32;
const CHUNK_MS = 5;

class NotVouched extends Error {}

function run(input: DocWorkerInput): void {
  const claims = new Int32Array(input.claims);
  const validate = (doc: Parameters<typeof frontMatterSurelyValid>[0]): [] => {
    if (frontMatterSurelyValid(doc, docFrontMatterSchema)) return [];
    throw new NotVouched();
  };
  let chunk: DocWorkerResult[] = [];
  let chunkStarted = Date.now();
  const flush = () => {
    if (chunk.length) parentPort!.postMessage({ results: chunk } satisfies DocWorkerMessage);
    chunk = [];
    chunkStarted = Date.now();
  };
  for (let index = 0; index < input.files.length; index++) {
    if (Atomics.compareExchange(claims, index, CLAIM_FREE, CLAIM_WORKER) !== CLAIM_FREE) break; // met the main thread
    const file = input.files[index];
    const root = input.roots[index];
    let text: string;
    try {
      text = readBoundedFileSync(file, { maxBytes: input.maxBytes, ...(root !== null ? { root } : {}) });
    } catch {
      chunk.push({ index, unread: true }); // the main thread reads it again and reports why
      continue;
    }
    let contribution: FileContribution | undefined;
    try {
      contribution = docContribution(file, text, validate);
    } catch {
      contribution = undefined;
    }
    chunk.push(contribution ? { index, text, contribution } : { index, text });
    if (chunk.length >= CHUNK || Date.now() - chunkStarted >= CHUNK_MS) flush();
  }
  flush();
  parentPort!.postMessage({ done: true } satisfies DocWorkerMessage);
}

if (parentPort && workerData) run(workerData as DocWorkerInput);
