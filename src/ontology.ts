// The closed lists of ../shared/ONTOLOGY.md. Every Neo4j label and relationship type
// the code writes or reads comes from here, so text from articles never names one.

export const ENTITY_TYPES = ['Actor', 'State', 'Group', 'Case', 'Place'] as const;
export type EntityType = (typeof ENTITY_TYPES)[number];

export const RELATION_TYPES = [
  'RESPONSIBLE_FOR',
  'TARGETED',
  'USES_PROXY',
  'SUPPORTS',
  'OPPOSES',
  'MEMBER_OF',
  'INVESTIGATES',
  'PARTY_TO',
  'OCCURRED_IN',
  'LOCATED_IN',
] as const;
export type RelationType = (typeof RELATION_TYPES)[number];

/** Produced by the pipeline for co-occurrence in one sentence; never in gold files. */
export const ASSOCIATED_WITH = 'ASSOCIATED_WITH';
export type GraphRelationType = RelationType | typeof ASSOCIATED_WITH;
/** Every relationship type the graph holds: the typed relations and co-occurrence. */
export const GRAPH_RELATION_TYPES: readonly GraphRelationType[] = [...RELATION_TYPES, ASSOCIATED_WITH];

export const GROUP_KINDS = [
  'terrorist',
  'militant',
  'intelligence',
  'military',
  'government',
  'court',
  'company',
  'criminal',
  'media',
  'research',
  'ngo',
  'other',
] as const;
export type GroupKind = (typeof GROUP_KINDS)[number];

export const CASE_KINDS = ['attack', 'plot', 'sabotage', 'cyber', 'influence', 'fraud', 'legal', 'conflict', 'investigation', 'other'] as const;
export type CaseKind = (typeof CASE_KINDS)[number];

export const CLAIMS = ['asserted', 'alleged', 'suspected'] as const;
export type Claim = (typeof CLAIMS)[number];

/** Allowed end types of each relation (ONTOLOGY.md, "from → to"). */
export const RELATION_ENDS: Record<RelationType, { from: readonly EntityType[]; to: readonly EntityType[] }> = {
  RESPONSIBLE_FOR: { from: ['Actor', 'Group', 'State'], to: ['Case'] },
  TARGETED: { from: ['Case', 'Actor', 'Group', 'State'], to: ['Actor', 'Group', 'State', 'Place'] },
  USES_PROXY: { from: ['State', 'Group'], to: ['Actor', 'Group'] },
  SUPPORTS: { from: ['State', 'Group', 'Actor'], to: ['State', 'Group', 'Actor'] },
  OPPOSES: { from: ['State', 'Group', 'Actor'], to: ['State', 'Group', 'Actor'] },
  MEMBER_OF: { from: ['Actor', 'Group'], to: ['Group'] },
  INVESTIGATES: { from: ['Actor', 'Group', 'State'], to: ['Case', 'Actor', 'Group'] },
  PARTY_TO: { from: ['Actor', 'Group'], to: ['Case'] },
  OCCURRED_IN: { from: ['Case'], to: ['Place', 'State'] },
  LOCATED_IN: { from: ['Place', 'Group'], to: ['State'] },
};

export function isEntityType(value: unknown): value is EntityType {
  return typeof value === 'string' && (ENTITY_TYPES as readonly string[]).includes(value);
}

export function isRelationType(value: unknown): value is RelationType {
  return typeof value === 'string' && (RELATION_TYPES as readonly string[]).includes(value);
}

/** MEMBER_OF Actor → Group is valid, MEMBER_OF Case → Group is not. */
export function relationEndsAllowed(type: RelationType, from: EntityType, to: EntityType): boolean {
  const ends = RELATION_ENDS[type];
  if (type === 'MEMBER_OF' && from === 'Group') return to === 'Group';
  return ends.from.includes(from) && ends.to.includes(to);
}
