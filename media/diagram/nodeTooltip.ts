// A node's tooltip: what it is, its owner, doc and runbook, and its problems (counts and the first
// few messages). Shown when the pointer rests on a node and when a node has keyboard focus (Tab),
// hidden by Escape, a pan, a zoom or leaving the node. It replaces the SVG <title> mermaid's nodes
// would otherwise get, so one tooltip shows, the same one for mouse and keyboard, and the node
// points at it with aria-describedby. Built with textContent only: messages quote config text.
import { nodeDetailsOf, type NodeDetails } from '../../src/core/graph/inFrontProtocol';
import type { ViewNode } from '../../src/core/graph/graphModel';
import { countsText } from './sideList';

const TOOLTIP_ID = 'cw-node-tooltip';
const SHOW_DELAY_MS = 250;

function line(className: string, label: string, value: string): HTMLDivElement {
  const row = document.createElement('div');
  row.className = className;
  const name = document.createElement('span');
  name.className = 'cw-tip-label';
  name.textContent = `${label} `;
  const text = document.createElement('span');
  text.className = 'cw-tip-value';
  text.textContent = value;
  row.append(name, text);
  return row;
}

export class NodeTooltip {
  readonly root: HTMLElement;
  private details = new Map<string, NodeDetails>();
  private nodes = new Map<string, ViewNode>();
  private shownFor: Element | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly canvas: HTMLElement) {
    this.root = document.createElement('div');
    this.root.className = 'cw-tooltip';
    this.root.id = TOOLTIP_ID;
    this.root.setAttribute('role', 'tooltip');
    this.root.hidden = true;
    canvas.addEventListener('pointerover', (event) => {
      const node = this.nodeAt(event.target);
      if (node && node !== this.shownFor) this.later(node);
      else if (!node) this.hide();
    });
    canvas.addEventListener('pointerleave', () => this.hide());
    canvas.addEventListener('focusin', (event) => {
      const node = this.nodeAt(event.target);
      if (node) this.show(node);
      else this.hide();
    });
    canvas.addEventListener('focusout', (event) => {
      if (!this.nodeAt(event.relatedTarget)) this.hide();
    });
    canvas.addEventListener('pointerdown', () => this.hide());
    canvas.addEventListener('wheel', () => this.hide(), { passive: true });
    canvas.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') this.hide();
      else if (event.key.startsWith('Arrow') && !this.root.hidden && this.shownFor) requestAnimationFrame(() => this.place());
    });
  }

  /** The details the extension sent with a view (checked: malformed entries are dropped). */
  setView(nodes: readonly ViewNode[], details: unknown): void {
    this.hide();
    this.details = nodeDetailsOf(details);
    this.nodes = new Map(nodes.map((node) => [node.id, node]));
  }

  /** After a draw: the nodes point at the tooltip instead of carrying their own <title>. */
  attach(elements: ReadonlyMap<string, SVGGElement>): void {
    for (const [id, element] of elements) {
      if (!this.nodes.has(id)) continue;
      element.querySelector(':scope > title')?.remove();
      element.setAttribute('aria-describedby', TOOLTIP_ID);
    }
  }

  hide(): void {
    clearTimeout(this.timer);
    this.shownFor = undefined;
    this.root.hidden = true;
  }

  private nodeAt(target: EventTarget | null): SVGGElement | undefined {
    const node = target instanceof Element ? target.closest<SVGGElement>('g.node[data-entity-id]') : null;
    return node && this.nodes.has(node.getAttribute('data-entity-id')!) ? node : undefined;
  }

  private later(node: SVGGElement): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.show(node), SHOW_DELAY_MS);
  }

  private show(node: SVGGElement): void {
    clearTimeout(this.timer);
    const id = node.getAttribute('data-entity-id')!;
    const view = this.nodes.get(id);
    if (!view) return;
    this.fill(view, this.details.get(id));
    this.shownFor = node;
    this.root.hidden = false;
    this.place();
  }

  private fill(node: ViewNode, details: NodeDetails | undefined): void {
    const title = document.createElement('div');
    title.className = 'cw-tip-title';
    const name = document.createElement('strong');
    name.textContent = node.label;
    const kind = document.createElement('span');
    kind.className = 'cw-tip-kind';
    kind.textContent = ` ${node.kind}${node.type ? ` · ${node.type}` : ''}`;
    title.append(name, kind);
    const rows: HTMLElement[] = [title];
    // A group of the overview ("(no system)") is no entity: no ref, owner, doc or runbook to show.
    if (!node.grouping) rows.push(line('cw-tip-ref', 'Ref', node.ref));
    if (node.memberCount !== undefined) rows.push(line('cw-tip-row', 'System of', `${node.memberCount} entities (collapsed)`));
    if (node.drill && node.entityCount !== undefined) rows.push(line('cw-tip-row', 'Holds', `${node.entityCount} ${node.entityCount === 1 ? 'entity' : 'entities'}`));
    if (!node.grouping) {
      const owner = details?.owner ?? node.owner;
      rows.push(line('cw-tip-row', 'Owner', owner ?? 'none declared'));
      rows.push(line('cw-tip-row', 'Doc', details?.doc ?? 'none'));
      rows.push(line('cw-tip-row', 'Runbook', details?.runbook ?? 'none'));
    }
    const errors = details?.errors ?? node.status?.errors ?? 0;
    const warnings = details?.warnings ?? node.status?.warnings ?? 0;
    const problems = document.createElement('div');
    problems.className = `cw-tip-problems ${errors ? 'cw-tip-error' : warnings ? 'cw-tip-warning' : 'cw-tip-clean'}`;
    const summary = document.createElement('div');
    summary.className = 'cw-tip-counts';
    summary.textContent = errors || warnings ? `Problems: ${countsText(errors, warnings)}` : 'Problems: none';
    problems.append(summary);
    const listed = details?.problems ?? [];
    if (listed.length) {
      const list = document.createElement('ul');
      for (const problem of listed) {
        const item = document.createElement('li');
        item.className = `cw-tip-${problem.severity}`;
        const code = document.createElement('span');
        code.className = 'cw-tip-code';
        code.textContent = problem.code;
        item.append(code, ` ${problem.message}`);
        list.append(item);
      }
      problems.append(list);
      const more = errors + warnings - listed.length;
      if (more > 0) {
        const rest = document.createElement('div');
        rest.className = 'cw-tip-more';
        rest.textContent = `and ${more} more`;
        problems.append(rest);
      }
    }
    rows.push(problems);
    const hint = document.createElement('div');
    hint.className = 'cw-tip-hint';
    hint.textContent = node.drill
      ? `Click or Enter to open its view, with the entities in it · right-click or Shift+F10 for more`
      : 'Click or Enter to open · right-click or Shift+F10 for more';
    rows.push(hint);
    this.root.replaceChildren(...rows);
  }

  /** Below the node (above when there is no room), inside the window. */
  private place(): void {
    if (!this.shownFor) return;
    const box = this.shownFor.getBoundingClientRect();
    const canvasBox = this.canvas.getBoundingClientRect();
    // A node panned out of the canvas has nothing to point at.
    if (box.right < canvasBox.left || box.left > canvasBox.right || box.bottom < canvasBox.top || box.top > canvasBox.bottom) {
      this.hide();
      return;
    }
    const tip = this.root.getBoundingClientRect();
    const gap = 6;
    let top = box.bottom + gap;
    if (top + tip.height > window.innerHeight - 4 && box.top - gap - tip.height >= 4) top = box.top - gap - tip.height;
    const left = Math.max(4, Math.min(box.left + box.width / 2 - tip.width / 2, window.innerWidth - tip.width - 4));
    this.root.style.left = `${left}px`;
    this.root.style.top = `${Math.max(4, Math.min(top, window.innerHeight - tip.height - 4))}px`;
  }
}
