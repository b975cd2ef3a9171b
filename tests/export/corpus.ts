// The sample corpus (ingest/), ingested once per test file into the emptied test graph with the
// real pipeline: every export test reads what analysts would have.
import { join } from 'node:path';
import type { GraphExecutor } from '../../src/graph/executor.js';
import { ingestSources } from '../../src/ingest/pipeline.js';
import { PROJECT_ROOT } from '../../src/neo4j/local.js';
import { emptyGraph } from '../helpers/graph.js';

export const CORPUS = join(PROJECT_ROOT, 'ingest');

export async function ingestCorpus(graph: GraphExecutor): Promise<void> {
  await emptyGraph(graph);
  const summary = await ingestSources(graph, [CORPUS], { workers: 0 });
  if (summary.articles.failed > 0 || summary.articles.new === 0) {
    throw new Error(`ingesting ${CORPUS} failed: ${JSON.stringify(summary.failures.slice(0, 3))}`);
  }
}

/** Nodes and relationships of each kind: what a failed command must leave unchanged. */
export async function graphFingerprint(graph: GraphExecutor): Promise<Record<string, number>> {
  const rows = await graph.read<{ key: string; n: number }>({
    cypher: `CALL { MATCH (n) UNWIND labels(n) AS l RETURN 'node:' + l AS key, count(*) AS n
             UNION ALL MATCH ()-[r]->() RETURN 'rel:' + type(r) AS key, count(*) AS n }
             RETURN key, n ORDER BY key`,
  });
  return Object.fromEntries(rows.map((r) => [r.key, r.n]));
}
