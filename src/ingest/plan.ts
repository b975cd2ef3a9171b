// From one resolved article to the rows the graph layer writes, and from many articles'
// rows to one batch (entities, relationships and associations aggregated per id, sorted by
// id so that concurrent writers take locks in one order).
import { gunzipSync, gzipSync } from 'node:zlib';
import type { ArticleInput, ExtractedRelation, Extraction } from '../extract/types.js';
import { evidenceId, relationId } from '../graph/ids.js';
import type { ArticleRow, AssociationRow, EntityRow, EvidenceRow, MentionRow, MergeRow, RelationRow } from '../graph/write.js';
import { relationEndsAllowed, type EntityType, type RelationType } from '../ontology.js';
import type { ResolvedEntity, Resolution } from './resolve.js';
import { extractorVersion } from './version.js';

/** What is known of an article before extraction: its row's fields and the text as read. */
export type ArticleMeta = Pick<ArticleRow, 'id' | 'contentHash' | 'url' | 'key' | 'title' | 'published' | 'source' | 'license' | 'format'> & { text: string };

/** Articles this long or longer are kept gzipped (base64): shorter ones gain nothing from it. */
const GZIP_FROM = 1024;

/** The article's text as the graph keeps it for re-extraction. */
export function storedText(text: string): Pick<ArticleRow, 'text' | 'textGz'> {
  if (text.length < GZIP_FROM) return { text, textGz: null };
  const gz = gzipSync(Buffer.from(text)).toString('base64');
  return gz.length < text.length ? { text: null, textGz: gz } : { text, textGz: null };
}

/** The text `storedText` kept. */
export function readStoredText(row: Pick<ArticleRow, 'text' | 'textGz'>): string | null {
  if (row.textGz) return gunzipSync(Buffer.from(row.textGz, 'base64')).toString();
  return row.text;
}

export interface ArticlePlan {
  article: ArticleRow;
  entities: EntityRow[];
  mentions: MentionRow[];
  evidence: EvidenceRow[];
  associations: AssociationRow[];
  merges: MergeRow[];
}

export interface BatchRows {
  articles: ArticleRow[];
  entities: EntityRow[];
  mentions: MentionRow[];
  evidence: EvidenceRow[];
  relations: RelationRow[];
  associations: AssociationRow[];
  merges: MergeRow[];
}

/** Sentences with more entities than this add associations among their first ones only. */
const MAX_ASSOCIATED_PER_SENTENCE = 12;
const CLAIM_RANK: Record<string, number> = { asserted: 3, alleged: 2, suspected: 1 };

/** The entity's row as one article has it (RowTotals adds the articles up); absent fields are null in the graph. */
function entityRow(n: ResolvedEntity, mentionCount: number, published: string | null): EntityRow {
  const { id, type, name, nameKey, aliases, aliasKeys, kind = null, iso3 = null, role = null, date = null } = n;
  return { id, type, name, nameKey, aliases, aliasKeys, kind, iso3, role, date, mentionCount, articleCount: 1, firstSeen: published, lastSeen: published };
}

/** One relation's evidence row, once its ends are nodes; absent fields are null in the graph. */
function evidenceRow(r: ExtractedRelation, ids: Pick<EvidenceRow, 'id' | 'relationId' | 'sourceId' | 'targetId' | 'articleId'>): EvidenceRow {
  const { type: relationType, evidence: sentence, sentence: sentenceIndex, start, end, rule, confidence, claim, assertedBy = null, role = null } = r;
  return { ...ids, relationType, sentence, sentenceIndex, start, end, rule, confidence, claim, assertedBy, role };
}

/** The extractor's input for an article read again from the graph: the row's nulls are absent fields. */
export function articleInput(m: ArticleMeta): ArticleInput {
  const { id, text, title, published, source, url, format } = m;
  return {
    id,
    text,
    title: title ?? undefined,
    published: published ?? undefined,
    source: source ?? undefined,
    url: url ?? undefined,
    format: (format ?? undefined) as ArticleInput['format'],
  };
}

export function planArticle(meta: ArticleMeta, x: Extraction, res: Resolution): ArticlePlan {
  const published = meta.published;
  const ref = (type: EntityType, name: string) => res.idOf.get(`${type}|${name}`);

  const entities: EntityRow[] = [];
  const mentions: MentionRow[] = [];
  const inSentence = new Map<number, string[]>();
  for (const n of res.entities.values()) {
    const count = Math.max(
      1,
      n.from.reduce((s, e) => s + e.mentions.length, 0),
    );
    entities.push(entityRow(n, count, published));
    mentions.push({ entityId: n.id, articleId: meta.id, count, aliases: n.aliases, aliasKeys: n.aliasKeys });
    for (const e of n.from) {
      for (const m of e.mentions) {
        const list = inSentence.get(m.sentence) ?? [];
        if (!list.includes(n.id)) list.push(n.id);
        inSentence.set(m.sentence, list);
      }
    }
  }

  const evidence = new Map<string, EvidenceRow>();
  const typed = new Set<string>(); // sentence|a|b of pairs a rule typed
  for (const r of x.relations) {
    const s = ref(r.sourceType, r.source);
    const t = ref(r.targetType, r.target);
    if (!s || !t || s === t || !relationEndsAllowed(r.type, r.sourceType, r.targetType)) continue;
    const relId = relationId(r.type, s, t);
    const id = evidenceId(relId, meta.id, r.sentence, r.rule);
    const prev = evidence.get(id);
    if (prev && prev.confidence >= r.confidence) continue;
    evidence.set(id, evidenceRow(r, { id, relationId: relId, sourceId: s, targetId: t, articleId: meta.id }));
    typed.add(`${r.sentence}|${s < t ? s : t}|${s < t ? t : s}`);
  }

  const weights = new Map<string, AssociationRow>();
  for (const [sentence, ids] of inSentence) {
    const list = ids.slice(0, MAX_ASSOCIATED_PER_SENTENCE).sort();
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const a = list[i]!;
        const b = list[j]!;
        if (typed.has(`${sentence}|${a}|${b}`)) continue;
        const id = relationId('ASSOCIATED_WITH', a, b);
        const row = weights.get(id) ?? { id, sourceId: a, targetId: b, weight: 0 };
        row.weight++;
        weights.set(id, row);
      }
    }
  }
  const associations = [...weights.values()];

  return {
    article: {
      id: meta.id,
      contentHash: meta.contentHash,
      url: meta.url,
      key: meta.key,
      title: meta.title ?? x.title ?? null,
      published,
      source: meta.source,
      license: meta.license,
      sentenceCount: x.sentences.length,
      ...storedText(meta.text),
      format: meta.format,
      extractorVersion: extractorVersion(),
      extractedAt: new Date().toISOString(),
      assocIds: associations.map((a) => a.id),
      assocWeights: associations.map((a) => a.weight),
    },
    entities,
    mentions,
    evidence: [...evidence.values()],
    associations,
    merges: res.merges,
  };
}

const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const earlier = (a: string | null, b: string | null) => (a === null ? b : b === null ? a : a <= b ? a : b);
const later = (a: string | null, b: string | null) => (a === null ? b : b === null ? a : a >= b ? a : b);

/**
 * Entities, typed relationships, associations and merges of many articles, aggregated per id
 * as articles are added: one transaction's batch, or a whole bulk load (src/ingest/bulk.ts),
 * which streams mentions and evidence to disk and keeps only these totals in memory.
 */
export class RowTotals {
  private readonly entities = new Map<string, EntityRow>();
  private readonly relations = new Map<string, RelationRow>();
  private readonly associations = new Map<string, AssociationRow>();
  private readonly merges = new Map<string, MergeRow>();

  add(p: ArticlePlan): void {
    const date = p.article.published;
    for (const e of p.entities) {
      const prev = this.entities.get(e.id);
      if (!prev) {
        this.entities.set(e.id, { ...e, aliases: [...e.aliases], aliasKeys: [...e.aliasKeys] });
        continue;
      }
      for (const a of e.aliases) if (!prev.aliases.includes(a) && a !== prev.name) prev.aliases.push(a);
      for (const k of e.aliasKeys) if (!prev.aliasKeys.includes(k)) prev.aliasKeys.push(k);
      prev.mentionCount += e.mentionCount;
      prev.articleCount += e.articleCount;
      prev.firstSeen = earlier(prev.firstSeen, e.firstSeen);
      prev.lastSeen = later(prev.lastSeen, e.lastSeen);
      prev.kind ??= e.kind;
      prev.iso3 ??= e.iso3;
      prev.role ??= e.role;
      prev.date ??= e.date;
    }
    for (const ev of p.evidence) {
      const prev = this.relations.get(ev.relationId);
      if (!prev) {
        this.relations.set(ev.relationId, {
          id: ev.relationId,
          type: ev.relationType as RelationType,
          sourceId: ev.sourceId,
          targetId: ev.targetId,
          evidenceCount: 1,
          notConfidence: 1 - ev.confidence,
          claim: ev.claim,
          firstSeen: date,
          lastSeen: date,
          rules: [ev.rule],
          role: ev.role,
        });
        continue;
      }
      prev.evidenceCount++;
      prev.notConfidence *= 1 - ev.confidence;
      if ((CLAIM_RANK[ev.claim] ?? 0) > (CLAIM_RANK[prev.claim] ?? 0)) prev.claim = ev.claim;
      prev.firstSeen = earlier(prev.firstSeen, date);
      prev.lastSeen = later(prev.lastSeen, date);
      if (!prev.rules.includes(ev.rule)) prev.rules.push(ev.rule);
      prev.role ??= ev.role;
    }
    for (const a of p.associations) {
      const prev = this.associations.get(a.id);
      if (prev) prev.weight += a.weight;
      else this.associations.set(a.id, { ...a });
    }
    for (const m of p.merges) if (!this.merges.has(m.id)) this.merges.set(m.id, m);
  }

  rows(): Pick<BatchRows, 'entities' | 'relations' | 'associations' | 'merges'> {
    return {
      entities: [...this.entities.values()].sort(byId),
      relations: [...this.relations.values()].sort(byId),
      associations: [...this.associations.values()].sort(byId),
      merges: [...this.merges.values()].sort(byId),
    };
  }
}

/** The rows of several articles, aggregated per node and relationship for one transaction. */
export function batchRows(plans: ArticlePlan[]): BatchRows {
  const totals = new RowTotals();
  for (const p of plans) totals.add(p);
  return {
    articles: plans.map((p) => p.article).sort(byId),
    mentions: plans.flatMap((p) => p.mentions),
    evidence: plans.flatMap((p) => p.evidence),
    ...totals.rows(),
  };
}
