// All resolvers, one file per group of root fields.
import { articleResolvers } from './articles.js';
import { curationResolvers, type CurationOptions } from './curation.js';
import { entityResolvers } from './entities.js';
import { healthResolvers } from './health.js';
import { interopResolvers } from './interop.js';
import { selectionExportResolvers } from './selection-export.js';
import { traversalResolvers, traversalTypes } from './traversals.js';
import type { WatchOptions } from '../watch.js';
import { watchResolvers } from './watch.js';
import { workspaceResolvers } from './workspaces.js';

export interface ResolverOptions {
  watch?: WatchOptions;
  curation?: CurationOptions;
}

export function resolvers(options: ResolverOptions = {}) {
  const curation = curationResolvers(options.curation);
  return {
    ...entityResolvers,
    ...articleResolvers,
    ...traversalTypes,
    Query: {
      ...healthResolvers.Query,
      ...entityResolvers.Query,
      ...traversalResolvers.Query,
      ...articleResolvers.Query,
      ...curation.Query,
      ...workspaceResolvers.Query,
      ...interopResolvers.Query,
      ...selectionExportResolvers.Query,
    },
    Mutation: { ...curation.Mutation, ...workspaceResolvers.Mutation, ...interopResolvers.Mutation },
    Subscription: watchResolvers(options.watch).Subscription,
    ...curation.types,
  };
}
