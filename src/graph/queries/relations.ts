// Relations of entities and the evidence behind relations, batched: one query answers a
// whole list of entities (or relations), so nested GraphQL fields never run one query each.
import { GRAPH_RELATION_TYPES } from '../../ontology.js';
import type { GraphRelationType } from '../../ontology.js';
import type { CypherQuery } from '../executor.js';
import { entityMap, relationMap, relFilter, relPattern, relTypeExpr, type Direction } from './common.js';

export interface RelationsOfArgs {
  direction: Direction;
  types: GraphRelationType[];
  minConfidence: number;
  includeRejected: boolean;
  since: string | null;
  until: string | null;
  skip: number;
  first: number;
}

/** For each entity id: its total count of matching relations and one page of them, strongest first. */
export function relationsOf(ids: readonly string[], args: RelationsOfArgs): CypherQuery {
  const pattern = `(e)${relPattern('r', args.types, args.direction)}(o:Entity)`;
  return {
    cypher: `UNWIND $ids AS id
             MATCH (e:Entity {id: id})
             CALL (e) {
               MATCH ${pattern} WHERE ${relFilter('r', args)}
               RETURN count(r) AS total
             }
             CALL (e) {
               MATCH ${pattern} WHERE ${relFilter('r', args)}
               WITH r, o ORDER BY coalesce(r.confidence, 0.0) DESC, coalesce(r.evidenceCount, r.weight, 0) DESC, r.id
               SKIP toInteger($skip) LIMIT toInteger($limit)
               RETURN collect({relation: ${relationMap('r')}, other: ${entityMap('o')}}) AS page
             }
             RETURN id, total, page`,
    params: {
      ids,
      minConfidence: args.minConfidence,
      includeRejected: args.includeRejected,
      since: args.since,
      until: args.until,
      skip: args.skip,
      limit: args.first + 1,
    },
  };
}

/** Relations by id, batched, with both ends. One branch per type, so each uses that type's id index. */
export function relationsByIds(ids: readonly string[], types: readonly GraphRelationType[] = GRAPH_RELATION_TYPES): CypherQuery {
  const branches = types.map((type) => `UNWIND $ids AS id MATCH (s:Entity)-[r${relTypeExpr([type])} {id: id}]->(t:Entity) RETURN r, s, t`);
  return {
    cypher: `CALL { ${branches.join('\n UNION ALL ')} }
             RETURN ${relationMap('r')} AS relation, ${entityMap('s')} AS source, ${entityMap('t')} AS target`,
    params: { ids },
  };
}

/** For each relation id: its evidence count and one page of evidence, strongest first, with the article. */
export function evidenceOf(relationIds: readonly string[], skip: number, first: number): CypherQuery {
  return {
    cypher: `UNWIND $ids AS rid
             CALL (rid) {
               MATCH (ev:Evidence {relationId: rid})
               RETURN count(ev) AS total
             }
             CALL (rid) {
               MATCH (ev:Evidence {relationId: rid})
               WITH ev ORDER BY coalesce(ev.confidence, 0.0) DESC, ev.articleId, ev.sentenceIndex, ev.id
               SKIP toInteger($skip) LIMIT toInteger($limit)
               RETURN collect({evidence: ev {.*}, article: [(ev)-[:FROM]->(a:Article) | a {.*, text: null, textGz: null}][0]}) AS page
             }
             RETURN rid AS id, total, page`,
    params: { ids: relationIds, skip, limit: first + 1 },
  };
}
