// The bulk path (`threatgraph ingest --bulk`): the graph neo4j-admin import builds from a set
// of articles, with its same-incident merges made on the rows before the import, is the one
// the transactional path builds from the same articles, and a store that holds data is refused.
// The test runs its own throw-away local Neo4j (a temporary store on a free port), never the
// shared test server, and stops what it starts.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCorpus } from '../../bench/generate-corpus.js';
import type { BulkEntityRow } from '../../src/graph/bulk-csv.js';
import { openGraph } from '../../src/graph/connect.js';
import type { GraphExecutor } from '../../src/graph/executor.js';
import { RowGraph } from '../../src/graph/merge-rows.js';
import { mergeRecordId } from '../../src/graph/ids.js';
import { bulkIngestItems, bulkIngestSources } from '../../src/ingest/bulk.js';
import { isMergeable } from '../../src/ingest/bulk-incidents.js';
import { extractMany } from '../../src/ingest/extract-task.js';
import { articleMeta, ingestItems } from '../../src/ingest/pipeline.js';
import { planArticle } from '../../src/ingest/plan.js';
import { EntityResolver } from '../../src/ingest/resolve.js';
import { PROJECT_ROOT } from '../../src/config.js';
import { freePort } from '../../src/neo4j/local.js';
import { readSources, type SourceArticle, type SourceItem } from '../../src/sources/index.js';
import { counts } from './helpers.js';

// The people fixtures name a man by his surname (and his post) before his full name: the Actor
// the surname made is merged at the end of the run (mergeSamePeople).
const SOURCES = [
  join(PROJECT_ROOT, 'tests/ingest/fixtures/attribution/articles'),
  join(PROJECT_ROOT, 'tests/ingest/fixtures/people'),
  join(PROJECT_ROOT, 'ingest'),
];
/**
 * The same articles for both paths: the sources, then generated reporting (bench/generate-corpus.ts)
 * that tells each of its incidents under several names, so that the end-of-run merges of Cases
 * are many (the bulk path makes them on its rows, before the import).
 */
async function* articles(): AsyncGenerator<SourceItem> {
  yield* readSources(SOURCES);
  let i = 0;
  for (const article of generateCorpus({ articles: 200, seed: 11 })) yield { kind: 'article', origin: `generated ${++i}`, article };
}
// Set by each run at its own time; everything else must be equal.
const TIMES = new Set(['createdAt', 'updatedAt', 'ingestedAt', 'extractedAt', 'at']);

const round = (v: unknown): unknown => {
  if (typeof v === 'number' && !Number.isInteger(v)) return Math.round(v * 1e9) / 1e9;
  if (Array.isArray(v)) return v.map(round);
  return v;
};
const clean = (props: Record<string, unknown> | null): Record<string, unknown> =>
  Object.fromEntries(
    Object.entries(props ?? {})
      .filter(([k]) => !TIMES.has(k))
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, v]) => [k, round(v)]),
  );

/** A merge record's snapshot of the name it absorbed, without times and in a stable order (the store's order may differ). */
function snapshotOf(json: string) {
  const s = JSON.parse(json) as { entity: Record<string, unknown> | null; relations?: Array<{ oldId: string; props: Record<string, unknown> | null }> };
  return {
    ...s,
    entity: clean(s.entity),
    relations: (s.relations ?? []).map((r) => ({ ...r, props: clean(r.props) })).sort((a, b) => a.oldId.localeCompare(b.oldId)),
  };
}

/** Every node and relationship the ingest writes, with all their properties but the times. */
async function fullSnapshot(graph: GraphExecutor) {
  const rows = async (cypher: string) =>
    (await graph.read<{ key: string; props: Record<string, unknown>; labels?: string[] }>({ cypher }))
      .map((r) => ({ key: r.key, labels: r.labels ?? null, props: clean(r.props) }))
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return {
    counts: await counts(graph),
    articles: await rows('MATCH (a:Article) RETURN a.id AS key, properties(a) AS props'),
    entities: await rows('MATCH (e:Entity) RETURN e.id AS key, labels(e) AS labels, properties(e) AS props'),
    relations: await rows('MATCH (s:Entity)-[r]->(t:Entity) RETURN type(r) + " " + s.id + " " + t.id AS key, properties(r) AS props'),
    mentions: await rows('MATCH (e:Entity)-[m:MENTIONED_IN]->(a:Article) RETURN e.id + " " + a.id AS key, properties(m) AS props'),
    evidence: await rows('MATCH (ev:Evidence)-[:FROM]->(a:Article) RETURN ev.id + " " + a.id AS key, properties(ev) AS props'),
    merges: (await rows('MATCH (m:MergeRecord) RETURN m.id AS key, properties(m) AS props')).map((m) => ({
      ...m,
      props: { ...m.props, removedSnapshot: snapshotOf(String(m.props.removedSnapshot)) } as Record<string, unknown>,
    })),
  };
}

describe('ingest --bulk', () => {
  let dataDir: string;
  let env: Record<string, string | undefined>;
  let transactional: Awaited<ReturnType<typeof fullSnapshot>>;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'threatgraph-bulk-test-'));
    env = {
      ...process.env,
      NEO4J_URI: '',
      NEO4J_DATABASE: '',
      THREATGRAPH_DATA_DIR: dataDir,
      NEO4J_LOCAL_PORT: String(await freePort()),
      NEO4J_PASSWORD: 'bulk-test-password',
      NEO4J_HEAP: '768m',
      NEO4J_PAGECACHE: '128m',
    };
  });

  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('refuses a store that holds data, naming what it holds and what to do', async () => {
    const { graph, close } = await openGraph({ env });
    try {
      const summary = await ingestItems(graph, articles());
      expect(summary.articles.failed).toBe(0);
      transactional = await fullSnapshot(graph);
      expect(transactional.counts.articles).toBeGreaterThan(40);
      // the running store, with the transactional graph in it
      await expect(bulkIngestSources(SOURCES, { env })).rejects.toThrow(
        new RegExp(
          `--bulk loads into an empty store only, and the store in ${dataDir} holds ${transactional.counts.articles} articles \\(\\d+ nodes\\): ingest without --bulk`,
        ),
      );
    } finally {
      await close();
    }
    // stopped, it is looked into all the same
    await expect(bulkIngestSources(SOURCES, { env })).rejects.toThrow(/holds \d+ articles/);
  }, 900_000);

  it('refuses a server named by NEO4J_URI (neo4j-admin writes the local store only)', async () => {
    await expect(bulkIngestSources(SOURCES, { env: { NEO4J_URI: 'bolt://127.0.0.1:1', NEO4J_PASSWORD: 'x' } })).rejects.toThrow(
      /NEO4J_URI names another server: ingest without --bulk/,
    );
  });

  it('builds the graph the transactional path builds from the same articles: counts, ids, properties, evidence', async () => {
    expect(transactional).toBeDefined();
    rmSync(join(dataDir, 'data'), { recursive: true, force: true }); // a new, empty store
    const summary = await bulkIngestItems(articles(), { env });
    expect(summary.failures).toEqual([]);
    expect(summary.articles.new).toBe(transactional.counts.articles);
    expect(summary.importLine).toMatch(/IMPORT DONE/);
    const { graph, close } = await openGraph({ env });
    try {
      const bulk = await fullSnapshot(graph);
      expect(bulk.counts).toEqual(transactional.counts);
      for (const part of ['articles', 'entities', 'relations', 'mentions', 'merges'] as const) {
        expect(
          bulk[part].map((r) => r.key),
          part,
        ).toEqual(transactional[part].map((r) => r.key));
        expect(bulk[part], part).toEqual(transactional[part]);
      }
      expect(bulk.evidence.map((r) => r.key)).toEqual(transactional.evidence.map((r) => r.key));
      // a sample of evidence, every property: sentence text, offsets, rule, confidence, claim
      const step = Math.max(1, Math.floor(bulk.evidence.length / 25));
      for (let i = 0; i < bulk.evidence.length; i += step) expect(bulk.evidence[i]).toEqual(transactional.evidence[i]);
      // the fields re-extraction and forget read: each article's text and extractor, each mention's names
      expect(bulk.articles.every((a) => typeof a.props.extractorVersion === 'string' && (a.props.text || a.props.textGz))).toBe(true);
      expect(bulk.articles.some((a) => a.props.textGz)).toBe(true);
      expect(bulk.mentions.some((m) => (m.props.aliases as string[]).length > 0)).toBe(true);
      // same-incident Cases (on the rows, before the import), then the surnames written before a
      // full name (after it) were merged, as at the end of a transactional run
      const merged = (s: typeof bulk, why: string) => s.merges.filter((m) => String(m.props.reason).startsWith(why)).length;
      expect(merged(bulk, 'same incident across articles')).toBeGreaterThan(20);
      expect(merged(bulk, 'same incident across articles')).toBe(merged(transactional, 'same incident across articles'));
      expect(summary.stages.incidents).toBeGreaterThan(0);
      expect(merged(transactional, 'same person across articles')).toBeGreaterThan(0);
      expect(merged(bulk, 'same person across articles')).toBe(merged(transactional, 'same person across articles'));
    } finally {
      await close();
    }
  }, 900_000);

  it('refuses a merge on the rows that a transaction would refuse, or whose rows were not held back', () => {
    const entity = (id: string, type: BulkEntityRow['type']): BulkEntityRow => ({
      id,
      type,
      name: id.slice(id.indexOf(':') + 1),
      nameKey: id.slice(id.indexOf(':') + 1),
      aliases: [],
      aliasKeys: [],
      kind: null,
      iso3: null,
      role: null,
      date: null,
      mentionCount: 1,
      articleCount: 1,
      firstSeen: null,
      lastSeen: null,
    });
    const rows = new RowGraph(
      new Map(['Case:parcel plot', 'Case:parcel fires', 'Group:gru', 'Group:sandworm'].map((id) => [id, entity(id, id.startsWith('Case') ? 'Case' : 'Group')])),
      new Map(),
      new Map(),
      new Map(),
      [],
      new Map(),
      isMergeable,
      0,
    );
    expect(() => rows.merge('Case:parcel plot', 'Group:gru', { by: 'auto' })).toThrow(
      /cannot merge a Group into a Case: entities of different types stay apart/,
    );
    expect(() => rows.merge('Group:gru', 'Group:sandworm', { by: 'auto' })).toThrow(/their mentions and evidence were not held/);
    expect(() => rows.merge('Case:parcel plot', 'Case:parcel bombs', { by: 'auto' })).toThrow(/no entity has id "Case:parcel bombs"/);
    expect(() => rows.merge('Case:parcel plot', 'Case:parcel plot', { by: 'auto' })).toThrow(/keep and remove are the same entity/);
    // nothing was changed by the refused merges
    expect([...rows.entities.keys()]).toEqual(['Case:parcel plot', 'Case:parcel fires', 'Group:gru', 'Group:sandworm']);
    const record = rows.merge('Case:parcel plot', 'Case:parcel fires', { by: 'auto', reason: 'same incident across articles: test', score: 0.8 });
    expect(record).toMatchObject({ keepId: 'Case:parcel plot', removedId: 'Case:parcel fires', removedName: 'parcel fires', by: 'auto', undone: false });
    expect(rows.entities.get('Case:parcel plot')).toMatchObject({
      aliases: ['parcel fires'],
      mergedAliases: ['parcel fires'],
      mergedAliasSources: ['Case:parcel fires'],
    });
    expect(rows.entities.has('Case:parcel fires')).toBe(false);
  });

  // Five reports of one data breach (and an older one of the same name): the 2023-02-03 report
  // from Berlin is resolved into the Case of 2023-01-09 under the name "berlin data breach
  // 2023-02-03" (a merge record, that name redirected), the 2023-02-03 report from Paris then
  // writes a Case of that name (it shares no place with the Case of 2023-01-09 yet), and the
  // report of 2022-12-01 gives the Case of 2023-01-09 Paris too: by the end the two Cases are
  // one incident, and their merge has the id of the merge resolution recorded. A transactional
  // run keeps one MergeRecord (MERGE on the id, the incident merge's properties); the bulk path
  // wrote two rows with that id and neo4j-admin refused the import (found at 20,000 generated
  // articles, 36 such pairs).
  it('writes one merge record for a pair resolution recorded and the same-incident merges then merged', async () => {
    const report = (published: string, title: string, sentences: string[]): SourceArticle => ({
      title,
      text: sentences.join(' '),
      published,
      source: 'bulk test',
      url: `https://news.example/berlin-breach/${published}/${title.toLowerCase().replaceAll(' ', '-')}`,
      format: 'text',
    });
    const reports = [
      report('2022-09-01', 'Clinic records stolen', [
        'Sandworm claimed responsibility for the Berlin data breach.',
        'Patient records had been copied, the clinic said.',
        'The ministry published a short summary of its findings on Tuesday.',
      ]),
      report('2023-01-09', 'Ministry files leaked', [
        'The Berlin data breach took place in Berlin earlier this month.',
        'Germany denied any involvement in the Berlin data breach.',
        'Lazarus Group claimed responsibility for the Berlin data breach.',
      ]),
      report('2023-02-03', 'Investigators follow the trail', [
        'The Berlin data breach took place in Berlin earlier this month.',
        'CISA is investigating the Berlin data breach together with police in Berlin.',
        'Researchers said the operators reused infrastructure from earlier incidents.',
      ]),
      report('2023-02-03', 'Files surface abroad', [
        'The Berlin data breach took place in Paris earlier this month.',
        'Lazarus Group claimed responsibility for the Berlin data breach.',
        'Insurance companies have begun to ask about exposure to similar incidents.',
      ]),
      report('2022-12-01', 'An early warning', [
        'The Berlin data breach took place in Berlin and Paris earlier this month.',
        'FBI investigators said the Berlin data breach targeted Lazarus Group in Paris.',
        'The ministry published a short summary of its findings on Tuesday.',
      ]),
    ];
    const items = async function* (): AsyncGenerator<SourceItem> {
      for (const article of reports) yield { kind: 'article', origin: article.url!, article };
    };
    const keep = 'Case:berlin data breach 2023-01-09';
    const removed = 'Case:berlin data breach 2023-02-03';
    const id = mergeRecordId(keep, removed);
    // what makes the case: resolution records the pair, in the order the reports come
    const resolver = new EntityResolver();
    const recorded: string[] = [];
    for (const article of reports) {
      const meta = articleMeta(article);
      const [result] = await extractMany([{ ...article, id: meta.id }]);
      if (!result?.ok) throw new Error(`not extracted: ${article.title}`);
      recorded.push(...planArticle(meta, result.extraction, resolver.resolve(result.extraction)).merges.map((m) => m.id));
    }
    expect(recorded).toContain(id);

    rmSync(join(dataDir, 'data'), { recursive: true, force: true });
    const tx = await openGraph({ env });
    let transactionalRun: Awaited<ReturnType<typeof fullSnapshot>>;
    try {
      expect((await ingestItems(tx.graph, items())).failures).toEqual([]);
      transactionalRun = await fullSnapshot(tx.graph);
    } finally {
      await tx.close();
    }
    const incidentRecord = transactionalRun.merges.find((m) => m.key === id);
    expect(incidentRecord?.props).toMatchObject({ keepId: keep, removedId: removed, reason: expect.stringMatching(/^same incident across articles/) });

    rmSync(join(dataDir, 'data'), { recursive: true, force: true });
    const summary = await bulkIngestItems(items(), { env });
    expect(summary.failures).toEqual([]);
    expect(summary.importLine).toMatch(/IMPORT DONE/);
    const { graph, close } = await openGraph({ env });
    try {
      const bulk = await fullSnapshot(graph);
      expect(bulk.merges.filter((m) => m.key === id)).toEqual([incidentRecord]);
      expect(bulk.counts).toEqual(transactionalRun.counts);
      for (const part of ['entities', 'relations', 'mentions', 'merges'] as const) expect(bulk[part], part).toEqual(transactionalRun[part]);
    } finally {
      await close();
    }
  }, 900_000);
});
