// Removing articles: their evidence, mentions and association weights go, and every
// relationship and entity they touched is recomputed from what remains, so that the graph
// is exactly what ingesting the other articles alone would have made. Analyst work stays:
// relationships of origin 'analyst' or with an analyst's status, and entities not extracted.
import type { RelationType } from '../ontology.js';
import { relationLabel } from './closed.js';
import type { CypherQuery } from './executor.js';

export function articleRelations(ids: string[]): CypherQuery {
  return {
    cypher: `UNWIND $ids AS id
      MATCH (ev:Evidence)-[:FROM]->(:Article {id: id})
      RETURN DISTINCT ev.relationType AS type, ev.relationId AS id`,
    params: { ids },
  };
}

/** The entities the articles mention, with the names they gave them (aliases and their keys). */
export function articleEntities(ids: string[]): CypherQuery {
  return {
    cypher: `UNWIND $ids AS id
      MATCH (e:Entity)-[m:MENTIONED_IN]->(:Article {id: id})
      WITH e, collect(coalesce(m.aliases, [])) AS aliases, collect(coalesce(m.aliasKeys, [])) AS keys
      RETURN e.id AS id, reduce(s = [], x IN aliases | s + x) AS aliases, reduce(s = [], x IN keys | s + x) AS aliasKeys`,
    params: { ids },
  };
}

/**
 * What decides which names an entity keeps once articles are gone: its own, the analyst's and
 * merged ones, the names its remaining mentions give it, and the merge records ingest made
 * into it (an analyst's merge, whose snapshot is 'api-1', is never taken back here).
 */
export function entityNames(ids: string[]): CypherQuery {
  return {
    cypher: `UNWIND $ids AS id
      MATCH (e:Entity {id: id})
      RETURN e.id AS id, e.name AS name, coalesce(e.aliases, []) AS aliases, coalesce(e.aliasKeys, []) AS aliasKeys,
        coalesce(e.analystAliases, []) + coalesce(e.mergedAliases, []) AS curated,
        COLLECT { MATCH (e)-[m:MENTIONED_IN]->(:Article) UNWIND coalesce(m.aliases, []) AS x RETURN DISTINCT x } AS keptAliases,
        COLLECT { MATCH (e)-[m:MENTIONED_IN]->(:Article) UNWIND coalesce(m.aliasKeys, []) AS x RETURN DISTINCT x } AS keptKeys,
        COLLECT { MATCH (r:MergeRecord {keepId: e.id}) WHERE NOT coalesce(r.removedSnapshot, '') CONTAINS '"version":"api-1"'
                  RETURN {id: r.id, removedId: r.removedId} } AS merges`,
    params: { ids },
  };
}

/** Sets the names forget recomputed. */
export function setEntityNames(rows: Array<{ id: string; aliases: string[]; aliasKeys: string[] }>): CypherQuery {
  return {
    cypher: `UNWIND $rows AS row
      MATCH (e:Entity {id: row.id})
      SET e.aliases = row.aliases, e.aliasKeys = row.aliasKeys, e.aliasText = reduce(s = e.name, x IN row.aliases | s + ' | ' + x)`,
    params: { rows },
  };
}

/** Merge records ingest made for names no article gives any more (or into entities now gone). */
export function deleteIngestMerges(ids: string[], keepIds: string[]): CypherQuery {
  return {
    cypher: `CALL { UNWIND $ids AS id MATCH (m:MergeRecord {id: id}) DELETE m }
      CALL {
        UNWIND $keepIds AS keepId
        MATCH (m:MergeRecord {keepId: keepId}) WHERE NOT coalesce(m.removedSnapshot, '') CONTAINS '"version":"api-1"'
        DELETE m
      }`,
    params: { ids, keepIds },
  };
}

export function articleAssociations(ids: string[]): CypherQuery {
  return {
    cypher: `UNWIND $ids AS id
      MATCH (a:Article {id: id})
      UNWIND range(0, size(coalesce(a.assocIds, [])) - 1) AS i
      RETURN a.assocIds[i] AS id, a.assocWeights[i] AS weight`,
    params: { ids },
  };
}

export function deleteArticles(ids: string[]): CypherQuery {
  return {
    cypher: `UNWIND $ids AS id
      MATCH (a:Article {id: id})
      CALL { WITH a MATCH (ev:Evidence)-[:FROM]->(a) DETACH DELETE ev }
      DETACH DELETE a`,
    params: { ids },
  };
}

export function subtractAssociations(rows: Array<{ id: string; weight: number }>, now: number): CypherQuery {
  return {
    cypher: `UNWIND $rows AS row
      MATCH ()-[r:ASSOCIATED_WITH {id: row.id}]->()
      SET r.weight = r.weight - row.weight, r.updatedAt = $now
      WITH r WHERE r.weight <= 0
      DELETE r`,
    params: { rows, now },
  };
}

/**
 * Aggregates of one type's relationships recomputed from their Evidence nodes; those left
 * without evidence are deleted unless an analyst made or judged them.
 */
export function recomputeRelations(type: RelationType, ids: string[], now: number): CypherQuery {
  relationLabel(type);
  return {
    cypher: `UNWIND $ids AS rid
      MATCH ()-[r:${type} {id: rid}]->()
      CALL {
        WITH r
        OPTIONAL MATCH (ev:Evidence {relationId: r.id})
        OPTIONAL MATCH (ev)-[:FROM]->(a:Article)
        RETURN count(ev) AS n, collect(ev.confidence) AS confs, collect(ev.claim) AS claims,
          collect(DISTINCT ev.rule) AS rules, min(a.published) AS first, max(a.published) AS last
      }
      SET r.evidenceCount = n,
        r.confidence = 1.0 - reduce(p = 1.0, c IN confs | p * (1.0 - c)),
        r.claim = CASE WHEN 'asserted' IN claims THEN 'asserted' WHEN 'alleged' IN claims THEN 'alleged'
                       WHEN 'suspected' IN claims THEN 'suspected' ELSE NULL END,
        r.rules = rules, r.firstSeen = first, r.lastSeen = last, r.updatedAt = $now
      WITH r, n WHERE n = 0 AND coalesce(r.origin, 'extracted') = 'extracted' AND coalesce(r.status, 'auto') = 'auto'
      WITH r, r.id AS rid
      DELETE r
      RETURN collect(rid) AS deleted`,
    params: { ids, now },
  };
}

/**
 * Entity counts recomputed from MENTIONED_IN; an extracted entity nothing mentions or links any
 * more goes, unless an analyst gave it a name.
 */
export function recomputeEntities(ids: string[]): CypherQuery {
  return {
    cypher: `UNWIND $ids AS id
      MATCH (e:Entity {id: id})
      CALL {
        WITH e
        OPTIONAL MATCH (e)-[m:MENTIONED_IN]->(a:Article)
        RETURN coalesce(sum(m.count), 0) AS mc, count(a) AS ac, min(a.published) AS first, max(a.published) AS last
      }
      SET e.mentionCount = mc, e.articleCount = ac, e.firstSeen = first, e.lastSeen = last
      WITH e, ac WHERE ac = 0 AND coalesce(e.origin, 'extracted') = 'extracted' AND NOT EXISTS { (e)--() }
        AND size(coalesce(e.analystAliases, [])) = 0
      WITH e, e.id AS eid
      DELETE e
      RETURN collect(eid) AS deleted`,
    params: { ids },
  };
}
