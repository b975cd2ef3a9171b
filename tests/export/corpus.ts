// What a failed command must leave unchanged, for tests on the ingested sample corpus.
import type { GraphExecutor } from '../../src/graph/executor.js';

/** Nodes and relationships of each kind: what a failed command must leave unchanged. */
export async function graphFingerprint(graph: GraphExecutor): Promise<Record<string, number>> {
  const rows = await graph.read<{ key: string; n: number }>({
    cypher: `CALL { MATCH (n) UNWIND labels(n) AS l RETURN 'node:' + l AS key, count(*) AS n
             UNION ALL MATCH ()-[r]->() RETURN 'rel:' + type(r) AS key, count(*) AS n }
             RETURN key, n ORDER BY key`,
  });
  return Object.fromEntries(rows.map((r) => [r.key, r.n]));
}
