// Articles, what each contributed, and an entity's timeline.
import type { CypherQuery } from '../executor.js';
import { entityMap } from './common.js';

export interface ArticleFilterArgs {
  text: string | null;
  source: string | null;
  since: string | null;
  until: string | null;
  mentions: string | null;
}

const ARTICLE_WHERE = `($text IS NULL OR toLower(coalesce(a.title, '')) CONTAINS $text)
  AND ($source IS NULL OR a.source = $source)
  AND ($since IS NULL OR a.published >= $since)
  AND ($until IS NULL OR a.published <= $until)
  AND ($mentions IS NULL OR EXISTS { (:Entity {id: $mentions})-[:MENTIONED_IN]->(a) })`;

/** One page of articles, newest first, and how many match. */
export function articlesPage(filter: ArticleFilterArgs, skip: number, first: number): CypherQuery {
  return {
    cypher: `CALL {
               MATCH (a:Article) WHERE ${ARTICLE_WHERE}
               RETURN count(a) AS total
             }
             CALL {
               MATCH (a:Article) WHERE ${ARTICLE_WHERE}
               WITH a ORDER BY a.published DESC, a.id SKIP toInteger($skip) LIMIT toInteger($limit)
               RETURN collect(a {.*, text: null, textGz: null}) AS page
             }
             RETURN total, page`,
    params: { ...filter, text: filter.text?.toLowerCase() ?? null, skip, limit: first + 1 },
  };
}

export function articlesByIds(ids: readonly string[]): CypherQuery {
  return {
    cypher: `UNWIND $ids AS id MATCH (a:Article {id: id}) RETURN a {.*, text: null, textGz: null} AS article`,
    params: { ids },
  };
}

/** For each article id: the entities it mentions, most mentioned first (capped). */
export function articleEntities(ids: readonly string[], cap = 500): CypherQuery {
  return {
    cypher: `UNWIND $ids AS id
             MATCH (a:Article {id: id})
             CALL (a) {
               MATCH (e:Entity)-[m:MENTIONED_IN]->(a)
               WITH e, m ORDER BY m.count DESC, e.id LIMIT toInteger($cap)
               RETURN collect({entity: ${entityMap('e')}, count: m.count}) AS mentions
             }
             RETURN id, mentions`,
    params: { ids, cap },
  };
}

/** For each article id: its evidence count and one page of its evidence, in sentence order. */
export function articleFacts(ids: readonly string[], skip: number, first: number): CypherQuery {
  return {
    cypher: `UNWIND $ids AS id
             MATCH (a:Article {id: id})
             CALL (a) {
               MATCH (ev:Evidence)-[:FROM]->(a) RETURN count(ev) AS total
             }
             CALL (a) {
               MATCH (ev:Evidence)-[:FROM]->(a)
               WITH ev ORDER BY ev.sentenceIndex, ev.start, ev.id SKIP toInteger($skip) LIMIT toInteger($limit)
               RETURN collect(ev {.*}) AS page
             }
             RETURN id, total, page`,
    params: { ids, skip, limit: first + 1 },
  };
}

/** An entity's articles in date order, each with the facts about the entity it contributed. */
export function timeline(id: string, since: string | null, until: string | null, first: number): CypherQuery {
  return {
    cypher: `MATCH (e:Entity {id: $id})-[m:MENTIONED_IN]->(a:Article)
             WHERE ($since IS NULL OR a.published >= $since) AND ($until IS NULL OR a.published <= $until)
             WITH e, m, a ORDER BY a.published, a.id LIMIT toInteger($first)
             CALL (e, a) {
               MATCH (ev:Evidence)-[:FROM]->(a) WHERE ev.sourceId = e.id OR ev.targetId = e.id
               WITH ev ORDER BY ev.sentenceIndex, ev.id
               RETURN collect(ev {.*}) AS facts
             }
             RETURN a {.*, text: null, textGz: null} AS article, m.count AS mentions, facts
             ORDER BY a.published, a.id`,
    params: { id, since, until, first },
  };
}
