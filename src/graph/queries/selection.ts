// Reads exactly a chosen set of entities and links (the explorer's canvas) for the exporters,
// in one read transaction: the same rows as a neighbourhood export (src/graph/export.ts),
// limited to the ids given. Every id is a parameter.
import { EXPORT_TIMEOUT_MS, exportArticlesQuery, exportEntitiesQuery, exportRelationsQuery, exportStixObjectsQuery } from '../export.js';
import { run, type GraphExecutor } from '../executor.js';
import type { ExportArticle, ExportEntity, ExportRelation, GraphSnapshot } from '../rows.js';
import { badInput } from './common.js';

/** At most this many entities, and links, in one export of a selection (a canvas of 500 entities and 2,000 links fits). */
export const MAX_SELECTION_ENTITIES = 2_000;
export const MAX_SELECTION_RELATIONS = 10_000;

const named = (ids: readonly string[]) =>
  `${ids
    .slice(0, 5)
    .map((id) => JSON.stringify(id))
    .join(', ')}${ids.length > 5 ? ` and ${ids.length - 5} more` : ''}`;

/**
 * The entities `entityIds` and, among them, the relations `relationIds` (every relation
 * between them when null). An id the graph does not hold, or a relation whose ends are not
 * both among the entities, is a BAD_USER_INPUT error naming it: the export would not be what
 * was asked for.
 */
export async function readSelectionSnapshot(graph: GraphExecutor, entityIds: readonly string[], relationIds: readonly string[] | null): Promise<GraphSnapshot> {
  const ids = [...new Set(entityIds)];
  const wanted = relationIds === null ? null : new Set(relationIds);
  if (ids.length === 0) throw badInput('entities: give at least one entity id');
  if (ids.length > MAX_SELECTION_ENTITIES) {
    throw badInput(
      `entities: ${ids.length.toLocaleString('en')} ids, more than the ${MAX_SELECTION_ENTITIES.toLocaleString('en')} an export of a selection takes; export a neighbourhood (scope) or the whole graph`,
    );
  }
  if (wanted && wanted.size > MAX_SELECTION_RELATIONS) {
    throw badInput(
      `relations: ${wanted.size.toLocaleString('en')} ids, more than the ${MAX_SELECTION_RELATIONS.toLocaleString('en')} an export of a selection takes`,
    );
  }
  return graph.readTx(
    async (tx) => {
      const entities = await run<ExportEntity>(tx, exportEntitiesQuery(ids));
      const found = new Set(entities.map((e) => e.id));
      const missing = ids.filter((id) => !found.has(id));
      if (missing.length) throw badInput(`entities: no entity with id ${named(missing)} in the graph`);
      const among = await run<ExportRelation>(tx, exportRelationsQuery(ids));
      const relations = wanted ? among.filter((r) => wanted.has(r.id)) : among;
      if (wanted && relations.length < wanted.size) {
        const kept = new Set(relations.map((r) => r.id));
        throw badInput(`relations: no relation with id ${named([...wanted].filter((id) => !kept.has(id)))} between the entities given`);
      }
      const articles = await run<ExportArticle>(tx, exportArticlesQuery(ids));
      const stixObjects = (await run<{ json: string }>(tx, exportStixObjectsQuery())).map((r) => r.json);
      return { entities, relations, scope: { entityIds: ids }, articles, stixObjects };
    },
    { timeoutMs: EXPORT_TIMEOUT_MS },
  );
}
