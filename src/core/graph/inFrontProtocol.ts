// What the diagram webview gets for on-call besides the view itself — the caches in front of a
// "what reaches" target (the list beside the diagram) and each node's details (its tooltip) — and
// the messages that list sends back. Display text only: paths are shown, never sent back. Entries
// are named by entity ref and finding index, and the extension resolves them against what it
// sent, so a file never comes from the webview. Both directions are checked on arrival.

/** A node's tooltip: owner, doc, runbook and problems (counts and the first few messages). */
export interface NodeDetails {
  owner?: string;
  /** The doc's and the runbook's paths, relative to the workspace folder. */
  doc?: string;
  runbook?: string;
  errors: number;
  warnings: number;
  /** The first few problems, errors first. */
  problems: Array<{ code: string; severity: 'error' | 'warning'; message: string }>;
}

/** How many problems a tooltip lists (the counts say how many there are in all). */
export const TOOLTIP_PROBLEMS = 3;

export interface SideListFinding {
  code: string;
  severity: 'error' | 'warning';
  message: string;
  /** Where it is, for display: the config's path and the 1-based line. */
  path: string;
  line: number;
}

/** A cache in front of the target, as the side list shows it. */
export interface SideListEntry {
  ref: string;
  label: string;
  kind: string;
  errors: number;
  warnings: number;
  findings: SideListFinding[];
  /** Display paths of its doc, runbook and (first) cache config, when it has them. */
  doc?: string;
  runbook?: string;
  config?: string;
}

/** The caches in front of a "what reaches" target, worst first. */
export interface SideList {
  targetRef: string;
  targetLabel: string;
  entries: SideListEntry[];
}

/** Webview → extension: the side list's clicks. (Its doc link sends the diagram's own `open`.) */
export type SideListMessage =
  | { type: 'openFinding'; entityId: string; index: number }
  | { type: 'openRunbook'; entityId: string };

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isText(value: unknown, max = 16384): value is string {
  return typeof value === 'string' && value.length <= max;
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

function isSeverity(value: unknown): value is 'error' | 'warning' {
  return value === 'error' || value === 'warning';
}

function optionalText(value: unknown): boolean {
  return value === undefined || isText(value);
}

function isSideListFinding(value: unknown): value is SideListFinding {
  return isObject(value) && isText(value.code, 200) && isSeverity(value.severity) && isText(value.message) && isText(value.path) && isCount(value.line);
}

function isSideListEntry(value: unknown): value is SideListEntry {
  return (
    isObject(value) && isText(value.ref) && value.ref.length > 0 && isText(value.label) && isText(value.kind, 64) && isCount(value.errors) && isCount(value.warnings) &&
    Array.isArray(value.findings) && value.findings.length <= 10_000 && value.findings.every(isSideListFinding) &&
    optionalText(value.doc) && optionalText(value.runbook) && optionalText(value.config)
  );
}

/** Checks a side list from the extension (the webview trusts nothing it did not check). */
export function isSideList(value: unknown): value is SideList {
  return isObject(value) && isText(value.targetRef) && isText(value.targetLabel) && Array.isArray(value.entries) && value.entries.length <= 10_000 && value.entries.every(isSideListEntry);
}

function isNodeDetails(value: unknown): value is NodeDetails {
  return (
    isObject(value) && optionalText(value.owner) && optionalText(value.doc) && optionalText(value.runbook) && isCount(value.errors) && isCount(value.warnings) &&
    Array.isArray(value.problems) && value.problems.length <= 100 &&
    value.problems.every((p) => isObject(p) && isText(p.code, 200) && isSeverity(p.severity) && isText(p.message))
  );
}

/** Node details by node id; entries that do not check out are dropped. */
export function nodeDetailsOf(value: unknown): Map<string, NodeDetails> {
  const out = new Map<string, NodeDetails>();
  if (!isObject(value)) return out;
  for (const [id, details] of Object.entries(value)) if (isNodeDetails(details)) out.set(id, details);
  return out;
}

/** Checks a side list message from the webview; undefined when it is not one (or is malformed). */
export function parseSideListMessage(m: Json): { message: SideListMessage } | { rejected: string } | undefined {
  if (m.type === 'openFinding') {
    if (!isText(m.entityId) || m.entityId.length === 0) return { rejected: 'openFinding: missing entityId' };
    if (!isCount(m.index)) return { rejected: 'openFinding: index must be a count' };
    return { message: { type: 'openFinding', entityId: m.entityId, index: m.index } };
  }
  if (m.type === 'openRunbook') {
    if (!isText(m.entityId) || m.entityId.length === 0) return { rejected: 'openRunbook: missing entityId' };
    return { message: { type: 'openRunbook', entityId: m.entityId } };
  }
  return undefined;
}
