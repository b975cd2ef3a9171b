// Subscription.watch: polls the neighbourhood's relations for `updatedAt` changes (ingest may
// run in another process, so the graph is the only shared state) and pushes each new or
// changed relation. One bounded query per poll.
import { intIn, notFound } from '../../graph/queries/common.js';
import { confidenceArg, idArg, relationTypesArg } from '../args.js';
import type { WatchArgs } from '../../graph/queries/watch.js';
import * as read from '../../graph/read.js';
import type { ApiContext } from '../context.js';
import { createLoaders } from '../loaders.js';

export interface WatchOptions {
  /** How often the graph is polled. @default 1000 */
  intervalMs?: number;
}

/** Changes committed slightly out of order are still seen: each poll looks back this far. */
const LOOK_BACK_MS = 5000;
const INITIAL_CAP = 5000;
const POLL_CAP = 500;

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
  const intervalMs = options.intervalMs ?? 1000;
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
          // What is there already: later versions of these are CHANGED, anything else ADDED.
          const seen = new Map<string, number>();
          let watermark = 0;
          for (const row of await read.changedRelations(context.graph, watch, -1, INITIAL_CAP)) {
            seen.set(row.relation.id, row.relation.updatedAt ?? 0);
            watermark = Math.max(watermark, row.relation.updatedAt ?? 0);
          }
          while (!signal?.aborted) {
            await sleep(intervalMs, signal);
            if (signal?.aborted) return;
            const rows = await read.changedRelations(context.graph, watch, watermark - LOOK_BACK_MS, POLL_CAP);
            for (const row of rows) {
              const updatedAt = row.relation.updatedAt ?? 0;
              const before = seen.get(row.relation.id);
              if (before !== undefined && before >= updatedAt) continue;
              seen.set(row.relation.id, updatedAt);
              watermark = Math.max(watermark, updatedAt);
              // Fresh caches for each event: the entities may have changed since the last one.
              context.loaders = createLoaders(context.graph);
              context.loaders.primeEntities([row.source, row.target]);
              context.loaders.primeRelations([row.relation]);
              yield { watch: { kind: before === undefined ? 'ADDED' : 'CHANGED', relation: row.relation, at: new Date().toISOString() } };
            }
          }
        },
      },
    },
  };
}
