import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // One real Neo4j for the whole run, started here and stopped at the end.
    globalSetup: ['tests/global-setup.ts'],
    // Community Neo4j has one user database: test files take turns, each starting from an empty graph.
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 180_000,
  },
});
