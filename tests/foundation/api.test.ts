// The API answers over HTTP (yoga.fetch, in-process) and reaches the real Neo4j.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createApi } from '../../src/api/server.js';
import type { GraphExecutor } from '../../src/graph/executor.js';
import { emptyGraph, testGraph } from '../helpers/graph.js';

let graph: GraphExecutor;
beforeAll(async () => {
  graph = await testGraph();
  await emptyGraph(graph);
});
afterAll(async () => {
  await graph.close();
});

it('answers { __typename } and reports the graph it serves', async () => {
  const api = createApi({ graph });
  const response = await api.fetch('http://localhost/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ __typename health { neo4j articles entities } }' }),
  });
  expect(response.status).toBe(200);
  expect(await response.json()).toEqual({ data: { __typename: 'Query', health: { neo4j: graph.uri, articles: 0, entities: 0 } } });
});
