// The size of the graph by label and relationship type, for the ingest summary, tests and benchmarks.
import { ENTITY_TYPES, RELATION_TYPES } from '../ontology.js';
import type { CypherQuery } from './executor.js';

export interface GraphCounts {
  articles: number;
  entities: number;
  byType: Record<string, number>;
  relations: number;
  byRelation: Record<string, number>;
  associations: number;
  mentions: number;
  evidence: number;
  mergeRecords: number;
}

export function graphCountsQuery(): CypherQuery {
  const labels = ENTITY_TYPES.map((t) => `CALL { MATCH (n:${t}) RETURN count(n) AS n_${t} }`).join('\n');
  const rels = [...RELATION_TYPES, 'ASSOCIATED_WITH', 'MENTIONED_IN'].map((t) => `CALL { MATCH ()-[r:${t}]->() RETURN count(r) AS r_${t} }`).join('\n');
  return {
    cypher: `CALL { MATCH (a:Article) RETURN count(a) AS articles }
      CALL { MATCH (e:Entity) RETURN count(e) AS entities }
      CALL { MATCH (e:Evidence) RETURN count(e) AS evidence }
      CALL { MATCH (m:MergeRecord) RETURN count(m) AS mergeRecords }
      ${labels}
      ${rels}
      RETURN *`,
  };
}

export function toGraphCounts(row: Record<string, number>): GraphCounts {
  const byType: Record<string, number> = {};
  for (const t of ENTITY_TYPES) byType[t] = row[`n_${t}`] ?? 0;
  const byRelation: Record<string, number> = {};
  let relations = 0;
  for (const t of RELATION_TYPES) {
    byRelation[t] = row[`r_${t}`] ?? 0;
    relations += byRelation[t];
  }
  return {
    articles: row.articles ?? 0,
    entities: row.entities ?? 0,
    byType,
    relations,
    byRelation,
    associations: row.r_ASSOCIATED_WITH ?? 0,
    mentions: row.r_MENTIONED_IN ?? 0,
    evidence: row.evidence ?? 0,
    mergeRecords: row.mergeRecords ?? 0,
  };
}
