// One Case per incident and one Actor per person in a bulk load, decided on its rows before they
// are written: the Cases' and Actors' profiles are read from the rows as caseProfiles and
// personProfiles (src/graph/resolve-queries.ts) read them from the graph, the same decisions
// pick the merges (incidentMerges, samePeopleMerges, resolve.ts), and the merges are made on the
// rows (src/graph/merge-rows.ts) with the records mergeEntities writes. While the articles come,
// the rows a merge may change (the Cases' and Actors' mentions, the evidence of their
// relationships) are held back (HeldRows); everything else is written to the CSV files at once.
import type { BulkMentionRow, BulkMergeRow, HeldEvidenceFile } from '../graph/bulk-csv.js';
import type { HeldEvidence, RowGraph } from '../graph/merge-rows.js';
import type { EvidenceRow, MentionRow } from '../graph/write.js';
import type { ArticlePlan } from './plan.js';
import { incidentMerges, sameIncidentMerges, samePeopleMerges, type CaseProfile, type PersonProfile } from './resolve.js';

/** The entities merged on the rows: Cases (same incident) and Actors (same person). */
export const isMergeable = (entity: { type: string }): boolean => entity.type === 'Case' || entity.type === 'Actor';

/** The rows of a bulk load that same-incident and same-person merges may change, held until they are decided. */
export class HeldRows {
  /** Case or Actor → its mentions. */
  readonly mentions = new Map<string, BulkMentionRow[]>();
  /** The evidence of every relationship with a Case or an Actor at an end (the rows themselves wait in `file`). */
  readonly evidence: HeldEvidence[] = [];
  /** Article → its date, for the articles that mention a Case or an Actor. */
  readonly published = new Map<string, string | null>();
  /** Article → the entities it mentions, for the articles that mention a Case (a Case's context). */
  readonly articleEntities = new Map<string, string[]>();

  constructor(readonly file: HeldEvidenceFile) {}

  /** Holds the article's rows a merge may change; returns the others, to be written now. */
  take(plan: ArticlePlan): { mentions: MentionRow[]; evidence: EvidenceRow[] } {
    const held = new Set(plan.entities.filter(isMergeable).map((e) => e.id));
    if (!held.size) return plan;
    const articleId = plan.article.id;
    this.published.set(articleId, plan.article.published);
    if (plan.entities.some((e) => e.type === 'Case')) {
      this.articleEntities.set(
        articleId,
        plan.entities.map((e) => e.id),
      );
    }
    const mentions: MentionRow[] = [];
    for (const m of plan.mentions) {
      if (!held.has(m.entityId)) {
        mentions.push(m);
        continue;
      }
      const list = this.mentions.get(m.entityId) ?? [];
      list.push({ ...m });
      this.mentions.set(m.entityId, list);
    }
    const evidence: EvidenceRow[] = [];
    for (const ev of plan.evidence) {
      if (!held.has(ev.sourceId) && !held.has(ev.targetId)) {
        evidence.push(ev);
        continue;
      }
      this.file.write(ev);
      const { id, relationId, sourceId, targetId, confidence, rule, claim } = ev;
      this.evidence.push({ id, relationId, sourceId, targetId, articleId, confidence, rule, claim });
    }
    return { mentions, evidence };
  }
}

const unique = <T>(xs: T[]): T[] => [...new Set(xs)];

/** caseProfiles as the loaded graph would answer it, from the rows. */
export function caseProfilesOfRows(rows: RowGraph, articleEntities: Map<string, string[]>): CaseProfile[] {
  const profiles: CaseProfile[] = [];
  for (const c of rows.entities.values()) {
    if (c.type !== 'Case') continue;
    const links = rows.relationshipsOf(c.id);
    const participants = new Map<string, { id: string; name: string }>();
    for (const { row } of links) {
      const other = rows.entities.get(row.sourceId === c.id ? row.targetId : row.sourceId);
      if (other && other.type !== 'Case') participants.set(other.id, { id: other.id, name: other.name });
    }
    const articles = unique((rows.mentions.get(c.id) ?? []).map((m) => m.articleId));
    const context = new Set<string>();
    for (const a of articles) {
      for (const id of articleEntities.get(a) ?? []) {
        const e = rows.entities.get(id);
        if (e && e.type !== 'Case' && e.type !== 'State') context.add(e.name);
      }
    }
    profiles.push({
      id: c.id,
      name: c.name,
      aliases: c.aliases,
      kind: c.kind,
      date: c.date ?? c.firstSeen,
      places: unique(links.filter((l) => l.type === 'OCCURRED_IN' && l.row.sourceId === c.id).map((l) => l.row.targetId)),
      participants: [...participants.values()],
      articles,
      context: [...context],
      checked: false,
    });
  }
  return profiles;
}

/**
 * mergeSameIncidents on the rows of a load into an empty store: every Case is compared (no
 * merge was ever undone there), the merges are made on the rows and their records returned,
 * and the Cases left are marked compared.
 */
export function mergeIncidentsOnRows(rows: RowGraph, articleEntities: Map<string, string[]>): BulkMergeRow[] {
  const profiles = caseProfilesOfRows(rows, articleEntities);
  const merges = sameIncidentMerges(incidentMerges(profiles, new Set(profiles.map((p) => p.id)), new Set()));
  const records = merges.map((m) => rows.merge(m.keepId, m.removeId, m));
  for (const p of profiles) {
    const left = rows.entities.get(p.id);
    if (left) left.incidentChecked = true;
  }
  return records;
}

/** personProfiles as the loaded graph would answer it, from the rows. */
export function personProfilesOfRows(rows: RowGraph): PersonProfile[] {
  const profiles: PersonProfile[] = [];
  for (const a of rows.entities.values()) {
    if (a.type !== 'Actor') continue;
    const links = rows.relationshipsOf(a.id);
    const groups = unique(
      links.filter((l) => l.type === 'MEMBER_OF' && l.row.sourceId === a.id && rows.entities.get(l.row.targetId)?.type === 'Group').map((l) => l.row.targetId),
    );
    const neighbours = new Map<string, { id: string; name: string }>();
    for (const { row } of links) {
      const other = rows.entities.get(row.sourceId === a.id ? row.targetId : row.sourceId);
      if (other) neighbours.set(other.id, { id: other.id, name: other.name });
    }
    profiles.push({
      id: a.id,
      name: a.name,
      nameKey: a.nameKey ?? '',
      role: a.role,
      groups,
      groupNames: unique(groups.map((g) => rows.entities.get(g)!.name)),
      neighbours: [...neighbours.values()],
      articles: unique((rows.mentions.get(a.id) ?? []).map((m) => m.articleId)),
    });
  }
  return profiles;
}

/**
 * mergeSamePeople on the rows of a load into an empty store, after the same-incident merges as
 * in a transactional run: the bare surnames the articles tie to one person are merged into it
 * on the rows, and the merge records returned.
 */
export function mergePeopleOnRows(rows: RowGraph): BulkMergeRow[] {
  return samePeopleMerges(personProfilesOfRows(rows), new Set()).map((m) => rows.merge(m.keepId, m.removeId, m));
}
