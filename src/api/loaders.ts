// Per-request batch loaders: nested fields (a relation's ends and evidence, an entity's
// relations, an evidence's article) collect their ids during one tick of execution and load
// them with one query, so an operation runs a number of queries that does not grow with the
// size of its result. Every entity a query returns primes the entity cache.
import DataLoader from 'dataloader';
import type { GraphExecutor } from '../graph/executor.js';
import * as read from '../graph/read.js';
import type { RelationsOfArgs } from '../graph/queries/relations.js';

export interface Loaders {
  entity: DataLoader<string, read.EntityRecord | null>;
  relation: DataLoader<string, read.RelationRecord | null>;
  article: DataLoader<string, read.ArticleRecord | null>;
  articleEntities: DataLoader<string, { entity: read.EntityRecord; count: number }[]>;
  relationsOf(args: Omit<RelationsOfArgs, never>): DataLoader<string, read.RelationsPage>;
  evidenceOf(skip: number, first: number): DataLoader<string, read.EvidencePage>;
  articleFacts(skip: number, first: number): DataLoader<string, { id: string; total: number; page: read.EvidenceRecord[] }>;
  /** An entity this request has already loaded, without a promise (null when not loaded). */
  known(id: string): read.EntityRecord | null;
  /** Forgets every cached entity (after a merge or split changed them). */
  forgetEntities(): void;
  /** Puts entities a query already returned into the cache. */
  primeEntities(entities: Iterable<read.EntityRecord>): void;
  primeRelations(relations: Iterable<read.RelationRecord>): void;
  primeArticles(articles: Iterable<read.ArticleRecord | null | undefined>): void;
}

function byId<T extends { id: string }>(ids: readonly string[], rows: T[]): (T | null)[] {
  const found = new Map(rows.map((row) => [row.id, row]));
  return ids.map((id) => found.get(id) ?? null);
}

/** One DataLoader per distinct argument set (fields with arguments batch per argument set). */
function perArgs<V>(make: (key: string) => DataLoader<string, V>): (key: string) => DataLoader<string, V> {
  const loaders = new Map<string, DataLoader<string, V>>();
  return (key) => {
    let loader = loaders.get(key);
    if (!loader) {
      loader = make(key);
      loaders.set(key, loader);
    }
    return loader;
  };
}

export function createLoaders(graph: GraphExecutor): Loaders {
  const loaded = new Map<string, read.EntityRecord>();
  const entity = new DataLoader<string, read.EntityRecord | null>(async (ids) => {
    const rows = byId(ids, await read.entitiesByIds(graph, ids));
    for (const row of rows) if (row) loaded.set(row.id, row);
    return rows;
  });
  const article = new DataLoader<string, read.ArticleRecord | null>(async (ids) => byId(ids, await read.articlesByIds(graph, ids)));
  const primeEntities = (entities: Iterable<read.EntityRecord>) => {
    for (const e of entities) {
      if (!e) continue;
      entity.clear(e.id).prime(e.id, e);
      loaded.set(e.id, e);
    }
  };
  const primeArticles = (articles: Iterable<read.ArticleRecord | null | undefined>) => {
    for (const a of articles) if (a) article.prime(a.id, a);
  };
  const relation = new DataLoader<string, read.RelationRecord | null>(async (ids) => {
    const rows = await read.relationsByIds(graph, ids);
    primeEntities(rows.flatMap((r) => [r.source, r.target]));
    return byId(
      ids,
      rows.map((r) => r.relation),
    );
  });
  const primeRelations = (relations: Iterable<read.RelationRecord>) => {
    for (const r of relations) relation.prime(r.id, r);
  };

  const relationsOf = perArgs((key) => {
    const args = JSON.parse(key) as RelationsOfArgs;
    return new DataLoader<string, read.RelationsPage>(async (ids) => {
      const rows = await read.relationsOf(graph, ids, args);
      for (const row of rows) {
        primeEntities(row.page.map((p) => p.other));
        primeRelations(row.page.map((p) => p.relation));
      }
      const found = new Map(rows.map((row) => [row.id, row]));
      return ids.map((id) => found.get(id) ?? { id, total: 0, page: [] });
    });
  });

  const evidenceOf = perArgs((key) => {
    const [skip, first] = JSON.parse(key) as [number, number];
    return new DataLoader<string, read.EvidencePage>(async (ids) => {
      const rows = await read.evidenceOf(graph, ids, skip, first);
      for (const row of rows) primeArticles(row.page.map((p) => p.article));
      const found = new Map(rows.map((row) => [row.id, row]));
      return ids.map((id) => found.get(id) ?? { id, total: 0, page: [] });
    });
  });

  const articleEntities = new DataLoader<string, { entity: read.EntityRecord; count: number }[]>(async (ids) => {
    const rows = await read.articleEntities(graph, ids);
    for (const row of rows) primeEntities(row.mentions.map((m) => m.entity));
    const found = new Map(rows.map((row) => [row.id, row.mentions]));
    return ids.map((id) => found.get(id) ?? []);
  });

  const articleFacts = perArgs((key) => {
    const [skip, first] = JSON.parse(key) as [number, number];
    return new DataLoader<string, { id: string; total: number; page: read.EvidenceRecord[] }>(async (ids) => {
      const rows = await read.articleFacts(graph, ids, skip, first);
      const found = new Map(rows.map((row) => [row.id, row]));
      return ids.map((id) => found.get(id) ?? { id, total: 0, page: [] });
    });
  });

  return {
    entity,
    relation,
    article,
    articleEntities,
    known: (id) => loaded.get(id) ?? null,
    forgetEntities: () => {
      entity.clearAll();
      loaded.clear();
    },
    relationsOf: (args) => relationsOf(JSON.stringify(args)),
    evidenceOf: (skip, first) => evidenceOf(JSON.stringify([skip, first])),
    articleFacts: (skip, first) => articleFacts(JSON.stringify([skip, first])),
    primeEntities,
    primeRelations,
    primeArticles,
  };
}
