// Graph rows → a STIX 2.1 bundle that OpenCTI, MISP and other CTI tools read as their own.
//
// Entities (README's "STIX mapping" repeats this table):
//   State   → location (country = ISO 3166-1 alpha-2), and where it acts also a threat-actor
//             (nation-state: responsible for a case, targets, uses proxies) or an identity
//             (organization, sector government), located-at its location
//   Group   → intrusion-set: an ATT&CK group, or responsible for a cyber case;
//             threat-actor: an organ (intelligence, military), terrorist, militant, criminal;
//             identity (organization, sector by kind): any other
//   Actor   → threat-actor (resource_level individual) when responsible for a case, else identity (individual)
//   Case    → campaign: influence, an ATT&CK campaign, or attributed to someone (not legal or
//             investigation); incident: any other
//   Place   → location with its State's country, or a region of STIX's vocabulary; a place in
//             no known country is left out (STIX requires a country, region or coordinates)
//   Article → report (object_refs: what it mentions and the relations it is evidence for)
// Relations become relationships of the STIX vocabulary where the specification suggests one
// for the two ends (the table stix2-validator checks, warning 202): RESPONSIBLE_FOR →
// campaign attributed-to actor; USES_PROXY → proxy attributed-to sponsor; MEMBER_OF → member
// attributed-to group; TARGETED → targets; LOCATED_IN → located-at / originates-from; anything
// else, and any pair of ends the specification suggests nothing for (an incident's links, a
// case's place), → related-to. ASSOCIATED_WITH (co-occurrence) only with `cooccurrence`.
// Evidence: a relationship's description holds its strongest sentences, its
// external_references one entry per piece of evidence (the sentence, the article's title, url
// and ThreatGraph id). ThreatGraph's own properties stay as top-level x_threatgraph_*
// properties declared by one extension-definition (toplevel-property-extension), so validators
// and OpenCTI accept them; every object is created_by_ref the ThreatGraph identity.
// created is when the graph first held the object, modified when it last changed (articles
// ingested); first_seen / last_seen (start_time / stop_time on relationships) the articles' dates.
// Objects that came from a STIX import keep their id, type, description, external references,
// markings, created_by_ref and created / modified; the objects ThreatGraph does not model
// (software, markings, producer identities, their relationships) come back as they were.
// Ids of ThreatGraph's own objects are uuidv5 of the ThreatGraph id: a re-export is byte-identical.
import { readFileSync } from 'node:fs';
import countries from 'i18n-iso-countries';
import { nameKey } from '../graph/ids.js';
import type { GraphRelationType } from '../ontology.js';
import type { ExportArticle, ExportEntity, ExportOptions, ExportRelation, GraphSnapshot, StixProvenance } from './types.js';
import { uuidv5 } from './uuid.js';

export type StixEntityType = 'location' | 'identity' | 'threat-actor' | 'intrusion-set' | 'incident' | 'campaign';

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

/** ThreatGraph as the producer every object it writes is created_by_ref. */
export const PRODUCER_ID = `identity--${uuidv5('ThreatGraph producer identity')}`;
/** The extension-definition that declares the x_threatgraph_* properties. */
export const EXTENSION_ID = `extension-definition--${uuidv5('ThreatGraph STIX extension 1.0')}`;
const PRODUCER_CREATED = '2026-01-01T00:00:00.000Z';
/** Sentences of evidence written into a relationship's description. */
const DESCRIPTION_SENTENCES = 5;

/** Every custom property ThreatGraph writes, as the extension-definition lists them. */
export const CUSTOM_PROPERTIES = [
  'x_threatgraph_id',
  'x_threatgraph_type',
  'x_threatgraph_facet',
  'x_threatgraph_kind',
  'x_threatgraph_iso3',
  'x_threatgraph_role',
  'x_threatgraph_date',
  'x_threatgraph_aliases',
  'x_threatgraph_mention_count',
  'x_threatgraph_article_count',
  'x_threatgraph_first_seen',
  'x_threatgraph_last_seen',
  'x_threatgraph_origin',
  'x_threatgraph_source_id',
  'x_threatgraph_target_id',
  'x_threatgraph_confidence',
  'x_threatgraph_claim',
  'x_threatgraph_evidence_count',
  'x_threatgraph_weight',
  'x_threatgraph_status',
  'x_threatgraph_note',
  'x_threatgraph_rules',
  'x_opencti_location_type',
] as const;

const EXTENSIONS = { [EXTENSION_ID]: { extension_type: 'toplevel-property-extension' } };

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

/** STIX's region vocabulary, and names articles use for some of its regions. */
const REGIONS = new Map<string, string>([
  ...[
    'africa',
    'eastern-africa',
    'middle-africa',
    'northern-africa',
    'southern-africa',
    'western-africa',
    'americas',
    'latin-america-caribbean',
    'south-america',
    'caribbean',
    'central-america',
    'northern-america',
    'asia',
    'central-asia',
    'eastern-asia',
    'southern-asia',
    'south-eastern-asia',
    'western-asia',
    'europe',
    'eastern-europe',
    'northern-europe',
    'southern-europe',
    'western-europe',
    'oceania',
    'antarctica',
  ].map((r) => [r.replace(/-/g, ' '), r] as [string, string]),
  ['middle east', 'western-asia'],
  ['latin america', 'latin-america-caribbean'],
  ['north america', 'northern-america'],
  ['southeast asia', 'south-eastern-asia'],
  ['south east asia', 'south-eastern-asia'],
  ['east asia', 'eastern-asia'],
  ['sub saharan africa', 'africa'],
  ['the balkans', 'southern-europe'],
  ['balkans', 'southern-europe'],
]);

/**
 * Relationship types the STIX 2.1 specification suggests, by source type, with their targets
 * (stix2-validator's table, for the object types ThreatGraph writes). Other pairs are related-to.
 */
const SUGGESTED: Record<string, Record<string, string[]>> = {
  campaign: { 'attributed-to': ['intrusion-set', 'threat-actor'], 'originates-from': ['location'], targets: ['location', 'identity'] },
  'intrusion-set': { 'attributed-to': ['threat-actor'], 'originates-from': ['location'], targets: ['identity', 'location'] },
  'threat-actor': { 'attributed-to': ['identity'], 'located-at': ['location'], targets: ['identity', 'location'], impersonates: ['identity'] },
  identity: { 'located-at': ['location'] },
};

/** STIX relationship types to try for each relation, and whether STIX reads it from the other end. */
const PREFERRED: Record<GraphRelationType, [string, boolean][]> = {
  RESPONSIBLE_FOR: [['attributed-to', true]],
  USES_PROXY: [['attributed-to', true]],
  MEMBER_OF: [['attributed-to', false]],
  TARGETED: [['targets', false]],
  LOCATED_IN: [
    ['located-at', false],
    ['originates-from', false],
  ],
  OCCURRED_IN: [],
  SUPPORTS: [],
  OPPOSES: [],
  INVESTIGATES: [],
  PARTY_TO: [],
  ASSOCIATED_WITH: [],
};

/** Relations in which a State stands for a place (its location object), not for its government. */
const PLACE_END: Partial<Record<GraphRelationType, 'source' | 'target'>> = {
  TARGETED: 'target',
  OCCURRED_IN: 'target',
  LOCATED_IN: 'target',
  ASSOCIATED_WITH: 'target',
};

/** ATT&CK groups and campaigns by name and alias (the gazetteer's copy of MITRE's list). */
const attack = (() => {
  const file = new URL('../../data/gazetteers/mitre-groups.json', import.meta.url);
  const data = JSON.parse(readFileSync(file, 'utf8')) as { groups: AttackRecord[]; campaigns: AttackRecord[] };
  const byKey = new Map<string, { attackId: string; kind: 'group' | 'campaign' }>();
  for (const [kind, list] of [
    ['group', data.groups],
    ['campaign', data.campaigns],
  ] as const) {
    for (const r of list) {
      if (!r.attackId) continue;
      for (const n of [r.name, ...(r.aliases ?? [])])
        if (!byKey.has(`${kind}|${nameKey(n)}`)) byKey.set(`${kind}|${nameKey(n)}`, { attackId: r.attackId, kind });
    }
  }
  return byKey;
})();
interface AttackRecord {
  name: string;
  aliases?: string[];
  attackId?: string;
}

function attackIdOf(entity: ExportEntity, kind: 'group' | 'campaign'): string | null {
  for (const n of [entity.name, ...entity.aliases]) {
    const hit = attack.get(`${kind}|${nameKey(n)}`);
    if (hit) return hit.attackId;
  }
  return null;
}

function attackReference(attackId: string): Record<string, string> {
  const path = attackId.startsWith('C') ? 'campaigns' : 'groups';
  return { source_name: 'mitre-attack', external_id: attackId, url: `https://attack.mitre.org/${path}/${attackId}` };
}

/** What drives an entity's STIX type beyond its own properties. */
interface EntityContext {
  /** Somebody is RESPONSIBLE_FOR this Case in the snapshot. */
  attributed: boolean;
}

const OWN_TYPES: Record<string, readonly StixEntityType[]> = {
  State: ['location'],
  Place: ['location'],
  Group: ['identity', 'threat-actor', 'intrusion-set'],
  Actor: ['identity', 'threat-actor'],
  Case: ['campaign', 'incident'],
};

/** The STIX object type an entity becomes (see the table above). */
export function stixTypeOf(entity: ExportEntity, context: EntityContext = { attributed: false }): StixEntityType {
  const kept = entity.stix?.type as StixEntityType | undefined;
  if (kept && OWN_TYPES[entity.type]!.includes(kept)) return kept;
  switch (entity.type) {
    case 'State':
    case 'Place':
      return 'location';
    case 'Actor':
      return entity.responsibleFor.length > 0 ? 'threat-actor' : 'identity';
    case 'Group': {
      const kind = entity.kind ?? 'other';
      if (attackIdOf(entity, 'group')) return 'intrusion-set';
      if (entity.responsibleFor.includes('cyber') && ['intelligence', 'military', 'criminal', 'other'].includes(kind)) return 'intrusion-set';
      if (['terrorist', 'militant', 'criminal', 'intelligence', 'military'].includes(kind)) return 'threat-actor';
      return 'identity';
    }
    case 'Case':
      if (entity.kind === 'influence' || attackIdOf(entity, 'campaign')) return 'campaign';
      if (context.attributed && !['legal', 'investigation'].includes(entity.kind ?? 'other')) return 'campaign';
      return 'incident';
  }
}

/** Relationship types STIX allows between any two objects. */
const COMMON = ['related-to', 'derived-from', 'duplicate-of'];

/** A STIX relationship type STIX suggests from `source` to `target` objects, or null. */
function suggested(relationshipType: string, source: string, target: string): boolean {
  return SUGGESTED[source]?.[relationshipType]?.includes(target) ?? false;
}

export function stixId(type: string, threatGraphId: string): string {
  return `${type}--${uuidv5(threatGraphId)}`;
}

/** A yyyy-mm-dd date, ISO date-time or epoch milliseconds as a STIX timestamp (UTC, milliseconds). */
export function stixTimestamp(value: string | number | null | undefined): string | null {
  if (value === null || value === undefined || value === '') return null;
  const date = typeof value === 'number' ? new Date(value) : new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00.000Z` : value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

const latest = (...values: (string | null | undefined)[]): string | null =>
  values
    .filter((v): v is string => Boolean(v))
    .sort()
    .at(-1) ?? null;

/** Drops null, undefined and empty lists: STIX forbids empty lists and has no nulls. */
function compact<T extends Record<string, unknown>>(object: T): T {
  return Object.fromEntries(Object.entries(object).filter(([, v]) => v !== null && v !== undefined && !(Array.isArray(v) && v.length === 0))) as T;
}

function alpha2(iso3: string | null | undefined): string | null {
  return iso3 ? (countries.alpha3ToAlpha2(iso3.toUpperCase()) ?? null) : null;
}

function parseReferences(text: string | null): Record<string, unknown>[] {
  if (!text) return [];
  try {
    const parsed: unknown = JSON.parse(text);
    return Array.isArray(parsed) ? parsed.filter((r): r is Record<string, unknown> => typeof r === 'object' && r !== null) : [];
  } catch {
    return [];
  }
}

/** What every object keeps from the STIX object it was imported from, or ThreatGraph's authorship. */
function provenance(stix: StixProvenance | null): Record<string, unknown> {
  if (!stix) return { created_by_ref: PRODUCER_ID };
  return { created_by_ref: stix.createdBy, object_marking_refs: stix.markings, description: stix.description };
}

/** One STIX object of an entity: its main one, or a State's actor facet. */
interface Facet {
  type: StixEntityType;
  id: string;
}

interface Planned {
  entity: ExportEntity;
  main: Facet;
  /** A State's government or nation-state actor, made when a relationship needs it. */
  actor: Facet | null;
  created: string;
  modified: string;
}

/** The snapshot as one STIX 2.1 bundle, objects sorted (stable output). */
export function toStixBundle(snapshot: GraphSnapshot, options: ExportOptions = {}): StixBundle {
  const entities = [...snapshot.entities].sort((a, b) => cmp(a.id, b.id));
  // Times the graph knows for something, oldest first: what an object with no time of its own gets.
  const fallback =
    entities
      .map((e) => stixTimestamp(e.createdAt))
      .filter((t): t is string => t !== null)
      .sort()[0] ?? PRODUCER_CREATED;
  const attributed = new Set(snapshot.relations.filter((r) => r.type === 'RESPONSIBLE_FOR').map((r) => r.targetId));
  const hostile = new Set(snapshot.relations.filter((r) => ['RESPONSIBLE_FOR', 'USES_PROXY', 'TARGETED'].includes(r.type)).map((r) => r.sourceId));

  const planned = new Map<string, Planned>();
  for (const entity of entities) {
    if (entity.type === 'Place' && !alpha2(entity.locatedIn[0]) && !REGIONS.has(nameKey(entity.name))) continue;
    const type = stixTypeOf(entity, { attributed: attributed.has(entity.id) });
    const keptActor = entity.type === 'State' && entity.stix && entity.stix.type !== 'location';
    const created = stixTimestamp(entity.stix?.created) ?? stixTimestamp(entity.createdAt) ?? fallback;
    planned.set(entity.id, {
      entity,
      main: { type, id: entity.stix && !keptActor ? entity.stix.id : stixId(type, entity.id) },
      actor: keptActor ? { type: entity.stix!.type as StixEntityType, id: entity.stix!.id } : null,
      created,
      modified: latest(created, stixTimestamp(entity.stix?.modified), stixTimestamp(entity.lastIngestedAt))!,
    });
  }
  // A State's government or nation-state actor: its type is known beforehand, the object is
  // made only when a relationship uses it.
  const actorFacet = (p: Planned): Facet =>
    p.actor ??
    (hostile.has(p.entity.id)
      ? { type: 'threat-actor', id: stixId('threat-actor', `${p.entity.id}#actor`) }
      : { type: 'identity', id: stixId('identity', `${p.entity.id}#actor`) });

  const relations = snapshot.relations
    .filter((r) => planned.has(r.sourceId) && planned.has(r.targetId) && r.sourceId !== r.targetId)
    .filter((r) => options.cooccurrence || r.type !== 'ASSOCIATED_WITH')
    .sort((a, b) => cmp(a.id, b.id));

  const relationships: StixObject[] = [];
  const relationshipIds = new Map<string, string>();
  for (const relation of relations) {
    const source = planned.get(relation.sourceId)!;
    const target = planned.get(relation.targetId)!;
    // A State is its location where the relation treats it as a place, else its actor first.
    const faces = (p: Planned, end: 'source' | 'target'): Facet[] => {
      if (p.entity.type !== 'State') return [p.main];
      return PLACE_END[relation.type] === end ? [p.main, actorFacet(p)] : [actorFacet(p), p.main];
    };
    const kept: [string, boolean][] = relation.stix
      ? [
          [relation.stix.type, false],
          [relation.stix.type, true],
        ]
      : [];
    let chosen: { type: string; from: Facet; to: Facet } | null = null;
    for (const [type, reversed] of [...kept, ...PREFERRED[relation.type]]) {
      const froms = reversed ? faces(target, 'target') : faces(source, 'source');
      const tos = reversed ? faces(source, 'source') : faces(target, 'target');
      for (const from of froms) {
        for (const to of tos) {
          if (!chosen && (suggested(type, from.type, to.type) || COMMON.includes(type))) chosen = { type, from, to };
        }
      }
      if (chosen) break;
    }
    chosen ??= { type: 'related-to', from: faces(source, 'source')[0]!, to: faces(target, 'target')[0]! };
    for (const p of [source, target]) {
      if (p.entity.type === 'State' && [chosen.from.id, chosen.to.id].includes(actorFacet(p).id)) p.actor = actorFacet(p);
    }
    const object = relationshipObject(relation, chosen.type, chosen.from, chosen.to, source, target);
    relationships.push(object);
    relationshipIds.set(relation.id, object.id);
  }

  const objects: StixObject[] = [producerIdentity(), extensionDefinition()];
  for (const p of planned.values()) {
    objects.push(entityObject(p.entity, p.main, p.created, p.modified));
    if (p.actor) objects.push(stateActorObject(p, p.actor), locatedAtObject(p, p.actor));
  }
  objects.push(...relationships);
  objects.push(...reports(snapshot.articles ?? [], planned, relationshipIds, fallback));

  objects.push(...keptObjects(snapshot.stixObjects ?? [], objects, snapshot.scope !== null));
  return { type: 'bundle', id: `bundle--${uuidv5(objects.map((o) => o.id).join('\n'))}`, objects };
}

function producerIdentity(): StixObject {
  return {
    type: 'identity',
    spec_version: '2.1',
    id: PRODUCER_ID,
    created: PRODUCER_CREATED,
    modified: PRODUCER_CREATED,
    name: 'ThreatGraph',
    identity_class: 'system',
    description: 'ThreatGraph: a knowledge graph of states, groups, actors and cases built from threat-intelligence articles.',
  };
}

function extensionDefinition(): StixObject {
  return {
    type: 'extension-definition',
    spec_version: '2.1',
    id: EXTENSION_ID,
    created: PRODUCER_CREATED,
    modified: PRODUCER_CREATED,
    created_by_ref: PRODUCER_ID,
    name: 'ThreatGraph properties',
    description:
      "ThreatGraph's own id, type, kind, counts, dates, claim, confidence, analyst status and rules of an object, so that importing the bundle into ThreatGraph restores them.",
    schema:
      'x_threatgraph_id: the ThreatGraph id (Type:key); x_threatgraph_type: State, Group, Actor, Case, Place or a relation type; x_threatgraph_facet: "actor" on a State\'s government or nation-state object; the other properties are the node\'s or relation\'s properties of the same name (README, "Graph model").',
    version: '1.0.0',
    extension_types: ['toplevel-property-extension'],
    extension_properties: [...CUSTOM_PROPERTIES],
  };
}

function entityObject(entity: ExportEntity, facet: Facet, created: string, modified: string): StixObject {
  // A State imported as a threat actor or identity keeps that object's provenance there, not on its location.
  const stix = entity.stix && (entity.type !== 'State' || entity.stix.type === 'location') ? entity.stix : null;
  const firstSeen = stixTimestamp(entity.firstSeen);
  const lastSeen = latest(stixTimestamp(entity.lastSeen), firstSeen);
  const attackId = entity.type === 'Group' ? attackIdOf(entity, 'group') : entity.type === 'Case' ? attackIdOf(entity, 'campaign') : null;
  const references = stix ? parseReferences(stix.externalReferences) : attackId ? [attackReference(attackId)] : [];
  let specific: Record<string, unknown> = {};
  switch (facet.type) {
    case 'location': {
      const country = entity.type === 'State' ? alpha2(entity.iso3) : alpha2(entity.locatedIn[0]);
      specific = country ? { country } : { region: REGIONS.get(nameKey(entity.name)) };
      if (entity.type === 'State') specific.x_opencti_location_type = 'Country';
      break;
    }
    case 'identity':
      specific =
        entity.type === 'Actor'
          ? { identity_class: 'individual', roles: entity.role ? [entity.role] : [] }
          : { identity_class: 'organization', sectors: SECTORS[entity.kind ?? ''] ?? [] };
      break;
    case 'threat-actor':
      specific =
        entity.type === 'Actor'
          ? { resource_level: 'individual', aliases: entity.aliases, first_seen: firstSeen, last_seen: lastSeen }
          : { threat_actor_types: THREAT_ACTOR_TYPES[entity.kind ?? ''] ?? ['unknown'], aliases: entity.aliases, first_seen: firstSeen, last_seen: lastSeen };
      break;
    case 'intrusion-set':
    case 'campaign':
      specific = { aliases: entity.aliases, first_seen: firstSeen, last_seen: lastSeen };
      break;
    case 'incident':
      break;
  }
  return compact({
    type: facet.type,
    spec_version: '2.1' as const,
    id: facet.id,
    created,
    modified,
    ...provenance(stix),
    name: entity.name,
    external_references: references,
    ...specific,
    extensions: EXTENSIONS,
    ...ownEntityProperties(entity),
  });
}

function ownEntityProperties(entity: ExportEntity): Record<string, unknown> {
  return {
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
}

/** A State acting: its government (identity) or, when hostile, a nation-state threat actor. */
function stateActorObject(p: Planned, facet: Facet): StixObject {
  const { entity } = p;
  return compact({
    type: facet.type,
    spec_version: '2.1' as const,
    id: facet.id,
    created: p.created,
    modified: p.modified,
    ...provenance(entity.stix && entity.stix.type !== 'location' ? entity.stix : null),
    name: entity.name,
    ...(facet.type === 'threat-actor'
      ? {
          threat_actor_types: ['nation-state'],
          aliases: entity.aliases,
          first_seen: stixTimestamp(entity.firstSeen),
          last_seen: latest(stixTimestamp(entity.lastSeen), stixTimestamp(entity.firstSeen)),
        }
      : { identity_class: 'organization', sectors: ['government'] }),
    extensions: EXTENSIONS,
    x_threatgraph_id: entity.id,
    x_threatgraph_type: entity.type,
    x_threatgraph_facet: 'actor',
    x_threatgraph_iso3: entity.iso3,
  });
}

/** The State's actor is located at its country. */
function locatedAtObject(p: Planned, facet: Facet): StixObject {
  return {
    type: 'relationship',
    spec_version: '2.1',
    id: stixId('relationship', `${p.entity.id}#actor-located-at`),
    created: p.created,
    modified: p.modified,
    created_by_ref: PRODUCER_ID,
    relationship_type: 'located-at',
    source_ref: facet.id,
    target_ref: p.main.id,
    extensions: EXTENSIONS,
    x_threatgraph_facet: 'actor',
  };
}

function relationshipObject(relation: ExportRelation, relationshipType: string, from: Facet, to: Facet, source: Planned, target: Planned): StixObject {
  const sentences = [...new Set(relation.evidence.map((e) => e.sentence.trim()).filter(Boolean))];
  const references = relation.stix ? parseReferences(relation.stix.externalReferences) : [];
  for (const e of relation.evidence) {
    if (!e.articleId || e.rule?.startsWith('stix:')) continue;
    references.push(
      compact({
        source_name: e.articleSource || 'threatgraph',
        description: `"${e.sentence.trim()}"${e.articleTitle ? ` (${e.articleTitle})` : ''}`,
        url: e.articleUrl,
        external_id: e.articleId,
      }),
    );
  }
  const created = stixTimestamp(relation.stix?.created) ?? stixTimestamp(relation.firstIngestedAt) ?? latest(source.created, target.created)!;
  const start = stixTimestamp(relation.firstSeen);
  const stop = stixTimestamp(relation.lastSeen);
  return compact({
    type: 'relationship',
    spec_version: '2.1' as const,
    id: relation.stix?.id ?? stixId('relationship', relation.id),
    created,
    modified: latest(created, stixTimestamp(relation.stix?.modified), stixTimestamp(relation.updatedAt))!,
    ...provenance(relation.stix),
    relationship_type: relationshipType,
    source_ref: from.id,
    target_ref: to.id,
    description: relation.stix?.description ?? (sentences.slice(0, DESCRIPTION_SENTENCES).join('\n') || null),
    // STIX: stop_time MUST be later than start_time.
    start_time: start,
    stop_time: start && stop && stop > start ? stop : null,
    confidence: relation.confidence === null ? null : Math.round(Math.min(1, Math.max(0, relation.confidence)) * 100),
    external_references: references,
    extensions: EXTENSIONS,
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

/** One report per article: the container OpenCTI and MISP expect, with what it says. */
function reports(articles: ExportArticle[], planned: Map<string, Planned>, relationshipIds: Map<string, string>, fallback: string): StixObject[] {
  const out: StixObject[] = [];
  for (const a of [...articles].sort((x, y) => cmp(x.id, y.id))) {
    if (a.source?.startsWith('stix:')) continue;
    const refs = [...a.entityIds.map((id) => planned.get(id)?.main.id), ...a.relationIds.map((id) => relationshipIds.get(id))].filter((r): r is string =>
      Boolean(r),
    );
    if (refs.length === 0) continue;
    const created = stixTimestamp(a.ingestedAt) ?? fallback;
    out.push(
      compact({
        type: 'report',
        spec_version: '2.1' as const,
        id: stixId('report', a.id),
        created,
        modified: created,
        created_by_ref: PRODUCER_ID,
        name: a.title ?? a.id,
        report_types: ['threat-report'],
        published: stixTimestamp(a.published) ?? created,
        object_refs: [...new Set(refs)].sort(),
        external_references: [compact({ source_name: a.source || 'threatgraph', url: a.url, external_id: a.id })],
      }),
    );
  }
  return out;
}

/**
 * Objects an import kept as they were. A relationship only when both its ends are in the
 * bundle; in a neighbourhood export, only the relationships touching the bundle's objects, their
 * other ends, and the markings and producers the bundle refers to.
 */
function keptObjects(texts: string[], emitted: StixObject[], scoped: boolean): StixObject[] {
  const present = new Set(emitted.map((o) => o.id));
  const parsed = texts
    .map((t) => JSON.parse(t) as StixObject)
    .filter((o) => !present.has(o.id))
    .sort((a, b) => cmp(a.id, b.id));
  const nodes = parsed.filter((o) => o.type !== 'relationship');
  const nodeIds = new Set(nodes.map((o) => o.id));
  const has = (id: unknown) => present.has(id as string) || nodeIds.has(id as string);
  let rels = parsed.filter((o) => o.type === 'relationship' && has(o.source_ref) && has(o.target_ref));
  if (!scoped) return [...nodes, ...rels];
  rels = rels.filter((o) => present.has(o.source_ref as string) || present.has(o.target_ref as string));
  const wanted = new Set(rels.flatMap((o) => [o.source_ref as string, o.target_ref as string]));
  for (const o of [...emitted, ...rels, ...nodes.filter((n) => wanted.has(n.id))]) {
    for (const ref of [o.created_by_ref, ...((o.object_marking_refs as string[] | undefined) ?? [])]) if (ref) wanted.add(ref as string);
  }
  return [...nodes.filter((o) => wanted.has(o.id)), ...rels];
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
