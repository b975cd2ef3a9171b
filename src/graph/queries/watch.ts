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
 * path of at most `depth` hops) whose `updatedAt` is after `since` (epoch ms), oldest first (by
 * `updatedAt`, then id), at most `cap`. With `afterId`, the page after the relation
 * (`since`, `afterId`) in that order: a keyset cursor, so a page never rereads the one before.
 */
export function changedRelations(args: WatchArgs, since: number, cap: number, afterId: string | null = null): CypherQuery {
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
             WHERE coalesce(r.updatedAt, 0) >= $changedSince AND ${relFilter('r')}
             WITH DISTINCT r, coalesce(r.updatedAt, 0) AS at
             WHERE at > $changedSince OR ($afterId IS NOT NULL AND r.id > $afterId)
             ORDER BY at, r.id
             LIMIT toInteger($cap)
             WITH r, startNode(r) AS s, endNode(r) AS t
             RETURN ${relationMap('r')} AS relation, ${entityMap('s')} AS source, ${entityMap('t')} AS target`,
    params: { id: args.id, changedSince: since, afterId, cap, minConfidence: args.minConfidence, includeRejected: false, since: null, until: null },
  };
}
