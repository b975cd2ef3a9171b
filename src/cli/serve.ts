// `threatgraph serve`: the local Neo4j (if NEO4J_URI is unset), then the GraphQL API.
// Ctrl-C stops the server and the Neo4j this process started, cleanly.
import { Command } from 'commander';
import { serverPort } from '../config.js';
import { openGraph } from '../graph/connect.js';
import { createApi, listen } from '../api/server.js';
import { ingestSources } from '../ingest/pipeline.js';
import { summaryLine } from '../ingest/report.js';

export function serveCommand(): Command {
  return new Command('serve')
    .description('serve the GraphQL API at http://localhost:PORT/graphql and the explorer at / (PORT, default 4000)')
    .option('--host <host>', 'interface to listen on', '127.0.0.1')
    .option('--ingest <dir>', 'ingest this folder first (unchanged articles are skipped)')
    .action(async (options: { host: string; ingest?: string }) => {
      const port = serverPort();
      const { graph, local, close } = await openGraph({ attached: true });
      if (local) console.log(`Neo4j started in ${(local.startedMs / 1000).toFixed(1)} s at ${local.uri}`);
      if (options.ingest) {
        const summary = await ingestSources(graph, [options.ingest]).catch(async (error) => {
          await close();
          throw error;
        });
        for (const f of summary.failures) console.error(`[threatgraph] [ingest] ${f.source}: ${f.reason}`);
        console.log(summaryLine(summary));
      }
      const api = createApi({ graph });
      let server;
      try {
        ({ server } = await listen(api, port, options.host));
      } catch (error) {
        await close();
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'EADDRINUSE') throw new Error(`[threatgraph] [serve] port ${port} is already in use: set PORT to another port`);
        throw error;
      }
      console.log(`GraphQL API at http://localhost:${port}/graphql`);
      console.log(`Graph explorer at http://localhost:${port}/`);

      let stopping = false;
      const shutdown = async () => {
        if (stopping) return;
        stopping = true;
        console.log('Stopping...');
        server.closeAllConnections();
        await new Promise((r) => server.close(r));
        await close();
        process.exit(0);
      };
      process.once('SIGINT', shutdown);
      process.once('SIGTERM', shutdown);
    });
}
