// The graph's schema, migrated at every start. Every statement is IF NOT EXISTS, so a
// second run changes nothing. Labels come from the ontology's closed list.
import { ENTITY_TYPES, RELATION_TYPES } from '../ontology.js';
import type { GraphExecutor } from './executor.js';

/** The full-text index over entity names and aliases that `search` uses. */
export const ENTITY_NAME_INDEX = 'entity_names';

export function schemaStatements(): string[] {
  const statements = [
    'CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE',
    'CREATE CONSTRAINT article_id IF NOT EXISTS FOR (a:Article) REQUIRE a.id IS UNIQUE',
    'CREATE CONSTRAINT evidence_id IF NOT EXISTS FOR (e:Evidence) REQUIRE e.id IS UNIQUE',
    'CREATE CONSTRAINT merge_id IF NOT EXISTS FOR (m:MergeRecord) REQUIRE m.id IS UNIQUE',
    // STIX objects an import keeps as they were (software, markings, producers): src/graph/import-stix.ts.
    // The one lock node ingest processes take in turn (src/graph/write.ts takeResolutionLock).
    'CREATE CONSTRAINT ingest_lock_id IF NOT EXISTS FOR (l:IngestLock) REQUIRE l.id IS UNIQUE',
    'CREATE CONSTRAINT stix_object_id IF NOT EXISTS FOR (o:StixObject) REQUIRE o.id IS UNIQUE',
    'CREATE INDEX article_url IF NOT EXISTS FOR (a:Article) ON (a.url)',
    'CREATE INDEX article_key IF NOT EXISTS FOR (a:Article) ON (a.key)',
    'CREATE INDEX article_published IF NOT EXISTS FOR (a:Article) ON (a.published)',
    'CREATE INDEX evidence_relation IF NOT EXISTS FOR (e:Evidence) ON (e.relationId)',
    'CREATE INDEX entity_name IF NOT EXISTS FOR (n:Entity) ON (n.name)',
    'CREATE INDEX entity_key IF NOT EXISTS FOR (n:Entity) ON (n.nameKey)',
    'CREATE INDEX entity_mentions IF NOT EXISTS FOR (n:Entity) ON (n.mentionCount)',
    `CREATE FULLTEXT INDEX ${ENTITY_NAME_INDEX} IF NOT EXISTS FOR (n:${ENTITY_TYPES.join('|')}) ON EACH [n.name, n.aliasText]`,
  ];
  for (const label of ENTITY_TYPES) {
    statements.push(`CREATE CONSTRAINT ${label.toLowerCase()}_id IF NOT EXISTS FOR (n:${label}) REQUIRE n.id IS UNIQUE`);
  }
  for (const type of [...RELATION_TYPES, 'ASSOCIATED_WITH']) {
    statements.push(`CREATE INDEX rel_${type.toLowerCase()}_id IF NOT EXISTS FOR ()-[r:${type}]-() ON (r.id)`);
  }
  return statements;
}

/** Applies the schema and waits for the indexes to come online. */
export async function migrateSchema(graph: GraphExecutor): Promise<void> {
  for (const cypher of schemaStatements()) await graph.write({ cypher });
  await graph.write({ cypher: 'CALL db.awaitIndexes(60)' });
}
