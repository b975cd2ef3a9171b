// Bounded work on the ingested sample corpus: the cost of a traversal grows with its hops and
// fan-out and is refused before it runs; a caller runs a few traversals at once; ingestArticle
// leaves the event loop free; watch subscriptions are capped, and so is what each remembers.
// And STRONGEST paths are simple paths, one per route.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { relationTypesArg } from '../../src/api/args.js';
import type { ApiKey } from '../../src/api/context.js';
import { createApi, type Api } from '../../src/api/server.js';
import { RelationWatch } from '../../src/api/watch.js';
import type { GraphExecutor } from '../../src/graph/executor.js';
import { changedRelations } from '../../src/graph/read.js';
import { PROJECT_ROOT } from '../../src/config.js';
import { countingGraph, data, eventually, gql, sampleCorpusApi } from './helpers.js';

let graph: GraphExecutor;
let api: Api;
beforeAll(async () => ({ graph, api } = await sampleCorpusApi()));
afterAll(() => graph.close());

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
    const r = await gql(api, 'query($steps: [TraverseStep!]!) { traverse(start: "State:RUS", steps: $steps) { score } }', {
      steps: Array(6).fill({ direction: 'BOTH' }),
    });
    expect(r.body.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
  });

  it("README's analyst queries and the saved investigations still pass", async () => {
    const readme = readFileSync(join(PROJECT_ROOT, 'README.md'), 'utf8');
    const examples = [...readme.matchAll(/```graphql\n([\s\S]*?)```/g)].map((m) => m[1]!);
    const saved = readdirSync(join(PROJECT_ROOT, 'queries'))
      .filter((f) => f.endsWith('.graphql'))
      .map((f) => readFileSync(join(PROJECT_ROOT, 'queries', f), 'utf8'));
    expect(examples.length).toBeGreaterThan(1);
    for (const query of [...examples, ...saved]) {
      const r = await gql(api, query);
      expect(r.body.errors, query.slice(0, 200)).toBeUndefined();
    }
    // and the shapes the API benchmark times
    await data(
      api,
      `{ ${traverse(['{relationTypes: [USES_PROXY, SUPPORTS]}', '{relationTypes: [RESPONSIBLE_FOR], entityTypes: [Case]}', '{relationTypes: [OCCURRED_IN]}'])} }`,
    );
    await data(
      api,
      '{ neighbourhood(id: "State:RUS", depth: 2, limit: 200) { nodes { id } } paths(from: "State:RUS", to: "State:GBR", maxHops: 4, strategy: STRONGEST, limit: 5) { score } }',
    );
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
    const gate = new Promise<void>((resolve) => {
      open = resolve;
    });
    const held = Object.create(graph) as GraphExecutor;
    let atGate = 0;
    held.read = (async (query) => {
      atGate++;
      await gate;
      return graph.read(query);
    }) as GraphExecutor['read'];
    const keys = new Map<string, ApiKey>([
      ['alice-key-123', { role: 'reader', name: 'alice' }],
      ['bob-key-4567', { role: 'reader', name: 'bob' }],
    ]);
    const gated = createApi({ graph: held, apiKeys: keys });
    const as = (key: string) => ({ authorization: `Bearer ${key}` });
    const Q = `{ ${traverse([STEP])} }`;
    const running = Array.from({ length: 4 }, () => gql(gated, Q, undefined, as('alice-key-123')));
    let fifth, bob;
    try {
      await eventually(
        async () => atGate,
        (n) => n >= 4,
      ); // the four hold their slots
      fifth = await gql(gated, Q, undefined, as('alice-key-123'));
      bob = gql(gated, Q, undefined, as('bob-key-4567'));
    } finally {
      open();
    }
    expect(fifth.status).toBe(429);
    expect(fifth.body.errors?.[0]?.message).toMatch(/traverse.*4, 4 running now/);
    for (const r of [...(await Promise.all(running)), await bob]) expect(r.body.errors).toBeUndefined();
    expect((await gql(gated, Q, undefined, as('alice-key-123'))).body.errors).toBeUndefined();
  });
});

describe('STRONGEST paths', () => {
  const Q = `query($to: ID!, $hops: Int) { paths(from: "State:RUS", to: $to, maxHops: $hops, strategy: STRONGEST, limit: 50) { nodes { id } relations { type } } }`;
  it.each([
    ['Case:parcel fires', 4],
    ['State:GBR', 4],
    ['State:GBR', 6],
    ['Group:internet research agency', 5],
  ])('from Russia to %s (maxHops %d) never visit an entity twice, and each route comes once', async (to, hops) => {
    const paths = (await data(api, Q, { to, hops })).paths as { nodes: { id: string }[] }[];
    expect(paths.length).toBeGreaterThan(0);
    const routes = paths.map((p) => p.nodes.map((n) => n.id));
    for (const route of routes) expect(new Set(route).size, route.join(' > ')).toBe(route.length);
    const keys = routes.map((r) => r.join('>'));
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe('ingestArticle and watch leave room for everyone else', () => {
  const INGEST = 'mutation($input: ArticleInput!) { ingestArticle(input: $input) { created article { id } } }';

  // Without the spaCy parser, extraction is all synchronous work (the parser's replies are the
  // only awaits): the case where extraction on the main thread held every request for seconds.
  const parserSetting = process.env.THREATGRAPH_PARSER;
  beforeAll(() => {
    process.env.THREATGRAPH_PARSER = 'off';
  });
  afterAll(() => {
    if (parserSetting === undefined) delete process.env.THREATGRAPH_PARSER;
    else process.env.THREATGRAPH_PARSER = parserSetting;
  });

  it('a 1 MB article is extracted off the main thread: {__typename} keeps answering while it is ingested', async () => {
    // The sample articles' prose, repeated to 1 MB (the API's largest article).
    const dir = join(PROJECT_ROOT, 'ingest');
    const prose = readdirSync(dir)
      .filter((f) => f.endsWith('.md'))
      .map((f) => readFileSync(join(dir, f), 'utf8').replace(/^---[\s\S]*?---\n/, ''))
      .join('\n\n');
    let text = '';
    for (let i = 0; text.length + prose.length < 1_000_000; i++) text += `\n\nPart ${i}.\n\n${prose}`;
    let done = false;
    const started = performance.now();
    const ingesting = gql(api, INGEST, { input: { title: 'A very long report', text, published: '2025-03-01' } }).finally(() => {
      done = true;
    });
    // How long each ask waits (a pause of 20 ms, then the request): a busy main thread delays
    // the timer as much as the answer.
    const waits: number[] = [];
    while (!done) {
      const t = performance.now();
      await new Promise((r) => setTimeout(r, 20));
      const r = await gql(api, '{ __typename }');
      expect(r.body.data).toEqual({ __typename: 'Query' });
      waits.push(performance.now() - t - 20);
    }
    const result = await ingesting;
    expect(result.body.errors).toBeUndefined();
    expect(result.body.data.ingestArticle.created).toBe(true);
    const took = performance.now() - started;
    // Extraction on the main thread held every request until it ended; off it, the slowest answer
    // is an order of magnitude below the ingest itself (relative, so a loaded machine cannot fail
    // it; the absolute figures belong to the benchmarks).
    expect(waits.length).toBeGreaterThan(5);
    expect(Math.max(...waits)).toBeLessThan(took / 10);
  }, 240_000);
});

describe('watch subscriptions are capped', () => {
  const WATCH = 'subscription { watch(entity: "State:RUS") { kind } }';
  const keys = new Map<string, ApiKey>([
    ['alice-key-123', { role: 'reader', name: 'alice' }],
    ['bob-key-4567', { role: 'reader', name: 'bob' }],
    ['carol-key-89', { role: 'reader', name: 'carol' }],
  ]);
  const open = async (api: Api, key: string) => {
    const controller = new AbortController();
    const response = await api.fetch('http://localhost/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream', authorization: `Bearer ${key}` },
      body: JSON.stringify({ query: WATCH }),
      signal: controller.signal,
    });
    // Read as a client does (the stream is pulled only while read).
    if (response.status === 200)
      void response
        .clone()
        .text()
        .catch(() => {});
    return { response, close: () => controller.abort() };
  };

  it('per caller and in all, beyond which a watch is TOO_MANY_REQUESTS; closing one frees its place', async () => {
    const counted = countingGraph(graph);
    const api = createApi({ graph: counted.graph, apiKeys: keys, watch: { intervalMs: 200 }, limits: { maxWatchesPerCaller: 2, maxWatches: 3 } });
    const a1 = await open(api, 'alice-key-123');
    const a2 = await open(api, 'alice-key-123');
    const opened = [a1, a2];
    try {
      const a3 = await open(api, 'alice-key-123');
      expect(a3.response.status).toBe(429);
      expect(await a3.response.text()).toMatch(/watch: a caller may keep 2 subscriptions open.*TOO_MANY_REQUESTS/);
      const b1 = await open(api, 'bob-key-4567');
      opened.push(b1);
      expect(b1.response.status).toBe(200);
      const c1 = await open(api, 'carol-key-89');
      expect(c1.response.status).toBe(429);
      expect(await c1.response.text()).toMatch(/watch: the server keeps at most 3 subscriptions open.*TOO_MANY_REQUESTS/);

      a1.close();
      // the place is free once the closed stream's generator has returned
      const again = await eventually(
        () => open(api, 'carol-key-89'),
        (o) => o.response.status !== 429,
      );
      opened.push(again);
      expect(again.response.status).toBe(200);
    } finally {
      for (const o of opened) o.close();
      await eventually(
        async () => counted.inFlight(),
        (n) => n === 0,
      ); // their last polls end before the graph closes
    }
  });
});

describe('what a watch remembers is bounded', () => {
  it('keeps at most maxRemembered relations however many change, and still reports each version once', async () => {
    const args = { id: 'State:RUS', depth: 1, types: relationTypesArg('relationTypes', null), minConfidence: 0 };
    const ids = (await changedRelations(graph, args, -1, 8)).map((r) => r.relation.id);
    expect(ids).toHaveLength(8); // more than the watch may remember
    // A look-back of 1 ms: the versions a poll can read again are the latest touch's alone.
    const watch = await RelationWatch.start(graph, args, { lookBackMs: 1, maxRemembered: 3 });
    // `AUTO` is the sample corpus's status: each touch changes `updatedAt` alone
    const touch = (id: string) => data(api, 'mutation($id: ID!) { setRelationStatus(id: $id, status: AUTO) { id } }', { id });
    const remembered: number[] = [];
    for (const id of ids) {
      await touch(id);
      expect((await watch.poll()).map((c) => c.row.relation.id)).toEqual([id]);
      remembered.push(watch.remembered);
    }
    expect(Math.max(...remembered)).toBeLessThanOrEqual(3);
    // the latest relation is remembered: its next version is CHANGED; the first was forgotten, so ADDED
    await touch(ids.at(-1)!);
    expect((await watch.poll()).map((c) => [c.row.relation.id, c.kind])).toEqual([[ids.at(-1), 'CHANGED']]);
    await touch(ids[0]!);
    expect((await watch.poll()).map((c) => [c.row.relation.id, c.kind])).toEqual([[ids[0], 'ADDED']]);
    expect(watch.remembered).toBeLessThanOrEqual(3);
  });
});

describe('a watch pages through what changed', () => {
  const args = { id: 'State:RUS', depth: 1, types: relationTypesArg('relationTypes', null), minConfidence: 0 };
  const touch = (id: string) => data(api, 'mutation($id: ID!) { setRelationStatus(id: $id, status: AUTO) { id } }', { id });

  it('more changes within the look-back than a page holds are each reported once, a few pages a poll', async () => {
    const ids = (await changedRelations(graph, args, -1, 12)).map((r) => r.relation.id);
    expect(ids).toHaveLength(12); // more than two pages of 5
    const counted = countingGraph(graph);
    // A look-back of an hour: the baseline and every touch below stay in the window each poll
    // reads again, so its first pages are versions already seen. A poll that read one page of
    // them from the start of the window reported nothing new, however many polls came.
    const watch = await RelationWatch.start(counted.graph, args, { lookBackMs: 3_600_000, pageSize: 5, pagesPerPoll: 2 });
    for (const id of ids) await touch(id);
    const reported: string[] = [];
    const poll = async () => {
      counted.reset();
      const changes = await watch.poll();
      expect(counted.count()).toBeLessThanOrEqual(2); // pages a poll
      expect(changes.length).toBeLessThanOrEqual(10);
      for (const c of changes) reported.push(`${c.row.relation.id} ${c.kind}`);
    };
    for (let i = 0; i < 100 && reported.length < ids.length; i++) await poll();
    expect(reported.sort()).toEqual(ids.map((id) => `${id} CHANGED`).sort());

    // A later version of one already reported is reported once more (wherever the scan stopped).
    await touch(ids[0]!);
    for (let i = 0; i < 100 && reported.length <= ids.length; i++) await poll();
    expect(reported.slice(ids.length)).toEqual([`${ids[0]} CHANGED`]);
    // and whole scans later, nothing more
    for (let i = 0; i < 20; i++) await poll();
    expect(reported).toHaveLength(ids.length + 1);
  });

  it.each([
    ['pageSize', { pageSize: 0 }, 'pageSize must be a positive integer, got 0'],
    ['pageSize', { pageSize: 2.5 }, 'pageSize must be a positive integer, got 2.5'],
    ['pagesPerPoll', { pagesPerPoll: -1 }, 'pagesPerPoll must be a positive integer, got -1'],
  ])('a bad %s is refused, named, before the graph is read', async (_, options, message) => {
    const counted = countingGraph(graph);
    await expect(RelationWatch.start(counted.graph, args, options)).rejects.toThrow(`[threatgraph] [config] watch.${message}`);
    expect(() => createApi({ graph: counted.graph, apiKeys: null, watch: options })).toThrow(`watch.${message}`);
    expect(counted.count()).toBe(0);
  });
});

describe("a watch's starting snapshot", () => {
  const HUB = 'Group:watch snapshot hub';
  const args = { id: HUB, depth: 1, types: relationTypesArg('relationTypes', null), minConfidence: 0 };
  // A hub with `n` links, one a second apart, the last changed `now`.
  const build = async (n: number, now: number) => {
    await graph.write({
      cypher: `CREATE (h:Entity:Group {id: $hub, name: 'watch snapshot hub', type: 'Group'})
               WITH h UNWIND range(1, $n) AS i
               CREATE (h)-[:SUPPORTS {id: 'watch-snapshot-' + i, confidence: 0.9, status: 'auto', updatedAt: $now - 1000 * ($n - i)}]->
                      (:Entity:Group {id: 'Group:watch snapshot ' + i, name: 'watch snapshot ' + i, type: 'Group'})`,
      params: { hub: HUB, n, now },
    });
  };
  const drop = () => graph.write({ cypher: "MATCH (n:Entity) WHERE n.id STARTS WITH 'Group:watch snapshot' DETACH DELETE n" });
  const touch = (id: string) => data(api, 'mutation($id: ID!) { setRelationStatus(id: $id, status: AUTO) { id } }', { id });

  it('holds the newest relations of a neighbourhood with more than 5,000: none that was there is reported', async () => {
    // the snapshot once read the oldest 5,000, and the first polls reported the newest 1,000 as ADDED
    await build(6000, Date.now());
    try {
      const watch = await RelationWatch.start(graph, args);
      expect(watch.remembered).toBe(6000);
      for (let i = 0; i < 3; i++) expect(await watch.poll()).toEqual([]);
      await touch('watch-snapshot-6000');
      expect((await watch.poll()).map((c) => [c.row.relation.id, c.kind])).toEqual([['watch-snapshot-6000', 'CHANGED']]);
    } finally {
      await drop();
    }
  }, 120_000);

  it('past maxRemembered, pages on through what the look-back holds, and forgets only what lies before it', async () => {
    await build(400, Date.now());
    try {
      // the newest 100, then pages of 50 down to the look-back's start: 300 s of links a second apart
      const counted = countingGraph(graph);
      const watch = await RelationWatch.start(counted.graph, args, { maxRemembered: 100, pageSize: 50, lookBackMs: 300_500 });
      expect(counted.count()).toBe(1 + 5); // the last page reaches past the look-back
      expect(watch.remembered).toBe(301);
      for (let i = 0; i < 3; i++) expect(await watch.poll()).toEqual([]);
      await touch('watch-snapshot-350');
      await touch('watch-snapshot-1');
      expect((await watch.poll()).map((c) => [c.row.relation.id, c.kind])).toEqual([
        ['watch-snapshot-350', 'CHANGED'],
        ['watch-snapshot-1', 'ADDED'],
      ]);
    } finally {
      await drop();
    }
  }, 120_000);
});
