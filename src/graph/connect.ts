// Opens the graph the configuration names: NEO4J_URI when set, else the project's local
// Neo4j (started if needed). Connectivity is checked and the schema migrated before use.
import { localNeo4jConfig, neo4jConfig, type Neo4jConfig } from '../config.js';
import { ThreatGraphError } from '../errors.js';
import { startLocal, stopChild, type RunningNeo4j } from '../neo4j/local.js';
import { createDriver, GraphExecutor, graphError } from './executor.js';
import { migrateSchema } from './schema.js';

export interface OpenGraph {
  graph: GraphExecutor;
  /** The local Neo4j this process started as its child, if any. */
  local: RunningNeo4j | null;
  /** Closes the driver, and stops the local Neo4j if this process started it. */
  close(): Promise<void>;
}

export interface OpenGraphOptions {
  env?: Record<string, string | undefined>;
  /** Start the local Neo4j as a child that ends with this process. @default true */
  attached?: boolean;
  /** @default true */
  migrate?: boolean;
  timeoutMs?: number;
}

export async function openGraph(options: OpenGraphOptions = {}): Promise<OpenGraph> {
  const env = options.env ?? process.env;
  const config: Neo4jConfig = neo4jConfig(env);
  let local: RunningNeo4j | null = null;
  let uri = config.uri;
  let password = config.password;
  if (uri === null) {
    local = await startLocal(localNeo4jConfig(env), { password: config.password, attached: options.attached ?? true });
    uri = local.uri;
    password = local.password;
  }
  if (password === null) throw new ThreatGraphError('config', 'NEO4J_PASSWORD is not set');

  const driver = createDriver(uri, config.user, password);
  const graph = new GraphExecutor(driver, uri, { database: config.database, timeoutMs: options.timeoutMs });
  const close = async () => {
    await driver.close();
    if (local?.child) await stopChild(local.child);
  };
  try {
    await driver.verifyConnectivity({ database: config.database });
    if (options.migrate ?? true) await migrateSchema(graph);
  } catch (error) {
    await close();
    throw graphError(error, uri);
  }
  return { graph, local: local?.child ? local : null, close };
}
