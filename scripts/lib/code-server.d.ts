// Types for scripts/lib/code-server.js (plain CommonJS so the .mjs scripts and the compiled
// TypeScript runner share one implementation).
import type { ChildProcess } from 'child_process';

export const CODE_SERVER_VERSION: string;
export const CHROMIUM_ARGS: string[];
export const CHROMIUM_PATH: string;
export const QUIET_SETTINGS: Record<string, unknown>;

export function codeServerInstallDir(repoRoot: string): string;
export function codeServerBin(installDir: string): string;
export function isCodeServerInstalled(installDir: string): boolean;
/** Installs code-server on first use; returns the path of its executable. Throws with the reason. */
export function ensureCodeServer(options: { repoRoot: string; log?: (message: string) => void }): string;
export function freePort(): Promise<number>;
export function writeUserSettings(userDataDir: string, settings: Record<string, unknown>): void;

export interface RunningCodeServer {
  url: string;
  port: number;
  child: ChildProcess;
  /** Ends code-server and everything in its process group. */
  stop(): Promise<void>;
  /** SIGKILLs the process group; safe inside `process.on('exit')`. */
  stopSync(): void;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export function startCodeServer(options: {
  bin: string;
  port: number;
  userDataDir: string;
  extensionsDir: string;
  folder?: string;
  env?: Record<string, string>;
  output?: (text: string) => void;
  readyTimeoutMs?: number;
}): Promise<RunningCodeServer>;

export function installVsix(options: { bin: string; vsixPath: string; extensionsDir: string; userDataDir: string }): string;
