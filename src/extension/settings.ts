// The schema settings (`cacheWarden.schemas`, `schemaDirs`, `allowRemoteSchemas`,
// `validate.debounceMs`), read per workspace folder.
import * as path from 'node:path';
import * as vscode from 'vscode';

export interface SchemaSettings {
  schemas: Record<string, string | string[]>;
  schemaDirs: string[];
  allowRemote: boolean;
  debounceMs: number;
}

export const SCHEMA_SETTING_KEYS = ['cacheWarden.schemas', 'cacheWarden.schemaDirs', 'cacheWarden.allowRemoteSchemas'];

export function readSchemaSettings(scope?: vscode.Uri): SchemaSettings {
  const config = vscode.workspace.getConfiguration('cacheWarden', scope);
  const folder = scope ? vscode.workspace.getWorkspaceFolder(scope) : vscode.workspace.workspaceFolders?.[0];
  const root = folder?.uri.fsPath;
  const schemas = config.get<Record<string, string | string[]>>('schemas') ?? {};
  const dirs = config.get<string[]>('schemaDirs') ?? [];
  return {
    schemas: typeof schemas === 'object' && schemas ? schemas : {},
    schemaDirs: (Array.isArray(dirs) ? dirs : []).filter((d) => typeof d === 'string').map((d) => (path.isAbsolute(d) || !root ? d : path.join(root, d))),
    allowRemote: config.get<boolean>('allowRemoteSchemas') === true,
    debounceMs: Math.max(0, Math.min(5000, config.get<number>('validate.debounceMs') ?? 150)),
  };
}
