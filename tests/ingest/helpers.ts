// Shared by the ingest tests: the graph's counts, and a snapshot of every aggregate that
// ingestion maintains, so that "replace" and "forget" can be compared with a clean ingest.
import type { GraphExecutor } from '../../src/graph/executor.js';
import { graphCountsQuery, toGraphCounts, type GraphCounts } from '../../src/graph/counts.js';

export async function counts(graph: GraphExecutor): Promise<GraphCounts> {
  const [row] = await graph.read<Record<string, number>>(graphCountsQuery());
  return toGraphCounts(row!);
}

const round = (n: number | null) => (n === null ? null : Math.round(n * 1e9) / 1e9);

/** Entities, typed relationships and associations with their aggregates, sorted by id. */
export async function snapshot(graph: GraphExecutor) {
  const entities = await graph.read({
    cypher: `MATCH (e:Entity) RETURN e.id AS id, e.mentionCount AS mentions, e.articleCount AS articles,
      e.firstSeen AS firstSeen, e.lastSeen AS lastSeen ORDER BY id`,
  });
  const relations = (
    await graph.read<{ confidence: number | null } & Record<string, unknown>>({
      cypher: `MATCH (s:Entity)-[r]->(t:Entity) WHERE NOT r:ASSOCIATED_WITH
      RETURN r.id AS id, type(r) AS type, s.id AS source, t.id AS target, r.evidenceCount AS evidenceCount,
        r.confidence AS confidence, r.claim AS claim, r.firstSeen AS firstSeen, r.lastSeen AS lastSeen,
        r.rules AS rules ORDER BY id`,
    })
  ).map((r) => ({ ...r, confidence: round(r.confidence), rules: [...(r.rules as string[])].sort() }));
  const associations = await graph.read({
    cypher: 'MATCH (s:Entity)-[r:ASSOCIATED_WITH]->(t:Entity) RETURN r.id AS id, s.id AS source, t.id AS target, r.weight AS weight ORDER BY id',
  });
  const evidence = await graph.read({ cypher: 'MATCH (ev:Evidence)-[:FROM]->(a:Article) RETURN ev.id AS id, a.id AS article ORDER BY id' });
  return { entities, relations, associations, evidence };
}
