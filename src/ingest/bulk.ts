// The bulk path (`threatgraph ingest --bulk`): an archive into an empty local store. Articles are
// extracted in worker threads and resolved in order, exactly as the transactional pipeline does;
// instead of transactions, their rows go to neo4j-admin CSV files (src/graph/bulk-csv.ts), which
// `neo4j-admin database import full` loads into the stopped store in one pass. Same-incident
// Cases, then the surnames written before a full name, are merged on the rows before they are
// written (src/ingest/bulk-incidents.ts), with the merge records a transactional run writes at
// its end; after the import the schema is migrated, so the graph is the one the transactional
// path builds from the same articles. The import is all or nothing: a run that stops before it
// leaves the store as it was.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { localNeo4jConfig, neo4jConfig, type LocalNeo4jConfig } from '../config.js';
import { ThreatGraphError } from '../errors.js';
import { BulkCsv, bulkFixups, HeldEvidenceFile, storeContents } from '../graph/bulk-csv.js';
import { openGraph } from '../graph/connect.js';
import { RowGraph } from '../graph/merge-rows.js';
import { adminImport } from '../neo4j/admin.js';
import { localStatus } from '../neo4j/local.js';
import { readSources, type SourceArticle, type SourceItem, type SourceOptions } from '../sources/index.js';
import { articleMeta, emptyIngestSummary, type IngestProgress, type IngestSummary } from './pipeline.js';
import { planArticle, RowTotals, type ArticleMeta } from './plan.js';
import { createExtractor, defaultWorkers, type Extractor } from './pool.js';
import { HeldRows, isMergeable, mergeIncidentsOnRows, mergePeopleOnRows } from './bulk-incidents.js';
import { EntityResolver } from './resolve.js';

type Env = Record<string, string | undefined>;

export interface BulkOptions extends SourceOptions {
  /** Where the configuration is read from (NEO4J_*, THREATGRAPH_DATA_DIR). @default process.env */
  env?: Env;
  /** Extraction threads; 0 extracts on the main thread. @default the cores, or 0 for small runs */
  workers?: number;
  onProgress?: (progress: IngestProgress) => void;
  /** Stops reading and extracting; nothing is imported. */
  signal?: AbortSignal;
}

export interface BulkSummary extends IngestSummary {
  /**
   * Seconds of each stage: extraction and CSV, same-incident and same-person merges (made on the
   * rows before the entities' CSV), neo4j-admin, schema and fix-ups.
   */
  stages: { extract: number; import: number; schema: number; incidents: number; people: number };
  /** neo4j-admin's own summary line. */
  importLine: string | null;
}

const TASK_SIZE = 8; // articles per extraction task
const SMALL_RUN = 48; // known article counts up to this are extracted in-process

/**
 * Refuses a store that holds data (or runs: the import needs it stopped); true when an empty
 * database exists there already (the import must then overwrite it).
 */
async function requireEmptyStore(env: Env, config: LocalNeo4jConfig): Promise<boolean> {
  if (!existsSync(join(config.dataDir, 'data', 'databases', 'neo4j'))) return false;
  const running = localStatus(config).running;
  const { graph, close } = await openGraph({ env, attached: true, migrate: false });
  let contents: { articles: number; nodes: number };
  try {
    [contents] = (await graph.read<{ articles: number; nodes: number }>(storeContents())) as [typeof contents];
  } finally {
    await close();
  }
  if (contents.nodes > 0) {
    throw new ThreatGraphError(
      'ingest',
      `--bulk loads into an empty store only, and the store in ${config.dataDir} holds ${contents.articles} articles (${contents.nodes} nodes): ingest without --bulk to add to it, or set THREATGRAPH_DATA_DIR to a new directory`,
    );
  }
  if (running) {
    throw new ThreatGraphError('ingest', `the local Neo4j in ${config.dataDir} is running: stop it (npx threatgraph neo4j stop), then run the bulk load again`);
  }
  return true;
}

export async function bulkIngestItems(items: AsyncIterable<SourceItem>, options: BulkOptions & { expected?: () => number } = {}): Promise<BulkSummary> {
  const started = performance.now();
  const env = options.env ?? process.env;
  if (neo4jConfig(env).uri !== null) {
    throw new ThreatGraphError(
      'ingest',
      "--bulk writes the local Neo4j's store with neo4j-admin, and NEO4J_URI names another server: ingest without --bulk into it",
    );
  }
  const config = localNeo4jConfig(env);
  const overwrite = await requireEmptyStore(env, config);

  const summary: BulkSummary = {
    ...emptyIngestSummary(),
    stages: { extract: 0, import: 0, schema: 0, incidents: 0, people: 0 },
    importLine: null,
  };
  const total = () => Math.max(options.expected?.() ?? 0, summary.results.length);
  const progress = () => {
    const a = summary.articles;
    options.onProgress?.({ done: a.new + a.unchanged + a.failed, total: total() });
  };
  type Result = IngestSummary['results'][number];
  const fail = (result: Result | null, source: string, reason: string) => {
    summary.articles.failed++;
    summary.failures.push({ source, reason });
    if (result) result.status = 'failed';
    else summary.results.push({ source, id: null, status: 'failed' });
    progress();
  };
  const stopped = () => options.signal?.aborted === true;

  const work = mkdtempSync(join(tmpdir(), 'threatgraph-bulk-'));
  let extractor: Extractor | null = null;
  try {
    const csv = new BulkCsv(work);
    const held = new HeldRows(new HeldEvidenceFile(join(work, 'held-evidence.jsonl')));
    const totals = new RowTotals();
    const resolver = new EntityResolver(); // the store is empty: nothing to load
    const ingestedAt = new Date().toISOString();
    const actors = new Set<string>();
    const seen = new Set<string>();
    const keys = new Map<string, string>(); // url or key → the source that gave it first
    type Pending = { origin: string; article: SourceArticle; meta: ArticleMeta; result: Result };
    const inflight: Array<{ batch: Pending[]; results: Promise<Awaited<ReturnType<Extractor['run']>>> }> = [];
    let queued: Pending[] = [];

    const extractorFor = async (): Promise<Extractor> => {
      if (extractor) return extractor;
      const known = options.expected?.() ?? 0;
      extractor = await createExtractor(options.workers ?? (known > 0 && known <= SMALL_RUN ? 0 : defaultWorkers()));
      summary.threads = extractor.threads;
      return extractor;
    };
    // In order of arrival, as the transactional pipeline resolves: the same ids, the same merges.
    const drainOne = async () => {
      const task = inflight.shift();
      if (!task) return;
      const results = await task.results;
      task.batch.forEach((pending, i) => {
        const r = results[i]!;
        if (!r.ok) return fail(pending.result, pending.origin, r.reason);
        if (!r.extraction.text.trim()) return fail(pending.result, pending.origin, 'holds no article text');
        if (!r.extraction.sentences.length)
          return fail(pending.result, pending.origin, 'does not read as English (the extractor reads English only); not stored');
        const plan = planArticle(pending.meta, r.extraction, resolver.resolve(r.extraction));
        const now = held.take(plan); // a Case's rows wait for the same-incident merges
        csv.addArticle(plan.article, now.mentions, now.evidence, ingestedAt);
        totals.add(plan);
        for (const e of plan.entities) if (e.type === 'Actor') actors.add(e.id);
        summary.articles.new++;
        summary.evidence += plan.evidence.length;
        progress();
      });
    };
    const submit = async () => {
      if (!queued.length) return;
      const ex = await extractorFor();
      inflight.push({ batch: queued, results: ex.run(queued.map((p) => ({ ...p.article, id: p.meta.id }))) });
      queued = [];
      while (inflight.length > Math.max(2, ex.threads * 8) && !stopped()) await drainOne();
    };

    for await (const item of items) {
      if (stopped()) break;
      if (item.kind === 'failed') {
        fail(null, item.origin, item.reason);
        continue;
      }
      const meta = articleMeta(item.article);
      const result: Result = { source: item.origin, id: meta.id, status: 'new' };
      summary.results.push(result);
      if (seen.has(meta.id)) {
        summary.articles.unchanged++;
        result.status = 'unchanged';
        progress();
        continue;
      }
      // One text per article (url or key): the transactional path's replacement has no place in
      // a one-pass load, whose rows are on disk already.
      const first = meta.key ? keys.get(meta.key) : undefined;
      if (first !== undefined) {
        fail(
          result,
          item.origin,
          `another text of the article in ${first} (same url or key): a bulk load takes one text per article (ingest the newer text without --bulk afterwards to replace it)`,
        );
        continue;
      }
      if (meta.key) keys.set(meta.key, item.origin);
      seen.add(meta.id);
      queued.push({ origin: item.origin, article: item.article, meta, result });
      if (queued.length >= TASK_SIZE) await submit();
    }
    if (!stopped()) await submit();
    while (inflight.length && !stopped()) await drainOne();
    for (const t of inflight) t.results.catch(() => {}); // abandoned tasks still settle
    if (stopped()) {
      summary.interrupted = true;
      summary.stages.extract = (performance.now() - started) / 1000;
      return summary;
    }
    const now = Date.now();
    const rows = totals.rows();
    let t0 = performance.now();
    const graphRows = new RowGraph(
      new Map(rows.entities.map((e) => [e.id, e])),
      new Map(rows.relations.map((r) => [r.id, r])),
      new Map(rows.associations.map((a) => [a.id, a])),
      held.mentions,
      held.evidence,
      held.published,
      isMergeable,
      now,
    );
    const incidentMerges = mergeIncidentsOnRows(graphRows, held.articleEntities);
    summary.stages.incidents = (performance.now() - t0) / 1000;
    t0 = performance.now();
    // then the surnames, as at the end of a transactional run (after its same-incident merges)
    const peopleMerges = actors.size ? mergePeopleOnRows(graphRows) : [];
    summary.stages.people = (performance.now() - t0) / 1000;
    csv.addMentions([...graphRows.mentions.values()].flat());
    for await (const ev of held.file.rows()) {
      const at = graphRows.evidence.get(ev.id)!; // where the merges left it
      csv.addEvidence([{ ...ev, relationId: at.relationId, sourceId: at.sourceId, targetId: at.targetId }]);
    }
    const files = csv.finish(
      {
        entities: graphRows.entities.values(),
        relations: graphRows.relations.values(),
        associations: graphRows.associations.values(),
        // a pair resolution recorded and then merged as one incident keeps the merge's record, as
        // writeMergeRecord (MERGE on the id, every property set) leaves it in a transactional run
        merges: new Map([...rows.merges, ...incidentMerges, ...peopleMerges].map((m) => [m.id, m])).values(),
      },
      now,
    );
    summary.stages.extract = (performance.now() - started) / 1000 - summary.stages.incidents - summary.stages.people;
    if (summary.articles.new === 0) return summary;

    t0 = performance.now();
    summary.importLine = await adminImport(config, { args: files.args, workDir: work, overwrite });
    summary.stages.import = (performance.now() - t0) / 1000;
    summary.entities.created = rows.entities.length;
    summary.relations.created = rows.relations.length;
    summary.nodesCreated = files.nodes;
    summary.relationshipsCreated = files.relationships;
    summary.merges = rows.merges.length + incidentMerges.length + peopleMerges.length;

    t0 = performance.now();
    const { graph, close } = await openGraph({ env, attached: true }); // migrates the schema
    try {
      for (const query of bulkFixups()) while (((await graph.write<{ n: number }>(query))[0]?.n ?? 0) > 0);
      summary.stages.schema = (performance.now() - t0) / 1000;
    } finally {
      await close();
    }
    summary.writeSeconds = summary.stages.import + summary.stages.schema + summary.stages.incidents + summary.stages.people;
    return summary;
  } finally {
    await (extractor as Extractor | null)?.close();
    rmSync(work, { recursive: true, force: true });
    summary.seconds = (performance.now() - started) / 1000;
  }
}

/** `threatgraph ingest --bulk`: paths, URLs and `-` (stdin) into an empty local store. */
export async function bulkIngestSources(specs: string[], options: BulkOptions = {}): Promise<BulkSummary> {
  let expected = 0;
  const items = readSources(specs, {
    ...options,
    onExpect: (n) => {
      expected += n;
    },
  });
  return bulkIngestItems(items, { ...options, expected: () => expected });
}

/** Articles already in memory (the benchmarks). */
export async function bulkIngestArticles(articles: Iterable<SourceArticle>, options: BulkOptions & { count?: number } = {}): Promise<BulkSummary> {
  async function* items(): AsyncGenerator<SourceItem> {
    let i = 0;
    for (const article of articles) {
      i++;
      yield { kind: 'article', origin: article.url ?? article.source ?? `article ${i}`, article };
    }
  }
  return bulkIngestItems(items(), { ...options, expected: () => options.count ?? (Array.isArray(articles) ? articles.length : 0) });
}
