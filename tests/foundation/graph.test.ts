// The graph layer against the run's real Neo4j: schema migration, connection errors, the
// driver's sockets (no Nagle delay), and reads (read-only, timed out, retried).
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, Socket, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject, afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openGraph } from '../../src/graph/connect.js';
import neo4j, { Neo4jError, Session } from 'neo4j-driver';
import { createDriver, GraphExecutor } from '../../src/graph/executor.js';
import { migrateSchema, schemaStatements } from '../../src/graph/schema.js';
import { freePort, startLocal } from '../../src/neo4j/local.js';
import { testEnv, testGraph } from '../helpers/graph.js';

let graph: GraphExecutor;
beforeAll(async () => {
  graph = await testGraph();
});
afterAll(async () => {
  await graph.close();
});

async function schemaSnapshot() {
  const constraints = await graph.read<{ name: string }>({ cypher: 'SHOW CONSTRAINTS YIELD name RETURN name ORDER BY name' });
  const indexes = await graph.read<{ name: string; state: string }>({ cypher: 'SHOW INDEXES YIELD name, state RETURN name, state ORDER BY name' });
  return { constraints, indexes };
}

describe('schema migration', () => {
  it('creates a uniqueness constraint per entity label, Article, and the full-text index', async () => {
    const { constraints, indexes } = await schemaSnapshot();
    const names = constraints.map((c) => c.name);
    for (const name of ['actor_id', 'state_id', 'group_id', 'case_id', 'place_id', 'article_id', 'entity_id']) {
      expect(names).toContain(name);
    }
    expect(indexes.find((i) => i.name === 'entity_names')?.state).toBe('ONLINE');
  });

  it('changes nothing when run twice', async () => {
    const before = await schemaSnapshot();
    await migrateSchema(graph);
    expect(await schemaSnapshot()).toEqual(before);
    expect(schemaStatements().every((s) => s.includes('IF NOT EXISTS'))).toBe(true);
  });

  it('enforces entity key uniqueness', async () => {
    await graph.write({ cypher: 'CREATE (:Entity:State {id: $id, name: "Testland"})', params: { id: 'test:unique' } });
    await expect(graph.write({ cypher: 'CREATE (:Entity:State {id: $id, name: "Testland"})', params: { id: 'test:unique' } })).rejects.toThrow(
      /already exists/,
    );
    await graph.write({ cypher: 'MATCH (n:Entity {id: $id}) DELETE n', params: { id: 'test:unique' } });
  });
});

describe('connection errors say what is wrong', () => {
  it('a wrong password', async () => {
    const env = { ...testEnv(), NEO4J_PASSWORD: 'not-the-password' };
    await expect(openGraph({ env })).rejects.toThrow(/authentication failed at bolt:\/\/.*check NEO4J_USER and NEO4J_PASSWORD/);
  });

  it('a Neo4j that is not running', async () => {
    const env = { NEO4J_URI: `bolt://127.0.0.1:${await freePort()}`, NEO4J_PASSWORD: 'x' };
    await expect(openGraph({ env })).rejects.toThrow(/no Neo4j answers at bolt:\/\/127\.0\.0\.1:\d+/);
  });

  it('a malformed NEO4J_URI', async () => {
    await expect(openGraph({ env: { NEO4J_URI: 'neo4j//nope', NEO4J_PASSWORD: 'x' } })).rejects.toThrow(/NEO4J_URI "neo4j\/\/nope"/);
  });

  it('a local port already in use', async () => {
    const port = await freePort();
    const dataDir = mkdtempSync(join(tmpdir(), 'threatgraph-port-test-'));
    const blocker: Server = createServer();
    await new Promise<void>((done) => blocker.listen(port, '127.0.0.1', done));
    try {
      await expect(startLocal({ dataDir, port, heap: '512m', pageCache: '64m' }, { password: 'whatever-pw', attached: true })).rejects.toThrow(
        new RegExp(`port ${port} on 127.0.0.1 is already in use.*NEO4J_LOCAL_PORT`),
      );
    } finally {
      blocker.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('the driver', () => {
  it("sends each Bolt write at once: its sockets are set to no delay (a statement over the driver's 1,400-byte chunk waited 40 ms for a delayed ACK)", async () => {
    const { uri, user, password } = inject('neo4j');
    // a spy on the real method, which still runs: the sockets a new driver opens are set so
    const noDelay = vi.spyOn(Socket.prototype, 'setNoDelay');
    const driver = createDriver(uri, user, password);
    try {
      const session = driver.session();
      const long = `RETURN $x AS x${' '.repeat(3000)}`;
      expect((await session.run(long, { x: 1 })).records[0]?.get('x')).toBe(1);
      await session.close();
      expect(noDelay).toHaveBeenCalledWith(true);
    } finally {
      noDelay.mockRestore();
      await driver.close();
    }
  });
});

describe('reads', () => {
  it('a read is read-only: a write in it is refused by the server and leaves nothing', async () => {
    await expect(graph.read({ cypher: 'CREATE (n:ReadProbe {at: $at}) RETURN n', params: { at: Date.now() } })).rejects.toMatchObject({
      code: 'Neo.ClientError.Statement.AccessMode',
    });
    const [row] = await graph.read<{ n: number }>({ cypher: 'MATCH (n:ReadProbe) RETURN count(n) AS n' });
    expect(row?.n).toBe(0);
  });

  it('a read past its timeout is stopped and says so', async () => {
    const { uri, user, password } = inject('neo4j');
    const short = new GraphExecutor(createDriver(uri, user, password), uri, { timeoutMs: 100 });
    try {
      await expect(short.read({ cypher: 'UNWIND range(1, 1000000000) AS x RETURN count(x) AS n' })).rejects.toMatchObject({
        code: 'NEO4J_TIMEOUT',
        message: expect.stringMatching(/took too long/),
      });
    } finally {
      await short.close();
    }
  });

  it('a read that fails in a way the driver retries (a lost connection) runs again in a managed, retried transaction', async () => {
    const lost = neo4j.error.SERVICE_UNAVAILABLE;
    // the real method, failing once as a dropped connection would
    const run = vi.spyOn(Session.prototype, 'run').mockRejectedValueOnce(new Neo4jError('connection lost', lost, '08000', 'connection lost'));
    try {
      const rows = await graph.read<{ x: number }>({ cypher: 'RETURN $x AS x', params: { x: 7 } });
      expect(rows).toEqual([{ x: 7 }]);
      expect(run).toHaveBeenCalledTimes(1);
    } finally {
      run.mockRestore();
    }
  });
});
