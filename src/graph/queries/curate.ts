// The Cypher of curation: aliases, relation status, analysts' own relations, merges and their
// undoing, and merge suggestions. Labels and types come only from the ontology's closed lists.
import type { EntityType, GraphRelationType, RelationType } from '../../ontology.js';
import { GRAPH_RELATION_TYPES, ASSOCIATED_WITH } from '../../ontology.js';
import type { CypherQuery } from '../executor.js';
import { entityMap, labelExpr, relationMap, relTypeExpr } from './common.js';

const ALIAS_TEXT = `reduce(s = n.name, x IN coalesce(n.aliases, []) | s + ' | ' + x)`;

export function addAlias(id: string, alias: string, key: string): CypherQuery {
  return {
    cypher: `MATCH (n:Entity {id: $id})
             SET n.aliases = CASE WHEN $alias IN coalesce(n.aliases, []) OR $alias = n.name THEN coalesce(n.aliases, []) ELSE coalesce(n.aliases, []) + $alias END,
                 n.analystAliases = CASE WHEN $alias IN coalesce(n.analystAliases, []) OR $alias = n.name THEN coalesce(n.analystAliases, []) ELSE coalesce(n.analystAliases, []) + $alias END,
                 n.aliasKeys = CASE WHEN $key IN coalesce(n.aliasKeys, []) THEN coalesce(n.aliasKeys, []) ELSE coalesce(n.aliasKeys, []) + $key END
             SET n.aliasText = ${ALIAS_TEXT}
             RETURN ${entityMap('n')} AS entity`,
    params: { id, alias, key },
  };
}

/** A relationship by id: one branch per type so each uses its type's id index. */
function findRelation(types: readonly GraphRelationType[] = GRAPH_RELATION_TYPES): string {
  return `CALL { ${types.map((t) => `MATCH ()-[r${relTypeExpr([t])} {id: $id}]->() RETURN r`).join(' UNION ALL ')} }`;
}

export function setRelationStatus(id: string, status: 'auto' | 'CONFIRMED' | 'REJECTED', note: string | null, by: string, now: number): CypherQuery {
  return {
    cypher: `${findRelation()}
             SET r.status = $status, r.note = coalesce($note, r.note), r.statusBy = $by, r.statusAt = $now, r.updatedAt = $now
             RETURN ${relationMap('r')} AS relation`,
    params: { id, status, note, by, now },
  };
}

export function entityTypes(ids: string[]): CypherQuery {
  return { cypher: 'UNWIND $ids AS id MATCH (n:Entity {id: id}) RETURN n.id AS id, n.type AS type', params: { ids } };
}

/**
 * Recomputes a relationship's aggregates from its evidence (noisy-or confidence, strongest claim,
 * dates). The dates are the evidence's alone (undated evidence leaves none), and `rules` keeps
 * the order it had, new rules after, so a merge undone by a split leaves the same list.
 */
export function refreshAggregates(r: string): string {
  return `CALL (${r}) {
             MATCH (ev:Evidence {relationId: ${r}.id})
             OPTIONAL MATCH (ev)-[:FROM]->(a:Article)
             RETURN count(ev) AS evCount,
                    1.0 - reduce(p = 1.0, c IN collect(coalesce(ev.confidence, 0.0)) | p * (1.0 - c)) AS evConfidence,
                    collect(DISTINCT ev.rule) AS evRules, collect(ev.claim) AS evClaims,
                    min(a.published) AS evFirst, max(a.published) AS evLast
           }
           SET ${r}.evidenceCount = evCount, ${r}.confidence = evConfidence,
               ${r}.rules = [x IN coalesce(${r}.rules, []) WHERE x IN evRules] + [x IN evRules WHERE NOT x IN coalesce(${r}.rules, [])],
               ${r}.claim = CASE WHEN 'asserted' IN evClaims THEN 'asserted' WHEN 'alleged' IN evClaims THEN 'alleged'
                                 WHEN 'suspected' IN evClaims THEN 'suspected' ELSE ${r}.claim END,
               ${r}.firstSeen = CASE WHEN evCount > 0 THEN evFirst ELSE ${r}.firstSeen END,
               ${r}.lastSeen = CASE WHEN evCount > 0 THEN evLast ELSE ${r}.lastSeen END`;
}

export interface AnalystRelationRow {
  id: string;
  evidenceId: string;
  sourceId: string;
  targetId: string;
  note: string;
  claim: string;
  confidence: number;
  by: string;
}

/** An analyst's link: the relationship (created or existing) confirmed, with the note as its evidence. */
export function addRelation(type: RelationType, row: AnalystRelationRow, now: number): CypherQuery {
  return {
    cypher: `MATCH (s:Entity {id: $row.sourceId}), (t:Entity {id: $row.targetId})
             MERGE (s)-[r${relTypeExpr([type])} {id: $row.id}]->(t)
             ON CREATE SET r.origin = 'analyst', r.evidenceCount = 0, r.confidence = 0.0, r.rules = []
             MERGE (ev:Evidence {id: $row.evidenceId})
             SET ev.relationId = $row.id, ev.relationType = $type, ev.sourceId = $row.sourceId, ev.targetId = $row.targetId,
                 ev.articleId = null, ev.sentence = $row.note, ev.rule = 'analyst', ev.confidence = $row.confidence,
                 ev.claim = $row.claim, ev.assertedBy = $row.by, ev.sentenceIndex = 0, ev.at = $now
             WITH r
             ${refreshAggregates('r')}
             SET r.status = 'CONFIRMED', r.note = $row.note, r.statusBy = $row.by, r.statusAt = $now, r.updatedAt = $now
             RETURN ${relationMap('r')} AS relation`,
    params: { row, type, now },
  };
}

// ---------------------------------------------------------------------------------------------
// Merge and split

/** Both entities, the removed one's relationships (with their evidence ids) and mentions, and keep's relationship ids. */
export function mergeInputs(keepId: string, removeId: string): CypherQuery {
  return {
    cypher: `MATCH (k:Entity {id: $keep}), (x:Entity {id: $remove})
             RETURN k {.*} AS keep, x {.*} AS removed,
               COLLECT { MATCH (x)-[r]-(o:Entity)
                         RETURN {type: type(r), id: r.id, props: properties(r), sourceId: startNode(r).id, targetId: endNode(r).id,
                                 evidenceIds: COLLECT { MATCH (ev:Evidence {relationId: r.id}) RETURN ev.id }} } AS relations,
               COLLECT { MATCH (x)-[m:MENTIONED_IN]->(a:Article) RETURN {articleId: a.id, count: m.count} } AS mentions,
               COLLECT { MATCH (k)-[r]-(:Entity) RETURN r.id } AS keepRelationIds`,
    params: { keep: keepId, remove: removeId },
  };
}

export interface MovedRelation {
  type: GraphRelationType;
  oldId: string;
  newId: string;
  /** The ends after the merge. */
  sourceId: string;
  targetId: string;
  props: Record<string, unknown>;
  evidenceIds: string[];
}

/** Recreates one type's relationships on the kept entity and points their evidence at them. */
export function moveRelations(type: GraphRelationType, rows: MovedRelation[], now: number): CypherQuery {
  const aggregate =
    type === ASSOCIATED_WITH
      ? `SET r.weight = CASE WHEN created THEN coalesce(row.props.weight, 0) ELSE coalesce(r.weight, 0) + coalesce(row.props.weight, 0) END, r.updatedAt = $now`
      : `WITH r, row
       CALL (r, row) {
         UNWIND row.evidenceIds AS eid
         MATCH (ev:Evidence {id: eid})
         SET ev.relationId = row.newId, ev.sourceId = row.sourceId, ev.targetId = row.targetId
       }
       WITH DISTINCT r
       ${refreshAggregates('r')}
       SET r.updatedAt = $now`;
  return {
    cypher: `UNWIND $rows AS row
             MATCH (s:Entity {id: row.sourceId}), (t:Entity {id: row.targetId})
             OPTIONAL MATCH (s)-[existing${relTypeExpr([type])} {id: row.newId}]->(t)
             WITH s, t, row, existing IS NULL AS created
             MERGE (s)-[r${relTypeExpr([type])} {id: row.newId}]->(t)
             ON CREATE SET r += row.props, r.id = row.newId
             // An analyst's decision on either side survives the merge.
             SET r.status = CASE WHEN coalesce(r.status, 'auto') = 'auto' THEN coalesce(row.props.status, r.status) ELSE r.status END,
                 r.note = coalesce(r.note, row.props.note)
             WITH r, row, created
             ${aggregate}`,
    params: { rows, now },
  };
}

export function moveMentions(keepId: string, mentions: { articleId: string; count: number }[], sign: 1 | -1): CypherQuery {
  return {
    cypher: `MATCH (k:Entity {id: $keep})
             UNWIND $mentions AS m
             MATCH (a:Article {id: m.articleId})
             MERGE (k)-[mm:MENTIONED_IN]->(a)
             ON CREATE SET mm.count = 0
             SET mm.count = coalesce(mm.count, 0) + $sign * coalesce(m.count, 0)
             WITH mm WHERE mm.count <= 0
             DELETE mm`,
    params: { keep: keepId, mentions, sign },
  };
}

/** The kept entity's properties after a merge or split; counts and dates recomputed from its mentions. */
export function updateKept(keepId: string, props: Record<string, unknown>): CypherQuery {
  return {
    cypher: `MATCH (n:Entity {id: $keep})
             SET n += $props
             SET n.aliasText = ${ALIAS_TEXT}
             WITH n
             CALL (n) {
               MATCH (n)-[m:MENTIONED_IN]->(a:Article)
               RETURN count(a) AS articles, sum(m.count) AS mentions, min(a.published) AS first, max(a.published) AS last
             }
             SET n.articleCount = articles, n.mentionCount = mentions, n.firstSeen = first, n.lastSeen = last
             RETURN ${entityMap('n')} AS entity`,
    params: { keep: keepId, props },
  };
}

export function deleteEntity(id: string): CypherQuery {
  return { cypher: 'MATCH (n:Entity {id: $id}) DETACH DELETE n', params: { id } };
}

export function writeMergeRecord(record: Record<string, unknown>): CypherQuery {
  return {
    cypher: `MERGE (m:MergeRecord {id: $record.id})
             SET m = $record
             RETURN m {.*} AS record`,
    params: { record },
  };
}

export function mergeRecord(id: string): CypherQuery {
  return {
    cypher: `MATCH (m:MergeRecord {id: $id})
             RETURN m {.*} AS record,
                    EXISTS { MATCH (:Entity {id: m.keepId}) } AS keepExists,
                    EXISTS { MATCH (:Entity {id: m.removedId}) } AS removedExists`,
    params: { id },
  };
}

export function mergeRecords(entity: string | null, first: number): CypherQuery {
  return {
    cypher: `MATCH (m:MergeRecord) WHERE $entity IS NULL OR m.keepId = $entity OR m.removedId = $entity
             RETURN m {.*, removedSnapshot: null} AS record, m.removedSnapshot AS snapshot ORDER BY m.at DESC, m.id LIMIT toInteger($first)`,
    params: { entity, first },
  };
}

/** Recreates the removed entity with its own properties and labels. */
export function restoreEntity(type: EntityType, props: Record<string, unknown>): CypherQuery {
  return {
    cypher: `CREATE (n:Entity${labelExpr([type])}) SET n = $props RETURN n.id AS id`,
    params: { props },
  };
}

export interface RestoredRelation {
  oldId: string;
  newId: string | null;
  sourceId: string;
  targetId: string;
  props: Record<string, unknown>;
  evidenceIds: string[];
  createdNew: boolean;
}

/** Puts one type's relationships back on the restored entity and takes them off the kept one. */
export function restoreRelations(type: GraphRelationType, rows: RestoredRelation[], now: number): CypherQuery {
  const undoMerged =
    type === ASSOCIATED_WITH
      ? `SET merged.weight = coalesce(merged.weight, 0) - coalesce(row.props.weight, 0), merged.updatedAt = $now
       WITH merged, row WHERE row.createdNew AND merged.weight <= 0
       DELETE merged`
      : `WITH merged, row
       ${refreshAggregates('merged')}
       SET merged.updatedAt = $now
       WITH merged, row WHERE row.createdNew AND merged.evidenceCount = 0
       DELETE merged`;
  return {
    cypher: `UNWIND $rows AS row
             MATCH (s:Entity {id: row.sourceId}), (t:Entity {id: row.targetId})
             MERGE (s)-[r${relTypeExpr([type])} {id: row.oldId}]->(t)
             SET r = row.props, r.updatedAt = $now
             WITH row
             CALL (row) {
               UNWIND row.evidenceIds AS eid
               MATCH (ev:Evidence {id: eid})
               SET ev.relationId = row.oldId, ev.sourceId = row.sourceId, ev.targetId = row.targetId
             }
             WITH row WHERE row.newId IS NOT NULL
             MATCH ()-[merged${relTypeExpr([type])} {id: row.newId}]->()
             ${undoMerged}`,
    params: { rows, now },
  };
}

// ---------------------------------------------------------------------------------------------
// Suggestions

/**
 * Likely duplicates of the same type: names equal once spaces are ignored, one entity's alias
 * is the other's name, or one name is the other's first or last words ("Wagner" and "Wagner
 * Group"). Shared neighbours raise the score. Each pair once, best first. Cases that name one
 * incident differently come from src/ingest/resolve.ts (incidentSuggestions).
 */
export function mergeSuggestions(types: EntityType[] | null, minScore: number, first: number): CypherQuery {
  return {
    cypher: `CALL {
               MATCH (n:Entity) WHERE ($types IS NULL OR n.type IN $types) AND n.nameKey IS NOT NULL
               WITH n.type AS type, replace(n.nameKey, ' ', '') AS compact, collect(n) AS group
               WHERE size(group) > 1
               UNWIND group AS a
               UNWIND group AS b
               WITH a, b WHERE a.id < b.id
               RETURN a, b, 0.9 AS base, 'same name ignoring spaces and punctuation' AS reason
               UNION
               MATCH (a:Entity) WHERE ($types IS NULL OR a.type IN $types) AND size(coalesce(a.aliasKeys, [])) > 0
               UNWIND a.aliasKeys AS key
               MATCH (b:Entity {nameKey: key}) WHERE b.type = a.type AND b.id <> a.id
               RETURN a, b, 0.8 AS base, '"' + b.name + '" is an alias of ' + a.name AS reason
               UNION
               // the first or last words of a longer name, looked up by key (linear in the
               // entities: comparing every pair timed out at 2,000 Actors)
               MATCH (b:Entity) WHERE ($types IS NULL OR b.type IN $types) AND b.type <> 'State' AND b.nameKey CONTAINS ' '
               WITH b, split(b.nameKey, ' ') AS w
               UNWIND range(1, size(w) - 1) AS i
               UNWIND [reduce(s = w[0], x IN w[1..i] | s + ' ' + x), reduce(s = w[i], x IN w[i + 1..] | s + ' ' + x)] AS part
               WITH DISTINCT b, part WHERE size(part) >= 4
               MATCH (a:Entity {nameKey: part}) WHERE a.type = b.type AND a.id <> b.id
               RETURN a, b, 0.55 AS base, '"' + a.name + '" is part of "' + b.name + '"' AS reason
             }
             WITH CASE WHEN a.id < b.id THEN a ELSE b END AS a, CASE WHEN a.id < b.id THEN b ELSE a END AS b, base, reason
             WITH a, b, max(base) AS base, collect(DISTINCT reason) AS reasons
             WITH a, b, base, reasons, COUNT { MATCH (a)--(c:Entity)--(b) WHERE c <> a AND c <> b } AS shared
             WITH a, b, reasons + CASE WHEN shared > 0 THEN ['shared neighbours: ' + toString(shared)] ELSE [] END AS reasons,
                  CASE WHEN base + 0.02 * shared > 1.0 THEN 1.0 ELSE base + 0.02 * shared END AS score
             WHERE score >= $minScore
             WITH CASE WHEN coalesce(a.mentionCount, 0) >= coalesce(b.mentionCount, 0) THEN a ELSE b END AS keep,
                  CASE WHEN coalesce(a.mentionCount, 0) >= coalesce(b.mentionCount, 0) THEN b ELSE a END AS remove, score, reasons
             // the page first, then the entities' maps: projecting every pair's took seconds
             WITH keep, remove, score, reasons ORDER BY score DESC, keep.id, remove.id LIMIT toInteger($first)
             RETURN ${entityMap('keep')} AS keep, ${entityMap('remove')} AS remove, score, reasons`,
    params: { types, minScore, first },
  };
}
