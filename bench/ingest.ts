// npm run bench:ingest [-- --articles N --seed S --reruns R --workers W] [--bulk] [--write-only]
// --write-only: the run and the replayed write stage only (no re-runs, no re-extraction).
// --bulk: the bulk path instead (src/ingest/bulk.ts, `threatgraph ingest --bulk`) into an empty
// throw-away store: articles/s end to end and per stage (extraction and CSV, neo4j-admin
// import, schema, same-incident merges), and the extrapolation to 100,000 articles.
// The ingestion pipeline end to end on a generated corpus (bench/generate-corpus.ts), in a
// throw-away local Neo4j (temporary store, free port; never the user's data). Prints in one
// run: articles/s end to end, nodes/s and relationships/s written, peak memory (RSS) of this
// process (worker threads included), the write stage against a plain `UNWIND ... MERGE` of the
// same rows through the same driver, the time of re-runs of the same corpus (median), and the
// rate of re-extraction (`threatgraph reextract`) of every article beside the first ingest's.
// The write-stage comparison replays the run's batches into an emptied graph, each batch
// through the pipeline's transaction and then as plain MERGEs, so that both meet the same
// load (during the run itself the extraction threads share the cores with Neo4j).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ManagedTransaction } from 'neo4j-driver';
import { createDriver, GraphExecutor } from '../src/graph/executor.js';
import { openGraph } from '../src/graph/connect.js';
import { graphCountsQuery, toGraphCounts } from '../src/graph/counts.js';
import { migrateSchema } from '../src/graph/schema.js';
import { bulkIngestArticles } from '../src/ingest/bulk.js';
import { ingestArticles } from '../src/ingest/pipeline.js';
import { reextractArticles } from '../src/ingest/reextract.js';
import type { ArticlePlan, BatchRows } from '../src/ingest/plan.js';
import { writeBatch } from '../src/ingest/store.js';
import { freePort, startLocal, stopChild } from '../src/neo4j/local.js';
import { generateCorpus } from './generate-corpus.js';

const arg = (name: string, dflt: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : dflt;
  if (!Number.isFinite(v) || v < 0) throw new Error(`--${name} must be a number`);
  return v;
};
const articles = arg('articles', 2000);
const seed = arg('seed', 42);
const reruns = Math.max(1, arg('reruns', 3));
const writeOnly = process.argv.includes('--write-only');
const workersArg = process.argv.includes('--workers') ? arg('workers', 2) : undefined;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const fmt = (n: number, d = 1) => n.toLocaleString('en-GB', { maximumFractionDigits: d, minimumFractionDigits: d });

// The baseline: the same rows, each kind with one plain UNWIND ... MERGE (constraint-backed),
// no aggregates, into labels of its own.
const BASELINE_SCHEMA = [
  'CREATE CONSTRAINT b_article IF NOT EXISTS FOR (n:BArticle) REQUIRE n.id IS UNIQUE',
  'CREATE CONSTRAINT b_entity IF NOT EXISTS FOR (n:BEntity) REQUIRE n.id IS UNIQUE',
  'CREATE CONSTRAINT b_evidence IF NOT EXISTS FOR (n:BEvidence) REQUIRE n.id IS UNIQUE',
  'CREATE CONSTRAINT b_merge IF NOT EXISTS FOR (n:BMerge) REQUIRE n.id IS UNIQUE',
];
async function baselineBatch(tx: ManagedTransaction, rows: BatchRows): Promise<void> {
  await tx.run('UNWIND $rows AS row MERGE (a:BArticle {id: row.id}) SET a += row', { rows: rows.articles });
  await tx.run('UNWIND $rows AS row MERGE (e:BEntity {id: row.id}) SET e += row', { rows: rows.entities });
  await tx.run(
    'UNWIND $rows AS row MATCH (e:BEntity {id: row.entityId}) MATCH (a:BArticle {id: row.articleId}) MERGE (e)-[m:B_MENTIONED_IN]->(a) SET m.count = row.count',
    { rows: rows.mentions },
  );
  await tx.run('UNWIND $rows AS row MATCH (a:BArticle {id: row.articleId}) MERGE (ev:BEvidence {id: row.id}) SET ev += row MERGE (ev)-[:B_FROM]->(a)', {
    rows: rows.evidence,
  });
  await tx.run(
    'UNWIND $rows AS row MATCH (s:BEntity {id: row.sourceId}) MATCH (t:BEntity {id: row.targetId}) MERGE (s)-[r:B_REL {id: row.id}]->(t) SET r += row',
    { rows: rows.relations },
  );
  await tx.run(
    'UNWIND $rows AS row MATCH (s:BEntity {id: row.sourceId}) MATCH (t:BEntity {id: row.targetId}) MERGE (s)-[r:B_ASSOC {id: row.id}]->(t) SET r.weight = row.weight',
    { rows: rows.associations },
  );
  if (rows.merges.length) await tx.run('UNWIND $rows AS row MERGE (m:BMerge {id: row.id}) SET m += row', { rows: rows.merges });
}

/** What a statement writes, for the breakdown: its first MERGE (else its start), cut short. */
const statementKey = (cypher: string) => {
  const flat = cypher.replace(/\s+/g, ' ');
  return (/MERGE \([^)]*\)\S*/.exec(flat)?.[0] ?? flat.replace(/^UNWIND \$\w+ AS \w+ /, '')).slice(0, 48);
};

/**
 * The graph with each statement of its write transactions timed into `into` (by statementKey):
 * where the write stage's time goes, statement by statement.
 */
function timedWrites(graph: GraphExecutor, into: Map<string, number>): GraphExecutor {
  const timedTx = (tx: ManagedTransaction): ManagedTransaction =>
    new Proxy(tx, {
      get: (target, prop) =>
        prop !== 'run'
          ? Reflect.get(target, prop, target)
          : async (cypher: string, params?: Record<string, unknown>) => {
              const t = performance.now();
              const result = await target.run(cypher, params);
              into.set(statementKey(cypher), (into.get(statementKey(cypher)) ?? 0) + performance.now() - t);
              return result;
            },
    });
  return new Proxy(graph, {
    get: (target, prop) =>
      prop !== 'writeTx' ? Reflect.get(target, prop, target) : <T>(work: (tx: ManagedTransaction) => Promise<T>) => target.writeTx((tx) => work(timedTx(tx))),
  });
}

const dataDir = mkdtempSync(join(tmpdir(), 'threatgraph-bench-ingest-'));
const port = await freePort();
const extraction = process.env.THREATGRAPH_PARSER === 'off' ? 'rules only (THREATGRAPH_PARSER=off)' : 'rules and the dependency parser';
if (process.argv.includes('--bulk')) {
  await bulkBench();
  process.exit(0);
}
console.log(`bench:ingest: ${articles} articles (seed ${seed}), throw-away Neo4j on 127.0.0.1:${port}`);
const neo4j = await startLocal({ dataDir, port, heap: '1g', pageCache: '512m' }, { password: 'bench-ingest', attached: true });
const graph = new GraphExecutor(createDriver(neo4j.uri, neo4j.user, neo4j.password), neo4j.uri, { timeoutMs: 60_000 });
try {
  await migrateSchema(graph);
  const corpus = [...generateCorpus({ articles, seed })];
  const kb = corpus.reduce((s, a) => s + Buffer.byteLength(a.text), 0) / corpus.length / 1024;

  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 50);
  const batches: Array<{ rows: BatchRows; plans: ArticlePlan[] }> = [];
  const summary = await ingestArticles(graph, corpus, { workers: workersArg, onBatch: (rows, _ms, plans) => batches.push({ rows, plans }) });
  clearInterval(sampler);
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  if (summary.failures.length) console.log('failures:', summary.failures.slice(0, 5));
  // The graph the run built, which `--bulk` must equal: the graph at the end is another one, the
  // replayed rows (without the end-of-run merges) and, unless --write-only, then re-extracted.
  const built = toGraphCounts((await graph.read<Record<string, number>>(graphCountsQuery()))[0]!);

  for (const cypher of BASELINE_SCHEMA) await graph.write({ cypher });
  await graph.write({ cypher: 'CALL db.awaitIndexes(60)' });
  for (;;) {
    const [r] = await graph.write<{ n: number }>({ cypher: 'MATCH (n) WITH n LIMIT 20000 DETACH DELETE n RETURN count(*) AS n' });
    if (!r || r.n === 0) break;
  }
  let replayMs = 0;
  let baselineMs = 0;
  const replayParts = new Map<string, number>();
  const baselineParts = new Map<string, number>();
  const [replayGraph, baselineGraph] = [timedWrites(graph, replayParts), timedWrites(graph, baselineParts)];
  for (const { rows, plans } of batches) {
    let t0 = performance.now();
    await writeBatch(replayGraph, plans);
    replayMs += performance.now() - t0;
    t0 = performance.now();
    await baselineGraph.writeTx((tx) => baselineBatch(tx, rows));
    baselineMs += performance.now() - t0;
  }

  const rerunSeconds: number[] = [];
  for (let i = 0; i < (writeOnly ? 0 : reruns); i++) {
    const again = await ingestArticles(graph, corpus, { workers: workersArg });
    if (again.articles.unchanged !== articles) throw new Error(`re-run ${i + 1} was not a no-op: ${JSON.stringify(again.articles)}`);
    rerunSeconds.push(again.seconds);
  }

  // Re-extraction of the whole graph, as after an extractor change: every article marked as read
  // by another version, then `reextractArticles` (what `threatgraph reextract` runs).
  const re = writeOnly ? null : await reextractAll();

  const [countRow] = await graph.read<Record<string, number>>(graphCountsQuery());
  const c = toGraphCounts(countRow!);
  const rows = batches.reduce(
    (s, { rows: b }) => s + b.entities.length + b.mentions.length + b.evidence.length + b.relations.length + b.associations.length + b.articles.length,
    0,
  );
  console.log(`corpus: ${articles} articles, ${fmt(kb)} KB each on average; ${batches.length} transactions, ${fmt(rows / batches.length, 0)} rows each`);
  console.log(
    `end to end:      ${fmt(articles / summary.seconds)} articles/s (${fmt(summary.seconds)} s; ${summary.articles.new} new, ${summary.articles.failed} failed)`,
  );
  console.log(
    `written:         ${fmt(summary.nodesCreated / summary.seconds, 0)} nodes/s, ${fmt(summary.relationshipsCreated / summary.seconds, 0)} relationships/s (${summary.nodesCreated} nodes, ${summary.relationshipsCreated} relationships)`,
  );
  console.log(`peak memory:     ${fmt(peakRss / 1048576, 0)} MiB RSS (this process, extraction threads included)`);
  console.log(`write stage:     ${fmt(summary.writeSeconds, 2)} s in the run (sharing the cores with extraction)`);
  console.log(
    `  replayed:      ${fmt(replayMs / 1000, 2)} s; plain UNWIND MERGE of the same rows: ${fmt(baselineMs / 1000, 2)} s; ratio ${fmt(replayMs / baselineMs, 2)}×`,
  );
  for (const [name, parts] of [
    ['replayed', replayParts],
    ['plain', baselineParts],
  ] as const) {
    const sorted = [...parts].sort((x, y) => y[1] - x[1]);
    console.log(`    ${name} by statement: ${sorted.map(([k, ms]) => `${fmt(ms / 1000, 2)} s ${k}`).join('; ')}`);
  }
  if (re)
    console.log(`re-extraction:   ${fmt(articles / re.seconds)} articles/s (${fmt(re.seconds)} s; first ingest ${fmt(articles / summary.seconds)} articles/s)`);
  if (rerunSeconds.length)
    console.log(`re-run (no-op):  median ${fmt(median(rerunSeconds), 2)} s over ${reruns} runs (${rerunSeconds.map((s) => fmt(s, 2)).join(', ')})`);
  const line = (g: typeof c) =>
    `${g.articles} articles, ${g.entities} entities, ${g.relations} typed relations, ${g.associations} associations, ${g.evidence} evidence, ${g.mergeRecords} merge records`;
  console.log(`graph of the run: ${line(built)}`);
  console.log(`graph at the end: ${line(c)} (${writeOnly ? 'the replayed rows' : 'replayed, then re-extracted'})`);
} finally {
  await graph.close();
  if (neo4j.child) await stopChild(neo4j.child);
  rmSync(dataDir, { recursive: true, force: true });
}

async function reextractAll() {
  await graph.write({ cypher: "MATCH (a:Article) SET a.extractorVersion = 'x-000000000000'" });
  const re = await reextractArticles(graph, { workers: workersArg });
  if (re.articles.reextracted !== articles) throw new Error(`re-extraction rewrote ${re.articles.reextracted} of ${articles} articles`);
  return re;
}

async function bulkBench(): Promise<void> {
  const env = {
    ...process.env,
    NEO4J_URI: '',
    THREATGRAPH_DATA_DIR: dataDir,
    NEO4J_LOCAL_PORT: String(port),
    NEO4J_PASSWORD: 'bench-ingest',
    NEO4J_HEAP: process.env.NEO4J_HEAP ?? '1g',
    NEO4J_PAGECACHE: process.env.NEO4J_PAGECACHE ?? '512m',
  };
  console.log(`bench:ingest --bulk: ${articles} articles (seed ${seed}), extraction: ${extraction}, throw-away store ${dataDir}`);
  try {
    let peakRss = process.memoryUsage().rss;
    const sampler = setInterval(() => {
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
    }, 200);
    const summary = await bulkIngestArticles(generateCorpus({ articles, seed }), { env, workers: workersArg, count: articles });
    clearInterval(sampler);
    if (summary.failures.length) console.log('failures:', summary.failures.slice(0, 5));
    const { graph, close } = await openGraph({ env });
    try {
      const [countRow] = await graph.read<Record<string, number>>(graphCountsQuery());
      const c = toGraphCounts(countRow!);
      const s = summary.stages;
      // the merges by what made them, to compare runs of the same articles
      const merges = await graph.read<{ why: string; n: number }>({
        cypher:
          "MATCH (m:MergeRecord) RETURN CASE WHEN m.reason STARTS WITH 'same incident across articles' THEN 'same-incident' WHEN m.reason STARTS WITH 'same person across articles' THEN 'same-person' ELSE 'at resolution' END AS why, count(*) AS n ORDER BY why",
      });
      const per100k = (seconds: number) => (seconds * 100_000) / articles / 60;
      console.log(
        `end to end:      ${fmt(articles / summary.seconds)} articles/s (${fmt(summary.seconds)} s; ${summary.articles.new} new, ${summary.articles.failed} failed; ${summary.threads} extraction threads)`,
      );
      console.log(`  extraction+CSV ${fmt(s.extract)} s (${fmt(articles / s.extract)} articles/s)`);
      console.log(`  incidents      ${fmt(s.incidents)} s (same-incident Cases compared and merged on the rows, before the import)`);
      console.log(
        `  neo4j-admin    ${fmt(s.import)} s (${summary.importLine}; ${fmt(summary.nodesCreated / s.import, 0)} nodes/s, ${fmt(summary.relationshipsCreated / s.import, 0)} relationships/s)`,
      );
      console.log(`  schema+fixups  ${fmt(s.schema)} s (start of the store, constraints and indexes online, empty lists)`);
      console.log(`  people         ${fmt(s.people)} s (surnames compared with full names and merged on the rows, before the import)`);
      console.log(`peak memory:     ${fmt(peakRss / 1048576, 0)} MiB RSS (this process, extraction threads included)`);
      console.log(
        `graph:           ${c.articles} articles, ${c.entities} entities, ${c.relations} typed relations, ${c.associations} associations, ${c.evidence} evidence, ${c.mergeRecords} merge records`,
      );
      console.log(`merges:          ${merges.map((m) => `${m.n} ${m.why}`).join(', ')}`);
      console.log(
        `100,000 articles at these rates: about ${fmt(per100k(summary.seconds), 0)} min (extraction ${fmt(per100k(s.extract), 0)} min; import, schema and merges grow with the graph, measured ${fmt(per100k(s.import + s.schema + s.incidents + s.people), 1)} min scaled linearly)`,
      );
    } finally {
      await close();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
