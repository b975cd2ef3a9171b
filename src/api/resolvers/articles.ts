// Query.articles, article and timeline, and the Article type.
import { intIn } from '../../graph/queries/common.js';
import { dateArg, idArg, pageArgs } from '../args.js';
import * as read from '../../graph/read.js';
import type { ArticleRecord } from '../../graph/read.js';
import type { ApiContext } from '../context.js';
import { connection, isoTime } from './shared.js';

interface ArticleFilter {
  text?: string | null;
  source?: string | null;
  since?: string | null;
  until?: string | null;
  mentions?: string | null;
}

export const articleResolvers = {
  Query: {
    articles: async (_: unknown, args: { filter?: ArticleFilter | null; first?: number | null; after?: string | null }, { graph, loaders }: ApiContext) => {
      const { skip, first } = pageArgs(args, 20);
      const f = args.filter ?? {};
      const { total, page } = await read.articlesPage(
        graph,
        {
          text: f.text?.trim() || null,
          source: f.source ?? null,
          since: dateArg('filter.since', f.since),
          until: dateArg('filter.until', f.until),
          mentions: f.mentions ?? null,
        },
        skip,
        first,
      );
      loaders.primeArticles(page);
      return connection(page, skip, first, total);
    },
    article: (_: unknown, args: { id: string }, { loaders }: ApiContext) => loaders.article.load(idArg('id', args.id)),
    timeline: async (
      _: unknown,
      args: { entity: string; since?: string | null; until?: string | null; first?: number | null },
      { graph, loaders }: ApiContext,
    ) => {
      const rows = await read.timeline(
        graph,
        idArg('entity', args.entity),
        dateArg('since', args.since),
        dateArg('until', args.until),
        intIn('first', args.first, 1, 200, 50),
      );
      loaders.primeArticles(rows.map((r) => r.article));
      return rows.map((r) => ({ date: r.article.published ?? null, article: r.article, mentions: r.mentions ?? 0, facts: r.facts }));
    },
  },
  Article: {
    ingestedAt: (a: ArticleRecord) => isoTime(a.ingestedAt),
    entities: (a: ArticleRecord, _: unknown, { loaders }: ApiContext) => loaders.articleEntities.load(a.id),
    facts: async (a: ArticleRecord, args: { first?: number | null; after?: string | null }, { loaders }: ApiContext) => {
      const { skip, first } = pageArgs(args, 50);
      const row = await loaders.articleFacts(skip, first).load(a.id);
      return connection(row.page, skip, first, row.total);
    },
  },
  EntityMention: {
    count: (m: { count?: number | null }) => m.count ?? 0,
  },
};
