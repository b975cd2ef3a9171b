// The GraphQL operations the explorer sends (schema.graphql), and the shapes it reads back.
import type { EntityType } from '../../ontology.js';

export type Claim = 'ASSERTED' | 'ALLEGED' | 'SUSPECTED';
export type RelationStatus = 'AUTO' | 'CONFIRMED' | 'REJECTED';
export type PathStrategy = 'SHORTEST' | 'ALL_SHORTEST' | 'STRONGEST';
export const PATH_STRATEGIES: readonly PathStrategy[] = ['SHORTEST', 'ALL_SHORTEST', 'STRONGEST'];

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

export const NEIGHBOURHOOD = `query ExplorerNeighbourhood($id: ID!, $entityTypes: [EntityType!], $relationTypes: [RelationType!],
  $minConfidence: Float, $includeRejected: Boolean, $limit: Int) {
  neighbourhood(id: $id, depth: 1, entityTypes: $entityTypes, relationTypes: $relationTypes,
    minConfidence: $minConfidence, includeRejected: $includeRejected, limit: $limit) {
    truncated nodes { ...EntityFields } edges { ...RelationFields }
  }
}
${ENTITY_FIELDS}
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

/** Fetches several entities (and relations) by id in one request, as aliases e0, e1… r0, r1…. */
export function byIds(entityIds: readonly string[], relationIds: readonly string[] = []): { query: string; variables: Record<string, string> } {
  const variables: Record<string, string> = {};
  const params: string[] = [];
  const fields: string[] = [];
  entityIds.forEach((id, i) => {
    variables[`e${i}`] = id;
    params.push(`$e${i}: ID!`);
    fields.push(`e${i}: entity(id: $e${i}) { ...EntityFields }`);
  });
  relationIds.forEach((id, i) => {
    variables[`r${i}`] = id;
    params.push(`$r${i}: ID!`);
    fields.push(`r${i}: relation(id: $r${i}) { ...RelationFields source { ...EntityFields } target { ...EntityFields } }`);
  });
  const fragments = relationIds.length ? `${ENTITY_FIELDS}\n${RELATION_FIELDS}` : ENTITY_FIELDS;
  return { query: `query ExplorerByIds(${params.join(', ')}) {\n${fields.join('\n')}\n}\n${fragments}`, variables };
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

export const SET_RELATION_STATUS = `mutation ExplorerSetRelationStatus($id: ID!, $status: RelationStatus!, $note: String) {
  setRelationStatus(id: $id, status: $status, note: $note) { ...RelationFields note }
}
${RELATION_FIELDS}`;
