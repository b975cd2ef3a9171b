// The Cypher of ingestion: each function returns one {cypher, params} that writes a batch of
// rows with UNWIND. Labels and relationship types come from the ontology's closed lists; MERGE
// is always on a key with a uniqueness constraint or an index (README "Graph model").
import { ENTITY_TYPES, RELATION_TYPES, type EntityType, type RelationType } from '../ontology.js';
import { entityLabel, relationLabel } from './closed.js';
import type { CypherQuery } from './executor.js';

export interface ArticleRow {
  id: string;
  contentHash: string;
  url: string | null;
  /** What names the article across edits besides its url (src/sources/types.ts `key`): a new text with the same key replaces it. */
  key: string | null;
  title: string | null;
  published: string | null;
  source: string | null;
  license: string | null;
  sentenceCount: number;
  /** The article's text as read (before extraction), for `threatgraph reextract`: gzip in base64 when that is shorter. */
  text: string | null;
  textGz: string | null;
  format: string | null;
  /** The extractor that read it (src/ingest/version.ts) and when. */
  extractorVersion: string;
  extractedAt: string;
  /** The ASSOCIATED_WITH ids this article added weight to, and how much: what forget subtracts. */
  assocIds: string[];
  assocWeights: number[];
}

export interface EntityRow {
  id: string;
  type: EntityType;
  name: string;
  nameKey: string;
  aliases: string[];
  aliasKeys: string[];
  kind: string | null;
  iso3: string | null;
  role: string | null;
  date: string | null;
  mentionCount: number;
  articleCount: number;
  firstSeen: string | null;
  lastSeen: string | null;
}

/** An entity in an article, with the names the article gave it: what forget takes back. */
export interface MentionRow {
  entityId: string;
  articleId: string;
  count: number;
  aliases: string[];
  aliasKeys: string[];
}

export interface EvidenceRow {
  id: string;
  relationId: string;
  relationType: RelationType;
  sourceId: string;
  targetId: string;
  articleId: string;
  sentence: string;
  sentenceIndex: number;
  start: number;
  end: number;
  rule: string;
  confidence: number;
  claim: string;
  assertedBy: string | null;
  role: string | null;
}

/** One typed relationship's share of a batch: its evidence pre-aggregated. */
export interface RelationRow {
  id: string;
  type: RelationType;
  sourceId: string;
  targetId: string;
  evidenceCount: number;
  /** Π(1 − c) over the batch's evidence: noisy-or combines by multiplying these. */
  notConfidence: number;
  claim: string;
  firstSeen: string | null;
  lastSeen: string | null;
  rules: string[];
  role: string | null;
}

export interface AssociationRow {
  id: string;
  sourceId: string;
  targetId: string;
  weight: number;
}

export interface MergeRow {
  id: string;
  keepId: string;
  removedId: string;
  removedSnapshot: string;
  reason: string;
  score: number;
}

const label = (type: EntityType): EntityType => entityLabel(type);
const relType = (type: RelationType): RelationType => relationLabel(type);

/** Ids of the articles that exist already (unchanged text: nothing to do). */
export function existingArticles(ids: string[]): CypherQuery {
  return { cypher: 'UNWIND $ids AS id MATCH (a:Article {id: id}) RETURN a.id AS id', params: { ids } };
}

/**
 * The resolution lock: the first statement of every transaction that writes resolved entities
 * or changes what resolution reads (merges, splits, forgets), so that ingest processes, on one
 * machine or several, resolve and write one batch at a time, each against the graph as the
 * last one left it. The write lock on the node is the lock (Neo4j holds it to commit or
 * rollback, so a process that dies releases it); `version` counts the transactions that took
 * it, and tells a process whether anyone else wrote since its resolver was loaded. The first
 * SET takes the lock before the version is read, so no two transactions read the same one.
 */
export function takeResolutionLock(): CypherQuery {
  return {
    cypher: `MERGE (l:IngestLock {id: 'resolution'})
      SET l.locked = true
      WITH l, coalesce(l.version, 0) AS version
      SET l.version = version + 1
      RETURN version`,
  };
}

/**
 * Time allowed the long transactions that take the resolution lock (ingest batches, automatic
 * merges): it counts the wait for the lock behind other processes' batches, and 50 automatic
 * merges on a 3,000-article bulk graph went past the default minute twice under load ~15.
 */
export const LOCKED_WRITE_TIMEOUT_MS = 10 * 60_000;

/** The resolution lock's version as last committed (0 before any write). */
export function resolutionVersion(): CypherQuery {
  return { cypher: "OPTIONAL MATCH (l:IngestLock {id: 'resolution'}) RETURN coalesce(l.version, 0) AS version" };
}

/**
 * Creates the batch's Article nodes and returns the ids it created, each with the older
 * articles of the same URL that it replaces. MERGE on the unique id locks it: a second
 * process writing the same article waits, then finds it and skips it.
 */
export function claimArticles(rows: ArticleRow[], ingestedAt: string): CypherQuery {
  return {
    cypher: `UNWIND $rows AS row
      MERGE (a:Article {id: row.id})
      ON CREATE SET a += row, a.ingestedAt = $ingestedAt, a.pending = true
      WITH a, row WHERE a.pending = true
      OPTIONAL MATCH (old:Article {url: row.url}) WHERE old.id <> row.id AND old.pending IS NULL
      WITH a, row, collect(old.id) AS byUrl
      OPTIONAL MATCH (old:Article {key: row.key}) WHERE old.id <> row.id AND old.pending IS NULL
      WITH a, byUrl, collect(old.id) AS byKey
      RETURN a.id AS id, byUrl + [x IN byKey WHERE NOT x IN byUrl] AS replaces`,
    params: { rows, ingestedAt },
  };
}

const laterOf = (a: string, b: string) => `CASE WHEN ${b} IS NULL OR (${a} IS NOT NULL AND ${a} >= ${b}) THEN ${a} ELSE ${b} END`;
const earlierOf = (a: string, b: string) => `CASE WHEN ${b} IS NULL OR (${a} IS NOT NULL AND ${a} <= ${b}) THEN ${a} ELSE ${b} END`;

/**
 * Entities: created with the batch's values, or, when they exist, aliases unioned and counts
 * added. One statement for every type: a label cannot be a parameter, so one FOREACH per
 * closed-list label sets the type label (the statement text, and its cached plan, never varies).
 */
export function mergeEntities(rows: EntityRow[], now: number): CypherQuery {
  for (const r of rows) label(r.type);
  const newAliases = `coalesce(e.aliases, []) + [x IN row.aliases WHERE NOT x IN coalesce(e.aliases, []) AND x <> e.name]`;
  const labels = ENTITY_TYPES.map((t) => `FOREACH (_ IN CASE WHEN row.type = '${t}' THEN [1] ELSE [] END | SET e:${t})`).join('\n      ');
  return {
    cypher: `UNWIND $rows AS row
      MERGE (e:Entity {id: row.id})
      ON CREATE SET e.name = row.name, e.nameKey = row.nameKey, e.type = row.type, e.origin = 'extracted',
        e.aliases = row.aliases, e.aliasKeys = row.aliasKeys, e.kind = row.kind, e.iso3 = row.iso3, e.role = row.role,
        e.date = row.date, e.mentionCount = row.mentionCount, e.articleCount = row.articleCount,
        e.firstSeen = row.firstSeen, e.lastSeen = row.lastSeen, e.createdAt = $now,
        e.aliasText = reduce(s = row.name, x IN row.aliases | s + ' | ' + x)
      ON MATCH SET e.aliasText = reduce(s = e.name, x IN ${newAliases} | s + ' | ' + x),
        e.aliases = ${newAliases},
        e.aliasKeys = coalesce(e.aliasKeys, []) + [k IN row.aliasKeys WHERE NOT k IN coalesce(e.aliasKeys, [])],
        e.kind = coalesce(e.kind, row.kind), e.iso3 = coalesce(e.iso3, row.iso3),
        e.role = coalesce(e.role, row.role), e.date = coalesce(e.date, row.date),
        e.mentionCount = coalesce(e.mentionCount, 0) + row.mentionCount,
        e.articleCount = coalesce(e.articleCount, 0) + row.articleCount,
        e.firstSeen = ${earlierOf('e.firstSeen', 'row.firstSeen')},
        e.lastSeen = ${laterOf('e.lastSeen', 'row.lastSeen')}
      ${labels}`,
    params: { rows, now },
  };
}

/** Mentions and evidence of articles created in this transaction, which are then complete. */
export function createFacts(mentions: MentionRow[], evidence: EvidenceRow[], articleIds: string[]): CypherQuery {
  return {
    cypher: `CALL {
        UNWIND $mentions AS row
        MATCH (e:Entity {id: row.entityId})
        MATCH (a:Article {id: row.articleId})
        CREATE (e)-[:MENTIONED_IN {count: row.count, aliases: row.aliases, aliasKeys: row.aliasKeys}]->(a)
      }
      CALL {
        UNWIND $evidence AS row
        MATCH (a:Article {id: row.articleId})
        CREATE (ev:Evidence)
        SET ev = row
        CREATE (ev)-[:FROM]->(a)
      }
      CALL {
        UNWIND $articleIds AS id
        MATCH (a:Article {id: id})
        REMOVE a.pending
      }`,
    params: { mentions, evidence, articleIds },
  };
}

const CLAIM_OF = (a: string, b: string) =>
  `CASE WHEN ${a} = 'asserted' OR ${b} = 'asserted' THEN 'asserted' WHEN ${a} = 'alleged' OR ${b} = 'alleged' THEN 'alleged' ELSE coalesce(${a}, ${b}) END`;

/**
 * Typed relationships: created with the batch's aggregates, or grown by them (exact for
 * additions; on a new relationship the same formulas give the batch's values). The MERGE names
 * its type: with a dynamic type (`$(row.type)`) it cost 3.9× the plain MERGE of the same rows
 * (bench:ingest, 1,000 articles), one statement per type 6.8× (nine statements a batch, each
 * paying its own latency on a loaded machine), this one statement 2.2×: its subquery has one
 * short branch per type of the ontology's closed list (the text never varies, so its plan is
 * cached), and one SET serves all.
 */
export function mergeRelations(rows: RelationRow[], now: number): CypherQuery {
  for (const r of rows) relType(r.type);
  const branches = RELATION_TYPES.map((type) => `WITH row, s, t WHERE row.type = '${relType(type)}' MERGE (s)-[r:${type} {id: row.id}]->(t) RETURN r`);
  return {
    cypher: `UNWIND $rows AS row
      MATCH (s:Entity {id: row.sourceId})
      MATCH (t:Entity {id: row.targetId})
      CALL (row, s, t) {
        ${branches.join('\n        UNION ALL\n        ')}
      }
      SET r.evidenceCount = coalesce(r.evidenceCount, 0) + row.evidenceCount,
        r.confidence = 1.0 - (1.0 - coalesce(r.confidence, 0.0)) * row.notConfidence,
        r.claim = ${CLAIM_OF('r.claim', 'row.claim')},
        r.firstSeen = ${earlierOf('r.firstSeen', 'row.firstSeen')},
        r.lastSeen = ${laterOf('r.lastSeen', 'row.lastSeen')},
        r.rules = coalesce(r.rules, []) + [x IN row.rules WHERE NOT x IN coalesce(r.rules, [])],
        r.role = coalesce(r.role, row.role),
        r.status = coalesce(r.status, 'auto'), r.origin = coalesce(r.origin, 'extracted'),
        r.updatedAt = $now`,
    params: { rows, now },
  };
}

export function mergeAssociations(rows: AssociationRow[], now: number): CypherQuery {
  return {
    cypher: `UNWIND $rows AS row
      MATCH (s:Entity {id: row.sourceId})
      MATCH (t:Entity {id: row.targetId})
      MERGE (s)-[r:ASSOCIATED_WITH {id: row.id}]->(t)
      ON CREATE SET r.weight = row.weight, r.updatedAt = $now
      ON MATCH SET r.weight = r.weight + row.weight, r.updatedAt = $now`,
    params: { rows, now },
  };
}

export function recordMerges(rows: MergeRow[], at: string): CypherQuery {
  return {
    cypher: `UNWIND $rows AS row
      MERGE (m:MergeRecord {id: row.id})
      ON CREATE SET m += row, m.by = 'auto', m.at = $at, m.undone = false`,
    params: { rows, at },
  };
}
