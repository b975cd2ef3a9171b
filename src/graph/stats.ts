// Size of the graph, for health checks and summaries.
import type { GraphExecutor } from './executor.js';

export async function graphCounts(graph: GraphExecutor): Promise<{ articles: number; entities: number }> {
  const [row] = await graph.read<{ articles: number; entities: number }>({
    cypher: `CALL { MATCH (a:Article) RETURN count(a) AS articles }
             CALL { MATCH (n:Entity) RETURN count(n) AS entities }
             RETURN articles, entities`,
  });
  return row ?? { articles: 0, entities: 0 };
}
