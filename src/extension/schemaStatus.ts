// A language status item (the `{}` next to the language in the status bar) naming the schema that
// applies to the active YAML/JSON file and where the choice came from. The server answers; the
// item asks again when the editor or its document changes.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { SCHEMA_OF_REQUEST, type SchemaOfResult } from '../server/protocol';

const ORIGIN_TEXT: Record<SchemaOfResult['origin'], string> = {
  modeline: 'chosen by the `# cache-warden: $schema=` comment',
  $schema: 'chosen by the `$schema` key',
  setting: 'chosen by the `cacheWarden.schemas` setting',
  builtin: 'built in for this file name',
  none: 'validation is off for this file',
};
const REFRESH_DELAY_MS = 300;

export function registerSchemaStatus(context: vscode.ExtensionContext, client: LanguageClient): vscode.LanguageStatusItem {
  const item = vscode.languages.createLanguageStatusItem('cacheWarden.schema', [{ language: 'yaml' }, { language: 'json' }, { language: 'jsonc' }]);
  item.name = 'Cache Warden Schema';
  let timer: ReturnType<typeof setTimeout> | undefined;
  let asked = 0;
  const update = async (): Promise<void> => {
    const document = vscode.window.activeTextEditor?.document;
    const ticket = ++asked;
    if (!document || !['yaml', 'json', 'jsonc'].includes(document.languageId)) return;
    let schema: SchemaOfResult | null = null;
    try {
      schema = await client.sendRequest<SchemaOfResult | null>(SCHEMA_OF_REQUEST, { uri: document.uri.toString() });
    } catch {
      // The server is restarting; the next change asks again.
    }
    if (ticket !== asked) return;
    if (!schema) {
      item.text = 'No schema';
      item.detail = 'Cache Warden validates this file when a schema applies to it';
      item.severity = vscode.LanguageStatusSeverity.Information;
      return;
    }
    const name = schema.title ?? path.basename(schema.schemaId);
    item.text = `$(file-code) ${name}`;
    item.detail = `${schema.schemaId} — ${ORIGIN_TEXT[schema.origin]}`;
    item.accessibilityInformation = { label: `Schema ${name}, ${ORIGIN_TEXT[schema.origin]}` };
  };
  const later = (): void => {
    clearTimeout(timer);
    timer = setTimeout(() => void update(), REFRESH_DELAY_MS);
  };
  context.subscriptions.push(
    item,
    vscode.window.onDidChangeActiveTextEditor(() => void update()),
    vscode.workspace.onDidChangeTextDocument((event) => {
      if (event.document === vscode.window.activeTextEditor?.document) later();
    }),
    { dispose: () => clearTimeout(timer) },
  );
  void update();
  return item;
}
