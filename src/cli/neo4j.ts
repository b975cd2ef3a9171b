// `threatgraph neo4j start|stop|status`: the project's local Neo4j.
import { Command } from 'commander';
import { localNeo4jConfig, neo4jConfig } from '../config.js';
import { localStatus, startLocal, stopLocal } from '../neo4j/local.js';
import { createDriver, graphError } from '../graph/executor.js';

function formatBytes(bytes: number): string {
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

export function neo4jCommand(): Command {
  const command = new Command('neo4j').description('run the local Neo4j (Community 5.26, embedded; Bolt on 127.0.0.1)');

  command
    .command('start')
    .description('start the local Neo4j in the background and wait until Bolt answers')
    .action(async () => {
      const config = localNeo4jConfig();
      const running = await startLocal(config, { password: neo4jConfig().password, attached: false });
      // Bolt accepting a login is what "ready" means to every client.
      const driver = createDriver(running.uri, running.user, running.password);
      try {
        await driver.verifyConnectivity();
      } catch (error) {
        throw graphError(error, running.uri);
      } finally {
        await driver.close();
      }
      const how = running.startedMs > 0 ? `started in ${(running.startedMs / 1000).toFixed(1)} s` : 'already running';
      console.log(`Neo4j ${how}: ${running.uri} (user neo4j, password in ${config.dataDir}/password)`);
    });

  command
    .command('stop')
    .description('stop the local Neo4j cleanly (committed data is kept)')
    .action(async () => {
      const stopped = await stopLocal(localNeo4jConfig());
      console.log(stopped ? 'Neo4j stopped.' : 'Neo4j was not running.');
    });

  command
    .command('status')
    .description('whether the local Neo4j runs, where, and the size of its store')
    .option('--json', 'print as JSON')
    .action((options: { json?: boolean }) => {
      const status = localStatus(localNeo4jConfig());
      if (options.json) return console.log(JSON.stringify(status));
      console.log(status.running ? `running (pid ${status.pid}) at ${status.uri}` : 'not running');
      console.log(`store: ${status.dataDir} (${formatBytes(status.storeBytes)})`);
      if (!status.running) process.exitCode = 3;
    });

  return command;
}
