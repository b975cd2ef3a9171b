// `threatgraph reextract`: stored articles read again by the current extractor. Each article
// keeps its text (gzipped when long) and the version of the extractor that read it
// (src/ingest/version.ts); those another version read are extracted again, resolved as new
// articles are, and rewritten as a replacement is (src/ingest/store.ts rewriteBatch), then
// Cases and people are compared again as after an ingest run. Article ids do not change:
// they are the hash of the text.
import { ThreatGraphError } from '../errors.js';
import type { GraphExecutor } from '../graph/executor.js';
import { articlesToReextract, extractorVersionInfo } from '../graph/resolve-queries.js';
import type { IngestProgress } from './pipeline.js';
import { articleInput, planArticle, readStoredText, type ArticleMeta, type ArticlePlan } from './plan.js';
import { createExtractor, defaultWorkers, type Extractor } from './pool.js';
import { EntityResolver, mergeSameIncidents, mergeSamePeople } from './resolve.js';
import { rewriteBatch } from './store.js';
import { extractorVersion } from './version.js';

export interface ReextractOptions {
  /** Only articles read by this version, or by any version after it (by when they were read). */
  since?: string;
  /** Every article with its text, the current version's too. @default false */
  all?: boolean;
  /** Extraction threads; 0 extracts on the main thread. @default the cores, or 0 for small runs */
  workers?: number;
  /** Articles per transaction. @default 100 */
  batchArticles?: number;
  onProgress?: (progress: Omit<IngestProgress, 'total'> & { total: number }) => void;
  signal?: AbortSignal;
}

export interface ReextractSummary {
  version: string;
  articles: { reextracted: number; failed: number; textless: number };
  entities: { created: number; deleted: number };
  relations: { created: number; deleted: number };
  merges: number;
  failures: Array<{ id: string; reason: string }>;
  seconds: number;
  interrupted: boolean;
}

const PAGE = 200;
const TASK_SIZE = 8;

export async function reextractArticles(graph: GraphExecutor, options: ReextractOptions = {}): Promise<ReextractSummary> {
  const started = performance.now();
  const version = extractorVersion();
  const [info] = await graph.read<{ sinceAt: string | null; textless: number }>(extractorVersionInfo(options.since ?? null));
  if (options.since && !info?.sinceAt)
    throw new ThreatGraphError('reextract', `--since: no article was extracted by version "${options.since}" (the current one is ${version})`, {
      code: 'BAD_INPUT',
    });
  const summary: ReextractSummary = {
    version,
    articles: { reextracted: 0, failed: 0, textless: info?.textless ?? 0 },
    entities: { created: 0, deleted: 0 },
    relations: { created: 0, deleted: 0 },
    merges: 0,
    failures: [],
    seconds: 0,
    interrupted: false,
  };
  const stopped = () => options.signal?.aborted === true;
  const perBatch = Math.max(1, options.batchArticles ?? 100);
  const touched = { cases: new Set<string>(), actors: new Set<string>() };
  let extractor: Extractor | null = null;
  let after = '';
  try {
    for (;;) {
      if (stopped()) break;
      const rows = await graph.read<ArticleMeta & { textGz: string | null; text: string | null }>(
        articlesToReextract(version, options.all === true, info?.sinceAt ?? null, after, PAGE),
      );
      if (!rows.length) break;
      after = rows.at(-1)!.id;
      const metas: ArticleMeta[] = rows.map((r) => ({ ...r, text: readStoredText(r) ?? '' }));
      extractor ??= await createExtractor(options.workers ?? (rows.length < PAGE ? 0 : defaultWorkers()));
      const tasks: Array<ReturnType<Extractor['run']>> = [];
      for (let i = 0; i < metas.length; i += TASK_SIZE) {
        tasks.push(extractor.run(metas.slice(i, i + TASK_SIZE).map(articleInput)));
      }
      // resolved as a replacement is: against the graph as it is, the article's old entities included
      const resolver = await EntityResolver.load(graph);
      let plans: ArticlePlan[] = [];
      const flush = async () => {
        if (!plans.length) return;
        const result = await rewriteBatch(graph, plans);
        summary.articles.reextracted += result.written.length;
        summary.entities.created += result.entitiesCreated;
        summary.entities.deleted += result.entitiesDeleted;
        summary.relations.created += result.relationsCreated;
        summary.relations.deleted += result.relationsDeleted;
        summary.merges += result.mergesCreated;
        for (const p of plans) for (const e of p.entities) (e.type === 'Case' ? touched.cases : e.type === 'Actor' ? touched.actors : null)?.add(e.id);
        plans = [];
        options.onProgress?.({ done: summary.articles.reextracted + summary.articles.failed, total: 0 });
      };
      for (let t = 0; t < tasks.length; t++) {
        const results = await tasks[t]!;
        results.forEach((r, i) => {
          const meta = metas[t * TASK_SIZE + i]!;
          if (!r.ok || !r.extraction.sentences.length) {
            summary.articles.failed++;
            summary.failures.push({ id: meta.id, reason: r.ok ? 'no sentences the extractor reads (kept as it was)' : r.reason });
            return;
          }
          plans.push(planArticle(meta, r.extraction, resolver.resolve(r.extraction)));
        });
        if (plans.length >= perBatch) await flush();
        if (stopped()) break;
      }
      if (!stopped()) await flush();
    }
    if (!stopped()) summary.merges += (await mergeSameIncidents(graph, touched.cases)).length;
    if (!stopped()) summary.merges += (await mergeSamePeople(graph, touched.actors)).length;
  } finally {
    await extractor?.close();
  }
  summary.interrupted = stopped();
  summary.seconds = (performance.now() - started) / 1000;
  return summary;
}
