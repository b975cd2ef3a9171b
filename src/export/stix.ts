// Graph rows → a STIX 2.1 bundle that OpenCTI, MISP and other CTI tools read.
//
// Entities (the table README's "Scripted investigations" section repeats):
//   State                         → location (country = ISO 3166-1 alpha-2, name). A State is a
//                                   place in STIX's model; its deeds stay on its relationships.
//   Group, kind terrorist/militant/criminal            → threat-actor
//   Group, kind intelligence/military/criminal/other
//     that is RESPONSIBLE_FOR a cyber Case             → intrusion-set
//   Group, kind intelligence/military RESPONSIBLE_FOR
//     any other Case                                   → threat-actor (nation-state)
//   any other Group (government, court, company, media,
//     ngo, research, other…)                           → identity (organization, sector by kind)
//   Actor RESPONSIBLE_FOR some Case → threat-actor (resource_level individual); else → identity
//     (identity_class individual, roles = its role)
//   Case, kind influence          → campaign
//   Case, kind legal              → report (object_refs = what it is related to in the bundle)
//   Case, kind investigation      → grouping (context suspicious-activity, same object_refs)
//   any other Case, or a legal/investigation Case with nothing related in the bundle → incident
//   Place                         → location (country of the State it is LOCATED_IN, else
//                                   region = its name)
// Relations → relationship, with the nearest STIX relationship type (stixRelationshipType).
// Every object keeps ThreatGraph's own id, type and properties as x_threatgraph_* so that
// importing the bundle restores them exactly; evidence becomes the relationship's description
// (its sentences) and external_references (the articles: title, url, ThreatGraph id).
// Ids are uuidv5 of the ThreatGraph id: a re-export of the same graph gives the same bundle.
import countries from 'i18n-iso-countries';
import type { GraphRelationType } from '../ontology.js';
import type { ExportEntity, ExportRelation, GraphSnapshot } from './types.js';
import { uuidv5 } from './uuid.js';

export type StixEntityType =
  | 'location' | 'identity' | 'threat-actor' | 'intrusion-set' | 'incident' | 'campaign' | 'report' | 'grouping';

export interface StixObject {
  type: string;
  spec_version: '2.1';
  id: string;
  created: string;
  modified: string;
  [property: string]: unknown;
}

export interface StixBundle {
  type: 'bundle';
  id: string;
  objects: StixObject[];
}

/** Used when the graph knows no date for an object: STIX requires created and modified. */
const NO_DATE = '1970-01-01T00:00:00.000Z';
/** Sentences of evidence written into a relationship's description. */
const DESCRIPTION_SENTENCES = 5;

const THREAT_ACTOR_TYPES: Record<string, string[]> = {
  terrorist: ['terrorist'],
  militant: ['unknown'],
  criminal: ['crime-syndicate'],
  intelligence: ['nation-state'],
  military: ['nation-state'],
};

const SECTORS: Record<string, string[]> = {
  government: ['government'],
  court: ['government'],
  intelligence: ['government'],
  military: ['defense'],
  ngo: ['non-profit'],
  media: ['communications'],
};

/** The STIX object type an entity becomes (see the table above). */
export function stixTypeOf(entity: ExportEntity, hasRelatedObjects: boolean): StixEntityType {
  switch (entity.type) {
    case 'State':
    case 'Place':
      return 'location';
    case 'Actor':
      return entity.responsibleFor.length > 0 ? 'threat-actor' : 'identity';
    case 'Group': {
      const kind = entity.kind ?? 'other';
      const cyber = entity.responsibleFor.includes('cyber');
      if (cyber && ['intelligence', 'military', 'criminal', 'other'].includes(kind)) return 'intrusion-set';
      if (['terrorist', 'militant', 'criminal'].includes(kind)) return 'threat-actor';
      if (['intelligence', 'military'].includes(kind) && entity.responsibleFor.length > 0) return 'threat-actor';
      return 'identity';
    }
    case 'Case':
      if (entity.kind === 'influence') return 'campaign';
      if (entity.kind === 'legal' && hasRelatedObjects) return 'report';
      if (entity.kind === 'investigation' && hasRelatedObjects) return 'grouping';
      return 'incident';
  }
}

/**
 * The nearest STIX relationship type, and whether source and target swap: STIX says
 * "incident attributed-to threat-actor" where ThreatGraph says "threat actor RESPONSIBLE_FOR case".
 */
export function stixRelationshipType(
  type: GraphRelationType,
  source: StixEntityType,
  target: StixEntityType,
): { relationshipType: string; reversed: boolean } {
  const actorLike = (t: StixEntityType) => t === 'threat-actor' || t === 'intrusion-set';
  switch (type) {
    case 'RESPONSIBLE_FOR':
      if (source === 'location') return { relationshipType: 'originates-from', reversed: true };
      return { relationshipType: 'attributed-to', reversed: true };
    case 'TARGETED':
      return { relationshipType: 'targets', reversed: false };
    case 'USES_PROXY':
      return { relationshipType: 'uses', reversed: false };
    case 'MEMBER_OF':
      return { relationshipType: actorLike(source) && actorLike(target) ? 'attributed-to' : 'related-to', reversed: false };
    case 'LOCATED_IN':
      return { relationshipType: actorLike(source) ? 'originates-from' : 'located-at', reversed: false };
    case 'OCCURRED_IN':
      return { relationshipType: 'located-at', reversed: false };
    default:
      // SUPPORTS, OPPOSES, INVESTIGATES, PARTY_TO, ASSOCIATED_WITH: STIX has no nearer type;
      // x_threatgraph_type keeps the exact one.
      return { relationshipType: 'related-to', reversed: false };
  }
}

export function stixId(type: string, threatGraphId: string): string {
  return `${type}--${uuidv5(threatGraphId)}`;
}

/** A yyyy-mm-dd date or ISO date-time as a STIX timestamp (UTC, milliseconds). */
export function stixTimestamp(value: string | null | undefined): string | null {
  if (!value) return null;
  const date = new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00.000Z` : value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

function createdModified(first: string | null, last: string | null): { created: string; modified: string } {
  const created = stixTimestamp(first) ?? stixTimestamp(last) ?? NO_DATE;
  const modified = stixTimestamp(last) ?? created;
  return { created, modified: modified < created ? created : modified };
}

/** Drops null, undefined and empty lists: STIX forbids empty lists and has no nulls. */
function compact<T extends Record<string, unknown>>(object: T): T {
  return Object.fromEntries(
    Object.entries(object).filter(([, v]) => v !== null && v !== undefined && !(Array.isArray(v) && v.length === 0)),
  ) as T;
}

function alpha2(iso3: string | null | undefined): string | null {
  return iso3 ? countries.alpha3ToAlpha2(iso3.toUpperCase()) ?? null : null;
}

function entityObject(entity: ExportEntity, type: StixEntityType, relatedRefs: string[]): StixObject {
  const base = {
    type,
    spec_version: '2.1' as const,
    id: stixId(type, entity.id),
    ...createdModified(entity.firstSeen, entity.lastSeen),
    name: entity.name,
  };
  const own = {
    x_threatgraph_id: entity.id,
    x_threatgraph_type: entity.type,
    x_threatgraph_kind: entity.kind,
    x_threatgraph_iso3: entity.iso3,
    x_threatgraph_role: entity.role,
    x_threatgraph_date: entity.date,
    x_threatgraph_aliases: entity.aliases,
    x_threatgraph_mention_count: entity.mentionCount,
    x_threatgraph_article_count: entity.articleCount,
    x_threatgraph_first_seen: entity.firstSeen,
    x_threatgraph_last_seen: entity.lastSeen,
    x_threatgraph_origin: entity.origin,
  };
  let specific: Record<string, unknown> = {};
  switch (type) {
    case 'location': {
      const country = entity.type === 'State' ? alpha2(entity.iso3) : alpha2(entity.locatedIn[0]);
      specific = country ? { country } : { region: entity.name };
      if (entity.type === 'State') specific.x_opencti_location_type = 'Country';
      break;
    }
    case 'identity':
      specific = entity.type === 'Actor'
        ? { identity_class: 'individual', roles: entity.role ? [entity.role] : [] }
        : { identity_class: 'organization', sectors: SECTORS[entity.kind ?? ''] ?? [] };
      break;
    case 'threat-actor':
      specific = entity.type === 'Actor'
        ? { resource_level: 'individual', aliases: entity.aliases }
        : { threat_actor_types: THREAT_ACTOR_TYPES[entity.kind ?? ''] ?? ['unknown'], aliases: entity.aliases };
      break;
    case 'intrusion-set':
    case 'campaign':
      specific = { aliases: entity.aliases };
      break;
    case 'report':
      specific = { report_types: ['threat-report'], published: stixTimestamp(entity.date) ?? base.created, object_refs: relatedRefs };
      break;
    case 'grouping':
      specific = { context: 'suspicious-activity', object_refs: relatedRefs };
      break;
    case 'incident':
      break;
  }
  return compact({ ...base, ...specific, ...own });
}

function relationshipObject(
  relation: ExportRelation,
  source: StixObject,
  target: StixObject,
): StixObject {
  const { relationshipType, reversed } = stixRelationshipType(
    relation.type, source.type as StixEntityType, target.type as StixEntityType,
  );
  const sentences = [...new Set(relation.evidence.map((e) => e.sentence.trim()).filter(Boolean))];
  const articles = new Map<string, Record<string, unknown>>();
  for (const e of relation.evidence) {
    if (!e.articleId || articles.has(e.articleId)) continue;
    articles.set(e.articleId, compact({
      source_name: e.articleSource || 'threatgraph',
      description: e.articleTitle,
      url: e.articleUrl,
      external_id: e.articleId,
    }));
  }
  return compact({
    type: 'relationship',
    spec_version: '2.1' as const,
    id: stixId('relationship', relation.id),
    ...createdModified(relation.firstSeen, relation.lastSeen),
    relationship_type: relationshipType,
    source_ref: reversed ? target.id : source.id,
    target_ref: reversed ? source.id : target.id,
    description: sentences.slice(0, DESCRIPTION_SENTENCES).join('\n') || null,
    confidence: relation.confidence === null ? null : Math.round(Math.min(1, Math.max(0, relation.confidence)) * 100),
    external_references: [...articles.values()],
    x_threatgraph_id: relation.id,
    x_threatgraph_type: relation.type,
    x_threatgraph_source_id: relation.sourceId,
    x_threatgraph_target_id: relation.targetId,
    x_threatgraph_confidence: relation.confidence,
    x_threatgraph_claim: relation.claim,
    x_threatgraph_evidence_count: relation.evidenceCount,
    x_threatgraph_weight: relation.weight,
    x_threatgraph_status: relation.status,
    x_threatgraph_note: relation.note,
    x_threatgraph_rules: relation.rules,
    x_threatgraph_first_seen: relation.firstSeen,
    x_threatgraph_last_seen: relation.lastSeen,
    x_threatgraph_origin: relation.origin,
  });
}

/** The snapshot as one STIX 2.1 bundle, objects sorted by ThreatGraph id (stable output). */
export function toStixBundle(snapshot: GraphSnapshot): StixBundle {
  const entities = [...snapshot.entities].sort((a, b) => cmp(a.id, b.id));
  const present = new Set(entities.map((e) => e.id));
  const relations = snapshot.relations
    .filter((r) => present.has(r.sourceId) && present.has(r.targetId))
    .sort((a, b) => cmp(a.id, b.id));

  // Reports and groupings list what they are about: first decide every other object's type.
  const neighbours = new Map<string, Set<string>>();
  for (const r of relations) {
    if (r.sourceId === r.targetId) continue;
    (neighbours.get(r.sourceId) ?? neighbours.set(r.sourceId, new Set()).get(r.sourceId)!).add(r.targetId);
    (neighbours.get(r.targetId) ?? neighbours.set(r.targetId, new Set()).get(r.targetId)!).add(r.sourceId);
  }
  const types = new Map(entities.map((e) => [e.id, stixTypeOf(e, neighbours.has(e.id))]));
  const objects = new Map<string, StixObject>();
  for (const entity of entities) {
    const refs = [...(neighbours.get(entity.id) ?? [])].sort(cmp).map((id) => stixId(types.get(id)!, id));
    objects.set(entity.id, entityObject(entity, types.get(entity.id)!, refs));
  }
  const relationships = relations.map((r) => relationshipObject(r, objects.get(r.sourceId)!, objects.get(r.targetId)!));
  const all = [...objects.values(), ...relationships];
  return { type: 'bundle', id: `bundle--${uuidv5(all.map((o) => o.id).join('\n'))}`, objects: all };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
