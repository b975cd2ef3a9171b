// Traversals: a neighbourhood, paths between two entities, and pattern traversal by steps.
// Hops and limits are checked integers written into the pattern (Cypher takes no parameter
// there) and every limit is applied inside Cypher, so no query returns an unbounded result.
import { RELATION_TYPES, type EntityType, type GraphRelationType } from '../../ontology.js';
import type { CypherQuery } from '../executor.js';
import { badInput, entityMap, intIn, labelExpr, relationFieldsMap, relationMap, relFilter, relPattern, relTypeExpr, type Direction } from './common.js';

export interface TraversalFilter {
  types: GraphRelationType[];
  minConfidence: number;
  includeRejected: boolean;
  since: string | null;
  until: string | null;
}

function filterParams(f: TraversalFilter) {
  return { minConfidence: f.minConfidence, includeRejected: f.includeRejected, since: f.since, until: f.until };
}

/**
 * The links a neighbourhood returns unless asked for more (the API's `edgeLimit` default): each
 * neighbour's strongest link to the centre, then the centre's other links, then the most
 * confident among the others, the first 500 of the order a larger limit returns. At limit 200
 * from the busiest State the links among the 200 others are the query's cost (11,000 of them
 * between members at 100,000 articles, each read to rank it). A per-entity stored top-20 of links
 * (looked up by id) cost as much as expanding them on a 10,000-article graph (52.8 against 45.9 ms
 * p50) and kept 693 of the 1,000 same links, so the default is smaller instead. On that graph
 * (Russia, depth 2, limit 200, 40 runs alternating, load 2.0-2.8), p50 / p95 ms, 1,000 links
 * against 500: GraphQL 51.7 / 111.9 and 38.7 / 82.7, Cypher 34.9 / 62.1 and 30.1 / 62.1.
 */
export const NEIGHBOURHOOD_EDGE_LIMIT = 500;

export interface NeighbourhoodArgs extends TraversalFilter {
  id: string;
  depth: number;
  entityTypes: EntityType[] | null;
  limit: number;
  /** Most relations returned among the nodes. */
  edgeLimit: number;
  /** The Relation fields asked for (relationFieldsMap); null or absent: every property. */
  edgeFields?: readonly string[] | null;
  /**
   * When a level is read from the mentionCount index (see QUICK_LEVEL_DEGREE); tests set it to
   * take either way and find the same answer.
   * @default { minDegree: QUICK_LEVEL_DEGREE, scan: QUICK_LEVEL_SCAN }
   */
  quick?: { minDegree: number; scan: number };
}

/**
 * A level beyond the first is read from the mentionCount index when the level before has more
 * links than this (the expansion it spares), looking at most at QUICK_LEVEL_SCAN entities (or
 * three times the limit) before it falls back to the expansion. Profiled from Russia at limit
 * 200 on a 1,000-article graph: the second level's 6,349 relationships expanded and their status
 * read (14,400 db hits) became 283 index entries and 550 relationships (4,400, with the degree
 * count); on the 34 sample articles, where no level before has 1,000 links, the index read
 * would cost more than the expansion (2,351 db hits against 858 from Russia at limit 10).
 */
export const QUICK_LEVEL_DEGREE = 1000;
export const QUICK_LEVEL_SCAN = 600;

/**
 * The entities within `depth` hops, found level by level (nearest first, then most mentioned;
 * each level expands only from the nodes kept so far, at most `limit` are kept, and a level
 * is not expanded at all once the levels before it hold more than `limit`), and at most
 * `edgeLimit` matching relations among them: each neighbour's strongest link to the centre
 * first (so no neighbour is drawn without one), then the centre's other links, then the most
 * confident links among the others. The centre's links are few and grouped per neighbour; the
 * links among the others, most of the candidates, are only sorted, and only the `edgeLimit`
 * best are kept (a top-N, where grouping every candidate by neighbour read each one's
 * confidence and id twice and held them all). Each edge is projected with the fields asked
 * for only (`edgeFields`): up to a thousand of them cost their properties more than the
 * expansion costs. A level beyond the first whose level before has many links is read in the
 * order it ranks (QUICK_LEVEL_DEGREE), with the same answer.
 * One row: {nodes, edges, truncated}.
 */
export function neighbourhood(args: NeighbourhoodArgs): CypherQuery {
  const depth = intIn('depth', args.depth, 1, 3, 1);
  const types = relTypeExpr(args.types);
  // typed relationships join entities only (ingest, curation and import write them so): with
  // no type asked for, the far end's label is not checked, a read per relationship expanded
  const labels = args.entityTypes ? labelExpr(args.entityTypes) : '';
  const filter = relFilter('r', args);
  const levels: string[] = [];
  for (let level = 1; level <= depth; level++) {
    const from = level === 1 ? '[c]' : `l${level - 1}`;
    const seen = Array.from({ length: level - 1 }, (_, i) => `l${i + 1}`);
    const scope = ['c', ...seen].join(', ');
    // DISTINCT first, then the membership tests: a few hundred nodes, not every relationship.
    const fresh = seen.length > 0 ? ` WHERE ${seen.map((l) => `NOT x IN ${l}`).join(' AND ')}` : '';
    // the levels before hold more than the limit already: this one could add nothing kept
    const held = seen.length > 0 ? seen.map((l) => `size(${l})`).join(' + ') : '0';
    const full = `${held} > $limit`;
    // what this level must find: enough to fill the limit and tell whether it was cut
    const need = `toInteger($limitPlusOne) - (${held})`;
    if (level === 1) {
      levels.push(`CALL (${scope}) {
               UNWIND ${from} AS a
               MATCH (a)-[r${types}]-(n${labels}) WHERE n <> c AND ${filter}
               WITH DISTINCT n
               ORDER BY coalesce(n.mentionCount, 0) DESC, n.id
               WITH collect(n) AS found
               RETURN found[..${need}] AS l1
             }`);
      continue;
    }
    // Beyond the first level, expanding every relationship of the level before (hubs among it:
    // thousands) to rank what it reaches is most of the query's work. Read instead the entities
    // in the order the level ranks them (the mentionCount index, most mentioned first: a prefix
    // of that order) and keep those linked to the level before, until the level is full: the
    // same nodes, when the prefix holds enough of them. When the level before has few links
    // (their count is the degree Neo4j stores per node and type), or the prefix does not fill
    // the level, it is expanded as before.
    const prev = `l${level - 1}`;
    const notSeen = seen.map((l) => `NOT n IN ${l}`).join(' AND ');
    const typed = args.entityTypes ? ` AND n${labels}` : '';
    levels.push(`CALL (${prev}) {
               UNWIND ${prev} AS a
               RETURN sum(COUNT { (a)-[${types}]-() }) AS degree${level}
             }
             CALL (${scope}, degree${level}) {
               // a row only when the index is to be read: the planner cannot start its seek otherwise
               UNWIND CASE WHEN NOT (${full}) AND degree${level} > $quickDegree THEN [true] ELSE [] END AS go
               CALL (${scope}, go) {
                 MATCH (n:Entity) WHERE go AND n.mentionCount > 0${typed}
                 WITH c, ${seen.join(', ')}, n ORDER BY n.mentionCount DESC, n.id LIMIT toInteger($quickScan)
                 WITH c, ${seen.join(', ')}, n
                 WHERE n <> c AND ${notSeen} AND EXISTS { MATCH (n)-[r${types}]-(a) WHERE a IN ${prev} AND ${filter} }
                 WITH n LIMIT toInteger($limitPlusOne)
                 RETURN collect(n) AS ranked
               }
               WITH collect(ranked) AS taken
               RETURN coalesce(taken[0], [])[..${need}] AS quick${level}
             }
             CALL (${scope}, quick${level}) {
               UNWIND CASE WHEN ${full} OR size(quick${level}) >= ${need} THEN [] ELSE ${from} END AS a
               MATCH (a)-[r${types}]-(n${labels}) WHERE n <> c AND ${filter}
               WITH DISTINCT n
               ORDER BY coalesce(n.mentionCount, 0) DESC, n.id
               WITH collect(n) AS found
               RETURN CASE WHEN ${full} THEN [] WHEN size(quick${level}) >= ${need} THEN quick${level} ELSE [x IN found${fresh} | x][..${need}] END AS l${level}
             }`);
  }
  const all = Array.from({ length: depth }, (_, i) => `l${i + 1}`).join(' + ');
  return {
    cypher: `MATCH (c:Entity {id: $id})
             ${levels.join('\n             ')}
             WITH c, ${all} AS found
             WITH c, [c] + found[..toInteger($limit)] AS members, size(found) > $limit AS nodesCut
             CALL (members, c) {
               CALL (members, c) {
                 // the centre's links, the most confident first: each neighbour's first is rank 0
                 MATCH (c)-[r${types}]-(b)
                 WHERE b <> c AND b IN members AND ${filter}
                 WITH b, r, coalesce(r.confidence, 0.0) AS confidence, r.id AS id
                 ORDER BY confidence DESC, id
                 WITH b, collect({r: r, confidence: confidence, id: id}) AS links
                 UNWIND [l IN links[..1] | l {.*, rank: 0}] + [l IN links[1..] | l {.*, rank: 1}] AS link
                 RETURN link
                 UNION ALL
                 // the links among the others: the most confident ones only
                 UNWIND members AS a
                 MATCH (a)-[r${types}]->(b)
                 WHERE a <> c AND b <> c AND b IN members AND ${filter}
                 WITH r, coalesce(r.confidence, 0.0) AS confidence, r.id AS id
                 ORDER BY confidence DESC, id
                 LIMIT toInteger($edgeLimitPlusOne)
                 RETURN {r: r, confidence: confidence, id: id, rank: 2} AS link
               }
               WITH link ORDER BY link.rank, link.confidence DESC, link.id
               LIMIT toInteger($edgeLimitPlusOne)
               WITH link.r AS r
               RETURN collect(${relationFieldsMap('r', args.edgeFields ?? null)}) AS edges
             }
             RETURN [m IN members | ${entityMap('m')}] AS nodes, edges[..toInteger($edgeLimit)] AS edges,
                    nodesCut OR size(edges) > $edgeLimit AS truncated`,
    params: {
      id: args.id,
      limit: args.limit,
      limitPlusOne: args.limit + 1,
      quickDegree: args.quick?.minDegree ?? QUICK_LEVEL_DEGREE,
      quickScan: args.quick?.scan ?? Math.max(QUICK_LEVEL_SCAN, 3 * (args.limit + 1)),
      edgeLimit: args.edgeLimit,
      edgeLimitPlusOne: args.edgeLimit + 1,
      ...filterParams(args),
    },
  };
}

export type PathStrategy = 'SHORTEST' | 'ALL_SHORTEST' | 'STRONGEST';

export interface PathsArgs extends TraversalFilter {
  from: string;
  to: string;
  maxHops: number;
  excludeHubs: boolean;
  hubDegree: number;
  strategy: PathStrategy;
  limit: number;
}

/** How many shortest paths STRONGEST ranks by strength, per path asked for. */
const STRONGEST_CANDIDATES_PER_PATH = 10;

/**
 * Paths from `from` to `to`, following relations either way. SHORTEST and ALL_SHORTEST use
 * Neo4j's shortest-path search; STRONGEST takes the k shortest paths up to maxHops and ranks
 * them by the product of their confidences, then by the evidence behind them.
 */
export function paths(args: PathsArgs): CypherQuery {
  const hops = intIn('maxHops', args.maxHops, 1, 6, 4);
  const limit = intIn('limit', args.limit, 1, 50, 10);
  let selector: string;
  if (args.strategy === 'SHORTEST') selector = 'SHORTEST 1';
  else if (args.strategy === 'ALL_SHORTEST') selector = 'ALL SHORTEST';
  else if (args.strategy === 'STRONGEST') selector = `SHORTEST ${Math.min(500, limit * STRONGEST_CANDIDATES_PER_PATH)}`;
  else throw badInput(`strategy "${String(args.strategy)}" is not one of SHORTEST, ALL_SHORTEST, STRONGEST`);
  // A hub is passed through only when it is an end of the path. Its degree counts typed
  // relations only: mentions and co-occurrences say how often a name is written, not how
  // central it is.
  const hubCheck = args.excludeHubs ? `AND (x.id = $to OR COUNT { (x)-[${relTypeExpr(RELATION_TYPES)}]-(:Entity) } <= $hubDegree)` : '';
  // A path never visits an entity twice: no middle is the source (x <> a), and the middles and
  // the target (the list x, the target last) are all different, checked before the selector
  // picks the k shortest. Parallel relations between the same entities give one path: the
  // strongest of those along the same entities.
  return {
    cypher: `MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
             MATCH p = ${selector} ((a)(()-[r${relTypeExpr(args.types)}]-(x:Entity) WHERE x <> a AND ${relFilter('r', args)} ${hubCheck}){1,${hops}}(b)
                                   WHERE all(i IN range(0, size(x) - 2) WHERE NOT x[i] IN x[i + 1..]))
             WITH p, reduce(s = 1.0, rel IN relationships(p) | s * coalesce(rel.confidence, 0.0)) AS score,
                  reduce(e = 0, rel IN relationships(p) | e + coalesce(rel.evidenceCount, 0)) AS evidence
             ORDER BY score DESC, evidence DESC, length(p)
             WITH [n IN nodes(p) | n.id] AS route, collect({p: p, score: score, evidence: evidence})[0] AS best
             WITH best.p AS p, best.score AS score, best.evidence AS evidence
             ORDER BY score DESC, evidence DESC, length(p)
             LIMIT toInteger($limit)
             RETURN [n IN nodes(p) | ${entityMap('n')}] AS nodes, [rel IN relationships(p) | ${relationMap('rel')}] AS relations, score`,
    params: { from: args.from, to: args.to, hubDegree: args.hubDegree, limit, ...filterParams(args) },
  };
}

export interface TraverseStepArgs {
  types: GraphRelationType[];
  direction: Direction;
  entityTypes: EntityType[] | null;
}

export interface TraverseArgs {
  start: string;
  /** Start from the State (or group) and from each of its organs: entities LOCATED_IN or MEMBER_OF it. */
  withOrgans?: boolean;
  steps: TraverseStepArgs[];
  minConfidence: number;
  includeRejected: boolean;
  limit: number;
}

/**
 * Partial paths kept after each step: enough that the strongest `limit` (≤ 200) are found on
 * any graph we hold, few enough that a step from a busy entity stays bounded.
 */
export const TRAVERSE_BEAM = 1000;

/**
 * Steps followed one at a time: each step extends the partial paths kept so far and keeps the
 * strongest TRAVERSE_BEAM of them (a LIMIT inside every step), so the work grows with steps ×
 * beam × degree, not with the product of the fan-outs. Paths never visit an entity twice;
 * strongest first. With `withOrgans`, the steps start from the start entity and from each of its
 * organs, and a path from an organ begins with the organ's LOCATED_IN or MEMBER_OF link to the start.
 */
export function traverse(args: TraverseArgs): CypherQuery {
  intIn('steps (count)', args.steps.length, 1, 6, 1);
  const limit = intIn('limit', args.limit, 1, 200, 50);
  const steps = args.steps.map((step, i) => {
    const last = i === args.steps.length - 1;
    return `CALL (s, nodes, rels, score, evidence) {
               WITH s, nodes, rels, score, evidence, last(nodes) AS a
               MATCH (a)${relPattern('r', step.types, step.direction)}(b${labelExpr(step.entityTypes)})
               WHERE b <> s AND NOT b IN nodes AND ${relFilter('r', args)}
               RETURN nodes + b AS next, rels + r AS nextRels, score * coalesce(r.confidence, 0.0) AS nextScore,
                      evidence + coalesce(r.evidenceCount, 0) AS nextEvidence
             }
             WITH s, next AS nodes, nextRels AS rels, nextScore AS score, nextEvidence AS evidence
             ORDER BY score DESC, evidence DESC
             LIMIT toInteger(${last ? '$limit' : '$beam'})`;
  });
  return {
    cypher: `MATCH (s:Entity {id: $start})
             CALL (s) {
               RETURN s AS n0, [] AS organ
               UNION
               MATCH (s)<-[o:LOCATED_IN|MEMBER_OF]-(n0:Group|Actor) WHERE $withOrgans AND ${relFilter('o', args)}
               RETURN n0, [o] AS organ
             }
             WITH s, [n0] AS nodes, organ AS rels, reduce(x = 1.0, o IN organ | x * coalesce(o.confidence, 0.0)) AS score,
                  reduce(x = 0, o IN organ | x + coalesce(o.evidenceCount, 0)) AS evidence
             ${steps.join('\n             ')}
             RETURN [n IN (CASE WHEN size(rels) > ${args.steps.length} THEN [s] ELSE [] END) + nodes | ${entityMap('n')}] AS nodes,
                    [rel IN rels | ${relationMap('rel')}] AS relations, score`,
    params: {
      start: args.start,
      withOrgans: args.withOrgans ?? false,
      limit,
      beam: TRAVERSE_BEAM,
      minConfidence: args.minConfidence,
      includeRejected: args.includeRejected,
      since: null,
      until: null,
    },
  };
}
