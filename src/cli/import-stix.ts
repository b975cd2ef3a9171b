// `threatgraph import-stix FILE`: brings a STIX 2.1 bundle (from OpenCTI, MISP, or an earlier
// `export --format stix`) into the graph. The bundle is checked whole before anything is
// written, and written in one transaction: a bad file changes nothing.
import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { ThreatGraphError } from '../errors.js';
import { writeStixImport } from '../graph/import-stix.js';
import { planStixImport } from '../import/stix.js';
import { withGraph } from './api-session.js';
import { printJson } from './output.js';

export function importStixCommand(): Command {
  return new Command('import-stix')
    .description('import the entities and relationships of a STIX 2.1 bundle (origin "stix", the file recorded as their source)')
    .argument('<file>', 'a STIX 2.1 bundle (.json)')
    .option('--json', 'print the result as JSON')
    .addHelpText('after', '\nExample:\n  npx threatgraph import-stix opencti-export.json')
    .action(async (file: string, options: { json?: boolean }) => {
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch (error) {
        throw new ThreatGraphError('import-stix', `cannot read ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`, { cause: error });
      }
      const plan = planStixImport(text, file);
      const result = await withGraph((graph) => writeStixImport(graph, plan, text));
      for (const warning of plan.warnings) console.error(`[threatgraph] [import-stix] ${file}: ${warning}`);
      const skipped = Object.entries(plan.skipped).map(([type, n]) => `${type} ${n}`).join(', ');
      if (options.json) return printJson({ file, bundleId: plan.bundleId, ...result, skipped: plan.skipped, warnings: plan.warnings });
      console.log(
        `imported ${file}: ${plan.entities.length} entities (${result.entitiesCreated} new, ${result.entitiesMatched} already known), ` +
          `${plan.relations.length} relations (${result.relationsCreated} new, ${result.relationsMatched} already known)` +
          (skipped ? `; skipped ${skipped}` : '') + `; source recorded as article ${result.articleId}`,
      );
    });
}
