// `threatgraph import-stix FILE`: brings a STIX 2.1 bundle (from OpenCTI, MISP, or an earlier
// `export --format stix`) into the graph. The bundle is checked whole before anything is
// written, and written in one transaction: a bad file changes nothing.
import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { ThreatGraphError } from '../errors.js';
import { ImportStixDocument } from '../client/generated.js';
import { ThreatGraphClient } from '../client/index.js';
import { writeStixImport, type StixImportResult } from '../graph/import-stix.js';
import { planStixImport } from '../import/stix.js';
import { checkEndpoint, withGraph } from './api-session.js';
import { printJson } from './output.js';

export function importStixCommand(): Command {
  return new Command('import-stix')
    .description('import the entities and relationships of a STIX 2.1 bundle (origin "stix", the file recorded as their source)')
    .argument('<file>', 'a STIX 2.1 bundle (.json)')
    .option('--json', 'print the result as JSON')
    .option('--endpoint <url>', 'import through a running API (an API key with the ingestor role) instead of the local graph')
    .option('--api-key <key>', 'with --endpoint: the API key (default: THREATGRAPH_API_KEY)')
    .addHelpText(
      'after',
      '\nExamples:\n  npx threatgraph import-stix opencti-export.json\n  npx threatgraph import-stix enterprise-attack.json --endpoint https://tg.example.org/graphql',
    )
    .action(async (file: string, options: { json?: boolean; endpoint?: string; apiKey?: string }) => {
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch (error) {
        throw new ThreatGraphError(
          'import-stix',
          `cannot read ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`,
          { cause: error },
        );
      }
      // Checked here either way, so a bad file fails before any connection.
      const plan = planStixImport(text, file);
      let result: StixImportResult;
      if (options.endpoint) {
        const client = new ThreatGraphClient({ endpoint: checkEndpoint(options.endpoint), apiKey: options.apiKey });
        ({ importStix: result } = await client.request(ImportStixDocument, { bundle: text, name: file }));
      } else {
        result = await withGraph((graph) => writeStixImport(graph, plan, text));
      }
      for (const warning of plan.warnings) console.error(`[threatgraph] [import-stix] ${file}: ${warning}`);
      const skipped = Object.entries(plan.skipped)
        .map(([type, n]) => `${type} ${n}`)
        .join(', ');
      if (options.json)
        return printJson({
          file,
          bundleId: plan.bundleId,
          ...result,
          revoked: plan.revoked,
          deprecated: plan.deprecated,
          skipped: plan.skipped,
          warnings: plan.warnings,
        });
      console.log(
        `imported ${file}: ${plan.entities.length} entities (${result.entitiesCreated} new, ${result.entitiesMatched} already known), ` +
          `${plan.relations.length} relations (${result.relationsCreated} new, ${result.relationsMatched} already known)` +
          (plan.kept.length ? `; ${plan.kept.length} STIX objects kept as they are (${result.objectsKept} new)` : '') +
          (skipped ? `; not modelled: ${skipped}` : '') +
          `; source recorded as article ${result.articleId}`,
      );
    });
}
