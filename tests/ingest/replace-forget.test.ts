// Replacing an article (same URL, new text) and forgetting one must leave the graph exactly as
// if only the remaining articles had ever been ingested, aggregates included, while what an
// analyst decided stays.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GraphExecutor } from '../../src/graph/executor.js';
import { ingestArticles } from '../../src/ingest/pipeline.js';
import { runCli } from '../helpers/cli.js';
import { emptyGraph, testEnv, testGraph } from '../helpers/graph.js';
import { counts, snapshot } from './helpers.js';

let graph: GraphExecutor;
beforeAll(async () => {
  graph = await testGraph();
});
afterAll(async () => {
  await graph.close();
});

const A = {
  url: 'https://news.test/parcel-fires',
  published: '2024-11-05',
  source: 'news.test',
  title: 'Parcel fires',
  text: 'Russia was behind the parcel fires, which targeted DHL depots in Leipzig. German investigators said the parcel fires were test runs for attacks on cargo flights.',
};
const A2 = {
  ...A,
  published: '2024-11-06',
  text: 'Russia was behind the parcel fires, officials said. MI5 Director General Ken McCallum said Iran had backed more than 20 plots in Britain.',
};
const B = {
  url: 'https://news.test/cargo',
  published: '2024-10-01',
  source: 'news.test',
  title: 'Cargo flights',
  text: 'German investigators said the parcel fires were test runs for attacks on cargo flights. Russia was behind the parcel fires, they said.',
};

const relation = async (from: string, type: string, to: string) =>
  (
    await graph.read<Record<string, unknown>>({
      cypher: `MATCH (:Entity {id: $from})-[r]->(:Entity {id: $to}) WHERE type(r) = $type
      RETURN r.evidenceCount AS evidenceCount, r.confidence AS confidence, r.firstSeen AS firstSeen, r.lastSeen AS lastSeen, r.status AS status, r.note AS note`,
      params: { from, type, to },
    })
  )[0];

describe('replacing an article', () => {
  it('swaps its evidence and recomputes every aggregate it touched', async () => {
    await emptyGraph(graph);
    const first = await ingestArticles(graph, [A, B]);
    expect(first.articles.new).toBe(2);
    const before = await relation('State:RUS', 'RESPONSIBLE_FOR', 'Case:parcel fires');
    expect(before).toMatchObject({ evidenceCount: 2, firstSeen: '2024-10-01', lastSeen: '2024-11-05' });

    const second = await ingestArticles(graph, [A2]);
    expect(second.articles).toEqual({ new: 0, unchanged: 0, replaced: 1, failed: 0 });
    expect((await counts(graph)).articles).toBe(2);
    expect(await relation('State:RUS', 'RESPONSIBLE_FOR', 'Case:parcel fires')).toMatchObject({
      evidenceCount: 2,
      firstSeen: '2024-10-01',
      lastSeen: '2024-11-06',
    });
    // Leipzig was only in the old text.
    expect(await graph.read({ cypher: "MATCH (p:Place {id: 'Place:leipzig'}) RETURN p" })).toEqual([]);
    const replaced = await snapshot(graph);

    await emptyGraph(graph);
    await ingestArticles(graph, [B, A2]);
    expect(replaced).toEqual(await snapshot(graph));
  });

  it('changes nothing when the replacement comes again', async () => {
    const before = await snapshot(graph);
    const again = await ingestArticles(graph, [A2, B]);
    expect(again.articles).toEqual({ new: 0, unchanged: 2, replaced: 0, failed: 0 });
    expect(await snapshot(graph)).toEqual(before);
  });
});

describe('threatgraph forget', () => {
  it('removes an article and every fact only it supported, leaving what a clean ingest of the rest gives', async () => {
    await emptyGraph(graph);
    await ingestArticles(graph, [B]);
    const onlyB = await snapshot(graph);
    const onlyBCounts = await counts(graph);

    await emptyGraph(graph);
    const summary = await ingestArticles(graph, [A, B]);
    const idA = summary.results.find((r) => r.source === A.url)!.id!;
    expect(idA).toMatch(/^a_[0-9a-f]{16}$/);
    const run = await runCli(['forget', idA], testEnv());
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Forgot 1 article\(s\)/);
    expect(await snapshot(graph)).toEqual(onlyB);
    expect(await counts(graph)).toEqual(onlyBCounts);
  });

  it('says so, and exits non-zero, for an article that is not there or an id that is not one', async () => {
    const missing = await runCli(['forget', 'a_0000000000000000'], testEnv());
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('[threatgraph] [forget] no article a_0000000000000000 in the graph');
    const bad = await runCli(['forget', 'parcel-fires'], testEnv());
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('[threatgraph] [forget] "parcel-fires" is not an article id');
  });

  it('keeps a relationship an analyst confirmed, with its note, when its articles go, and after they come back', async () => {
    await emptyGraph(graph);
    const summary = await ingestArticles(graph, [A, B]);
    await graph.write({
      cypher:
        "MATCH (:State {id: 'State:RUS'})-[r:RESPONSIBLE_FOR]->(:Case {id: 'Case:parcel fires'}) SET r.status = 'CONFIRMED', r.note = 'checked with the desk'",
    });
    const run = await runCli(['forget', ...summary.results.map((r) => r.id!)], testEnv());
    expect(run.code).toBe(0);
    expect(await relation('State:RUS', 'RESPONSIBLE_FOR', 'Case:parcel fires')).toMatchObject({
      evidenceCount: 0,
      confidence: 0,
      status: 'CONFIRMED',
      note: 'checked with the desk',
    });
    const left = await counts(graph);
    expect(left.articles).toBe(0);
    expect(left.evidence).toBe(0);
    expect(left.relations).toBe(1);
    expect(left.associations).toBe(0);
    expect(left.entities).toBe(2); // the two ends of the confirmed relationship

    await ingestArticles(graph, [A]);
    expect(await relation('State:RUS', 'RESPONSIBLE_FOR', 'Case:parcel fires')).toMatchObject({
      evidenceCount: 1,
      status: 'CONFIRMED',
      note: 'checked with the desk',
      firstSeen: '2024-11-05',
    });
  });
});
