// The first scan of a workspace with many docs, on two threads: a worker (docWorker.ts) reads the
// docs and computes their catalog contributions while the main thread reads, parses and indexes
// the configs. The model takes the docs last and from the end (`take`), claiming each doc the
// worker has not started; where the two meet, it waits for the worker's last few. Everything the
// worker returns is what the main thread would have computed from the same text with the same
// functions; what it cannot do (a doc it could not read, front matter the fast path does not
// vouch for) the main thread does as before.
import * as os from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { FileContribution } from '../catalog/contribution';
import { CLAIM_FREE, CLAIM_MAIN, type DocWorkerInput, type DocWorkerMessage, type DocWorkerResult } from './docWorker';

export interface PreparedDoc {
  text: string;
  /** Absent: the main thread computes it (front matter the fast path did not vouch for). */
  contribution?: FileContribution;
}

export interface DocPreparation {
  /**
   * The worker's read of a doc, or undefined when the main thread is to read it itself (claimed
   * for the main thread now, or the worker could not read it or stopped).
   */
  take(file: string): PreparedDoc | undefined | Promise<PreparedDoc | undefined>;
  /** Stops the worker (it stops by itself once every doc is claimed). */
  dispose(): void;
}

/** Starts a worker for these docs, or gives undefined (too few to be worth a thread). */
export type DocPreparer = (docs: readonly { file: string; root: string | undefined }[], maxBytes: number) => DocPreparation | undefined;

/** Fewer docs than this are read on the main thread: a worker costs tens of milliseconds to start. */
export const MIN_DOCS_FOR_WORKER = 400;
/**
 * Fewer cores than this: no worker. On two cores the worker, V8's helper threads and the main
 * thread take turns on the same cores, and the scan measured no faster (docs/BENCHMARKS.md).
 */
export const MIN_CORES_FOR_WORKER = 4;

/** The worker script: next to this module (out/ in tests) or next to the bundle (dist/). */
export function docWorkerScript(): string {
  return path.join(__dirname, 'docWorker.js');
}

export function workerDocPreparer(options: { minDocs?: number; minCores?: number; script?: string } = {}): DocPreparer {
  return (docs, maxBytes) => {
    if (docs.length < (options.minDocs ?? MIN_DOCS_FOR_WORKER) || availableCores() < (options.minCores ?? MIN_CORES_FOR_WORKER)) return undefined;
    try {
      return new WorkerDocPreparation(docs, maxBytes, options.script ?? docWorkerScript());
    } catch {
      return undefined; // no worker threads here: the main thread reads everything, as before
    }
  };
}

function availableCores(): number {
  return typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
}

class WorkerDocPreparation implements DocPreparation {
  private readonly index = new Map<string, number>();
  private readonly claims: Int32Array;
  private readonly results = new Map<number, DocWorkerResult>();
  private readonly waiting = new Map<number, (result: DocWorkerResult | undefined) => void>();
  private readonly worker: Worker;
  private stopped = false;

  constructor(docs: readonly { file: string; root: string | undefined }[], maxBytes: number, script: string) {
    docs.forEach(({ file }, i) => this.index.set(file, i));
    const shared = new SharedArrayBuffer(docs.length * Int32Array.BYTES_PER_ELEMENT);
    this.claims = new Int32Array(shared);
    const input: DocWorkerInput = { files: docs.map((d) => d.file), roots: docs.map((d) => d.root ?? null), maxBytes, claims: shared };
    this.worker = new Worker(script, { workerData: input });
    this.worker.unref();
    this.worker.on('message', (message: DocWorkerMessage) => {
      if ('results' in message) for (const result of message.results) this.arrived(result);
      else this.stop();
    });
    // A worker that fails (or is stopped) leaves its claimed docs to the main thread.
    this.worker.on('error', () => this.stop());
    this.worker.on('exit', () => this.stop());
  }

  take(file: string): PreparedDoc | undefined | Promise<PreparedDoc | undefined> {
    const i = this.index.get(file);
    if (i === undefined) return undefined;
    const known = this.results.get(i);
    if (known) return this.prepared(i, known);
    if (this.stopped || Atomics.compareExchange(this.claims, i, CLAIM_FREE, CLAIM_MAIN) === CLAIM_FREE) return undefined;
    if (Atomics.load(this.claims, i) === CLAIM_MAIN) return undefined;
    // The worker has it in hand: its result is a message or two away.
    return new Promise((resolve) => this.waiting.set(i, (result) => resolve(result ? this.prepared(i, result) : undefined)));
  }

  dispose(): void {
    if (!this.stopped) void this.worker.terminate();
    this.stop();
  }

  private prepared(i: number, result: DocWorkerResult): PreparedDoc | undefined {
    this.results.delete(i);
    if ('unread' in result) return undefined;
    return result.contribution ? { text: result.text, contribution: result.contribution } : { text: result.text };
  }

  private arrived(result: DocWorkerResult): void {
    const waiter = this.waiting.get(result.index);
    if (waiter) {
      this.waiting.delete(result.index);
      waiter(result);
    } else this.results.set(result.index, result);
  }

  private stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    for (const resolve of this.waiting.values()) resolve(undefined);
    this.waiting.clear();
  }
}
