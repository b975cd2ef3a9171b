import { defineConfig } from 'vitest/config';

// Pure tests (extraction, configuration, resolution rules) need no database.
const pure = [
  'tests/extract/**/*.test.ts',
  'tests/graph/shape.test.ts',
  'tests/foundation/config.test.ts',
  'tests/ingest/resolve.test.ts',
  'tests/ingest/dates.test.ts',
];

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 180_000,
    // Community Neo4j has one user database: test files take turns, each starting from an empty graph.
    fileParallelism: false,
    projects: [
      { extends: true, test: { name: 'pure', include: pure } },
      {
        extends: true,
        test: {
          name: 'graph',
          include: ['tests/**/*.test.ts'],
          exclude: pure,
          // One real Neo4j for the whole run, started here and stopped at the end.
          globalSetup: ['tests/global-setup.ts'],
        },
      },
    ],
  },
});
