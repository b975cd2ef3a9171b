// The `threatgraph` CLI: one sub-command per file in this folder. Only the sub-command asked
// for is loaded (a read command must not pay for the extractor, the gazetteers or the ingest
// pipeline); `threatgraph --help` loads them all to list them.
import { Command, CommanderError } from 'commander';
import { exitCodeOf, installBrokenPipeHandler } from './exit.js';
import { setWide } from './output.js';

type Loader = () => Promise<Command>;

/** Sub-commands in the order help lists them. */
const COMMANDS: Record<string, Loader> = {
  neo4j: async () => (await import('./neo4j.js')).neo4jCommand(),
  serve: async () => (await import('./serve.js')).serveCommand(),
  ingest: async () => (await import('./ingest.js')).ingestCommand(),
  forget: async () => (await import('./forget.js')).forgetCommand(),
  reextract: async () => (await import('./reextract.js')).reextractCommand(),
  extract: async () => (await import('./extract.js')).extractCommand(),
  search: async () => (await import('./search.js')).searchCommand(),
  show: async () => (await import('./show.js')).showCommand(),
  neighbours: async () => (await import('./neighbours.js')).neighboursCommand(),
  path: async () => (await import('./path.js')).pathCommand(),
  tied: async () => (await import('./tied.js')).tiedCommand(),
  query: async () => (await import('./query.js')).queryCommand(),
  export: async () => (await import('./export.js')).exportCommand(),
  'import-stix': async () => (await import('./import-stix.js')).importStixCommand(),
};

/** The root command with the sub-command `argv` names (or, for help and mistakes, all of them). */
export async function program(argv: string[] = []): Promise<Command> {
  const root = new Command('threatgraph')
    .description('ThreatGraph: threat-intelligence articles into a Neo4j knowledge graph you can question')
    .option('--wide', 'tables: never cut long cells (ids are never cut)')
    .showHelpAfterError()
    .exitOverride()
    .hook('preAction', (command) => setWide(Boolean(command.opts().wide)));
  const asked = argv.slice(2).find((a) => !a.startsWith('-'));
  const load = asked !== undefined ? COMMANDS[asked] : undefined;
  for (const command of load ? [await load()] : await Promise.all(Object.values(COMMANDS).map((l) => l()))) {
    root.addCommand(throwInsteadOfExit(command));
  }
  return root;
}

/** Sub-commands throw their usage errors to main() (exit code 2) instead of exiting with 1. */
function throwInsteadOfExit(command: Command): Command {
  command.exitOverride();
  for (const sub of command.commands) throwInsteadOfExit(sub);
  return command;
}

export async function main(argv: string[]): Promise<void> {
  installBrokenPipeHandler();
  try {
    await (await program(argv)).parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version exit 0; a usage mistake exits 2 (commander printed it).
      process.exitCode = error.exitCode === 0 ? 0 : 2;
      return;
    }
    // Expected failures print one line; anything else keeps its stack for a bug report.
    const message = error instanceof Error ? error.message : String(error);
    console.error(message.startsWith('[threatgraph]') ? message : (error as Error).stack ?? message);
    process.exitCode = exitCodeOf(error);
  }
}
