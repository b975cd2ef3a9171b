// How the investigation commands reach the API: in-process (the graph the configuration names,
// the same schema and resolvers as `serve`, through yoga.fetch with no port), or over HTTP with
// --endpoint. Either way they send the operations analysts send, through ThreatGraphClient.
import { createApi } from '../api/server.js';
import { EntityByIdDocument, EntityByNameDocument } from '../client/generated.js';
import { ThreatGraphClient } from '../client/index.js';
import { ThreatGraphError } from '../errors.js';
import { openGraph, type OpenGraph } from '../graph/connect.js';
import type { GraphExecutor } from '../graph/executor.js';
import { ENTITY_TYPES, type EntityType } from '../ontology.js';

export interface ApiOptions {
  endpoint?: string;
  apiKey?: string;
}

export interface ApiSession {
  client: ThreatGraphClient;
  /** The graph, when the API runs in this process (null with --endpoint). */
  graph: GraphExecutor | null;
}

/** The local address the in-process API is reached at; nothing listens there. */
const IN_PROCESS = 'http://localhost/graphql';

export async function withApi<T>(options: ApiOptions, work: (session: ApiSession) => Promise<T>): Promise<T> {
  if (options.endpoint) {
    if (!/^https?:\/\/\S+$/.test(options.endpoint)) {
      throw new ThreatGraphError('cli', `--endpoint must be an http(s) URL such as http://localhost:4000/graphql, got "${options.endpoint}"`);
    }
    return work({ client: new ThreatGraphClient({ endpoint: options.endpoint, apiKey: options.apiKey }), graph: null });
  }
  // Like ingest: a local Neo4j already running (`threatgraph neo4j start`) is used as it is;
  // one this command had to start is stopped again when it ends.
  const opened: OpenGraph = await openGraph({ attached: true });
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
  const opened = await openGraph({ attached: true });
  try {
    return await work(opened.graph);
  } finally {
    await opened.close();
  }
}

/** An entity by name or alias (or id), or an error that names it and suggests `search`. */
export async function resolveEntity(client: ThreatGraphClient, area: string, name: string, type?: EntityType): Promise<{ id: string; name: string; type: string }> {
  const text = name.trim();
  if (text === '') throw new ThreatGraphError(area, 'the entity name is empty');
  const { entityByName } = await client.request(EntityByNameDocument, { name: text, type: type ?? null });
  if (entityByName) return entityByName;
  const { entity } = await client.request(EntityByIdDocument, { id: text });
  if (entity) return entity;
  throw new ThreatGraphError(area, `no entity named "${text}"${type ? ` of type ${type}` : ''} in the graph (try \`threatgraph search ${JSON.stringify(text)}\`)`, { code: 'NOT_FOUND' });
}

/** --type: an entity type from the ontology, or an error listing them. */
export function entityTypeOption(value: string | undefined, option = '--type'): EntityType | undefined {
  if (value === undefined) return undefined;
  const found = ENTITY_TYPES.find((t) => t.toLowerCase() === value.toLowerCase());
  if (!found) throw new ThreatGraphError('cli', `${option} must be one of ${ENTITY_TYPES.join(', ')}, got "${value}"`);
  return found;
}

/** An integer option within [min, max], or an error naming the option. */
export function intOption(option: string, value: string | undefined, min: number, max: number, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!/^-?\d+$/.test(value.trim()) || n < min || n > max) throw new ThreatGraphError('cli', `${option} must be an integer from ${min} to ${max}, got "${value}"`);
  return n;
}
