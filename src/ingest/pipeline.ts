// The ingestion pipeline: sources → (skip articles already in the graph) → extraction in
// worker threads → cross-article entity resolution → batched transactional writes.
// Everything committed stays committed: a run stopped half-way is finished by running it
// again, and an article already written is never written twice (its id is its content hash).
// Several runs at once (processes on one machine or several, against one Neo4j) take turns
// per batch under the resolution lock, and resolve a batch again when another wrote meanwhile
// (README "Several ingest processes").
import { ThreatGraphError } from '../errors.js';
import type { Extraction } from '../extract/types.js';
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
    id: articleIdFromHash(contentHash),
    contentHash,
    url,
    key: url ? `url:${url}` : (article.key ?? null),
    title: article.title?.trim() || null,
    published: article.published ?? null,
    source: article.source ?? null,
    license: article.license ?? null,
    text: article.text,
    format: article.format ?? null,
  };
}

const CHECK_CHUNK = 128; // articles looked up in the graph at once
const TASK_SIZE = 8; // articles per extraction task
const SMALL_RUN = 48; // known article counts up to this are extracted in-process

export async function ingestItems(
  graph: GraphExecutor,
  items: AsyncIterable<SourceItem>,
  options: IngestOptions & { expected?: () => number } = {},
): Promise<IngestSummary> {
  const started = performance.now();
  const run = new IngestRun(graph, options);
  const { summary } = run;
  try {
    await run.read(items);
    await run.finish();
  } catch (error) {
    // The graph went away mid-run: what is committed stays, and the same command finishes it.
    if (!(error instanceof ThreatGraphError && error.code === 'NEO4J_UNAVAILABLE')) throw error;
    summary.error = error.message.replace(/^\[threatgraph\] \[neo4j\] /, '');
    summary.interrupted = true;
  } finally {
    await run.close();
  }
  summary.interrupted ||= run.stopped();
  summary.seconds = (performance.now() - started) / 1000;
  return summary;
}

/** An article ready to write: its extraction is kept until then, to be resolved again if the graph changed. */
type Planned = { pending: Pending; extraction: Extraction; plan: ArticlePlan };

/** A run's summary before its first article: every count at zero (the bulk path starts from it too). */
export function emptyIngestSummary(): IngestSummary {
  return {
    articles: { new: 0, unchanged: 0, replaced: 0, failed: 0 },
    entities: { created: 0, updated: 0 },
    relations: { created: 0, updated: 0 },
    evidence: 0,
    merges: 0,
    nodesCreated: 0,
    relationshipsCreated: 0,
    failures: [],
    results: [],
    seconds: 0,
    writeSeconds: 0,
    interrupted: false,
    threads: 0,
    error: null,
  };
}

/**
 * One ingest run's state as articles move through it: read → `checking` (looked up in the
 * graph in chunks) → `inflight` (extraction tasks) → `toWrite` (planned, written in batches).
 */
class IngestRun {
  readonly summary: IngestSummary = emptyIngestSummary();
  private readonly maxRows: number;
  private readonly maxArticles: number;
  // Loaded when the first new article needs it: a run of unchanged articles reads nothing more.
  private resolver: EntityResolver | null = null;
  private extractor: Extractor | null = null;
  private ended = false; // every source read
  private readonly seen = new Set<string>();
  private checking: Pending[] = [];
  private readonly inflight: Array<{ batch: Pending[]; results: ReturnType<Extractor['run']> }> = [];
  private toWrite: Planned[] = [];
  private bufferedRows = 0;
  private readonly touchedCases = new Set<string>(); // Cases the run wrote, compared with the others at the end
  private readonly touchedActors = new Set<string>(); // and Actors, for the surnames an earlier article left apart

  constructor(
    private readonly graph: GraphExecutor,
    private readonly options: IngestOptions & { expected?: () => number },
  ) {
    this.maxRows = options.batchRows ?? 3000;
    this.maxArticles = options.batchArticles ?? 250;
  }

  stopped(): boolean {
    return this.options.signal?.aborted === true;
  }

  private progress(): void {
    const { articles, results } = this.summary;
    const done = articles.new + articles.unchanged + articles.replaced + articles.failed;
    this.options.onProgress?.({ done, total: Math.max(this.options.expected?.() ?? 0, results.length) });
  }

  private fail(result: Pending['result'] | null, source: string, reason: string): void {
    this.summary.articles.failed++;
    this.summary.failures.push({ source, reason });
    if (result) result.status = 'failed';
    else this.summary.results.push({ source, id: null, status: 'failed' });
    this.progress();
  }

  /** Reads every source item; an article seen before in this run is unchanged. */
  async read(items: AsyncIterable<SourceItem>): Promise<void> {
    for await (const item of items) {
      if (this.stopped()) break;
      if (item.kind === 'failed') {
        this.fail(null, item.origin, item.reason);
        continue;
      }
      const meta = articleMeta(item.article);
      const result = { source: item.origin, id: meta.id, status: 'new' as ArticleStatus };
      this.summary.results.push(result);
      if (this.seen.has(meta.id)) {
        this.summary.articles.unchanged++;
        result.status = 'unchanged';
        this.progress();
        continue;
      }
      this.seen.add(meta.id);
      this.checking.push({ origin: item.origin, article: item.article, meta, result });
      if (this.checking.length >= CHECK_CHUNK) await this.check();
    }
    this.ended = true;
  }

  /** Extracts and writes what is left, then merges the same incident and the same person across articles. */
  async finish(): Promise<void> {
    if (!this.stopped()) await this.check();
    while (this.inflight.length && !this.stopped()) await this.extractNext();
    if (!this.stopped()) await this.write();
    // one Case per incident across articles (src/ingest/resolve.ts)
    if (!this.stopped()) this.summary.merges += (await mergeSameIncidents(this.graph, this.touchedCases)).length;
    // one Actor per person whatever the order of the articles
    if (!this.stopped()) this.summary.merges += (await mergeSamePeople(this.graph, this.touchedActors)).length;
  }

  async close(): Promise<void> {
    // Abandoned tasks still settle; keep their rejections from surfacing as unhandled.
    for (const t of this.inflight) t.results.catch(() => {});
    await this.extractor?.close();
  }

  /** Looks the articles read so far up in the graph and sends the new ones to extraction. */
  private async check(): Promise<void> {
    if (!this.checking.length) return;
    const batch = this.checking;
    this.checking = [];
    const existing = new Set((await this.graph.read<{ id: string }>(existingArticles(batch.map((p) => p.meta.id)))).map((r) => r.id));
    const fresh: Pending[] = [];
    for (const p of batch) {
      if (existing.has(p.meta.id)) {
        this.summary.articles.unchanged++;
        p.result.status = 'unchanged';
      } else fresh.push(p);
    }
    this.progress();
    if (!fresh.length) return;
    const ex = await this.extractorFor(fresh.length);
    // Enough tasks queued that the threads keep extracting while a batch is being written.
    const window = Math.max(2, ex.threads * 8);
    for (let i = 0; i < fresh.length; i += TASK_SIZE) {
      const part = fresh.slice(i, i + TASK_SIZE);
      this.inflight.push({ batch: part, results: ex.run(part.map((p) => ({ ...p.article, id: p.meta.id }))) });
      while (this.inflight.length > window && !this.stopped()) await this.extractNext();
    }
  }

  private async extractorFor(fresh: number): Promise<Extractor> {
    if (this.options.extractor) return this.options.extractor;
    if (this.extractor) return this.extractor;
    // A small run extracts in-process: known from the file count, or, for streams (JSONL, stdin,
    // feeds), from having read them to the end before the first extraction.
    const known = this.options.expected?.() ?? 0;
    const small = (known > 0 && known <= SMALL_RUN) || (this.ended && fresh <= SMALL_RUN);
    const workers = this.options.workers ?? (small ? 0 : defaultWorkers());
    this.extractor = await createExtractor(workers);
    this.summary.threads = this.extractor.threads;
    return this.extractor;
  }

  /** Waits for the oldest extraction task, plans its articles and writes a batch when one is full. */
  private async extractNext(): Promise<void> {
    const task = this.inflight.shift();
    if (!task) return;
    const results = await task.results;
    for (let i = 0; i < task.batch.length; i++) {
      const pending = task.batch[i]!;
      const r = results[i]!;
      if (!r.ok) {
        this.fail(pending.result, pending.origin, r.reason);
        continue;
      }
      if (!r.extraction.text.trim()) {
        this.fail(pending.result, pending.origin, 'holds no article text');
        continue;
      }
      if (!r.extraction.sentences.length) {
        this.fail(pending.result, pending.origin, 'does not read as English (the extractor reads English only); not stored');
        continue;
      }
      this.resolver ??= await EntityResolver.load(this.graph);
      this.queue({ pending, extraction: r.extraction, plan: planArticle(pending.meta, r.extraction, this.resolver.resolve(r.extraction)) });
      if (this.bufferedRows >= this.maxRows || this.toWrite.length >= this.maxArticles) {
        if (this.stopped()) return;
        await this.write();
      }
    }
  }

  private queue(planned: Planned): void {
    // Two versions of one article (url or key) in one batch: the later one is the article.
    const key = planned.pending.meta.key;
    const earlier = key ? this.toWrite.findIndex((w) => w.pending.meta.key === key) : -1;
    if (earlier >= 0) {
      const [old] = this.toWrite.splice(earlier, 1);
      this.summary.articles.replaced++;
      old!.pending.result.status = 'replaced';
    }
    this.toWrite.push(planned);
    const { plan } = planned;
    this.bufferedRows += 1 + plan.entities.length * 2 + plan.evidence.length * 2 + plan.associations.length;
  }

  /** Writes the queued articles in one transaction and counts what happened to each. */
  private async write(): Promise<void> {
    if (!this.toWrite.length) return;
    const batch = this.toWrite;
    this.toWrite = [];
    this.bufferedRows = 0;
    const t0 = performance.now();
    const result = await writeBatch(this.graph, (version) => this.resolveUnderLock(batch, version), { keepRows: this.options.onBatch !== undefined });
    this.resolver!.version = result.version;
    const ms = performance.now() - t0;
    this.summary.writeSeconds += ms / 1000;
    if (result.rows)
      this.options.onBatch?.(
        result.rows,
        ms,
        batch.filter((b) => result.written.includes(b.pending.meta.id)).map((b) => b.plan),
      );
    this.countWritten(batch, new Set(result.written), new Set(result.replaced.values()));
    addCounts(this.summary, result);
    this.summary.merges += result.mergesCreated;
    this.progress();
  }

  /**
   * The batch's plans, under the resolution lock. When the graph changed since the resolver
   * was loaded (another ingest process wrote, or someone merged), the resolver is loaded again
   * and the batch's articles are resolved again in order, as one process would resolve them
   * after everything already written; articles another process wrote meanwhile are left out.
   */
  private async resolveUnderLock(batch: Planned[], version: number): Promise<ArticlePlan[]> {
    if (this.resolver!.version === version) return batch.map((b) => b.plan);
    const ids = batch.map((b) => b.pending.meta.id);
    const written = new Set((await this.graph.read<{ id: string }>(existingArticles(ids))).map((r) => r.id));
    this.resolver = await EntityResolver.load(this.graph);
    const plans: ArticlePlan[] = [];
    for (const b of batch) {
      if (written.has(b.pending.meta.id)) continue;
      b.plan = planArticle(b.pending.meta, b.extraction, this.resolver.resolve(b.extraction));
      plans.push(b.plan);
    }
    return plans;
  }

  private countWritten(batch: Planned[], written: Set<string>, replacedBy: Set<string>): void {
    const { summary } = this;
    for (const { pending, plan } of batch) {
      if (!written.has(pending.meta.id)) {
        summary.articles.unchanged++;
        pending.result.status = 'unchanged';
        continue;
      }
      if (replacedBy.has(pending.meta.id)) {
        summary.articles.replaced++;
        pending.result.status = 'replaced';
      } else summary.articles.new++;
      summary.evidence += plan.evidence.length;
      for (const e of plan.entities) {
        if (e.type === 'Case') this.touchedCases.add(e.id);
        else if (e.type === 'Actor') this.touchedActors.add(e.id);
      }
    }
  }
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
  const items = readSources(specs, {
    ...options,
    onExpect: (n) => {
      expected += n;
    },
  });
  return ingestItems(graph, items, { ...options, expected: () => expected });
}

/** Ingests articles already in memory (the API's ingestArticle, the benchmark). */
export async function ingestArticles(
  graph: GraphExecutor,
  articles: Iterable<SourceArticle> | AsyncIterable<SourceArticle>,
  options: IngestOptions & { count?: number } = {},
): Promise<IngestSummary> {
  async function* items(): AsyncGenerator<SourceItem> {
    let i = 0;
    for await (const article of articles) {
      i++;
      yield { kind: 'article', origin: article.url ?? article.source ?? `article ${i}`, article };
    }
  }
  return ingestItems(graph, items(), { ...options, expected: () => options.count ?? (Array.isArray(articles) ? articles.length : 0) });
}
