// Test access to the run's Neo4j (see tests/global-setup.ts).
import { join } from 'node:path';
import { inject } from 'vitest';
import { createDriver, GraphExecutor } from '../../src/graph/executor.js';
import { migrateSchema } from '../../src/graph/schema.js';
import { ingestSources, type IngestSummary } from '../../src/ingest/pipeline.js';
import { PROJECT_ROOT } from '../../src/config.js';

/** Environment variables that point ThreatGraph's own code at the test Neo4j. */
export function testEnv(): Record<string, string> {
  const { uri, user, password } = inject('neo4j');
  return { NEO4J_URI: uri, NEO4J_USER: user, NEO4J_PASSWORD: password };
}

/** An executor on the test Neo4j with the schema migrated. Close it in afterAll. */
export async function testGraph(): Promise<GraphExecutor> {
  const { uri, user, password } = inject('neo4j');
  const graph = new GraphExecutor(createDriver(uri, user, password), uri);
  await migrateSchema(graph);
  return graph;
}

/** Empties the test graph (test files run one at a time, each from an empty graph). */
export async function emptyGraph(graph: GraphExecutor): Promise<void> {
  await graph.write({ cypher: 'MATCH (n) DETACH DELETE n' });
}

/** Empties the test graph and ingests the sample corpus (ingest/) with the real pipeline. */
export async function ingestSampleCorpus(graph: GraphExecutor): Promise<IngestSummary> {
  await emptyGraph(graph);
  const corpus = join(PROJECT_ROOT, 'ingest');
  const summary = await ingestSources(graph, [corpus], { workers: 0 });
  if (summary.articles.failed > 0 || summary.articles.new === 0) {
    throw new Error(`ingesting ${corpus} failed: ${JSON.stringify(summary.failures.slice(0, 3))}`);
  }
  return summary;
}
