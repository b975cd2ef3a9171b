// A STIX 2.1 bundle (ours, or what OpenCTI or MISP exported) → the entities and relations it
// adds to the graph. Pure: reads text, checks it, and plans; src/graph/import-stix.ts writes.
//
// Objects that ThreatGraph exported carry x_threatgraph_* properties and come back with their
// ids, types, kinds, claims, confidences and statuses. Other objects map by STIX type:
//   location → State when it is a country (country code and nothing finer), else Place
//   identity, threat-actor named as a country ("Russia") → that State
//   identity → Actor (identity_class individual) or Group (kind from sectors); the producers of
//     the bundle (created_by_ref) and systems are no Groups
//   threat-actor → Actor when resource_level is individual, else Group (kind from threat_actor_types)
//   intrusion-set → Group; incident, campaign → Case (kind other)
//   revoked or deprecated (x_mitre_deprecated) objects → skipped, counted
//   everything else (software, markings, producers, reports, indicators, …) and relationships to
//     it → kept as they are, unmodelled, so that an export gives them back (`kept`)
// What the graph does not model of an imported object is kept with it: its STIX id and type,
// description, external references, markings, created_by_ref, created and modified.
// Relationships map back to the nearest ThreatGraph type given their ends (attributed-to from
// a Case → RESPONSIBLE_FOR reversed, targets → TARGETED, uses → USES_PROXY, located-at →
// OCCURRED_IN / LOCATED_IN, …); a pair the ontology does not allow, and related-to, become
// ASSOCIATED_WITH. A relationship to an object that was skipped or is not in the bundle is
// skipped with a warning. Any malformed object stops the import before anything is written.
import countries from 'i18n-iso-countries';
import { ThreatGraphError } from '../errors.js';
import { EXTENSION_ID, PRODUCER_ID } from '../export/stix.js';
import { entityId, nameKey, relationId } from '../graph/ids.js';
import type { ImportEntity, ImportRelation, KeptStixObject, StixImportPlan, StixProvenance } from '../graph/rows.js';
import {
  ASSOCIATED_WITH,
  CASE_KINDS,
  CLAIMS,
  GROUP_KINDS,
  isEntityType,
  isRelationType,
  relationEndsAllowed,
  type Claim,
  type EntityType,
  type GraphRelationType,
  type RelationType,
} from '../ontology.js';

/** Confidence of a relationship that states none (STIX: absent means unknown). */
export const DEFAULT_CONFIDENCE = 0.5;

const STIX_ID = /^([a-z][a-z0-9-]*[a-z0-9])--[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

type Obj = Record<string, unknown>;

function fail(file: string, message: string): never {
  throw new ThreatGraphError('import-stix', `${file}: ${message}`, { code: 'BAD_STIX' });
}

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && x.trim() !== '').map((x) => x.trim()) : []);
const day = (v: unknown): string | null => {
  const s = str(v);
  return s && /^\d{4}-\d{2}-\d{2}/.test(s) ? s.slice(0, 10) : null;
};

function describe(o: Obj, index: number): string {
  const name = str(o.name);
  return `objects[${index}]${typeof o.type === 'string' ? ` (${o.type}${name ? ` "${name.slice(0, 60)}"` : ''})` : ''}`;
}

/** Parses and checks the bundle's shape; errors name the file and the field. */
export function parseStixBundle(text: string, file: string): { id: string; objects: Obj[] } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    fail(file, `is not JSON (${(error as Error).message})`);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) fail(file, 'is not a STIX bundle: expected a JSON object with "type": "bundle"');
  const bundle = data as Obj;
  if (bundle.type !== 'bundle') fail(file, `"type" must be "bundle", got ${JSON.stringify(bundle.type ?? null)}`);
  if (typeof bundle.id !== 'string' || !STIX_ID.test(bundle.id) || !bundle.id.startsWith('bundle--')) {
    fail(file, `"id" must be "bundle--" and a UUID, got ${JSON.stringify(bundle.id ?? null)}`);
  }
  const objects = bundle.objects ?? [];
  if (!Array.isArray(objects)) fail(file, '"objects" must be a list');
  objects.forEach((o: unknown, i) => {
    if (typeof o !== 'object' || o === null || Array.isArray(o)) fail(file, `objects[${i}] is not an object`);
    const obj = o as Obj;
    if (typeof obj.type !== 'string' || obj.type === '') fail(file, `objects[${i}] has no "type"`);
    if (obj.id === undefined || obj.id === null || obj.id === '') fail(file, `${describe(obj, i)} has no "id"`);
    const match = typeof obj.id === 'string' ? STIX_ID.exec(obj.id) : null;
    if (!match) fail(file, `${describe(obj, i)}: "id" must be "${obj.type}--" and a UUID, got ${JSON.stringify(obj.id)}`);
    if (match[1] !== obj.type) fail(file, `${describe(obj, i)}: "id" ${obj.id} does not start with its type "${obj.type}--"`);
  });
  return { id: bundle.id, objects: objects as Obj[] };
}

function groupKindFrom(o: Obj): string {
  const own = str(o.x_threatgraph_kind);
  if (own && (GROUP_KINDS as readonly string[]).includes(own)) return own;
  const types = strings(o.threat_actor_types);
  if (types.includes('terrorist')) return 'terrorist';
  if (types.includes('crime-syndicate') || types.includes('criminal')) return 'criminal';
  if (types.includes('nation-state') || types.includes('spy')) return 'intelligence';
  const sectors = strings(o.sectors);
  if (sectors.includes('government')) return 'government';
  if (sectors.includes('defense') || sectors.includes('defence')) return 'military';
  if (sectors.includes('non-profit')) return 'ngo';
  if (sectors.includes('communications') || sectors.includes('media')) return 'media';
  return 'other';
}

function caseKindFrom(o: Obj): string {
  const own = str(o.x_threatgraph_kind);
  return own && (CASE_KINDS as readonly string[]).includes(own) ? own : 'other';
}

function countryIso3(o: Obj): string | null {
  const own = str(o.x_threatgraph_iso3);
  if (own && /^[A-Z]{3}$/.test(own.toUpperCase())) return own.toUpperCase();
  if (o.type === 'identity' || o.type === 'threat-actor') return countryNamed(o);
  const code = str(o.country);
  if (!code) return null;
  if (code.length === 2) return countries.alpha2ToAlpha3(code.toUpperCase()) ?? null;
  if (code.length === 3 && countries.isValid(code.toUpperCase())) return code.toUpperCase();
  return null;
}

/** The ISO3 code of the country an identity or threat actor is named as ("Russia", "Iran"). */
function countryNamed(o: Obj): string | null {
  const name = str(o.name);
  if (!name || o.identity_class === 'individual' || o.resource_level === 'individual') return null;
  const code = countries.getAlpha3Code(name, 'en');
  return code && /^[A-Z]{3}$/.test(code) ? code : null;
}

/** The ThreatGraph type of a STIX object, or null when it is not imported. */
export function threatGraphTypeOf(o: Obj): EntityType | null {
  const own = o.x_threatgraph_type;
  if (isEntityType(own)) return own;
  if ((o.type === 'identity' || o.type === 'threat-actor') && countryNamed(o)) return 'State';
  switch (o.type) {
    case 'location': {
      const iso3 = countryIso3(o);
      const finer = ['city', 'administrative_area', 'street_address', 'postal_code', 'latitude'].some((k) => o[k] !== undefined);
      if (iso3 && (o.x_opencti_location_type === 'Country' || !finer)) {
        const name = str(o.name);
        const countryName = countries.getName(iso3, 'en');
        // A named location inside a country ("Kursk", country RU) is a Place.
        if (
          !name ||
          o.x_opencti_location_type === 'Country' ||
          nameKey(name) === nameKey(countryName ?? '') ||
          nameKey(name) === nameKey(countries.getName(iso3, 'en', { select: 'alias' }) ?? '') ||
          name.toUpperCase() === str(o.country)?.toUpperCase()
        ) {
          return 'State';
        }
      }
      return 'Place';
    }
    case 'identity':
      if (o.identity_class === 'individual') return 'Actor';
      if (o.identity_class === 'system') return null;
      return 'Group';
    case 'threat-actor':
      return o.resource_level === 'individual' ? 'Actor' : 'Group';
    case 'intrusion-set':
      return 'Group';
    case 'incident':
    case 'campaign':
      return 'Case';
    default:
      return null;
  }
}

/**
 * What the graph keeps of an object from another producer. ThreatGraph's own objects (created
 * by its identity) are made again from the graph, so nothing of them is kept.
 */
function provenanceOf(o: Obj): StixProvenance | null {
  if (o.created_by_ref === PRODUCER_ID) return null;
  const refs = Array.isArray(o.external_references) ? o.external_references : [];
  return {
    id: o.id as string,
    type: o.type === 'relationship' ? (str(o.relationship_type) ?? 'related-to') : (o.type as string),
    description: str(o.description),
    externalReferences: refs.length ? JSON.stringify(refs) : null,
    markings: strings(o.object_marking_refs),
    createdBy: str(o.created_by_ref),
    created: str(o.created),
    modified: str(o.modified),
  };
}

function entityFrom(o: Obj, type: EntityType, index: number, file: string): ImportEntity {
  const iso3 = type === 'State' ? countryIso3(o) : null;
  if (type === 'State' && !iso3) fail(file, `${describe(o, index)}: a State needs "country" (ISO 3166-1 alpha-2) or x_threatgraph_iso3`);
  const name = str(o.name) ?? (iso3 ? (countries.getName(iso3, 'en') ?? null) : null) ?? str(o.region) ?? str(o.city);
  if (!name) fail(file, `${describe(o, index)} has no "name"`);
  const ours = isEntityType(o.x_threatgraph_type);
  const ownId = str(o.x_threatgraph_id);
  const id = ownId && ownId.startsWith(`${type}:`) ? ownId : entityId(type, name, iso3 ?? undefined);
  const aliases = [...new Set([...strings(o.x_threatgraph_aliases), ...strings(o.aliases)])].filter((a) => a !== name);
  return {
    id,
    type,
    name,
    nameKey: nameKey(name),
    aliases,
    kind: type === 'Group' ? groupKindFrom(o) : type === 'Case' ? caseKindFrom(o) : null,
    iso3,
    role: str(o.x_threatgraph_role) ?? (type === 'Actor' ? (strings(o.roles)[0] ?? null) : null),
    date: ours ? day(o.x_threatgraph_date) : type === 'Case' ? day(o.first_seen) : null,
    mentionCount: num(o.x_threatgraph_mention_count),
    articleCount: num(o.x_threatgraph_article_count),
    // Our own objects say when they were seen (or that it is unknown); others have first_seen or created.
    firstSeen: ours ? day(o.x_threatgraph_first_seen) : (day(o.first_seen) ?? day(o.created)),
    lastSeen: ours ? day(o.x_threatgraph_last_seen) : (day(o.last_seen) ?? day(o.modified)),
    stixId: o.id as string,
    restated: ours,
    stix: provenanceOf(o),
  };
}

/** The ThreatGraph relation for a foreign STIX relationship between two mapped ends. */
export function threatGraphRelationOf(relationshipType: string, source: EntityType, target: EntityType): { type: GraphRelationType; reversed: boolean } {
  const typed = (type: RelationType, reversed: boolean): { type: GraphRelationType; reversed: boolean } =>
    (reversed ? relationEndsAllowed(type, target, source) : relationEndsAllowed(type, source, target))
      ? { type, reversed }
      : { type: ASSOCIATED_WITH, reversed: false };
  switch (relationshipType) {
    case 'attributed-to':
      if (source === 'Case') return typed('RESPONSIBLE_FOR', true);
      // A group attributed to a State's threat actor or government is its proxy.
      if (target === 'State') return typed('USES_PROXY', true);
      return typed('MEMBER_OF', false);
    case 'originates-from':
      if (source === 'Case') return typed('RESPONSIBLE_FOR', true);
      return typed('LOCATED_IN', false);
    case 'targets':
      return typed('TARGETED', false);
    case 'uses':
      return typed('USES_PROXY', false);
    case 'located-at':
      return typed(source === 'Case' ? 'OCCURRED_IN' : 'LOCATED_IN', false);
    default:
      return { type: ASSOCIATED_WITH, reversed: false };
  }
}

/** Plans the import of one bundle's text; throws on the first malformed object. */
export function planStixImport(text: string, file: string): StixImportPlan {
  const bundle = parseStixBundle(text, file);
  const skipped: Record<string, number> = {};
  const warnings: string[] = [];
  const skip = (type: string) => {
    skipped[type] = (skipped[type] ?? 0) + 1;
  };

  // STIX allows several versions of one object: the latest `modified` wins.
  const latest = new Map<string, { o: Obj; index: number }>();
  bundle.objects.forEach((o, index) => {
    const prev = latest.get(o.id as string);
    if (!prev || String(o.modified ?? '') >= String(prev.o.modified ?? '')) latest.set(o.id as string, { o, index });
  });

  // Producers: identities other objects name as created_by_ref are the bundle's authors, no Groups.
  const producers = new Set(bundle.objects.map((o) => o.created_by_ref).filter((r): r is string => typeof r === 'string'));
  let revoked = 0;
  let deprecated = 0;
  const byStixId = new Map<string, ImportEntity>();
  const entities = new Map<string, ImportEntity>();
  const kept = new Map<string, KeptStixObject>();
  const keep = (o: Obj) => {
    skip(o.type as string);
    kept.set(o.id as string, { id: o.id as string, type: o.type as string, json: JSON.stringify(o) });
  };
  const relationships: { o: Obj; index: number }[] = [];
  const retired = new Set<string>();
  for (const { o, index } of latest.values()) {
    if (o.revoked === true || o.x_mitre_deprecated === true) {
      if (o.revoked === true) revoked++;
      else deprecated++;
      retired.add(o.id as string);
      continue;
    }
    // ThreatGraph's own identity and extension are written again by every export.
    if (o.id === PRODUCER_ID || o.id === EXTENSION_ID) continue;
    // Its reports are made again from the articles the graph holds.
    if (o.type === 'report' && o.created_by_ref === PRODUCER_ID) {
      skip('report');
      continue;
    }
    if (o.type === 'relationship') {
      relationships.push({ o, index });
      continue;
    }
    const type = o.type === 'identity' && (producers.has(o.id as string) || o.identity_class === 'system') ? null : threatGraphTypeOf(o);
    if (!type) {
      keep(o);
      continue;
    }
    const entity = entityFrom(o, type, index, file);
    const same = entities.get(entity.id);
    if (same) {
      same.aliases = [...new Set([...same.aliases, ...entity.aliases, entity.name])].filter((a) => a !== same.name);
      // A State's location and its actor facet are one entity; the location's STIX id is its own.
      if (!same.stix || (same.stix.type !== 'location' && entity.stix?.type === 'location')) same.stix = entity.stix ?? same.stix;
    } else {
      entities.set(entity.id, entity);
    }
    byStixId.set(entity.stixId, same ?? entity);
  }

  const relations = new Map<string, ImportRelation>();
  let dangling = 0;
  for (const { o, index } of relationships.sort((a, b) => a.index - b.index)) {
    const where = describe(o, index);
    const relationshipType = str(o.relationship_type);
    if (!relationshipType) fail(file, `${where} has no "relationship_type"`);
    for (const field of ['source_ref', 'target_ref'] as const) {
      if (typeof o[field] !== 'string' || !STIX_ID.test(o[field] as string))
        fail(file, `${where}: "${field}" must be a STIX id, got ${JSON.stringify(o[field] ?? null)}`);
    }
    // The link ThreatGraph draws between a State's actor and its location says nothing new.
    if (o.x_threatgraph_facet !== undefined) continue;
    // Links to revoked or deprecated objects (revoked-by, uses) go with them.
    if (retired.has(o.source_ref as string) || retired.has(o.target_ref as string)) {
      skip('relationship');
      continue;
    }
    const from = byStixId.get(o.source_ref as string);
    const to = byStixId.get(o.target_ref as string);
    if (!from || !to) {
      const known = (ref: unknown) => byStixId.has(ref as string) || kept.has(ref as string);
      if (known(o.source_ref) && known(o.target_ref)) keep(o);
      else {
        dangling++;
        skip('relationship');
      }
      continue;
    }
    const own = o.x_threatgraph_type;
    let type: GraphRelationType;
    let reversed: boolean;
    if (isRelationType(own) || own === ASSOCIATED_WITH) {
      type = own;
      const ownSource = str(o.x_threatgraph_source_id);
      // Ours: x_threatgraph_source_id says which end is the source; else the ontology's ends do.
      reversed = ownSource
        ? ownSource === to.id && ownSource !== from.id
        : own !== ASSOCIATED_WITH && !relationEndsAllowed(own, from.type, to.type) && relationEndsAllowed(own, to.type, from.type);
    } else {
      ({ type, reversed } = threatGraphRelationOf(relationshipType, from.type, to.type));
    }
    let [source, target] = reversed ? [to, from] : [from, to];
    if (source.id === target.id) {
      skip('relationship');
      warnings.push(`${where} links ${source.id} to itself: skipped`);
      continue;
    }
    if (type === ASSOCIATED_WITH && source.id > target.id) [source, target] = [target, source];
    const confidence = num(o.x_threatgraph_confidence) ?? (num(o.confidence) !== null ? num(o.confidence)! / 100 : DEFAULT_CONFIDENCE);
    const claim = str(o.x_threatgraph_claim);
    const relation: ImportRelation = {
      id: relationId(type, source.id, target.id),
      type,
      sourceId: source.id,
      targetId: target.id,
      confidence: Math.min(1, Math.max(0, confidence)),
      claim: type === ASSOCIATED_WITH ? null : claim && (CLAIMS as readonly string[]).includes(claim) ? (claim as Claim) : 'asserted',
      status: ['auto', 'CONFIRMED', 'REJECTED'].includes(str(o.x_threatgraph_status) ?? '') ? str(o.x_threatgraph_status)! : 'auto',
      note: str(o.x_threatgraph_note),
      weight: type === ASSOCIATED_WITH ? (num(o.x_threatgraph_weight) ?? 1) : null,
      firstSeen: own ? day(o.x_threatgraph_first_seen) : (day(o.start_time) ?? day(o.created)),
      lastSeen: own ? day(o.x_threatgraph_last_seen) : (day(o.stop_time) ?? day(o.modified)),
      sentence: str(o.description)?.slice(0, 2000) ?? `${from.name} ${relationshipType} ${to.name}`,
      index,
      stixId: o.id as string,
      stixRelationshipType: relationshipType,
      restated: Boolean(own),
      stix: provenanceOf(o),
    };
    if (!relations.has(relation.id)) relations.set(relation.id, relation);
  }
  if (dangling > 0) warnings.push(`${dangling} relationship(s) refer to objects that are not in the bundle or not imported: skipped`);
  if (revoked + deprecated > 0) warnings.push(`${revoked} revoked and ${deprecated} deprecated object(s): skipped`);
  return {
    file,
    bundleId: bundle.id,
    entities: [...entities.values()],
    relations: [...relations.values()],
    skipped,
    kept: [...kept.values()],
    revoked,
    deprecated,
    warnings,
  };
}
