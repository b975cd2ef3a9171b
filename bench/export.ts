// npm run bench:export [-- --articles N] [--runs N]: the CLI's start (CPU and wall time of a read
// command that loads no graph: `search --endpoint` to a closed port, and of `--help`, which
// loads every sub-command), then builds a graph from the ingestion benchmark's generator
// (2,000 articles) in a throw-away local Neo4j and prints medians of: reading the whole graph for
// export against a plain read of the same entities and relationships; each export (read and
// render, and render alone); and importing the STIX bundle into an empty graph against a plain
// UNWIND … MERGE of the same nodes and relationships.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { renderExport, EXPORT_FORMATS } from '../src/export/index.js';
import { toStixBundle } from '../src/export/stix.js';
import { createDriver, GraphExecutor } from '../src/graph/executor.js';
import { readGraphSnapshot } from '../src/graph/export.js';
import { writeStixImport } from '../src/graph/import-stix.js';
import { migrateSchema } from '../src/graph/schema.js';
import { planStixImport } from '../src/import/stix.js';
import { ingestArticles } from '../src/ingest/pipeline.js';
import { PROJECT_ROOT } from '../src/config.js';
import { freePort, startLocal, stopChild } from '../src/neo4j/local.js';
import { generateCorpus } from './generate-corpus.js';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const value = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isInteger(value) || value < 1) throw new Error(`[threatgraph] [bench] --${name} must be a positive integer`);
  return value;
}

const ARTICLES = arg('articles', 2000);
const RUNS = arg('runs', 5);

async function median(runs: number, fn: () => Promise<unknown> | unknown, before?: () => Promise<unknown>): Promise<number> {
  const ms: number[] = [];
  for (let i = 0; i < runs + 1; i++) {
    if (before) await before();
    const t = performance.now();
    await fn();
    if (i > 0) ms.push(performance.now() - t); // the first run warms up
  }
  ms.sort((a, b) => a - b);
  return ms[Math.floor(ms.length / 2)]!;
}

const fmt = (ms: number) => `${ms.toFixed(0).padStart(6)} ms`;

/** CPU (user + system) and wall seconds of one CLI run, from bash's `time`. */
function cliRun(args: string): { cpu: number; wall: number } {
  const run = spawnSync('bash', ['-c', `TIMEFORMAT='%U %S %R'; time node bin/threatgraph.mjs ${args} >/dev/null 2>&1`], {
    cwd: PROJECT_ROOT,
    encoding: 'utf8',
  });
  const [user, sys, wall] = run.stderr.trim().split(/\s+/).slice(-3).map(Number);
  return { cpu: user! + sys!, wall: wall! };
}
for (const [what, args] of [
  ['read command (search --endpoint, nothing answering)', 'search x --endpoint http://127.0.0.1:9/graphql'],
  ['--help (every sub-command)', '--help'],
] as const) {
  const runs = Array.from({ length: RUNS + 1 }, () => cliRun(args)).slice(1);
  const mid = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  console.log(`cli start: ${what.padEnd(52)} CPU ${mid(runs.map((r) => r.cpu)).toFixed(2)} s   wall ${mid(runs.map((r) => r.wall)).toFixed(2)} s`);
}

const dataDir = mkdtempSync(join(tmpdir(), 'threatgraph-bench-export-'));
const running = await startLocal({ dataDir, port: await freePort(), heap: '1g', pageCache: '256m' }, { password: 'bench-export', attached: true });
const graph = new GraphExecutor(createDriver(running.uri, running.user, running.password), running.uri, { timeoutMs: 120_000 });
try {
  await migrateSchema(graph);
  await ingestArticles(graph, generateCorpus({ articles: ARTICLES, seed: 7 }), { count: ARTICLES });
  const snapshot = await readGraphSnapshot(graph);
  console.log(
    `graph: ${ARTICLES} generated articles → ${snapshot.entities.length} entities, ${snapshot.relations.length} relationships; medians of ${RUNS} runs`,
  );

  const plainRead = await median(RUNS, () =>
    graph.read({
      cypher: `MATCH (n:Entity) RETURN n {.*} AS n UNION ALL MATCH (s:Entity)-[r]->(t:Entity) RETURN r {.*, s: s.id, t: t.id} AS n`,
    }),
  );
  const exportRead = await median(RUNS, () => readGraphSnapshot(graph));
  console.log(
    `read  plain entities+relationships ${fmt(plainRead)}   export read (with evidence) ${fmt(exportRead)}   ratio ${(exportRead / plainRead).toFixed(2)}`,
  );
  for (const format of EXPORT_FORMATS) {
    const ms = await median(RUNS, () => renderExport(snapshot, format));
    const whole = await median(RUNS, async () => renderExport(await readGraphSnapshot(graph), format));
    console.log(`export ${format.padEnd(8)} read+render ${fmt(whole)}   render ${fmt(ms)}`);
  }
  const withCooccurrence = await median(RUNS, () => renderExport(snapshot, 'stix', { cooccurrence: true }));
  console.log(`export stix --cooccurrence render ${fmt(withCooccurrence)}`);

  const text = JSON.stringify(toStixBundle(snapshot));
  const plan = planStixImport(text, 'bench.json');
  const empty = () => graph.write({ cypher: 'MATCH (n) DETACH DELETE n' });
  const plainWrite = await median(
    RUNS,
    () =>
      graph.writeTx(async (tx) => {
        await tx.run('UNWIND $rows AS row MERGE (n:Entity {id: row.id}) SET n.name = row.name, n.type = row.type', {
          rows: plan.entities.map((e) => ({ id: e.id, name: e.name, type: e.type })),
        });
        await tx.run('UNWIND $rows AS row MATCH (s:Entity {id: row.s}), (t:Entity {id: row.t}) MERGE (s)-[r:ASSOCIATED_WITH]->(t) SET r.id = row.id', {
          rows: plan.relations.map((r) => ({ s: r.sourceId, t: r.targetId, id: r.id })),
        });
      }),
    empty,
  );
  const importWrite = await median(RUNS, () => writeStixImport(graph, plan, text), empty);
  const planMs = await median(RUNS, () => planStixImport(text, 'bench.json'));
  console.log(
    `import plain UNWIND MERGE ${fmt(plainWrite)}   import-stix write ${fmt(importWrite)}   ratio ${(importWrite / plainWrite).toFixed(2)}   (plan: parse+map ${fmt(planMs)})`,
  );
} finally {
  await graph.close();
  if (running.child) await stopChild(running.child);
  rmSync(dataDir, { recursive: true, force: true });
}
