// fCoSE runs with seeded random numbers, so the same elements always get the same layout.
import type cytoscape from 'cytoscape';
import { seededRandom } from '../../seeded-random.js';

function seedOf(eles: cytoscape.Collection): number {
  let h = 2166136261;
  for (const id of eles.map((e) => e.id()).sort()) {
    for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 16777619);
  }
  return h >>> 0;
}

/**
 * fCoSE draws its random numbers from Math.random while it computes (synchronously, in run()):
 * seeded by the elements laid out, the same canvas (a reload, a shared link opened in a window
 * of the same size) gets the same layout.
 */
export function runLayout(eles: cytoscape.CollectionReturnValue | cytoscape.Collection, options: Record<string, unknown>): Promise<void> {
  const layout = eles.layout({
    name: 'fcose',
    idealEdgeLength: () => 110,
    nodeRepulsion: () => 9000,
    nodeSeparation: 90,
    padding: 40,
    ...options,
  } as cytoscape.LayoutOptions);
  const done = new Promise<void>((resolve) => layout.one('layoutstop', () => resolve()));
  const random = Math.random;
  Math.random = seededRandom(seedOf(eles));
  try {
    layout.run();
  } finally {
    Math.random = random;
  }
  return done;
}
