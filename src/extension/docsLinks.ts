// Docs paths from the engine (`docs/schema-problems.md#schema-enum`) → the page shipped inside the
// extension, so diagnostic codes and hover links open offline.
import * as vscode from 'vscode';

export function docsUri(extensionUri: vscode.Uri, docsPath: string): vscode.Uri {
  const hash = docsPath.indexOf('#');
  const file = hash === -1 ? docsPath : docsPath.slice(0, hash);
  const fragment = hash === -1 ? '' : docsPath.slice(hash + 1);
  return vscode.Uri.joinPath(extensionUri, file).with({ fragment });
}
