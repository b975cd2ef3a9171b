// What the watch subscription polls: relations within a neighbourhood changed since a time.
import type { GraphRelationType } from '../../ontology.js';
import type { CypherQuery } from '../executor.js';
import { entityMap, intIn, relationMap, relFilter, relTypeExpr } from './common.js';

export interface WatchArgs {
  id: string;
  depth: number;
  types: GraphRelationType[];
  minConfidence: number;
}

/**
 * Relations touching an entity within `depth - 1` hops of the centre (so every relation on a
 * path of at most `depth` hops) whose `updatedAt` is after `since` (epoch ms), oldest first.
 */
export function changedRelations(args: WatchArgs, since: number, cap: number): CypherQuery {
  const depth = intIn('depth', args.depth, 1, 3, 1);
  const types = relTypeExpr(args.types);
  const reach =
    depth > 1
      ? `CALL (c) {
         MATCH p = ANY SHORTEST (c)(()-[r${types}]-() WHERE ${relFilter('r')}){1,${depth - 1}}(n:Entity)
         WITH n LIMIT 2000
         RETURN collect(n) AS near
       }`
      : 'WITH c, [] AS near';
  return {
    cypher: `MATCH (c:Entity {id: $id})
             ${reach}
             UNWIND [c] + near AS a
             MATCH (a)-[r${types}]-(:Entity)
             WHERE coalesce(r.updatedAt, 0) > $changedSince AND ${relFilter('r')}
             WITH DISTINCT r
             ORDER BY r.updatedAt, r.id
             LIMIT toInteger($cap)
             WITH r, startNode(r) AS s, endNode(r) AS t
             RETURN ${relationMap('r')} AS relation, ${entityMap('s')} AS source, ${entityMap('t')} AS target`,
    params: { id: args.id, changedSince: since, cap, minConfidence: args.minConfidence, includeRejected: false, since: null, until: null },
  };
}
