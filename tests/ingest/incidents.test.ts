// One Case per incident across articles: the comparison (kind, places, dates, participants,
// distinctive name words) as tables, then on the real Neo4j the merge of one incident told
// three ways, unrelated arson attacks kept apart, and the merge undone. Then the fixture
// articles (tests/ingest/fixtures/attribution, written for these tests) through the pipeline.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { splitEntity } from '../../src/graph/curate.js';
import type { GraphExecutor } from '../../src/graph/executor.js';
import { ingestSources } from '../../src/ingest/pipeline.js';
import {
  automaticIncidentPairs,
  caseSimilarity,
  distinctiveWords,
  incidentMerges,
  incidentPairs,
  mergeSameIncidents,
  SAME_INCIDENT,
  type CaseProfile,
} from '../../src/ingest/resolve.js';
import { ingestArticles } from '../../src/ingest/pipeline.js';
import { generateCorpus } from '../../bench/generate-corpus.js';
import { seededRandom } from '../../src/seeded-random.js';
import { emptyGraph, testGraph } from '../helpers/graph.js';
import { parcelReporting, writeArticles } from '../helpers/reporting.js';

let graph: GraphExecutor;
beforeAll(async () => {
  graph = await testGraph();
});
afterAll(async () => {
  await graph.close();
});

const profile = (p: Partial<CaseProfile> & { id: string }): CaseProfile => ({
  name: p.id.slice(5),
  aliases: [],
  kind: null,
  date: null,
  places: [],
  participants: [],
  articles: [p.id],
  ...p,
});
const gru = { id: 'Group:gru', name: 'GRU' };
const agents = { id: 'Group:disposable agents', name: 'disposable agents' };

describe('caseSimilarity', () => {
  it('keeps the words that tell an incident apart, not case heads, demonyms or function words', () => {
    expect([...distinctiveWords(['the parcel fires', 'incendiary parcels', 'Russian sabotage in July'])].sort()).toEqual(['incendiary', 'parcel']);
  });

  it('reads no year as a distinctive word: two incidents of one year in one sea stay two', () => {
    expect([...distinctiveWords(['2031 Northgate cable incident'])].sort()).toEqual(['cable', 'northgate']);
    const a = profile({ id: 'Case:2031 northgate cable incident', kind: 'sabotage', places: ['Place:north sea'], articles: ['a1'] });
    const b = profile({ id: 'Case:2031 north sea pipeline disruptions', kind: 'sabotage', places: ['Place:north sea'], articles: ['a2'] });
    expect(caseSimilarity(a, b).reasons.join('; ')).not.toMatch(/distinctive words shared/);
  });

  const rows: Array<{ why: string; a: CaseProfile; b: CaseProfile; same: boolean; reason: RegExp }> = [
    {
      why: 'one incident told two ways: a name word, the place, the dates and the perpetrators agree',
      a: profile({ id: 'Case:parcel fires', kind: 'sabotage', date: '2024-11-05', places: ['Place:leipzig'], participants: [gru, agents] }),
      b: profile({ id: 'Case:parcel plot', kind: 'plot', date: '2024-11-20', places: ['Place:leipzig'], participants: [gru, agents] }),
      same: true,
      reason: /distinctive words shared: parcel/,
    },
    {
      why: 'two arson attacks in two cities are two incidents',
      a: profile({ id: 'Case:warehouse arson attack', kind: 'attack', date: '2024-11-12', places: ['Place:bristol'] }),
      b: profile({ id: 'Case:school arson attack', kind: 'attack', date: '2024-11-25', places: ['Place:leeds'] }),
      same: false,
      reason: /different places/,
    },
    {
      why: 'the same words a year apart are two incidents',
      a: profile({ id: 'Case:parcel fires', kind: 'sabotage', date: '2024-07-20', places: ['Place:leipzig'], participants: [gru] }),
      b: profile({ id: 'Case:parcel bombs', kind: 'sabotage', date: '2025-08-01', places: ['Place:leipzig'], participants: [gru] }),
      same: false,
      reason: /days apart \(more than 60\)/,
    },
    {
      why: 'a fraud and a sabotage sharing a place are not one incident',
      a: profile({ id: 'Case:parcel fraud', kind: 'fraud', date: '2024-11-05', places: ['Place:leipzig'] }),
      b: profile({ id: 'Case:parcel fires', kind: 'sabotage', date: '2024-11-06', places: ['Place:leipzig'] }),
      same: false,
      reason: /different kinds: fraud \/ sabotage/,
    },
  ];
  for (const row of rows) {
    it(row.why, () => {
      const sim = caseSimilarity(row.a, row.b);
      expect(sim.score >= SAME_INCIDENT).toBe(row.same);
      expect(sim.reasons.join('; ')).toMatch(row.reason);
      const [pair] = incidentPairs([row.a, row.b], null, new Set(), 0);
      expect(pair?.automatic ?? false).toBe(row.same);
    });
  }

  it('never merges automatically Cases one article tells apart, or a pair split before', () => {
    const a = profile({
      id: 'Case:parcel fires',
      kind: 'sabotage',
      date: '2024-11-05',
      places: ['Place:leipzig'],
      participants: [gru, agents],
      articles: ['a_1'],
    });
    const b = profile({ id: 'Case:parcel plot', kind: 'plot', date: '2024-11-05', places: ['Place:leipzig'], participants: [gru, agents], articles: ['a_1'] });
    expect(incidentPairs([a, b], null, new Set(), 0)[0]).toMatchObject({ automatic: false });
    const c = { ...b, articles: ['a_2'] };
    expect(incidentPairs([a, c], null, new Set(), 0)[0]).toMatchObject({ automatic: true, keepId: 'Case:parcel fires' });
    expect(incidentPairs([a, c], null, new Set(['Case:parcel fires|Case:parcel plot']), 0)[0]).toMatchObject({ automatic: false });
  });
});

// Generated-style reporting (bench/generate-corpus.ts): every article names its incident by a
// city and a kind, and mentions the same few States, agencies and other cities as the rest, so
// distinct incidents share participants and places by chance.
describe('incidentMerges: distinct incidents stay apart', () => {
  const states = [
    { id: 'State:germany', name: 'Germany' },
    { id: 'State:north korea', name: 'North Korea' },
  ];
  const ncsc = { id: 'Group:ncsc', name: 'NCSC' };
  const place = (name: string) => ({ id: `Place:${name.toLowerCase()}`, name });
  const cities = [place('Kyiv'), place('Paris'), place('Leipzig'), place('Warsaw')];
  const generated = (id: string, date: string, kind = 'attack', articles = [id]) =>
    profile({
      id,
      kind,
      date,
      articles,
      places: cities.map((c) => c.id),
      participants: [...states, ncsc, ...cities],
    });

  it('keeps two incidents whose names name different cities apart, whatever places and participants their articles share', () => {
    const [pair] = incidentPairs(
      [generated('Case:kyiv drone strike', '2024-03-01'), generated('Case:paris ransomware attack', '2024-03-18')],
      null,
      new Set(),
      0,
    );
    expect(pair!.reasons.join('; ')).toMatch(/different places: their names name kyiv \/ paris/);
    expect(pair!.automatic).toBe(false);
    expect(
      incidentMerges(
        [generated('Case:kyiv drone strike', '2024-03-01'), generated('Case:paris ransomware attack', '2024-03-18')],
        new Set(['Case:kyiv drone strike']),
        new Set(),
      ),
    ).toEqual([]);
  });

  it('never merges Cases more than 60 days apart automatically, even when everything else agrees', () => {
    const [pair] = incidentPairs(
      [generated('Case:leipzig drone strike', '2023-06-01'), generated('Case:leipzig drone strike 2024-12-08', '2024-12-08')],
      null,
      new Set(),
      0,
    );
    expect(pair!.reasons.join('; ')).toMatch(/more than 60/);
    expect(pair!.automatic).toBe(false);
  });

  it('does not chain: a Case like the second of two merged Cases but not like the first stays apart', () => {
    const a = generated('Case:leipzig arson attack', '2024-01-01', 'attack', ['a_1', 'a_2']);
    const b = generated('Case:leipzig ransomware attack', '2024-01-24');
    const c = generated('Case:leipzig bomb attack', '2024-03-10');
    expect(incidentPair(a, b).automatic && incidentPair(b, c).automatic).toBe(true);
    expect(incidentPair(a, c).automatic).toBe(false);
    const merges = incidentMerges([a, b, c], new Set([a.id, b.id, c.id]), new Set());
    expect(merges.map((m) => [m.keepId, m.removeId])).toEqual([['Case:leipzig arson attack', 'Case:leipzig ransomware attack']]);
    expect(merges[0]!.reasons.join('; ')).toMatch(/distinctive words shared: leipzig/);
  });
  const incidentPair = (x: CaseProfile, y: CaseProfile) => incidentPairs([x, y], null, new Set(), 0)[0]!;
});

// automaticIncidentPairs compares only the pairs that can be automatic (within the date window;
// two Cases whose names each name a place of their own only under a place both names name); the
// pairs it finds must be those of comparing every pair.
describe('automaticIncidentPairs: the automatic pairs of comparing every pair', () => {
  const rnd = seededRandom(14);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const place = (name: string) => ({ id: `Place:${name.toLowerCase()}`, name });
  const cities = ['Kyiv', 'Paris', 'Salisbury', 'Leipzig', 'New York', 'Tel Aviv'].map(place);
  const others = [
    { id: 'Actor:sergei skripal', name: 'Sergei Skripal' },
    { id: 'Actor:alexei navalny', name: 'Alexei Navalny' },
    gru,
    agents,
    { id: 'State:russia', name: 'Russia' },
    { id: 'State:iran', name: 'Iran' },
    { id: 'Group:ncsc', name: 'NCSC' },
  ];
  const heads = ['drone strike', 'arson attack', 'poisoning', 'parcel fires', 'data breach', 'bomb plot', 'trial'];
  const kinds = [null, 'attack', 'plot', 'sabotage', 'legal', 'investigation', 'fraud', 'other'];
  const some = <T>(xs: readonly T[], p: number) => xs.filter(() => rnd() < p);
  // named by a city (their own place, or not), by a person, or by nothing but the kind of incident;
  // dated within a year or undated; in places or in none; sharing articles now and then
  const profiles: CaseProfile[] = Array.from({ length: 360 }, (_, n) => {
    const city = pick(cities);
    const r = rnd();
    const head = pick(heads);
    const name = r < 0.55 ? `${city.name} ${head}` : r < 0.8 ? `${pick(['Skripal', 'Navalny'])} ${head}` : head;
    const day = Math.floor(rnd() * 400);
    return profile({
      id: `Case:${name.toLowerCase()} ${n}`,
      name,
      aliases: rnd() < 0.2 ? [`${pick(cities).name} ${pick(heads)}`] : [],
      kind: pick(kinds),
      date: rnd() < 0.1 ? null : rnd() < 0.03 ? 'not a date' : new Date(Date.UTC(2024, 0, 1) + day * 86_400_000).toISOString().slice(0, 10),
      places: rnd() < 0.15 ? [] : [...new Set([rnd() < 0.8 ? city.id : pick(cities).id, ...some(cities, 0.1).map((c) => c.id)])],
      participants: [...some(others, 0.4), ...some(cities, 0.1)],
      articles: [`a_${n}`, ...(rnd() < 0.1 ? [`a_${Math.floor(rnd() * 360)}`] : [])],
      context: some([...others, ...cities], 0.3).map((x) => x.name),
    });
  });

  it('finds the same pairs, scores and reasons, every Case or only those touched', () => {
    const everyPair = incidentPairs(profiles, null, new Set(), 0).filter((p) => p.automatic);
    expect(everyPair.length).toBeGreaterThan(300);
    // pairs whose names share no word (Salisbury / Skripal), and pairs with an undated Case, among them
    expect(everyPair.some((p) => p.reasons.some((r) => r.startsWith('one')) && !p.reasons.some((r) => r.startsWith('distinctive')))).toBe(true);
    const undated = new Set(profiles.filter((p) => !p.date).map((p) => p.id));
    expect(everyPair.some((p) => undated.has(p.keepId) || undated.has(p.removeId))).toBe(true);
    expect(automaticIncidentPairs(profiles, null, new Set())).toEqual(everyPair);
    const touched = new Set(profiles.filter((_, i) => i % 7 === 0).map((p) => p.id));
    const undone = new Set([`${everyPair[0]!.keepId}|${everyPair[0]!.removeId}`]);
    expect(automaticIncidentPairs(profiles, touched, undone)).toEqual(incidentPairs(profiles, touched, undone, 0).filter((p) => p.automatic));
  });
});

describe('generated articles through the pipeline', () => {
  beforeAll(async () => {
    await emptyGraph(graph);
  });

  it('merges only Cases that name the same city, each directly with the Case it is kept as', async () => {
    const summary = await ingestArticles(graph, generateCorpus({ articles: 80, seed: 42 }), { workers: 0 });
    expect(summary.articles.new).toBe(80);
    const merges = await graph.read<{ keep: string; removed: string; reason: string }>({
      cypher:
        "MATCH (m:MergeRecord) WHERE m.reason STARTS WITH 'same incident across articles' RETURN m.keepId AS keep, m.removedId AS removed, m.reason AS reason",
    });
    const city = (id: string) => id.slice('Case:'.length).split(' ')[0];
    for (const m of merges) {
      expect(city(m.removed), `${m.removed} merged into ${m.keep}`).toBe(city(m.keep));
      expect(m.reason).not.toMatch(/through|more than 60/);
    }
    const [cases] = await graph.read<{ n: number }>({ cypher: 'MATCH (c:Case) RETURN count(c) AS n' });
    expect(cases!.n).toBeGreaterThan(40);
  }, 300_000);
});

describe('one Case per incident in the graph', () => {
  beforeAll(async () => {
    await emptyGraph(graph);
  });

  const caseIds = async () => (await graph.read<{ id: string }>({ cypher: 'MATCH (c:Case) RETURN c.id AS id ORDER BY id' })).map((r) => r.id);

  it('merges the three phrasings of the parcel fires into one Case, explained, and keeps the arson attacks apart', async () => {
    const written = await writeArticles(graph, parcelReporting);
    expect(written).toHaveLength(5);
    const records = await mergeSameIncidents(graph, written);
    expect(records.map((r) => r.removedId).sort()).toEqual(['Case:explosive parcels', 'Case:parcel plot']);
    expect(await caseIds()).toEqual(['Case:parcel fires', 'Case:school arson attack', 'Case:warehouse arson attack']);
    for (const r of records) {
      expect(r).toMatchObject({ keepId: 'Case:parcel fires', by: 'auto', undone: false });
      expect(r.score).toBeGreaterThanOrEqual(SAME_INCIDENT);
      expect(r.reason).toMatch(/^same incident across articles: distinctive words shared: parcel;.*same place: .*leipzig/);
    }
    const [kept] = await graph.read<{ aliases: string[]; articles: number }>({
      cypher: "MATCH (c:Case {id: 'Case:parcel fires'}) RETURN c.aliases AS aliases, c.articleCount AS articles",
    });
    expect(kept).toEqual({ aliases: expect.arrayContaining(['parcel plot', 'explosive parcels']), articles: 3 });
  });

  it('undoes a merge, and the next run does not make it again', async () => {
    const [record] = await graph.read<{ id: string }>({ cypher: "MATCH (m:MergeRecord {removedId: 'Case:parcel plot'}) RETURN m.id AS id" });
    const { restored } = await splitEntity(graph, record!.id, 'analyst');
    expect(restored).toMatchObject({ id: 'Case:parcel plot', name: 'parcel plot' });
    expect(await caseIds()).toContain('Case:parcel plot');
    expect(await mergeSameIncidents(graph, ['Case:parcel plot', 'Case:parcel fires'])).toEqual([]);
    expect(await caseIds()).toContain('Case:parcel plot');
  });
});

describe('the fixture articles through the pipeline', () => {
  beforeAll(async () => {
    await emptyGraph(graph);
  });

  it('explains every automatic incident merge and never joins incidents in different cities', async () => {
    const summary = await ingestSources(graph, [join(import.meta.dirname, 'fixtures', 'attribution', 'articles')], { workers: 0 });
    expect(summary.articles.new).toBe(9);
    const merges = await graph.read<{ score: number; reason: string }>({
      cypher: "MATCH (m:MergeRecord) WHERE m.reason STARTS WITH 'same incident across articles' RETURN m.score AS score, m.reason AS reason",
    });
    expect(summary.merges).toBeGreaterThanOrEqual(merges.length);
    for (const m of merges) {
      expect(m.score).toBeGreaterThanOrEqual(SAME_INCIDENT);
      expect(m.reason).toMatch(/distinctive words shared|shared participants/);
    }
    // the arson attacks in Bristol and Leeds stay two Cases, and neither joins the parcel fires
    const [places] = await graph.read<{ both: number; mixed: number }>({
      cypher: `RETURN COUNT { MATCH (c:Case) WHERE EXISTS { (c)-[:OCCURRED_IN]->(:Place {name: 'Bristol'}) } AND EXISTS { (c)-[:OCCURRED_IN]->(:Place {name: 'Leeds'}) } } AS both,
                      COUNT { MATCH (c:Case) WHERE EXISTS { (c)-[:OCCURRED_IN]->(:Place {name: 'Leipzig'}) } AND EXISTS { (c)-[:OCCURRED_IN]->(p:Place WHERE p.name IN ['Bristol', 'Leeds']) } } AS mixed`,
    });
    expect(places).toEqual({ both: 0, mixed: 0 });
  });
});
