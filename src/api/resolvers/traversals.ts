// Query.neighbourhood, paths and traverse: one Cypher query each; what they return primes the
// request's caches so the nested fields (ends, evidence) batch instead of querying per item.
import { Kind, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';
import { MAX_ATTRIBUTION_HOPS } from '../../graph/queries/attribution.js';
import { badInput, intIn, notFound, type Direction } from '../../graph/queries/common.js';
import { entityTypesArg, idArg, relationTypesArg, relFilterParams, type RelFilterArgs } from '../args.js';
import { NEIGHBOURHOOD_EDGE_LIMIT, type PathStrategy } from '../../graph/queries/subgraph.js';
import * as read from '../../graph/read.js';
import type { EntityRecord, PathRecord, RelationRecord } from '../../graph/read.js';
import { CLAIMS } from '../../ontology.js';
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
  withOrgans?: boolean | null;
  steps: { relationTypes?: string[] | null; direction?: Direction | null; entityTypes?: string[] | null }[];
  minConfidence?: number | null;
  includeRejected?: boolean | null;
  limit?: number | null;
}

/**
 * The names of the fields selected under `field` of this resolver's field (fragments followed),
 * or null when a directive could change them: what the query need project, nothing more.
 */
function selectedUnder(info: GraphQLResolveInfo, field: string): string[] | null {
  const names = new Set<string>();
  const visit = (set: SelectionSetNode | undefined, into: boolean): boolean => {
    for (const s of set?.selections ?? []) {
      if (s.directives?.length) return false;
      if (s.kind === Kind.FIELD) {
        if (into) names.add(s.name.value);
        else if (s.name.value === field && !visit(s.selectionSet, true)) return false;
      } else if (s.kind === Kind.INLINE_FRAGMENT) {
        if (!visit(s.selectionSet, into)) return false;
      } else {
        const fragment = info.fragments[s.name.value];
        if (!fragment || !visit(fragment.selectionSet, into)) return false;
      }
    }
    return true;
  };
  for (const node of info.fieldNodes) if (!visit(node.selectionSet, false)) return null;
  return [...names];
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

interface AttributionArgs extends RelFilterArgs {
  from: string;
  to?: string | null;
  maxHops?: number | null;
  limit?: number | null;
}

type Role = 'ORGAN' | 'PROXY' | 'SUPPORT' | 'MEMBER' | 'RESPONSIBLE';
interface AttributionStep {
  role: Role;
  from: EntityRecord;
  to: EntityRecord;
  relation: RelationRecord;
}

/** What each link of a chain says, read in the chain's direction. */
function toChain(context: ApiContext, row: PathRecord) {
  primeSubgraph(context, row.nodes, row.relations);
  let proxied = false;
  const steps: AttributionStep[] = row.relations.map((relation, i) => {
    let role: Role;
    if (relation.type === 'USES_PROXY') role = 'PROXY';
    else if (relation.type === 'SUPPORTS') role = 'SUPPORT';
    else if (relation.type === 'RESPONSIBLE_FOR') role = 'RESPONSIBLE';
    else role = proxied || relation.sourceId !== row.nodes[i + 1]!.id ? 'MEMBER' : 'ORGAN';
    if (role === 'PROXY' || role === 'SUPPORT') proxied = true;
    return { role, from: row.nodes[i]!, to: row.nodes[i + 1]!, relation };
  });
  // the weakest claim along the chain (CLAIMS is strongest first)
  const rank = (c: unknown) => CLAIMS.indexOf(c as (typeof CLAIMS)[number]);
  const claims = row.relations.map((r) => r.claim).filter((c) => rank(c) >= 0);
  const claim = claims.sort((a, b) => rank(b) - rank(a))[0] ?? null;
  return { from: row.nodes[0]!, to: row.nodes.at(-1)!, nodes: row.nodes, steps, length: steps.length, score: row.score, claim };
}

export const traversalTypes = {
  AttributionStep: {
    claim: (s: AttributionStep) => s.relation.claim ?? null,
    firstSeen: (s: AttributionStep) => s.relation.firstSeen ?? null,
    lastSeen: (s: AttributionStep) => s.relation.lastSeen ?? null,
    assertedBy: async (s: AttributionStep, _: unknown, { loaders }: ApiContext) => {
      const row = await loaders.evidenceOf(0, 50).load(s.relation.id);
      return [...new Set(row.page.map((p) => p.evidence.assertedBy).filter((a): a is string => typeof a === 'string' && a !== ''))];
    },
    evidence: async (s: AttributionStep, args: { first?: number | null }, { loaders }: ApiContext) => {
      const first = intIn('first', args.first, 1, 20, 3);
      const row = await loaders.evidenceOf(0, 50).load(s.relation.id);
      return row.page.slice(0, first).map((p) => p.evidence);
    },
  },
};

export const traversalResolvers = {
  Query: {
    attribution: async (_: unknown, args: AttributionArgs, context: ApiContext) => {
      const from = idArg('from', args.from);
      const to = args.to == null ? null : idArg('to', args.to);
      if (from === to) throw badInput('from and to are the same entity: a chain needs two ends');
      const filter = relFilterParams(args);
      const options = {
        from,
        to,
        maxHops: intIn('maxHops', args.maxHops, 1, MAX_ATTRIBUTION_HOPS, 4),
        limit: intIn('limit', args.limit, 1, 50, 20),
        minConfidence: filter.minConfidence,
        includeRejected: filter.includeRejected,
      };
      const ends: [string, string][] = to
        ? [
            ['from', from],
            ['to', to],
          ]
        : [['from', from]];
      const [rows] = await Promise.all([read.attribution(context.graph, options), mustExist(context, ends)]);
      return rows.map((row) => toChain(context, row));
    },
    neighbourhood: async (_: unknown, args: NeighbourhoodArgs, context: ApiContext, info: GraphQLResolveInfo) => {
      const id = idArg('id', args.id);
      // up to a thousand edges: only the fields asked for are read (the profile's largest cost)
      const edgeFields = selectedUnder(info, 'edges');
      const filter = relFilterParams(args);
      const result = await read.neighbourhood(context.graph, {
        id,
        depth: intIn('depth', args.depth, 1, 3, 1),
        entityTypes: entityTypesArg('entityTypes', args.entityTypes),
        types: relationTypesArg('relationTypes', args.relationTypes),
        limit: intIn('limit', args.limit, 1, 500, 200),
        edgeLimit: intIn('edgeLimit', args.edgeLimit, 1, 5000, NEIGHBOURHOOD_EDGE_LIMIT),
        edgeFields,
        ...filter,
      });
      if (!result) throw notFound(`id: no entity has id "${id.slice(0, 80)}"`);
      // partial edges never enter the request's relation cache, where another field may read them whole
      primeSubgraph(context, result.nodes, edgeFields ? [] : result.edges);
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
      const rows = await read.paths(context.graph, options);
      // a path found has both ends: only no path asks whether they exist (run beside every
      // query, that look-up was a second transaction: paths p50 22.0 → 28.8 ms, 100,000 articles)
      if (rows.length === 0)
        await mustExist(context, [
          ['from', from],
          ['to', to],
        ]);
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
        read.traverse(context.graph, {
          start,
          withOrgans: args.withOrgans ?? false,
          steps,
          minConfidence: filter.minConfidence,
          includeRejected: filter.includeRejected,
          limit: intIn('limit', args.limit, 1, 200, 50),
        }),
        mustExist(context, [['start', start]]),
      ]);
      return toPaths(context, rows);
    },
  },
};
