// Attribution chains through the API on the real Neo4j: Russia → its organ → the proxy it hired
// → the incident, each step with its claim, who asserts it, sentences and dates; the reverse
// (every incident a State is tied to); traverse from a State with its organs; bad input.
// The graph is hand-made reporting (tests/helpers/reporting.ts) so the chain does not depend
// on the extractor's current output.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApi, type Api } from '../../src/api/server.js';
import type { GraphExecutor } from '../../src/graph/executor.js';
import { mergeSameIncidents } from '../../src/ingest/resolve.js';
import { emptyGraph, testGraph } from '../helpers/graph.js';
import { parcelReporting, writeArticles } from '../helpers/reporting.js';
import { data, gql } from './helpers.js';

let graph: GraphExecutor;
let api: Api;
beforeAll(async () => {
  graph = await testGraph();
  await emptyGraph(graph);
  // three phrasings of one incident (not yet merged) and two unrelated arson attacks
  await writeArticles(graph, parcelReporting);
  api = createApi({ graph, apiKeys: null });
});
afterAll(async () => {
  await graph.close();
});

const CHAINS = `query($from: ID!, $to: ID, $maxHops: Int) {
  attribution(from: $from, to: $to, maxHops: $maxHops) {
    from { id } to { id name } length score claim nodes { id }
    steps { role from { id } to { id } claim assertedBy firstSeen lastSeen relation { type }
            evidence(first: 2) { sentence article { title published } } }
  }
}`;

describe('attribution', () => {
  it('answers Russia → its organ → the proxy it hired → the incident, with evidence for every step', async () => {
    const { attribution } = await data(api, CHAINS, { from: 'State:RUS', to: 'Case:parcel fires' });
    expect(attribution.length).toBeGreaterThanOrEqual(1);
    const [chain] = attribution;
    expect(chain.nodes.map((n: any) => n.id)).toEqual(['State:RUS', 'Group:gru', 'Group:disposable agents', 'Case:parcel fires']);
    expect(chain.steps.map((s: any) => `${s.role} ${s.relation.type}`)).toEqual(['ORGAN LOCATED_IN', 'PROXY USES_PROXY', 'RESPONSIBLE RESPONSIBLE_FOR']);
    expect(chain.steps.map((s: any) => s.from.id)).toEqual(['State:RUS', 'Group:gru', 'Group:disposable agents']);
    // the proxy link is alleged by prosecutors in one article and stated outright in another
    expect(chain.steps[1]).toMatchObject({ claim: 'ASSERTED', firstSeen: '2024-11-05', lastSeen: '2024-12-10' });
    expect(chain.steps[1].assertedBy).toContain('prosecutors');
    expect(chain.steps[2]).toMatchObject({ claim: 'ALLEGED' });
    expect(chain.steps[2].assertedBy).toContain('investigators');
    for (const step of chain.steps) {
      expect(step.evidence.length).toBeGreaterThanOrEqual(1);
      expect(step.evidence[0].sentence).toContain(step.role === 'ORGAN' ? 'Russian military intelligence' : 'disposable agents');
      expect(step.evidence[0].article.published).toMatch(/^2024-/);
    }
    expect(chain).toMatchObject({ from: { id: 'State:RUS' }, to: { id: 'Case:parcel fires' }, length: 3, claim: 'ALLEGED' });
    expect(chain.score).toBeGreaterThan(0);
  });

  it('lists chains shortest first, then strongest', async () => {
    const { attribution } = await data(api, CHAINS, { from: 'Group:gru', to: null, maxHops: 3 });
    const lengths = attribution.map((c: any) => c.length);
    expect(lengths).toEqual([...lengths].sort((a, b) => a - b));
    // the GRU's own responsibility for the plot (1 step) comes before its proxy's (2 steps)
    expect(attribution[0]).toMatchObject({ length: 1, to: { id: 'Case:parcel plot' }, claim: 'SUSPECTED' });
    for (let i = 1; i < attribution.length; i++) {
      if (attribution[i].length === attribution[i - 1].length) expect(attribution[i].score).toBeLessThanOrEqual(attribution[i - 1].score);
    }
  });

  it('gives every incident a State is tied to, and one chain per incident once the phrasings are one Case', async () => {
    const before = await data(api, CHAINS, { from: 'State:RUS' });
    const incidents = (r: any) => [...new Set(r.attribution.map((c: any) => c.to.id))].sort();
    expect(incidents(before)).toEqual(['Case:explosive parcels', 'Case:parcel fires', 'Case:parcel plot']);
    expect(incidents(before)).not.toContain('Case:warehouse arson attack');
    await mergeSameIncidents(graph, ['Case:parcel fires', 'Case:parcel plot', 'Case:explosive parcels']);
    const after = await data(api, CHAINS, { from: 'State:RUS' });
    expect(incidents(after)).toEqual(['Case:parcel fires']);
  });

  it('traverse starts from a State together with its organs', async () => {
    const q = `query($organs: Boolean) { traverse(start: "State:RUS", withOrgans: $organs, steps: [
      { relationTypes: [USES_PROXY], direction: OUT }, { relationTypes: [RESPONSIBLE_FOR], direction: OUT, entityTypes: [Case] }]) {
      nodes { id } relations { type } } }`;
    expect((await data(api, q, { organs: false })).traverse).toEqual([]);
    const { traverse } = await data(api, q, { organs: true });
    expect(traverse[0]).toEqual({
      nodes: [{ id: 'State:RUS' }, { id: 'Group:gru' }, { id: 'Group:disposable agents' }, { id: 'Case:parcel fires' }],
      relations: [{ type: 'LOCATED_IN' }, { type: 'USES_PROXY' }, { type: 'RESPONSIBLE_FOR' }],
    });
  });
});

describe('merge suggestions for incidents', () => {
  it('once an automatic incident merge is undone, suggests the pair again with its reasons, and keeps it apart', async () => {
    const { mergeRecords } = await data(api, '{ mergeRecords(entity: "Case:parcel fires") { id removedId by reason score } }');
    const plot = mergeRecords.find((r: any) => r.removedId === 'Case:parcel plot');
    expect(plot).toMatchObject({ by: 'auto', reason: expect.stringMatching(/^same incident across articles/) });
    await data(api, 'mutation($id: ID!) { splitEntity(mergeId: $id) { restored { id } } }', { id: plot.id });
    const { mergeSuggestions } = await data(api, '{ mergeSuggestions(types: [Case], minScore: 0.5) { keep { id } remove { id } score reasons } }');
    const pair = mergeSuggestions.find((m: any) => [m.keep.id, m.remove.id].sort().join() === 'Case:parcel fires,Case:parcel plot');
    expect(pair.score).toBeGreaterThanOrEqual(0.7);
    expect(pair.reasons).toEqual(
      expect.arrayContaining([expect.stringMatching(/distinctive words shared: parcel/), expect.stringMatching(/same place: leipzig/)]),
    );
    expect(await mergeSameIncidents(graph, ['Case:parcel plot'])).toEqual([]);
  });
});

describe('bad input', () => {
  it.each([
    [{ from: 'State:XXX', to: 'Case:parcel fires' }, 'NOT_FOUND', /from: no entity has id "State:XXX"/],
    [{ from: 'State:RUS', to: 'Case:nothing like it' }, 'NOT_FOUND', /to: no entity has id/],
    [{ from: 'State:RUS', to: 'State:RUS' }, 'BAD_USER_INPUT', /same entity/],
    [{ from: 'State:RUS', to: 'Case:parcel fires', maxHops: 7 }, 'BAD_USER_INPUT', /maxHops/],
    [{ from: 'State:RUS', to: 'Case:parcel fires', maxHops: 0 }, 'BAD_USER_INPUT', /maxHops/],
  ])('%j → %s', async (variables, code, message) => {
    const r = await gql(api, CHAINS, variables);
    expect(r.body.errors?.[0]?.extensions?.code).toBe(code);
    expect(r.body.errors?.[0]?.message).toMatch(message);
    expect(r.body.data?.attribution ?? null).toBeNull();
  });

  it('refuses to merge entities of different types, and suggests only pairs of one type', async () => {
    const r = await gql(api, 'mutation { mergeEntities(keep: "Group:gru", remove: "State:RUS") { entity { id } } }');
    expect(r.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(r.body.errors?.[0]?.message).toMatch(/different types/);
    const { mergeSuggestions } = await data(api, '{ mergeSuggestions(minScore: 0) { keep { id type } remove { id type } reasons } }');
    for (const s of mergeSuggestions) expect(s.keep.type).toBe(s.remove.type);
  });
});
