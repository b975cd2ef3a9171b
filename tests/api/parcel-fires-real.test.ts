// The analyst's question — how is Russia tied, through its organs and proxies, to the
// sabotage? — asked of real, openly licensed reporting ingested through the real pipeline
// (extraction with the parser, resolution, Neo4j) rather than of hand-made graphs
// (attribution.test.ts). The texts are corpus documents, each with its source and licence:
//   sa-031: Wikipedia, "Russian sabotage operations in Europe" (CC BY-SA 4.0), lead section
//   sa-032: House of Commons Hansard, 4 December 2025, the Security Minister's answer on
//           Russia's criminal proxies (Open Parliament Licence v3.0)
// No openly licensed text on the July 2024 parcel fires (DHL, Leipzig, Minworth, Poland) was
// found: every report of them in the stored sources is a news outlet's. So this file has no
// "parcel fires" Case, and says so. Each link asserted here is one the text states; the links
// the text states that the extractor misses today are named where they would be asserted.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApi, type Api } from '../../src/api/server.js';
import { PROJECT_ROOT } from '../../src/config.js';
import type { GraphExecutor } from '../../src/graph/executor.js';
import { ingestSources } from '../../src/ingest/pipeline.js';
import { emptyGraph, testGraph } from '../helpers/graph.js';
import { data, gql } from './helpers.js';

const DOCS = ['sa-031-wikipedia-russian-sabotage-operations-europe.json', 'sa-032-hansard-commons-dawn-sturgess-inquiry-criminal-proxies.json'];

let graph: GraphExecutor;
let api: Api;
beforeAll(async () => {
  graph = await testGraph();
  await emptyGraph(graph);
  const summary = await ingestSources(
    graph,
    DOCS.map((f) => join(PROJECT_ROOT, 'corpus', 'docs', f)),
    { workers: 0 },
  );
  expect(summary.articles).toMatchObject({ new: 2, failed: 0 });
  api = createApi({ graph, apiKeys: null });
}, 180_000);
afterAll(async () => {
  await graph.close();
});

const CHAINS = `query($from: ID!, $to: ID) {
  attribution(from: $from, to: $to, maxHops: 4) {
    to { id } length nodes { id }
    steps { role from { id } to { id } relation { type } evidence(first: 1) { sentence article { title } } }
  }
}`;

const WIKI_GRU = "attributed to agents of Russia's GRU (Unit 29155)";
const WIKI_CAMPAIGN = 'the sabotage campaign is largely coordinated by Russian intelligence (notably the GRU)';
const HANSARD_PROXIES = 'Russia and other malign states are seeking to use criminal proxies';

describe('Russia to the sabotage, on real reporting', () => {
  it('goes through its organ: Russia → GRU (LOCATED_IN) → the sabotage campaign (RESPONSIBLE_FOR), each step with its sentence', async () => {
    const { attribution } = await data(api, CHAINS, { from: 'State:RUS', to: 'Case:sabotage campaign' });
    // the chain through the organ (other chains, straight from Russia, may stand beside it)
    const chain = attribution.find((c: any) => c.nodes.map((n: any) => n.id).join(' > ') === 'State:RUS > Group:gru > Case:sabotage campaign');
    expect(chain, JSON.stringify(attribution.map((c: any) => c.nodes.map((n: any) => n.id)))).toBeDefined();
    expect(chain.steps.map((s: any) => `${s.role} ${s.relation.type}`)).toEqual(['ORGAN LOCATED_IN', 'RESPONSIBLE RESPONSIBLE_FOR']);
    expect(chain.steps[0].evidence[0].sentence).toContain(WIKI_GRU);
    expect(chain.steps[1].evidence[0].sentence).toContain(WIKI_CAMPAIGN);
    for (const step of chain.steps) expect(step.evidence[0].article.title).toBe('Russian sabotage operations in Europe');
  });

  it('has Russia using criminal proxies, from the Hansard answer', async () => {
    const q = `{ traverse(start: "State:RUS", steps: [{ relationTypes: [USES_PROXY], direction: OUT }]) {
      nodes { id } relations { type evidence(first: 1) { edges { node { sentence } } } } } }`;
    const { traverse } = await data(api, q);
    // Missing today: GRU and Russia USES_PROXY "local proxies" (WIKI_CAMPAIGN's sentence); the
    // extractor finds no entity in "recruited local proxies".
    expect(traverse.map((p: any) => p.nodes.map((n: any) => n.id))).toEqual([['State:RUS', 'Group:criminal proxies']]);
    expect(traverse[0].relations[0].evidence.edges[0].node.sentence).toContain(HANSARD_PROXIES);
  });

  it('reaches no Case through a proxy yet: the proxies the Wikipedia lead names are not extracted', async () => {
    // Missing today, the proxy half of the chain Russia → GRU → proxies → Case: WIKI_CAMPAIGN's
    // sentence says the campaign is "carried out on the ground by covert operatives or recruited
    // local proxies", so GRU (and Russia) USES_PROXY "local proxies" and "local proxies"
    // RESPONSIBLE_FOR the campaign (both in the gold of sa-031). The Hansard answer's criminal
    // proxies carry out no named incident.
    const q = `{ traverse(start: "State:RUS", withOrgans: true, steps: [
      { relationTypes: [USES_PROXY], direction: OUT }, { relationTypes: [RESPONSIBLE_FOR], direction: OUT, entityTypes: [Case] }]) { nodes { id } } }`;
    expect((await data(api, q)).traverse).toEqual([]);
    const proxySteps = (await data(api, CHAINS, { from: 'State:RUS' })).attribution.flatMap((c: any) => c.steps.filter((s: any) => s.role === 'PROXY'));
    expect(proxySteps).toEqual([]);
  });

  it('has no parcel-fire Case: no openly licensed report of the fires was found', async () => {
    const r = await gql(api, CHAINS, { from: 'State:RUS', to: 'Case:parcel fires' });
    expect(r.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});
