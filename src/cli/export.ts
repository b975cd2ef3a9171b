// `threatgraph export --format stix|graphml|csv|json [--entity NAME --depth N] [--out PATH]`:
// the whole graph, or one entity's neighbourhood, in a format other tools read (OpenCTI and
// MISP: STIX 2.1; Gephi and yEd: GraphML; neo4j-admin and spreadsheets: CSV; scripts: JSON).
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command } from 'commander';
import { ThreatGraphError } from '../errors.js';
import { ExportDocument, type ExportFormat as ApiExportFormat } from '../client/generated.js';
import { EXPORT_FORMATS, renderExport, type ExportFile, type ExportFormat } from '../export/index.js';
import { MAX_EXPORT_DEPTH, readGraphSnapshot, readNeighbourhoodSnapshot } from '../graph/export.js';
import { intOption, resolveEntity, withApi } from './api-session.js';

interface ExportOptions {
  format?: string;
  entity?: string;
  depth?: string;
  out?: string;
  cooccurrence?: boolean;
  endpoint?: string;
  apiKey?: string;
}

function exportFormat(value: string | undefined): ExportFormat {
  const found = EXPORT_FORMATS.find((f) => f === value);
  if (!found)
    throw new ThreatGraphError('export', `--format must be one of ${EXPORT_FORMATS.join(', ')}, got ${value === undefined ? 'nothing' : `"${value}"`}`);
  return found;
}

export function exportCommand(): Command {
  return new Command('export')
    .description("export the graph (or one entity's neighbourhood) as STIX 2.1, GraphML, neo4j-admin CSV or JSON")
    .option('--format <format>', `${EXPORT_FORMATS.join(', ')}`)
    .option('--entity <name>', 'only this entity (name, alias or id) and its neighbourhood')
    .option('--depth <n>', `with --entity: hops to follow, 1 to ${MAX_EXPORT_DEPTH}`, '1')
    .option('--out <path>', 'write here instead of standard output (csv: a directory for nodes.csv and relationships.csv)')
    .option('--cooccurrence', 'stix: include co-occurrence links (ASSOCIATED_WITH) as related-to (left out by default)')
    .option('--endpoint <url>', 'export through a running API (needs only an API key) instead of the local graph')
    .option('--api-key <key>', 'with --endpoint: the API key (default: THREATGRAPH_API_KEY)')
    .addHelpText(
      'after',
      [
        '',
        'Examples:',
        '  npx threatgraph export --format stix --out threatgraph.stix.json',
        '  npx threatgraph export --format stix --endpoint https://tg.example.org/graphql --out tg.stix.json   # THREATGRAPH_API_KEY set',
        '  npx threatgraph export --format graphml --entity Russia --depth 2 --out russia.graphml',
        '  npx threatgraph export --format csv --out csv/ && neo4j-admin database import full --nodes=csv/nodes.csv --relationships=csv/relationships.csv',
      ].join('\n'),
    )
    .action(async (options: ExportOptions, command: Command) => {
      const format = exportFormat(options.format);
      const depthGiven = command.getOptionValueSource('depth') === 'cli';
      if (depthGiven && !options.entity) throw new ThreatGraphError('export', '--depth needs --entity NAME (the whole graph has no depth)');
      const depth = intOption('--depth', options.depth, 1, MAX_EXPORT_DEPTH, 1);
      if (format === 'csv' && !options.out) throw new ThreatGraphError('export', 'csv writes two files (nodes.csv, relationships.csv): give --out DIRECTORY');
      await withApi({ endpoint: options.endpoint, apiKey: options.apiKey }, async ({ client, graph }) => {
        const entityId = options.entity ? (await resolveEntity(client, 'export', options.entity)).id : null;
        let files: ExportFile[];
        let counts: { entities: number; relations: number };
        if (graph) {
          const snapshot = entityId ? await readNeighbourhoodSnapshot(graph, entityId, depth) : await readGraphSnapshot(graph);
          files = renderExport(snapshot, format, { cooccurrence: options.cooccurrence ?? false });
          counts = { entities: snapshot.entities.length, relations: snapshot.relations.length };
        } else {
          // Through the API: the same readers and mappers run in the server.
          const { export: result } = await client.request(ExportDocument, {
            format: format.toUpperCase() as ApiExportFormat,
            scope: entityId ? { entity: entityId, depth } : null,
            cooccurrence: options.cooccurrence ?? false,
          });
          files = result.files;
          counts = { entities: result.entityCount, relations: result.relationCount };
        }
        const written: string[] = [];
        const write = (path: string, content: string) => {
          try {
            writeFileSync(path, content);
          } catch (error) {
            throw new ThreatGraphError('export', `cannot write ${path}: ${(error as Error).message}`, { cause: error });
          }
          written.push(path);
        };
        if (!options.out) {
          for (const f of files) process.stdout.write(f.content);
        } else if (format === 'csv' || (existsSync(options.out) && statSync(options.out).isDirectory())) {
          try {
            mkdirSync(options.out, { recursive: true });
          } catch (error) {
            throw new ThreatGraphError('export', `cannot create the directory ${options.out}: ${(error as Error).message}`, { cause: error });
          }
          for (const f of files) write(join(options.out, f.name), f.content);
        } else {
          write(options.out, files[0]!.content);
        }
        if (written.length) {
          console.error(`exported ${counts.entities} entities and ${counts.relations} relations as ${format} to ${written.join(', ')}`);
        }
      });
    });
}
