// The ingestion pipeline: sources → (skip articles already in the graph) → extraction in
// worker threads → cross-article entity resolution → batched transactional writes.
// Everything committed stays committed: a run stopped half-way is finished by running it
// again, and an article already written is never written twice (its id is its content hash).
import { ThreatGraphError } from '../errors.js';
import type { GraphExecutor } from '../graph/executor.js';
import { articleIdFromHash, normalisedArticleText, sha256 } from '../graph/ids.js';
import { existingArticles } from '../graph/write.js';
import { readSources, type SourceArticle, type SourceItem, type SourceOptions } from '../sources/index.js';
import { createExtractor, defaultWorkers, type Extractor } from './pool.js';
import { planArticle, type ArticleMeta, type ArticlePlan, type BatchRows } from './plan.js';
import { EntityResolver, mergeSameIncidents, mergeSamePeople } from './resolve.js';
import { writeBatch, type WriteCounts } from './store.js';

export interface IngestProgress {
  done: number;
  total: number;
}

export interface IngestOptions extends SourceOptions {
  /** Extraction threads; 0 extracts on the main thread. @default the cores, or 0 for small runs */
  workers?: number;
  /** An extractor the caller keeps (and closes) across runs, e.g. the API's thread; `workers` is then unused. */
  extractor?: Extractor;
  /** Rows (nodes and relationships to write) per transaction, roughly. @default 3000 */
  batchRows?: number;
  /** Articles per transaction at most. @default 250 */
  batchArticles?: number;
  onProgress?: (progress: IngestProgress) => void;
  /** Each committed batch: its rows, how long its transaction took, and its plans (benchmarks). */
  onBatch?: (rows: BatchRows, ms: number, plans: ArticlePlan[]) => void;
  /** Stops after the transaction in flight; what is committed stays. */
  signal?: AbortSignal;
}

export type ArticleStatus = 'new' | 'unchanged' | 'replaced' | 'failed';

export interface IngestSummary {
  articles: { new: number; unchanged: number; replaced: number; failed: number };
  entities: { created: number; updated: number };
  relations: { created: number; updated: number };
  evidence: number;
  merges: number;
  nodesCreated: number;
  relationshipsCreated: number;
  failures: Array<{ source: string; reason: string }>;
  /** Every article seen, in order: where it came from, its id and what happened to it. */
  results: Array<{ source: string; id: string | null; status: ArticleStatus }>;
  seconds: number;
  writeSeconds: number;
  interrupted: boolean;
  /** Extraction threads the run started (0: it extracted on the main thread). */
  threads?: number;
  /** Why the run stopped early when the graph went away (committed articles stay). */
  error?: string | null;
}

interface Pending {
  origin: string;
  article: SourceArticle;
  meta: ArticleMeta;
  result: IngestSummary['results'][number];
}

/** Hash, id and metadata of an article, before any extraction. */
export function articleMeta(article: SourceArticle): ArticleMeta {
  const contentHash = sha256(normalisedArticleText(article.title, article.text));
  const url = article.url ?? null;
  return {
    id: articleIdFromHash(contentHash), contentHash, url, key: url ? `url:${url}` : article.key ?? null, title: article.title?.trim() || null,
    published: article.published ?? null, source: article.source ?? null, license: article.license ?? null,
    text: article.text, format: article.format ?? null,
  };
}

const CHECK_CHUNK = 128; // articles looked up in the graph at once
const TASK_SIZE = 8; // articles per extraction task
const SMALL_RUN = 48; // known article counts up to this are extracted in-process

export async function ingestItems(graph: GraphExecutor, items: AsyncIterable<SourceItem>, options: IngestOptions & { expected?: () => number } = {}): Promise<IngestSummary> {
  const started = performance.now();
  const summary: IngestSummary = {
    articles: { new: 0, unchanged: 0, replaced: 0, failed: 0 }, entities: { created: 0, updated: 0 },
    relations: { created: 0, updated: 0 }, evidence: 0, merges: 0, nodesCreated: 0, relationshipsCreated: 0,
    failures: [], results: [], seconds: 0, writeSeconds: 0, interrupted: false, threads: 0, error: null,
  };
  const maxRows = options.batchRows ?? 3000;
  const maxArticles = options.batchArticles ?? 250;
  const total = () => Math.max(options.expected?.() ?? 0, summary.results.length);
  const done = () => summary.articles.new + summary.articles.unchanged + summary.articles.replaced + summary.articles.failed;
  const progress = () => options.onProgress?.({ done: done(), total: total() });
  const fail = (result: Pending['result'] | null, source: string, reason: string) => {
    summary.articles.failed++;
    summary.failures.push({ source, reason });
    if (result) result.status = 'failed';
    else summary.results.push({ source, id: null, status: 'failed' });
    progress();
  };

  // Loaded when the first new article needs it: a run of unchanged articles reads nothing more.
  let resolver: EntityResolver | null = null;
  let extractor: Extractor | null = null;
  let ended = false; // every source read
  const extractorFor = async (fresh: number): Promise<Extractor> => {
    if (options.extractor) return options.extractor;
    if (extractor) return extractor;
    // A small run extracts in-process: known from the file count, or, for streams (JSONL, stdin,
    // feeds), from having read them to the end before the first extraction.
    const known = options.expected?.() ?? 0;
    const small = (known > 0 && known <= SMALL_RUN) || (ended && fresh <= SMALL_RUN);
    const workers = options.workers ?? (small ? 0 : defaultWorkers());
    extractor = await createExtractor(workers);
    summary.threads = extractor.threads;
    return extractor;
  };

  const seen = new Set<string>();
  let checking: Pending[] = [];
  const inflight: Array<{ batch: Pending[]; results: ReturnType<Extractor['run']> }> = [];
  let toWrite: Array<{ pending: Pending; plan: ArticlePlan }> = [];
  let bufferedRows = 0;
  const touchedCases = new Set<string>(); // Cases the run wrote, compared with the others at the end
  const touchedActors = new Set<string>(); // and Actors, for the surnames an earlier article left apart
  const stopped = () => options.signal?.aborted === true;

  const flushWrite = async () => {
    if (!toWrite.length) return;
    const batch = toWrite;
    toWrite = [];
    bufferedRows = 0;
    const t0 = performance.now();
    const result = await writeBatch(graph, batch.map((b) => b.plan), { keepRows: options.onBatch !== undefined });
    const ms = performance.now() - t0;
    summary.writeSeconds += ms / 1000;
    if (result.rows) options.onBatch?.(result.rows, ms, batch.filter((b) => result.written.includes(b.pending.meta.id)).map((b) => b.plan));
    const replacedBy = new Set(result.replaced.values());
    const written = new Set(result.written);
    for (const { pending, plan } of batch) {
      if (!written.has(pending.meta.id)) {
        summary.articles.unchanged++;
        pending.result.status = 'unchanged';
      } else if (replacedBy.has(pending.meta.id)) {
        summary.articles.replaced++;
        pending.result.status = 'replaced';
        summary.evidence += plan.evidence.length;
      } else {
        summary.articles.new++;
        summary.evidence += plan.evidence.length;
      }
    }
    addCounts(summary, result);
    summary.merges += result.mergesCreated;
    for (const b of batch) {
      if (!written.has(b.pending.meta.id)) continue;
      for (const e of b.plan.entities) {
        if (e.type === 'Case') touchedCases.add(e.id);
        else if (e.type === 'Actor') touchedActors.add(e.id);
      }
    }
    progress();
  };

  const drainOne = async () => {
    const task = inflight.shift();
    if (!task) return;
    const results = await task.results;
    for (let i = 0; i < task.batch.length; i++) {
      const pending = task.batch[i]!;
      const r = results[i]!;
      if (!r.ok) {
        fail(pending.result, pending.origin, r.reason);
        continue;
      }
      if (!r.extraction.text.trim()) {
        fail(pending.result, pending.origin, 'holds no article text');
        continue;
      }
      if (!r.extraction.sentences.length) {
        fail(pending.result, pending.origin, 'does not read as English (the extractor reads English only); not stored');
        continue;
      }
      resolver ??= await EntityResolver.load(graph);
      const plan = planArticle(pending.meta, r.extraction, resolver.resolve(r.extraction));
      // Two versions of one article (url or key) in one batch: the later one is the article.
      const key = pending.meta.key;
      const earlier = key ? toWrite.findIndex((w) => w.pending.meta.key === key) : -1;
      if (earlier >= 0) {
        const [old] = toWrite.splice(earlier, 1);
        summary.articles.replaced++;
        old!.pending.result.status = 'replaced';
      }
      toWrite.push({ pending, plan });
      bufferedRows += 1 + plan.entities.length * 2 + plan.evidence.length * 2 + plan.associations.length;
      if (bufferedRows >= maxRows || toWrite.length >= maxArticles) {
        if (stopped()) return;
        await flushWrite();
      }
    }
  };

  const flushCheck = async () => {
    if (!checking.length) return;
    const batch = checking;
    checking = [];
    const existing = new Set((await graph.read<{ id: string }>(existingArticles(batch.map((p) => p.meta.id)))).map((r) => r.id));
    const fresh: Pending[] = [];
    for (const p of batch) {
      if (existing.has(p.meta.id)) {
        summary.articles.unchanged++;
        p.result.status = 'unchanged';
      } else fresh.push(p);
    }
    progress();
    if (!fresh.length) return;
    const ex = await extractorFor(fresh.length);
    // Enough tasks queued that the threads keep extracting while a batch is being written.
    const window = Math.max(2, ex.threads * 8);
    for (let i = 0; i < fresh.length; i += TASK_SIZE) {
      const part = fresh.slice(i, i + TASK_SIZE);
      inflight.push({ batch: part, results: ex.run(part.map((p) => ({ ...p.article, id: p.meta.id }))) });
      while (inflight.length > window && !stopped()) await drainOne();
    }
  };

  try {
    for await (const item of items) {
      if (stopped()) break;
      if (item.kind === 'failed') {
        fail(null, item.origin, item.reason);
        continue;
      }
      const meta = articleMeta(item.article);
      const result = { source: item.origin, id: meta.id, status: 'new' as ArticleStatus };
      summary.results.push(result);
      if (seen.has(meta.id)) {
        summary.articles.unchanged++;
        result.status = 'unchanged';
        progress();
        continue;
      }
      seen.add(meta.id);
      checking.push({ origin: item.origin, article: item.article, meta, result });
      if (checking.length >= CHECK_CHUNK) await flushCheck();
    }
    ended = true;
    if (!stopped()) await flushCheck();
    while (inflight.length && !stopped()) await drainOne();
    if (!stopped()) await flushWrite();
    // one Case per incident across articles (src/ingest/resolve.ts)
    if (!stopped()) summary.merges += (await mergeSameIncidents(graph, touchedCases)).length;
    // one Actor per person whatever the order of the articles
    if (!stopped()) summary.merges += (await mergeSamePeople(graph, touchedActors)).length;
  } catch (error) {
    // The graph went away mid-run: what is committed stays, and the same command finishes it.
    if (!(error instanceof ThreatGraphError && error.code === 'NEO4J_UNAVAILABLE')) throw error;
    summary.error = error.message.replace(/^\[threatgraph\] \[neo4j\] /, '');
    summary.interrupted = true;
  } finally {
    // Abandoned tasks still settle; keep their rejections from surfacing as unhandled.
    for (const t of inflight) t.results.catch(() => {});
    await (extractor as Extractor | null)?.close();
  }
  summary.interrupted ||= stopped();
  summary.seconds = (performance.now() - started) / 1000;
  return summary;
}

function addCounts(summary: IngestSummary, c: WriteCounts): void {
  summary.entities.created += c.entitiesCreated;
  summary.entities.updated += c.entitiesUpdated;
  summary.relations.created += c.relationsCreated;
  summary.relations.updated += c.relationsUpdated;
  summary.nodesCreated += c.nodesCreated;
  summary.relationshipsCreated += c.relationshipsCreated;
}

/** Ingests paths, URLs and `-` (stdin). */
export async function ingestSources(graph: GraphExecutor, specs: string[], options: IngestOptions = {}): Promise<IngestSummary> {
  let expected = 0;
  const items = readSources(specs, { ...options, onExpect: (n) => { expected += n; } });
  return ingestItems(graph, items, { ...options, expected: () => expected });
}

/** Ingests articles already in memory (the API's ingestArticle, the benchmark). */
export async function ingestArticles(graph: GraphExecutor, articles: Iterable<SourceArticle> | AsyncIterable<SourceArticle>, options: IngestOptions & { count?: number } = {}): Promise<IngestSummary> {
  async function* items(): AsyncGenerator<SourceItem> {
    let i = 0;
    for await (const article of articles) {
      i++;
      yield { kind: 'article', origin: article.url ?? article.source ?? `article ${i}`, article };
    }
  }
  return ingestItems(graph, items(), { ...options, expected: () => options.count ?? (Array.isArray(articles) ? articles.length : 0) });
}
