// A small LSP client for the benchmarks, in plain Node: spawns a language server, speaks JSON-RPC
// 2.0 with Content-Length framing over its stdin/stdout, answers the server's own requests
// (workspace/configuration, client/registerCapability, …) and records when each message arrived.
// Both servers under comparison are driven by this same code, so client overhead is alike.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

export interface ResponseError {
  code: number;
  message: string;
  data?: unknown;
}

interface Message {
  jsonrpc: '2.0';
  id?: number | string | null;
  method?: string;
  params?: unknown;
  result?: unknown;
  error?: ResponseError;
}

/** A notification from the server, stamped with `performance.now()` when its bytes were parsed. */
export interface ReceivedNotification {
  method: string;
  params: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  at: number;
}

/** Answers one request of the server; the value (or the promise's) is the result. */
export type ServerRequestHandler = (params: any) => unknown; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface SpawnOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Name in error messages. */
  name?: string;
}

const HEADER_END = Buffer.from('\r\n\r\n', 'ascii');

export class LspError extends Error {
  constructor(readonly method: string, readonly error: ResponseError) {
    super(`${method} failed: ${error.code} ${error.message}`);
  }
}

export class LspClient {
  readonly name: string;
  /** Everything the server wrote on stderr (servers log there, or nowhere). */
  readonly stderr: string[] = [];
  /** `window/logMessage` texts, in order. */
  readonly logs: string[] = [];
  /** How many notifications of each method arrived. */
  readonly notificationCounts = new Map<string, number>();
  /** How many requests of each method the server sent us. */
  readonly serverRequestCounts = new Map<string, number>();
  readonly exited: Promise<number | null>;
  private readonly child: ChildProcess;
  private buffer: Buffer = Buffer.alloc(0);
  private nextId = 1;
  private readonly pending = new Map<number, { method: string; resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  private readonly handlers = new Map<string, ServerRequestHandler>();
  private readonly listeners = new Set<(notification: ReceivedNotification) => void>();
  private exitCode: number | null | undefined;

  private constructor(child: ChildProcess, name: string) {
    this.child = child;
    this.name = name;
    this.exited = new Promise((resolve) => {
      child.on('exit', (code) => {
        this.exitCode = code;
        for (const [, pending] of this.pending) pending.reject(new Error(`${this.name} exited (code ${code}) before answering ${pending.method}; stderr: ${this.stderr.join('').slice(-2000)}`));
        this.pending.clear();
        resolve(code);
      });
    });
    child.stdout!.on('data', (chunk: Buffer) => this.receive(chunk));
    child.stderr!.on('data', (chunk: Buffer) => this.stderr.push(chunk.toString('utf8')));
    // A server that dies mid-write must not crash the benchmark with EPIPE.
    child.stdin!.on('error', () => undefined);
    // Defaults for requests every server may send; replace them with onRequest.
    this.onRequest('client/registerCapability', () => null);
    this.onRequest('client/unregisterCapability', () => null);
    this.onRequest('window/workDoneProgress/create', () => null);
    this.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => null));
    this.onRequest('workspace/workspaceFolders', () => null);
    this.onNotification((n) => {
      if (n.method === 'window/logMessage') this.logs.push(String(n.params?.message ?? ''));
    });
  }

  /** Starts `command args…` and talks LSP on its standard input and output. */
  static spawn(command: string, args: readonly string[], options: SpawnOptions = {}): LspClient {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['pipe', 'pipe', 'pipe'] });
    return new LspClient(child, options.name ?? [command, ...args].join(' '));
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Answers the server's requests of `method` (replaces the previous handler). */
  onRequest(method: string, handler: ServerRequestHandler): void {
    this.handlers.set(method, handler);
  }

  /** Calls `listener` for every notification; returns the function that stops it. */
  onNotification(listener: (notification: ReceivedNotification) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Resolves with the first notification of `method` that satisfies `matches`, arriving after this
   * call (call it before sending what triggers it).
   */
  waitForNotification(method: string, matches: (params: any) => boolean = () => true, timeoutMs = 60000): Promise<ReceivedNotification> { // eslint-disable-line @typescript-eslint/no-explicit-any
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        stop();
        reject(new Error(`${this.name}: no ${method} within ${timeoutMs} ms`));
      }, timeoutMs);
      const stop = this.onNotification((n) => {
        if (n.method !== method || !matches(n.params)) return;
        clearTimeout(timer);
        stop();
        resolve(n);
      });
    });
  }

  request<T = unknown>(method: string, params?: unknown, timeoutMs = 60000): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      if (this.exitCode !== undefined) {
        reject(new Error(`${this.name} has exited; cannot send ${method}`));
        return;
      }
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`${this.name}: ${method} not answered within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, {
        method,
        resolve: (value) => {
          clearTimeout(timer);
          resolve(value as T);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      });
      this.send({ jsonrpc: '2.0', id, method, ...(params === undefined ? {} : { params }) });
    });
  }

  /** Times one request: milliseconds from writing it to parsing its response. */
  async timedRequest<T = unknown>(method: string, params?: unknown): Promise<{ ms: number; result: T }> {
    const started = performance.now();
    const result = await this.request<T>(method, params);
    return { ms: performance.now() - started, result };
  }

  notify(method: string, params?: unknown): void {
    this.send({ jsonrpc: '2.0', method, ...(params === undefined ? {} : { params }) });
  }

  /** `shutdown` then `exit`; kills the process (by its own handle) if it does not leave in time. */
  async stop(timeoutMs = 5000): Promise<void> {
    if (this.exitCode !== undefined) return;
    try {
      await this.request('shutdown', undefined, timeoutMs);
      this.notify('exit');
    } catch {
      // Dead or stuck: killed below.
    }
    const timer = setTimeout(() => this.child.kill('SIGKILL'), timeoutMs);
    await this.exited;
    clearTimeout(timer);
  }

  /** Kills the server at once (used when a benchmark fails half-way). */
  kill(): void {
    if (this.exitCode === undefined) this.child.kill('SIGKILL');
  }

  private send(message: Message): void {
    const body = Buffer.from(JSON.stringify(message), 'utf8');
    this.child.stdin!.write(Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]));
  }

  private receive(chunk: Buffer): void {
    const at = performance.now();
    this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
    for (;;) {
      const headerEnd = this.buffer.indexOf(HEADER_END);
      if (headerEnd === -1) return;
      const header = this.buffer.subarray(0, headerEnd).toString('ascii');
      const length = /content-length:\s*(\d+)/i.exec(header);
      if (!length) throw new Error(`${this.name}: message without Content-Length: ${JSON.stringify(header)}`);
      const start = headerEnd + HEADER_END.length;
      const end = start + Number(length[1]);
      if (this.buffer.length < end) return;
      const message = JSON.parse(this.buffer.subarray(start, end).toString('utf8')) as Message;
      this.buffer = this.buffer.subarray(end);
      this.dispatch(message, at);
    }
  }

  private dispatch(message: Message, at: number): void {
    if (message.method !== undefined && message.id !== undefined && message.id !== null) {
      void this.answer(message.id, message.method, message.params);
      return;
    }
    if (message.method !== undefined) {
      this.notificationCounts.set(message.method, (this.notificationCounts.get(message.method) ?? 0) + 1);
      const notification = { method: message.method, params: message.params, at };
      for (const listener of [...this.listeners]) listener(notification);
      return;
    }
    const pending = typeof message.id === 'number' ? this.pending.get(message.id) : undefined;
    if (!pending) return;
    this.pending.delete(message.id as number);
    if (message.error) pending.reject(new LspError(pending.method, message.error));
    else pending.resolve(message.result ?? null);
  }

  private async answer(id: number | string, method: string, params: unknown): Promise<void> {
    this.serverRequestCounts.set(method, (this.serverRequestCounts.get(method) ?? 0) + 1);
    const handler = this.handlers.get(method);
    if (!handler) {
      this.send({ jsonrpc: '2.0', id, error: { code: -32601, message: `the benchmark client does not handle ${method}` } });
      return;
    }
    try {
      this.send({ jsonrpc: '2.0', id, result: (await handler(params)) ?? null });
    } catch (error) {
      this.send({ jsonrpc: '2.0', id, error: { code: -32603, message: (error as Error).message } });
    }
  }
}

/** The client capabilities the benchmarks announce: those of a typical editor (VS Code-like). */
export function clientCapabilities(): Record<string, unknown> {
  return {
    workspace: {
      configuration: true,
      workspaceFolders: true,
      didChangeConfiguration: { dynamicRegistration: true },
      didChangeWatchedFiles: { dynamicRegistration: true },
    },
    textDocument: {
      synchronization: { dynamicRegistration: false, didSave: true },
      publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true },
      hover: { contentFormat: ['markdown', 'plaintext'] },
      completion: {
        completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'], insertReplaceSupport: true },
        contextSupport: true,
      },
    },
    window: { workDoneProgress: true },
  };
}

/** Starts Cache Warden's language server as editors do: `node bin/cache-warden.js lsp --stdio`. */
export function spawnCacheWarden(root: string): LspClient {
  if (!existsSync(join(root, 'dist', 'cli.js'))) throw new Error('dist/cli.js is missing: run `node scripts/build.mjs` (npm run bench does) first');
  return LspClient.spawn(process.execPath, [join(root, 'bin', 'cache-warden.js'), 'lsp', '--stdio'], { cwd: root, name: 'cache-warden lsp' });
}
