// The `threatgraph` CLI: one sub-command per file in this folder. Only the sub-command asked
// for is loaded (a read command must not pay for the extractor, the gazetteers or the ingest
// pipeline); `threatgraph --help` loads them all to list them.
import { Command, CommanderError } from 'commander';
import { exitCodeOf, installBrokenPipeHandler } from './exit.js';
import { setWide } from './output.js';

/** Sub-commands in the order help lists them; `./name.js` exports the factory `nameCommand` (import-stix: importStixCommand). */
const COMMANDS = [
  'neo4j',
  'serve',
  'ingest',
  'forget',
  'reextract',
  'extract',
  'search',
  'show',
  'neighbours',
  'path',
  'tied',
  'query',
  'export',
  'import-stix',
];

/** Loads one sub-command's file and builds its Command. */
async function load(name: string): Promise<Command> {
  const factory = `${name.replace(/-(\w)/g, (_, c: string) => c.toUpperCase())}Command`;
  // a name esbuild leaves alone: the bundle (scripts/build.ts) has each sub-command's file beside this one
  const file = `./${name}.js`;
  const module = (await import(file)) as Record<string, () => Command>;
  return module[factory]!();
}

/** The root command with the sub-command `argv` names (or, for help and mistakes, all of them). */
export async function program(argv: string[] = []): Promise<Command> {
  const root = new Command('threatgraph')
    .description('ThreatGraph: threat-intelligence articles into a Neo4j knowledge graph you can question')
    .option('--wide', 'tables: never cut long cells (ids are never cut)')
    .showHelpAfterError()
    .exitOverride()
    .hook('preAction', (command) => setWide(Boolean(command.opts().wide)));
  const asked = argv.slice(2).find((a) => !a.startsWith('-'));
  const one = asked !== undefined && COMMANDS.includes(asked);
  for (const command of one ? [await load(asked)] : await Promise.all(COMMANDS.map(load))) {
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
    console.error(message.startsWith('[threatgraph]') ? message : ((error as Error).stack ?? message));
    process.exitCode = exitCodeOf(error);
  }
}
