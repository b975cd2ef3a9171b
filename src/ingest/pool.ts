// Extraction across cores: a piscina pool of worker threads, or the main thread for small runs
// (a worker costs about a second to load the extractor's gazetteers).
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Piscina } from 'piscina';
import { BUNDLE_DIR, BUNDLED } from '../config.js';
import type { ArticleInput } from '../extract/types.js';
import type { TaskResult } from './extract-task.js';

export interface Extractor {
  readonly threads: number;
  run(inputs: ArticleInput[]): Promise<TaskResult[]>;
  close(): Promise<void>;
}

export function defaultWorkers(): number {
  return Math.max(1, Math.min(availableParallelism(), 8));
}

export async function createExtractor(workers: number): Promise<Extractor> {
  if (workers <= 0) {
    const { extractMany } = await import('./extract-task.js');
    return { threads: 0, run: (inputs) => extractMany(inputs), close: async () => {} };
  }
  const pool = new Piscina({
    // the bundle's own entry, or, from the sources, worker.mjs (which loads them through tsx)
    filename: BUNDLED ? pathToFileURL(join(BUNDLE_DIR, 'extract-task.js')).href : new URL('./worker.mjs', import.meta.url).href,
    name: 'extractMany',
    minThreads: workers,
    maxThreads: workers,
    idleTimeout: 60_000,
  });
  return {
    threads: workers,
    run: (inputs) => pool.run(inputs) as Promise<TaskResult[]>,
    close: () => pool.destroy(),
  };
}
