// Label declutter: at any zoom, labels are drawn at a readable size on screen, in order of
// priority (selected, on the highlighted path, folds, expanded, then by links on the canvas
// and mentions), and a label that would overlap one already placed is left out.
import type { Core, NodeSingular } from 'cytoscape';

/** The font size on screen, in pixels. */
const FONT_PX = 11;
/** At most this many labels at once: beyond it a canvas is read by zooming in. */
const MAX_LABELS = 150;
const CELL = 64;

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
    node.degree(false) * 1000 +
    Math.min(999, Number(node.data('mentionCount') ?? 0))
  );
}

/** Marks the nodes whose labels are drawn (`labelled`, with `fs` their font size in model units). */
export function declutter(cy: Core): number {
  const zoom = cy.zoom();
  const pan = cy.pan();
  const width = cy.width();
  const height = cy.height();
  // By class, not visible(): a style change made in the same tick may not be computed yet.
  const hidden = cy.nodes('.folded, .filtered, .busy-hidden');
  const visible = cy.nodes().difference(hidden);
  const ranked = visible
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
  const chosen = new Set<string>();
  for (const { node } of ranked) {
    if (chosen.size >= MAX_LABELS) break;
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
    chosen.add(node.id());
  }
  const fs = Math.min(FONT_PX / zoom, 200);
  const ow = Math.min(2 / zoom, 40);
  cy.batch(() => {
    // Hidden nodes (folded, filtered) keep no label: it would come back stale with them.
    hidden.removeClass('labelled');
    visible.forEach((node) => {
      const on = chosen.has(node.id());
      if (on && node.data('fs') !== fs) node.data({ fs, ow });
      if (on !== node.hasClass('labelled')) node.toggleClass('labelled', on);
    });
  });
  return chosen.size;
}
