// The list beside a "what reaches" view: the caches in front of its target, worst first, each
// with the rule code and message of its findings. A click on an entry opens its config at its
// first finding, a click on a finding opens that one; the entry's Doc and Runbook buttons open
// those. Everything is built with DOM calls and textContent (findings quote config text), and the
// webview names entries only by entity ref and finding index: the extension resolves them.
import { isSideList, type SideListEntry } from '../../src/core/graph/inFrontProtocol';

export interface SideListActions {
  /** Open the cache's config at one of its findings. */
  openFinding(ref: string, index: number): void;
  /** Open the cache's config where the cache is declared (an entry without findings). */
  openConfig(ref: string): void;
  openDoc(ref: string): void;
  openRunbook(ref: string): void;
}

function element<K extends keyof HTMLElementTagNameMap>(tag: K, className = '', text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

export function countsText(errors: number, warnings: number): string {
  const parts: string[] = [];
  if (errors) parts.push(plural(errors, 'error', 'errors'));
  if (warnings) parts.push(plural(warnings, 'warning', 'warnings'));
  return parts.join(', ');
}

export class SideListPanel {
  readonly root: HTMLElement;
  /** What the list was built from, so a redraw with the same list keeps it (and the focus in it). */
  private shown = '';
  private readonly entries = new Map<string, HTMLButtonElement>();

  constructor(private readonly actions: SideListActions) {
    this.root = element('aside', 'cw-sidelist');
    this.root.hidden = true;
    this.root.addEventListener('keydown', (event) => this.onKey(event));
  }

  /** The list to show (checked here: anything malformed hides it). */
  update(value: unknown): void {
    const list = isSideList(value) ? value : undefined;
    const key = list ? JSON.stringify(list) : '';
    if (key === this.shown && (list !== undefined) === !this.root.hidden) return;
    this.shown = key;
    this.entries.clear();
    document.body.classList.toggle('cw-with-sidelist', list !== undefined);
    if (!list) {
      this.root.hidden = true;
      this.root.replaceChildren();
      return;
    }
    this.root.setAttribute('aria-label', `Caches in front of ${list.targetLabel}`);
    const heading = element('h2', 'cw-sidelist-title', `Caches in front of ${list.targetLabel}`);
    const withProblems = list.entries.filter((entry) => entry.errors + entry.warnings > 0).length;
    const summary = element(
      'p',
      'cw-sidelist-summary',
      list.entries.length === 0
        ? 'No cache is on a path into it: every read reaches it.'
        : `${plural(list.entries.length, 'cache', 'caches')}, ${withProblems === 0 ? 'none' : withProblems} with problems. Click one to open its config at the finding.`,
    );
    const items = element('ol', 'cw-sidelist-entries');
    for (const entry of list.entries) items.append(this.entryItem(entry));
    this.root.replaceChildren(heading, summary, items);
    this.root.hidden = false;
  }

  /** The element a test hook clicks for an entry (`sidelist:<ref>`), if it is listed. */
  elementFor(id: string): HTMLElement | undefined {
    return id.startsWith('sidelist:') ? this.entries.get(id.slice('sidelist:'.length)) : undefined;
  }

  private entryItem(entry: SideListEntry): HTMLLIElement {
    const severity = entry.errors > 0 ? 'error' : entry.warnings > 0 ? 'warning' : 'clean';
    const item = element('li', `cw-entry cw-entry-${severity}`);
    item.dataset.ref = entry.ref;

    const main = element('button', 'cw-entry-main');
    main.type = 'button';
    main.dataset.ref = entry.ref;
    const name = element('span', 'cw-entry-name', entry.label);
    const counts = element('span', 'cw-entry-counts', [entry.errors ? `✖ ${entry.errors}` : '', entry.warnings ? `⚠ ${entry.warnings}` : ''].filter(Boolean).join(' ') || '✓');
    const first = entry.findings[0];
    const where = first ? `${first.path}:${first.line}` : entry.config;
    main.title = first ? `Open ${where} at ${first.code}` : entry.config ? `Open ${entry.config}` : `Open the config of ${entry.ref}`;
    main.setAttribute(
      'aria-label',
      `${entry.label}: ${countsText(entry.errors, entry.warnings) || 'no problems'}. ${first ? `Open its config at ${first.code}` : 'Open its config'}`,
    );
    main.append(name, counts);
    main.addEventListener('click', () => (first ? this.actions.openFinding(entry.ref, 0) : this.actions.openConfig(entry.ref)));
    this.entries.set(entry.ref, main);

    const kind = element('div', 'cw-entry-ref', entry.ref);
    item.append(main, kind);

    if (entry.findings.length) {
      const findings = element('ul', 'cw-findings');
      entry.findings.forEach((finding, index) => {
        const row = element('li');
        const button = element('button', `cw-finding cw-finding-${finding.severity}`);
        button.type = 'button';
        button.title = `${finding.code} ${finding.message}\n${finding.path}:${finding.line}`;
        button.append(element('span', 'cw-finding-code', finding.code), ' ', element('span', 'cw-finding-message', finding.message));
        button.addEventListener('click', () => this.actions.openFinding(entry.ref, index));
        row.append(button);
        findings.append(row);
      });
      item.append(findings);
    }

    const links = element('div', 'cw-entry-links');
    const link = (text: string, title: string | undefined, run: () => void) => {
      const button = element('button', 'cw-entry-link', text);
      button.type = 'button';
      if (title) button.title = title;
      else {
        button.disabled = true;
        button.title = `${entry.label} has no ${text.toLowerCase()}`;
      }
      button.addEventListener('click', run);
      return button;
    };
    links.append(
      link('Doc', entry.doc, () => this.actions.openDoc(entry.ref)),
      link('Runbook', entry.runbook, () => this.actions.openRunbook(entry.ref)),
      link('Config', entry.config, () => this.actions.openConfig(entry.ref)),
    );
    item.append(links);
    return item;
  }

  /** Up/down move between the list's buttons. */
  private onKey(event: KeyboardEvent): void {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    const buttons = [...this.root.querySelectorAll<HTMLButtonElement>('button:not([disabled])')];
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
    if (at < 0) return;
    event.preventDefault();
    buttons[event.key === 'ArrowDown' ? Math.min(at + 1, buttons.length - 1) : Math.max(at - 1, 0)]?.focus();
  }
}
