// One real API (the explorer included) on the test Neo4j and one chromium per test file: set up
// before the file's tests, closed after them.
import type { Server } from 'node:http';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { createApi, listen } from '../../src/api/server.js';
import type { GraphExecutor } from '../../src/graph/executor.js';
import { testGraph } from '../helpers/graph.js';
import { launchChromium } from './browser.js';

export interface ExplorerServer {
  graph: GraphExecutor;
  /** The API's address, http://127.0.0.1:PORT. */
  url: string;
  browser: Browser;
}

/** The server and browser, filled in before the tests run; `fill` writes what the file reads. */
export function explorerServer(fill: (graph: GraphExecutor) => Promise<unknown>): ExplorerServer {
  const env = {} as ExplorerServer;
  let server: Server | undefined;
  beforeAll(async () => {
    env.graph = await testGraph();
    await fill(env.graph);
    let url: string;
    ({ server, url } = await listen(createApi({ graph: env.graph }), 0));
    env.url = url;
    env.browser = await launchChromium();
  });
  afterAll(async () => {
    await env.browser?.close();
    server?.closeAllConnections();
    await new Promise((done) => (server ? server.close(done) : done(undefined)));
    await env.graph?.close();
  });
  return env;
}
