// One settings object for the whole server (the rust-analyzer way): every value the server reads
// from the client's configuration, per workspace folder, fetched in one place and changed by one
// handler. Clients without `workspace/configuration` get the defaults.
import type { Connection } from 'vscode-languageserver';
import type { FolderSettings } from '../core/workspace/folderModel';

export interface Settings {
  folder: FolderSettings;
  /** Milliseconds between the last keystroke and the update of the model (and diagnostics). */
  debounceMs: number;
  /** The client validates JSON syntax itself (VS Code's `json.validate.enable`): do not double it. */
  clientValidatesJson: boolean;
}

export const DEFAULT_SETTINGS: Settings = { folder: { closedFiles: true }, debounceMs: 150, clientValidatesJson: false };

export class SettingsStore {
  private readonly byFolder = new Map<string, Settings>();
  private canAsk = false;
  private pushed: Settings | undefined;

  constructor(private readonly connection: Connection) {}

  enable(canAsk: boolean): void {
    this.canAsk = canAsk;
  }

  /** The settings of a folder (its URI), or of loose files (undefined). */
  get(folderUri: string | undefined): Settings {
    return this.byFolder.get(folderUri ?? '') ?? this.pushed ?? DEFAULT_SETTINGS;
  }

  /**
   * A client without `workspace/configuration` pushes its settings with didChangeConfiguration
   * (`{ cacheWarden: {…} }`); they then apply to every folder.
   */
  push(pushed: unknown): boolean {
    if (this.canAsk || !isRecord(pushed) || !isRecord(pushed.cacheWarden)) return false;
    const files = isRecord(pushed.files) ? pushed.files.exclude : undefined;
    const json = isRecord(pushed.json) && isRecord(pushed.json.validate) ? pushed.json.validate.enable : undefined;
    this.pushed = readSettings(pushed.cacheWarden, files, json);
    return true;
  }

  /** Asks the client for a folder's settings; returns them and keeps them. */
  async refresh(folderUri: string | undefined): Promise<Settings> {
    if (!this.canAsk) return this.get(folderUri);
    const scopeUri = folderUri;
    let values: unknown[];
    try {
      values = await this.connection.workspace.getConfiguration([
        { scopeUri, section: 'cacheWarden' },
        { scopeUri, section: 'files.exclude' },
        { scopeUri, section: 'json.validate.enable' },
      ]);
    } catch {
      return this.get(folderUri);
    }
    const settings = readSettings(values[0], values[1], values[2]);
    this.byFolder.set(folderUri ?? '', settings);
    return settings;
  }
}

export function readSettings(cacheWarden: unknown, filesExclude: unknown, jsonValidate: unknown): Settings {
  const c = isRecord(cacheWarden) ? cacheWarden : {};
  const validate = isRecord(c.validate) ? c.validate : {};
  const schemas = isRecord(c.schemas) ? (c.schemas as Record<string, string | string[]>) : {};
  const schemaDirs = Array.isArray(c.schemaDirs) ? c.schemaDirs.filter((d): d is string => typeof d === 'string') : [];
  const schemaMappings = isRecord(c.schemaMappings)
    ? Object.fromEntries(Object.entries(c.schemaMappings).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1].trim() !== ''))
    : {};
  const excluded = isRecord(filesExclude) ? Object.entries(filesExclude).filter(([, on]) => on === true).map(([glob]) => glob) : [];
  const debounce = typeof validate.debounceMs === 'number' ? validate.debounceMs : DEFAULT_SETTINGS.debounceMs;
  return {
    folder: {
      schemas,
      schemaDirs,
      schemaMappings,
      allowRemoteSchemas: c.allowRemoteSchemas === true,
      allowPrivateSchemaHosts: c.allowPrivateSchemaHosts === true,
      closedFiles: validate.closedFiles !== false,
      rules: { rules: c.rules, ruleOverrides: c.ruleOverrides },
      filesExclude: excluded,
    },
    debounceMs: Math.max(0, Math.min(5000, debounce)),
    clientValidatesJson: jsonValidate === true,
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
