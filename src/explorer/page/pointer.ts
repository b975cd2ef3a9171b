// What the pointer costs on a big canvas, before and while the view moves.
//
// 1. The hit test. cytoscape finds what is under the pointer on every mouse move, press and
//    release by testing every element on the canvas, and for each link its line, its four arrow
//    places (several style look-ups each) and its three labels: at 500 entities and 2,000 links
//    (bench:explorer's canvas) 10–20 ms of CPU each time, six times in one drag. Here cytoscape
//    still decides, with its own test, but only among the elements whose bounding box (line,
//    arrowheads and labels, which cytoscape keeps cached), or for a curved link the hull of its
//    control points, is within reach of the pointer: the same answer (tests/explorer/pointer
//    checks it at thousands of points), in 2–3 ms.
//
// 2. The press on a link. cytoscape marks the element under a press "active" (a grey overlay)
//    and clears it when the drag starts. Each is a style change, and any style change throws
//    away cytoscape's cached picture of the whole canvas at that zoom (its layered texture cache,
//    one layer for all 2,000 links), so the redraw once the pan stops drew every link again
//    (40–60 ms of CPU) instead of copying that picture. On a dense canvas a drag mostly starts
//    on a link, to move the view, not to pick the link; a click still selects it. So links are
//    not marked active; entities are, as before (a press on one drags it).
import type { Core, EdgeSingular, NodeSingular } from 'cytoscape';

type Element = NodeSingular | EdgeSingular;

/** The parts of cytoscape's canvas renderer the hit test uses. */
interface HitRenderer {
  findNearestElements(x: number, y: number, interactiveElementsOnly: boolean, isTouch: boolean): Element[];
  getCachedZSortedEles(): Element[] & { interactive: Element[] };
}

/** cytoscape's reach around a link (model units at zoom 1) for a mouse and for a touch. */
const EDGE_REACH = { mouse: 8, touch: 24 };
/** …and around a label. */
const LABEL_REACH = { mouse: 2, touch: 8 };

/**
 * Whether (x, y) is where cytoscape's test of a curved link (a loop, or one of several between
 * two entities) may find it: near the hull of its control points, which reaches past the curve
 * and so past its bounding box (cytoscape tests there, within the link's width and reach).
 */
function nearCurve(edge: EdgeSingular, x: number, y: number, edgeReach: number): boolean {
  const rs = (edge as unknown as { _private: { rscratch: { edgeType?: string; allpts?: number[] } } })._private.rscratch;
  if (rs.edgeType === 'straight' || rs.edgeType === 'segments' || rs.edgeType === 'haystack' || !rs.allpts) return false;
  let x1 = Infinity;
  let y1 = Infinity;
  let x2 = -Infinity;
  let y2 = -Infinity;
  for (let i = 0; i + 1 < rs.allpts.length; i += 2) {
    x1 = Math.min(x1, rs.allpts[i]!);
    x2 = Math.max(x2, rs.allpts[i]!);
    y1 = Math.min(y1, rs.allpts[i + 1]!);
    y2 = Math.max(y2, rs.allpts[i + 1]!);
  }
  const tolerance = (edge as unknown as { pstyle(name: string): { pfValue: number } }).pstyle('width').pfValue + 2 * edgeReach + 1;
  return x >= x1 - tolerance && x <= x2 + tolerance && y >= y1 - tolerance && y <= y2 + tolerance;
}

/**
 * Makes cytoscape's hit test on `cy` consider only the links within reach of the pointer. Where
 * the renderer has not the steps expected (another renderer, or a cytoscape that renamed them),
 * it changes nothing.
 */
export function quickHitTest(cy: Core): void {
  const renderer = (cy as unknown as { renderer(): Partial<HitRenderer> | undefined }).renderer();
  const { findNearestElements, getCachedZSortedEles } = renderer ?? {};
  if (!renderer || typeof findNearestElements !== 'function' || typeof getCachedZSortedEles !== 'function') return;
  const r = renderer as HitRenderer;
  r.findNearestElements = function (x, y, interactiveElementsOnly, isTouch) {
    const all = getCachedZSortedEles.call(this);
    const source = interactiveElementsOnly ? all.interactive : all;
    const zoom = cy.zoom();
    // At least what cytoscape's own test reaches for around a line, an arrowhead or a label.
    const edgeReach = (isTouch ? EDGE_REACH.touch : EDGE_REACH.mouse) / zoom;
    const reach = Math.max(edgeReach, (isTouch ? LABEL_REACH.touch : LABEL_REACH.mouse) / zoom) + 1;
    const near = [] as unknown as Element[] & { interactive: Element[] };
    for (const ele of source) {
      // Entities: cytoscape tests their box first anyway, and there are fewer of them.
      if (ele.isNode()) near.push(ele);
      else {
        const bb = ele.boundingBox();
        if (x >= bb.x1 - reach && x <= bb.x2 + reach && y >= bb.y1 - reach && y <= bb.y2 + reach) near.push(ele);
        else if (nearCurve(ele, x, y, edgeReach)) near.push(ele);
      }
    }
    near.interactive = near;
    // In the same order as cytoscape's list, so that what is drawn on top still wins.
    this.getCachedZSortedEles = () => near;
    try {
      return findNearestElements.call(this, x, y, interactiveElementsOnly, isTouch);
    } finally {
      this.getCachedZSortedEles = getCachedZSortedEles;
    }
  };
}

/** The renderer of a canvas whose links are not marked active when pressed. */
interface QuietRenderer {
  quietLinkPress?: boolean;
}

/**
 * Links on `cy` are not marked active when pressed (no style change, so no cached picture is
 * thrown away when a drag starts on one). cytoscape's `activate` is shared by every collection,
 * so it is wrapped once and asks the element's renderer (a flag there, which bench:explorer
 * removes for plain cytoscape settings).
 */
export function quietLinkPress(cy: Core): void {
  const renderer = (cy as unknown as { renderer(): QuietRenderer | undefined }).renderer();
  if (!renderer) return;
  renderer.quietLinkPress = true;
  const proto = Object.getPrototypeOf(cy.collection()) as { activate?: (...args: unknown[]) => unknown; __quietLinks?: boolean };
  if (proto.__quietLinks || typeof proto.activate !== 'function') return;
  const activate = proto.activate;
  proto.activate = function (this: { length: number; 0?: Element }, ...args: unknown[]) {
    const one = this.length === 1 ? this[0] : undefined;
    if (one?.isEdge() && (one.cy() as unknown as { renderer(): QuietRenderer | undefined }).renderer()?.quietLinkPress) return this;
    return activate.apply(this, args);
  };
  proto.__quietLinks = true;
}
