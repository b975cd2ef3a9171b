// Resolution that does not depend on the order of the articles (issue 13 item 3), the names an
// article says are one's (item 4), and re-extraction (item 8), through the real pipeline.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GraphExecutor } from '../../src/graph/executor.js';
import { addAlias, mergeEntities, mergeSuggestions, splitEntity } from '../../src/graph/curate.js';
import { ingestArticles } from '../../src/ingest/pipeline.js';
import { reextractArticles } from '../../src/ingest/reextract.js';
import { readStoredText } from '../../src/ingest/plan.js';
import { incidentSuggestions, resolutionSuggestions } from '../../src/ingest/resolve.js';
import { extractorVersion } from '../../src/ingest/version.js';
import { runCli } from '../helpers/cli.js';
import { emptyGraph, testEnv, testGraph } from '../helpers/graph.js';
import { snapshot } from './helpers.js';

let graph: GraphExecutor;
beforeAll(async () => {
  graph = await testGraph();
});
afterAll(async () => {
  await graph.close();
});

const actors = async () => (await graph.read<{ id: string }>({ cypher: 'MATCH (a:Actor) RETURN a.id AS id ORDER BY id' })).map((r) => r.id);
const article = (url: string, text: string, published = '2024-10-08') => ({ url, text, published, source: 'test' });

const FULL = article('https://news.test/full', 'MI5 Director General Tom Brenwick warned of Russian sabotage in Britain.');
const SURNAME = article('https://news.test/surname', 'Mr Brenwick, the head of MI5, said that Iran had backed more than 20 plots.', '2024-10-09');
const OTHER = article('https://news.test/other', 'Mr Brenwick, a solicitor in Leeds, said his client would appeal.', '2024-10-10');

describe('resolution whatever the order of the articles (item 3)', () => {
  it('ends with one Actor for Tom Brenwick whether the surname or the full name comes first', async () => {
    await emptyGraph(graph);
    await ingestArticles(graph, [FULL], { workers: 0 });
    await ingestArticles(graph, [SURNAME], { workers: 0 });
    const forward = await actors();

    await emptyGraph(graph);
    await ingestArticles(graph, [SURNAME], { workers: 0 });
    expect(await actors()).toEqual(['Actor:brenwick']);
    const later = await ingestArticles(graph, [FULL], { workers: 0 });
    expect(later.merges).toBe(1);
    expect(await actors()).toEqual(forward);
    expect(forward).toEqual(['Actor:tom brenwick']);

    // retroactive, recorded and undoable
    const [record] = await graph.read<{ id: string; reason: string; by: string }>({
      cypher: "MATCH (m:MergeRecord {removedId: 'Actor:brenwick'}) RETURN m.id AS id, m.reason AS reason, m.by AS by",
    });
    expect(record).toMatchObject({ by: 'auto', reason: expect.stringContaining('both members of MI5') });
    await splitEntity(graph, record!.id, 'analyst');
    expect(await actors()).toEqual(['Actor:brenwick', 'Actor:tom brenwick']);
    // and a later run does not merge them again
    await ingestArticles(graph, [article('https://news.test/again', 'MI5 Director General Tom Brenwick said the threat was growing.')], { workers: 0 });
    expect(await actors()).toEqual(['Actor:brenwick', 'Actor:tom brenwick']);
  });

  it('lists a surname nothing ties to the person as a suggestion with its score and reasons, not a merge', async () => {
    await emptyGraph(graph);
    await ingestArticles(graph, [OTHER, FULL], { workers: 0 });
    expect(await actors()).toEqual(['Actor:brenwick', 'Actor:tom brenwick']);
    const pairs = await resolutionSuggestions(graph, ['Actor'], 0);
    expect(pairs).toContainEqual(
      expect.objectContaining({
        keepId: 'Actor:tom brenwick',
        removeId: 'Actor:brenwick',
        automatic: false,
        reasons: expect.arrayContaining(['"Brenwick" is the surname of Tom Brenwick']),
      }),
    );
    expect(pairs.find((p) => p.removeId === 'Actor:brenwick')!.score).toBeLessThan(0.8);
  });
});

describe('mergeSuggestions on many people (item 3)', () => {
  it('lists the surname of each of 1,000 people beside their full names, where comparing every pair timed out', async () => {
    await emptyGraph(graph);
    const rows = Array.from({ length: 1000 }, (_, i) => [`Person${i} Surname${i}`, `Surname${i}`])
      .flat()
      .map((name) => ({ id: `Actor:${name.toLowerCase()}`, name, key: name.toLowerCase() }));
    await graph.write({
      cypher: "UNWIND $rows AS r CREATE (:Entity:Actor {id: r.id, name: r.name, nameKey: r.key, type: 'Actor', aliasKeys: [r.key], mentionCount: 1})",
      params: { rows },
    });
    const page = await mergeSuggestions(graph, ['Actor'], 0, 100);
    expect(page).toHaveLength(100);
    expect(page[0]).toMatchObject({
      keep: { id: 'Actor:person0 surname0' },
      remove: { id: 'Actor:surname0' },
      reasons: ['"Surname0" is part of "Person0 Surname0"'],
    });
    expect((await resolutionSuggestions(graph, ['Actor'], 0)).filter((p) => p.reasons.includes('the only person in the graph with that surname'))).toHaveLength(
      1000,
    );
  }, 60_000);
});

describe('names an article says are one, and one incident told differently (item 4)', () => {
  it('gives a Group the name the text says it is also known as, and suggests the merge', async () => {
    await emptyGraph(graph);
    await ingestArticles(graph, [article('https://news.test/unit', 'Unit 26165 hacked the Bundestag in 2015, German prosecutors said.')], { workers: 0 });
    await ingestArticles(graph, [article('https://news.test/apt', 'APT28 targeted defence companies in Poland.')], { workers: 0 });
    await ingestArticles(
      graph,
      [article('https://news.test/aka', 'GRU Unit 26165, also known as APT28, carried out the hacking campaign against the Bundestag.')],
      { workers: 0 },
    );
    const suggestions = await mergeSuggestions(graph, ['Group'], 0, 50);
    const pair = suggestions.find((s) => [s.keep.id, s.remove.id].sort().join('|') === 'Group:apt28|Group:unit 26165');
    expect(pair).toBeDefined();
    expect(pair!.reasons.join(' ')).toMatch(/alias/);
  });

  it('suggests "the Salisbury poisoning" and "the Skripal poisoning" as one incident, with the reason', async () => {
    await emptyGraph(graph);
    await ingestArticles(
      graph,
      [
        article(
          'https://news.test/salisbury',
          'The Salisbury poisoning was carried out by the GRU, police said. Sergei Skripal was poisoned with Novichok in Salisbury.',
          '2018-03-20',
        ),
        article(
          'https://news.test/skripal',
          'Britain said Russia ordered the Skripal poisoning. Sergei Skripal and his daughter survived the Skripal poisoning.',
          '2018-04-02',
        ),
      ],
      { workers: 0 },
    );
    const cases = (await graph.read<{ id: string }>({ cypher: 'MATCH (c:Case) RETURN c.id AS id ORDER BY id' })).map((r) => r.id);
    expect(cases).toEqual(['Case:salisbury poisoning', 'Case:skripal poisoning']);
    const pairs = await incidentSuggestions(graph, 0);
    const pair = pairs.find((p) => [p.keepId, p.removeId].sort().join('|') === 'Case:salisbury poisoning|Case:skripal poisoning');
    expect(pair).toBeDefined();
    expect(pair!.score).toBeGreaterThanOrEqual(0.5);
    expect(pair!.reasons.join('; ')).toContain('names a place or participant of the other');
  });
});

describe('threatgraph reextract (item 8)', () => {
  const A = article('https://news.test/re-a', 'Russia was behind the parcel fires in Leipzig, German investigators said. '.repeat(20));
  const B = article('https://news.test/re-b', 'MI5 Director General Ken McCallum said Iran had backed more than 20 plots in Britain.');

  it("keeps each article's text (gzipped when long) and the extractor version", async () => {
    await emptyGraph(graph);
    await ingestArticles(graph, [A, B], { workers: 0 });
    const rows = await graph.read<{ url: string; text: string | null; textGz: string | null; version: string }>({
      cypher: 'MATCH (a:Article) RETURN a.url AS url, a.text AS text, a.textGz AS textGz, a.extractorVersion AS version ORDER BY url',
    });
    expect(rows.map((r) => r.version)).toEqual([extractorVersion(), extractorVersion()]);
    const [long, short] = rows;
    expect(long!.text).toBeNull();
    expect(long!.textGz!.length).toBeLessThan(A.text.length / 3);
    expect(readStoredText(long!)).toBe(A.text);
    expect(short!.text).toBe(B.text);
  });

  it("re-extracts articles another version read, as a replacement would, keeping an analyst's alias and merge", async () => {
    await emptyGraph(graph);
    await ingestArticles(graph, [A, B], { workers: 0 });
    const clean = await snapshot(graph);
    await addAlias(graph, 'State:RUS', 'the Kremlin regime');
    // an older extractor read them: its graph lacks a fact the current one finds
    await graph.write({ cypher: "MATCH (a:Article) SET a.extractorVersion = 'x-000000000000'" });
    await graph.write({ cypher: "MATCH (p:Place {id: 'Place:leipzig'}) DETACH DELETE p" });

    const nothing = await reextractArticles(graph, { since: 'x-ffffffffffff' }).catch((e: Error) => e.message);
    expect(nothing).toContain('no article was extracted by version "x-ffffffffffff"');
    const summary = await reextractArticles(graph, { workers: 0 });
    expect(summary.articles).toEqual({ reextracted: 2, failed: 0, textless: 0 });
    const after = await snapshot(graph);
    expect(after.entities).toEqual(clean.entities);
    expect(after.relations).toEqual(clean.relations);
    const [rus] = await graph.read<{ aliases: string[] }>({ cypher: "MATCH (s:State {id: 'State:RUS'}) RETURN s.aliases AS aliases" });
    expect(rus!.aliases).toContain('the Kremlin regime');
    const versions = await graph.read<{ v: string }>({ cypher: 'MATCH (a:Article) RETURN DISTINCT a.extractorVersion AS v' });
    expect(versions).toEqual([{ v: extractorVersion() }]);
    // nothing left to do the second time
    expect((await reextractArticles(graph, { workers: 0 })).articles.reextracted).toBe(0);

    // an analyst's merge holds through re-extraction: the removed name lands on the kept entity
    await mergeEntities(graph, 'State:RUS', 'State:IRN', { by: 'analyst' });
    await graph.write({ cypher: "MATCH (a:Article) SET a.extractorVersion = 'x-000000000000'" });
    expect((await reextractArticles(graph, { workers: 0 })).articles.reextracted).toBe(2);
    expect(await graph.read({ cypher: "MATCH (s:State {id: 'State:IRN'}) RETURN s.id" })).toEqual([]);
  });

  it('runs as threatgraph reextract, and refuses a --since that is no version', async () => {
    await graph.write({ cypher: "MATCH (a:Article) SET a.extractorVersion = 'x-000000000000'" });
    const run = await runCli(['reextract', '--json', '--since', 'x-000000000000'], testEnv());
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    // the child's version (the extractor's files may change while tests run beside other work)
    const out = JSON.parse(run.stdout);
    expect(out).toMatchObject({ version: expect.stringMatching(/^x-[0-9a-f]{12}$/), articles: { reextracted: 2, failed: 0 } });
    expect(await graph.read({ cypher: 'MATCH (a:Article) RETURN DISTINCT a.extractorVersion AS v' })).toEqual([{ v: out.version }]);
    const bad = await runCli(['reextract', '--since', 'yesterday'], testEnv());
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('--since "yesterday" is not an extractor version');
  });
});
