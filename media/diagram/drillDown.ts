// The overview's navigation (systemOverview.ts): a bar under the toolbar with the breadcrumb of the
// view (overview › domain › system, the last one saying what is shown), a back button, and, for a
// system too large to draw, the views it offers instead (its most connected entities'
// neighbourhoods, the search). A click on an overview node opens the node's view instead of its
// doc. Every request the bar sends is one the extension built and the webview checked; it goes out
// like a toolbar change, so the panel keeps it across hide/show and reloads.
import type { GraphView, ViewRequest } from '../../src/core/graph/graphModel';
import { isViewRequest } from '../../src/core/graph/webviewProtocol';

export interface DrillActions {
  /** Show another view (a crumb, the back button, a suggestion, a click on an overview node). */
  go(request: ViewRequest): void;
  /** Put the cursor in the toolbar's entity search. */
  search(): void;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 && value.length <= 1000 ? value : undefined;
}

/** The view a click on this node opens (an overview node's system or domain), if it has one. */
export function drillRequestOf(view: GraphView | undefined, entityId: string): ViewRequest | undefined {
  const node = view?.nodes.find((candidate) => candidate.id === entityId);
  return node?.drill !== undefined && isViewRequest(node.drill) ? node.drill : undefined;
}

/** Focuses the toolbar's search box (the search a too-large system offers). */
export function focusSearch(): void {
  const input = document.querySelector<HTMLInputElement>('.cw-toolbar .cw-search');
  input?.focus();
  input?.select();
}

export class DrillNav {
  readonly root: HTMLElement;
  private readonly back: HTMLButtonElement;
  private readonly trail: HTMLOListElement;
  private readonly offers: HTMLElement;
  private backTo: ViewRequest | undefined;

  constructor(private readonly actions: DrillActions) {
    this.root = document.createElement('nav');
    this.root.className = 'cw-drill';
    this.root.setAttribute('aria-label', 'Diagram level');
    this.root.hidden = true;
    this.back = Object.assign(document.createElement('button'), { type: 'button', className: 'cw-drill-back', textContent: '← Back' });
    this.back.addEventListener('click', () => {
      if (this.backTo) this.actions.go(this.backTo);
    });
    this.trail = Object.assign(document.createElement('ol'), { className: 'cw-crumbs' });
    this.offers = Object.assign(document.createElement('div'), { className: 'cw-drill-offers', hidden: true });
    this.offers.setAttribute('role', 'group');
    this.offers.setAttribute('aria-label', 'Open instead');
    this.root.append(this.back, this.trail, this.offers);
  }

  /** Shows a newly rendered view's breadcrumb and suggestions (hidden for views without them). */
  update(view: GraphView): void {
    const crumbs = (Array.isArray(view.breadcrumb) ? view.breadcrumb : [])
      .map((crumb) => ({ label: text(crumb?.label), request: crumb?.request !== undefined && isViewRequest(crumb.request) ? crumb.request : undefined }))
      .filter((crumb): crumb is { label: string; request: ViewRequest | undefined } => crumb.label !== undefined);
    const items: HTMLLIElement[] = crumbs.map((crumb, index) => {
      const item = document.createElement('li');
      const last = index === crumbs.length - 1;
      if (!last && crumb.request) {
        const link = Object.assign(document.createElement('button'), { type: 'button', className: 'cw-crumb', textContent: crumb.label });
        const request = crumb.request;
        link.addEventListener('click', () => this.actions.go(request));
        item.append(link);
      } else {
        const here = Object.assign(document.createElement('span'), { className: 'cw-crumb-here', textContent: crumb.label });
        if (last) here.setAttribute('aria-current', 'page');
        item.append(here);
      }
      return item;
    });
    this.trail.replaceChildren(...items);
    const parent = [...crumbs.slice(0, -1)].reverse().find((crumb) => crumb.request);
    this.backTo = parent?.request;
    this.back.hidden = !parent;
    if (parent) this.back.title = `Back to ${parent.label}`;
    this.back.setAttribute('aria-label', parent ? `Back to ${parent.label}` : 'Back');

    const offers: HTMLButtonElement[] = [];
    for (const suggestion of Array.isArray(view.suggestions) ? view.suggestions : []) {
      const label = text(suggestion?.label);
      if (!label) continue;
      const button = Object.assign(document.createElement('button'), { type: 'button', className: 'cw-offer', textContent: label });
      if ('search' in suggestion && suggestion.search === true) {
        button.addEventListener('click', () => this.actions.search());
      } else if ('request' in suggestion && isViewRequest(suggestion.request)) {
        const request = suggestion.request;
        button.title = request.focus ? `Show the neighbourhood of ${label}` : label;
        button.addEventListener('click', () => this.actions.go(request));
      } else continue;
      offers.push(button);
    }
    this.offers.replaceChildren(...offers);
    this.offers.hidden = offers.length === 0;
    this.root.hidden = crumbs.length === 0 && offers.length === 0;
  }
}
