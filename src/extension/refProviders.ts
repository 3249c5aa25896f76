// The three ways to follow a ref: Go to Definition, document links, hover.
import type * as vscode from 'vscode';
import type { CatalogIndex } from './catalogIndex';
import { registerDefinitionProvider } from './definitionProvider';
import { registerDocumentLinkProvider } from './documentLinkProvider';
import { registerRefHoverProvider } from './refHoverProvider';

export function registerRefProviders(context: vscode.ExtensionContext, index: CatalogIndex): void {
  registerDefinitionProvider(context, index);
  registerDocumentLinkProvider(context, index);
  registerRefHoverProvider(context, index);
}
