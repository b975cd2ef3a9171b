// How the investigation commands reach the API: in-process (the graph the configuration names,
// the same schema and resolvers as `serve`, through yoga.fetch with no port), or over HTTP with
// --endpoint. Either way they send the operations analysts send, through ThreatGraphClient.
import type { Command } from 'commander';
import { EntityByIdDocument, EntityByNameDocument, EntityCandidatesDocument } from '../client/generated.js';
import { ThreatGraphClient } from '../client/index.js';
import { ThreatGraphError } from '../errors.js';
import type { OpenGraph } from '../graph/connect.js';
import type { GraphExecutor } from '../graph/executor.js';
import { nameKey } from '../graph/ids.js';
import { ENTITY_TYPES, type EntityType } from '../ontology.js';

export interface ApiOptions {
  endpoint?: string;
  apiKey?: string;
}

/** What an investigation command reads from its output options (readOptions adds them). */
export interface ReadOptions extends ApiOptions {
  json?: boolean;
  format?: string;
}

/** --json, --format and --endpoint, the options every investigation command takes; `csv` says what a CSV row is. */
export function readOptions(command: Command, csv?: string): Command {
  return command
    .option('--json', 'print JSON (the default when the output is not a terminal)')
    .option('--format <format>', `table, json or csv${csv ? ` (csv: ${csv})` : ''}`)
    .option('--endpoint <url>', 'use the API at this URL instead of the graph in this process');
}

export interface ApiSession {
  client: ThreatGraphClient;
  /** The graph, when the API runs in this process (null with --endpoint). */
  graph: GraphExecutor | null;
}

/** The local address the in-process API is reached at; nothing listens there. */
const IN_PROCESS = 'http://localhost/graphql';

/** --endpoint: an http(s) URL, or a usage error. */
export function checkEndpoint(endpoint: string): string {
  if (!/^https?:\/\/\S+$/.test(endpoint)) {
    throw new ThreatGraphError('cli', `--endpoint must be an http(s) URL such as http://localhost:4000/graphql, got "${endpoint}"`, { code: 'USAGE' });
  }
  return endpoint;
}

/** Says on stderr that this command had to start a Neo4j (a running one is used as it is). */
function noteStarted(opened: OpenGraph): void {
  if (opened.local) {
    console.error(
      `[threatgraph] started a local Neo4j for this command in ${(opened.local.startedMs / 1000).toFixed(1)} s (stopped when it ends; \`threatgraph neo4j start\` keeps one running, or use --endpoint)`,
    );
  }
}

export async function withApi<T>(options: ApiOptions, work: (session: ApiSession) => Promise<T>): Promise<T> {
  if (options.endpoint) {
    return work({ client: new ThreatGraphClient({ endpoint: checkEndpoint(options.endpoint), apiKey: options.apiKey }), graph: null });
  }
  // A running server named by the environment is used rather than a graph of our own.
  const fromEnv = process.env.THREATGRAPH_ENDPOINT;
  if (fromEnv) {
    console.error(`[threatgraph] using the API at ${fromEnv} (THREATGRAPH_ENDPOINT)`);
    return work({ client: new ThreatGraphClient({ endpoint: checkEndpoint(fromEnv), apiKey: options.apiKey }), graph: null });
  }
  // Like ingest: a local Neo4j already running (`threatgraph neo4j start`) is used as it is;
  // one this command had to start is stopped again when it ends. The API server and the graph
  // layer are loaded only here: with --endpoint a command loads neither.
  const { openGraph } = await import('../graph/connect.js');
  const { createApi } = await import('../api/server.js');
  const opened: OpenGraph = await openGraph({ attached: true });
  noteStarted(opened);
  try {
    // In-process calls need no API key: this process holds the Neo4j credentials already.
    const yoga = createApi({ graph: opened.graph, graphiql: false, apiKeys: null });
    const client = new ThreatGraphClient({
      endpoint: IN_PROCESS,
      apiKey: options.apiKey,
      fetch: async (input, init) => yoga.fetch(input, init),
    });
    return await work({ client, graph: opened.graph });
  } finally {
    await opened.close();
  }
}

/** The in-process graph, for commands that use the graph layer directly (export, import-stix). */
export async function withGraph<T>(work: (graph: GraphExecutor) => Promise<T>): Promise<T> {
  const { openGraph } = await import('../graph/connect.js');
  const opened = await openGraph({ attached: true });
  noteStarted(opened);
  try {
    return await work(opened.graph);
  } finally {
    await opened.close();
  }
}

/**
 * An entity by id, name or alias. Several entities with that exact name (or, when none has it
 * as a name, that alias) are an error listing them, never a silent pick; none is an error that
 * names the closest matches.
 */
export async function resolveEntity(
  client: ThreatGraphClient,
  area: string,
  name: string,
  type?: EntityType,
): Promise<{ id: string; name: string; type: string }> {
  const text = name.trim();
  if (text === '') throw new ThreatGraphError(area, 'the entity name is empty', { code: 'USAGE' });
  if (/^(Actor|State|Group|Case|Place):/.test(text)) {
    const { entity } = await client.request(EntityByIdDocument, { id: text });
    if (entity) return entity;
  }
  const { search } = await client.request(EntityCandidatesDocument, { text, types: type ? [type] : null });
  const nodes = search.edges.map((e) => e.node);
  const key = nameKey(text);
  const byName = nodes.filter((n) => nameKey(n.name) === key);
  const byAlias = nodes.filter((n) => n.aliases.some((a) => nameKey(a) === key));
  const candidates = byName.length > 0 ? byName : byAlias;
  if (candidates.length === 1) return candidates[0]!;
  if (candidates.length > 1) {
    const list = candidates.map((c) => `${c.id} (${c.type}, ${c.mentionCount} mentions)`).join(', ');
    throw new ThreatGraphError(area, `"${text}" names ${candidates.length} entities: ${list}; give one of these ids`, { code: 'AMBIGUOUS' });
  }
  // No exact name or alias: what the API resolves (a capital for its State, …), else the closest.
  const { entityByName } = await client.request(EntityByNameDocument, { name: text, type: type ?? null });
  if (entityByName) return entityByName;
  const close = nodes
    .slice(0, 3)
    .map((n) => `${n.name} (${n.id})`)
    .join(', ');
  throw new ThreatGraphError(
    area,
    `no entity named "${text}"${type ? ` of type ${type}` : ''} in the graph${close ? `; closest: ${close}` : ` (try \`threatgraph search ${JSON.stringify(text)}\`)`}`,
    { code: 'NOT_FOUND' },
  );
}

/** --type: an entity type from the ontology, or an error listing them. */
export function entityTypeOption(value: string | undefined, option = '--type'): EntityType | undefined {
  if (value === undefined) return undefined;
  const found = ENTITY_TYPES.find((t) => t.toLowerCase() === value.toLowerCase());
  if (!found) throw new ThreatGraphError('cli', `${option} must be one of ${ENTITY_TYPES.join(', ')}, got "${value}"`, { code: 'USAGE' });
  return found;
}

/** An integer option within [min, max], or an error naming the option. */
export function intOption(option: string, value: string | undefined, min: number, max: number, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!/^-?\d+$/.test(value.trim()) || n < min || n > max)
    throw new ThreatGraphError('cli', `${option} must be an integer from ${min} to ${max}, got "${value}"`, { code: 'USAGE' });
  return n;
}
