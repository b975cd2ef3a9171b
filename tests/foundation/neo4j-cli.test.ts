// `threatgraph neo4j start|stop|status` on its own store: a stop loses nothing committed.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createDriver } from '../../src/graph/executor.js';
import { freePort } from '../../src/neo4j/local.js';
import { runCli } from '../helpers/cli.js';

const dataDir = mkdtempSync(join(tmpdir(), 'threatgraph-cli-neo4j-'));
const port = await freePort();
const env = { THREATGRAPH_DATA_DIR: dataDir, NEO4J_LOCAL_PORT: String(port), NEO4J_HEAP: '512m', NEO4J_PAGECACHE: '64m', NEO4J_PASSWORD: 'cli-test-password' };

afterAll(async () => {
  await runCli(['neo4j', 'stop'], env);
  rmSync(dataDir, { recursive: true, force: true });
});

async function query(cypher: string) {
  const driver = createDriver(`bolt://127.0.0.1:${port}`, 'neo4j', env.NEO4J_PASSWORD);
  try {
    return (await driver.executeQuery(cypher)).records.map((r) => r.toObject());
  } finally {
    await driver.close();
  }
}

describe('threatgraph neo4j', () => {
  it('reports a stopped Neo4j with a non-zero exit', async () => {
    const result = await runCli(['neo4j', 'status'], env);
    expect(result.stdout).toContain('not running');
    expect(result.stdout).toContain(`store: ${dataDir}`);
    expect(result.code).toBe(3);
  });

  it('starts, keeps committed data across a stop, and reports status', async () => {
    const start = await runCli(['neo4j', 'start'], env);
    expect(start.stderr).toBe('');
    expect(start.stdout).toMatch(new RegExp(`Neo4j started in [\\d.]+ s: bolt://127\\.0\\.0\\.1:${port}`));
    await query("CREATE (:Probe {name: 'kept'})");

    const status = await runCli(['neo4j', 'status', '--json'], env);
    expect(JSON.parse(status.stdout)).toMatchObject({ running: true, uri: `bolt://127.0.0.1:${port}` });

    expect((await runCli(['neo4j', 'stop'], env)).stdout).toContain('Neo4j stopped.');
    expect((await runCli(['neo4j', 'status'], env)).stdout).toContain('not running');

    expect((await runCli(['neo4j', 'start'], env)).code).toBe(0);
    expect(await query('MATCH (p:Probe) RETURN p.name AS name')).toEqual([{ name: 'kept' }]);
    expect((await runCli(['neo4j', 'start'], env)).stdout).toContain('already running');
  }, 240_000); // two JVM starts and a stop: about 60 s alone on a loaded 2-core machine

  it('a wrong password for an existing store is one clear line', async () => {
    const result = await runCli(['neo4j', 'start'], { ...env, NEO4J_PASSWORD: 'wrong-password' });
    expect(result.code).toBe(6); // wrong credentials (src/cli/exit.ts)
    expect(result.stderr.trim()).toMatch(/^\[threatgraph\] \[neo4j\] authentication failed at bolt:\/\/127\.0\.0\.1:\d+: check NEO4J_USER and NEO4J_PASSWORD$/);
  });
});
