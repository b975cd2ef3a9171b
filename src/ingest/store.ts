// Writing batches of articles: one managed write transaction per batch (the driver retries it
// on transient errors such as deadlocks), holding whole articles only, so an article is in
// the graph entirely or not at all. Articles another process wrote first are skipped; an
// article whose URL is already in the graph under older text replaces that one. Every such
// transaction first takes the resolution lock (src/graph/write.ts takeResolutionLock), so
// several ingest processes write one batch at a time, each resolved against the graph as the
// batch before it left it.
import type { ManagedTransaction } from 'neo4j-driver';
import { runCounting, type GraphExecutor } from '../graph/executor.js';
import {
  articleAssociations,
  articleEntities,
  articleRelations,
  deleteArticles,
  deleteIngestMerges,
  entityNames,
  recomputeEntities,
  recomputeRelations,
  setEntityNames,
  subtractAssociations,
} from '../graph/forget.js';
import { nameKey } from '../graph/ids.js';
import {
  claimArticles,
  createFacts,
  existingArticles,
  mergeAssociations,
  mergeEntities,
  mergeRelations,
  recordMerges,
  takeResolutionLock,
  LOCKED_WRITE_TIMEOUT_MS,
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
  /** Merge records this write created (one a name already had is not counted again). */
  mergesCreated: number;
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
  /** The plans the batch was written from (a planner's, when one was given). */
  plans: ArticlePlan[];
  /** The resolution lock's version once this batch is committed. */
  version: number;
}

/**
 * Resolves a batch under the resolution lock: given the lock's version before this
 * transaction, the plans to write (resolved again when another process wrote since).
 */
export type BatchPlanner = (version: number) => Promise<ArticlePlan[]>;

/** Takes the resolution lock in this transaction; the version before it (src/graph/write.ts). */
async function lockResolution(tx: ManagedTransaction): Promise<number> {
  const [row] = (await runCounting(tx, takeResolutionLock())).records;
  return row!.version as number;
}

const zeroCounts = (): WriteCounts => ({
  entitiesCreated: 0,
  entitiesUpdated: 0,
  relationsCreated: 0,
  relationsUpdated: 0,
  nodesCreated: 0,
  relationshipsCreated: 0,
  relationsDeleted: 0,
  entitiesDeleted: 0,
  mergesCreated: 0,
});

/**
 * Counts `created` of the merged `rows` as new and the rest as updated, except that a row the
 * replaced article alone had (deleted by removeArticlesTx), written again by its new text, is
 * neither new nor deleted: it was updated.
 */
function countMerged(counts: WriteCounts, kind: 'entities' | 'relations', rows: Array<{ id: string }>, created: number, removed: Set<string>): void {
  const again = rows.filter((row) => removed.has(row.id)).length;
  counts[`${kind}Created`] += created - again;
  counts[`${kind}Updated`] += rows.length - created + again;
  counts[`${kind}Deleted`] -= again;
}

/** The batch's rows, in an order that lets each statement find what the one before made. */
async function writeRows(tx: ManagedTransaction, rows: BatchRows, now: number, counts: WriteCounts, removed: Removed): Promise<void> {
  const add = (r: { nodesCreated: number; relationshipsCreated: number }) => {
    counts.nodesCreated += r.nodesCreated;
    counts.relationshipsCreated += r.relationshipsCreated;
    return r;
  };
  if (rows.entities.length) {
    const r = add(await runCounting(tx, mergeEntities(rows.entities, now)));
    countMerged(counts, 'entities', rows.entities, r.nodesCreated, removed.entities);
  }
  add(
    await runCounting(
      tx,
      createFacts(
        rows.mentions,
        rows.evidence,
        rows.articles.map((a) => a.id),
      ),
    ),
  );
  if (rows.relations.length) {
    const r = add(await runCounting(tx, mergeRelations(rows.relations, now)));
    countMerged(counts, 'relations', rows.relations, r.relationshipsCreated, removed.relations);
  }
  if (rows.associations.length) add(await runCounting(tx, mergeAssociations(rows.associations, now)));
  if (rows.merges.length) counts.mergesCreated += add(await runCounting(tx, recordMerges(rows.merges, new Date(now).toISOString()))).nodesCreated;
}

/** What removing articles took away: relations and entities deleted, by id. */
interface Removed {
  relations: Set<string>;
  entities: Set<string>;
}

/** Removes articles inside a transaction and recomputes everything they touched. */
async function removeArticlesTx(tx: ManagedTransaction, ids: string[], now: number, counts: WriteCounts): Promise<Removed> {
  const removed: Removed = { relations: new Set(), entities: new Set() };
  if (!ids.length) return removed;
  const rels = (await runCounting(tx, articleRelations(ids))).records as Array<{ type: RelationType; id: string }>;
  const ents = (await runCounting(tx, articleEntities(ids))).records as Array<{ id: string; aliases: string[]; aliasKeys: string[] }>;
  const assoc = (await runCounting(tx, articleAssociations(ids))).records as Array<{ id: string; weight: number }>;
  await runCounting(tx, deleteArticles(ids));
  if (assoc.length)
    await runCounting(
      tx,
      subtractAssociations(
        assoc.filter((a) => a.id),
        now,
      ),
    );
  for (const type of RELATION_TYPES) {
    const of = rels.filter((r) => r.type === type).map((r) => r.id);
    if (!of.length) continue;
    const r = await runCounting(tx, recomputeRelations(type, of, now));
    for (const id of (r.records[0]?.deleted as string[] | undefined) ?? []) removed.relations.add(id);
  }
  if (ents.length) {
    const r = await runCounting(tx, recomputeEntities(ents.map((e) => e.id)));
    for (const id of (r.records[0]?.deleted as string[] | undefined) ?? []) removed.entities.add(id);
    await takeBackNames(
      tx,
      ents.filter((e) => !removed.entities.has(e.id)),
      [...removed.entities],
    );
  }
  counts.relationsDeleted += removed.relations.size;
  counts.entitiesDeleted += removed.entities.size;
  return removed;
}

/**
 * The names removed articles alone gave their entities go with them ("America" from State:USA),
 * and so do the merge records ingest made for those names, which would go on steering them.
 * An analyst's aliases and merges stay.
 */
async function takeBackNames(
  tx: ManagedTransaction,
  given: Array<{ id: string; aliases: string[]; aliasKeys: string[] }>,
  goneEntities: string[],
): Promise<void> {
  const byId = new Map(given.map((g) => [g.id, g]));
  const rows = given.length
    ? ((await runCounting(tx, entityNames(given.map((g) => g.id)))).records as Array<{
        id: string;
        name: string;
        aliases: string[];
        aliasKeys: string[];
        curated: string[];
        keptAliases: string[];
        keptKeys: string[];
        merges: Array<{ id: string; removedId: string }>;
      }>)
    : [];
  const updates: Array<{ id: string; aliases: string[]; aliasKeys: string[] }> = [];
  const staleMerges: string[] = [];
  for (const row of rows) {
    const removed = byId.get(row.id)!;
    const keep = new Set([...row.keptAliases, ...row.curated]);
    const aliases = row.aliases.filter((a) => keep.has(a) || !removed.aliases.includes(a));
    const keys = new Set([...row.keptKeys, nameKey(row.name), ...aliases.map(nameKey)]);
    const aliasKeys = row.aliasKeys.filter((k) => keys.has(k) || !removed.aliasKeys.includes(k));
    if (aliases.length !== row.aliases.length || aliasKeys.length !== row.aliasKeys.length) updates.push({ id: row.id, aliases, aliasKeys });
    const known = new Set(aliasKeys);
    for (const m of row.merges) if (!known.has(m.removedId.slice(m.removedId.indexOf(':') + 1))) staleMerges.push(m.id);
  }
  if (updates.length) await runCounting(tx, setEntityNames(updates));
  if (staleMerges.length || goneEntities.length) await runCounting(tx, deleteIngestMerges(staleMerges, goneEntities));
}

export async function writeBatch(graph: GraphExecutor, plans: ArticlePlan[] | BatchPlanner, options: { keepRows?: boolean } = {}): Promise<BatchResult> {
  return graph.writeTx(
    async (tx) => {
      // Managed transactions may run this function again: start from nothing each time.
      const counts = zeroCounts();
      const version = await lockResolution(tx);
      const planned = typeof plans === 'function' ? await plans(version) : plans;
      // after the lock: ingestedAt orders the batches of every process as they were written
      const now = Date.now();
      const ingestedAt = new Date(now).toISOString();
      const claimed = await runCounting(
        tx,
        claimArticles(
          planned.map((p) => p.article),
          ingestedAt,
        ),
      );
      const created = new Set(claimed.records.map((r) => r.id as string));
      const replaced = new Map<string, string>();
      for (const r of claimed.records) for (const old of r.replaces as string[]) replaced.set(old, r.id as string);
      counts.nodesCreated += created.size;
      const fresh = planned.filter((p) => created.has(p.article.id));
      const skipped = planned.filter((p) => !created.has(p.article.id)).map((p) => p.article.id);
      const done = { plans: planned, version: version + 1 };
      if (!fresh.length) return { ...counts, written: [], skipped, replaced, rows: null, ...done };
      const removed = await removeArticlesTx(tx, [...replaced.keys()], now, counts);
      const rows = batchRows(fresh);
      await writeRows(tx, rows, now, counts, removed);
      return { ...counts, written: fresh.map((p) => p.article.id), skipped, replaced, rows: options.keepRows ? rows : null, ...done };
    },
    { timeoutMs: LOCKED_WRITE_TIMEOUT_MS },
  );
}

/**
 * Re-extracted articles: each is removed with everything only it supported and written again
 * from its new extraction, in one transaction, as a replacement is. Analysts' merges, aliases
 * and judged relationships stay (removal keeps them; resolution follows the merges).
 */
export async function rewriteBatch(graph: GraphExecutor, plans: ArticlePlan[]): Promise<WriteCounts & { written: string[] }> {
  return graph.writeTx(async (tx) => {
    const counts = zeroCounts();
    await lockResolution(tx);
    const now = Date.now();
    const ids = plans.map((p) => p.article.id);
    const present = new Set((await runCounting(tx, existingArticles(ids))).records.map((r) => r.id as string));
    const fresh = plans.filter((p) => present.has(p.article.id)); // one forgotten meanwhile stays forgotten
    if (!fresh.length) return { ...counts, written: [] };
    const removed = await removeArticlesTx(
      tx,
      fresh.map((p) => p.article.id),
      now,
      counts,
    );
    await runCounting(
      tx,
      claimArticles(
        fresh.map((p) => p.article),
        new Date(now).toISOString(),
      ),
    );
    await writeRows(tx, batchRows(fresh), now, counts, removed);
    return { ...counts, written: fresh.map((p) => p.article.id) };
  });
}

/** `threatgraph forget`: removes articles and every fact only they supported. Returns the ids that existed. */
export async function forgetArticles(graph: GraphExecutor, ids: string[]): Promise<{ forgotten: string[] } & WriteCounts> {
  return graph.writeTx(async (tx) => {
    const counts = zeroCounts();
    await lockResolution(tx);
    const forgotten = (await runCounting(tx, existingArticles(ids))).records.map((r) => r.id as string);
    await removeArticlesTx(tx, forgotten, Date.now(), counts);
    return { forgotten, ...counts };
  });
}
