// The layouts an analyst can choose for what is shown. Pinned entities never move; folded,
// filtered and hidden ones are left where they are. Force is fCoSE (spectral draft above 300
// entities); it, the hierarchy and the rings are computed in the layout worker (run-layout.ts).
import type { Core, NodeCollection, NodeSingular } from 'cytoscape';
import { ENTITY_TYPES } from '../../ontology.js';
import { runLayout } from './run-layout.js';

export type LayoutName = 'force' | 'hierarchy' | 'concentric' | 'time';
export const LAYOUTS: readonly { name: LayoutName; label: string }[] = [
  { name: 'force', label: 'force' },
  { name: 'hierarchy', label: 'hierarchical (State → organ → proxy → Case)' },
  { name: 'concentric', label: 'concentric around the selected entity' },
  { name: 'time', label: 'time-ordered (first seen, left to right)' },
];

export function isLayoutName(value: string): value is LayoutName {
  return LAYOUTS.some((l) => l.name === value);
}

/** Hops from `centre` over shown links (unreached nodes get Infinity). */
function hopsFrom(nodes: NodeCollection, centre: NodeSingular): Map<string, number> {
  const hops = new Map<string, number>([[centre.id(), 0]]);
  let frontier = [centre];
  while (frontier.length) {
    const next: NodeSingular[] = [];
    for (const node of frontier) {
      node
        .neighborhood('node')
        .intersection(nodes)
        .forEach((n) => {
          if (hops.has(n.id())) return;
          hops.set(n.id(), hops.get(node.id())! + 1);
          next.push(n as NodeSingular);
        });
    }
    frontier = next;
  }
  return hops;
}

export async function relayout(cy: Core, name: LayoutName, centreId: string | null): Promise<void> {
  const nodes = cy.nodes().filter((n) => n.visible());
  if (nodes.empty()) return;
  const edges = nodes.connectedEdges().filter((e) => e.visible());
  const eles = nodes.union(edges);
  const pinned = nodes.filter((n: NodeSingular) => n.locked());
  if (name === 'force') {
    await runLayout(
      cy,
      eles,
      'fcose',
      {
        randomize: true,
        quality: nodes.length > 300 ? 'draft' : 'default',
        packComponents: true,
        fixedNodeConstraint: pinned.map((n) => ({ nodeId: n.id(), position: { ...(n as NodeSingular).position() } })),
      },
      { fit: true, padding: 40 },
    );
    return;
  }
  // The viewport the layout fills, as cytoscape would take it from the page.
  const boundingBox = { x1: 0, y1: 0, w: cy.width(), h: cy.height() };
  const byDegree = nodes.toArray().sort((a, b) => (b as NodeSingular).degree(false) - (a as NodeSingular).degree(false));
  const centre = (centreId && cy.getElementById(centreId).visible() ? cy.getElementById(centreId) : byDegree[0]) as NodeSingular;
  if (name === 'hierarchy') {
    // States at the top, then what their links reach, level by level (organs, proxies, cases).
    const states = nodes.filter((n) => n.data('type') === 'State');
    const roots = states.nonempty() ? states.map((n) => n.id()) : [centre.id()];
    await runLayout(
      cy,
      eles,
      'breadthfirst',
      { directed: false, spacingFactor: 0.9, grid: false, avoidOverlap: true, boundingBox },
      { roots, fit: true, padding: 30 },
    );
    return;
  }
  if (name === 'concentric') {
    const hops = hopsFrom(nodes, centre);
    const far = Math.max(1, ...[...hops.values()]);
    const levels = new Map(nodes.map((n) => [n.id(), far + 1 - (hops.get(n.id()) ?? far + 1)] as const));
    await runLayout(cy, eles, 'concentric', { minNodeSpacing: 12, avoidOverlap: true, boundingBox }, { levels, fit: true, padding: 30 });
    return;
  }
  // Time: x by the date first seen (undated at the far left), one band per entity type.
  const dates = nodes
    .map((n) => n.data('firstSeen') as string | null)
    .filter((d): d is string => Boolean(d))
    .map((d) => Date.parse(d))
    .sort((a, b) => a - b);
  const first = dates[0] ?? 0;
  const last = dates[dates.length - 1] ?? first;
  const span = Math.max(1, last - first);
  const widthPx = Math.max(800, nodes.length * 8);
  const taken = new Map<string, number>();
  cy.batch(() => {
    nodes.forEach((n) => {
      if (n.locked()) return;
      const date = n.data('firstSeen') as string | null;
      const x = date ? 120 + ((Date.parse(date) - first) / span) * widthPx : 0;
      const band = Math.max(0, ENTITY_TYPES.indexOf(n.data('type')));
      const key = `${Math.round(x / 40)}|${band}`;
      const stack = taken.get(key) ?? 0;
      taken.set(key, stack + 1);
      n.position({ x, y: band * 260 + (stack % 8) * 30 + Math.floor(stack / 8) * 6 });
    });
  });
  cy.fit(eles, 30);
}
