// Entity look-ups and full-text search.
import type { CypherQuery } from '../executor.js';
import { ENTITY_NAME_INDEX } from '../schema.js';
import type { EntityType } from '../../ontology.js';
import { nameKey } from '../ids.js';
import { entityMap } from './common.js';

/** Entities by id, batched: one row per id found. */
export function entitiesByIds(ids: readonly string[]): CypherQuery {
  return {
    cypher: `UNWIND $ids AS id
             MATCH (n:Entity {id: id})
             RETURN ${entityMap('n')} AS entity`,
    params: { ids },
  };
}

/** An entity whose name key is `key`, or that lists `name` as an alias; most mentioned first. */
export function entityByName(name: string, type: EntityType | null): CypherQuery {
  return {
    cypher: `CALL {
               MATCH (n:Entity {nameKey: $key}) RETURN n, 0 AS rank
               UNION
               CALL db.index.fulltext.queryNodes($index, $phrase) YIELD node AS n
               WITH n WHERE any(a IN coalesce(n.aliases, []) WHERE toLower(a) = $lower) RETURN n, 1 AS rank
             }
             WITH n, rank WHERE $type IS NULL OR n.type = $type
             RETURN ${entityMap('n')} AS entity
             ORDER BY rank, coalesce(n.mentionCount, 0) DESC, n.id
             LIMIT 1`,
    params: { key: nameKey(name), lower: name.trim().toLowerCase(), type, index: ENTITY_NAME_INDEX, phrase: phraseQuery(name) },
  };
}

const LUCENE_SPECIAL = /[+\-&|!(){}[\]^"~*?:\\/]/g;

/**
 * A Lucene query that tolerates case, accents and small typos: the exact phrase boosted,
 * then every term fuzzily (and as a prefix), for the text as typed and with accents stripped.
 */
export function luceneQuery(text: string): string {
  const variants = new Set([text, text.normalize('NFKD').replace(/\p{M}+/gu, '')]);
  const parts: string[] = [];
  for (const variant of variants) {
    const clean = variant.replace(LUCENE_SPECIAL, ' ').replace(/\s+/g, ' ').trim().toLowerCase();
    if (!clean) continue;
    const terms = clean.split(' ').filter((t) => !['and', 'or', 'not', 'to'].includes(t));
    parts.push(`"${clean}"^4`);
    if (terms.length > 0) {
      const fuzzy = terms.map((t) => (t.length >= 4 ? `(${t}~1 OR ${t}*)` : `(${t} OR ${t}*)`));
      parts.push(`(${fuzzy.join(' AND ')})`);
    }
  }
  return parts.join(' OR ');
}

/** The exact phrase, Lucene special characters removed (never empty). */
function phraseQuery(text: string): string {
  const clean = text.replace(LUCENE_SPECIAL, ' ').replace(/\s+/g, ' ').trim();
  return `"${clean || '_'}"`;
}

export function searchEntities(text: string, types: EntityType[] | null, skip: number, first: number): CypherQuery {
  return {
    cypher: `CALL db.index.fulltext.queryNodes($index, $query) YIELD node, score
             WHERE $types IS NULL OR node.type IN $types
             WITH node, score + (CASE WHEN node.nameKey = $key THEN 10.0 ELSE 0.0 END) AS score
             RETURN ${entityMap('node')} AS entity, score
             ORDER BY score DESC, coalesce(node.mentionCount, 0) DESC, node.id
             SKIP toInteger($skip) LIMIT toInteger($limit)`,
    params: { index: ENTITY_NAME_INDEX, query: luceneQuery(text), types, key: nameKey(text), skip, limit: first + 1 },
  };
}

export interface EntityFilterArgs {
  types: EntityType[] | null;
  kinds: string[] | null;
  text: string | null;
  about: string | null;
}

/** A page of entities matching a filter, most mentioned first. */
export function entitiesPage(filter: EntityFilterArgs, skip: number, first: number): CypherQuery {
  return {
    cypher: `MATCH (n:Entity)
             WHERE ($types IS NULL OR n.type IN $types)
               AND ($kinds IS NULL OR n.kind IN $kinds)
               AND ($text IS NULL OR toLower(coalesce(n.aliasText, n.name)) CONTAINS $text)
               AND ($about IS NULL
                    OR EXISTS { MATCH (n)-[:MENTIONED_IN]->(a:Article) WHERE toLower(coalesce(a.title, '')) CONTAINS $about }
                    OR EXISTS { MATCH (n)-[r]-(:Entity) MATCH (ev:Evidence {relationId: r.id}) WHERE toLower(ev.sentence) CONTAINS $about })
             RETURN ${entityMap('n')} AS entity
             ORDER BY coalesce(n.mentionCount, 0) DESC, n.id
             SKIP toInteger($skip) LIMIT toInteger($limit)`,
    params: { ...filter, text: filter.text?.toLowerCase() ?? null, about: filter.about?.toLowerCase() ?? null, skip, limit: first + 1 },
  };
}
