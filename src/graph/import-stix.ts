// Writes a planned STIX import (src/import/stix.ts) in ONE write transaction: all of it or,
// on any error, nothing. The bundle becomes an Article (source "stix:FILE") that every
// imported entity is MENTIONED_IN and every imported relation has Evidence FROM, so the graph
// says where the facts came from. New nodes and relations get origin 'stix'; existing ones keep
// their origin, analyst status and note, and gain the aliases and evidence. Re-importing the
// same file changes nothing (ids are derived from content), and neither does importing a
// ThreatGraph export into the graph it came from: what the graph has, it does not count twice.
import { basename } from 'node:path';
import { ThreatGraphError } from '../errors.js';
import { ASSOCIATED_WITH, ENTITY_TYPES, RELATION_TYPES, type RelationType } from '../ontology.js';
import { run, type CypherQuery, type GraphExecutor } from './executor.js';
import { articleIdFromHash, evidenceId, sha256 } from './ids.js';
import type { ImportEntity, ImportRelation, KeptStixObject, StixImportPlan } from './rows.js';

export interface StixImportResult {
  articleId: string;
  entitiesCreated: number;
  entitiesMatched: number;
  relationsCreated: number;
  relationsMatched: number;
  /** STIX objects kept as they were (not modelled), new to the graph. */
  objectsKept: number;
}

const CLAIM_RANK = { asserted: 3, alleged: 2, suspected: 1 };

/**
 * What the graph does not model of an imported STIX object, kept on its node or relationship
 * (src/graph/export.ts reads it back): the first STIX object that brings it, replaced only by a
 * later version of the same object (same id, later `modified`), as STIX versions objects.
 */
const KEEP_STIX = (v: string) => `FOREACH (_ IN CASE WHEN row.stix IS NOT NULL AND (${v}.stixId IS NULL OR
                 (${v}.stixId = row.stix.id AND coalesce(row.stix.modified, '') > coalesce(${v}.stixModified, ''))) THEN [1] ELSE [] END |
               SET ${v}.stixId = row.stix.id, ${v}.stixType = row.stix.type, ${v}.stixDescription = row.stix.description,
                   ${v}.stixExternalReferences = row.stix.externalReferences, ${v}.stixMarkings = row.stix.markings,
                   ${v}.stixCreatedBy = row.stix.createdBy, ${v}.stixCreated = row.stix.created, ${v}.stixModified = row.stix.modified)`;

/** STIX objects the graph does not model (software, markings, producers, …), kept as JSON for export. */
export function keepStixObjectsQuery(rows: KeptStixObject[], articleId: string): CypherQuery {
  return {
    cypher: `UNWIND $rows AS row
             OPTIONAL MATCH (old:StixObject {id: row.id})
             WITH row, old IS NOT NULL AS existed
             MERGE (o:StixObject {id: row.id})
             ON CREATE SET o.type = row.type, o.json = row.json, o.articleId = $articleId
             RETURN count(CASE WHEN existed THEN null ELSE 1 END) AS created`,
    params: { rows, articleId },
  };
}

function checkLabel(label: string): void {
  if (!(ENTITY_TYPES as readonly string[]).includes(label)) throw new ThreatGraphError('graph', `unknown entity type ${label}`);
}
function checkRelType(type: string): void {
  if (!(RELATION_TYPES as readonly string[]).includes(type) && type !== ASSOCIATED_WITH) throw new ThreatGraphError('graph', `unknown relation type ${type}`);
}

export function bundleArticleQuery(plan: StixImportPlan, contentHash: string, now: string): CypherQuery {
  return {
    cypher: `MERGE (a:Article {id: $id})
             ON CREATE SET a.contentHash = $contentHash, a.title = $title, a.source = $source,
                           a.ingestedAt = $now, a.sentenceCount = $sentenceCount
             RETURN a.id AS id`,
    params: {
      id: articleIdFromHash(contentHash),
      contentHash,
      title: `STIX bundle ${plan.bundleId} (${basename(plan.file)})`,
      source: `stix:${plan.file}`,
      now,
      sentenceCount: plan.relations.length,
    },
  };
}

/**
 * Entities: created with origin 'stix', or matched and given the new aliases. The label is
 * dynamic ($(row.type)), checked against the closed list first: one statement to plan, not five.
 */
export function importEntitiesQuery(rows: ImportEntity[], articleId: string, now: number): CypherQuery {
  for (const row of rows) checkLabel(row.type);
  return {
    cypher: `UNWIND $rows AS row
             OPTIONAL MATCH (old:Entity {id: row.id})
             WITH row, old IS NOT NULL AS existed
             MERGE (n:Entity {id: row.id})
             ON CREATE SET n:$(row.type), n.type = row.type, n.name = row.name, n.nameKey = row.nameKey,
                           n.aliases = row.aliases, n.kind = row.kind, n.iso3 = row.iso3, n.role = row.role,
                           n.date = row.date, n.mentionCount = coalesce(row.mentionCount, 1),
                           n.articleCount = coalesce(row.articleCount, 1), n.firstSeen = row.firstSeen,
                           n.lastSeen = row.lastSeen, n.origin = 'stix'
             ON MATCH SET n.aliases = coalesce(n.aliases, []) +
                           [x IN row.aliases WHERE NOT x IN coalesce(n.aliases, []) AND x <> n.name]
             SET n.createdAt = coalesce(n.createdAt, $now)
             ${KEEP_STIX('n')}
             SET n.aliasText = n.name + reduce(s = '', x IN coalesce(n.aliases, []) | s + ' | ' + x)
             WITH row, n, existed
             CALL (row, n, existed) {
               WITH row, n, existed WHERE NOT (existed AND row.restated)
               MATCH (a:Article {id: $articleId})
               OPTIONAL MATCH (n)-[seen:MENTIONED_IN]->(a)
               WITH n, a, existed, seen IS NULL AS firstMention
               MERGE (n)-[m:MENTIONED_IN]->(a) ON CREATE SET m.count = 1
               FOREACH (_ IN CASE WHEN existed AND firstMention THEN [1] ELSE [] END |
                 SET n.mentionCount = coalesce(n.mentionCount, 0) + 1, n.articleCount = coalesce(n.articleCount, 0) + 1)
               RETURN count(m) AS mentions
             }
             RETURN count(CASE WHEN existed THEN null ELSE 1 END) AS created, count(CASE WHEN existed THEN 1 END) AS matched`,
    params: { rows, articleId, now },
  };
}

/**
 * Typed relations of one type, each with one Evidence from the bundle's Article. One statement
 * per type: a dynamic relationship type in MERGE measured slower than planning each type.
 */
export function importRelationsQuery(type: RelationType, rows: (ImportRelation & { evidenceId: string })[], articleId: string, now: number): CypherQuery {
  checkRelType(type);
  return {
    cypher: `UNWIND $rows AS row
             MATCH (s:Entity {id: row.sourceId}), (t:Entity {id: row.targetId})
             OPTIONAL MATCH (s)-[old:${type}]->(t)
             WITH row, s, t, old IS NOT NULL AS existed
             MERGE (s)-[r:${type}]->(t)
             ON CREATE SET r.id = row.id, r.origin = 'stix', r.status = row.status, r.note = row.note,
                           r.claim = row.claim, r.confidence = row.confidence, r.evidenceCount = 0, r.rules = [],
                           r.firstSeen = row.firstSeen, r.lastSeen = row.lastSeen, r.updatedAt = $now
             ${KEEP_STIX('r')}
             WITH row, s, t, r, existed
             // A ThreatGraph export re-stating a relation the graph has: its evidence is counted already.
             CALL (row, s, t, r, existed) {
               WITH row, s, t, r, existed WHERE NOT (existed AND row.restated)
               MATCH (a:Article {id: $articleId})
               OPTIONAL MATCH (had:Evidence {id: row.evidenceId})
               MERGE (ev:Evidence {id: row.evidenceId})
               ON CREATE SET ev.relationId = r.id, ev.relationType = $type, ev.sourceId = s.id, ev.targetId = t.id,
                             ev.articleId = a.id, ev.sentence = row.sentence, ev.sentenceIndex = row.index,
                             ev.rule = 'stix:' + row.stixRelationshipType,
                             ev.confidence = row.confidence, ev.claim = row.claim
               MERGE (ev)-[:FROM]->(a)
               RETURN count(CASE WHEN had IS NULL THEN 1 END) AS added
             }
             WITH row, r, existed, added > 0 AS newEvidence,
                  COLLECT { MATCH (e:Evidence {relationId: r.id}) RETURN coalesce(e.confidence, 0.0) } AS confidences,
                  COLLECT { MATCH (e:Evidence {relationId: r.id}) RETURN DISTINCT e.rule } AS rules
             // Only new evidence changes the counts and the noisy-or confidence.
             SET r.evidenceCount = CASE WHEN newEvidence THEN size(confidences) ELSE r.evidenceCount END,
                 r.rules = CASE WHEN newEvidence THEN rules ELSE r.rules END,
                 r.confidence = CASE WHEN NOT newEvidence THEN r.confidence
                                     WHEN size(confidences) = 1 THEN confidences[0]
                                     ELSE 1 - reduce(p = 1.0, c IN confidences | p * (1 - c)) END,
                 r.claim = CASE WHEN coalesce($claimRank[row.claim], 0) > coalesce($claimRank[r.claim], 0) THEN row.claim ELSE r.claim END,
                 r.firstSeen = CASE WHEN r.firstSeen IS NULL OR row.firstSeen < r.firstSeen THEN coalesce(row.firstSeen, r.firstSeen) ELSE r.firstSeen END,
                 r.lastSeen = CASE WHEN r.lastSeen IS NULL OR row.lastSeen > r.lastSeen THEN coalesce(row.lastSeen, r.lastSeen) ELSE r.lastSeen END,
                 r.updatedAt = CASE WHEN newEvidence OR NOT existed THEN $now ELSE r.updatedAt END
             RETURN count(CASE WHEN existed THEN null ELSE 1 END) AS created, count(CASE WHEN existed THEN 1 END) AS matched`,
    params: { rows, articleId, now, type, claimRank: CLAIM_RANK },
  };
}

/** Co-occurrence links (ASSOCIATED_WITH carries a weight, not evidence). */
export function importAssociationsQuery(rows: ImportRelation[], now: number): CypherQuery {
  return {
    cypher: `UNWIND $rows AS row
             MATCH (s:Entity {id: row.sourceId}), (t:Entity {id: row.targetId})
             OPTIONAL MATCH (s)-[old:${ASSOCIATED_WITH}]-(t)
             WITH row, s, t, old IS NOT NULL AS existed
             CALL (row, s, t, existed) {
               WITH row, s, t WHERE NOT existed
               CREATE (s)-[r:${ASSOCIATED_WITH} {id: row.id, weight: row.weight, updatedAt: $now, origin: 'stix'}]->(t)
               RETURN count(r) AS made
             }
             RETURN count(CASE WHEN existed THEN null ELSE 1 END) AS created, count(CASE WHEN existed THEN 1 END) AS matched`,
    params: { rows, now },
  };
}

export async function writeStixImport(graph: GraphExecutor, plan: StixImportPlan, text: string): Promise<StixImportResult> {
  const contentHash = sha256(text);
  const nowMs = Date.now();
  return graph.writeTx(async (tx) => {
    const [article] = await run<{ id: string }>(tx, bundleArticleQuery(plan, contentHash, new Date(nowMs).toISOString()));
    const articleId = article!.id;
    const result: StixImportResult = { articleId, entitiesCreated: 0, entitiesMatched: 0, relationsCreated: 0, relationsMatched: 0, objectsKept: 0 };
    if (plan.entities.length > 0) {
      const [counts] = await run<{ created: number; matched: number }>(tx, importEntitiesQuery(plan.entities, articleId, nowMs));
      result.entitiesCreated += counts?.created ?? 0;
      result.entitiesMatched += counts?.matched ?? 0;
    }
    for (const type of RELATION_TYPES) {
      const rows = plan.relations
        .filter((r) => r.type === type)
        .map((r) => ({ ...r, evidenceId: evidenceId(r.id, articleId, r.index, `stix:${r.stixRelationshipType}`) }));
      if (rows.length === 0) continue;
      const [counts] = await run<{ created: number; matched: number }>(tx, importRelationsQuery(type, rows, articleId, nowMs));
      result.relationsCreated += counts?.created ?? 0;
      result.relationsMatched += counts?.matched ?? 0;
    }
    const associations = plan.relations.filter((r) => r.type === ASSOCIATED_WITH);
    if (associations.length > 0) {
      const [counts] = await run<{ created: number; matched: number }>(tx, importAssociationsQuery(associations, nowMs));
      result.relationsCreated += counts?.created ?? 0;
      result.relationsMatched += counts?.matched ?? 0;
    }
    if (plan.kept.length > 0) {
      const [counts] = await run<{ created: number }>(tx, keepStixObjectsQuery(plan.kept, articleId));
      result.objectsKept = counts?.created ?? 0;
    }
    return result;
  });
}
