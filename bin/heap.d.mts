/** The node flag `threatgraph ingest --bulk` is run again with, or null (bin/heap.mjs). */
export function bulkHeapFlag(p: {
  argv: string[];
  execArgv: string[];
  nodeOptions: string | undefined;
  totalBytes: number;
  heapLimitBytes: number;
}): string | null;
/** Runs `script` again with bulkHeapFlag's heap and exits with its status, or returns (bin/heap.mjs). */
export function runAgainWithBulkHeap(script: string, argv: string[]): void;
