// npm run bench:explorer [-- --rounds N --nodes N --links N]
// The explorer at an analyst's scale, 500 entities and 2,000 links by default, in Debian's
// chromium (software rendering, as on the project's machines). The page is the real one
// (useExplorer); /graphql answers with a generated graph (two hubs of N/2 neighbours, cross
// links among the first 60% of each hub's neighbours, the rest leaves) so the size is exact
// and Neo4j is not what is measured. Prints medians over rounds of:
// - drawing the first hub's neighbourhood from a link, then expanding the second hub by choice
//   (Expand…, all of it) beside the placed nodes, which must not move;
// - saving the canvas as a workspace and reopening it from its link in a new page;
// - each layout of the whole canvas (force, hierarchical, concentric, time-ordered), computed in
//   the layout worker, with the longest frame meanwhile; and the force layout computed on the
//   page's main thread (a page that cannot load the worker) as the baseline;
// - frame times (requestAnimationFrame intervals; 17 ms = every frame on time) while
//   wheel-zooming and drag-panning the full canvas: the explorer as it draws it (leaves folded,
//   labels decluttered, a texture moved and edges hidden while moving, links drawn plain when
//   zoomed out), the explorer with every entity unfolded, cytoscape's own labels on every entity
//   with the explorer's renderer options (the label layer alone differs), and plain cytoscape
//   settings (every entity and label drawn, no texture, edges drawn while moving, dashes and
//   arrowheads at any zoom, every element hit-tested under the pointer, a pressed link marked
//   active) on the same elements.
//   With each, from a Chromium trace, the longest task of the page's main thread in CPU time
//   (frame intervals also count the time a loaded machine kept the page from a core), and for the
//   expansion the main thread's CPU time in all.
import { createServer } from 'node:http';
import { makeExecutableSchema } from '@graphql-tools/schema';
import { createYoga } from 'graphql-yoga';
import type { Page, Route } from 'playwright-core';
import { useExplorer } from '../src/explorer/serve.js';
import { ENTITY_TYPES, RELATION_TYPES } from '../src/ontology.js';
import { idle, launchChromium } from '../tests/explorer/browser.js';

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const rounds = arg('rounds', 3);
const total = arg('nodes', 500);
const links = arg('links', 2000);

// A deterministic generated graph: hubs State:H1 and Group:H2, each with total/2 - 1 neighbours.
let seed = 42;
const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
const entity = (id: string, type: string, name: string) => ({
  id,
  name,
  type,
  mentionCount: 1 + Math.floor(random() * 40),
  articleCount: 1 + Math.floor(random() * 5),
  firstSeen: '2024-10-08',
  lastSeen: '2025-05-20',
});
const relation = (i: number, source: string, target: string) => ({
  id: `r_bench${i}`,
  type: RELATION_TYPES[i % RELATION_TYPES.length],
  source: { id: source },
  target: { id: target },
  confidence: 0.3 + random() * 0.7,
  claim: ['ASSERTED', 'ALLEGED', 'SUSPECTED'][i % 3],
  evidenceCount: 1 + (i % 7),
  weight: null,
  firstSeen: '2024-10-08',
  lastSeen: '2025-05-20',
  status: 'AUTO',
  origin: 'EXTRACTED',
});
const hubs = { 'State:H1': entity('State:H1', 'State', 'Hub one'), 'Group:H2': entity('Group:H2', 'Group', 'Hub two') };
const half = Math.floor(total / 2) - 1;
const around: Record<string, { nodes: unknown[]; edges: unknown[] }> = {};
let edgeCount = 0;
for (const [h, hub] of Object.entries(hubs)) {
  const nodes: { id: string }[] = [hub];
  const edges: unknown[] = [];
  for (let i = 0; i < half; i++) {
    const type = ENTITY_TYPES[i % ENTITY_TYPES.length]!;
    const node = entity(`${type}:${h}-${i}`, type, `${type} ${h.slice(-2)}-${i}`);
    nodes.push(node);
    edges.push(relation(edgeCount++, h, node.id));
  }
  // Cross links among the first 60% of the neighbours (the rest stay leaves of their hub).
  const linked = Math.floor(half * 0.6);
  const cross = Math.floor((links - 2 * half - 1) / 2);
  for (let i = 0; i < cross; i++) {
    const a = nodes[1 + Math.floor(random() * linked)]!.id;
    const b = nodes[1 + Math.floor(random() * linked)]!.id;
    edges.push(relation(edgeCount++, a, a === b ? nodes[1 + ((Math.floor(random() * linked) + 1) % linked)]!.id : b));
  }
  around[h] = { nodes, edges };
}
// The hubs know each other, so H2 is on the canvas after H1 is drawn.
around['State:H1']!.nodes.push(hubs['Group:H2']);
around['State:H1']!.edges.push(relation(edgeCount++, 'State:H1', 'Group:H2'));
around['Group:H2']!.nodes.push(hubs['State:H1']);

const saved = new Map<string, { id: string; name: string; state: string; savedBy: string; savedAt: string; entityCount: number }>();

async function answer(route: Route): Promise<void> {
  const body = JSON.parse(route.request().postData() ?? '{}') as { query: string; variables: Record<string, string> };
  let data: unknown = {};
  if (body.query.includes('ExplorerViewer')) data = { viewer: { role: 'admin' } };
  else if (body.query.includes('ExplorerByIds')) {
    data = Object.fromEntries(Object.entries(body.variables).map(([alias, id]) => [alias, hubs[id as keyof typeof hubs] ?? null]));
  } else if (body.query.includes('ExplorerNeighbourhood')) {
    const sub = around[body.variables.id!]!;
    const centreLinks = (sub.edges as { source: { id: string }; target: { id: string } }[]).filter(
      (e) => e.source.id === body.variables.id || e.target.id === body.variables.id,
    ).length;
    data = { neighbourhood: { ...sub, truncated: false }, centre: { links: { totalCount: centreLinks } } };
  } else if (body.query.includes('ExplorerEntity')) {
    data = { entity: { ...hubs['State:H1'], id: body.variables.id, aliases: [], origin: 'EXTRACTED' }, timeline: [] };
  } else if (body.query.includes('ExplorerSaveWorkspace')) {
    const w = {
      id: 'ws_bench',
      name: body.variables.name!,
      state: body.variables.state!,
      savedBy: 'local',
      savedAt: new Date().toISOString(),
      entityCount: (JSON.parse(body.variables.state!) as { entities: unknown[] }).entities.length,
    };
    saved.set(w.id, w);
    data = { saveWorkspace: w };
  } else if (body.query.includes('ExplorerWorkspaces')) {
    data = { workspaces: [...saved.values()].map(({ state: _state, ...w }) => w) };
  } else if (body.query.includes('ExplorerWorkspace')) {
    data = { workspace: saved.get(body.variables.id!) ?? null };
  }
  await route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ data }) });
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const quantile = (xs: number[], q: number): number => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * q))]!;

/** Starts recording frame intervals (requestAnimationFrame) in the page. */
async function recordFrames(page: Page): Promise<void> {
  // A string, not a closure: tsx would wrap a named inner function in a helper the page lacks.
  await page.evaluate(`(() => {
    window.__frames = [];
    window.__stop = false;
    let last = performance.now();
    const tick = (now) => {
      window.__frames.push(now - last);
      last = now;
      if (!window.__stop) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  })()`);
}

/** Stops recording; the frame intervals (ms) since recordFrames. */
async function recordedFrames(page: Page): Promise<number[]> {
  return page.evaluate(() => {
    const w = window as unknown as { __frames: number[]; __stop: boolean };
    w.__stop = true;
    return w.__frames.slice(1);
  });
}

interface TraceEvent {
  ph: string;
  name: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string };
}

/**
 * The page's main thread while `run` runs, from a Chromium trace: the longest task's thread (CPU)
 * time and wall time, and the CPU time of all its tasks, in ms. On a loaded machine a frame's
 * interval also counts the time the page waited for a core; a task's thread time counts only its
 * own work.
 */
async function longestTask(page: Page, run: () => Promise<void>): Promise<{ cpu: number; wall: number; total: number }> {
  const browser = page.context().browser()!;
  await browser.startTracing(page, { categories: ['toplevel', 'devtools.timeline'] });
  await run();
  const { traceEvents } = JSON.parse((await browser.stopTracing()).toString()) as { traceEvents: TraceEvent[] };
  const mains = new Set(
    traceEvents.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`),
  );
  const tasks = traceEvents.filter(
    (e) => e.ph === 'X' && (e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask') && mains.has(`${e.pid}:${e.tid}`),
  );
  // Tasks nest (a RunTask inside a ThreadControllerImpl::RunTask): the total counts the outer ones.
  let total = 0;
  let end = -Infinity;
  for (const t of [...tasks].sort((a, b) => a.ts - b.ts)) {
    if (t.ts < end) continue;
    total += (t.tdur ?? 0) / 1000;
    end = t.ts + (t.dur ?? 0);
  }
  return { cpu: Math.max(0, ...tasks.map((t) => (t.tdur ?? 0) / 1000)), wall: Math.max(0, ...tasks.map((t) => (t.dur ?? 0) / 1000)), total };
}

/** Frame intervals (ms) while the mouse wheel-zooms and drags the canvas; the longest task meanwhile. */
async function interact(page: Page, setting: keyof typeof frames): Promise<number[]> {
  let intervals: number[] = [];
  tasks[setting].push(
    await longestTask(page, async () => {
      intervals = await moveView(page);
    }),
  );
  return intervals;
}

async function moveView(page: Page): Promise<number[]> {
  await recordFrames(page);
  const box = (await page.locator('#cy').boundingBox())!;
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  await page.mouse.move(cx, cy);
  for (let i = 0; i < 12; i++) {
    await page.mouse.wheel(0, i < 6 ? -120 : 120);
    await page.waitForTimeout(30);
  }
  await page.mouse.move(cx + 5, cy + 5);
  await page.mouse.down();
  for (let i = 0; i < 20; i++) await page.mouse.move(cx + 5 + i * 8, cy + 5 + i * 4);
  await page.mouse.up();
  await page.waitForTimeout(300);
  return recordedFrames(page);
}

const yoga = createYoga({ schema: makeExecutableSchema({ typeDefs: 'type Query { ok: Boolean }' }), plugins: [useExplorer()] });
const server = createServer(yoga);
await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
const address = server.address();
const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
const browser = await launchChromium();

const first: number[] = [];
const second: number[] = [];
const secondBlocked: number[] = [];
/** The page's main thread while the second hub was expanded (and the page settled): longest task and total CPU. */
const secondTasks: { cpu: number; wall: number; total: number }[] = [];
const reopen: number[] = [];
const moved: number[] = [];
const layouts: Record<string, number[]> = { force: [], hierarchy: [], concentric: [], time: [] };
/** The longest frame while each layout ran: how long the page could not answer the analyst. */
const layoutBlocked: Record<string, number[]> = { force: [], hierarchy: [], concentric: [], time: [] };
/** The same force layout computed on the page's main thread (the worker blocked): the baseline. */
const forceOnPage: number[] = [];
const forceOnPageBlocked: number[] = [];
const frames: Record<'explorer' | 'unfolded' | 'labels' | 'plain', number[]> = { explorer: [], unfolded: [], labels: [], plain: [] };
/** The longest main-thread task of each round, in each setting. */
const tasks: Record<keyof typeof frames, { cpu: number; wall: number; total: number }[]> = { explorer: [], unfolded: [], labels: [], plain: [] };
let drawn = { nodes: 0, edges: 0, shown: 0, folds: 0, labels: 0 };
let reopened = 0;
const settle = (page: Page) => page.waitForTimeout(400);
try {
  for (let r = 0; r < rounds; r++) {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.route('**/graphql', answer);
    await page.goto(`${url}/`);
    await idle(page);

    // The first hub from a link, with the choice "all of it" (the link's xc).
    const all = (id: string) => encodeURIComponent(JSON.stringify({ [id]: { relationTypes: null, entityTypes: null, direction: 'BOTH', limit: 500 } }));
    let t0 = performance.now();
    await page.evaluate(
      (hash) => {
        location.hash = hash;
      },
      `#x=State%3AH1&xc=${all('State:H1')}`,
    );
    await page.waitForFunction(() => window.__cy!.nodes().length > 1);
    await idle(page);
    first.push(performance.now() - t0);

    // The second hub by choice: select it, Expand…, every neighbour (limit 500), Expand.
    const before = await page.evaluate(() =>
      Object.fromEntries(
        window
          .__cy!.nodes()
          .not('.fold')
          .map((n) => [n.id(), { ...(n as unknown as { position(): { x: number; y: number } }).position() }]),
      ),
    );
    await page.evaluate(() => {
      window.__cy!.getElementById('Group:H2').select();
    });
    await page.click('#expand-choose');
    await page.locator('#expand-limit').waitFor();
    await idle(page);
    await page.fill('#expand-limit', '500');
    await recordFrames(page);
    secondTasks.push(
      await longestTask(page, async () => {
        t0 = performance.now();
        await page.click('#expand-run');
        await page.waitForFunction(() => window.__cy!.getElementById('Group:H2').hasClass('expanded'));
        await idle(page);
        second.push(performance.now() - t0);
        await settle(page);
      }),
    );
    secondBlocked.push(Math.max(...(await recordedFrames(page))));
    const after = await page.evaluate(() => Object.fromEntries(window.__cy!.nodes().map((n) => [n.id(), { ...n.position() }])));
    moved.push(Object.entries(before).filter(([id, p]) => after[id]!.x !== p.x || after[id]!.y !== p.y).length);
    await page.evaluate(() => {
      window.__cy!.fit(undefined, 20);
    });
    await settle(page);
    drawn = await page.evaluate(() => ({
      nodes: window.__cy!.nodes().not('.fold').length,
      edges: window.__cy!.edges().not('.fold').length,
      shown: window.__cy!.nodes().filter((n) => n.visible()).length,
      folds: window.__cy!.nodes('.fold').length,
      labels: window.__labels!.labelled().length,
    }));
    frames.explorer.push(...(await interact(page, 'explorer')));

    // Saved as a workspace, reopened from its link in a new page.
    await page.fill('#workspace-name', 'bench');
    await page.click('#workspace-save');
    await idle(page);
    const other = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await other.route('**/graphql', answer);
    // This page cannot load the layout worker: its force layout below is the baseline computed
    // on the page's main thread, as before the worker.
    await other.route('**/explorer/layout-worker.js', (route) => route.fulfill({ status: 404, body: 'blocked for the baseline' }));
    await other.goto(`${url}/`);
    await idle(other);
    t0 = performance.now();
    await other.evaluate(() => {
      location.hash = '#ws=ws_bench';
    });
    await other.waitForFunction(() => window.__cy!.nodes().length > 1);
    await idle(other);
    reopen.push(performance.now() - t0);
    reopened = await other.evaluate(() => window.__cy!.nodes().not('.fold').length);
    await other.evaluate(() => {
      window.__cy!.nodes('.fold').forEach((f) => {
        f.emit('tap');
      });
    });
    await idle(other);
    await other.selectOption('#layout', 'force');
    await recordFrames(other);
    t0 = performance.now();
    await other.click('#layout-run');
    await idle(other);
    forceOnPage.push(performance.now() - t0);
    await settle(other);
    forceOnPageBlocked.push(Math.max(...(await recordedFrames(other))));
    const where = await other.evaluate(() => window.__layoutsComputed!);
    if (where.worker !== 0 || where.page === 0) throw new Error(`the baseline page laid out in the worker: ${JSON.stringify(where)}`);
    await other.close();

    // Every entity shown, same settings; then plain cytoscape on the same elements.
    await page.evaluate(() => {
      window.__cy!.nodes('.fold').forEach((f) => {
        f.emit('tap');
      });
    });
    await idle(page);
    await page.evaluate(() => {
      window.__cy!.fit(undefined, 20);
    });
    await settle(page);
    frames.unfolded.push(...(await interact(page, 'unfolded')));

    for (const name of Object.keys(layouts)) {
      await page.selectOption('#layout', name);
      await recordFrames(page);
      t0 = performance.now();
      await page.click('#layout-run');
      await idle(page);
      layouts[name]!.push(performance.now() - t0);
      await settle(page);
      layoutBlocked[name]!.push(Math.max(...(await recordedFrames(page))));
    }

    const inWorker = await page.evaluate(() => window.__layoutsComputed!);
    if (inWorker.page !== 0) throw new Error(`the explorer laid out on the page, not in the worker: ${JSON.stringify(inWorker)}`);
    // cytoscape's own labels on every entity (the label layer taken away), first with the
    // explorer's renderer options, so that only the labels differ, then with cytoscape's defaults.
    await page.evaluate(() => {
      const cy = window.__cy!;
      cy.off('viewport');
      document.querySelector('#cy > .label-layer')?.remove();
      cy.style().selector('node').style({ label: 'data(name)', 'font-size': 11 }).update();
      cy.fit(undefined, 20);
    });
    await settle(page);
    frames.labels.push(...(await interact(page, 'labels')));
    await page.evaluate(() => {
      const cy = window.__cy!;
      const renderer = (
        cy as unknown as {
          renderer(): {
            textureOnViewport: boolean;
            hideEdgesOnViewport: boolean;
            drawEdgePath?: unknown;
            drawArrowheads?: unknown;
            findNearestElements?: unknown;
            quietLinkPress?: boolean;
          };
        }
      ).renderer();
      renderer.textureOnViewport = false;
      renderer.hideEdgesOnViewport = false;
      // cytoscape's own drawing of links again: dashes and arrowheads at any zoom (link-detail.ts).
      delete renderer.drawEdgePath;
      delete renderer.drawArrowheads;
      // …and its own pointer: every element hit-tested, a pressed link marked active (pointer.ts).
      delete renderer.findNearestElements;
      delete renderer.quietLinkPress;
      cy.fit(undefined, 20);
    });
    await settle(page);
    frames.plain.push(...(await interact(page, 'plain')));
    await page.close();
  }
} finally {
  await browser.close();
  server.close();
}

const ms = (x: number) => `${x.toFixed(0).padStart(6)} ms`;
console.log(`canvas: ${drawn.nodes} entities, ${drawn.edges} links (generated), chromium software rendering, ${rounds} rounds`);
console.log(`  as drawn: ${drawn.shown} nodes shown (${drawn.folds} folds hold the leaves), ${drawn.labels} labels drawn`);
console.log(`first hub drawn from a link (${half + 2} entities)          ${ms(median(first))}  (median)`);
console.log(
  `second hub expanded by choice (+${half} entities)         ${ms(median(second))}  (median); placed nodes moved: ${Math.max(...moved)}; longest frame meanwhile ${ms(median(secondBlocked))}`,
);
console.log(
  `  main thread meanwhile: ${ms(median(secondTasks.map((t) => t.total)))} CPU in all; longest task ${ms(median(secondTasks.map((t) => t.cpu)))} CPU, ${ms(median(secondTasks.map((t) => t.wall)))} wall (medians)`,
);
console.log(`saved workspace reopened from its link (${reopened} entities)  ${ms(median(reopen))}  (median)`);
for (const [name, times] of Object.entries(layouts)) {
  console.log(
    `layout ${name.padEnd(11)} of the whole canvas              ${ms(median(times))}  (median); longest frame meanwhile ${ms(median(layoutBlocked[name]!))}`,
  );
}
console.log(
  `layout force computed on the page (worker blocked) ${ms(median(forceOnPage))}  (median); longest frame meanwhile ${ms(median(forceOnPageBlocked))}`,
);
console.log(
  `  ratio of the longest frame during force, on the page / in the worker: ${(median(forceOnPageBlocked) / median(layoutBlocked.force!)).toFixed(2)}`,
);
const stats = (xs: number[]) => ({ p50: median(xs), p95: quantile(xs, 0.95), max: Math.max(...xs) });
for (const [name, label] of [
  ['explorer', 'explorer, as drawn (folded)'],
  ['unfolded', 'explorer, every entity shown'],
  ['labels', 'cytoscape labels, same options'],
  ['plain', 'plain cytoscape settings'],
] as const) {
  const s = stats(frames[name]);
  const over = frames[name].filter((f) => f > 100).length;
  const cpu = median(tasks[name].map((t) => t.cpu));
  const wall = median(tasks[name].map((t) => t.wall));
  console.log(
    `frames zooming/panning, ${label.padEnd(30)} p50 ${ms(s.p50)}  p95 ${ms(s.p95)}  max ${ms(s.max)}  (${frames[name].length} frames, ${over} over 100 ms); longest task ${ms(cpu)} CPU, ${ms(wall)} wall (median)`,
  );
}
const e = stats(frames.explorer);
const u = stats(frames.unfolded);
const p = stats(frames.plain);
console.log(
  `ratio plain/explorer p95: as drawn ${(p.p95 / e.p95).toFixed(2)}, every entity shown ${(p.p95 / u.p95).toFixed(2)} (> 1: the explorer is smoother)`,
);
