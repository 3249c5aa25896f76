// Keeps edge labels clear of nodes (and of each other). Mermaid paints nodes after edge labels,
// and its layouts sometimes put a label where a node is (dagre inside a subgraph, an edge that
// passes a node on its way) or two labels on the same spot: the label is then hidden. After the
// layout, each label that touches a node, a system title or an earlier label slides along its own
// edge to the first spot that is clear; if none is, to the spot that overlaps least.

interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** Room kept between a label and what it must not cover, in SVG pixels. */
const GAP = 3;
/** Where along its edge a label may sit (fractions of the edge's length), nearest the middle first. */
const STOPS = [0.5, 0.42, 0.58, 0.34, 0.66, 0.27, 0.73, 0.2, 0.8, 0.14, 0.86];

/** A box in the SVG's user space: the element's bounding box through its transform to the SVG. */
function boxOf(element: SVGGraphicsElement): Box | undefined {
  const matrix = element.getCTM();
  let local: DOMRect;
  try {
    local = element.getBBox();
  } catch {
    return undefined;
  }
  if (!matrix || (local.width === 0 && local.height === 0)) return undefined;
  const corners = [
    new DOMPoint(local.x, local.y),
    new DOMPoint(local.x + local.width, local.y),
    new DOMPoint(local.x, local.y + local.height),
    new DOMPoint(local.x + local.width, local.y + local.height),
  ].map((point) => point.matrixTransform(matrix));
  return {
    left: Math.min(...corners.map((p) => p.x)),
    top: Math.min(...corners.map((p) => p.y)),
    right: Math.max(...corners.map((p) => p.x)),
    bottom: Math.max(...corners.map((p) => p.y)),
  };
}

function overlapArea(a: Box, b: Box, gap = 0): number {
  const width = Math.min(a.right + gap, b.right + gap) - Math.max(a.left - gap, b.left - gap);
  const height = Math.min(a.bottom + gap, b.bottom + gap) - Math.max(a.top - gap, b.top - gap);
  return width > 0 && height > 0 ? width * height : 0;
}

function shifted(box: Box, dx: number, dy: number): Box {
  return { left: box.left + dx, top: box.top + dy, right: box.right + dx, bottom: box.bottom + dy };
}

function translateOf(element: SVGGraphicsElement): { x: number; y: number } {
  const list = element.transform.baseVal;
  const matrix = list.numberOfItems > 0 ? list.consolidate()?.matrix : undefined;
  return { x: matrix?.e ?? 0, y: matrix?.f ?? 0 };
}

/** Moves overlapping edge labels along their edges; returns how many were moved. */
export function keepEdgeLabelsClear(svg: SVGSVGElement, svgId: string): number {
  const obstacles: Box[] = [];
  for (const element of svg.querySelectorAll<SVGGraphicsElement>('g.node, g.cluster-label')) {
    const box = boxOf(element);
    if (box) obstacles.push(box);
  }
  const placed: Box[] = [];
  let moved = 0;
  for (const outer of svg.querySelectorAll<SVGGraphicsElement>('g.edgeLabel')) {
    const inner = outer.querySelector<SVGGraphicsElement>(':scope > g.label[data-id]');
    if (!inner || !(outer.textContent ?? '').trim()) continue;
    const box = boxOf(inner);
    if (!box) continue;
    const cost = (candidate: Box) =>
      obstacles.reduce((sum, obstacle) => sum + overlapArea(candidate, obstacle, GAP), 0) + placed.reduce((sum, other) => sum + overlapArea(candidate, other, GAP), 0);
    if (cost(box) === 0) {
      placed.push(box);
      continue;
    }
    const dataId = inner.getAttribute('data-id')!;
    const path = svg.querySelector<SVGPathElement>(`path[id="${CSS.escape(`${svgId}-${dataId}`)}"]`) ?? svg.querySelector<SVGPathElement>(`path[data-id="${CSS.escape(dataId)}"]`);
    const pathMatrix = path?.getCTM();
    const outerParent = outer.parentElement instanceof SVGGraphicsElement ? outer.parentElement : undefined;
    const parentMatrix = outerParent?.getCTM();
    if (!path || !pathMatrix || !parentMatrix) {
      placed.push(box);
      continue;
    }
    const length = path.getTotalLength();
    const centre = { x: (box.left + box.right) / 2, y: (box.top + box.bottom) / 2 };
    let best = { box, cost: cost(box), at: centre };
    for (const stop of STOPS) {
      const at = path.getPointAtLength(length * stop).matrixTransform(pathMatrix);
      const candidate = shifted(box, at.x - centre.x, at.y - centre.y);
      const candidateCost = cost(candidate);
      if (candidateCost < best.cost) best = { box: candidate, cost: candidateCost, at: { x: at.x, y: at.y } };
      if (candidateCost === 0) break;
    }
    if (best.box !== box) {
      // The move in SVG space, expressed in the label group's parent coordinates.
      const inverse = parentMatrix.inverse();
      const from = new DOMPoint(centre.x, centre.y).matrixTransform(inverse);
      const to = new DOMPoint(best.at.x, best.at.y).matrixTransform(inverse);
      const { x, y } = translateOf(outer);
      outer.setAttribute('transform', `translate(${x + to.x - from.x}, ${y + to.y - from.y})`);
      outer.classList.add('cw-label-moved');
      moved++;
    }
    placed.push(best.box);
  }
  return moved;
}
