// Measures the local Neo4j: cold start (new store) and warm start (existing store) to
// Bolt-ready, and the JVM's resident memory once ready. Prints medians of N runs.
//   npm run bench:neo4j -- [--runs 3]
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createDriver } from '../src/graph/executor.js';
import { freePort, startLocal, stopChild } from '../src/neo4j/local.js';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '3' } } });
const runs = Number(values.runs);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

async function startToBoltReady(dataDir: string): Promise<{ ms: number; rss: number }> {
  const started = performance.now();
  const local = await startLocal({ dataDir, port: await freePort(), heap: '1g', pageCache: '512m' }, { password: 'bench-password', attached: true });
  const driver = createDriver(local.uri, local.user, local.password);
  await driver.verifyConnectivity();
  const ms = performance.now() - started;
  await driver.close();
  const rss = rssMiB(local.child!.pid!);
  await stopChild(local.child!);
  return { ms, rss };
}

const cold: number[] = [];
const warm: number[] = [];
const rss: number[] = [];
for (let i = 0; i < runs; i++) {
  const dataDir = mkdtempSync(join(tmpdir(), 'threatgraph-bench-neo4j-'));
  const first = await startToBoltReady(dataDir);
  const second = await startToBoltReady(dataDir);
  cold.push(first.ms);
  warm.push(second.ms);
  rss.push(first.rss, second.rss);
  rmSync(dataDir, { recursive: true, force: true });
}
console.log(`local Neo4j, ${runs} runs (heap 1g, page cache 512m):`);
console.log(
  `  cold start to Bolt-ready (new store):      median ${(median(cold) / 1000).toFixed(1)} s  [${cold.map((v) => (v / 1000).toFixed(1)).join(', ')}]`,
);
console.log(
  `  warm start to Bolt-ready (existing store): median ${(median(warm) / 1000).toFixed(1)} s  [${warm.map((v) => (v / 1000).toFixed(1)).join(', ')}]`,
);
console.log(`  resident memory once ready:               median ${median(rss).toFixed(0)} MiB`);
