// What entity resolution needs to know of the graph before it names a new node: every
// entity's keys, the merges already made (an analyst's merge maps its removed id to the kept
// one for ever after), where Cases happened, and which Groups Actors belong to.
import type { CypherQuery } from './executor.js';

export function entityKeys(): CypherQuery {
  return {
    cypher: `MATCH (e:Entity)
      RETURN e.id AS id, coalesce(e.type, [l IN labels(e) WHERE l <> 'Entity'][0]) AS type, e.name AS name,
        coalesce(e.aliasKeys, []) AS aliasKeys, e.date AS date`,
  };
}

export function mergeRedirects(): CypherQuery {
  return {
    cypher: `MATCH (m:MergeRecord)
      RETURN m.keepId AS keepId, m.removedId AS removedId,
        (coalesce(m.undone, false) OR m.undoneAt IS NOT NULL) AS undone
      ORDER BY m.at`,
  };
}

export function casePlaces(): CypherQuery {
  return { cypher: 'MATCH (c:Case)-[:OCCURRED_IN]->(p:Entity) RETURN c.id AS id, collect(p.id) AS places' };
}

export function actorGroups(): CypherQuery {
  return { cypher: 'MATCH (a:Actor)-[:MEMBER_OF]->(g:Group) RETURN a.id AS id, collect(g.id) AS groups' };
}
