// Export of the current diagram: a standalone SVG (theme colours are already concrete values,
// so it looks the same outside VS Code) and a PNG drawn from that SVG on a canvas. The webview
// only produces the data; the extension asks where to save it.

const SVG_NS = 'http://www.w3.org/2000/svg';
const PNG_SCALE = 2;
/** Browsers refuse canvases above roughly 16k px per side / 268M px in total. */
const MAX_CANVAS_SIDE = 16_000;

function naturalSize(svg: SVGSVGElement): { width: number; height: number } {
  const viewBox = svg.viewBox.baseVal;
  if (viewBox && viewBox.width > 0 && viewBox.height > 0) return { width: viewBox.width, height: viewBox.height };
  const box = svg.getBBox();
  return { width: box.width, height: box.height };
}

function utf8Base64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** A copy of the diagram as a standalone SVG document with a solid background. */
export function exportSvg(svg: SVGSVGElement, background: string): string {
  const copy = svg.cloneNode(true) as SVGSVGElement;
  const { width, height } = naturalSize(svg);
  copy.setAttribute('xmlns', SVG_NS);
  copy.setAttribute('width', String(Math.ceil(width)));
  copy.setAttribute('height', String(Math.ceil(height)));
  copy.style.removeProperty('max-width');
  const viewBox = svg.viewBox.baseVal;
  const fill = document.createElementNS(SVG_NS, 'rect');
  fill.setAttribute('x', String(viewBox?.x ?? 0));
  fill.setAttribute('y', String(viewBox?.y ?? 0));
  fill.setAttribute('width', '100%');
  fill.setAttribute('height', '100%');
  fill.setAttribute('fill', background);
  copy.insertBefore(fill, copy.firstChild);
  // Interaction attributes mean nothing in a file.
  for (const element of copy.querySelectorAll('[tabindex]')) element.removeAttribute('tabindex');
  return new XMLSerializer().serializeToString(copy);
}

/** The diagram as a PNG data URL (2× for sharp text), drawn from the exported SVG. */
export async function exportPng(svg: SVGSVGElement, background: string): Promise<string> {
  const { width, height } = naturalSize(svg);
  const scale = Math.max(0.1, Math.min(PNG_SCALE, MAX_CANVAS_SIDE / width, MAX_CANVAS_SIDE / height));
  const source = exportSvg(svg, background);
  const image = new Image();
  const url = `data:image/svg+xml;base64,${utf8Base64(source)}`;
  await new Promise<void>((resolve, reject) => {
    image.onload = () => resolve();
    image.onerror = () => reject(new Error('The diagram could not be drawn as an image.'));
    image.src = url;
  });
  const canvas = document.createElement('canvas');
  canvas.width = Math.ceil(width * scale);
  canvas.height = Math.ceil(height * scale);
  const context = canvas.getContext('2d');
  if (!context) throw new Error('This webview has no 2D canvas.');
  context.fillStyle = background;
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.drawImage(image, 0, 0, canvas.width, canvas.height);
  return canvas.toDataURL('image/png');
}
