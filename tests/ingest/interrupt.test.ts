// Ctrl-C in the middle of a run: what was committed stays, and running the same command again
// finishes the rest with nothing duplicated, exactly as one uninterrupted run would have done.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCorpus } from '../../bench/generate-corpus.js';
import type { GraphExecutor } from '../../src/graph/executor.js';
import { PROJECT_ROOT } from '../../src/config.js';
import { runCli } from '../helpers/cli.js';
import { emptyGraph, testEnv, testGraph } from '../helpers/graph.js';
import { counts, snapshot } from './helpers.js';

const ARTICLES = 200;
let graph: GraphExecutor;
let dir: string;
let file: string;

beforeAll(async () => {
  graph = await testGraph();
  dir = mkdtempSync(join(tmpdir(), 'threatgraph-interrupt-'));
  file = join(dir, 'corpus.jsonl');
  writeFileSync(file, [...generateCorpus({ articles: ARTICLES, seed: 11 })].map((a) => JSON.stringify(a)).join('\n'));
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await graph.close();
});

const articleCount = async () => (await graph.read<{ n: number }>({ cypher: 'MATCH (a:Article) RETURN count(a) AS n' }))[0]!.n;

describe('Ctrl-C during ingest', () => {
  it('keeps what was committed, and a second run finishes the rest without duplicates', async () => {
    await emptyGraph(graph);
    const clean = await runCli(['ingest', '--json', file], testEnv());
    expect(clean.code).toBe(0);
    const expected = await counts(graph);
    const expectedSnapshot = await snapshot(graph);
    expect(expected.articles).toBe(ARTICLES);

    await emptyGraph(graph);
    const child = spawn(process.execPath, [join(PROJECT_ROOT, 'bin', 'threatgraph.mjs'), 'ingest', '--json', file], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, ...testEnv() },
    });
    let stdout = '';
    child.stdout.on('data', (c) => {
      stdout += c;
    });
    child.stderr.resume();
    const exited = new Promise<number | null>((r) => child.on('close', (code) => r(code)));
    // Wait for the first committed batch, then interrupt.
    const deadline = Date.now() + 120_000;
    while ((await articleCount()) === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    const partial = JSON.parse(stdout);
    expect(partial.interrupted).toBe(true);
    const kept = await articleCount();
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThan(ARTICLES);
    expect(kept).toBe(partial.articles.new);

    const rest = await runCli(['ingest', '--json', file], testEnv());
    expect(rest.code).toBe(0);
    expect(JSON.parse(rest.stdout).articles).toEqual({ new: ARTICLES - kept, unchanged: kept, replaced: 0, failed: 0 });
    expect(await counts(graph)).toEqual(expected);
    expect(await snapshot(graph)).toEqual(expectedSnapshot);
  }, 400_000);
});
