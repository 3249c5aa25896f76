// Diagram colours come from the VS Code theme's CSS variables (`--vscode-*` on the webview's
// <html>), resolved to opaque hex so mermaid's colour maths (khroma) and the exported SVG/PNG
// both get real colours. Re-read whenever VS Code switches theme (body class changes).

export interface DiagramPalette {
  dark: boolean;
  highContrast: boolean;
  fontFamily: string;
  background: string;
  foreground: string;
  muted: string;
  nodeFill: string;
  nodeBorder: string;
  clusterFill: string;
  clusterBorder: string;
  line: string;
  focus: string;
  error: string;
  warning: string;
  /** Node fills tinted with the error / warning colour, for misconfigured entities. */
  errorFill: string;
  warningFill: string;
  focusFill: string;
  path: string;
  bypass: string;
  badgeText: string;
  /** Border colour per entity kind, from the theme's chart palette. */
  kinds: Record<string, string>;
}

type Rgba = [number, number, number, number];

let probe: HTMLElement | undefined;

/** Any CSS colour → [r, g, b, a] using the browser's own parser. */
function parseColour(value: string): Rgba | undefined {
  if (!value) return undefined;
  probe ??= document.body.appendChild(document.createElement('span'));
  probe.style.display = 'none';
  probe.style.color = '';
  probe.style.color = value;
  if (!probe.style.color) return undefined;
  const match = /rgba?\(([^)]+)\)/.exec(getComputedStyle(probe).color);
  if (!match) return undefined;
  const parts = match[1].split(/[ ,/]+/).filter(Boolean).map(Number);
  return [parts[0], parts[1], parts[2], parts.length > 3 ? parts[3] : 1];
}

function hex([r, g, b]: Rgba): string {
  return '#' + [r, g, b].map((c) => Math.round(c).toString(16).padStart(2, '0')).join('');
}

/** Composites a possibly translucent colour over the background, so the result is opaque. */
function over(colour: Rgba, background: Rgba): Rgba {
  const a = colour[3];
  return [0, 1, 2].map((i) => colour[i] * a + background[i] * (1 - a)).concat(1) as Rgba;
}

function luminance([r, g, b]: Rgba): number {
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

export function readPalette(): DiagramPalette {
  const styles = getComputedStyle(document.documentElement);
  const bodyClass = document.body.classList;
  const highContrast = bodyClass.contains('vscode-high-contrast') || bodyClass.contains('vscode-high-contrast-light');
  const cssVar = (name: string) => styles.getPropertyValue(`--vscode-${name}`).trim();

  const background = parseColour(cssVar('editor-background')) ?? parseColour(getComputedStyle(document.body).backgroundColor) ?? [30, 30, 30, 1];
  const opaqueBackground: Rgba = [background[0], background[1], background[2], 1];
  const dark = luminance(opaqueBackground) < 0.3;
  /** First theme variable that is set, composited over the editor background. */
  const pick = (names: string[], fallback: string): string => {
    for (const name of names) {
      const parsed = parseColour(cssVar(name));
      if (parsed) return hex(over(parsed, opaqueBackground));
    }
    return hex(over(parseColour(fallback) ?? [128, 128, 128, 1], opaqueBackground));
  };
  const contrastBorder = highContrast ? cssVar('contrastBorder') : '';

  const foreground = pick(['editor-foreground', 'foreground'], dark ? '#cccccc' : '#333333');
  const error = pick(['editorError-foreground', 'errorForeground'], dark ? '#f14c4c' : '#e51400');
  const warning = pick(['editorWarning-foreground', 'list-warningForeground'], dark ? '#cca700' : '#bf8803');
  const nodeFill = pick(['editorWidget-background', 'sideBar-background'], dark ? '#252526' : '#f3f3f3');
  const tint = (colour: string, amount: number) => {
    const [a, b] = [parseColour(nodeFill)!, parseColour(colour)!];
    return hex([0, 1, 2].map((i) => a[i] * (1 - amount) + b[i] * amount).concat(1) as Rgba);
  };
  const palette: DiagramPalette = {
    dark,
    highContrast,
    fontFamily: cssVar('font-family') || 'system-ui, sans-serif',
    background: hex(opaqueBackground),
    foreground,
    muted: pick(['descriptionForeground'], dark ? '#9d9d9d' : '#616161'),
    nodeFill,
    nodeBorder: contrastBorder ? pick(['contrastBorder'], foreground) : pick(['editorWidget-border', 'panel-border'], dark ? '#454545' : '#c8c8c8'),
    clusterFill: pick(['sideBar-background', 'editorGroupHeader-tabsBackground'], dark ? '#181818' : '#f8f8f8'),
    clusterBorder: contrastBorder ? pick(['contrastBorder'], foreground) : pick(['panel-border', 'editorGroup-border'], dark ? '#2b2b2b' : '#e5e5e5'),
    line: highContrast ? foreground : pick(['editorLineNumber-foreground', 'descriptionForeground'], dark ? '#6e7681' : '#6e7681'),
    focus: pick(['focusBorder'], dark ? '#0078d4' : '#005fb8'),
    error,
    warning,
    errorFill: highContrast ? nodeFill : tint(error, dark ? 0.22 : 0.12),
    warningFill: highContrast ? nodeFill : tint(warning, dark ? 0.2 : 0.12),
    focusFill: highContrast ? nodeFill : tint(pick(['focusBorder'], dark ? '#0078d4' : '#005fb8'), dark ? 0.3 : 0.14),
    path: pick(['charts-green', 'testing-iconPassed'], dark ? '#89d185' : '#388a34'),
    bypass: error,
    badgeText: dark ? '#ffffff' : '#ffffff',
    kinds: {
      component: pick(['charts-blue'], dark ? '#3794ff' : '#1a85ff'),
      api: pick(['charts-purple'], dark ? '#b180d7' : '#652d90'),
      resource: pick(['charts-orange'], dark ? '#d18616' : '#d18616'),
      cache: pick(['charts-green'], dark ? '#89d185' : '#388a34'),
      // Not yellow: that is the warning colour.
      system: pick(['charts-foreground', 'descriptionForeground'], dark ? '#cccccc' : '#616161'),
      group: pick(['charts-foreground', 'descriptionForeground'], dark ? '#cccccc' : '#616161'),
    },
  };
  return palette;
}

/** mermaid's `base` theme variables for this palette. */
export function mermaidThemeVariables(palette: DiagramPalette): Record<string, string | boolean> {
  return {
    darkMode: palette.dark,
    background: palette.background,
    fontFamily: palette.fontFamily,
    fontSize: '14px',
    primaryColor: palette.nodeFill,
    primaryTextColor: palette.foreground,
    primaryBorderColor: palette.nodeBorder,
    secondaryColor: palette.clusterFill,
    tertiaryColor: palette.clusterFill,
    mainBkg: palette.nodeFill,
    nodeBorder: palette.nodeBorder,
    nodeTextColor: palette.foreground,
    textColor: palette.foreground,
    titleColor: palette.foreground,
    lineColor: palette.line,
    clusterBkg: palette.clusterFill,
    clusterBorder: palette.clusterBorder,
    edgeLabelBackground: palette.background,
  };
}

/** A key that changes whenever the theme does (body class, theme id, the main colours). */
export function themeKey(): string {
  const body = document.body;
  const styles = getComputedStyle(document.documentElement);
  const colours = ['editor-background', 'editor-foreground', 'focusBorder', 'editorError-foreground']
    .map((name) => styles.getPropertyValue(`--vscode-${name}`).trim())
    .join(',');
  return `${body.className}|${body.getAttribute('data-vscode-theme-kind') ?? ''}|${body.getAttribute('data-vscode-theme-id') ?? ''}|${colours}`;
}

/**
 * Calls `onChange` when VS Code switches colour theme: it rewrites body's class and data
 * attributes and the `--vscode-*` variables in <html>'s style attribute.
 */
export function watchTheme(onChange: () => void): void {
  let last = themeKey();
  const observer = new MutationObserver(() => {
    const next = themeKey();
    if (next === last) return;
    last = next;
    onChange();
  });
  observer.observe(document.body, { attributes: true, attributeFilter: ['class', 'data-vscode-theme-kind', 'data-vscode-theme-id'] });
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['style', 'class'] });
}
