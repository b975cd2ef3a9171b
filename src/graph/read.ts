// The read side of the graph for the API: each function runs one query from ./queries in a
// read transaction and returns plain records. Batch functions take many ids and answer them
// with one query, so the API's loaders never run one query per result.
import type { EntityType, GraphRelationType } from '../ontology.js';
import type { GraphExecutor } from './executor.js';
import * as articlesQ from './queries/articles.js';
import * as attributionQ from './queries/attribution.js';
import * as entitiesQ from './queries/entities.js';
import * as relationsQ from './queries/relations.js';
import * as subgraphQ from './queries/subgraph.js';
import * as watchQ from './queries/watch.js';

/** An entity node's properties (the model's Entity). */
export interface EntityRecord {
  id: string;
  name: string;
  type: EntityType;
  aliases?: string[];
  analystAliases?: string[];
  mergedAliases?: string[];
  mergedAliasSources?: string[];
  mentionCount?: number;
  articleCount?: number;
  firstSeen?: string | null;
  lastSeen?: string | null;
  origin?: string;
  [key: string]: unknown;
}

/** A relationship's properties plus its type and end ids. */
export interface RelationRecord {
  id: string;
  type: GraphRelationType;
  sourceId: string;
  targetId: string;
  confidence?: number | null;
  claim?: string | null;
  evidenceCount?: number | null;
  weight?: number | null;
  firstSeen?: string | null;
  lastSeen?: string | null;
  updatedAt?: number | null;
  status?: string | null;
  note?: string | null;
  origin?: string | null;
  rules?: string[] | null;
}

export interface EvidenceRecord {
  id: string;
  relationId: string;
  articleId: string | null;
  sentence: string;
  rule: string;
  confidence: number;
  [key: string]: unknown;
}

export interface ArticleRecord {
  id: string;
  title?: string | null;
  published?: string | null;
  [key: string]: unknown;
}

export interface PathRecord {
  nodes: EntityRecord[];
  relations: RelationRecord[];
  score: number;
}

export async function entitiesByIds(graph: GraphExecutor, ids: readonly string[]): Promise<EntityRecord[]> {
  const rows = await graph.read<{ entity: EntityRecord }>(entitiesQ.entitiesByIds(ids));
  return rows.map((r) => r.entity);
}

export async function entityByName(graph: GraphExecutor, name: string, type: EntityType | null): Promise<EntityRecord | null> {
  const [row] = await graph.read<{ entity: EntityRecord }>(entitiesQ.entityByName(name, type));
  return row?.entity ?? null;
}

export async function searchEntities(
  graph: GraphExecutor,
  text: string,
  types: EntityType[] | null,
  skip: number,
  first: number,
): Promise<{ entity: EntityRecord; score: number }[]> {
  return graph.read<{ entity: EntityRecord; score: number }>(entitiesQ.searchEntities(text, types, skip, first));
}

export interface RelationsPage {
  id: string;
  total: number;
  page: { relation: RelationRecord; other: EntityRecord }[];
}

export async function relationsOf(graph: GraphExecutor, ids: readonly string[], args: relationsQ.RelationsOfArgs): Promise<RelationsPage[]> {
  return graph.read<RelationsPage>(relationsQ.relationsOf(ids, args));
}

export async function relationsByIds(
  graph: GraphExecutor,
  ids: readonly string[],
): Promise<{ relation: RelationRecord; source: EntityRecord; target: EntityRecord }[]> {
  return graph.read(relationsQ.relationsByIds(ids));
}

export interface EvidencePage {
  id: string;
  total: number;
  page: { evidence: EvidenceRecord; article: ArticleRecord | null }[];
}

export async function evidenceOf(graph: GraphExecutor, relationIds: readonly string[], skip: number, first: number): Promise<EvidencePage[]> {
  return graph.read<EvidencePage>(relationsQ.evidenceOf(relationIds, skip, first));
}

export async function neighbourhood(
  graph: GraphExecutor,
  args: subgraphQ.NeighbourhoodArgs,
): Promise<{ nodes: EntityRecord[]; edges: RelationRecord[]; truncated: boolean } | null> {
  const [row] = await graph.read<{ nodes: EntityRecord[]; edges: RelationRecord[]; truncated: boolean }>(subgraphQ.neighbourhood(args));
  return row ?? null;
}

export async function paths(graph: GraphExecutor, args: subgraphQ.PathsArgs): Promise<PathRecord[]> {
  return graph.read<PathRecord>(subgraphQ.paths(args));
}

export async function traverse(graph: GraphExecutor, args: subgraphQ.TraverseArgs): Promise<PathRecord[]> {
  return graph.read<PathRecord>(subgraphQ.traverse(args));
}

export async function attribution(graph: GraphExecutor, args: attributionQ.AttributionArgs): Promise<PathRecord[]> {
  return graph.read<PathRecord>(attributionQ.attribution(args));
}

export async function articlesPage(
  graph: GraphExecutor,
  filter: articlesQ.ArticleFilterArgs,
  skip: number,
  first: number,
): Promise<{ total: number; page: ArticleRecord[] }> {
  const [row] = await graph.read<{ total: number; page: ArticleRecord[] }>(articlesQ.articlesPage(filter, skip, first));
  return row ?? { total: 0, page: [] };
}

export async function articlesByIds(graph: GraphExecutor, ids: readonly string[]): Promise<ArticleRecord[]> {
  const rows = await graph.read<{ article: ArticleRecord }>(articlesQ.articlesByIds(ids));
  return rows.map((r) => r.article);
}

export async function articleEntities(
  graph: GraphExecutor,
  ids: readonly string[],
): Promise<{ id: string; mentions: { entity: EntityRecord; count: number }[] }[]> {
  return graph.read(articlesQ.articleEntities(ids));
}

export async function articleFacts(
  graph: GraphExecutor,
  ids: readonly string[],
  skip: number,
  first: number,
): Promise<{ id: string; total: number; page: EvidenceRecord[] }[]> {
  return graph.read(articlesQ.articleFacts(ids, skip, first));
}

export async function timeline(
  graph: GraphExecutor,
  id: string,
  since: string | null,
  until: string | null,
  first: number,
): Promise<{ article: ArticleRecord; mentions: number; facts: EvidenceRecord[] }[]> {
  return graph.read(articlesQ.timeline(id, since, until, first));
}

export async function changedRelations(
  graph: GraphExecutor,
  args: watchQ.WatchArgs,
  since: number,
  cap: number,
  afterId: string | null = null,
): Promise<{ relation: RelationRecord; source: EntityRecord; target: EntityRecord }[]> {
  return graph.read(watchQ.changedRelations(args, since, cap, afterId));
}

/** The neighbourhood's relations, the most recently changed first (a watch's starting snapshot). */
export async function latestRelations(
  graph: GraphExecutor,
  args: watchQ.WatchArgs,
  cap: number,
  before: { updatedAt: number; id: string } | null = null,
): Promise<{ relation: RelationRecord; source: EntityRecord; target: EntityRecord }[]> {
  return graph.read(watchQ.latestRelations(args, cap, before));
}

export async function entitiesPage(graph: GraphExecutor, filter: entitiesQ.EntityFilterArgs, skip: number, first: number): Promise<EntityRecord[]> {
  const rows = await graph.read<{ entity: EntityRecord }>(entitiesQ.entitiesPage(filter, skip, first));
  return rows.map((r) => r.entity);
}
