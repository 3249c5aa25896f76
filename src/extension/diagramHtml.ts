// The diagram webview's HTML shell: a nonce-based CSP, the bundled script and stylesheet, and
// nothing from the workspace (the view arrives later as a message and is drawn as text). No
// `vscode` import, so the browser-level tests load exactly this page.
import { randomBytes } from 'node:crypto';

export interface DiagramHtmlOptions {
  /** The webview's `cspSource` (origin of resources under localResourceRoots). */
  cspSource: string;
  scriptUri: string;
  elkScriptUri: string;
  styleUri: string;
  nonce?: string;
  /** Only in the integration tests (ExtensionMode.Test): the webview accepts `simulateClick`. */
  testHooks?: boolean;
}

export function createNonce(): string {
  return randomBytes(18).toString('base64').replace(/[^A-Za-z0-9]/g, '');
}

function attribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * mermaid injects a <style> per SVG, so styles need 'unsafe-inline'; scripts only run with the
 * nonce (the ELK bundle is added later by the script with the same nonce). Images are allowed
 * from data:/blob: for the PNG export, which draws the SVG onto a canvas.
 */
export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${cspSource} 'unsafe-inline'`,
    `img-src ${cspSource} data: blob:`,
    `font-src ${cspSource}`,
  ].join('; ');
}

export function diagramHtml(options: DiagramHtmlOptions): string {
  const nonce = options.nonce ?? createNonce();
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${attribute(contentSecurityPolicy(options.cspSource, nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${attribute(options.styleUri)}">
<title>Dependency Diagram</title>
</head>
<body>
<script nonce="${nonce}" src="${attribute(options.scriptUri)}" data-elk-src="${attribute(options.elkScriptUri)}"${options.testHooks ? ' data-test-hooks="true"' : ''}></script>
</body>
</html>`;
}
