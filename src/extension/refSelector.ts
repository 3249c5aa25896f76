// Where entity refs are written: cache configs (YAML/JSON), catalog-info.yaml and Markdown front matter.
import type * as vscode from 'vscode';

export const REF_DOCUMENTS: vscode.DocumentSelector = [
  { language: 'yaml' },
  { language: 'json' },
  { language: 'markdown' },
];
