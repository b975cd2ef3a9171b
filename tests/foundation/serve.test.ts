// `threatgraph serve` with the local Neo4j: answers over HTTP, Ctrl-C leaves no JVM behind,
// and a second start finds the same data.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { createDriver } from '../../src/graph/executor.js';
import { PROJECT_ROOT } from '../../src/config.js';
import { freePort } from '../../src/neo4j/local.js';

const dataDir = mkdtempSync(join(tmpdir(), 'threatgraph-serve-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

async function serveOnce(env: Record<string, string>, whileRunning: (apiUrl: string) => Promise<void>) {
  const child = spawn(process.execPath, [join(PROJECT_ROOT, 'bin', 'threatgraph.mjs'), 'serve'], { env: { ...process.env, ...env } });
  let output = '';
  child.stdout.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr.on('data', (chunk) => {
    output += chunk;
  });
  const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
  await expect.poll(() => output, { timeout: 90_000, interval: 200 }).toMatch(/GraphQL API at (http:\/\/\S+)/);
  await whileRunning(/GraphQL API at (http:\/\/\S+)/.exec(output)![1]!);
  const jvmPid = Number(readFileSync(join(dataDir, 'launcher.pid'), 'utf8'));
  child.kill('SIGINT');
  expect(await exited).toBe(0);
  expect(() => process.kill(jvmPid, 0)).toThrow(); // the JVM is gone
}

it('serves { __typename }, stops the Neo4j it started on Ctrl-C, and keeps the graph', async () => {
  const env = {
    THREATGRAPH_DATA_DIR: dataDir,
    NEO4J_LOCAL_PORT: String(await freePort()),
    NEO4J_PASSWORD: 'serve-test-password',
    NEO4J_HEAP: '512m',
    NEO4J_PAGECACHE: '64m',
    PORT: String(await freePort()),
  };
  const ask = async (url: string, query: string) => {
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
    return response.json();
  };

  await serveOnce(env, async (url) => {
    expect(await ask(url, '{ __typename }')).toEqual({ data: { __typename: 'Query' } });
    const driver = createDriver(`bolt://127.0.0.1:${env.NEO4J_LOCAL_PORT}`, 'neo4j', env.NEO4J_PASSWORD);
    await driver.executeQuery("CREATE (:Article {id: 'a_serve_test', title: 'kept across restarts'})");
    await driver.close();
  });

  await serveOnce(env, async (url) => {
    expect(await ask(url, '{ health { articles } }')).toEqual({ data: { health: { articles: 1 } } });
  });
}, 240_000);
