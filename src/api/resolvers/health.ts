// Query.health and viewer.
import { graphCounts } from '../../graph/stats.js';
import type { ApiContext } from '../context.js';

export const healthResolvers = {
  Query: {
    health: async (_: unknown, __: unknown, { graph }: ApiContext) => {
      const counts = await graphCounts(graph);
      return { neo4j: graph.uri, ...counts };
    },
    viewer: (_: unknown, __: unknown, { caller }: ApiContext) => ({ role: caller.role }),
  },
};
