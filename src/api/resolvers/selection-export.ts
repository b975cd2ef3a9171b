// exportSelection: exactly the entities and links the caller names (the explorer's canvas) in
// a format other tools read, through the same renderers as `export` (resolvers/interop.ts).
import { renderExport, type ExportFormat } from '../../export/index.js';
import { badInput } from '../../graph/queries/common.js';
import { readSelectionSnapshot } from '../../graph/queries/selection.js';
import { idArg } from '../args.js';
import type { ApiContext } from '../context.js';

const FORMATS: Record<string, ExportFormat> = { STIX: 'stix', GRAPHML: 'graphml', CSV: 'csv', JSON: 'json' };

export const selectionExportResolvers = {
  Query: {
    exportSelection: async (
      _: unknown,
      args: { format: string; entities: string[]; relations?: string[] | null; cooccurrence?: boolean | null },
      { graph }: ApiContext,
    ) => {
      const format = FORMATS[args.format];
      if (!format) throw badInput(`format: must be one of ${Object.keys(FORMATS).join(', ')}`);
      const entities = args.entities.map((id, i) => idArg(`entities[${i}]`, id));
      const relations = args.relations ? args.relations.map((id, i) => idArg(`relations[${i}]`, id)) : null;
      const snapshot = await readSelectionSnapshot(graph, entities, relations);
      return {
        format: args.format,
        entityCount: snapshot.entities.length,
        relationCount: snapshot.relations.length,
        files: renderExport(snapshot, format, { cooccurrence: args.cooccurrence ?? false }),
      };
    },
  },
};
