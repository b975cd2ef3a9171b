// Calls the API in-process (yoga.fetch) the way a client does over HTTP, and sets up the API
// over the sample corpus the way most API test files start.
import { createApi, type Api, type ApiOptions } from '../../src/api/server.js';
import type { CypherQuery, GraphExecutor } from '../../src/graph/executor.js';
import { ingestSampleCorpus, testGraph } from '../helpers/graph.js';

/**
 * The sample corpus (ingest/) ingested into an emptied test graph, and the API over it with no
 * keys (loopback callers only) unless `options` says otherwise. Close the graph in afterAll.
 */
export async function sampleCorpusApi(options: Omit<ApiOptions, 'graph'> = {}): Promise<{ graph: GraphExecutor; api: Api }> {
  const graph = await testGraph();
  await ingestSampleCorpus(graph);
  return { graph, api: createApi({ apiKeys: null, ...options, graph }) };
}

export interface GqlResult<T = any> {
  status: number;
  body: { data?: T; errors?: { message: string; extensions?: { code?: string } }[] };
}

export async function gql<T = any>(
  api: Api,
  query: string,
  variables?: Record<string, unknown>,
  headers: Record<string, string> = {},
  serverContext?: Record<string, unknown>,
): Promise<GqlResult<T>> {
  const response = await api.fetch(
    'http://localhost/graphql',
    {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...headers },
      body: JSON.stringify({ query, variables }),
    },
    serverContext ?? {},
  );
  return { status: response.status, body: (await response.json()) as GqlResult<T>['body'] };
}

/** The data of a successful call; fails the test with the errors otherwise. */
export async function data<T = any>(api: Api, query: string, variables?: Record<string, unknown>): Promise<T> {
  const result = await gql<T>(api, query, variables);
  if (result.body.errors?.length || !result.body.data) throw new Error(`GraphQL errors: ${JSON.stringify(result.body.errors)}`);
  return result.body.data;
}

/** A GraphExecutor wrapper that counts the queries run through it and those still running. */
export function countingGraph(graph: GraphExecutor): { graph: GraphExecutor; count: () => number; inFlight: () => number; reset: () => void } {
  let n = 0;
  let running = 0;
  const counted = async <T>(run: () => Promise<T>): Promise<T> => {
    n++;
    running++;
    try {
      return await run();
    } finally {
      running--;
    }
  };
  const wrapped = Object.create(graph) as GraphExecutor;
  wrapped.read = ((query) => counted(() => graph.read(query))) as GraphExecutor['read'];
  wrapped.write = ((query) => counted(() => graph.write(query))) as GraphExecutor['write'];
  return {
    graph: wrapped,
    count: () => n,
    inFlight: () => running,
    reset: () => {
      n = 0;
    },
  };
}

/** Repeats `attempt` until `done` holds for its result, or fails after `timeoutMs` with the last result. */
export async function eventually<T>(attempt: () => Promise<T>, done: (result: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const result = await attempt();
    if (done(result)) return result;
    if (Date.now() > deadline) throw new Error(`not so after ${timeoutMs} ms: ${JSON.stringify(result)?.slice(0, 200)}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** A GraphExecutor wrapper whose `answered` resolves once a read whose query `matches` has returned. */
export function readWatcher(graph: GraphExecutor, matches: (query: CypherQuery) => boolean): { graph: GraphExecutor; answered: Promise<void> } {
  let done!: () => void;
  const answered = new Promise<void>((resolve) => {
    done = resolve;
  });
  const wrapped = Object.create(graph) as GraphExecutor;
  wrapped.read = (async (query) => {
    const rows = await graph.read(query);
    if (matches(query)) done();
    return rows;
  }) as GraphExecutor['read'];
  return { graph: wrapped, answered };
}
