// Positions for a layout, computed on a headless cytoscape from plain data: the layout worker
// runs it off the page's main thread, and the page runs the same function itself only if the
// worker cannot start. Same request, same positions (fCoSE's random numbers are seeded).
import cytoscape from 'cytoscape';
import fcose from 'cytoscape-fcose';
import { seededRandom } from '../../seeded-random.js';

cytoscape.use(fcose);

export type Algorithm = 'fcose' | 'breadthfirst' | 'concentric';

export interface LayoutRequest {
  algorithm: Algorithm;
  /** Current positions (fCoSE without `randomize` starts from them) and sizes as drawn. */
  nodes: { id: string; x: number; y: number; w: number; h: number; level?: number }[];
  edges: { id: string; source: string; target: string }[];
  /** Plain options for the algorithm (numbers, ids): no functions cross to a worker. */
  options: Record<string, unknown>;
  /** breadthfirst: the ids at the top. */
  roots?: string[];
  /** The seed of Math.random while the layout runs. */
  seed: number;
}

export type Positions = Record<string, { x: number; y: number }>;

const FCOSE_DEFAULTS = { idealEdgeLength: 110, nodeRepulsion: 9000, nodeSeparation: 90, padding: 40 };

export function computeLayout(request: LayoutRequest): Positions {
  const cy = cytoscape({
    headless: true,
    styleEnabled: true,
    style: [{ selector: 'node', style: { width: 'data(w)', height: 'data(h)', 'border-width': 0 } }],
    elements: [
      ...request.nodes.map((n) => ({ group: 'nodes' as const, data: { id: n.id, w: n.w, h: n.h, level: n.level ?? 0 }, position: { x: n.x, y: n.y } })),
      ...request.edges.map((e) => ({ group: 'edges' as const, data: { id: e.id, source: e.source, target: e.target } })),
    ],
  });
  const shared = { animate: false, fit: false };
  let options: Record<string, unknown>;
  if (request.algorithm === 'fcose') options = { name: 'fcose', ...FCOSE_DEFAULTS, ...request.options, ...shared };
  else if (request.algorithm === 'breadthfirst') {
    options = { name: 'breadthfirst', ...request.options, ...shared, roots: cy.nodes().filter((n) => request.roots?.includes(n.id()) ?? false) };
  } else
    options = { name: 'concentric', ...request.options, ...shared, concentric: (n: cytoscape.NodeSingular) => n.data('level') as number, levelWidth: () => 1 };
  const random = Math.random;
  Math.random = seededRandom(request.seed);
  try {
    // Every layout here is synchronous when not animated: positions are set when run() returns.
    cy.elements()
      .layout(options as unknown as cytoscape.LayoutOptions)
      .run();
  } finally {
    Math.random = random;
  }
  const positions: Positions = {};
  cy.nodes().forEach((n) => {
    positions[n.id()] = { ...n.position() };
  });
  cy.destroy();
  return positions;
}
