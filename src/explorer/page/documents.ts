// The GraphQL operations the explorer sends (schema.graphql), and the shapes it reads back.
import type { EntityType } from '../../ontology.js';
import { gql } from './api.js';

export type Claim = 'ASSERTED' | 'ALLEGED' | 'SUSPECTED';
export type RelationStatus = 'AUTO' | 'CONFIRMED' | 'REJECTED';
/** The API's path strategies, and TIED: the attribution chains (organs → proxies → responsibility). */
export type PathStrategy = 'SHORTEST' | 'ALL_SHORTEST' | 'STRONGEST' | 'TIED';
export const PATH_STRATEGIES: readonly PathStrategy[] = ['SHORTEST', 'ALL_SHORTEST', 'STRONGEST', 'TIED'];

export interface EntitySummary {
  id: string;
  name: string;
  type: EntityType;
  mentionCount: number;
  articleCount: number;
  firstSeen: string | null;
  lastSeen: string | null;
}

export interface RelationSummary {
  id: string;
  type: string;
  source: { id: string };
  target: { id: string };
  confidence: number;
  claim: Claim | null;
  evidenceCount: number;
  weight: number | null;
  firstSeen: string | null;
  lastSeen: string | null;
  status: RelationStatus;
  origin: string;
}

export interface EntityDetails extends EntitySummary {
  aliases: string[];
  origin: string;
  role?: string | null;
  iso3?: string | null;
  groupKind?: string | null;
  caseKind?: string | null;
  date?: string | null;
}

export interface ArticleRef {
  id: string;
  title: string | null;
  url: string | null;
  published: string | null;
  source: string | null;
}

export interface TimelineEntry {
  date: string | null;
  mentions: number;
  article: ArticleRef;
}

export interface EvidenceItem {
  id: string;
  sentence: string;
  rule: string;
  confidence: number;
  claim: Claim | null;
  assertedBy: string | null;
  role: string | null;
  article: ArticleRef | null;
}

export interface RelationDetails extends RelationSummary {
  source: EntitySummary & { aliases: string[] };
  target: EntitySummary & { aliases: string[] };
  note: string | null;
  rules: string[];
  updatedAt: string | null;
  evidence: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: { node: EvidenceItem }[] };
}

export interface Subgraph {
  nodes: EntitySummary[];
  edges: RelationSummary[];
  truncated: boolean;
}

export interface PathResult {
  length: number;
  score: number;
  nodes: EntitySummary[];
  relations: RelationSummary[];
}

const ENTITY_FIELDS = `fragment EntityFields on Entity { id name type mentionCount articleCount firstSeen lastSeen }`;
const RELATION_FIELDS = `fragment RelationFields on Relation {
  id type source { id } target { id } confidence claim evidenceCount weight firstSeen lastSeen status origin
}`;
const ARTICLE_FIELDS = `fragment ArticleFields on Article { id title url published source }`;

export const VIEWER = `query ExplorerViewer { viewer { role } }`;

export const SEARCH = `query ExplorerSearch($text: String!, $first: Int) {
  search(text: $text, first: $first) { edges { score node { ...EntityFields } } }
}
${ENTITY_FIELDS}`;

/** The centre's links that pass the filters, counted by the API (whatever the node cap). */
export const NEIGHBOURHOOD = `query ExplorerNeighbourhood($id: ID!, $entityTypes: [EntityType!], $relationTypes: [RelationType!],
  $minConfidence: Float, $includeRejected: Boolean, $limit: Int, $edgeLimit: Int) {
  neighbourhood(id: $id, depth: 1, entityTypes: $entityTypes, relationTypes: $relationTypes,
    minConfidence: $minConfidence, includeRejected: $includeRejected, limit: $limit, edgeLimit: $edgeLimit) {
    truncated nodes { ...EntityFields } edges { ...RelationFields }
  }
  centre: entity(id: $id) {
    links: relations(direction: BOTH, types: $relationTypes, minConfidence: $minConfidence, includeRejected: $includeRejected, first: 1) { totalCount }
  }
}
${ENTITY_FIELDS}
${RELATION_FIELDS}`;

export interface NeighbourhoodAnswer {
  neighbourhood: Subgraph;
  centre: { links: { totalCount: number } } | null;
}

export interface WorkspaceSummary {
  id: string;
  name: string;
  savedBy: string;
  savedAt: string;
  entityCount: number;
}

export const WORKSPACES = `query ExplorerWorkspaces { workspaces(first: 100) { id name savedBy savedAt entityCount } }`;
export const WORKSPACE = `query ExplorerWorkspace($id: ID!) { workspace(id: $id) { id name savedBy savedAt entityCount state } }`;
export const SAVE_WORKSPACE = `mutation ExplorerSaveWorkspace($name: String!, $state: String!) {
  saveWorkspace(name: $name, state: $state) { id name savedBy savedAt entityCount }
}`;
export const DELETE_WORKSPACE = `mutation ExplorerDeleteWorkspace($id: ID!) { deleteWorkspace(id: $id) }`;

/** Evidence of several relations at once, for the report (aliases r0…rN). */
export function evidenceQuery(count: number): string {
  const params = Array.from({ length: count }, (_, i) => `$r${i}: ID!`).join(', ');
  const fields = Array.from(
    { length: count },
    (_, i) =>
      `r${i}: relation(id: $r${i}) { id evidence(first: 20) { totalCount edges { node { sentence rule confidence claim article { title url published source } } } } }`,
  ).join('\n');
  return `query ExplorerReportEvidence(${params}) {\n${fields}\n}`;
}

/** The API's export of exactly the canvas's entities and links: GraphML or STIX files as text. */
export const EXPORT_SELECTION = `query ExplorerExportSelection($format: ExportFormat!, $entities: [ID!]!, $relations: [ID!], $cooccurrence: Boolean) {
  exportSelection(format: $format, entities: $entities, relations: $relations, cooccurrence: $cooccurrence) { entityCount relationCount files { name content } }
}`;

export const MERGE_ENTITIES = `mutation ExplorerMerge($keep: ID!, $remove: ID!, $reason: String) {
  mergeEntities(keep: $keep, remove: $remove, reason: $reason) { record { id } entity { ...EntityFields } }
}
${ENTITY_FIELDS}`;
export const SPLIT_ENTITY = `mutation ExplorerSplit($mergeId: ID!) { splitEntity(mergeId: $mergeId) { kept { ...EntityFields } restored { ...EntityFields } } }
${ENTITY_FIELDS}`;
export const ADD_ALIAS = `mutation ExplorerAddAlias($entity: ID!, $alias: String!) { addAlias(entity: $entity, alias: $alias) { id aliases } }`;
export const ADD_RELATION = `mutation ExplorerAddRelation($input: AddRelationInput!) { addRelation(input: $input) { ...RelationFields note } }
${RELATION_FIELDS}`;

export const ENTITY = `query ExplorerEntity($id: ID!) {
  entity(id: $id) {
    ...EntityFields aliases origin
    ... on Actor { role }
    ... on State { iso3 }
    ... on Group { groupKind: kind }
    ... on Case { caseKind: kind date }
  }
  timeline(entity: $id, first: 200) { date mentions article { ...ArticleFields } }
}
${ENTITY_FIELDS}
${ARTICLE_FIELDS}`;

/** The API refuses operations with more than 15 aliases (graphql-armor): ask for 12 at a time. */
const ALIASES_PER_REQUEST = 12;

export type RelationWithEnds = RelationSummary & { source: EntitySummary; target: EntitySummary };

/** Fetches entities and relations by id, a few per request; unknown ids map to null. */
export async function loadByIds(
  entityIds: readonly string[],
  relationIds: readonly string[] = [],
): Promise<{
  entities: Map<string, EntitySummary | null>;
  relations: Map<string, RelationWithEnds | null>;
}> {
  const wanted: { id: string; kind: 'e' | 'r' }[] = [
    ...[...new Set(entityIds)].map((id) => ({ id, kind: 'e' as const })),
    ...[...new Set(relationIds)].map((id) => ({ id, kind: 'r' as const })),
  ];
  const entities = new Map<string, EntitySummary | null>();
  const relations = new Map<string, RelationWithEnds | null>();
  const batches: (typeof wanted)[] = [];
  for (let i = 0; i < wanted.length; i += ALIASES_PER_REQUEST) batches.push(wanted.slice(i, i + ALIASES_PER_REQUEST));
  await Promise.all(
    batches.map(async (batch) => {
      const variables: Record<string, string> = {};
      const params: string[] = [];
      const fields: string[] = [];
      batch.forEach(({ id, kind }, i) => {
        variables[`${kind}${i}`] = id;
        params.push(`$${kind}${i}: ID!`);
        fields.push(
          kind === 'e'
            ? `e${i}: entity(id: $e${i}) { ...EntityFields }`
            : `r${i}: relation(id: $r${i}) { ...RelationFields source { ...EntityFields } target { ...EntityFields } }`,
        );
      });
      const fragments = batch.some((b) => b.kind === 'r') ? `${ENTITY_FIELDS}\n${RELATION_FIELDS}` : ENTITY_FIELDS;
      const query = `query ExplorerByIds(${params.join(', ')}) {\n${fields.join('\n')}\n}\n${fragments}`;
      const data = await gql<Record<string, EntitySummary | RelationWithEnds | null>>(query, variables);
      batch.forEach(({ id, kind }, i) => {
        const found = data[`${kind}${i}`] ?? null;
        if (kind === 'e') entities.set(id, found as EntitySummary | null);
        else relations.set(id, found as RelationWithEnds | null);
      });
    }),
  );
  return { entities, relations };
}

export const RELATION = `query ExplorerRelation($id: ID!, $after: String) {
  relation(id: $id) {
    ...RelationFields note rules updatedAt
    source { ...EntityFields aliases }
    target { ...EntityFields aliases }
    evidence(first: 50, after: $after) {
      totalCount pageInfo { hasNextPage endCursor }
      edges { node { id sentence rule confidence claim assertedBy role article { ...ArticleFields } } }
    }
  }
}
${ENTITY_FIELDS}
${RELATION_FIELDS}
${ARTICLE_FIELDS}`;

export const PATHS = `query ExplorerPaths($from: ID!, $to: ID!, $strategy: PathStrategy, $maxHops: Int, $relationTypes: [RelationType!],
  $minConfidence: Float, $since: String, $until: String, $excludeHubs: Boolean, $includeRejected: Boolean, $limit: Int) {
  paths(from: $from, to: $to, strategy: $strategy, maxHops: $maxHops, relationTypes: $relationTypes, minConfidence: $minConfidence,
    since: $since, until: $until, excludeHubs: $excludeHubs, includeRejected: $includeRejected, limit: $limit) {
    length score nodes { ...EntityFields } relations { ...RelationFields }
  }
}
${ENTITY_FIELDS}
${RELATION_FIELDS}`;

export type AttributionRole = 'ORGAN' | 'PROXY' | 'SUPPORT' | 'MEMBER' | 'RESPONSIBLE';

export interface AttributionChain {
  length: number;
  score: number;
  claim: Claim | null;
  nodes: EntitySummary[];
  steps: Array<{
    role: AttributionRole;
    claim: Claim | null;
    assertedBy: string[];
    firstSeen: string | null;
    relation: RelationSummary;
    evidence: Array<{ sentence: string }>;
  }>;
}

export const ATTRIBUTION = `query ExplorerAttribution($from: ID!, $to: ID, $maxHops: Int, $minConfidence: Float, $includeRejected: Boolean, $limit: Int) {
  attribution(from: $from, to: $to, maxHops: $maxHops, minConfidence: $minConfidence, includeRejected: $includeRejected, limit: $limit) {
    length score claim nodes { ...EntityFields }
    steps { role claim assertedBy firstSeen relation { ...RelationFields } evidence(first: 1) { sentence } }
  }
}
${ENTITY_FIELDS}
${RELATION_FIELDS}`;

export const SET_RELATION_STATUS = `mutation ExplorerSetRelationStatus($id: ID!, $status: RelationStatus!, $note: String) {
  setRelationStatus(id: $id, status: $status, note: $note) { ...RelationFields note }
}
${RELATION_FIELDS}`;
