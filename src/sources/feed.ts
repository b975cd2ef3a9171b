// RSS and Atom feeds through rss-parser: each item becomes its page's article, or, when the
// page cannot be had or holds no article, the item's own content or summary.
import Parser from 'rss-parser';
import { ThreatGraphError } from '../errors.js';
import { htmlToText } from '../extract/normalise.js';
import { isoDate } from './parse.js';
import { fetchText, isHttpUrl } from './http.js';
import type { SourceItem, SourceOptions } from './types.js';

export interface FeedEntry {
  title?: string;
  link?: string;
  published?: string;
  summary?: string;
  guid?: string;
}

export async function parseFeed(origin: string, xml: string): Promise<{ title?: string; entries: FeedEntry[] }> {
  let feed: Awaited<ReturnType<Parser['parseString']>>;
  try {
    feed = await new Parser().parseString(xml);
  } catch (error) {
    throw new ThreatGraphError('feed', `${origin}: is not an RSS or Atom feed (${(error as Error).message.split('\n')[0]})`, {
      cause: error,
      code: 'BAD_SOURCE',
    });
  }
  const entries = (feed.items ?? []).map((item) => ({
    title: item.title?.trim() || undefined,
    link: item.link?.trim() || undefined,
    published: isoDate(item.isoDate ?? item.pubDate),
    summary: (item['content:encoded'] as string | undefined) ?? item.content ?? item.contentSnippet ?? item.summary,
    guid: typeof item.guid === 'string' && item.guid.trim() ? item.guid.trim() : undefined,
  }));
  return { title: feed.title?.trim() || undefined, entries };
}

const hasWords = (html: string) =>
  html
    .replace(/<[^>]*>/g, ' ')
    .replace(/&[a-z#0-9]+;/gi, ' ')
    .trim().length > 0;

/** The items of a feed, each as an article (page first, then the item's own text). */
export async function* feedItems(feedUrl: string, xml: string, options: SourceOptions = {}): AsyncGenerator<SourceItem> {
  const { title: feedTitle, entries } = await parseFeed(feedUrl, xml);
  const concurrency = Math.max(1, options.fetchConcurrency ?? 4);
  const source = feedTitle ?? feedUrl;
  const load = async (entry: FeedEntry, index: number): Promise<SourceItem> => {
    const origin = entry.link ?? `${feedUrl}#item-${index + 1}`;
    let pageError: string | undefined;
    if (entry.link && isHttpUrl(entry.link)) {
      try {
        const page = await fetchText(entry.link, options);
        const html = /html/.test(page.contentType) || /<html|<body|<p[\s>]/i.test(page.text.slice(0, 2000));
        if (!html || htmlToText(page.text).text) {
          return {
            kind: 'article',
            origin,
            article: { text: page.text, format: html ? 'html' : 'text', title: entry.title, published: entry.published, url: entry.link, source },
          };
        }
        pageError = 'the page holds no article';
      } catch (error) {
        pageError = (error as Error).message;
      }
    }
    if (entry.summary && hasWords(entry.summary)) {
      // an item without a link is known across edits by its guid, else by its feed and title
      const key = entry.link ? undefined : entry.guid ? `guid:${entry.guid}` : entry.title ? `feed:${feedUrl}#${entry.title}` : undefined;
      return {
        kind: 'article',
        origin,
        article: {
          text: entry.summary,
          format: /<[a-z][^>]*>/i.test(entry.summary) ? 'html' : 'text',
          title: entry.title,
          published: entry.published,
          url: entry.link,
          source,
          key,
        },
      };
    }
    return {
      kind: 'failed',
      origin,
      reason: pageError
        ? `${pageError.replace(/^\[threatgraph\] \[\w+\] [^:]+: /, '')}, and the feed item has no summary`
        : 'the feed item has no link and no summary',
    };
  };
  // A small window of fetches in flight; items come out in feed order.
  const window: Promise<SourceItem>[] = [];
  let next = 0;
  while (next < entries.length || window.length) {
    while (window.length < concurrency && next < entries.length) window.push(load(entries[next]!, next++));
    yield await window.shift()!;
  }
}
