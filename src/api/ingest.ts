// The API's door to the ingest pipeline: one article in, its id and whether it was new out.
import type { GraphExecutor } from '../graph/executor.js';
import { badInput, dateArg } from '../graph/queries/common.js';
import { ingestArticles } from '../ingest/pipeline.js';

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

export const ingestOne: IngestOne = async (graph, input) => {
  if (!input.text?.trim()) throw badInput('input.text is empty');
  if (input.text.length > MAX_ARTICLE_CHARS) throw badInput(`input.text is longer than ${MAX_ARTICLE_CHARS} characters`);
  const published = dateArg('input.published', input.published);
  if (input.url) {
    let url: URL;
    try { url = new URL(input.url); } catch { throw badInput(`input.url "${input.url.slice(0, 80)}" is not a URL`); }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw badInput('input.url must be http or https');
  }
  const summary = await ingestArticles(graph, [{
    text: input.text,
    title: input.title ?? undefined,
    published: published ?? undefined,
    source: input.source ?? 'api',
    url: input.url ?? undefined,
    format: input.format ?? undefined,
  }], { workers: 0 });
  const result = summary.results[0];
  if (!result || result.status === 'failed' || !result.id) {
    throw badInput(`the article could not be ingested: ${summary.failures[0]?.reason ?? 'no result'}`);
  }
  return { articleId: result.id, created: result.status === 'new' || result.status === 'replaced' };
};
