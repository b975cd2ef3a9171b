// Bounded work on the ingested sample corpus: the cost of a traversal grows with its hops and
// fan-out and is refused before it runs; a caller runs a few traversals at once. And STRONGEST
// paths are simple paths, one per route.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiKey } from '../../src/api/context.js';
import { createApi, type Api } from '../../src/api/server.js';
import type { GraphExecutor } from '../../src/graph/executor.js';
import { PROJECT_ROOT } from '../../src/neo4j/local.js';
import { ingestSampleCorpus, testGraph } from '../helpers/graph.js';
import { countingGraph, data, gql } from './helpers.js';

let graph: GraphExecutor;
let api: Api;
beforeAll(async () => {
  graph = await testGraph();
  await ingestSampleCorpus(graph);
  api = createApi({ graph, apiKeys: null });
});
afterAll(async () => { await graph.close(); });

const STEP = '{direction: BOTH}';
const ASSOCIATED = '{relationTypes: [ASSOCIATED_WITH], direction: BOTH}';
const traverse = (steps: string[], alias = '') => `${alias ? `${alias}: ` : ''}traverse(start: "State:RUS", steps: [${steps.join(', ')}], limit: 5) { score }`;

describe('the cost of a traversal reflects hops × fan-out', () => {
  it.each([
    ['a six-step traverse', `{ ${traverse(Array(6).fill(STEP))} }`],
    ['a five-step traverse', `{ ${traverse(Array(5).fill(STEP))} }`],
    ['three ASSOCIATED_WITH steps from a busy State', `{ ${traverse(Array(3).fill(ASSOCIATED))} }`],
    ['paths over ASSOCIATED_WITH, 6 hops', '{ paths(from: "State:RUS", to: "State:GBR", maxHops: 6, relationTypes: [ASSOCIATED_WITH]) { score } }'],
    ['three aliases of a four-step traverse (each within the limit)', `{ ${['a', 'b', 'c'].map((a) => traverse(Array(4).fill(STEP), a)).join(' ')} }`],
  ])('%s is refused before it runs, the field named', async (_, query) => {
    const counting = countingGraph(graph);
    const r = await gql(createApi({ graph: counting.graph, apiKeys: null }), query);
    expect(r.status).toBe(400);
    expect(r.body.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
    expect(r.body.errors?.[0]?.message).toMatch(/graph work.*(traverse|paths)/);
    expect(counting.count()).toBe(0);
  });

  it('steps given as variables count the same', async () => {
    const r = await gql(api, 'query($steps: [TraverseStep!]!) { traverse(start: "State:RUS", steps: $steps) { score } }', { steps: Array(6).fill({ direction: 'BOTH' }) });
    expect(r.body.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
  });

  it("README's analyst queries and the saved investigations still pass", async () => {
    const readme = readFileSync(join(PROJECT_ROOT, 'README.md'), 'utf8');
    const examples = [...readme.matchAll(/```graphql\n([\s\S]*?)```/g)].map((m) => m[1]!);
    const saved = readdirSync(join(PROJECT_ROOT, 'queries')).filter((f) => f.endsWith('.graphql')).map((f) => readFileSync(join(PROJECT_ROOT, 'queries', f), 'utf8'));
    expect(examples.length).toBeGreaterThan(1);
    for (const query of [...examples, ...saved]) {
      const r = await gql(api, query);
      expect(r.body.errors, query.slice(0, 200)).toBeUndefined();
    }
    // and the shapes the API benchmark times
    await data(api, `{ ${traverse(['{relationTypes: [USES_PROXY, SUPPORTS]}', '{relationTypes: [RESPONSIBLE_FOR], entityTypes: [Case]}', '{relationTypes: [OCCURRED_IN]}'])} }`);
    await data(api, '{ neighbourhood(id: "State:RUS", depth: 2, limit: 200) { nodes { id } } paths(from: "State:RUS", to: "State:GBR", maxHops: 4, strategy: STRONGEST, limit: 5) { score } }');
  });
});

describe('a caller runs a bounded number of traversals at once', () => {
  it('fifteen aliases of a traverse are TOO_MANY_REQUESTS (429), each alias counted, nothing run', async () => {
    const counting = countingGraph(graph);
    const aliases = Array.from({ length: 15 }, (_, i) => traverse([STEP, STEP], `t${i}`)).join(' ');
    const r = await gql(createApi({ graph: counting.graph, apiKeys: null }), `{ ${aliases} }`);
    expect(r.status).toBe(429);
    expect(r.body.errors?.[0]?.extensions?.code).toBe('TOO_MANY_REQUESTS');
    expect(r.body.errors?.[0]?.message).toMatch(/t0: traverse.*at once/);
    expect(counting.count()).toBe(0);
  });

  it('a fifth concurrent traversal of one caller is refused while another caller is served; the slots come back', async () => {
    let open!: () => void;
    const gate = new Promise<void>((resolve) => { open = resolve; });
    const held = Object.create(graph) as GraphExecutor;
    held.read = (async (query) => { await gate; return graph.read(query); }) as GraphExecutor['read'];
    const keys = new Map<string, ApiKey>([['alice-key-123', { role: 'reader', name: 'alice' }], ['bob-key-4567', { role: 'reader', name: 'bob' }]]);
    const gated = createApi({ graph: held, apiKeys: keys });
    const as = (key: string) => ({ authorization: `Bearer ${key}` });
    const Q = `{ ${traverse([STEP])} }`;
    const running = Array.from({ length: 4 }, () => gql(gated, Q, undefined, as('alice-key-123')));
    let fifth, bob;
    try {
      await new Promise((r) => setTimeout(r, 50));
      fifth = await gql(gated, Q, undefined, as('alice-key-123'));
      bob = gql(gated, Q, undefined, as('bob-key-4567'));
    } finally {
      open();
    }
    expect(fifth.status).toBe(429);
    expect(fifth.body.errors?.[0]?.message).toMatch(/traverse.*4, 4 running now/);
    for (const r of [...await Promise.all(running), await bob]) expect(r.body.errors).toBeUndefined();
    expect((await gql(gated, Q, undefined, as('alice-key-123'))).body.errors).toBeUndefined();
  });
});

describe('STRONGEST paths', () => {
  const Q = `query($to: ID!, $hops: Int) { paths(from: "State:RUS", to: $to, maxHops: $hops, strategy: STRONGEST, limit: 50) { nodes { id } relations { type } } }`;
  it.each([['Case:parcel fires', 4], ['State:GBR', 4], ['State:GBR', 6], ['Group:internet research agency', 5]])('from Russia to %s (maxHops %d) never visit an entity twice, and each route comes once', async (to, hops) => {
    const paths = (await data(api, Q, { to, hops })).paths as { nodes: { id: string }[] }[];
    expect(paths.length).toBeGreaterThan(0);
    const routes = paths.map((p) => p.nodes.map((n) => n.id));
    for (const route of routes) expect(new Set(route).size, route.join(' > ')).toBe(route.length);
    const keys = routes.map((r) => r.join('>'));
    expect(new Set(keys).size).toBe(keys.length);
  });
});
