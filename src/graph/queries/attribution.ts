// Attribution chains: how a State (or a group) is tied to an incident. A chain goes from the
// entity through its organs (Groups and people LOCATED_IN or MEMBER_OF it), the proxies they
// use (USES_PROXY) or the groups they support (SUPPORTS), the members of those, to the one
// RESPONSIBLE_FOR a Case. Relation types and directions are fixed here, not taken from input.
import type { CypherQuery } from '../executor.js';
import { entityMap, intIn, relationMap, relFilter } from './common.js';

export interface AttributionArgs {
  from: string;
  /** The incident (or any entity on a chain); null: every Case the entity is tied to. */
  to: string | null;
  maxHops: number;
  minConfidence: number;
  includeRejected: boolean;
  limit: number;
}

/** The longest chain the API accepts. */
export const MAX_ATTRIBUTION_HOPS = 6;

/**
 * Every chain from `from` to `to` (or to any Case), shortest first, then strongest (product
 * of the confidences, then the evidence behind them). One row per chain: nodes, relations
 * (in chain order; `relations[i]` joins `nodes[i]` and `nodes[i+1]`) and score.
 */
export function attribution(args: AttributionArgs): CypherQuery {
  const hops = intIn('maxHops', args.maxHops, 1, MAX_ATTRIBUTION_HOPS, 4);
  const limit = intIn('limit', args.limit, 1, 50, 20);
  const ok = (r: string) => relFilter(r, args);
  // organs of the start, proxies or protégés, their members, then responsibility (or `to` itself)
  return {
    cypher: `MATCH (a:Entity {id: $from})
             MATCH p = (a)
               ((o1)<-[r1:LOCATED_IN|MEMBER_OF]-(o2:Group|Actor) WHERE ${ok('r1')}){0,2}
               ((x1)-[r2:USES_PROXY|SUPPORTS]->(x2:Group|Actor|State) WHERE ${ok('r2')}){0,2}
               ((m1)<-[r3:MEMBER_OF]-(m2:Actor|Group) WHERE ${ok('r3')}){0,1}
               ((y1)-[r4:RESPONSIBLE_FOR]->(y2:Case) WHERE ${ok('r4')}){0,1}
               (z:Entity)
             WHERE length(p) >= 1 AND length(p) <= ${hops}
               AND (CASE WHEN $to IS NULL THEN z:Case ELSE z.id = $to END)
               AND all(i IN range(0, length(p) - 1) WHERE NOT nodes(p)[i] IN nodes(p)[i + 1..])
             WITH p, length(p) AS hops,
                  reduce(s = 1.0, rel IN relationships(p) | s * coalesce(rel.confidence, 0.0)) AS score,
                  reduce(e = 0, rel IN relationships(p) | e + coalesce(rel.evidenceCount, 0)) AS evidence
             ORDER BY hops, score DESC, evidence DESC
             LIMIT toInteger($limit)
             RETURN [n IN nodes(p) | ${entityMap('n')}] AS nodes, [rel IN relationships(p) | ${relationMap('rel')}] AS relations, score`,
    params: { from: args.from, to: args.to, limit, minConfidence: args.minConfidence, includeRejected: args.includeRejected, since: null, until: null },
  };
}
