// Label declutter: at any zoom, labels are drawn at a readable size on screen, in order of
// priority (selected, on the highlighted path, folds, expanded, then by links on the canvas
// and mentions), and a label that would overlap one already placed is left out.
//
// The labels are drawn on a canvas of their own over cytoscape's (LabelLayer), not as
// cytoscape labels: a label's size has to change with the zoom, and any style change on a
// node makes cytoscape recompute every link of that node, which for two hubs is most of 2,000
// links (200–600 ms frames after each zoom). Here the zoom costs nothing: while the view
// moves, the layer follows it as a CSS transform, and once it stops the labels are chosen and
// drawn again (a few milliseconds), cytoscape's elements untouched.
import type { Core, NodeSingular } from 'cytoscape';

/** The font size on screen, in pixels. */
export const FONT_PX = 11;
/** cytoscape's default font, so the labels read as before. */
const FONT_FAMILY = '"Helvetica Neue", Helvetica, sans-serif';
/** At most this many labels at once: beyond it a canvas is read by zooming in. */
const MAX_LABELS = 150;
const CELL = 64;
/** The labels are chosen again this long after the view last moved. */
const SETTLE_MS = 150;
/** Space between a node and its label, and the white outline around the letters (px). */
const MARGIN_PX = 2;
const OUTLINE_PX = 2;

interface Box {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

function priority(node: NodeSingular): number {
  return (
    (node.selected() ? 1e9 : 0) +
    (node.hasClass('path') ? 1e8 : 0) +
    (node.hasClass('fold') ? 1e7 : 0) +
    (node.hasClass('expanded') ? 1e6 : 0) +
    // Links, not degree(): degree() builds a collection per link (35 ms a pass at 500 entities).
    node.connectedEdges().length * 1000 +
    Math.min(999, Number(node.data('mentionCount') ?? 0))
  );
}

const HIDDEN = '.folded, .filtered, .busy-hidden';
/** The ids labelled on each canvas: kept here, since a class, data or even scratch data set on a node restyles it. */
const labelledOn = new WeakMap<Core, Set<string>>();

/** Whether the label layer shows this node's label (the SVG export draws the same ones). */
export function isLabelled(node: NodeSingular): boolean {
  return labelledOn.get(node.cy())?.has(node.id()) ?? false;
}

/** The nodes whose labels are drawn at the current view, most important first. */
export function chooseLabels(cy: Core): NodeSingular[] {
  const zoom = cy.zoom();
  const pan = cy.pan();
  const width = cy.width();
  const height = cy.height();
  // By class, not visible(): a style change made in the same tick may not be computed yet.
  const ranked = cy
    .nodes()
    .not(HIDDEN)
    .toArray()
    .map((n) => ({ node: n as NodeSingular, score: priority(n as NodeSingular) }))
    .sort((a, b) => b.score - a.score);
  const grid = new Map<string, Box[]>();
  const cells = (b: Box) => {
    const keys: string[] = [];
    for (let cx = Math.floor(b.x1 / CELL); cx <= Math.floor(b.x2 / CELL); cx++) {
      for (let cy2 = Math.floor(b.y1 / CELL); cy2 <= Math.floor(b.y2 / CELL); cy2++) keys.push(`${cx},${cy2}`);
    }
    return keys;
  };
  const chosen: NodeSingular[] = [];
  for (const { node } of ranked) {
    if (chosen.length >= MAX_LABELS) break;
    const p = node.position();
    const x = p.x * zoom + pan.x;
    const y = p.y * zoom + pan.y;
    if (x < -50 || y < -50 || x > width + 50 || y > height + 50) continue;
    // Generous: a glyph is at most 0.6 em wide here, plus the outline on each side.
    const half = String(node.data('name') ?? '').length * FONT_PX * 0.32 + 4;
    const top = y + (node.height() / 2) * zoom;
    const box = { x1: x - half, y1: top, x2: x + half, y2: top + FONT_PX + 9 };
    const keys = cells(box);
    const clash = keys.some((k) => grid.get(k)?.some((o) => box.x1 < o.x2 && box.x2 > o.x1 && box.y1 < o.y2 && box.y2 > o.y1));
    if (clash && !node.selected() && !node.hasClass('path')) continue;
    for (const k of keys) grid.set(k, [...(grid.get(k) ?? []), box]);
    chosen.push(node);
  }
  return chosen;
}

/** A label as drawn, in the container's pixels (tests check that none overlap). */
export interface DrawnLabel {
  id: string;
  text: string;
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

/** The decluttered labels, drawn on a canvas laid over cytoscape's. */
export class LabelLayer {
  private readonly layer: HTMLCanvasElement;
  private chosen: NodeSingular[] = [];
  private drawn: DrawnLabel[] = [];
  /** The view the labels were drawn at: while it moves, the layer is moved to follow it. */
  private drawnAt = { zoom: 1, pan: { x: 0, y: 0 } };
  private frame = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly cy: Core,
    container: HTMLElement,
  ) {
    this.layer = document.createElement('canvas');
    this.layer.className = 'label-layer';
    this.layer.setAttribute('aria-hidden', 'true');
    container.appendChild(this.layer);
    cy.on('viewport', () => {
      this.follow();
      clearTimeout(this.timer);
      this.timer = setTimeout(() => this.declutter(), SETTLE_MS);
    });
    // A node dragged or moved by a layout, removed (Clear) or renamed: its label follows at the next frame.
    cy.on('position remove data', 'node', () => this.schedule());
    cy.on('resize', () => this.declutter());
  }

  /** Chooses the labels for the current view and draws them; returns how many. */
  declutter(): number {
    clearTimeout(this.timer);
    this.chosen = chooseLabels(this.cy);
    labelledOn.set(this.cy, new Set(this.chosen.map((n) => n.id())));
    this.draw();
    return this.chosen.length;
  }

  /** The ids of the entities labelled, most important first. */
  labelled(): string[] {
    return this.chosen.filter((n) => !n.removed()).map((n) => n.id());
  }

  /** Where the labels are drawn, in the container's pixels (the view as it last stopped). */
  boxes(): DrawnLabel[] {
    return this.drawn.map((b) => ({ ...b }));
  }

  private schedule(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.draw();
    });
  }

  /** While the view moves, the drawn labels move and scale with it (no redraw). */
  private follow(): void {
    const zoom = this.cy.zoom();
    const pan = this.cy.pan();
    const k = zoom / this.drawnAt.zoom;
    const tx = pan.x - this.drawnAt.pan.x * k;
    const ty = pan.y - this.drawnAt.pan.y * k;
    this.layer.style.transform = `translate(${tx}px, ${ty}px) scale(${k})`;
  }

  private draw(): void {
    const cy = this.cy;
    const ratio = window.devicePixelRatio || 1;
    const width = cy.width();
    const height = cy.height();
    if (this.layer.width !== Math.round(width * ratio) || this.layer.height !== Math.round(height * ratio)) {
      this.layer.width = Math.round(width * ratio);
      this.layer.height = Math.round(height * ratio);
      this.layer.style.width = `${width}px`;
      this.layer.style.height = `${height}px`;
    }
    const zoom = cy.zoom();
    const pan = cy.pan();
    this.drawnAt = { zoom, pan: { ...pan } };
    this.layer.style.transform = '';
    const ctx = this.layer.getContext('2d');
    if (!ctx) return;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, width, height);
    ctx.textAlign = 'center';
    ctx.textBaseline = 'top';
    ctx.lineJoin = 'round';
    ctx.lineWidth = OUTLINE_PX * 2;
    ctx.strokeStyle = '#ffffff';
    ctx.fillStyle = '#1c2833';
    this.drawn = [];
    for (const node of this.chosen) {
      if (node.removed() || node.is(HIDDEN)) continue;
      const p = node.position();
      const x = p.x * zoom + pan.x;
      const y = p.y * zoom + pan.y + (node.height() / 2) * zoom + MARGIN_PX;
      const text = String(node.data('name') ?? '');
      ctx.font = `${node.hasClass('fold') ? 'bold ' : ''}${FONT_PX}px ${FONT_FAMILY}`;
      ctx.globalAlpha = node.hasClass('dimmed') ? 0.3 : 1;
      ctx.strokeText(text, x, y);
      ctx.fillText(text, x, y);
      const half = ctx.measureText(text).width / 2 + OUTLINE_PX;
      this.drawn.push({ id: node.id(), text, x1: x - half, y1: y - OUTLINE_PX, x2: x + half, y2: y + FONT_PX + OUTLINE_PX });
    }
  }
}
