// Opening the graph for a long write: Neo4j may be starting or briefly away, so connecting is
// retried with exponential backoff before the error says what to do.
import { ThreatGraphError } from '../errors.js';
import { openGraph, type OpenGraph, type OpenGraphOptions } from '../graph/connect.js';

export interface RetryOptions {
  /** Attempts after the first. @default 4 */
  retries?: number;
  /** First wait; each next one doubles. @default 500 */
  backoffMs?: number;
  onRetry?: (attempt: number, waitMs: number, error: Error) => void;
}

export async function openGraphWithRetry(options: OpenGraphOptions & RetryOptions = {}): Promise<OpenGraph> {
  const retries = options.retries ?? 4;
  const backoff = options.backoffMs ?? 500;
  for (let attempt = 0; ; attempt++) {
    try {
      return await openGraph(options);
    } catch (error) {
      const unavailable = error instanceof ThreatGraphError && error.code === 'NEO4J_UNAVAILABLE';
      if (!unavailable) throw error;
      if (attempt >= retries) {
        throw new ThreatGraphError(
          'neo4j',
          `${error.message.replace(/^\[threatgraph\] \[neo4j\] /, '')} (gave up after ${attempt + 1} attempts over ${((backoff * (2 ** attempt - 1)) / 1000).toFixed(1)} s; nothing was written)`,
          { cause: error, code: 'NEO4J_UNAVAILABLE' },
        );
      }
      const wait = backoff * 2 ** attempt;
      options.onRetry?.(attempt + 1, wait, error);
      await new Promise((r) => setTimeout(r, wait));
    }
  }
}
