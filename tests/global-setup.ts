// Starts one throw-away Neo4j for the test run: the project's local launcher on a free
// port with its store in a temporary directory, so tests never touch a user's data.
// THREATGRAPH_TEST_NEO4J_URI (+ _USER, _PASSWORD) points tests at another server instead;
// its database is emptied by the tests, so it must be one kept for testing.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { freePort, startLocal, stopChild } from '../src/neo4j/local.js';

export interface TestNeo4j {
  uri: string;
  user: string;
  password: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    neo4j: TestNeo4j;
  }
}

export default async function setup(project: TestProject) {
  const external = process.env.THREATGRAPH_TEST_NEO4J_URI;
  if (external) {
    project.provide('neo4j', {
      uri: external,
      user: process.env.THREATGRAPH_TEST_NEO4J_USER ?? 'neo4j',
      password: process.env.THREATGRAPH_TEST_NEO4J_PASSWORD ?? '',
    });
    return;
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'threatgraph-test-neo4j-'));
  const running = await startLocal({ dataDir, port: await freePort(), heap: '1g', pageCache: '256m' }, { password: 'threatgraph-test', attached: true });
  project.provide('neo4j', { uri: running.uri, user: running.user, password: running.password });
  return async () => {
    if (running.child) await stopChild(running.child);
    rmSync(dataDir, { recursive: true, force: true });
  };
}
