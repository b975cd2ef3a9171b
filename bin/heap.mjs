// `threatgraph ingest --bulk` holds the whole load's rows in memory to merge them before the
// import: at 100,000 articles that needs more than Node's default heap (about 4 GiB on a 24 GiB
// machine; the run stopped with "JavaScript heap out of memory"). The CLI then starts itself
// again with a heap of half the machine's memory, at most 16 GiB, unless one was asked for.
import { spawnSync } from 'node:child_process';
import { totalmem } from 'node:os';
import { getHeapStatistics } from 'node:v8';

const MAX_MB = 16384;

/**
 * The node flag the command should be run again with, or null to run as it is.
 * @param {{ argv: string[], execArgv: string[], nodeOptions: string | undefined, totalBytes: number, heapLimitBytes: number }} p
 */
export function bulkHeapFlag({ argv, execArgv, nodeOptions, totalBytes, heapLimitBytes }) {
  if (!argv.includes('--bulk')) return null;
  const asked = (s) => /--max-old-space-size/.test(s);
  if (execArgv.some(asked) || asked(nodeOptions ?? '')) return null;
  const mb = Math.min(MAX_MB, Math.floor(totalBytes / 2 / 2 ** 20));
  // a small machine whose half is no more than the default gains nothing
  if (mb * 2 ** 20 <= heapLimitBytes) return null;
  return `--max-old-space-size=${mb}`;
}

/**
 * Runs `script` again in a child Node with the larger heap when bulkHeapFlag asks for one, and
 * exits with the child's status; returns when the process may go on as it is. `argv` says
 * whether the run is a bulk load (the CLI's own arguments, or ['--bulk'] for the bench).
 * @param {string} script
 * @param {string[]} argv
 */
export function runAgainWithBulkHeap(script, argv) {
  const flag = bulkHeapFlag({
    argv,
    execArgv: process.execArgv,
    nodeOptions: process.env.NODE_OPTIONS,
    totalBytes: totalmem(),
    heapLimitBytes: getHeapStatistics().heap_size_limit,
  });
  if (!flag) return;
  const child = spawnSync(process.execPath, [flag, ...process.execArgv, script, ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(child.status ?? (child.signal ? 1 : 0));
}
