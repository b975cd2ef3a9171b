// The automatic merges at the end of an ingest run go many to a transaction
// (mergeEntitiesInBatches): each is still recorded and undoable as one mergeEntities, a later
// merge in the same transaction sees the earlier ones, a pair another process merged first is
// skipped, and a bad pair stops the run with nothing of its transaction written.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GraphExecutor } from '../../src/graph/executor.js';
import { MERGES_PER_TRANSACTION, mergeEntitiesInBatches, splitEntity } from '../../src/graph/curate.js';
import { ingestSampleCorpus, testGraph } from '../helpers/graph.js';

let graph: GraphExecutor;
beforeAll(async () => {
  graph = await testGraph();
});
afterAll(async () => {
  await graph.close();
});

const ids = async (label: string) => (await graph.read<{ id: string }>({ cypher: `MATCH (n:${label}) RETURN n.id AS id ORDER BY id` })).map((r) => r.id);
const records = async () =>
  graph.read<{ id: string; keepId: string; removedId: string; reason: string }>({
    cypher: "MATCH (m:MergeRecord) WHERE m.reason STARTS WITH 'batch test' RETURN m.id AS id, m.keepId AS keepId, m.removedId AS removedId, m.reason AS reason",
  });
const merge = (keepId: string, removeId: string) => ({ keepId, removeId, by: 'auto', score: 0.9, reason: `batch test: ${removeId} into ${keepId}` });

describe('merges in batches', () => {
  it('merges each pair as mergeEntities does, a later pair seeing an earlier one, and each undoable alone', async () => {
    await ingestSampleCorpus(graph);
    const groups = await ids('Group');
    expect(groups.length).toBeGreaterThan(5);
    const c = groups[2]!;
    const relationsOf = async (id: string) =>
      (await graph.read<{ n: number }>({ cypher: 'MATCH (:Entity {id: $id})-[r]-(:Entity) RETURN count(r) AS n', params: { id } }))[0]!.n;
    // the others share no link with c: a link of c to an entity merged away meanwhile cannot come back to it
    const nextToC = new Set(
      (await graph.read<{ id: string }>({ cypher: 'MATCH (:Entity {id: $id})--(n:Entity) RETURN n.id AS id', params: { id: c } })).map((r) => r.id),
    );
    const [a, b, d, e] = groups.filter((g) => g !== c && !nextToC.has(g)) as [string, string, string, string];
    const before = await relationsOf(c);
    expect(before).toBeGreaterThan(0);

    // b then c into a (c sees a already holding b), d into e, and a pair whose entity is gone
    const made = await mergeEntitiesInBatches(graph, [merge(a, b), merge(a, c), merge(e, d), merge(a, 'Group:no such group')]);
    expect(made.map((r) => r.removedId)).toEqual([b, c, d]);
    expect(await ids('Group')).toEqual(groups.filter((g) => ![b, c, d].includes(g)));
    expect((await records()).map((r) => `${r.keepId} <- ${r.removedId}`).sort()).toEqual([`${a} <- ${b}`, `${a} <- ${c}`, `${e} <- ${d}`].sort());

    // the merge of c is undone alone: c comes back with its relationships, b stays merged
    const ofC = made.find((r) => r.removedId === c)!;
    await splitEntity(graph, ofC.id, 'analyst');
    expect(await ids('Group')).toContain(c);
    expect(await ids('Group')).not.toContain(b);
    expect(await relationsOf(c)).toBe(before);
  });

  it('stops at a bad pair, naming it, with nothing of its transaction written', async () => {
    await ingestSampleCorpus(graph);
    const groups = await ids('Group');
    const [a, b, c] = groups as [string, string, string];
    await expect(mergeEntitiesInBatches(graph, [merge(a, b), merge(c, c)])).rejects.toThrow(`keep and remove are the same entity: ${c}`);
    expect(await ids('Group')).toEqual(groups);
    expect(await records()).toEqual([]);
    // an Actor cannot be merged into a Group: refused, the Group merge before it is not kept
    const [actor] = await ids('Actor');
    await expect(mergeEntitiesInBatches(graph, [merge(a, b), merge(a, actor!)])).rejects.toThrow(/cannot merge a Actor into a Group/);
    expect(await ids('Group')).toEqual(groups);
  });

  it(`goes past one transaction of ${MERGES_PER_TRANSACTION} merges`, async () => {
    await ingestSampleCorpus(graph);
    const [actors, groups] = [await ids('Actor'), await ids('Group')];
    const pairs = [...actors.slice(1).map((id) => merge(actors[0]!, id)), ...groups.slice(1).map((id) => merge(groups[0]!, id))];
    expect(pairs.length).toBeGreaterThan(MERGES_PER_TRANSACTION);
    const made = await mergeEntitiesInBatches(graph, pairs);
    expect(made).toHaveLength(pairs.length);
    expect([await ids('Actor'), await ids('Group')]).toEqual([[actors[0]], [groups[0]]]);
    expect(await records()).toHaveLength(pairs.length);
  }, 180_000); // the sample corpus ingested, then hundreds of merges: 36-44 s alone, past 60 s at load 15
});
