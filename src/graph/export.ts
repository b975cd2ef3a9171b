// Reads what the exporters write: the whole graph, or an entity's neighbourhood to depth N,
// in one read transaction so every format sees one consistent state. Relationship types and
// labels come from the ontology's closed lists; every value is a parameter.
import { ThreatGraphError } from '../errors.js';
import { ENTITY_TYPES, GRAPH_RELATION_TYPES, RELATION_TYPES } from '../ontology.js';
import { run, type CypherQuery, type GraphExecutor } from './executor.js';
import type { ExportArticle, ExportEntity, ExportRelation, GraphSnapshot } from './rows.js';

/** Pieces of evidence read per relation (descriptions and references, not a full dump). */
export const EVIDENCE_PER_RELATION = 5;
export const MAX_EXPORT_DEPTH = 5;
/** An export reads the whole graph in one transaction: more than a query's 15 s on a busy machine. */
export const EXPORT_TIMEOUT_MS = 300_000;

/** What a STIX import kept of an object (src/graph/import-stix.ts writes these properties). */
const stixProvenance = (v: string) => `CASE WHEN ${v}.stixId IS NULL THEN null ELSE {
                      id: ${v}.stixId, type: ${v}.stixType, description: ${v}.stixDescription,
                      externalReferences: ${v}.stixExternalReferences, markings: coalesce(${v}.stixMarkings, []),
                      createdBy: ${v}.stixCreatedBy, created: ${v}.stixCreated, modified: ${v}.stixModified} END`;

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
                    COLLECT { MATCH (n)-[:LOCATED_IN]->(s:State) WHERE s.iso3 IS NOT NULL RETURN DISTINCT s.iso3 } AS locatedIn,
                    n.createdAt AS createdAt,
                    head(COLLECT { MATCH (n)-[:MENTIONED_IN]->(a:Article) WHERE a.ingestedAt IS NOT NULL
                                   RETURN a.ingestedAt AS at ORDER BY at DESC LIMIT 1 }) AS lastIngestedAt,
                    ${stixProvenance('n')} AS stix
             ORDER BY id`,
    params: { ids, labels: [...ENTITY_TYPES] },
  };
}

/** Relations between the given entities (or all), with their strongest evidence and its article. */
export function exportRelationsQuery(ids: string[] | null, evidencePerRelation = EVIDENCE_PER_RELATION): CypherQuery {
  return {
    cypher: `MATCH (s:Entity)-[r:${GRAPH_RELATION_TYPES.join('|')}]->(t:Entity)
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
                    } AS evidence,
                    head(COLLECT { MATCH (ev:Evidence {relationId: r.id})-[:FROM]->(a:Article) WHERE a.ingestedAt IS NOT NULL
                                   RETURN a.ingestedAt AS at ORDER BY at LIMIT 1 }) AS firstIngestedAt,
                    r.updatedAt AS updatedAt,
                    ${stixProvenance('r')} AS stix
             ORDER BY id`,
    params: { ids, evidenceLimit: evidencePerRelation },
  };
}

/**
 * Articles behind the given entities (or all), with the entities they mention and the relations
 * they are evidence for: STIX writes one report per article.
 */
export function exportArticlesQuery(ids: string[] | null): CypherQuery {
  return {
    cypher: `MATCH (a:Article)
             WHERE $ids IS NULL OR EXISTS { MATCH (e:Entity)-[:MENTIONED_IN]->(a) WHERE e.id IN $ids }
             RETURN a.id AS id, a.title AS title, a.url AS url, a.source AS source,
                    a.published AS published, a.ingestedAt AS ingestedAt,
                    COLLECT { MATCH (e:Entity)-[:MENTIONED_IN]->(a) WHERE $ids IS NULL OR e.id IN $ids RETURN e.id } AS entityIds,
                    COLLECT { MATCH (ev:Evidence)-[:FROM]->(a) RETURN DISTINCT ev.relationId } AS relationIds
             ORDER BY id`,
    params: { ids },
  };
}

/** STIX objects an import kept but the graph does not model (software, markings, producers), as JSON. */
export function exportStixObjectsQuery(): CypherQuery {
  return { cypher: `MATCH (o:StixObject) RETURN o.json AS json ORDER BY o.id`, params: {} };
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
  return graph.readTx(
    async (tx) => {
      const entities = await run<ExportEntity>(tx, exportEntitiesQuery(null));
      const relations = await run<ExportRelation>(tx, exportRelationsQuery(null));
      const articles = await run<ExportArticle>(tx, exportArticlesQuery(null));
      const stixObjects = (await run<{ json: string }>(tx, exportStixObjectsQuery())).map((r) => r.json);
      return { entities, relations, scope: null, articles, stixObjects };
    },
    { timeoutMs: EXPORT_TIMEOUT_MS },
  );
}

/** The entity, everything within `depth` typed hops of it, and the relations among them. */
export async function readNeighbourhoodSnapshot(graph: GraphExecutor, entityId: string, depth: number): Promise<GraphSnapshot> {
  if (!Number.isInteger(depth) || depth < 1 || depth > MAX_EXPORT_DEPTH) {
    throw new ThreatGraphError('export', `--depth must be an integer from 1 to ${MAX_EXPORT_DEPTH}, got ${depth}`);
  }
  return graph.readTx(
    async (tx) => {
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
      const articles = await run<ExportArticle>(tx, exportArticlesQuery(ids));
      const stixObjects = (await run<{ json: string }>(tx, exportStixObjectsQuery())).map((r) => r.json);
      return { entities, relations, scope: { entityId, depth }, articles, stixObjects };
    },
    { timeoutMs: EXPORT_TIMEOUT_MS },
  );
}
