// Curation: an analyst's aliases, decisions on relations, own relations, and merges that can be
// undone. Each operation is one write transaction. What analysts set lives where ingest keeps
// it: status and note on the relationship (ingest never overwrites them), aliases unioned with
// their keys (aliasKeys, which resolution matches), MergeRecords that ingest follows as redirects.
// Aliases, merges and splits change what resolution reads, so they take the resolution lock first
// (src/graph/write.ts takeResolutionLock): an ingest process writing meanwhile resolves again.
import { ThreatGraphError } from '../errors.js';
import {
  GRAPH_RELATION_TYPES,
  ASSOCIATED_WITH,
  isEntityType,
  relationEndsAllowed,
  type EntityType,
  type GraphRelationType,
  type RelationType,
} from '../ontology.js';
import type { ManagedTransaction } from 'neo4j-driver';
import { run, type GraphExecutor } from './executor.js';
import { evidenceId, mergeRecordId, nameKey, relationId } from './ids.js';
import { badInput, notFound } from './queries/common.js';
import { LOCKED_WRITE_TIMEOUT_MS, takeResolutionLock } from './write.js';
import * as q from './queries/curate.js';
import type { EntityRecord, RelationRecord } from './read.js';

function conflict(message: string): ThreatGraphError {
  return new ThreatGraphError('api', message, { code: 'CONFLICT' });
}

export async function addAlias(graph: GraphExecutor, id: string, alias: string): Promise<EntityRecord> {
  const clean = alias.replace(/\s+/g, ' ').trim();
  if (!clean || clean.length > 200) throw badInput('alias must be 1 to 200 characters');
  const key = nameKey(clean);
  if (!key) throw badInput(`alias "${clean.slice(0, 40)}" has no letters or digits`);
  return graph.writeTx(async (tx) => {
    // an alias key is what resolution joins names by: an ingest batch resolved before it must resolve again
    await run(tx, takeResolutionLock());
    const [row] = await run<{ entity: EntityRecord }>(tx, q.addAlias(id, clean, key));
    if (!row) throw notFound(`entity: no entity has id "${id.slice(0, 80)}"`);
    return row.entity;
  });
}

export async function setRelationStatus(
  graph: GraphExecutor,
  id: string,
  status: 'auto' | 'CONFIRMED' | 'REJECTED',
  note: string | null,
  by: string,
): Promise<RelationRecord> {
  if (note !== null && note.length > 2000) throw badInput('note must be at most 2000 characters');
  const [row] = await graph.write<{ relation: RelationRecord }>(q.setRelationStatus(id, status, note, by, Date.now()));
  if (!row) throw notFound(`id: no relation has id "${id.slice(0, 80)}"`);
  return row.relation;
}

export interface AddRelationInput {
  source: string;
  type: RelationType;
  target: string;
  note: string;
  claim?: string | null;
  confidence?: number | null;
}

export async function addRelation(graph: GraphExecutor, input: AddRelationInput, by: string): Promise<RelationRecord> {
  const note = input.note?.trim() ?? '';
  if (!note || note.length > 2000) throw badInput('note must be 1 to 2000 characters: say why the link holds');
  const confidence = input.confidence ?? 1;
  if (!(confidence > 0 && confidence <= 1)) throw badInput(`confidence must be in (0, 1], got ${confidence}`);
  if (input.source === input.target) throw badInput('source and target are the same entity');
  return graph.writeTx(async (tx) => {
    const ends = await run<{ id: string; type: EntityType }>(tx, q.entityTypes([input.source, input.target]));
    const sourceType = ends.find((e) => e.id === input.source)?.type;
    const targetType = ends.find((e) => e.id === input.target)?.type;
    if (!sourceType) throw notFound(`input.source: no entity has id "${input.source.slice(0, 80)}"`);
    if (!targetType) throw notFound(`input.target: no entity has id "${input.target.slice(0, 80)}"`);
    if (!relationEndsAllowed(input.type, sourceType, targetType)) {
      throw badInput(`input.type: ${input.type} does not go from a ${sourceType} to a ${targetType} (ONTOLOGY.md)`);
    }
    const id = relationId(input.type, input.source, input.target);
    const row: q.AnalystRelationRow = {
      id,
      evidenceId: evidenceId(id, `analyst:${by}`, 0, 'analyst'),
      sourceId: input.source,
      targetId: input.target,
      note,
      claim: input.claim ?? 'asserted',
      confidence,
      by,
    };
    const [created] = await run<{ relation: RelationRecord }>(tx, q.addRelation(input.type, row, Date.now()));
    if (!created) throw new ThreatGraphError('graph', `could not write relation ${id}`);
    return created.relation;
  });
}

/** A relationship a merge moved: what `restoreRelations` needs, and its type. */
export interface SnapshotRelation extends q.RestoredRelation {
  type: GraphRelationType;
}

/** What a merge removed and changed, as kept on its MergeRecord so a split can restore it. */
export interface MergeSnapshot {
  version: 'api-1';
  entity: EntityRecord;
  relations: SnapshotRelation[];
  mentions: { articleId: string; count: number }[];
  addedAliases: string[];
  addedAliasKeys: string[];
}

export interface MergeRecordView {
  id: string;
  keepId: string;
  removedId: string;
  removedName: string;
  reason: string | null;
  score: number | null;
  by: string;
  at: string;
  undone: boolean;
}

function recordView(record: Record<string, unknown>, snapshot?: string | null): MergeRecordView {
  let removedName = typeof record.removedName === 'string' ? record.removedName : '';
  if (!removedName && typeof snapshot === 'string') {
    try {
      const parsed = JSON.parse(snapshot) as { name?: string; entity?: { name?: string } };
      removedName = parsed.entity?.name ?? parsed.name ?? '';
    } catch {
      /* an unreadable snapshot leaves the name empty */
    }
  }
  return {
    id: String(record.id),
    keepId: String(record.keepId),
    removedId: String(record.removedId),
    removedName: removedName || String(record.removedId),
    reason: typeof record.reason === 'string' ? record.reason : null,
    score: typeof record.score === 'number' ? record.score : null,
    by: typeof record.by === 'string' ? record.by : 'auto',
    at: typeof record.at === 'string' ? record.at : '',
    undone: record.undone === true || record.undoneAt != null,
  };
}

function without<T>(list: T[] | undefined, drop: T[]): T[] {
  return (list ?? []).filter((x) => !drop.includes(x));
}

/** Where a relationship of the removed entity goes once its end is the kept entity. */
function movedEnds(type: GraphRelationType, sourceId: string, targetId: string, removeId: string, keepId: string): [string, string] {
  const s = sourceId === removeId ? keepId : sourceId;
  const t = targetId === removeId ? keepId : targetId;
  // ASSOCIATED_WITH is stored once per pair, from the smaller id.
  return type === ASSOCIATED_WITH && s > t ? [t, s] : [s, t];
}

export interface MergeOptions {
  by: string;
  reason?: string | null;
  score?: number | null;
}

/** A relationship between the removed entity and another, as a merge reads it. */
export interface RelationOfRemoved {
  type: string;
  id: string;
  props: Record<string, unknown>;
  sourceId: string;
  targetId: string;
  evidenceIds: string[];
}

/**
 * Where a merge puts each relationship of the removed entity (the one that joined it to the kept
 * entity goes nowhere), per type, and what the snapshot keeps of each for a split. Pure: the
 * transaction (mergeInTx) and the bulk path's rows (src/graph/merge-rows.ts) both follow it.
 */
export function planRelationMoves(
  relationsOfRemoved: RelationOfRemoved[],
  keepId: string,
  removeId: string,
  keepRelationIds: Set<string>,
): { relations: SnapshotRelation[]; moves: Map<GraphRelationType, q.MovedRelation[]> } {
  const relations: SnapshotRelation[] = [];
  const moves = new Map<GraphRelationType, q.MovedRelation[]>();
  for (const rel of relationsOfRemoved) {
    const type = GRAPH_RELATION_TYPES.find((t) => t === rel.type);
    if (!type) continue; // only ontology types are moved (MENTIONED_IN is handled apart)
    const selfLoop = (rel.sourceId === removeId && rel.targetId === keepId) || (rel.sourceId === keepId && rel.targetId === removeId);
    let newId: string | null = null;
    if (!selfLoop) {
      const [s, t] = movedEnds(type, rel.sourceId, rel.targetId, removeId, keepId);
      newId = relationId(type, s, t);
      const list = moves.get(type) ?? [];
      list.push({ type, oldId: rel.id, newId, sourceId: s, targetId: t, props: rel.props, evidenceIds: rel.evidenceIds });
      moves.set(type, list);
    }
    relations.push({
      type,
      oldId: rel.id,
      newId,
      sourceId: rel.sourceId,
      targetId: rel.targetId,
      props: rel.props,
      evidenceIds: rel.evidenceIds,
      createdNew: newId !== null && !keepRelationIds.has(newId),
    });
  }
  return { relations, moves };
}

type Names = Pick<EntityRecord, 'name' | 'aliases' | 'mergedAliases' | 'mergedAliasSources'> & { aliasKeys?: unknown };

/** The kept entity's names after a merge: the removed entity's name and aliases it lacked, recorded as merged from it. */
export function mergedNames(
  keep: Names,
  removed: Names,
  removeId: string,
): {
  addedAliases: string[];
  addedAliasKeys: string[];
  kept: { aliases: string[]; aliasKeys: string[]; mergedAliases: string[]; mergedAliasSources: string[] };
} {
  const known = new Set([keep.name, ...(keep.aliases ?? [])]);
  const addedAliases = [...new Set([removed.name, ...(removed.aliases ?? [])])].filter((a) => !known.has(a));
  const knownKeys = new Set((keep.aliasKeys as string[] | undefined) ?? []);
  const addedAliasKeys = [...new Set([nameKey(removed.name), ...((removed.aliasKeys as string[] | undefined) ?? [])])].filter((k) => k && !knownKeys.has(k));
  return {
    addedAliases,
    addedAliasKeys,
    kept: {
      aliases: [...(keep.aliases ?? []), ...addedAliases],
      aliasKeys: [...knownKeys, ...addedAliasKeys],
      mergedAliases: [...(keep.mergedAliases ?? []), ...addedAliases],
      mergedAliasSources: [...(keep.mergedAliasSources ?? []), ...addedAliases.map(() => removeId)],
    },
  };
}

/** A merge's MergeRecord, as written by mergeInTx and by the bulk path. */
export function mergeRecordProps(
  keepId: string,
  removeId: string,
  removedName: string,
  snapshot: MergeSnapshot,
  options: MergeOptions,
  now: number,
): {
  id: string;
  keepId: string;
  removedId: string;
  removedName: string;
  removedSnapshot: string;
  reason: string | null;
  score: number | null;
  by: string;
  at: string;
  undone: boolean;
} {
  return {
    id: mergeRecordId(keepId, removeId),
    keepId,
    removedId: removeId,
    removedName,
    removedSnapshot: JSON.stringify(snapshot),
    reason: options.reason ?? null,
    score: options.score ?? null,
    by: options.by,
    at: new Date(now).toISOString(),
    undone: false,
  };
}

export async function mergeEntities(
  graph: GraphExecutor,
  keepId: string,
  removeId: string,
  options: MergeOptions,
): Promise<{ entity: EntityRecord; record: MergeRecordView }> {
  if (keepId === removeId) throw badInput('keep and remove are the same entity');
  return graph.writeTx(async (tx) => {
    await run(tx, takeResolutionLock());
    return mergeInTx(tx, keepId, removeId, options);
  });
}

/**
 * Automatic merges per transaction. Measured on Cases of a 300-article graph (load average 11):
 * 0.56 s a merge batched against 0.67 s one transaction each; the rest is the statements' own time.
 */
export const MERGES_PER_TRANSACTION = 50;

/**
 * Many merges (ingest's automatic ones), MERGES_PER_TRANSACTION to a transaction, in order: each
 * sees the ones before it, is recorded and undoable as one mergeEntities. A pair whose entity is
 * gone (another ingest process merged it first) is skipped; any other error stops the run, and the
 * transaction it happened in leaves nothing.
 */
export async function mergeEntitiesInBatches(
  graph: GraphExecutor,
  merges: Array<{ keepId: string; removeId: string } & MergeOptions>,
): Promise<MergeRecordView[]> {
  const records: MergeRecordView[] = [];
  for (let i = 0; i < merges.length; i += MERGES_PER_TRANSACTION) {
    const chunk = merges.slice(i, i + MERGES_PER_TRANSACTION);
    records.push(
      ...(await graph.writeTx(
        async (tx) => {
          await run(tx, takeResolutionLock());
          const written: MergeRecordView[] = [];
          for (const m of chunk) {
            if (m.keepId === m.removeId) throw badInput(`keep and remove are the same entity: ${m.keepId.slice(0, 80)}`);
            try {
              written.push((await mergeInTx(tx, m.keepId, m.removeId, m)).record);
            } catch (error) {
              // thrown before this merge wrote anything, so the transaction goes on
              if (!(error instanceof ThreatGraphError && error.code === 'NOT_FOUND')) throw error;
            }
          }
          return written;
        },
        { timeoutMs: LOCKED_WRITE_TIMEOUT_MS },
      )),
    );
  }
  return records;
}

async function mergeInTx(
  tx: ManagedTransaction,
  keepId: string,
  removeId: string,
  options: MergeOptions,
): Promise<{ entity: EntityRecord; record: MergeRecordView }> {
  const [inputs] = await run<{
    keep: EntityRecord;
    removed: EntityRecord;
    relations: RelationOfRemoved[];
    mentions: { articleId: string; count: number }[];
    keepRelationIds: string[];
  }>(tx, q.mergeInputs(keepId, removeId));
  if (!inputs) {
    const found = await run<{ id: string }>(tx, q.entityTypes([keepId, removeId]));
    const missing = found.some((f) => f.id === keepId) ? ['remove', removeId] : ['keep', keepId];
    throw notFound(`${missing[0]}: no entity has id "${String(missing[1]).slice(0, 80)}"`);
  }
  const { keep, removed } = inputs;
  if (keep.type !== removed.type) throw badInput(`cannot merge a ${removed.type} into a ${keep.type}: entities of different types stay apart`);
  const now = Date.now();
  const { relations, moves } = planRelationMoves(inputs.relations, keepId, removeId, new Set(inputs.keepRelationIds));
  const { addedAliases, addedAliasKeys, kept } = mergedNames(keep, removed, removeId);
  const snapshot: MergeSnapshot = { version: 'api-1', entity: removed, relations, mentions: inputs.mentions, addedAliases, addedAliasKeys };

  // The removed entity goes first so the kept one is never joined to it by a moved relationship.
  await run(tx, q.deleteEntity(removeId));
  for (const [type, rows] of moves) await run(tx, q.moveRelations(type, rows, now));
  await run(tx, q.moveMentions(keepId, inputs.mentions, 1));
  const [updated] = await run<{ entity: EntityRecord }>(tx, q.updateKept(keepId, kept));
  const record = mergeRecordProps(keepId, removeId, removed.name, snapshot, options, now);
  const [written] = await run<{ record: Record<string, unknown> }>(tx, q.writeMergeRecord(record));
  if (!updated || !written) throw new ThreatGraphError('graph', `merge of ${removeId} into ${keepId} wrote nothing`);
  return { entity: updated.entity, record: recordView(written.record) };
}

export async function splitEntity(graph: GraphExecutor, mergeId: string, by: string): Promise<{ kept: EntityRecord; restored: EntityRecord }> {
  return graph.writeTx(async (tx) => {
    await run(tx, takeResolutionLock());
    const [row] = await run<{ record: Record<string, unknown>; keepExists: boolean; removedExists: boolean }>(tx, q.mergeRecord(mergeId));
    if (!row) throw notFound(`mergeId: no merge has id "${mergeId.slice(0, 80)}"`);
    const view = recordView(row.record);
    if (view.undone) throw conflict(`merge ${mergeId} was already undone`);
    let snapshot: MergeSnapshot;
    try {
      snapshot = JSON.parse(String(row.record.removedSnapshot)) as MergeSnapshot;
    } catch {
      throw conflict(`merge ${mergeId} keeps no readable snapshot`);
    }
    if (snapshot.version !== 'api-1') {
      throw conflict(
        `merge ${mergeId} was made by ingest (${view.reason ?? 'resolution'}): its names were never separate entities; add the name as its own entity instead`,
      );
    }
    if (!row.keepExists) throw conflict(`the kept entity ${view.keepId} no longer exists (merged again?): split that merge first`);
    if (row.removedExists) throw conflict(`an entity with id ${view.removedId} exists again: merge or remove it first`);
    const type = snapshot.entity.type;
    if (!isEntityType(type)) throw conflict(`merge ${mergeId}: snapshot has unknown type ${String(type)}`);
    const now = Date.now();

    await run(tx, q.restoreEntity(type, snapshot.entity));
    const byType = new Map<GraphRelationType, q.RestoredRelation[]>();
    for (const rel of snapshot.relations) {
      const list = byType.get(rel.type) ?? [];
      list.push(rel);
      byType.set(rel.type, list);
    }
    for (const [relType, rows] of byType) await run(tx, q.restoreRelations(relType, rows, now));
    await run(tx, q.moveMentions(view.keepId, snapshot.mentions, -1));
    await run(tx, q.moveMentions(view.removedId, snapshot.mentions, 1));

    const [keepRow] = await run<{ entity: EntityRecord }>(tx, q.updateKept(view.keepId, {}));
    if (!keepRow) throw conflict(`the kept entity ${view.keepId} no longer exists`);
    const keep = keepRow.entity;
    const merged = keep.mergedAliases ?? [];
    const sources = keep.mergedAliasSources ?? [];
    const keepPairs = merged.map((a, i) => [a, sources[i] ?? ''] as const).filter(([, src]) => src !== view.removedId);
    const analyst = keep.analystAliases ?? [];
    const [kept] = await run<{ entity: EntityRecord }>(
      tx,
      q.updateKept(view.keepId, {
        // An alias an analyst added to the kept entity since stays with it.
        aliases: (keep.aliases ?? []).filter((a) => !snapshot.addedAliases.includes(a) || analyst.includes(a)),
        aliasKeys: without(keep.aliasKeys as string[] | undefined, snapshot.addedAliasKeys),
        // None left: no property at all, as before the merge (null removes it).
        mergedAliases: keepPairs.length > 0 ? keepPairs.map(([a]) => a) : null,
        mergedAliasSources: keepPairs.length > 0 ? keepPairs.map(([, src]) => src) : null,
      }),
    );
    const [restored] = await run<{ entity: EntityRecord }>(tx, q.updateKept(view.removedId, {}));
    await run(tx, q.writeMergeRecord({ ...row.record, undone: true, undoneAt: new Date(now).toISOString(), undoneBy: by }));
    if (!kept || !restored) throw new ThreatGraphError('graph', `split of ${mergeId} wrote nothing`);
    return { kept: kept.entity, restored: restored.entity };
  });
}

export async function mergeRecords(graph: GraphExecutor, entity: string | null, first: number): Promise<MergeRecordView[]> {
  const rows = await graph.read<{ record: Record<string, unknown>; snapshot: string | null }>(q.mergeRecords(entity, first));
  return rows.map((r) => recordView(r.record, r.snapshot));
}

export async function mergeSuggestions(
  graph: GraphExecutor,
  types: EntityType[] | null,
  minScore: number,
  first: number,
): Promise<{ keep: EntityRecord; remove: EntityRecord; score: number; reasons: string[] }[]> {
  return graph.read(q.mergeSuggestions(types, minScore, first));
}
