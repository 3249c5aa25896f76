// Zoom and pan of the rendered SVG: a CSS transform on a stage inside a clipping canvas.
// Wheel zooms around the pointer, dragging the background pans, arrow keys pan, and the
// toolbar's fit / zoom buttons call in here. The viewport is reported on every change so it
// survives re-renders, hide/show and reloads.
import type { Viewport } from '../../src/core/graph/webviewProtocol';

const MIN_SCALE = 0.05;
const MAX_SCALE = 8;
const ZOOM_STEP = 1.25;
const FIT_MARGIN = 24;
/** Below this a fitted view is unreadable; the view centres on its focus at this scale instead. */
const MIN_READABLE_SCALE = 0.6;

export class PanZoom {
  private viewport: Viewport = { x: 0, y: 0, scale: 1 };
  private drag: { pointerId: number; startX: number; startY: number; originX: number; originY: number; moved: boolean } | undefined;

  constructor(
    private readonly canvas: HTMLElement,
    private readonly stage: HTMLElement,
    private readonly onChange: (viewport: Viewport) => void,
  ) {
    canvas.addEventListener('wheel', (event) => this.onWheel(event), { passive: false });
    canvas.addEventListener('pointerdown', (event) => this.onPointerDown(event));
    canvas.addEventListener('pointermove', (event) => this.onPointerMove(event));
    canvas.addEventListener('pointerup', (event) => this.onPointerUp(event));
    canvas.addEventListener('pointercancel', (event) => this.onPointerUp(event));
    canvas.addEventListener('keydown', (event) => this.onKey(event));
  }

  get current(): Viewport {
    return { ...this.viewport };
  }

  /** True right after a drag, so the click that ends a pan does not open a node. */
  wasDragging(): boolean {
    return this.suppressClick;
  }

  private suppressClick = false;

  set(viewport: Viewport, notify = true): void {
    const scale = Math.min(MAX_SCALE, Math.max(MIN_SCALE, viewport.scale));
    this.viewport = { x: viewport.x, y: viewport.y, scale };
    this.stage.style.transform = `translate(${this.viewport.x}px, ${this.viewport.y}px) scale(${scale})`;
    if (notify) this.onChange(this.current);
  }

  /** Scales the content to fit the canvas (never above 100%, so small graphs stay crisp). */
  fit(content: { width: number; height: number }, notify = true): void {
    const box = this.canvas.getBoundingClientRect();
    if (content.width <= 0 || content.height <= 0 || box.width <= 0 || box.height <= 0) {
      this.set({ x: 0, y: 0, scale: 1 }, notify);
      return;
    }
    const scale = Math.min(1, (box.width - 2 * FIT_MARGIN) / content.width, (box.height - 2 * FIT_MARGIN) / content.height);
    const safe = Math.max(MIN_SCALE, scale);
    this.set({ x: (box.width - content.width * safe) / 2, y: (box.height - content.height * safe) / 2, scale: safe }, notify);
  }

  /**
   * Fits the content, unless that would make the text unreadable and there is a point that
   * matters (the focus): then shows that point at the smallest readable scale.
   */
  fitOrFocus(content: { width: number; height: number }, focus: { x: number; y: number } | undefined, notify = true): void {
    this.fit(content, false);
    if (focus && this.viewport.scale < MIN_READABLE_SCALE) {
      this.viewport = { ...this.viewport, scale: MIN_READABLE_SCALE };
      this.centreOn(focus, notify);
      return;
    }
    if (notify) this.onChange(this.current);
  }

  zoomBy(factor: number, around?: { x: number; y: number }): void {
    const box = this.canvas.getBoundingClientRect();
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
    const box = this.canvas.getBoundingClientRect();
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
