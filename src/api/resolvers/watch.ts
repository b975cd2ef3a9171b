// Subscription.watch: checks the arguments, then pushes each new or changed relation the
// polling engine (src/api/watch.ts) finds in the neighbourhood, every `intervalMs`.
import { intIn, notFound } from '../../graph/queries/common.js';
import { confidenceArg, idArg, relationTypesArg } from '../args.js';
import type { WatchArgs } from '../../graph/queries/watch.js';
import * as read from '../../graph/read.js';
import type { ApiContext } from '../context.js';
import { createLoaders } from '../loaders.js';
import { RelationWatch, watchSettings, type WatchOptions } from '../watch.js';

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((done) => {
    const timer = setTimeout(done, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        done();
      },
      { once: true },
    );
  });
}

export function watchResolvers(options: WatchOptions = {}) {
  const settings = watchSettings(options); // a bad setting stops the server at its start, not at the first watch
  const { intervalMs } = settings;
  return {
    Subscription: {
      watch: {
        subscribe: async function* (
          _: unknown,
          args: { entity: string; depth?: number | null; relationTypes?: string[] | null; minConfidence?: number | null },
          context: ApiContext & { request?: Request },
        ) {
          const watch: WatchArgs = {
            id: idArg('entity', args.entity),
            depth: intIn('depth', args.depth, 1, 3, 1),
            types: relationTypesArg('relationTypes', args.relationTypes),
            minConfidence: confidenceArg('minConfidence', args.minConfidence),
          };
          const [centre] = await read.entitiesByIds(context.graph, [watch.id]);
          if (!centre) throw notFound(`entity: no entity has id "${watch.id.slice(0, 80)}"`);
          const signal = context.request?.signal;
          const relations = await RelationWatch.start(context.graph, watch, settings);
          while (!signal?.aborted) {
            await sleep(intervalMs, signal);
            if (signal?.aborted) return;
            for (const { kind, row } of await relations.poll()) {
              // Fresh caches for each event: the entities may have changed since the last one.
              context.loaders = createLoaders(context.graph);
              context.loaders.primeEntities([row.source, row.target]);
              context.loaders.primeRelations([row.relation]);
              yield { watch: { kind, relation: row.relation, at: new Date().toISOString() } };
            }
          }
        },
      },
    },
  };
}
