// Builds the GraphQL server: schema-first from schema.graphql, served by graphql-yoga.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { makeExecutableSchema } from '@graphql-tools/schema';
import { createYoga, type YogaServerInstance } from 'graphql-yoga';
import type { GraphExecutor } from '../graph/executor.js';
import { PROJECT_ROOT } from '../neo4j/local.js';
import type { ApiContext } from './context.js';
import { resolvers } from './resolvers.js';

export const typeDefs = readFileSync(join(PROJECT_ROOT, 'schema.graphql'), 'utf8');

export interface ApiOptions {
  graph: GraphExecutor;
  /** GraphiQL at /graphql in a browser. @default true */
  graphiql?: boolean;
}

export function createApi(options: ApiOptions): YogaServerInstance<Record<string, unknown>, ApiContext> {
  const schema = makeExecutableSchema<ApiContext>({ typeDefs, resolvers });
  return createYoga<Record<string, unknown>, ApiContext>({
    schema,
    graphqlEndpoint: '/graphql',
    graphiql: options.graphiql ?? true,
    context: () => ({ graph: options.graph }),
  });
}

/** Serves the API on 127.0.0.1:port (0 picks a free port); resolves once listening. */
export async function listen(api: ReturnType<typeof createApi>, port: number, host = '127.0.0.1'): Promise<{ server: Server; url: string }> {
  const server = createServer(api);
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => done());
  });
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  return { server, url: `http://${host === '127.0.0.1' ? 'localhost' : host}:${actualPort}` };
}
