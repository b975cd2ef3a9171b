// Merges made on rows before they are written: the bulk path (src/ingest/bulk.ts) decides its
// same-incident merges on the rows of the whole load and writes the merged graph, with the merge
// records mergeEntities writes, into neo4j-admin's CSV files, so no merge transaction runs after
// the import. Each step is the one mergeInTx takes (src/graph/curate.ts, which shares the
// decisions: planRelationMoves, mergedNames, mergeRecordProps) and the Cypher it runs does
// (queries/curate.ts deleteEntity, moveRelations with refreshAggregates, moveMentions,
// updateKept), so the graph is the one the transactional path leaves. No I/O.
import { ThreatGraphError } from '../errors.js';
import { ASSOCIATED_WITH, type GraphRelationType } from '../ontology.js';
import { associationProperties, entityProperties, relationProperties, type BulkEntityRow, type BulkMentionRow, type BulkMergeRow } from './bulk-csv.js';
import { mergedNames, mergeRecordProps, planRelationMoves, type MergeOptions, type MergeSnapshot, type RelationOfRemoved } from './curate.js';
import type { MovedRelation } from './queries/curate.js';
import type { EntityRecord } from './read.js';
import type { AssociationRow, EvidenceRow, RelationRow } from './write.js';

/** What a relationship's aggregates are computed from (refreshAggregates), and where its evidence ends up. */
export type HeldEvidence = Pick<EvidenceRow, 'id' | 'relationId' | 'sourceId' | 'targetId' | 'articleId' | 'confidence' | 'rule' | 'claim'>;

/** What refreshAggregates ranks claims by: the strongest one present wins, else the relationship keeps its own. */
const CLAIMS = ['asserted', 'alleged', 'suspected'];

const bulkError = (message: string) => new ThreatGraphError('ingest', `[bulk] ${message}`);

/**
 * The rows of a load with the entities that may be merged (`mergeable`): every entity,
 * relationship and association, and, for the mergeable entities only, their mentions, the
 * evidence of their relationships and the dates of their articles. Merges change these in place.
 */
export class RowGraph {
  /** Mergeable entity → the ids of its relationships, typed and ASSOCIATED_WITH. */
  private readonly links = new Map<string, Set<string>>();
  private readonly evidenceOf = new Map<string, HeldEvidence[]>();
  /** Evidence by its id, with the relationship and ends it ends up with. */
  readonly evidence = new Map<string, HeldEvidence>();

  constructor(
    readonly entities: Map<string, BulkEntityRow>,
    readonly relations: Map<string, RelationRow>,
    readonly associations: Map<string, AssociationRow>,
    /** Mergeable entity → its mentions. */
    readonly mentions: Map<string, BulkMentionRow[]>,
    evidence: Iterable<HeldEvidence>,
    /** Article → its date, for every article a mergeable entity is mentioned in. */
    private readonly published: Map<string, string | null>,
    private readonly mergeable: (entity: BulkEntityRow) => boolean,
    /** The load's time: createdAt and updatedAt of the rows. */
    private readonly now: number,
  ) {
    for (const r of relations.values()) this.link(r);
    for (const a of associations.values()) this.link(a);
    for (const ev of evidence) {
      this.evidence.set(ev.id, ev);
      this.evidenceList(ev.relationId).push(ev);
    }
  }

  /** The relationships of a mergeable entity, with their type and the other end. */
  relationshipsOf(id: string): Array<{ type: GraphRelationType; row: RelationRow | AssociationRow }> {
    return [...(this.links.get(id) ?? [])].map((rid) => {
      const typed = this.relations.get(rid);
      return typed ? { type: typed.type, row: typed } : { type: ASSOCIATED_WITH, row: this.associations.get(rid)! };
    });
  }

  /**
   * Merges `removeId` into `keepId` as mergeEntities would in a transaction, and returns the
   * merge record it would write.
   */
  merge(keepId: string, removeId: string, options: MergeOptions): BulkMergeRow {
    const keep = this.entities.get(keepId);
    const removed = this.entities.get(removeId);
    if (!keep || !removed) throw bulkError(`merge of ${removeId} into ${keepId}: no entity has id "${(keep ? removeId : keepId).slice(0, 80)}"`);
    if (keepId === removeId) throw bulkError(`keep and remove are the same entity: ${keepId.slice(0, 80)}`);
    if (keep.type !== removed.type) throw bulkError(`cannot merge a ${removed.type} into a ${keep.type}: entities of different types stay apart`);
    if (!this.mergeable(keep) || !this.mergeable(removed)) throw bulkError(`merge of ${removeId} into ${keepId}: their mentions and evidence were not held`);

    const ofRemoved = this.relationshipsOf(removeId);
    const inputs: RelationOfRemoved[] = ofRemoved.map(({ type, row }) => ({
      type,
      id: row.id,
      props: type === ASSOCIATED_WITH ? associationProperties(row as AssociationRow, this.now) : relationProperties(row as RelationRow, this.now),
      sourceId: row.sourceId,
      targetId: row.targetId,
      evidenceIds: type === ASSOCIATED_WITH ? [] : (this.evidenceOf.get(row.id) ?? []).map((ev) => ev.id),
    }));
    const { relations, moves } = planRelationMoves(inputs, keepId, removeId, new Set(this.links.get(keepId)));
    const { addedAliases, addedAliasKeys, kept } = mergedNames(keep, removed, removeId);
    const removedMentions = this.mentions.get(removeId) ?? [];
    const snapshot: MergeSnapshot = {
      version: 'api-1',
      entity: entityProperties(removed, this.now) as EntityRecord,
      relations,
      mentions: removedMentions.map((m) => ({ articleId: m.articleId, count: m.count })),
      addedAliases,
      addedAliasKeys,
    };

    // deleteEntity: the removed entity and its relationships (their evidence stays, as in the store)
    const rowsOfRemoved = new Map(ofRemoved.map(({ row }) => [row.id, row]));
    for (const { row } of ofRemoved) this.unlink(row);
    this.entities.delete(removeId);
    this.mentions.delete(removeId);
    for (const [type, rows] of moves) for (const row of rows) this.move(type, row, rowsOfRemoved.get(row.oldId)!);
    this.moveMentions(keepId, removedMentions);
    Object.assign(keep, kept);
    this.refreshCounts(keep);
    return mergeRecordProps(keepId, removeId, removed.name, snapshot, options, this.now);
  }

  private evidenceList(relationId: string): HeldEvidence[] {
    let list = this.evidenceOf.get(relationId);
    if (!list) this.evidenceOf.set(relationId, (list = []));
    return list;
  }

  private link(r: { id: string; sourceId: string; targetId: string }): void {
    for (const end of [r.sourceId, r.targetId]) {
      const e = this.entities.get(end);
      if (!e || !this.mergeable(e)) continue;
      let set = this.links.get(end);
      if (!set) this.links.set(end, (set = new Set()));
      set.add(r.id);
    }
  }

  private unlink(r: { id: string; sourceId: string; targetId: string }): void {
    this.relations.delete(r.id);
    this.associations.delete(r.id);
    for (const end of [r.sourceId, r.targetId]) this.links.get(end)?.delete(r.id);
  }

  /** moveRelations: the relationship recreated on the kept entity, or added to the one it has there. */
  private move(type: GraphRelationType, moved: MovedRelation, old: RelationRow | AssociationRow): void {
    if (type === ASSOCIATED_WITH) {
      const existing = this.associations.get(moved.newId);
      if (existing) existing.weight += (old as AssociationRow).weight;
      else this.addRelationship(this.associations, { ...(old as AssociationRow), id: moved.newId, sourceId: moved.sourceId, targetId: moved.targetId });
      return;
    }
    const r =
      this.relations.get(moved.newId) ??
      this.addRelationship(this.relations, { ...(old as RelationRow), id: moved.newId, sourceId: moved.sourceId, targetId: moved.targetId });
    const evidence = this.evidenceOf.get(moved.oldId) ?? [];
    this.evidenceOf.delete(moved.oldId);
    for (const ev of evidence) Object.assign(ev, { relationId: moved.newId, sourceId: moved.sourceId, targetId: moved.targetId });
    this.evidenceList(moved.newId).push(...evidence);
    this.refreshAggregates(r);
  }

  private addRelationship<R extends { id: string; sourceId: string; targetId: string }>(rows: Map<string, R>, row: R): R {
    rows.set(row.id, row);
    this.link(row);
    return row;
  }

  /** refreshAggregates: count, noisy-or confidence, rules in their order then new ones, strongest claim, dates, from the evidence. */
  private refreshAggregates(r: RelationRow): void {
    const evidence = this.evidenceOf.get(r.id) ?? [];
    r.evidenceCount = evidence.length;
    r.notConfidence = evidence.reduce((p, ev) => p * (1 - ev.confidence), 1);
    const rules = [...new Set(evidence.map((ev) => ev.rule))];
    r.rules = [...r.rules.filter((x) => rules.includes(x)), ...rules.filter((x) => !r.rules.includes(x))];
    r.claim = CLAIMS.find((c) => evidence.some((ev) => ev.claim === c)) ?? r.claim;
    if (evidence.length) [r.firstSeen, r.lastSeen] = this.dates(evidence.map((ev) => ev.articleId));
  }

  /** moveMentions: each mention added to the kept entity's in that article, or a new one with the count alone. */
  private moveMentions(keepId: string, moved: BulkMentionRow[]): void {
    let mentions = this.mentions.get(keepId);
    if (!mentions) this.mentions.set(keepId, (mentions = []));
    const byArticle = new Map(mentions.map((m) => [m.articleId, m]));
    for (const m of moved) {
      const existing = byArticle.get(m.articleId);
      if (existing) existing.count += m.count;
      else mentions.push({ entityId: keepId, articleId: m.articleId, count: m.count, aliases: [], aliasKeys: [], bulkListsUnset: true });
    }
  }

  /** updateKept: counts and dates from the kept entity's mentions. */
  private refreshCounts(e: BulkEntityRow): void {
    const mentions = this.mentions.get(e.id) ?? [];
    e.articleCount = mentions.length;
    e.mentionCount = mentions.reduce((s, m) => s + m.count, 0);
    [e.firstSeen, e.lastSeen] = this.dates(mentions.map((m) => m.articleId));
  }

  /** The earliest and latest date of these articles (min and max of their `published`, undated ones aside). */
  private dates(articleIds: string[]): [string | null, string | null] {
    let first: string | null = null;
    let last: string | null = null;
    for (const id of articleIds) {
      const d = this.published.get(id) ?? null;
      if (d === null) continue;
      if (first === null || d < first) first = d;
      if (last === null || d > last) last = d;
    }
    return [first, last];
  }
}
