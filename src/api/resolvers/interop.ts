// Export and STIX import through the API: the same readers, mappers and writer as the CLI's
// `export` and `import-stix` (src/graph/export.ts, src/export, src/import, src/graph/import-stix.ts).
// Roles: export is a read (reader); importStix needs ingestor (plugins/auth.ts).
import { ThreatGraphError } from '../../errors.js';
import { renderExport, type ExportFormat } from '../../export/index.js';
import { MAX_EXPORT_DEPTH, readGraphSnapshot, readNeighbourhoodSnapshot } from '../../graph/export.js';
import { writeStixImport } from '../../graph/import-stix.js';
import { badInput, intIn } from '../../graph/queries/common.js';
import { idArg, textArg } from '../args.js';
import { planStixImport } from '../../import/stix.js';
import type { ApiContext } from '../context.js';

/** A bundle larger than this is refused: import it with the CLI, which reads the file itself. */
export const MAX_BUNDLE_CHARS = 50_000_000;

const FORMATS: Record<string, ExportFormat> = { STIX: 'stix', GRAPHML: 'graphml', CSV: 'csv', JSON: 'json' };

export const interopResolvers = {
  Query: {
    export: async (
      _: unknown,
      args: { format: string; scope?: { entity: string; depth?: number | null } | null; cooccurrence?: boolean | null },
      { graph }: ApiContext,
    ) => {
      const format = FORMATS[args.format];
      if (!format) throw badInput(`format: must be one of ${Object.keys(FORMATS).join(', ')}`);
      const snapshot = args.scope
        ? await readNeighbourhoodSnapshot(graph, idArg('scope.entity', args.scope.entity), intIn('scope.depth', args.scope.depth, 1, MAX_EXPORT_DEPTH, 1))
        : await readGraphSnapshot(graph);
      return {
        format: args.format,
        entityCount: snapshot.entities.length,
        relationCount: snapshot.relations.length,
        files: renderExport(snapshot, format, { cooccurrence: args.cooccurrence ?? false }),
      };
    },
  },
  Mutation: {
    importStix: async (_: unknown, args: { bundle: string; name?: string | null }, { graph }: ApiContext) => {
      if (args.bundle.length > MAX_BUNDLE_CHARS)
        throw badInput(
          `bundle: ${args.bundle.length.toLocaleString('en')} characters, more than the ${MAX_BUNDLE_CHARS.toLocaleString('en')} the API takes; use threatgraph import-stix FILE`,
        );
      const name = textArg('name', args.name ?? 'api');
      let plan: ReturnType<typeof planStixImport>;
      try {
        plan = planStixImport(args.bundle, name);
      } catch (error) {
        // A malformed bundle is the caller's to fix: its message names the field.
        if (error instanceof ThreatGraphError && error.code === 'BAD_STIX') throw badInput(error.message.replace(/^\[threatgraph\] /, ''));
        throw error;
      }
      const result = await writeStixImport(graph, plan, args.bundle);
      return {
        ...result,
        revoked: plan.revoked,
        deprecated: plan.deprecated,
        skipped: Object.entries(plan.skipped).map(([type, count]) => ({ type, count })),
        warnings: plan.warnings,
      };
    },
  },
};
