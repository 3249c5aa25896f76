// A small LSP client for tests, written against the wire format only (no vscode-jsonrpc): spawns
// a server on stdio, frames JSON-RPC messages with `Content-Length` headers, matches responses to
// requests, answers the server's own requests, and keeps every notification in a log that tests
// wait on. Every wait has a timeout, so a server that hangs fails the test instead of stalling it.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';

export interface JsonRpcMessage {
  jsonrpc: '2.0';
  id?: number | string | null;
  method?: string;
  params?: unknown;
  result?: unknown;
  error?: { code: number; message: string; data?: unknown };
}

export interface Notification {
  method: string;
  params: unknown;
}

export interface ServerRequest {
  id: number | string;
  method: string;
  params: unknown;
}

export class ResponseError extends Error {
  constructor(readonly code: number, message: string, readonly data?: unknown) {
    super(`${message} (code ${code})`);
  }
}

/** What the client answers to a server → client request; the default answers are in `defaultAnswer`. */
export type ServerRequestHandler = (method: string, params: unknown) => unknown;

export const DEFAULT_TIMEOUT_MS = 20000;

/**
 * The answers of a client that supports the requests but has nothing to say: no configuration
 * (null for each item asked), capabilities and progress tokens accepted.
 */
export function defaultAnswer(method: string, params: unknown): unknown {
  if (method === 'workspace/configuration') {
    const items = (params as { items?: unknown[] } | undefined)?.items ?? [];
    return items.map(() => null);
  }
  if (method === 'workspace/workspaceFolders') return null;
  return null;
}

export class LspClient {
  readonly process: ChildProcessWithoutNullStreams;
  /** Every notification from the server, in order of arrival. */
  readonly notifications: Notification[] = [];
  /** Every request from the server, in order of arrival (answered already). */
  readonly serverRequests: ServerRequest[] = [];
  /** Everything the server wrote to stderr. */
  stderr = '';
  /** Resolves with the exit code and signal once the process has exited. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  private nextId = 1;
  private buffer = Buffer.alloc(0);
  private readonly pending = new Map<number, { method: string; resolve: (value: unknown) => void; reject: (error: Error) => void; timer: ReturnType<typeof setTimeout> }>();
  private readonly waiters = new Set<() => void>();
  private exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  private protocolError: Error | undefined;

  constructor(command: string, args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; onServerRequest?: ServerRequestHandler } = {}) {
    this.process = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['pipe', 'pipe', 'pipe'] });
    const answer = options.onServerRequest ?? defaultAnswer;
    this.process.stdout.on('data', (chunk: Buffer) => {
      this.buffer = Buffer.concat([this.buffer, chunk]);
      try {
        for (let message = this.readMessage(); message; message = this.readMessage()) this.dispatch(message, answer);
      } catch (error) {
        this.protocolError = error as Error;
        this.failAll(error as Error);
      }
    });
    this.process.stderr.setEncoding('utf8');
    this.process.stderr.on('data', (text: string) => (this.stderr += text));
    // Writing to a server that died must fail the waiting call, not crash the test process.
    this.process.stdin.on('error', () => undefined);
    this.exited = new Promise((resolve) => {
      this.process.on('exit', (code, signal) => {
        this.exit = { code, signal };
        this.failAll(new Error(`the server exited (code ${code}, signal ${signal})\n${this.stderr}`));
        resolve(this.exit);
      });
    });
  }

  /** Sends a request and resolves with its result; rejects on an error response or after `timeoutMs`. */
  request<T = unknown>(method: string, params?: unknown, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<T> {
    if (this.exit) return Promise.reject(new Error(`${method}: the server has exited`));
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`${method}: no response within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, { method, resolve: resolve as (value: unknown) => void, reject, timer });
      this.send({ jsonrpc: '2.0', id, method, ...(params !== undefined ? { params } : {}) });
    });
  }

  notify(method: string, params?: unknown): void {
    this.send({ jsonrpc: '2.0', method, ...(params !== undefined ? { params } : {}) });
  }

  /** The position in the notification log now: `waitForNotification(…, { after })` ignores older ones. */
  mark(): number {
    return this.notifications.length;
  }

  /**
   * The first notification (at index `after` or later) with this method for which `matches` holds,
   * waiting for it up to `timeoutMs`.
   */
  waitForNotification<P = unknown>(method: string, matches: (params: P) => boolean = () => true, options: { after?: number; timeoutMs?: number } = {}): Promise<P> {
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    let from = options.after ?? 0;
    return new Promise<P>((resolve, reject) => {
      const check = (): boolean => {
        for (; from < this.notifications.length; from++) {
          const n = this.notifications[from];
          if (n.method === method && matches(n.params as P)) {
            resolve(n.params as P);
            return true;
          }
        }
        return false;
      };
      if (check()) return;
      const fail = (error: Error) => {
        this.waiters.delete(waiter);
        clearTimeout(timer);
        reject(error);
      };
      const waiter = () => {
        if (this.protocolError) return fail(this.protocolError);
        if (check()) {
          this.waiters.delete(waiter);
          clearTimeout(timer);
        } else if (this.exit) {
          fail(new Error(`waiting for ${method}: the server exited (code ${this.exit.code})\n${this.stderr}`));
        }
      };
      const timer = setTimeout(() => fail(new Error(`no ${method} notification matching within ${timeoutMs} ms`)), timeoutMs);
      this.waiters.add(waiter);
    });
  }

  /** Resolves with the exit status, or rejects when the process is still running after `timeoutMs`. */
  waitForExit(timeoutMs = DEFAULT_TIMEOUT_MS): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`the server did not exit within ${timeoutMs} ms`)), timeoutMs);
    });
    return Promise.race([this.exited, timeout]).finally(() => clearTimeout(timer));
  }

  /** Ends the process if it is still running (test clean-up). */
  kill(): void {
    if (!this.exit) this.process.kill('SIGKILL');
  }

  private send(message: JsonRpcMessage): void {
    const body = Buffer.from(JSON.stringify(message), 'utf8');
    this.process.stdin.write(Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]));
  }

  /** One complete message off the front of the buffer, or undefined when it is not all there yet. */
  private readMessage(): JsonRpcMessage | undefined {
    const headerEnd = this.buffer.indexOf('\r\n\r\n');
    if (headerEnd === -1) return undefined;
    const headers = this.buffer.subarray(0, headerEnd).toString('ascii').split('\r\n');
    let length: number | undefined;
    for (const header of headers) {
      const match = /^content-length:\s*(\d+)$/i.exec(header.trim());
      if (match) length = Number(match[1]);
    }
    if (length === undefined) throw new Error(`a message without Content-Length: ${JSON.stringify(headers)}`);
    const start = headerEnd + 4;
    if (this.buffer.length < start + length) return undefined;
    const body = this.buffer.subarray(start, start + length).toString('utf8');
    this.buffer = this.buffer.subarray(start + length);
    return JSON.parse(body) as JsonRpcMessage;
  }

  private dispatch(message: JsonRpcMessage, answer: ServerRequestHandler): void {
    if (message.method !== undefined && message.id !== undefined && message.id !== null) {
      // A request from the server: answer it (an exception becomes an error response).
      this.serverRequests.push({ id: message.id, method: message.method, params: message.params });
      try {
        this.send({ jsonrpc: '2.0', id: message.id, result: answer(message.method, message.params) ?? null });
      } catch (error) {
        this.send({ jsonrpc: '2.0', id: message.id, error: { code: -32603, message: (error as Error).message } });
      }
      return;
    }
    if (message.method !== undefined) {
      this.notifications.push({ method: message.method, params: message.params });
      for (const waiter of [...this.waiters]) waiter();
      return;
    }
    const pending = typeof message.id === 'number' ? this.pending.get(message.id) : undefined;
    if (!pending) return;
    this.pending.delete(message.id as number);
    clearTimeout(pending.timer);
    if (message.error) pending.reject(new ResponseError(message.error.code, `${pending.method}: ${message.error.message}`, message.error.data));
    else pending.resolve(message.result);
  }

  private failAll(error: Error): void {
    for (const [id, pending] of this.pending) {
      clearTimeout(pending.timer);
      pending.reject(error);
      this.pending.delete(id);
    }
    for (const waiter of [...this.waiters]) waiter();
  }
}
