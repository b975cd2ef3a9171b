// Entity look-ups and full-text search.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CypherQuery } from '../executor.js';
import { PROJECT_ROOT } from '../../config.js';
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

// A seat of government standing for its State ("the Kremlin", "Tehran"), as the extractor reads
// them: the gazetteer's metonyms, by name key.
const METONYMS = new Map(
  Object.entries(
    (JSON.parse(readFileSync(join(PROJECT_ROOT, 'data/gazetteers/states-extra.json'), 'utf8')) as { metonyms: Record<string, string> }).metonyms,
  ).map(([written, iso3]) => [nameKey(written), `State:${iso3}`]),
);

/** The id of the State a name stands for as a metonym ("the Kremlin" → State:RUS), or null. */
export function stateOfMetonym(name: string): string | null {
  return METONYMS.get(nameKey(name)) ?? null;
}

/**
 * The most mentioned entity that is called `name`: whose name key is the name's, that lists it
 * as an alias, or the State it stands for as a metonym (the Kremlin, Tehran).
 */
export function entityByName(name: string, type: EntityType | null): CypherQuery {
  return {
    cypher: `CALL {
               MATCH (n:Entity {nameKey: $key}) RETURN n
               UNION
               CALL db.index.fulltext.queryNodes($index, $phrase) YIELD node AS n
               WITH n WHERE any(a IN coalesce(n.aliases, []) WHERE toLower(a) = $lower) RETURN n
               UNION
               MATCH (n:Entity {id: $metonym}) RETURN n
             }
             WITH n WHERE $type IS NULL OR n.type = $type
             RETURN ${entityMap('n')} AS entity
             ORDER BY coalesce(n.mentionCount, 0) DESC, n.id
             LIMIT 1`,
    params: { key: nameKey(name), lower: name.trim().toLowerCase(), type, index: ENTITY_NAME_INDEX, phrase: phraseQuery(name), metonym: stateOfMetonym(name) },
  };
}

const LUCENE_SPECIAL = /[+\-&|!(){}[\]^"~*?:\\/]/g;

const STOP_TERMS = ['and', 'or', 'not', 'to'];

/** Text with every Lucene special character replaced by a space, lower case. */
function luceneClean(text: string): string {
  return text.replace(LUCENE_SPECIAL, ' ').replace(/\s+/g, ' ').trim().toLowerCase();
}

/**
 * A Lucene query that tolerates case, accents and small typos: the exact phrase boosted,
 * then every term fuzzily (and as a prefix), for the text as typed and with accents stripped.
 * Parts in double quotes must match as phrases ("parcel fires" finds no "fires at a parcel
 * depot"). Null when nothing searchable is left (text made only of `"`, `*`, `((((`, `&&`…).
 */
export function luceneQuery(text: string): string | null {
  const variants = new Set([text, text.normalize('NFKD').replace(/\p{M}+/gu, '')]);
  const alternatives: string[] = [];
  for (const variant of variants) {
    const phrases = [...variant.matchAll(/"([^"]*)"/g)].map((m) => luceneClean(m[1]!)).filter(Boolean);
    const clean = luceneClean(phrases.length > 0 ? variant.replace(/"[^"]*"/g, ' ') : variant);
    const terms = clean ? clean.split(' ').filter((t) => !STOP_TERMS.includes(t)) : [];
    const fuzzy = terms.map((t) => (t.length >= 4 ? `(${t}~1 OR ${t}*)` : `(${t} OR ${t}*)`));
    if (phrases.length > 0) {
      alternatives.push(`(${[...phrases.map((p) => `"${p}"`), ...fuzzy].join(' AND ')})`);
      continue;
    }
    if (!clean) continue;
    alternatives.push(`"${clean}"^4`);
    if (fuzzy.length > 0) alternatives.push(`(${fuzzy.join(' AND ')})`);
  }
  return alternatives.length > 0 ? alternatives.join(' OR ') : null;
}

/** The exact phrase, Lucene special characters removed (never empty). */
function phraseQuery(text: string): string {
  const clean = text.replace(LUCENE_SPECIAL, ' ').replace(/\s+/g, ' ').trim();
  return `"${clean || '_'}"`;
}

export function searchEntities(text: string, types: EntityType[] | null, skip: number, first: number): CypherQuery {
  const query = luceneQuery(text);
  // Nothing left to search for: no rows (Lucene would refuse an empty query).
  if (query === null) return { cypher: 'RETURN null AS entity, 0.0 AS score LIMIT 0', params: {} };
  // The State a metonym stands for ranks as an exact name would ("Kremlin" finds Russia).
  return {
    cypher: `CALL {
               CALL db.index.fulltext.queryNodes($index, $query) YIELD node, score RETURN node, score
               UNION ALL
               MATCH (node:Entity {id: $metonym}) RETURN node, 10.0 AS score
             }
             WITH node, max(score) AS score
             WHERE $types IS NULL OR node.type IN $types
             WITH node, score + (CASE WHEN node.nameKey = $key THEN 10.0 ELSE 0.0 END) AS score
             RETURN ${entityMap('node')} AS entity, score
             ORDER BY score DESC, coalesce(node.mentionCount, 0) DESC, node.id
             SKIP toInteger($skip) LIMIT toInteger($limit)`,
    params: { index: ENTITY_NAME_INDEX, query, metonym: stateOfMetonym(text), types, key: nameKey(text), skip, limit: first + 1 },
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
