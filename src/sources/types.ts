// What every source yields: an article for the extractor, with where it came from.
import type { ArticleInput } from '../extract/types.js';

export interface SourceArticle extends ArticleInput {
  license?: string;
  /**
   * What identifies the article across edits when it has no url: `id:` and the id its JSON or
   * front matter states, `file:` and its path, `guid:` and a feed item's guid. A new version
   * with the same key (or url) replaces the old one.
   */
  key?: string;
}

/** One article read, or one source that could not be read: each names its path or URL. */
export type SourceItem = { kind: 'article'; origin: string; article: SourceArticle } | { kind: 'failed'; origin: string; reason: string };

export interface SourceOptions {
  /** Largest file or page read, in bytes. @default 5 MiB */
  maxBytes?: number;
  /** Time allowed for each HTTP request. @default 10000 */
  timeoutMs?: number;
  /** Pages of a feed fetched at once. @default 4 */
  fetchConcurrency?: number;
  /** Where `-` reads from. @default process.stdin */
  stdin?: NodeJS.ReadableStream;
}

export const DEFAULT_MAX_BYTES = 5 * 1024 * 1024;
