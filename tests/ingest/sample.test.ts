// The sample corpus (ingest/) through the whole pipeline, on the real Neo4j: what it holds,
// that a second run changes nothing, and that two processes at once duplicate nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GraphExecutor } from '../../src/graph/executor.js';
import { ingestSources } from '../../src/ingest/pipeline.js';
import { runCli } from '../helpers/cli.js';
import { emptyGraph, testEnv, testGraph } from '../helpers/graph.js';
import { counts, snapshot } from './helpers.js';

let graph: GraphExecutor;
beforeAll(async () => {
  graph = await testGraph();
  await emptyGraph(graph);
});
afterAll(async () => {
  await graph.close();
});

describe('ingesting the sample corpus', () => {
  let first: Awaited<ReturnType<typeof counts>>;
  let firstSnapshot: Awaited<ReturnType<typeof snapshot>>;

  it('writes every article, its entities, relations and evidence', async () => {
    const summary = await ingestSources(graph, ['ingest']);
    expect(summary.failures).toEqual([]);
    expect(summary.articles).toEqual({ new: 34, unchanged: 0, replaced: 0, failed: 0 });
    first = await counts(graph);
    firstSnapshot = await snapshot(graph);
    expect(first.articles).toBe(34);
    expect(first.entities).toBeGreaterThan(120);
    expect(first.relations).toBeGreaterThan(30);
    expect(first.evidence).toBeGreaterThanOrEqual(first.relations);
    expect(first.associations).toBeGreaterThan(first.relations);
    expect(summary.entities.created).toBe(first.entities);
    expect(summary.evidence).toBe(first.evidence);
    for (const type of ['Actor', 'State', 'Group', 'Case', 'Place']) expect(first.byType[type]).toBeGreaterThan(0);
  });

  it('keeps the model: ids, two labels, counts that match their edges, evidence behind every relationship', async () => {
    const [bad] = await graph.read<Record<string, number>>({
      cypher: `CALL { MATCH (e:Entity) WHERE size([l IN labels(e) WHERE l IN ['Actor','State','Group','Case','Place']]) <> 1 OR e.type IS NULL RETURN count(e) AS unlabelled }
        CALL { MATCH (e:Entity) OPTIONAL MATCH (e)-[m:MENTIONED_IN]->(a:Article)
               WITH e, count(a) AS ac, sum(m.count) AS mc WHERE ac <> e.articleCount OR mc <> e.mentionCount OR ac = 0 RETURN count(e) AS badCounts }
        CALL { MATCH (s)-[r]->(t) WHERE NOT type(r) IN ['ASSOCIATED_WITH','MENTIONED_IN','FROM']
               OPTIONAL MATCH (ev:Evidence {relationId: r.id}) WITH r, s, t, count(ev) AS n, collect(ev) AS evs
               WHERE n <> r.evidenceCount OR n = 0 OR any(ev IN evs WHERE ev.sourceId <> s.id OR ev.targetId <> t.id OR ev.relationType <> type(r))
               RETURN count(r) AS badRelations }
        CALL { MATCH (ev:Evidence) WHERE NOT EXISTS { (ev)-[:FROM]->(:Article) } RETURN count(ev) AS orphanEvidence }
        CALL { MATCH (a:Article) WHERE a.pending IS NOT NULL OR NOT a.id STARTS WITH 'a_' RETURN count(a) AS badArticles }
        CALL { MATCH (s:Entity)-[r:ASSOCIATED_WITH]->(t:Entity) WHERE s.id >= t.id OR r.weight < 1 RETURN count(r) AS badAssociations }
        RETURN *`,
    });
    expect(bad).toEqual({ unlabelled: 0, badCounts: 0, badRelations: 0, orphanEvidence: 0, badArticles: 0, badAssociations: 0 });
    const [states] = await graph.read<{ ids: string[] }>({ cypher: 'MATCH (s:State) RETURN collect(s.id) AS ids' });
    expect(states!.ids).toEqual(expect.arrayContaining(['State:GBR', 'State:RUS', 'State:USA', 'State:CHN', 'State:IRN']));
    expect(states!.ids.every((id) => /^State:[A-Z]{3}$/.test(id))).toBe(true);
    const [mi5] = await graph.read<{ n: number }>({ cypher: "MATCH (g:Group {id: 'Group:mi5'}) RETURN g.articleCount AS n" });
    expect(mi5!.n).toBeGreaterThanOrEqual(2);
    const [ken] = await graph.read<{ aliases: string[] }>({ cypher: "MATCH (a:Actor {id: 'Actor:ken mccallum'}) RETURN a.aliases AS aliases" });
    expect(ken!.aliases).toContain('McCallum');
  });

  it('changes nothing when the same corpus comes again (through the CLI, with --json)', async () => {
    const run = await runCli(['ingest', '--json', 'ingest'], testEnv());
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const summary = JSON.parse(run.stdout);
    expect(summary.articles).toEqual({ new: 0, unchanged: 34, replaced: 0, failed: 0 });
    expect(summary.results).toHaveLength(34);
    expect(await counts(graph)).toEqual(first);
    expect(await snapshot(graph)).toEqual(firstSnapshot);
  });

  it('duplicates nothing when two ingest processes run at once', async () => {
    await emptyGraph(graph);
    const [a, b] = await Promise.all([runCli(['ingest', '--json', 'ingest'], testEnv()), runCli(['ingest', '--json', 'ingest'], testEnv())]);
    expect([a.code, b.code]).toEqual([0, 0]);
    const sa = JSON.parse(a.stdout);
    const sb = JSON.parse(b.stdout);
    // Every article was written by exactly one of them.
    expect(sa.articles.new + sb.articles.new).toBe(34);
    expect(sa.articles.unchanged + sb.articles.unchanged).toBe(34);
    expect(await counts(graph)).toEqual(first);
    expect(await snapshot(graph)).toEqual(firstSnapshot);
  });

  it('prints a one-line summary without --json', async () => {
    const run = await runCli(['ingest', 'ingest/001-mi5-threat-update-terrorism.md'], testEnv());
    expect(run.code).toBe(0);
    expect(run.stdout.trim()).toMatch(
      /^Ingested 1 articles in [\d.]+ s.*: 0 new, 1 unchanged, 0 replaced, 0 failed; entities 0 created, 0 updated; relations 0 created, 0 updated; 0 evidence, 0 merges\.$/,
    );
  });
});
