// Resolvers stay thin: each calls one function of the graph layer.
import { graphCounts } from '../graph/stats.js';
import type { ApiContext } from './context.js';

export const resolvers = {
  Query: {
    health: async (_: unknown, __: unknown, { graph }: ApiContext) => {
      const counts = await graphCounts(graph);
      return { neo4j: graph.uri, ...counts };
    },
  },
};
