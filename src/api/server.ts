// Builds the GraphQL server: schema-first from schema.graphql, served by graphql-yoga at
// /graphql. This file only wires: context (caller + loaders), plugins, resolvers.
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { join } from 'node:path';
import { makeExecutableSchema } from '@graphql-tools/schema';
import { createYoga, type Plugin, type YogaServerInstance } from 'graphql-yoga';
import { ThreatGraphError } from '../errors.js';
import type { GraphExecutor } from '../graph/executor.js';
import { PROJECT_ROOT } from '../config.js';
import { apiKeysFromEnv, peerOf, resolveCaller, type ApiContext, type ApiKey } from './context.js';
import { createLoaders } from './loaders.js';
import { useExplorer } from '../explorer/serve.js';
import { useRoles } from './plugins/auth.js';
import { errorMasking, useResultShapes, withClientErrors } from './plugins/errors.js';
import { graphiqlPage } from './plugins/graphiql.js';
import { allowedOriginsFromEnv, useOrigins } from './plugins/origins.js';
import { useIntrospection } from './plugins/introspection.js';
import { useLimits, type LimitsOptions } from './plugins/limits.js';
import { useWork } from './plugins/work.js';
import { resolvers } from './resolvers/index.js';
import type { CurationOptions } from './resolvers/curation.js';
import type { WatchOptions } from './watch.js';

export const typeDefs = readFileSync(join(PROJECT_ROOT, 'schema.graphql'), 'utf8');

type Env = Record<string, string | undefined>;

export interface ApiOptions {
  graph: GraphExecutor;
  /** GraphiQL at /graphql in a browser. @default THREATGRAPH_GRAPHIQL, else on unless NODE_ENV=production */
  graphiql?: boolean;
  /** @default THREATGRAPH_INTROSPECTION, else on unless NODE_ENV=production */
  introspection?: boolean;
  /** API key → role. null: no keys, loopback clients only. @default from THREATGRAPH_API_KEYS(_FILE) */
  apiKeys?: Map<string, ApiKey> | null;
  /** Browser origins besides the server's own that may call /graphql. @default THREATGRAPH_ALLOWED_ORIGINS */
  allowedOrigins?: string[];
  limits?: LimitsOptions;
  watch?: WatchOptions;
  curation?: CurationOptions;
  /** More yoga plugins (e.g. the explorer page's useExplorer()). */
  plugins?: Plugin[];
  /** Where the defaults above are read from. @default process.env */
  env?: Env;
}

/** A boolean setting from the environment: true/false/1/0/on/off, or the fallback when unset. */
export function envFlag(env: Env, name: string, fallback: boolean): boolean {
  const value = env[name]?.trim().toLowerCase();
  if (value === undefined || value === '') return fallback;
  if (['1', 'true', 'on', 'yes'].includes(value)) return true;
  if (['0', 'false', 'off', 'no'].includes(value)) return false;
  throw new ThreatGraphError('config', `${name} "${env[name]}" is not a boolean (true or false)`);
}

export type Api = YogaServerInstance<{ req?: IncomingMessage }, ApiContext>;

export function createApi(options: ApiOptions): Api {
  const env = options.env ?? process.env;
  const development = env.NODE_ENV !== 'production';
  const keys = options.apiKeys !== undefined ? options.apiKeys : apiKeysFromEnv(env);
  const schema = makeExecutableSchema<ApiContext>({ typeDefs, resolvers: withClientErrors(resolvers({ watch: options.watch, curation: options.curation })) });
  const graph = options.graph;
  const graphiql = graphiqlPage('/graphql');
  return createYoga<{ req?: IncomingMessage }, ApiContext>({
    schema,
    graphqlEndpoint: '/graphql',
    landingPage: false,
    graphiql: options.graphiql ?? envFlag(env, 'THREATGRAPH_GRAPHIQL', development),
    renderGraphiQL: graphiql.render,
    // Cross-origin requests are decided by useOrigins: yoga's default CORS echoes any origin.
    cors: false,
    maskedErrors: errorMasking(),
    context: ({ request, req }) => ({
      graph,
      caller: resolveCaller(request.headers.get('authorization'), peerOf(req, request.headers), keys),
      loaders: createLoaders(graph),
    }),
    plugins: [
      useOrigins({ allowedOrigins: options.allowedOrigins ?? allowedOriginsFromEnv(env), loopbackTrusted: keys === null }),
      graphiql.plugin,
      useExplorer(), // the graph explorer page at / and /explorer/*, saved queries at /queries
      useIntrospection({ enabled: options.introspection ?? envFlag(env, 'THREATGRAPH_INTROSPECTION', development) }),
      useLimits(options.limits),
      useRoles(),
      // after the roles, so that a refused caller holds no slot
      useWork(options.limits),
      useResultShapes(),
      ...(options.plugins ?? []),
    ],
  });
}

/** Serves the API on host:port (0 picks a free port); resolves once listening. */
export async function listen(api: Api, port: number, host = '127.0.0.1'): Promise<{ server: Server; url: string }> {
  const server = createServer(api);
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => done());
  });
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  return { server, url: `http://${host === '127.0.0.1' ? 'localhost' : host}:${actualPort}` };
}
