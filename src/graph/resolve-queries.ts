// What entity resolution needs to know of the graph before it names a new node: every
// entity's keys, the merges already made (an analyst's merge maps its removed id to the kept
// one for ever after), where Cases happened, and which Groups Actors belong to.
import type { CypherQuery } from './executor.js';

export function entityKeys(): CypherQuery {
  return {
    cypher: `MATCH (e:Entity)
      RETURN e.id AS id, coalesce(e.type, [l IN labels(e) WHERE l <> 'Entity'][0]) AS type, e.name AS name,
        coalesce(e.aliasKeys, []) AS aliasKeys, e.date AS date, e.role AS role`,
  };
}

export function mergeRedirects(): CypherQuery {
  return {
    cypher: `MATCH (m:MergeRecord)
      RETURN m.keepId AS keepId, m.removedId AS removedId,
        (coalesce(m.undone, false) OR m.undoneAt IS NOT NULL) AS undone, m.by AS by
      ORDER BY m.at`,
  };
}

export function casePlaces(): CypherQuery {
  return { cypher: 'MATCH (c:Case)-[:OCCURRED_IN]->(p:Entity) RETURN c.id AS id, collect(p.id) AS places' };
}

export function actorGroups(): CypherQuery {
  return { cypher: 'MATCH (a:Actor)-[:MEMBER_OF]->(g:Group) RETURN a.id AS id, collect(g.id) AS groups' };
}

/**
 * What tells one incident from another, per Case: kind, date, places, the entities tied to it
 * (typed relations, places included, and same-sentence co-occurrences; not rejected) and its
 * articles. With
 * `ids`, those Cases only.
 */
export function caseProfiles(ids: string[] | null): CypherQuery {
  return {
    cypher: `MATCH (c:Case) WHERE $ids IS NULL OR c.id IN $ids
      RETURN c.id AS id, c.name AS name, coalesce(c.aliases, []) AS aliases, c.kind AS kind,
        coalesce(c.date, c.firstSeen) AS date,
        COLLECT { MATCH (c)-[:OCCURRED_IN]->(p:Entity) RETURN DISTINCT p.id } AS places,
        COLLECT { MATCH (c)-[r]-(x:Entity) WHERE NOT x:Case AND coalesce(r.status, 'auto') <> 'REJECTED'
                  RETURN DISTINCT {id: x.id, name: x.name} } AS participants,
        COLLECT { MATCH (c)-[:MENTIONED_IN]->(a:Article) RETURN DISTINCT a.id } AS articles,
        COLLECT { MATCH (c)-[:MENTIONED_IN]->(:Article)<-[:MENTIONED_IN]-(x:Entity) WHERE NOT x:Case AND NOT x:State
                  RETURN DISTINCT x.name } AS context,
        coalesce(c.incidentChecked, false) AS checked`,
    params: { ids },
  };
}

/** Cases compared with every other for the same incident: a later run need not compare them again. */
export function markIncidentsChecked(ids: string[]): CypherQuery {
  return { cypher: 'UNWIND $ids AS id MATCH (c:Case {id: id}) SET c.incidentChecked = true', params: { ids } };
}

/** Pairs an analyst (or anyone) split again: never merged automatically a second time. */
export function undoneMergePairs(): CypherQuery {
  return { cypher: 'MATCH (m:MergeRecord) WHERE coalesce(m.undone, false) OR m.undoneAt IS NOT NULL RETURN m.keepId AS keepId, m.removedId AS removedId' };
}

/**
 * What tells one person from another, per Actor: role, the Groups they belong to, the
 * entities linked to them (not rejected) and their articles.
 */
export function personProfiles(): CypherQuery {
  return {
    cypher: `MATCH (a:Actor)
      RETURN a.id AS id, a.name AS name, coalesce(a.nameKey, '') AS nameKey, a.role AS role,
        COLLECT { MATCH (a)-[:MEMBER_OF]->(g:Group) RETURN DISTINCT g.id } AS groups,
        COLLECT { MATCH (a)-[:MEMBER_OF]->(g:Group) RETURN DISTINCT g.name } AS groupNames,
        COLLECT { MATCH (a)-[r]-(x:Entity) WHERE coalesce(r.status, 'auto') <> 'REJECTED'
                  RETURN DISTINCT {id: x.id, name: x.name} } AS neighbours,
        COLLECT { MATCH (a)-[:MENTIONED_IN]->(d:Article) RETURN DISTINCT d.id } AS articles`,
  };
}

/** Articles re-extraction reads: those another extractor version read (or every one with `all`), since `sinceAt`, a page at a time. */
export function articlesToReextract(current: string, all: boolean, sinceAt: string | null, after: string, limit: number): CypherQuery {
  return {
    cypher: `MATCH (a:Article) WHERE a.id > $after AND a.pending IS NULL AND (a.text IS NOT NULL OR a.textGz IS NOT NULL)
        AND ($all OR coalesce(a.extractorVersion, '') <> $current)
        AND ($sinceAt IS NULL OR a.extractedAt >= $sinceAt)
      RETURN a.id AS id, a.contentHash AS contentHash, a.url AS url, a.key AS key, a.title AS title, a.published AS published,
        a.source AS source, a.license AS license, a.format AS format, a.text AS text, a.textGz AS textGz
      ORDER BY a.id LIMIT toInteger($limit)`,
    params: { current, all, sinceAt, after, limit },
  };
}

/** When a version first read an article (what --since VERSION means), and how many articles keep no text. */
export function extractorVersionInfo(version: string | null): CypherQuery {
  return {
    cypher: `CALL { MATCH (a:Article) WHERE $version IS NOT NULL AND a.extractorVersion = $version RETURN min(a.extractedAt) AS sinceAt }
      CALL { MATCH (a:Article) WHERE a.text IS NULL AND a.textGz IS NULL AND a.pending IS NULL RETURN count(a) AS textless }
      RETURN sinceAt, textless`,
    params: { version },
  };
}
