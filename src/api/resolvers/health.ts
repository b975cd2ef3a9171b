// Query.health and viewer.
import { graphCounts } from '../../graph/stats.js';
import type { ApiContext } from '../context.js';

export const healthResolvers = {
  Query: {
    health: async (_: unknown, __: unknown, { graph, caller }: ApiContext) => {
      const counts = await graphCounts(graph);
      // Where the database is, is the server's business: admins only.
      return { neo4j: caller.role === 'admin' ? graph.uri : null, ...counts };
    },
    viewer: (_: unknown, __: unknown, { caller }: ApiContext) => ({ role: caller.role }),
  },
};
