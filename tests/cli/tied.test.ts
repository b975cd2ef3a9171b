// `threatgraph tied`: the real CLI in a child process against hand-made reporting on the real
// Neo4j (tests/helpers/reporting.ts): Russia → the GRU → the hired agents → the parcel fires,
// every step with its sentence; unknown names and the same entity twice fail with one line.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { GraphExecutor } from '../../src/graph/executor.js';
import { runCli } from '../helpers/cli.js';
import { emptyGraph, testEnv, testGraph } from '../helpers/graph.js';
import { parcelReporting, writeArticles } from '../helpers/reporting.js';

let graph: GraphExecutor;
let env: Record<string, string>;
beforeAll(async () => {
  graph = await testGraph();
  await emptyGraph(graph);
  await writeArticles(graph, parcelReporting);
  env = testEnv();
});
afterAll(async () => {
  await graph?.close();
});

describe('tied', () => {
  test('prints the chain from Russia to the parcel fires with the sentence behind each step', async () => {
    const json = await runCli(['tied', 'Russia', 'parcel fires', '--json'], env);
    expect(json.stderr).toBe('');
    const out = JSON.parse(json.stdout);
    expect(out.chains[0].rows.map((r: any) => `${r.from} ${r.role} ${r.to}`)).toEqual([
      'Russia organ GRU',
      'GRU proxy disposable agents',
      'disposable agents responsible parcel fires',
    ]);
    for (const r of out.chains[0].rows) expect(r.sentence).toMatch(/Russian military intelligence|disposable agents/);

    const table = await runCli(['tied', 'Russia', 'parcel fires', '--format', 'table'], env);
    expect(table.code).toBe(0);
    expect(table.stdout).toContain('1. Russia → GRU → disposable agents → parcel fires');
    expect(table.stdout).toContain('GRU uses as a proxy disposable agents  [USES_PROXY, asserted, says prosecutors, 2024-11-05 to 2024-12-10]');
  });

  test('without an incident, lists every incident the State is tied to', async () => {
    const out = JSON.parse((await runCli(['tied', 'Russia', '--json'], env)).stdout);
    expect([...new Set(out.chains.map((c: any) => c.to.name))].sort()).toEqual(['explosive parcels', 'parcel fires', 'parcel plot']);
  });

  test.each([
    [['tied', 'Atlantis', 'parcel fires'], 'Atlantis'],
    [['tied', 'Russia', 'Russia'], 'the same entity'],
    [['tied', 'Russia', 'parcel fires', '--max-hops', '9'], '--max-hops'],
  ])('%j fails with one line naming the problem', async (args, message) => {
    const result = await runCli(args, env);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain(message);
    expect(result.stdout).toBe('');
  });
});
