// Right-click menu on a node: open doc, focus on its neighbourhood (depth 1–3, upstream /
// downstream / both), "what reaches this", open config, copy ref; on an overview node, its view
// first (and only that on a group that is no entity, such as "(no system)"). Keyboard: Shift+F10 or the
// context-menu key on a focused node, arrows to move, Escape to close.
import type { FocusDirection } from '../../src/core/graph/webviewProtocol';

export interface NodeMenuActions {
  open(entityId: string): void;
  focus(entityId: string, depth: number, direction: FocusDirection): void;
  reaches(entityId: string): void;
  openConfig(entityId: string): void;
  copyRef(entityId: string): void;
  /** An overview node's own view (the system's or domain's entities). */
  drill(entityId: string): void;
}

export interface NodeMenuOptions {
  /** A datastore: "what reaches this" says it lists the caches in front. */
  datastore?: boolean;
  /** An overview node: "Open its view" comes first, with how many entities it holds. */
  drill?: { entities?: number };
  /** An overview node that is no catalog entity ("(no system)"): only its view can be opened. */
  grouping?: boolean;
}

export class NodeMenu {
  private readonly root: HTMLElement;
  private depth = 1;

  constructor(host: HTMLElement, private readonly actions: NodeMenuActions) {
    this.root = document.createElement('div');
    this.root.className = 'cw-menu';
    this.root.setAttribute('role', 'menu');
    this.root.hidden = true;
    host.append(this.root);
    document.addEventListener('pointerdown', (event) => {
      if (!this.root.hidden && !this.root.contains(event.target as Node)) this.close();
    });
    this.root.addEventListener('keydown', (event) => this.onKey(event));
    window.addEventListener('blur', () => this.close());
  }

  close(): void {
    this.root.hidden = true;
  }

  /**
   * Opens the menu for a node at a client position, defaulting focus depth to the toolbar's. On a
   * datastore, "what reaches this" says it lists the caches in front (the "What Reaches…" view).
   */
  show(entityId: string, label: string, at: { x: number; y: number }, depth: number, options: NodeMenuOptions = {}): void {
    this.depth = depth;
    const item = (text: string, run: () => void) => {
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'cw-menu-item';
      button.setAttribute('role', 'menuitem');
      button.textContent = text;
      button.addEventListener('click', () => {
        this.close();
        run();
      });
      return button;
    };
    const heading = document.createElement('div');
    heading.className = 'cw-menu-heading';
    heading.textContent = label;

    const depthRow = document.createElement('div');
    depthRow.className = 'cw-menu-depth';
    depthRow.append('Focus depth');
    const depthButtons = [1, 2, 3].map((value) => {
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = String(value);
      button.setAttribute('role', 'menuitemradio');
      button.setAttribute('aria-checked', String(value === this.depth));
      button.addEventListener('click', () => {
        this.depth = value;
        for (const other of depthButtons) other.setAttribute('aria-checked', String(other === button));
      });
      return button;
    });
    depthRow.append(...depthButtons);
    const separator = () => {
      const line = document.createElement('div');
      line.className = 'cw-menu-separator';
      line.setAttribute('role', 'separator');
      return line;
    };
    const drillItem = options.drill
      ? [item(`Open its view${options.drill.entities !== undefined ? ` (${options.drill.entities} ${options.drill.entities === 1 ? 'entity' : 'entities'})` : ''}`, () => this.actions.drill(entityId))]
      : [];
    if (options.grouping) {
      const note = document.createElement('div');
      note.className = 'cw-menu-note';
      note.textContent = 'A group of entities, not an entity: it has no doc, config or neighbourhood of its own.';
      this.root.replaceChildren(heading, ...drillItem, note);
      this.place(at);
      return;
    }
    this.root.replaceChildren(
      heading,
      ...drillItem,
      item('Open doc', () => this.actions.open(entityId)),
      separator(),
      depthRow,
      item('Focus here: up & down', () => this.actions.focus(entityId, this.depth, 'both')),
      item('Focus here: upstream (dependents)', () => this.actions.focus(entityId, this.depth, 'up')),
      item('Focus here: downstream (dependencies)', () => this.actions.focus(entityId, this.depth, 'down')),
      item(options.datastore ? 'What reaches this: caches in front' : 'What reaches this', () => this.actions.reaches(entityId)),
      separator(),
      item('Open cache config', () => this.actions.openConfig(entityId)),
      item('Copy ref', () => this.actions.copyRef(entityId)),
    );
    this.place(at);
  }

  private place(at: { x: number; y: number }): void {
    this.root.hidden = false;
    // Keep the menu inside the window.
    const { innerWidth, innerHeight } = window;
    const box = this.root.getBoundingClientRect();
    this.root.style.left = `${Math.max(0, Math.min(at.x, innerWidth - box.width - 4))}px`;
    this.root.style.top = `${Math.max(0, Math.min(at.y, innerHeight - box.height - 4))}px`;
    this.root.querySelector<HTMLButtonElement>('.cw-menu-item')?.focus();
  }

  private onKey(event: KeyboardEvent): void {
    if (event.key === 'Escape') {
      this.close();
      return;
    }
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    event.preventDefault();
    const items = Array.from(this.root.querySelectorAll<HTMLButtonElement>('button'));
    const at = items.indexOf(document.activeElement as HTMLButtonElement);
    const next = event.key === 'ArrowDown' ? (at + 1) % items.length : (at - 1 + items.length) % items.length;
    items[next]?.focus();
  }
}
