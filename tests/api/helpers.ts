// Calls the API in-process (yoga.fetch) the way a client does over HTTP.
import type { Api } from '../../src/api/server.js';
import type { GraphExecutor } from '../../src/graph/executor.js';

export interface GqlResult<T = any> {
  status: number;
  body: { data?: T; errors?: { message: string; extensions?: { code?: string } }[] };
}

export async function gql<T = any>(api: Api, query: string, variables?: Record<string, unknown>, headers: Record<string, string> = {},
  serverContext?: Record<string, unknown>): Promise<GqlResult<T>> {
  const response = await api.fetch('http://localhost/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...headers },
    body: JSON.stringify({ query, variables }),
  }, serverContext ?? {});
  return { status: response.status, body: await response.json() as GqlResult<T>['body'] };
}

/** The data of a successful call; fails the test with the errors otherwise. */
export async function data<T = any>(api: Api, query: string, variables?: Record<string, unknown>): Promise<T> {
  const result = await gql<T>(api, query, variables);
  if (result.body.errors?.length || !result.body.data) throw new Error(`GraphQL errors: ${JSON.stringify(result.body.errors)}`);
  return result.body.data;
}

/** A GraphExecutor wrapper that counts the queries run through it. */
export function countingGraph(graph: GraphExecutor): { graph: GraphExecutor; count: () => number; reset: () => void } {
  let n = 0;
  const wrapped = Object.create(graph) as GraphExecutor;
  wrapped.read = (async (query) => { n++; return graph.read(query); }) as GraphExecutor['read'];
  wrapped.write = (async (query) => { n++; return graph.write(query); }) as GraphExecutor['write'];
  return { graph: wrapped, count: () => n, reset: () => { n = 0; } };
}
