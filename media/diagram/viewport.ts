// Zoom and pan of the rendered SVG: a CSS transform on a stage inside a clipping canvas.
// Wheel zooms around the pointer, dragging the background pans, arrow keys pan, and the
// toolbar's fit / zoom buttons call in here. The viewport is reported on every change so it
// survives re-renders, hide/show and reloads.
import type { Viewport } from '../../src/core/graph/webviewProtocol';

const MIN_SCALE = 0.05;
const MAX_SCALE = 8;
const ZOOM_STEP = 1.25;
const FIT_MARGIN = 24;

/**
 * Who chose the viewport: `auto` (the view opened fitted, or at the smallest readable scale),
 * `fit` (the user asked to see it all) or `user` (zoomed, panned, restored). The first two follow
 * the canvas when it is resized; a user's own zoom and pan are kept.
 */
export type ViewportMode = 'auto' | 'fit' | 'user';

export interface AutoFitResult {
  /** True when the whole content is in view; false when only the part around the anchor is. */
  whole: boolean;
}

export class PanZoom {
  private viewport: Viewport = { x: 0, y: 0, scale: 1 };
  private drag: { pointerId: number; startX: number; startY: number; originX: number; originY: number; moved: boolean } | undefined;
  private viewportMode: ViewportMode = 'auto';

  constructor(
    private readonly canvas: HTMLElement,
    private readonly stage: HTMLElement,
    private readonly onChange: (viewport: Viewport, mode: ViewportMode) => void,
  ) {
    canvas.addEventListener('wheel', (event) => this.onWheel(event), { passive: false });
    canvas.addEventListener('pointerdown', (event) => this.onPointerDown(event));
    canvas.addEventListener('pointermove', (event) => this.onPointerMove(event));
    canvas.addEventListener('pointerup', (event) => this.onPointerUp(event));
    canvas.addEventListener('pointercancel', (event) => this.onPointerUp(event));
    canvas.addEventListener('keydown', (event) => this.onKey(event));
    // The canvas clips instead of scrolling, but focusing an off-screen node (Tab) scrolls it
    // anyway: turn that into a pan, so the node comes into view and the transform stays the truth.
    canvas.addEventListener('scroll', () => {
      const { scrollLeft: dx, scrollTop: dy } = canvas;
      if (dx === 0 && dy === 0) return;
      canvas.scrollLeft = 0;
      canvas.scrollTop = 0;
      this.panBy(-dx, -dy);
    });
  }

  get current(): Viewport {
    return { ...this.viewport };
  }

  get mode(): ViewportMode {
    return this.viewportMode;
  }

  /** True right after a drag, so the click that ends a pan does not open a node. */
  wasDragging(): boolean {
    return this.suppressClick;
  }

  private suppressClick = false;

  /** Applies a viewport the user chose (or one restored from a saved state). */
  set(viewport: Viewport, notify = true): void {
    this.apply(viewport, 'user', notify);
  }

  private apply(viewport: Viewport, mode: ViewportMode, notify: boolean): void {
    const scale = Math.min(MAX_SCALE, Math.max(MIN_SCALE, viewport.scale));
    this.viewport = { x: viewport.x, y: viewport.y, scale };
    this.viewportMode = mode;
    this.stage.style.transform = `translate(${this.viewport.x}px, ${this.viewport.y}px) scale(${scale})`;
    if (notify) this.onChange(this.current, mode);
  }

  private canvasSize(): { width: number; height: number } {
    // clientWidth/Height: the layout size, unaffected by any transform around the page.
    return { width: this.canvas.clientWidth, height: this.canvas.clientHeight };
  }

  /** The scale that shows all of the content (never above 100%, so small graphs stay crisp). */
  fitScale(content: { width: number; height: number }): number | undefined {
    const box = this.canvasSize();
    if (content.width <= 0 || content.height <= 0 || box.width <= 0 || box.height <= 0) return undefined;
    const scale = Math.min(1, (box.width - 2 * FIT_MARGIN) / content.width, (box.height - 2 * FIT_MARGIN) / content.height);
    return Math.max(MIN_SCALE, scale);
  }

  /** Scales the content to fit the canvas: the toolbar's Fit, whatever the label size. */
  fit(content: { width: number; height: number }, notify = true): void {
    const scale = this.fitScale(content);
    if (scale === undefined) {
      this.apply({ x: 0, y: 0, scale: 1 }, 'fit', notify);
      return;
    }
    const box = this.canvasSize();
    this.apply({ x: (box.width - content.width * scale) / 2, y: (box.height - content.height * scale) / 2, scale }, 'fit', notify);
  }

  /**
   * How a view opens: fitted, unless that would make its labels smaller than `minScale` allows;
   * then at `minScale`, centred on `anchor` (the focus, in unscaled content pixels) as far as the
   * content allows without showing empty space past its edges.
   */
  autoFit(content: { width: number; height: number }, anchor: { x: number; y: number } | undefined, minScale: number, notify = true): AutoFitResult {
    const fitted = this.fitScale(content);
    if (fitted === undefined) {
      this.apply({ x: 0, y: 0, scale: 1 }, 'auto', notify);
      return { whole: true };
    }
    const box = this.canvasSize();
    if (fitted >= minScale) {
      this.apply({ x: (box.width - content.width * fitted) / 2, y: (box.height - content.height * fitted) / 2, scale: fitted }, 'auto', notify);
      return { whole: true };
    }
    const scale = Math.min(MAX_SCALE, minScale);
    const point = anchor ?? { x: content.width / 2, y: content.height / 2 };
    const place = (size: number, extent: number, at: number): number => {
      const scaled = extent * scale;
      if (scaled + 2 * FIT_MARGIN <= size) return (size - scaled) / 2;
      const centred = size / 2 - at * scale;
      // Keep the content covering the canvas: no blank band beyond its first or last node.
      return Math.min(FIT_MARGIN, Math.max(size - scaled - FIT_MARGIN, centred));
    };
    const x = place(box.width, content.width, point.x);
    const y = place(box.height, content.height, point.y);
    this.apply({ x, y, scale }, 'auto', notify);
    // Without the margins it may all be in view after all.
    const within = (at: number, extent: number, size: number) => at >= -0.5 && at + extent * scale <= size + 0.5;
    return { whole: within(x, content.width, box.width) && within(y, content.height, box.height) };
  }

  zoomBy(factor: number, around?: { x: number; y: number }): void {
    const box = this.canvasSize();
    const point = around ?? { x: box.width / 2, y: box.height / 2 };
    const { x, y, scale } = this.viewport;
    const next = Math.min(MAX_SCALE, Math.max(MIN_SCALE, scale * factor));
    const ratio = next / scale;
    this.set({ x: point.x - (point.x - x) * ratio, y: point.y - (point.y - y) * ratio, scale: next });
  }

  zoomIn(): void {
    this.zoomBy(ZOOM_STEP);
  }

  zoomOut(): void {
    this.zoomBy(1 / ZOOM_STEP);
  }

  panBy(dx: number, dy: number): void {
    this.set({ ...this.viewport, x: this.viewport.x + dx, y: this.viewport.y + dy });
  }

  /** Pans so that a point of the content (in unscaled SVG pixels) is in the middle. */
  centreOn(point: { x: number; y: number }, notify = true): void {
    const box = this.canvasSize();
    const { scale } = this.viewport;
    this.set({ x: box.width / 2 - point.x * scale, y: box.height / 2 - point.y * scale, scale }, notify);
  }

  private onWheel(event: WheelEvent): void {
    event.preventDefault();
    const box = this.canvas.getBoundingClientRect();
    // Trackpad pinch arrives as ctrl+wheel with small deltas; a mouse wheel as ±100.
    const factor = Math.exp(-event.deltaY * (event.ctrlKey ? 0.01 : 0.0015));
    this.zoomBy(factor, { x: event.clientX - box.left, y: event.clientY - box.top });
  }

  private onPointerDown(event: PointerEvent): void {
    if (event.button !== 0) return;
    this.suppressClick = false;
    this.drag = {
      pointerId: event.pointerId,
      startX: event.clientX,
      startY: event.clientY,
      originX: this.viewport.x,
      originY: this.viewport.y,
      moved: false,
    };
  }

  private onPointerMove(event: PointerEvent): void {
    const drag = this.drag;
    if (!drag || drag.pointerId !== event.pointerId) return;
    const dx = event.clientX - drag.startX;
    const dy = event.clientY - drag.startY;
    if (!drag.moved && Math.hypot(dx, dy) < 4) return;
    if (!drag.moved) {
      drag.moved = true;
      this.canvas.setPointerCapture(event.pointerId);
      this.canvas.classList.add('panning');
    }
    this.set({ ...this.viewport, x: drag.originX + dx, y: drag.originY + dy });
  }

  private onPointerUp(event: PointerEvent): void {
    const drag = this.drag;
    if (!drag || drag.pointerId !== event.pointerId) return;
    this.drag = undefined;
    if (drag.moved) {
      this.suppressClick = true;
      this.canvas.classList.remove('panning');
      if (this.canvas.hasPointerCapture(event.pointerId)) this.canvas.releasePointerCapture(event.pointerId);
      // The click event fires after pointerup; clear the flag once it has been seen.
      setTimeout(() => (this.suppressClick = false), 0);
    }
  }

  private onKey(event: KeyboardEvent): void {
    const step = event.shiftKey ? 200 : 60;
    const moves: Record<string, [number, number]> = {
      ArrowLeft: [step, 0],
      ArrowRight: [-step, 0],
      ArrowUp: [0, step],
      ArrowDown: [0, -step],
    };
    if (moves[event.key]) {
      event.preventDefault();
      this.panBy(...moves[event.key]);
    } else if (event.key === '+' || event.key === '=') {
      this.zoomIn();
    } else if (event.key === '-') {
      this.zoomOut();
    }
  }
}
