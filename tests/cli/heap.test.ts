// `threatgraph ingest --bulk` starts itself again with a larger Node heap (bin/heap.mjs): the
// 100,000-article load ran out of the default 4 GiB while merging its rows.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { bulkHeapFlag } from '../../bin/heap.mjs';

const GiB = 2 ** 30;
const base = { argv: ['ingest', '--bulk', 'archive/'], execArgv: [], nodeOptions: undefined, totalBytes: 24 * GiB, heapLimitBytes: 4 * GiB };

describe('the heap of ingest --bulk', () => {
  it('is half the machine, at most 16 GiB, for --bulk only', () => {
    expect(bulkHeapFlag(base)).toBe('--max-old-space-size=12288');
    expect(bulkHeapFlag({ ...base, totalBytes: 64 * GiB })).toBe('--max-old-space-size=16384');
    expect(bulkHeapFlag({ ...base, argv: ['ingest', 'archive/'] })).toBeNull();
  });

  it('leaves a heap that was asked for, and a machine too small to gain', () => {
    expect(bulkHeapFlag({ ...base, nodeOptions: '--max-old-space-size=8192' })).toBeNull();
    expect(bulkHeapFlag({ ...base, execArgv: ['--max-old-space-size=8192'] })).toBeNull();
    expect(bulkHeapFlag({ ...base, totalBytes: 6 * GiB })).toBeNull();
  });

  it('runs the command again with that heap, passing on its output and exit code', () => {
    // a bad --bulk call fails the same way, with its message, in the process started again
    const run = spawnSync(process.execPath, ['bin/threatgraph.mjs', 'ingest', '--bulk', '/nonexistent/archive-folder'], {
      encoding: 'utf8',
      env: { ...process.env, NODE_OPTIONS: '' },
    });
    expect(run.status).not.toBe(0);
    expect(run.stderr + run.stdout).toMatch(/nonexistent\/archive-folder/);
  });
});
