// npm run bench:api [-- --articles N] [--runs N]: builds a graph from the ingestion benchmark's
// generator in a throw-away local Neo4j, serves the API on 127.0.0.1, and prints p50/p95 of
// search, neighbourhood depth 2 (at the default 500 links and at 1,000), paths maxHops 4 and a
// three-step traverse, through GraphQL over HTTP and for the same Cypher run directly with the
// driver, and their ratio. Then the work
// limit: the largest shapes it lets through, timed; the expensive ones (a six-step traverse,
// ASSOCIATED_WITH steps from the busiest State, fifteen aliases) refused, with how long their
// Cypher takes when run anyway; and README's analyst queries and the saved investigations
// answered (the sample corpus is ingested too).
// The bulk build holds the whole load's rows in memory (100,000 articles need more than Node's
// default heap): like `threatgraph ingest --bulk` it runs itself again with half the machine's
// memory, at most 16 GiB (bin/heap.mjs), unless NODE_OPTIONS or a node flag gives a heap. Neo4j
// gets NEO4J_HEAP and NEO4J_PAGECACHE (1g and 512m unless set); --keep leaves the store's folder
// (printed) for profiling, instead of removing it.
import { getHeapStatistics } from 'node:v8';
import { runAgainWithBulkHeap } from '../bin/heap.mjs';
import { readdirSync, readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { createApi, listen } from '../src/api/server.js';
import { createDriver, GraphExecutor, run, type CypherQuery } from '../src/graph/executor.js';
import { RELATION_TYPES } from '../src/ontology.js';
import { searchEntities } from '../src/graph/queries/entities.js';
import { NEIGHBOURHOOD_EDGE_LIMIT, neighbourhood, paths, traverse } from '../src/graph/queries/subgraph.js';
import { migrateSchema } from '../src/graph/schema.js';
import { bulkIngestArticles } from '../src/ingest/bulk.js';
import { ingestSources } from '../src/ingest/pipeline.js';
import { PROJECT_ROOT } from '../src/config.js';
import { freePort, startLocal, stopChild } from '../src/neo4j/local.js';
import { generateCorpus } from './generate-corpus.js';

runAgainWithBulkHeap(process.argv[1]!, ['--bulk']);

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const value = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isInteger(value) || value < 1) throw new Error(`[threatgraph] [bench] --${name} must be a positive integer`);
  return value;
}

const ARTICLES = arg('articles', 3000);
const RUNS = arg('runs', 60);
const KEEP = process.argv.includes('--keep');
const NEO4J_HEAP = process.env.NEO4J_HEAP ?? '1g';
const NEO4J_PAGECACHE = process.env.NEO4J_PAGECACHE ?? '512m';

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}

type Timing = { p50: number; p95: number };

/**
 * Times two ways of doing the same thing, alternating run by run, so that load from other
 * processes on the machine falls on both alike and their ratio stays meaningful.
 */
async function timePair(runs: number, a: () => Promise<unknown>, b: () => Promise<unknown>): Promise<[Timing, Timing]> {
  for (let i = 0; i < 5; i++) {
    await a();
    await b();
  }
  const ms: [number[], number[]] = [[], []];
  for (let i = 0; i < runs; i++) {
    for (const [k, fn] of [
      [0, a],
      [1, b],
    ] as const) {
      const t = performance.now();
      await fn();
      ms[k].push(performance.now() - t);
    }
  }
  return ms.map((list) => {
    list.sort((x, y) => x - y);
    return { p50: percentile(list, 0.5), p95: percentile(list, 0.95) };
  }) as [Timing, Timing];
}

const dataDir = mkdtempSync(join(tmpdir(), 'threatgraph-bench-api-'));
const port = await freePort();
// The generated graph is built through the bulk path (neo4j-admin import into the empty store).
const t0 = performance.now();
const summary = await bulkIngestArticles(generateCorpus({ articles: ARTICLES, seed: 7 }), {
  count: ARTICLES,
  env: {
    ...process.env,
    NEO4J_URI: '',
    THREATGRAPH_DATA_DIR: dataDir,
    NEO4J_LOCAL_PORT: String(port),
    NEO4J_PASSWORD: 'bench-api',
    NEO4J_HEAP,
    NEO4J_PAGECACHE,
  },
});
const running = await startLocal({ dataDir, port, heap: NEO4J_HEAP, pageCache: NEO4J_PAGECACHE }, { password: 'bench-api', attached: true });
const graph = new GraphExecutor(createDriver(running.uri, running.user, running.password), running.uri);
let server: Awaited<ReturnType<typeof listen>>['server'] | undefined;
try {
  await migrateSchema(graph);
  const sample = await ingestSources(graph, [join(PROJECT_ROOT, 'ingest')]); // what README's queries ask about
  // (at 100,000 articles the graph once ended without them, and nothing said so)
  console.log(
    `sample corpus: ${sample.articles.new} new, ${sample.articles.unchanged} unchanged, ${sample.articles.failed} failed in ${sample.seconds.toFixed(1)} s${sample.error ? `; stopped: ${sample.error}` : ''}${sample.failures[0] ? `; first failure ${sample.failures[0].source}: ${sample.failures[0].reason.slice(0, 300)}` : ''}`,
  );
  const [size] = await graph.read<{ entities: number; relations: number }>({
    cypher:
      'CALL { MATCH (n:Entity) RETURN count(n) AS entities } CALL { MATCH (:Entity)-[r]->(:Entity) RETURN count(r) AS relations } RETURN entities, relations',
  });
  console.log(
    `graph: ${ARTICLES} generated articles (${summary.articles.new} new, bulk path, extraction ${process.env.THREATGRAPH_PARSER === 'off' ? 'rules only' : 'with the parser'}) → ${size?.entities} entities, ${size?.relations} relationships, built in ${((performance.now() - t0) / 1000).toFixed(0)} s; Node heap limit ${(getHeapStatistics().heap_size_limit / 2 ** 20).toFixed(0)} MiB, Neo4j heap ${NEO4J_HEAP}, page cache ${NEO4J_PAGECACHE}`,
  );

  // Starts and ends: the best connected State, and for paths a well connected pair.
  const states = await graph.read<{ id: string; name: string }>({
    cypher: 'MATCH (n:State) RETURN n.id AS id, n.name AS name ORDER BY COUNT { (n)--() } DESC LIMIT 6',
  });
  const cases = await graph.read<{ id: string }>({ cypher: 'MATCH (n:Case) RETURN n.id AS id ORDER BY COUNT { (n)--() } DESC LIMIT 3' });
  const start = states[0]!;
  const far = cases[0] ?? states[1]!;
  const filter = { types: [...RELATION_TYPES], minConfidence: 0, includeRejected: false, since: null, until: null };
  const steps = [
    { types: ['USES_PROXY', 'SUPPORTS'] as (typeof RELATION_TYPES)[number][], direction: 'OUT' as const, entityTypes: null },
    { types: ['RESPONSIBLE_FOR'] as (typeof RELATION_TYPES)[number][], direction: 'OUT' as const, entityTypes: ['Case' as const] },
    { types: ['OCCURRED_IN'] as (typeof RELATION_TYPES)[number][], direction: 'OUT' as const, entityTypes: null },
  ];

  const api = createApi({ graph, apiKeys: null, graphiql: false });
  const listening = await listen(api, 0);
  server = listening.server;
  const endpoint = `${listening.url}/graphql`;
  // A plain keep-alive HTTP client, as a service calling the API would use.
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const target = new URL(endpoint);
  const send = (query: string) =>
    new Promise<{ status: number; body: { errors?: { message: string; extensions?: { code?: string } }[] } }>((done, fail) => {
      const payload = JSON.stringify({ query });
      const req = request(
        {
          host: '127.0.0.1',
          port: target.port,
          path: target.pathname,
          method: 'POST',
          agent,
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) },
        },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk) => {
            text += chunk;
          });
          res.on('end', () => done({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
        },
      );
      req.on('error', fail);
      req.end(payload);
    });
  const post = async (query: string) => {
    const { body } = await send(query);
    if (body.errors) throw new Error(`[threatgraph] [bench] ${JSON.stringify(body.errors)}`);
  };
  const direct = (query: CypherQuery) => () => graph.read(query);

  const name = start.name.slice(0, 4);
  // neighbourhood depth 2 at limit 200 from the busiest State, as the GraphQL queries below ask it
  const around = (edgeLimit: number, edgeFields?: string[]): CypherQuery =>
    neighbourhood({ id: start.id, depth: 2, entityTypes: null, limit: 200, edgeLimit, edgeFields, ...filter });
  const edgeFields = ['id', 'type', 'source', 'target', 'confidence'];
  const cases_: [string, string, CypherQuery][] = [
    [`search "${name}"`, `{ search(text: "${name}", first: 10) { edges { score node { id name type } } } }`, searchEntities(name, null, 0, 10)],
    [
      'neighbourhood depth 2',
      `{ neighbourhood(id: "${start.id}", depth: 2, limit: 200) { truncated nodes { id name type } edges { id type source { id } target { id } confidence } } }`,
      around(NEIGHBOURHOOD_EDGE_LIMIT, edgeFields), // the API's default, as the GraphQL query asks
    ],
    [
      '  the same, 1,000 links',
      `{ neighbourhood(id: "${start.id}", depth: 2, limit: 200, edgeLimit: 1000) { truncated nodes { id name type } edges { id type source { id } target { id } confidence } } }`,
      around(1000, edgeFields), // the default before it was NEIGHBOURHOOD_EDGE_LIMIT
    ],
    [
      'paths maxHops 4',
      `{ paths(from: "${start.id}", to: "${far.id}", maxHops: 4, strategy: STRONGEST, limit: 5) { score nodes { id name } relations { id type confidence } } }`,
      paths({ from: start.id, to: far.id, maxHops: 4, excludeHubs: false, hubDegree: 25, strategy: 'STRONGEST', limit: 5, ...filter }),
    ],
    [
      'traverse 3 steps',
      `{ traverse(start: "${start.id}", steps: [{relationTypes: [USES_PROXY, SUPPORTS]}, {relationTypes: [RESPONSIBLE_FOR], entityTypes: [Case]}, {relationTypes: [OCCURRED_IN]}], limit: 50) { score nodes { id name } relations { id type } } }`,
      traverse({ start: start.id, steps, minConfidence: 0, includeRejected: false, limit: 50 }),
    ],
  ];

  console.log(`start ${start.id}, path target ${far.id}; ${RUNS} runs each after 5 warm-up runs, one client at a time, GraphQL and Cypher runs alternating\n`);
  console.log('operation                 GraphQL p50   p95   | Cypher p50   p95   | ratio p50  p95');
  const [floor] = await timePair(
    RUNS,
    () => post('{ __typename }'),
    async () => {},
  );
  console.log(`${'HTTP round trip {__typename}'.padEnd(24)}  ${floor.p50.toFixed(1).padStart(8)} ${floor.p95.toFixed(1).padStart(6)} |`);
  for (const [label, query, cypher] of cases_) {
    const [viaApi, viaDriver] = await timePair(RUNS, () => post(query), direct(cypher));
    console.log(
      `${label.padEnd(24)}  ${viaApi.p50.toFixed(1).padStart(8)} ${viaApi.p95.toFixed(1).padStart(6)} | ${viaDriver.p50.toFixed(1).padStart(9)} ${viaDriver.p95.toFixed(1).padStart(6)} | ${(viaApi.p50 / viaDriver.p50).toFixed(2).padStart(8)} ${(viaApi.p95 / viaDriver.p95).toFixed(2).padStart(5)}`,
    );
  }
  // Before the API projected only the edge fields asked for, the same answer read every property.
  const [lean, whole] = await timePair(RUNS, direct(cases_[1]![2]), direct(around(NEIGHBOURHOOD_EDGE_LIMIT)));
  console.log(
    `${'  every edge property'.padEnd(24)}  ${''.padStart(15)} | ${whole.p50.toFixed(1).padStart(9)} ${whole.p95.toFixed(1).padStart(6)} | (the fields asked for: ${lean.p50.toFixed(1)} / ${lean.p95.toFixed(1)}, alternating)`,
  );
  // Before single-query reads ran as auto-commit transactions: a managed one, with its COMMIT.
  const [autoCommit, managed] = await timePair(RUNS, direct(cases_[0]![2]), () => graph.readTx((tx) => run(tx, cases_[0]![2])));
  console.log(
    `${'  search, managed tx'.padEnd(24)}  ${''.padStart(15)} | ${managed.p50.toFixed(1).padStart(9)} ${managed.p95.toFixed(1).padStart(6)} | (auto-commit: ${autoCommit.p50.toFixed(1)} / ${autoCommit.p95.toFixed(1)}, alternating)`,
  );
  console.log('\ntargets: GraphQL within 1.3× of Cypher; neighbourhood depth 2 p95 < 50 ms; paths maxHops 4 p95 < 100 ms (all in ms)');

  // The cost limit: what it refuses, and what the refused Cypher would have cost.
  const BOTH = { types: [...RELATION_TYPES], direction: 'BOTH' as const, entityTypes: null };
  const ASSOCIATED = { types: ['ASSOCIATED_WITH' as const], direction: 'BOTH' as const, entityTypes: null };
  const stepsText = (n: number, step: string) => Array(n).fill(step).join(', ');
  const threeSteps = '{relationTypes: [USES_PROXY, SUPPORTS]}, {relationTypes: [RESPONSIBLE_FOR], entityTypes: [Case]}, {relationTypes: [OCCURRED_IN]}';
  const refused: [string, string, CypherQuery | null][] = [
    [
      'six-step traverse',
      `{ traverse(start: "${start.id}", steps: [${stepsText(6, '{direction: BOTH}')}], limit: 5) { score } }`,
      traverse({ start: start.id, steps: Array(6).fill(BOTH), minConfidence: 0, includeRejected: false, limit: 5 }),
    ],
    [
      '3 ASSOCIATED_WITH steps',
      `{ traverse(start: "${start.id}", steps: [${stepsText(3, '{relationTypes: [ASSOCIATED_WITH], direction: BOTH}')}], limit: 5) { score } }`,
      traverse({ start: start.id, steps: Array(3).fill(ASSOCIATED), minConfidence: 0, includeRejected: false, limit: 5 }),
    ],
    [
      '15 aliases, 3-step traverse',
      `{ ${Array.from({ length: 15 }, (_, i) => `t${i}: traverse(start: "${start.id}", steps: [${threeSteps}], limit: 50) { score }`).join(' ')} }`,
      null,
    ],
  ];
  // The most the limit lets through, timed the same way.
  const edge: [string, string][] = [
    ['traverse, 4 typed steps', `{ traverse(start: "${start.id}", steps: [${stepsText(4, '{direction: BOTH}')}], limit: 50) { score nodes { id } } }`],
    [
      'traverse, 2 ASSOCIATED_WITH steps',
      `{ traverse(start: "${start.id}", steps: [${stepsText(2, '{relationTypes: [ASSOCIATED_WITH], direction: BOTH}')}], limit: 50) { score nodes { id } } }`,
    ],
    [
      '4 aliases of a 3-step traverse',
      `{ ${Array.from({ length: 4 }, (_, i) => `t${i}: traverse(start: "${start.id}", steps: [${threeSteps}], limit: 50) { score }`).join(' ')} }`,
    ],
    ['paths maxHops 6', `{ paths(from: "${start.id}", to: "${far.id}", maxHops: 6, strategy: STRONGEST, limit: 5) { score } }`],
  ];
  console.log('\nallowed, at the edge of the limit      p50    p95 (ms)');
  for (const [label, query] of edge) {
    try {
      const [timing] = await timePair(
        Math.min(RUNS, 10),
        () => post(query),
        async () => {},
      );
      console.log(`${label.padEnd(36)} ${timing.p50.toFixed(0).padStart(6)} ${timing.p95.toFixed(0).padStart(6)}`);
    } catch (error) {
      console.log(`${label.padEnd(36)} failed: ${(error as Error).message.slice(0, 160)}`);
    }
  }

  console.log('\nrefused by the cost limit         HTTP  code                 refused in | its Cypher run anyway');
  for (const [label, query, cypher] of refused) {
    const t = performance.now();
    const { status, body } = await send(query);
    const ms = performance.now() - t;
    let direct = '';
    if (cypher) {
      const t1 = performance.now();
      try {
        await graph.read(cypher);
        direct = `${((performance.now() - t1) / 1000).toFixed(1)} s`;
      } catch (error) {
        direct = `failed after ${((performance.now() - t1) / 1000).toFixed(1)} s (${(error as Error).message.slice(0, 60)})`;
      }
    }
    console.log(
      `${label.padEnd(32)}  ${String(status).padEnd(4)}  ${String(body.errors?.[0]?.extensions?.code).padEnd(19)}  ${ms.toFixed(1).padStart(7)} ms | ${direct || '—'}`,
    );
  }

  // README's analyst queries and the saved investigations still pass the limits.
  const readme = readFileSync(join(PROJECT_ROOT, 'README.md'), 'utf8');
  const analyst: [string, string][] = [
    ...[...readme.matchAll(/```graphql\n([\s\S]*?)```/g)].map((m, i): [string, string] => [`README example ${i + 1}`, m[1]!]),
    ...readdirSync(join(PROJECT_ROOT, 'queries'))
      .filter((f) => f.endsWith('.graphql'))
      .map((f): [string, string] => [`queries/${f}`, readFileSync(join(PROJECT_ROOT, 'queries', f), 'utf8')]),
  ];
  console.log('\nanalyst queries                       HTTP  errors   ms');
  for (const [label, query] of analyst) {
    const t = performance.now();
    const { status, body } = await send(query);
    console.log(
      `${label.padEnd(36)}  ${String(status).padEnd(4)}  ${String(body.errors?.length ?? 0).padEnd(6)} ${(performance.now() - t).toFixed(1).padStart(6)}${body.errors ? `  ${body.errors[0]!.message.slice(0, 100)}` : ''}`,
    );
  }
} finally {
  if (server) {
    server.closeAllConnections();
    await new Promise((r) => server!.close(r));
  }
  await graph.close();
  if (running.child) await stopChild(running.child);
  if (KEEP) console.log(`\nthe store is kept in ${dataDir} (port ${port}, password bench-api)`);
  else rmSync(dataDir, { recursive: true, force: true });
}
