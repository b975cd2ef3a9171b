// Reads what the exporters write: the whole graph, or an entity's neighbourhood to depth N,
// in one read transaction so every format sees one consistent state. Relationship types and
// labels come from the ontology's closed lists; every value is a parameter.
import { ThreatGraphError } from '../errors.js';
import { ASSOCIATED_WITH, ENTITY_TYPES, RELATION_TYPES } from '../ontology.js';
import type { ExportEntity, ExportRelation, GraphSnapshot } from '../export/types.js';
import { run, type CypherQuery, type GraphExecutor } from './executor.js';

/** Pieces of evidence read per relation (descriptions and references, not a full dump). */
export const EVIDENCE_PER_RELATION = 5;
export const MAX_EXPORT_DEPTH = 5;

const ALL_RELATION_TYPES = [...RELATION_TYPES, ASSOCIATED_WITH];

/** Entities (all, or those with the given ids), with what drives their STIX type. */
export function exportEntitiesQuery(ids: string[] | null): CypherQuery {
  return {
    cypher: `MATCH (n:Entity) WHERE $ids IS NULL OR n.id IN $ids
             RETURN n.id AS id,
                    coalesce(n.type, head([l IN labels(n) WHERE l IN $labels])) AS type,
                    n.name AS name, n.nameKey AS nameKey, coalesce(n.aliases, []) AS aliases,
                    n.kind AS kind, n.iso3 AS iso3, n.role AS role, n.date AS date,
                    coalesce(n.mentionCount, 0) AS mentionCount, coalesce(n.articleCount, 0) AS articleCount,
                    n.firstSeen AS firstSeen, n.lastSeen AS lastSeen, n.origin AS origin,
                    COLLECT { MATCH (n)-[:RESPONSIBLE_FOR]->(c:Case) RETURN DISTINCT coalesce(c.kind, 'other') } AS responsibleFor,
                    COLLECT { MATCH (n)-[:LOCATED_IN]->(s:State) WHERE s.iso3 IS NOT NULL RETURN DISTINCT s.iso3 } AS locatedIn
             ORDER BY id`,
    params: { ids, labels: [...ENTITY_TYPES] },
  };
}

/** Relations between the given entities (or all), with their strongest evidence and its article. */
export function exportRelationsQuery(ids: string[] | null, evidencePerRelation = EVIDENCE_PER_RELATION): CypherQuery {
  return {
    cypher: `MATCH (s:Entity)-[r:${ALL_RELATION_TYPES.join('|')}]->(t:Entity)
             WHERE $ids IS NULL OR (s.id IN $ids AND t.id IN $ids)
             RETURN r.id AS id, type(r) AS type, s.id AS sourceId, t.id AS targetId,
                    r.confidence AS confidence, r.claim AS claim, coalesce(r.evidenceCount, 0) AS evidenceCount,
                    r.weight AS weight, r.firstSeen AS firstSeen, r.lastSeen AS lastSeen,
                    r.status AS status, r.note AS note, r.origin AS origin, coalesce(r.rules, []) AS rules,
                    COLLECT {
                      MATCH (ev:Evidence {relationId: r.id})
                      OPTIONAL MATCH (ev)-[:FROM]->(a:Article)
                      WITH ev, a ORDER BY coalesce(ev.confidence, 0) DESC, a.published, ev.articleId, ev.sentenceIndex
                      LIMIT toInteger($evidenceLimit)
                      RETURN {sentence: ev.sentence, articleId: a.id, articleTitle: a.title, articleUrl: a.url,
                              articleSource: a.source, published: a.published, rule: ev.rule, confidence: ev.confidence}
                    } AS evidence
             ORDER BY id`,
    params: { ids, evidenceLimit: evidencePerRelation },
  };
}

/** Ids one hop from `frontier` over typed relations (ASSOCIATED_WITH is not followed). */
export function neighbourIdsQuery(frontier: string[]): CypherQuery {
  return {
    cypher: `MATCH (a:Entity)-[:${RELATION_TYPES.join('|')}]-(b:Entity)
             WHERE a.id IN $frontier
             RETURN DISTINCT b.id AS id`,
    params: { frontier },
  };
}

/** Everything in the graph. */
export async function readGraphSnapshot(graph: GraphExecutor): Promise<GraphSnapshot> {
  return graph.readTx(async (tx) => {
    const entities = await run<ExportEntity>(tx, exportEntitiesQuery(null));
    const relations = await run<ExportRelation>(tx, exportRelationsQuery(null));
    return { entities, relations, scope: null };
  });
}

/** The entity, everything within `depth` typed hops of it, and the relations among them. */
export async function readNeighbourhoodSnapshot(graph: GraphExecutor, entityId: string, depth: number): Promise<GraphSnapshot> {
  if (!Number.isInteger(depth) || depth < 1 || depth > MAX_EXPORT_DEPTH) {
    throw new ThreatGraphError('export', `--depth must be an integer from 1 to ${MAX_EXPORT_DEPTH}, got ${depth}`);
  }
  return graph.readTx(async (tx) => {
    const seen = new Set([entityId]);
    let frontier = [entityId];
    for (let hop = 0; hop < depth && frontier.length > 0; hop++) {
      const next = (await run<{ id: string }>(tx, neighbourIdsQuery(frontier))).map((r) => r.id).filter((id) => !seen.has(id));
      for (const id of next) seen.add(id);
      frontier = next;
    }
    const ids = [...seen];
    const entities = await run<ExportEntity>(tx, exportEntitiesQuery(ids));
    if (!entities.some((e) => e.id === entityId)) {
      throw new ThreatGraphError('export', `no entity with id "${entityId}" in the graph`, { code: 'NOT_FOUND' });
    }
    const relations = await run<ExportRelation>(tx, exportRelationsQuery(ids));
    return { entities, relations, scope: { entityId, depth } };
  });
}
