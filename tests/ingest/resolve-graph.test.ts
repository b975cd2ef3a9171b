// Entity resolution through the whole pipeline on the real Neo4j: real sentences in, one node
// per real-world entity out, each automatic merge recorded, analysts' merges obeyed.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { GraphExecutor } from '../../src/graph/executor.js';
import { ingestArticles } from '../../src/ingest/pipeline.js';
import { emptyGraph, testGraph } from '../helpers/graph.js';

let graph: GraphExecutor;
beforeAll(async () => {
  graph = await testGraph();
});
beforeEach(async () => {
  await emptyGraph(graph);
});
afterAll(async () => {
  await graph.close();
});

const article = (text: string, published = '2024-10-08', title?: string) => ({ text, title, published, source: 'test' });
const ids = async (label: string, where = 'true') =>
  (await graph.read<{ id: string }>({ cypher: `MATCH (n:${label}) WHERE ${where} RETURN n.id AS id ORDER BY id` })).map((r) => r.id);

describe('entities resolved across articles', () => {
  it('makes "Ken McCallum" and a later "McCallum" one Actor, and records the merge', async () => {
    await ingestArticles(graph, [
      article('MI5 Director General Ken McCallum warned of Russian sabotage. McCallum said the threat was growing.'),
      article('Mr McCallum, the head of MI5, said that Iran had backed more than 20 plots.', '2024-10-09'),
    ]);
    expect(await ids('Actor', "n.id CONTAINS 'mccallum'")).toEqual(['Actor:ken mccallum']);
    const [ken] = await graph.read<{ articles: number; lastSeen: string }>({
      cypher: "MATCH (a:Actor {id: 'Actor:ken mccallum'}) RETURN a.articleCount AS articles, a.lastSeen AS lastSeen",
    });
    expect(ken).toEqual({ articles: 2, lastSeen: '2024-10-09' });
    const records = await graph.read({
      cypher:
        'MATCH (m:MergeRecord) RETURN m.keepId AS keepId, m.removedId AS removedId, m.by AS by, m.score AS score, m.reason AS reason, m.removedSnapshot AS snapshot',
    });
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      keepId: 'Actor:ken mccallum',
      removedId: 'Actor:mccallum',
      by: 'auto',
      score: 0.8,
      reason: expect.stringContaining('member of MI5'),
    });
    expect(JSON.parse(records[0]!.snapshot as string)).toMatchObject({ name: 'McCallum', type: 'Actor' });
  });

  it('keeps two people who share a surname apart', async () => {
    await ingestArticles(graph, [
      article('FBI agent John Smith arrested the suspect in Boston.'),
      article('Defence lawyer Jane Smith said her client would appeal.'),
    ]);
    expect(await ids('Actor', "n.id CONTAINS 'smith'")).toEqual(['Actor:jane smith', 'Actor:john smith']);
    expect(await ids('MergeRecord')).toEqual([]);
  });

  it('makes IS, ISIS and Islamic State one Group', async () => {
    await ingestArticles(graph, [
      article('Islamic State (IS) claimed responsibility for the attack in Moscow. IS fighters have struck before.'),
      article('ISIS recruited teenagers online, police said.'),
      article('The Islamic State of Iraq and Syria (ISIS) was designated by the United States.'),
    ]);
    expect(await ids('Group', "n.name CONTAINS 'Islamic' OR 'ISIS' IN n.aliases OR n.id = 'Group:is' OR n.id = 'Group:isis'")).toEqual(['Group:islamic state']);
    const [g] = await graph.read<{ articles: number; aliases: string[] }>({
      cypher: "MATCH (g:Group {id: 'Group:islamic state'}) RETURN g.articleCount AS articles, g.aliases AS aliases",
    });
    expect(g!.articles).toBe(3);
    expect(g!.aliases).toEqual(expect.arrayContaining(['IS', 'ISIS']));
  });

  it('makes two reports of the parcel fires one Case with both articles as sources', async () => {
    await ingestArticles(graph, [
      article('Russia was behind the parcel fires, which targeted DHL depots in Leipzig.', '2024-11-05'),
      article('German investigators said the parcel fires were test runs for attacks on cargo flights.', '2024-11-07'),
    ]);
    const rows = await graph.read<{ id: string; articles: number; first: string; last: string }>({
      cypher:
        "MATCH (c:Case) WHERE c.nameKey CONTAINS 'parcel fires' OPTIONAL MATCH (c)-[:MENTIONED_IN]->(a:Article) RETURN c.id AS id, count(a) AS articles, c.firstSeen AS first, c.lastSeen AS last",
    });
    expect(rows).toEqual([{ id: 'Case:parcel fires', articles: 2, first: '2024-11-05', last: '2024-11-07' }]);
    const claims = await graph.read<{ type: string; from: string }>({
      cypher: "MATCH (s)-[r]->(:Case {id: 'Case:parcel fires'}) WHERE NOT r:ASSOCIATED_WITH RETURN type(r) AS type, s.id AS from ORDER BY from",
    });
    expect(claims).toEqual([
      { type: 'INVESTIGATES', from: 'State:DEU' },
      { type: 'RESPONSIBLE_FOR', from: 'State:RUS' },
    ]);
  });

  it("follows an analyst's merge on re-ingest: the removed name lands on the kept entity", async () => {
    await graph.write({
      cypher: `CREATE (:Entity:Place {id: 'Place:saxony', name: 'Saxony', nameKey: 'saxony', type: 'Place', aliases: ['Leipzig'], aliasKeys: ['saxony'], origin: 'analyst', mentionCount: 0, articleCount: 0})
        CREATE (:MergeRecord {id: 'mr_analyst1', keepId: 'Place:saxony', removedId: 'Place:leipzig', by: 'alice', reason: 'region, not city, for this desk', at: '2024-12-01T00:00:00Z', undone: false})`,
    });
    await ingestArticles(graph, [article('Russia was behind the parcel fires, which targeted DHL depots in Leipzig.')]);
    expect(await ids('Place')).toEqual(['Place:saxony']);
    const [s] = await graph.read<{ articles: number; origin: string }>({
      cypher: "MATCH (p:Place {id: 'Place:saxony'})-[:MENTIONED_IN]->(a) RETURN count(a) AS articles, p.origin AS origin",
    });
    expect(s).toEqual({ articles: 1, origin: 'analyst' });
  });

  it('does not redo a merge an analyst undid', async () => {
    await ingestArticles(graph, [article('MI5 Director General Ken McCallum warned of Russian sabotage. McCallum said the threat was growing.')]);
    await graph.write({
      cypher: `CREATE (:MergeRecord {id: 'mr_undone', keepId: 'Actor:ken mccallum', removedId: 'Actor:mccallum', by: 'auto', reason: 'surname', at: '2024-12-01T00:00:00Z', undone: true})`,
    });
    await ingestArticles(graph, [article('Mr McCallum, the head of MI5, said that Iran had backed more than 20 plots.')]);
    expect(await ids('Actor', "n.id CONTAINS 'mccallum'")).toEqual(['Actor:ken mccallum', 'Actor:mccallum']);
  });
});
