// The ELK layout for mermaid, bundled on its own (dist/webview/diagram-elk.js) because elkjs is
// large: main.ts loads this script only when a view asks for the ELK layout, so the usual dagre
// render does not pay for it. It hands mermaid's layout definitions to main.ts via a global.
import elkLayouts from '@mermaid-js/layout-elk';

(globalThis as { cacheWardenElkLayouts?: unknown }).cacheWardenElkLayouts = elkLayouts;
