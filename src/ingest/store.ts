// Writing batches of articles: one managed write transaction per batch (the driver retries it
// on transient errors such as deadlocks), holding whole articles only, so an article is in
// the graph entirely or not at all. Articles another process wrote first are skipped; an
// article whose URL is already in the graph under older text replaces that one.
import type { ManagedTransaction } from 'neo4j-driver';
import type { CypherQuery, GraphExecutor } from '../graph/executor.js';
import {
  articleAssociations, articleEntities, articleRelations, deleteArticles, recomputeEntities, recomputeRelations,
  subtractAssociations,
} from '../graph/forget.js';
import {
  claimArticles, createFacts, existingArticles, mergeAssociations, mergeEntities, mergeRelations, recordMerges,
} from '../graph/write.js';
import { RELATION_TYPES, type RelationType } from '../ontology.js';
import { batchRows, type ArticlePlan, type BatchRows } from './plan.js';

export interface WriteCounts {
  entitiesCreated: number;
  entitiesUpdated: number;
  relationsCreated: number;
  relationsUpdated: number;
  nodesCreated: number;
  relationshipsCreated: number;
  relationsDeleted: number;
  entitiesDeleted: number;
}

export interface BatchResult extends WriteCounts {
  /** Articles this batch wrote. */
  written: string[];
  /** Articles that were already there when the transaction got to them (another process). */
  skipped: string[];
  /** Older articles removed because a written one has the same URL: old id → new id. */
  replaced: Map<string, string>;
  /** The rows actually written (for benchmarks). */
  rows: BatchRows | null;
}

const zeroCounts = (): WriteCounts => ({
  entitiesCreated: 0, entitiesUpdated: 0, relationsCreated: 0, relationsUpdated: 0,
  nodesCreated: 0, relationshipsCreated: 0, relationsDeleted: 0, entitiesDeleted: 0,
});

async function exec(tx: ManagedTransaction, query: CypherQuery) {
  const result = await tx.run(query.cypher, query.params ?? {});
  const c = result.summary.counters.updates();
  return { records: result.records.map((r) => r.toObject() as Record<string, unknown>), nodesCreated: c.nodesCreated, relationshipsCreated: c.relationshipsCreated };
}

/** The batch's rows, in an order that lets each statement find what the one before made. */
async function writeRows(tx: ManagedTransaction, rows: BatchRows, now: number, counts: WriteCounts): Promise<void> {
  const add = (r: { nodesCreated: number; relationshipsCreated: number }) => {
    counts.nodesCreated += r.nodesCreated;
    counts.relationshipsCreated += r.relationshipsCreated;
    return r;
  };
  if (rows.entities.length) {
    const r = add(await exec(tx, mergeEntities(rows.entities, now)));
    counts.entitiesCreated += r.nodesCreated;
    counts.entitiesUpdated += rows.entities.length - r.nodesCreated;
  }
  add(await exec(tx, createFacts(rows.mentions, rows.evidence, rows.articles.map((a) => a.id))));
  if (rows.relations.length) {
    const r = add(await exec(tx, mergeRelations(rows.relations, now)));
    counts.relationsCreated += r.relationshipsCreated;
    counts.relationsUpdated += rows.relations.length - r.relationshipsCreated;
  }
  if (rows.associations.length) add(await exec(tx, mergeAssociations(rows.associations, now)));
  if (rows.merges.length) add(await exec(tx, recordMerges(rows.merges, new Date(now).toISOString())));
}

/** Removes articles inside a transaction and recomputes everything they touched. */
async function removeArticlesTx(tx: ManagedTransaction, ids: string[], now: number, counts: WriteCounts): Promise<void> {
  if (!ids.length) return;
  const rels = (await exec(tx, articleRelations(ids))).records as Array<{ type: RelationType; id: string }>;
  const ents = (await exec(tx, articleEntities(ids))).records.map((r) => r.id as string);
  const assoc = (await exec(tx, articleAssociations(ids))).records as Array<{ id: string; weight: number }>;
  await exec(tx, deleteArticles(ids));
  if (assoc.length) await exec(tx, subtractAssociations(assoc.filter((a) => a.id), now));
  for (const type of RELATION_TYPES) {
    const of = rels.filter((r) => r.type === type).map((r) => r.id);
    if (!of.length) continue;
    const r = await exec(tx, recomputeRelations(type, of, now));
    counts.relationsDeleted += Number(r.records[0]?.deleted ?? 0);
  }
  if (ents.length) {
    const r = await exec(tx, recomputeEntities(ents));
    counts.entitiesDeleted += Number(r.records[0]?.deleted ?? 0);
  }
}

export async function writeBatch(graph: GraphExecutor, plans: ArticlePlan[], options: { keepRows?: boolean } = {}): Promise<BatchResult> {
  return graph.writeTx(async (tx) => {
    // Managed transactions may run this function again: start from nothing each time.
    const counts = zeroCounts();
    const now = Date.now();
    const ingestedAt = new Date(now).toISOString();
    const claimed = await exec(tx, claimArticles(plans.map((p) => p.article), ingestedAt));
    const created = new Set(claimed.records.map((r) => r.id as string));
    const replaced = new Map<string, string>();
    for (const r of claimed.records) for (const old of r.replaces as string[]) replaced.set(old, r.id as string);
    counts.nodesCreated += created.size;
    const fresh = plans.filter((p) => created.has(p.article.id));
    const skipped = plans.filter((p) => !created.has(p.article.id)).map((p) => p.article.id);
    if (!fresh.length) return { ...counts, written: [], skipped, replaced, rows: null };
    await removeArticlesTx(tx, [...replaced.keys()], now, counts);
    const rows = batchRows(fresh);
    await writeRows(tx, rows, now, counts);
    return { ...counts, written: fresh.map((p) => p.article.id), skipped, replaced, rows: options.keepRows ? rows : null };
  });
}

/** `threatgraph forget`: removes articles and every fact only they supported. Returns the ids that existed. */
export async function forgetArticles(graph: GraphExecutor, ids: string[]): Promise<{ forgotten: string[] } & WriteCounts> {
  return graph.writeTx(async (tx) => {
    const counts = zeroCounts();
    const forgotten = (await exec(tx, existingArticles(ids))).records.map((r) => r.id as string);
    await removeArticlesTx(tx, forgotten, Date.now(), counts);
    return { forgotten, ...counts };
  });
}
