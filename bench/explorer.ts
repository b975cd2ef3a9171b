// npm run bench:explorer [-- --rounds N --nodes N]
// The explorer with about 1,000 entities on the canvas, in Debian's chromium (software
// rendering, as on the project's machines). The page is the real one (useExplorer); /graphql
// answers with a generated graph (two hubs of N/2 neighbours, cross links) so the size is
// exact and Neo4j is not what is measured. Prints medians over rounds of:
// - drawing the first hub's neighbourhood (N/2 nodes, first layout), then expanding the
//   second hub (N/2 more, laid out beside the placed ones, which must not move);
// - frame times (requestAnimationFrame intervals; 17 ms = every frame on time) while wheel-zooming and drag-panning the full canvas, with the explorer's
//   viewport settings (texture + hidden edges while moving) and with plain cytoscape's
//   defaults as the baseline, and their ratio.
import { createServer } from 'node:http';
import { makeExecutableSchema } from '@graphql-tools/schema';
import { createYoga } from 'graphql-yoga';
import type { Page, Route } from 'playwright-core';
import { useExplorer } from '../src/explorer/serve.js';
import { ENTITY_TYPES, RELATION_TYPES } from '../src/ontology.js';
import { idle, launchChromium, screenPoint } from '../tests/explorer/browser.js';

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const rounds = arg('rounds', 3);
const total = arg('nodes', 1000);

// A deterministic generated graph: hubs State:H1 and Group:H2, each with total/2 - 1 neighbours.
let seed = 42;
const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
const entity = (id: string, type: string, name: string) => ({
  id, name, type, mentionCount: 1 + Math.floor(random() * 40), articleCount: 1 + Math.floor(random() * 5), firstSeen: '2024-10-08', lastSeen: '2025-05-20',
});
const relation = (i: number, source: string, target: string) => ({
  id: `r_bench${i}`, type: RELATION_TYPES[i % RELATION_TYPES.length], source: { id: source }, target: { id: target },
  confidence: 0.3 + random() * 0.7, claim: ['ASSERTED', 'ALLEGED', 'SUSPECTED'][i % 3], evidenceCount: 1 + (i % 7), weight: null,
  firstSeen: '2024-10-08', lastSeen: '2025-05-20', status: 'AUTO', origin: 'EXTRACTED',
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
  // Cross links among the neighbours, so the layout has real structure.
  for (let i = 0; i < half / 2; i++) {
    const a = nodes[1 + Math.floor(random() * half)]!.id;
    const b = nodes[1 + Math.floor(random() * half)]!.id;
    if (a !== b) edges.push(relation(edgeCount++, a, b));
  }
  around[h] = { nodes, edges };
}
// The hubs know each other, so H2 is on the canvas after H1 is drawn.
around['State:H1']!.nodes.push(hubs['Group:H2']);
around['State:H1']!.edges.push(relation(edgeCount++, 'State:H1', 'Group:H2'));
around['Group:H2']!.nodes.push(hubs['State:H1']);

async function answer(route: Route): Promise<void> {
  const body = JSON.parse(route.request().postData() ?? '{}') as { query: string; variables: Record<string, string> };
  let data: unknown = {};
  if (body.query.includes('ExplorerViewer')) data = { viewer: { role: 'admin' } };
  else if (body.query.includes('ExplorerByIds')) {
    data = Object.fromEntries(Object.entries(body.variables).map(([alias, id]) => [alias, hubs[id as keyof typeof hubs] ?? null]));
  } else if (body.query.includes('ExplorerNeighbourhood')) {
    data = { neighbourhood: { ...around[body.variables.id!], truncated: false } };
  } else if (body.query.includes('ExplorerEntity')) {
    data = { entity: { ...hubs['State:H1'], id: body.variables.id, aliases: [], origin: 'EXTRACTED' }, timeline: [] };
  }
  await route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ data }) });
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const quantile = (xs: number[], q: number): number => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * q))]!;

/** Frame intervals (ms) while the mouse wheel-zooms and drags the canvas. */
async function interact(page: Page): Promise<number[]> {
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
  return page.evaluate(() => {
    const w = window as unknown as { __frames: number[]; __stop: boolean };
    w.__stop = true;
    return w.__frames.slice(1);
  });
}

const yoga = createYoga({ schema: makeExecutableSchema({ typeDefs: 'type Query { ok: Boolean }' }), plugins: [useExplorer()] });
const server = createServer(yoga);
await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
const address = server.address();
const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
const browser = await launchChromium();

const first: number[] = [];
const second: number[] = [];
const moved: number[] = [];
const explorerFrames: number[] = [];
const plainFrames: number[] = [];
let drawn = { nodes: 0, edges: 0 };
try {
  for (let r = 0; r < rounds; r++) {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.route('**/graphql', answer);
    await page.goto(`${url}/`);
    await idle(page);

    let t0 = performance.now();
    await page.evaluate(() => { location.hash = '#x=State%3AH1'; });
    await page.waitForFunction(() => window.__cy!.nodes().length > 1);
    await idle(page);
    first.push(performance.now() - t0);

    const before = await page.evaluate(() => Object.fromEntries(window.__cy!.nodes().map((n) => [n.id(), { ...n.position() }])));
    const hub = await screenPoint(page, 'Group:H2');
    t0 = performance.now();
    await page.mouse.dblclick(hub.x, hub.y);
    await page.waitForFunction(() => window.__cy!.getElementById('Group:H2').hasClass('expanded'));
    await idle(page);
    second.push(performance.now() - t0);
    const after = await page.evaluate(() => Object.fromEntries(window.__cy!.nodes().map((n) => [n.id(), { ...n.position() }])));
    moved.push(Object.entries(before).filter(([id, p]) => after[id]!.x !== p.x || after[id]!.y !== p.y).length);
    drawn = await page.evaluate(() => ({ nodes: window.__cy!.nodes().length, edges: window.__cy!.edges().length }));

    await page.evaluate(() => { window.__cy!.fit(undefined, 20); });
    explorerFrames.push(...await interact(page));
    // Baseline: the same canvas with cytoscape's defaults (no texture, edges drawn while moving).
    await page.evaluate(() => {
      const renderer = (window.__cy as unknown as { renderer(): { textureOnViewport: boolean; hideEdgesOnViewport: boolean } }).renderer();
      renderer.textureOnViewport = false;
      renderer.hideEdgesOnViewport = false;
      window.__cy!.fit(undefined, 20);
    });
    plainFrames.push(...await interact(page));
    await page.close();
  }
} finally {
  await browser.close();
  server.close();
}

const ms = (x: number) => `${x.toFixed(0).padStart(6)} ms`;
console.log(`canvas: ${drawn.nodes} entities, ${drawn.edges} links (generated), chromium software rendering, ${rounds} rounds`);
console.log(`first hub drawn (${half + 2} nodes, first layout)       ${ms(median(first))}  (median)`);
console.log(`second hub expanded (+${half} nodes beside them)       ${ms(median(second))}  (median); placed nodes moved: ${Math.max(...moved)}`);
const em = median(explorerFrames);
const pm = median(plainFrames);
const e95 = quantile(explorerFrames, 0.95);
const p95 = quantile(plainFrames, 0.95);
console.log(`frame while zooming/panning, explorer settings  median ${ms(em)}  p95 ${ms(e95)}  (${explorerFrames.length} frames)`);
console.log(`frame while zooming/panning, plain cytoscape    median ${ms(pm)}  p95 ${ms(p95)}  (${plainFrames.length} frames)`);
console.log(`ratio plain/explorer: median frame ${(pm / em).toFixed(2)}, p95 frame ${(p95 / e95).toFixed(2)} (> 1 means the explorer's settings keep it smoother)`);
