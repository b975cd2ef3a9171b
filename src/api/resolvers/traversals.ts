// Query.neighbourhood, paths and traverse: one Cypher query each; what they return primes the
// request's caches so the nested fields (ends, evidence) batch instead of querying per item.
import { badInput, entityTypesArg, idArg, intIn, notFound, relationTypesArg, relFilterParams, type Direction, type RelFilterArgs } from '../../graph/queries/common.js';
import type { PathStrategy } from '../../graph/queries/subgraph.js';
import * as read from '../../graph/read.js';
import type { PathRecord } from '../../graph/read.js';
import type { ApiContext } from '../context.js';
import { primeSubgraph } from './shared.js';

interface NeighbourhoodArgs extends RelFilterArgs {
  id: string;
  depth?: number | null;
  entityTypes?: string[] | null;
  relationTypes?: string[] | null;
  limit?: number | null;
  edgeLimit?: number | null;
}

interface PathsArgs extends RelFilterArgs {
  from: string;
  to: string;
  maxHops?: number | null;
  relationTypes?: string[] | null;
  excludeHubs?: boolean | null;
  hubDegree?: number | null;
  strategy?: PathStrategy | null;
  limit?: number | null;
}

interface TraverseArgs {
  start: string;
  steps: { relationTypes?: string[] | null; direction?: Direction | null; entityTypes?: string[] | null }[];
  minConfidence?: number | null;
  includeRejected?: boolean | null;
  limit?: number | null;
}

function toPaths(context: ApiContext, rows: PathRecord[]) {
  for (const row of rows) primeSubgraph(context, row.nodes, row.relations);
  return rows.map((row) => ({ nodes: row.nodes, relations: row.relations, length: row.relations.length, score: row.score }));
}

async function mustExist(context: ApiContext, ids: [string, string][]): Promise<void> {
  const found = await context.loaders.entity.loadMany(ids.map(([, id]) => id));
  ids.forEach(([name, id], i) => {
    if (!found[i] || found[i] instanceof Error) throw notFound(`${name}: no entity has id "${id.slice(0, 80)}"`);
  });
}

export const traversalResolvers = {
  Query: {
    neighbourhood: async (_: unknown, args: NeighbourhoodArgs, context: ApiContext) => {
      const id = idArg('id', args.id);
      const filter = relFilterParams(args);
      const result = await read.neighbourhood(context.graph, {
        id,
        depth: intIn('depth', args.depth, 1, 3, 1),
        entityTypes: entityTypesArg('entityTypes', args.entityTypes),
        types: relationTypesArg('relationTypes', args.relationTypes),
        limit: intIn('limit', args.limit, 1, 500, 200),
        edgeLimit: intIn('edgeLimit', args.edgeLimit, 1, 5000, 1000),
        ...filter,
      });
      if (!result) throw notFound(`id: no entity has id "${id.slice(0, 80)}"`);
      primeSubgraph(context, result.nodes, result.edges);
      return result;
    },
    paths: async (_: unknown, args: PathsArgs, context: ApiContext) => {
      const from = idArg('from', args.from);
      const to = idArg('to', args.to);
      if (from === to) throw badInput('from and to are the same entity');
      const filter = relFilterParams(args);
      const options = {
        from,
        to,
        maxHops: intIn('maxHops', args.maxHops, 1, 6, 4),
        types: relationTypesArg('relationTypes', args.relationTypes),
        excludeHubs: args.excludeHubs ?? false,
        hubDegree: intIn('hubDegree', args.hubDegree, 1, 100_000, 25),
        strategy: args.strategy ?? 'SHORTEST',
        limit: intIn('limit', args.limit, 1, 50, 10),
        ...filter,
      };
      const [rows] = await Promise.all([read.paths(context.graph, options), mustExist(context, [['from', from], ['to', to]])]);
      return toPaths(context, rows);
    },
    traverse: async (_: unknown, args: TraverseArgs, context: ApiContext) => {
      const start = idArg('start', args.start);
      intIn('steps (count)', args.steps.length, 1, 6, 1);
      const steps = args.steps.map((step, i) => ({
        types: relationTypesArg(`steps[${i}].relationTypes`, step.relationTypes),
        direction: step.direction ?? 'OUT',
        entityTypes: entityTypesArg(`steps[${i}].entityTypes`, step.entityTypes),
      }));
      const filter = relFilterParams(args);
      const [rows] = await Promise.all([
        read.traverse(context.graph, { start, steps, minConfidence: filter.minConfidence, includeRejected: filter.includeRejected, limit: intIn('limit', args.limit, 1, 200, 50) }),
        mustExist(context, [['start', start]]),
      ]);
      return toPaths(context, rows);
    },
  },
};
