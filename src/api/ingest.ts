// The API's door to the ingest pipeline: one article in, its id and whether it was new out.
// Extraction runs in a worker thread of the ingest pool (with its own spaCy process), never on
// the thread that answers requests: a long article would hold every other request meanwhile.
import type { GraphExecutor } from '../graph/executor.js';
import { badInput } from '../graph/queries/common.js';
import { dateArg } from './args.js';
import { ingestArticles } from '../ingest/pipeline.js';
import { createExtractor, type Extractor } from '../ingest/pool.js';

export interface ArticleFields {
  text: string;
  title?: string | null;
  published?: string | null;
  source?: string | null;
  url?: string | null;
  format?: 'text' | 'markdown' | 'html' | null;
}

export type IngestOne = (graph: GraphExecutor, input: ArticleFields) => Promise<{ articleId: string; created: boolean }>;

/** Largest article the API accepts (the CLI reads larger files). */
export const MAX_ARTICLE_CHARS = 1_000_000;

/** How long the extraction thread (and its parser process) stays up after the last ingest. */
const IDLE_MS = 60_000;

/**
 * One extraction thread for the API's ingests, started by the first and closed after a minute
 * without one (its timer keeps no process alive). Concurrent ingests queue on it.
 */
function sharedExtractor() {
  let extractor: Promise<Extractor> | null = null;
  let users = 0;
  let idle: NodeJS.Timeout | undefined;
  const close = async () => {
    const closing = extractor;
    extractor = null;
    if (closing) await (await closing).close();
  };
  return {
    async use<T>(fn: (extractor: Extractor) => Promise<T>): Promise<T> {
      clearTimeout(idle);
      users++;
      try {
        extractor ??= createExtractor(1).catch((error: unknown) => {
          extractor = null;
          throw error;
        });
        return await fn(await extractor);
      } finally {
        if (--users === 0) {
          idle = setTimeout(() => void close(), IDLE_MS);
          idle.unref();
        }
      }
    },
  };
}

const extraction = sharedExtractor();

export const ingestOne: IngestOne = async (graph, input) => {
  if (!input.text?.trim()) throw badInput('input.text is empty');
  if (input.text.length > MAX_ARTICLE_CHARS) throw badInput(`input.text is longer than ${MAX_ARTICLE_CHARS} characters`);
  const published = dateArg('input.published', input.published);
  if (input.url) {
    let url: URL;
    try {
      url = new URL(input.url);
    } catch {
      throw badInput(`input.url "${input.url.slice(0, 80)}" is not a URL`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw badInput('input.url must be http or https');
  }
  const summary = await extraction.use((extractor) =>
    ingestArticles(
      graph,
      [
        {
          text: input.text,
          title: input.title ?? undefined,
          published: published ?? undefined,
          source: input.source ?? 'api',
          url: input.url ?? undefined,
          format: input.format ?? undefined,
        },
      ],
      { extractor },
    ),
  );
  const result = summary.results[0];
  if (!result || result.status === 'failed' || !result.id) {
    throw badInput(`the article could not be ingested: ${summary.failures[0]?.reason ?? 'no result'}`);
  }
  return { articleId: result.id, created: result.status === 'new' || result.status === 'replaced' };
};
