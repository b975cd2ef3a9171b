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
 * The relations touching an entity within `depth - 1` hops of the centre, kept by `where` (over
 * `r` and `at`, its `updatedAt`), in `order`, at most `cap`.
 */
function neighbourhoodRelations(args: WatchArgs, where: string, order: string, cap: number, params: Record<string, unknown>): CypherQuery {
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
             WITH r, coalesce(r.updatedAt, 0) AS at
             WHERE (${where}) AND ${relFilter('r')}
             WITH DISTINCT r, at
             ORDER BY ${order}
             LIMIT toInteger($cap)
             WITH r, startNode(r) AS s, endNode(r) AS t
             RETURN ${relationMap('r')} AS relation, ${entityMap('s')} AS source, ${entityMap('t')} AS target`,
    params: { id: args.id, cap, minConfidence: args.minConfidence, includeRejected: false, since: null, until: null, ...params },
  };
}

/**
 * Relations touching an entity within `depth - 1` hops of the centre (so every relation on a
 * path of at most `depth` hops) whose `updatedAt` is after `since` (epoch ms), oldest first (by
 * `updatedAt`, then id), at most `cap`. With `afterId`, the page after the relation
 * (`since`, `afterId`) in that order: a keyset cursor, so a page never rereads the one before.
 */
export function changedRelations(args: WatchArgs, since: number, cap: number, afterId: string | null = null): CypherQuery {
  return neighbourhoodRelations(args, 'at > $changedSince OR (at = $changedSince AND $afterId IS NOT NULL AND r.id > $afterId)', 'at, r.id', cap, {
    changedSince: since,
    afterId,
  });
}

/**
 * The same relations, the most recently changed first (by `updatedAt`, then id, both
 * descending), at most `cap`; with `before` (`updatedAt` and id), the page after that row in
 * this order. A watch's starting snapshot: what it must remember is the newest.
 */
export function latestRelations(args: WatchArgs, cap: number, before: { updatedAt: number; id: string } | null = null): CypherQuery {
  return neighbourhoodRelations(args, '$beforeAt IS NULL OR at < $beforeAt OR (at = $beforeAt AND r.id < $beforeId)', 'at DESC, r.id DESC', cap, {
    beforeAt: before?.updatedAt ?? null,
    beforeId: before?.id ?? null,
  });
}
