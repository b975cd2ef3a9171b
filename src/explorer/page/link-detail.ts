// On a big canvas, links drawn at half their size or less are drawn plain: solid, without
// arrowheads.
//
// Zoomed out on a big canvas, the redraw once the view stops is what keeps a frame long, and in
// software rendering most of it is the dashes and the arrowheads: at 500 entities and 2,000
// links (bench:explorer's canvas, two thirds of its links dashed) one redraw cost about 150 ms of
// CPU, 85 ms with every link solid and 55 ms solid without arrowheads. At that size a dash or an
// arrowhead is 2–3 pixels and cannot be read anyway; zooming in brings both back. A small canvas
// costs little to draw and keeps them at any zoom.
//
// A class on the links would restyle all of them at each crossing of the threshold (250 ms for
// 2,000 links), so the choice is made where cytoscape draws a link instead: by the scale of the
// canvas it draws into, in CSS pixels (the view's zoom on screen; the level of its cached layers
// or the PNG's scale elsewhere, so each of those is drawn consistently).
import type { Core, EdgeSingular } from 'cytoscape';

/** At or below this scale (CSS pixels per model unit), links are drawn plain… */
export const PLAIN_LINKS_AT = 0.5;
/** …on a canvas of more than this many links. */
export const PLAIN_LINKS_ABOVE = 300;

/** The two drawing steps of cytoscape's canvas renderer that plain links change. */
interface EdgePainter {
  drawEdgePath(edge: EdgeSingular, context: CanvasRenderingContext2D, points: number[], lineStyle: string): void;
  drawArrowheads(context: CanvasRenderingContext2D, edge: EdgeSingular, opacity: number): void;
}

/** Whether links drawn into this context are drawn small enough to be drawn plain. */
function small(context: CanvasRenderingContext2D): boolean {
  const m = context.getTransform();
  // A canvas has devicePixelRatio pixels per CSS pixel: a dash 2 CSS pixels long is as hard to
  // read on a fine screen, and four times the pixels to draw.
  return Math.hypot(m.a, m.b) / (window.devicePixelRatio || 1) <= PLAIN_LINKS_AT;
}

/**
 * Draws links plain when small on a big canvas, on `cy`'s canvas renderer. Where the renderer has
 * not the steps expected (another renderer, or a cytoscape that renamed them), it changes nothing
 * and links are drawn in full, as before (tests/explorer/link-detail checks they are there).
 */
export function plainSmallLinks(cy: Core): void {
  const renderer = (cy as unknown as { renderer(): Partial<EdgePainter> | undefined }).renderer();
  const { drawEdgePath, drawArrowheads } = renderer ?? {};
  if (!renderer || typeof drawEdgePath !== 'function' || typeof drawArrowheads !== 'function') return;
  // Counted as they come and go: cy.edges() would build a collection at each link drawn.
  let links = cy.edges().length;
  cy.on('add', 'edge', () => links++);
  cy.on('remove', 'edge', () => links--);
  const plain = (context: CanvasRenderingContext2D) => links > PLAIN_LINKS_ABOVE && small(context);
  const painter = renderer as EdgePainter;
  painter.drawEdgePath = function (edge, context, points, lineStyle) {
    drawEdgePath.call(this, edge, context, points, lineStyle !== 'solid' && plain(context) ? 'solid' : lineStyle);
  };
  painter.drawArrowheads = function (context, edge, opacity) {
    if (!plain(context)) drawArrowheads.call(this, context, edge, opacity);
  };
}
