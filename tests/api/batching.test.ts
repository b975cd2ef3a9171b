// No N+1: a nested operation runs the same number of Cypher queries whatever the size of its
// result, because nested fields load through per-request batch loaders.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createApi } from '../../src/api/server.js';
import type { GraphExecutor } from '../../src/graph/executor.js';
import { countingGraph, data, sampleCorpusApi } from './helpers.js';

let graph: GraphExecutor;
beforeAll(async () => ({ graph } = await sampleCorpusApi()));
afterAll(() => graph.close());

const NESTED = `query($first: Int!) {
  articles(first: $first) {
    edges { node {
      title
      entities { count entity { name relations(first: 5) { totalCount edges { other { name } node { type source { name } target { name }
        evidence(first: 2) { totalCount edges { node { sentence article { title } relation { type } } } } } } } } }
      facts(first: 5) { edges { node { sentence relation { id source { name } } } } }
    } }
  }
}`;

it('a nested articles → entities → relations → evidence → article query runs a fixed number of queries, for 1 article or 30', async () => {
  const counted = countingGraph(graph);
  const api = createApi({ graph: counted.graph, apiKeys: null });

  counted.reset();
  const small = await data(api, NESTED, { first: 1 });
  const smallQueries = counted.count();

  counted.reset();
  const large = await data(api, NESTED, { first: 30 });
  const largeQueries = counted.count();

  const size = (r: any) =>
    r.articles.edges.reduce((n: number, e: any) => n + e.node.entities.reduce((m: number, x: any) => m + 1 + x.entity.relations.edges.length, 0), 0);
  expect(size(large), `sizes ${size(small)} → ${size(large)}, queries ${smallQueries} → ${largeQueries}`).toBeGreaterThan(size(small) * 3);
  expect(largeQueries, `queries ${smallQueries} → ${largeQueries}`).toBeLessThanOrEqual(smallQueries);
  expect(largeQueries).toBeLessThanOrEqual(10);
});

it('traversals answer their nested ends and evidence with a bounded number of queries', async () => {
  const counted = countingGraph(graph);
  const api = createApi({ graph: counted.graph, apiKeys: null });
  const result = await data(
    api,
    `{ neighbourhood(id: "State:RUS", depth: 2, limit: 100) {
    nodes { name ... on State { iso3 } }
    edges { type source { name } target { name } evidence(first: 1) { edges { node { sentence article { title } } } } } } }`,
  );
  expect(result.neighbourhood.edges.length).toBeGreaterThan(10);
  // neighbourhood, then one batch of evidence (with articles): ends come primed.
  expect(counted.count()).toBe(2);
});
