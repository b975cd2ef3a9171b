// The `threatgraph` CLI: one sub-command per file in this folder.
import { Command, CommanderError } from 'commander';
import { exportCommand } from './export.js';
import { importStixCommand } from './import-stix.js';
import { neighboursCommand } from './neighbours.js';
import { pathCommand } from './path.js';
import { queryCommand } from './query.js';
import { searchCommand } from './search.js';
import { showCommand } from './show.js';
import { tiedCommand } from './tied.js';
import { extractCommand } from './extract.js';
import { forgetCommand } from './forget.js';
import { ingestCommand } from './ingest.js';
import { neo4jCommand } from './neo4j.js';
import { serveCommand } from './serve.js';

export function program(): Command {
  const root = new Command('threatgraph')
    .description('ThreatGraph: threat-intelligence articles into a Neo4j knowledge graph you can question')
    .showHelpAfterError()
    .exitOverride();
  root.addCommand(neo4jCommand());
  root.addCommand(serveCommand());
  root.addCommand(ingestCommand());
  root.addCommand(forgetCommand());
  root.addCommand(extractCommand());
  root.addCommand(searchCommand());
  root.addCommand(showCommand());
  root.addCommand(neighboursCommand());
  root.addCommand(pathCommand());
  root.addCommand(tiedCommand());
  root.addCommand(queryCommand());
  root.addCommand(exportCommand());
  root.addCommand(importStixCommand());
  return root;
}

export async function main(argv: string[]): Promise<void> {
  try {
    await program().parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      process.exitCode = error.exitCode;
      return;
    }
    // Expected failures print one line; anything else keeps its stack for a bug report.
    const message = error instanceof Error ? error.message : String(error);
    console.error(message.startsWith('[threatgraph]') ? message : (error as Error).stack ?? message);
    process.exitCode = 1;
  }
}
