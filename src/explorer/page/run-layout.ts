// Layouts run in a worker (layout-worker.ts): the page sends the elements as plain data, gets
// positions back and applies them in one batch, so a layout of 500 entities never freezes the
// page. fCoSE's random numbers are seeded by the elements laid out, so the same canvas (a
// reload, a shared link opened in a window of the same size) gets the same layout.
import type { Collection, CollectionReturnValue, Core, EdgeSingular, LayoutOptions, NodeSingular } from 'cytoscape';
import { computeLayout, type Algorithm, type LayoutRequest, type Positions } from './layout-compute.js';

const WORKER_URL = '/explorer/layout-worker.js';

function seedOf(ids: readonly string[]): number {
  let h = 2166136261;
  for (const id of [...ids].sort()) {
    for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 16777619);
  }
  return h >>> 0;
}

/** Where the layouts of this page were computed: tests and the benchmark check it was the worker. */
export const layoutsComputed = { worker: 0, page: 0 };

type Reply = { id: number; positions: Positions } | { id: number; error: string };

/** One worker per page, started on the first layout; null once it failed to start. */
let worker: Worker | null | undefined;
const waiting = new Map<number, { request: LayoutRequest; resolve(p: Positions): void; reject(e: Error): void }>();
let nextId = 1;

function layoutWorker(): Worker | null {
  if (worker !== undefined) return worker;
  try {
    worker = new Worker(WORKER_URL);
  } catch {
    worker = null;
    return null;
  }
  worker.onmessage = (event: MessageEvent<Reply>) => {
    const reply = event.data;
    const entry = waiting.get(reply.id);
    waiting.delete(reply.id);
    if (!entry) return;
    if ('error' in reply) entry.reject(new Error(`The layout failed: ${reply.error}`));
    else {
      layoutsComputed.worker++;
      entry.resolve(reply.positions);
    }
  };
  // A worker that cannot load (blocked, or its script missing): the layouts waiting for it,
  // and every later one, are computed on the page itself.
  worker.onerror = (event) => {
    event.preventDefault();
    worker?.terminate();
    worker = null;
    for (const [id, entry] of waiting) {
      waiting.delete(id);
      entry.resolve(computeHere(entry.request));
    }
  };
  return worker;
}

function computeHere(request: LayoutRequest): Positions {
  layoutsComputed.page++;
  return computeLayout(request);
}

function positionsFor(request: LayoutRequest): Promise<Positions> {
  const target = layoutWorker();
  if (!target) return Promise.resolve(computeHere(request));
  const id = nextId++;
  return new Promise<Positions>((resolve, reject) => {
    waiting.set(id, { request, resolve, reject });
    target.postMessage({ id, request });
  });
}

export interface ApplyOptions {
  fit?: boolean;
  padding?: number;
  animate?: boolean;
  animationDuration?: number;
  /** breadthfirst: the entities at the top. */
  roots?: readonly string[];
  /** concentric: each entity's ring, highest in the middle. */
  levels?: ReadonlyMap<string, number>;
}

/**
 * Lays `eles` out with `algorithm` in the worker, then moves its nodes in one batch. Pinned
 * (locked) nodes and the nodes of a fixedNodeConstraint keep their place exactly.
 */
export async function runLayout(
  cy: Core,
  eles: CollectionReturnValue | Collection,
  algorithm: Algorithm,
  options: Record<string, unknown>,
  apply: ApplyOptions = {},
): Promise<void> {
  const nodes = eles.nodes();
  const ids = new Set(nodes.map((n) => n.id()));
  const request: LayoutRequest = {
    algorithm,
    nodes: nodes.map((n: NodeSingular) => {
      const { w, h } = n.layoutDimensions({ nodeDimensionsIncludeLabels: false });
      return { id: n.id(), ...n.position(), w, h, ...(apply.levels ? { level: apply.levels.get(n.id()) ?? 0 } : {}) };
    }),
    edges: eles
      .edges()
      .filter((e: EdgeSingular) => ids.has(e.source().id()) && ids.has(e.target().id()))
      .map((e: EdgeSingular) => ({ id: e.id(), source: e.source().id(), target: e.target().id() })),
    options,
    ...(apply.roots ? { roots: [...apply.roots] } : {}),
    seed: seedOf(eles.map((e) => e.id())),
  };
  const positions = await positionsFor(request);
  const fixed = new Set(((options.fixedNodeConstraint ?? []) as { nodeId: string }[]).map((c) => c.nodeId));
  // fCoSE lays out around its fixed nodes; the hierarchy and the rings do not know pins, so
  // their drawing is moved to where the pinned entities are (exactly, for one pin).
  const pins = nodes.filter((n: NodeSingular) => n.locked() && !fixed.has(n.id()) && positions[n.id()] !== undefined);
  if (pins.nonempty()) {
    let dx = 0;
    let dy = 0;
    pins.forEach((n: NodeSingular) => {
      dx += n.position('x') - positions[n.id()]!.x;
      dy += n.position('y') - positions[n.id()]!.y;
    });
    dx /= pins.length;
    dy /= pins.length;
    for (const p of Object.values(positions)) {
      p.x += dx;
      p.y += dy;
    }
  }
  // The canvas may have changed while the worker computed: only nodes still drawn move.
  const moving = nodes.filter((n: NodeSingular) => !n.removed() && !n.locked() && !fixed.has(n.id()) && positions[n.id()] !== undefined);
  if (moving.nonempty()) {
    await new Promise<void>((done) => {
      const layout = moving.layout({
        name: 'preset',
        positions: (n: NodeSingular) => positions[n.id()]!,
        fit: false,
        animate: apply.animate ?? false,
        animationDuration: apply.animationDuration ?? 250,
      } as unknown as LayoutOptions);
      layout.one('layoutstop', () => done());
      layout.run();
    });
  }
  if (apply.fit)
    cy.fit(
      eles.filter((e) => !e.removed()),
      apply.padding ?? 30,
    );
}
