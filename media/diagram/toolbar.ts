// The toolbar above the diagram: search an entity, filter by kind / system / owner, focus depth
// and direction, layout, whole graph, fit, zoom, export. It only reflects and edits the view
// request; main.ts turns its events into messages for the extension.
// It is always one row: when the panel is too narrow for every group, the groups that matter
// least move, in order, into a "more" menu at the row's end (search, fit and zoom stay out).
import type { DiagramFacets, DiagramLayout, FocusDirection } from '../../src/core/graph/webviewProtocol';
import type { ViewRequest } from '../../src/core/graph/graphModel';

export interface ToolbarActions {
  /** The user picked an entity in the search box. */
  search(entityId: string): void;
  /** Filters, depth, direction or layout changed. */
  requestChanged(request: ViewRequest, layout: DiagramLayout): void;
  wholeGraph(): void;
  fit(): void;
  zoomIn(): void;
  zoomOut(): void;
  exportImage(format: 'svg' | 'png'): void;
  /** The "more" menu of a narrow toolbar opened or closed. */
  moreToggled?(open: boolean): void;
}

function element<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> = {}, ...children: Node[]): HTMLElementTagNameMap[K] {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
}

function option(value: string, text: string): HTMLOptionElement {
  return element('option', { value, textContent: text });
}

function fillSelect(select: HTMLSelectElement, allText: string, values: string[], selected: string | undefined): void {
  select.replaceChildren(option('', allText), ...values.map((value) => option(value, value)));
  select.value = selected && values.includes(selected) ? selected : '';
}

export class Toolbar {
  readonly root: HTMLElement;
  private readonly search = element('input', { type: 'search', placeholder: 'Search entity…', className: 'cw-search' });
  private readonly entityList = element('datalist', { id: 'cw-entities' });
  private readonly kind = element('select', { title: 'Filter by kind' });
  private readonly system = element('select', { title: 'Filter by system' });
  private readonly owner = element('select', { title: 'Filter by owner' });
  private readonly depth = element('select', { title: 'Focus depth' }, option('1', 'Depth 1'), option('2', 'Depth 2'), option('3', 'Depth 3'));
  private readonly direction = element(
    'select',
    { title: 'Focus direction' },
    option('both', 'Up & down'),
    option('up', 'Upstream (dependents)'),
    option('down', 'Downstream (dependencies)'),
  );
  private readonly layout = element('select', { title: 'Layout engine' }, option('dagre', 'Layout: dagre'), option('elk', 'Layout: ELK'));
  private request: ViewRequest = {};
  private readonly row: HTMLElement;
  private readonly moreButton: HTMLButtonElement;
  private readonly morePanel: HTMLElement;
  /** The row's groups in display order, each with the rank at which it moves to the menu (1 first; 0 never). */
  private readonly groups: Array<{ element: HTMLElement; overflowRank: number }>;
  private searchValues = new Map<string, string>();

  constructor(private readonly actions: ToolbarActions) {
    this.search.setAttribute('list', this.entityList.id);
    this.search.setAttribute('aria-label', 'Search entity');
    const button = (text: string, title: string, onClick: () => void, className = '') => {
      const node = element('button', { type: 'button', textContent: text, title, className });
      node.setAttribute('aria-label', title);
      node.addEventListener('click', onClick);
      return node;
    };
    const group = (...children: Node[]) => element('div', { className: 'cw-group' }, ...children);
    this.groups = [
      { element: group(this.search, this.entityList), overflowRank: 0 },
      { element: group(this.kind, this.system, this.owner), overflowRank: 4 },
      { element: group(this.depth, this.direction, button('All', 'Show the whole graph', () => actions.wholeGraph())), overflowRank: 3 },
      { element: group(this.layout), overflowRank: 2 },
      {
        element: group(
          button('Fit', 'Fit to window', () => actions.fit()),
          button('+', 'Zoom in', () => actions.zoomIn(), 'cw-icon'),
          button('−', 'Zoom out', () => actions.zoomOut(), 'cw-icon'),
        ),
        overflowRank: 0,
      },
      { element: group(button('SVG', 'Export as SVG…', () => actions.exportImage('svg')), button('PNG', 'Export as PNG…', () => actions.exportImage('png'))), overflowRank: 1 },
    ];
    this.row = element('div', { className: 'cw-toolbar-row' }, ...this.groups.map((g) => g.element));
    this.moreButton = button('⋯', 'More tools', () => this.setMoreOpen(this.morePanel.hidden), 'cw-icon cw-more');
    this.moreButton.setAttribute('aria-haspopup', 'true');
    this.moreButton.setAttribute('aria-expanded', 'false');
    this.moreButton.hidden = true;
    this.morePanel = element('div', { className: 'cw-more-panel', hidden: true });
    this.morePanel.setAttribute('role', 'group');
    this.morePanel.setAttribute('aria-label', 'More tools');
    this.root = element('div', { className: 'cw-toolbar', role: 'toolbar' }, this.row, this.moreButton, this.morePanel);
    new ResizeObserver(() => this.arrange()).observe(this.root);
    document.addEventListener('pointerdown', (event) => {
      if (!this.morePanel.hidden && event.target instanceof Node && !this.morePanel.contains(event.target) && !this.moreButton.contains(event.target)) this.setMoreOpen(false);
    });
    this.root.addEventListener('keydown', (event) => {
      if (event.key === 'Escape' && !this.morePanel.hidden) {
        this.setMoreOpen(false);
        this.moreButton.focus();
      }
    });
    this.search.addEventListener('change', () => this.onSearch());
    this.search.addEventListener('keydown', (event) => {
      if (event.key === 'Enter') this.onSearch();
    });
    for (const select of [this.kind, this.system, this.owner, this.depth, this.direction, this.layout]) {
      select.addEventListener('change', () => this.actions.requestChanged(this.readRequest(), this.layout.value as DiagramLayout));
    }
  }

  /**
   * Puts every group in the row; if the row is too wide for the toolbar, moves groups into the
   * "more" menu, least important first, until it fits.
   */
  arrange(): void {
    const open = !this.morePanel.hidden;
    this.row.replaceChildren(...this.groups.map((g) => g.element));
    this.moreButton.hidden = true;
    const fits = () => this.root.scrollWidth <= this.root.clientWidth + 0.5 && this.row.scrollWidth <= this.row.clientWidth + 0.5;
    if (fits()) {
      this.morePanel.replaceChildren();
      this.setMoreOpen(false);
      return;
    }
    this.moreButton.hidden = false;
    const moved = new Set<HTMLElement>();
    const ranks = [...new Set(this.groups.map((g) => g.overflowRank).filter((rank) => rank > 0))].sort((a, b) => a - b);
    for (const rank of ranks) {
      for (const g of this.groups) if (g.overflowRank === rank) moved.add(g.element);
      this.row.replaceChildren(...this.groups.filter((g) => !moved.has(g.element)).map((g) => g.element));
      if (fits()) break;
    }
    this.morePanel.replaceChildren(...this.groups.filter((g) => moved.has(g.element)).map((g) => g.element));
    if (open) this.setMoreOpen(true);
  }

  private setMoreOpen(open: boolean): void {
    const changed = this.morePanel.hidden === open;
    this.morePanel.hidden = !open || this.morePanel.childElementCount === 0;
    this.moreButton.setAttribute('aria-expanded', String(!this.morePanel.hidden));
    this.moreButton.classList.toggle('cw-pressed', !this.morePanel.hidden);
    if (changed) this.actions.moreToggled?.(!this.morePanel.hidden);
  }

  /** Shows the request and facets of a newly rendered view. */
  update(request: ViewRequest, layout: DiagramLayout, facets: DiagramFacets): void {
    this.request = request;
    fillSelect(this.kind, 'All kinds', facets.kinds, request.filter?.kinds?.[0]);
    fillSelect(this.system, 'All systems', facets.systems, request.filter?.systems?.[0]);
    fillSelect(this.owner, 'All owners', facets.owners, request.filter?.owners?.[0]);
    this.depth.value = String(request.depth ?? 1);
    this.direction.value = request.direction ?? 'both';
    this.layout.value = layout;
    const focused = request.focus !== undefined;
    this.depth.disabled = !focused;
    this.direction.disabled = !focused;
    this.searchValues = new Map();
    const options: HTMLOptionElement[] = [];
    for (const entity of facets.entities) {
      const value = `${entity.label} (${entity.kind})`;
      if (this.searchValues.has(value)) continue;
      this.searchValues.set(value, entity.id);
      options.push(option(value, ''));
    }
    this.entityList.replaceChildren(...options);
    // New choices change the selects' widths; the row may no longer fit (or fit again).
    this.arrange();
  }

  get focusDepth(): number {
    return Number(this.depth.value) || 1;
  }

  get focusDirection(): FocusDirection {
    return this.direction.value as FocusDirection;
  }

  private readRequest(): ViewRequest {
    const filter: NonNullable<ViewRequest['filter']> = {};
    if (this.kind.value) filter.kinds = [this.kind.value];
    if (this.system.value) filter.systems = [this.system.value];
    if (this.owner.value) filter.owners = [this.owner.value];
    const next: ViewRequest = { ...this.request };
    delete next.filter;
    if (Object.keys(filter).length > 0) next.filter = filter;
    if (next.focus !== undefined) {
      next.depth = this.focusDepth;
      next.direction = this.focusDirection;
    }
    return next;
  }

  private onSearch(): void {
    const text = this.search.value.trim();
    if (!text) return;
    const lower = text.toLowerCase();
    let id = this.searchValues.get(text);
    if (!id) {
      for (const [value, candidate] of this.searchValues) {
        if (value.toLowerCase().startsWith(lower)) {
          id = candidate;
          break;
        }
      }
    }
    if (id) {
      this.search.value = '';
      this.actions.search(id);
    }
  }
}
