// Configuration from the environment, validated once at start with errors that name the variable,
// and the project's own root, from which its data, schema, queries and launcher are found.
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ThreatGraphError } from './errors.js';

/** The checkout or installed package this code runs from (not the working directory). */
export const PROJECT_ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));

/** What `npm run build` makes (scripts/build.ts): the CLI, the extraction workers' entry and the explorer's page. */
export const BUNDLE_DIR = resolve(PROJECT_ROOT, 'dist', 'bundle');

/** Defined (true) in the bundle by scripts/build.ts; absent when the TypeScript sources run through tsx. */
declare const THREATGRAPH_BUNDLE: boolean | undefined;

/** This code runs from BUNDLE_DIR (bin/threatgraph.mjs chose it: no source is newer), not from src/. */
export const BUNDLED = typeof THREATGRAPH_BUNDLE !== 'undefined';

export interface Neo4jConfig {
  /** Null means: run the project's own local Neo4j. */
  uri: string | null;
  user: string;
  password: string | null;
  database: string | undefined;
}

export interface LocalNeo4jConfig {
  dataDir: string;
  port: number;
  heap: string;
  pageCache: string;
}

const URI_SCHEMES = ['bolt:', 'bolt+s:', 'bolt+ssc:', 'neo4j:', 'neo4j+s:', 'neo4j+ssc:'];
const MEMORY_SIZE = /^\d+[kmg]$/i;
// Neo4j database names: 3-63 characters, lower-case letters, digits, dots and dashes.
const DATABASE_NAME = /^[a-z][a-z0-9.-]{2,62}$/;

type Env = Record<string, string | undefined>;

export function neo4jConfig(env: Env = process.env): Neo4jConfig {
  const uri = env.NEO4J_URI?.trim() || null;
  if (uri !== null) {
    let parsed: URL;
    try {
      parsed = new URL(uri);
    } catch {
      throw new ThreatGraphError('config', `NEO4J_URI "${uri}" is not a URI; expected e.g. bolt://localhost:7687 or neo4j+s://xxxx.databases.neo4j.io`);
    }
    if (!URI_SCHEMES.includes(parsed.protocol)) {
      throw new ThreatGraphError('config', `NEO4J_URI "${uri}" has scheme "${parsed.protocol}"; use one of ${URI_SCHEMES.map((s) => s + '//').join(', ')}`);
    }
    if (!parsed.hostname) throw new ThreatGraphError('config', `NEO4J_URI "${uri}" names no host`);
    if (!env.NEO4J_PASSWORD) {
      throw new ThreatGraphError('config', 'NEO4J_URI is set but NEO4J_PASSWORD is not; set the password of NEO4J_USER (default neo4j)');
    }
  }
  const database = env.NEO4J_DATABASE?.trim() || undefined;
  if (database !== undefined && !DATABASE_NAME.test(database)) {
    throw new ThreatGraphError(
      'config',
      `NEO4J_DATABASE "${database}" is not a valid database name (lower-case letters, digits, dots and dashes, 3 to 63 characters)`,
    );
  }
  return {
    uri,
    user: env.NEO4J_USER?.trim() || 'neo4j',
    password: env.NEO4J_PASSWORD || null,
    database,
  };
}

export function localNeo4jConfig(env: Env = process.env, projectRoot = process.cwd()): LocalNeo4jConfig {
  const port = Number(env.NEO4J_LOCAL_PORT ?? 7687);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new ThreatGraphError('config', `NEO4J_LOCAL_PORT "${env.NEO4J_LOCAL_PORT}" is not a port number (1-65535)`);
  }
  const heap = env.NEO4J_HEAP ?? '1g';
  const pageCache = env.NEO4J_PAGECACHE ?? '512m';
  for (const [name, value] of [
    ['NEO4J_HEAP', heap],
    ['NEO4J_PAGECACHE', pageCache],
  ] as const) {
    if (!MEMORY_SIZE.test(value)) throw new ThreatGraphError('config', `${name} "${value}" is not a size such as 512m or 1g`);
  }
  return {
    dataDir: env.THREATGRAPH_DATA_DIR ?? `${projectRoot}/.data/neo4j`,
    port,
    heap,
    pageCache,
  };
}

export function serverPort(env: Env = process.env): number {
  const port = Number(env.PORT ?? 4000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ThreatGraphError('config', `PORT "${env.PORT}" is not a port number (0-65535)`);
  }
  return port;
}
