// The CLI as a script sees it, and the API's export and importStix, against a served API on the
// real Neo4j: --endpoint on export and import-stix with roles, exit codes by cause, names that
// mean several entities, full ids and flattened lists in tables, no stack trace on a closed
// pipe, and a read command that starts without loading the extractor (CPU time measured).
import { execFile, spawnSync } from 'node:child_process';
import type { Server } from 'node:http';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createApi, listen } from '../../src/api/server.js';
import type { ApiKey } from '../../src/api/context.js';
import { renderCsv, renderTable } from '../../src/cli/output.js';
import { ForbiddenError, NotFoundError, ThreatGraphClient, UnreachableError } from '../../src/client/index.js';
import type { GraphExecutor } from '../../src/graph/executor.js';
import { PROJECT_ROOT } from '../../src/config.js';
import { runCli } from '../helpers/cli.js';
import { testEnv, testGraph } from '../helpers/graph.js';
import { removeStixImports, runStixValidator } from '../export/stix-helpers.js';

const FIXTURE = join(import.meta.dirname, '..', 'export', 'fixtures', 'opencti-bundle.json');
const KEYS = new Map<string, ApiKey>([
  ['reader-key', { role: 'reader', name: 'reader' }],
  ['ingestor-key', { role: 'ingestor', name: 'robot' }],
]);

let graph: GraphExecutor;
let server: Server;
let endpoint: string;
let env: Record<string, string>;
let dir: string;
const made = [
  'Group:twin',
  'Actor:twin',
  'Group:apt28',
  'Actor:ivan examplov',
  'Case:operation harbour lights',
  'Group:example shipping ltd',
  'Place:rotterdam',
  'State:RUS',
];

beforeAll(async () => {
  graph = await testGraph();
  ({ server, url: endpoint } = await listen(createApi({ graph, apiKeys: KEYS }), 0));
  endpoint += '/graphql';
  env = testEnv();
  dir = mkdtempSync(join(tmpdir(), 'threatgraph-interop-'));
  // From a known state (another file may have left the fixture's entities), then two entities
  // named alike, for the ambiguity check.
  await removeStixImports(graph, made);
  await graph.write({
    cypher: `UNWIND $rows AS row
             MERGE (n:Entity {id: row.id}) SET n:$(row.type), n.name = 'Twin', n.nameKey = 'twin', n.type = row.type, n.aliases = [],
               n.aliasText = 'Twin', n.mentionCount = row.mentions, n.articleCount = 1, n.origin = 'test'`,
    params: {
      rows: [
        { id: 'Group:twin', type: 'Group', mentions: 3 },
        { id: 'Actor:twin', type: 'Actor', mentions: 1 },
      ],
    },
  });
});

afterAll(async () => {
  server?.closeAllConnections();
  await new Promise((done) => server?.close(done));
  if (graph) await removeStixImports(graph, made);
  await graph?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('export and import-stix through the API', () => {
  test('import-stix --endpoint needs the ingestor role; then the graph has the bundle', async () => {
    const refused = await runCli(['import-stix', FIXTURE, '--endpoint', endpoint, '--api-key', 'reader-key']);
    expect(refused.code).toBe(6);
    expect(refused.stderr).toContain('importStix needs the ingestor role');
    expect(refused.stderr).not.toContain('    at ');

    const done = await runCli(['import-stix', FIXTURE, '--endpoint', endpoint, '--api-key', 'ingestor-key', '--json']);
    expect(done.stderr).toBe('');
    expect(done.code).toBe(0);
    expect(JSON.parse(done.stdout)).toMatchObject({ entitiesCreated: 6, objectsKept: 4, revoked: 0, deprecated: 0 });
    const [row] = await graph.read<{ n: number }>({ cypher: `RETURN COUNT { (:Group {id: 'Group:apt28'}) } AS n` });
    expect(row!.n).toBe(1);
  });

  test('export --endpoint with a reader key gives the bundle the local export gives', async () => {
    const remote = join(dir, 'remote.json');
    const result = await runCli(['export', '--format', 'stix', '--endpoint', endpoint, '--api-key', 'reader-key', '--out', remote]);
    expect(result.stderr).toContain('exported');
    expect(result.code).toBe(0);
    const local = await runCli(['export', '--format', 'stix'], env);
    expect(local.code).toBe(0);
    expect(readFileSync(remote, 'utf8')).toBe(local.stdout);
    const bundle = JSON.parse(local.stdout);
    expect(bundle.objects.find((o: { name?: string; type: string }) => o.name === 'APT28' && o.type === 'intrusion-set')?.id).toBe(
      'intrusion-set--bef4c620-0787-42a8-a96d-b7eb6e85917c',
    );
    expect(runStixValidator(bundle, []).errors).toEqual([]);
  }, 300_000);

  test('the typed client: export, importStix and typed errors', async () => {
    const reader = new ThreatGraphClient({ endpoint, apiKey: 'reader-key' });
    const graphml = await reader.export('GRAPHML', { entity: 'Group:apt28', depth: 1 });
    expect(graphml.files[0]!.name).toBe('graph.graphml');
    expect(graphml.files[0]!.content).toContain('Group:apt28');
    await expect(reader.importStix(readFileSync(FIXTURE, 'utf8'))).rejects.toBeInstanceOf(ForbiddenError);
    await expect(reader.export('STIX', { entity: 'Group:nobody' })).rejects.toBeInstanceOf(NotFoundError);
    await expect(new ThreatGraphClient({ endpoint: 'http://127.0.0.1:9/graphql' }).export('JSON')).rejects.toBeInstanceOf(UnreachableError);
    const ingestor = new ThreatGraphClient({ endpoint, apiKey: 'ingestor-key' });
    const bad = await ingestor.importStix('{"type": "bundle"').catch((e: unknown) => e);
    expect((bad as Error).message).toContain('is not JSON');
    expect((bad as { code: string }).code).toBe('BAD_USER_INPUT');
    const names: string[] = [];
    for await (const e of reader.searchAll('example')) names.push(e.name);
    expect(names).toEqual(expect.arrayContaining(['Example Shipping Ltd']));
  });
});

test('the client as a package: `threatgraph/client` (package.json exports) answers a script', async () => {
  // npm install runs `prepare`, which builds dist/client; built here again so the test sees this tree.
  expect(spawnSync('npm', ['run', 'build:client'], { cwd: PROJECT_ROOT, encoding: 'utf8' }).status).toBe(0);
  const script = `import { ThreatGraphClient, NotFoundError } from 'threatgraph/client';
    const client = new ThreatGraphClient({ endpoint: process.argv[1], apiKey: 'reader-key' });
    const { files } = await client.export('JSON', { entity: 'Group:apt28' });
    const error = await client.export('JSON', { entity: 'Group:nobody' }).catch((e) => e);
    console.log(JSON.stringify({ name: files[0].name, notFound: error instanceof NotFoundError }));`;
  // Not spawnSync: the API answering the script runs in this process.
  const run = await new Promise<{ stdout: string; stderr: string }>((done) => {
    execFile(process.execPath, ['--input-type=module', '-e', script, endpoint], { cwd: PROJECT_ROOT }, (_error, stdout, stderr) => done({ stdout, stderr }));
  });
  expect(run.stderr).toBe('');
  expect(JSON.parse(run.stdout)).toEqual({ name: 'subgraph.json', notFound: true });
}, 120_000);

describe('exit codes, names and output', () => {
  test.each([
    ['a usage mistake', 2, ['search'], 'missing required argument'],
    ['a bad option value', 2, ['search', 'x', '--first', 'many', '--endpoint', 'http://127.0.0.1:9/graphql'], '--first must be an integer'],
    ['an entity not in the graph', 4, ['show', 'Nobody Anywhere'], 'no entity named "Nobody Anywhere"'],
    ['an API that does not answer', 5, ['search', 'x', '--endpoint', 'http://127.0.0.1:9/graphql'], 'no answer from http://127.0.0.1:9/graphql'],
    [
      'a name that means two entities',
      2,
      ['show', 'Twin'],
      '"Twin" names 2 entities: Group:twin (Group, 3 mentions), Actor:twin (Actor, 1 mentions); give one of these ids',
    ],
  ])('%s exits %i with one line', async (_why, code, args, message) => {
    const result = await runCli(args as string[], env);
    expect(result.stderr).toContain(message);
    expect(result.code).toBe(code);
    expect(result.stderr).not.toContain('    at ');
  });

  test('the type settles an ambiguous name', async () => {
    const result = await runCli(['show', 'Twin', '--type', 'Actor', '--json'], env);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).id).toBe('Actor:twin');
  });

  test('a closed pipe ends the command quietly', () => {
    // `true` reads nothing and exits at once: every write of the export meets a closed pipe.
    const run = spawnSync('bash', ['-c', `node bin/threatgraph.mjs export --format json | true; echo "exit \${PIPESTATUS[0]}" >&2`], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, ...env },
      encoding: 'utf8',
    });
    expect(run.stderr).not.toContain('EPIPE');
    expect(run.stderr).not.toContain('    at ');
    expect(run.stderr.trim()).toBe('exit 0');
  });

  test('tables keep ids whole and flatten nested lists; CSV too', () => {
    const id = 'Case:a very long case name that would have been cut in a sixty character column';
    const rows = [{ id, name: 'x'.repeat(80), via: [{ name: 'GRU' }, { sentence: 'It was them.' }], step: { type: 'USES_PROXY', confidence: 0.5 } }];
    const table = renderTable(rows);
    expect(table).toContain(id);
    expect(table).toContain('…');
    expect(table).toContain('GRU, It was them.');
    expect(table).toContain('type=USES_PROXY; confidence=0.5');
    expect(table).not.toContain('{');
    const csv = renderCsv(rows);
    expect(csv).toContain('"GRU, It was them."');
    expect(csv).not.toContain('{');
  });

  test('a read command starts without the extractor: CPU time of search --endpoint', () => {
    // bash's `time` gives the child's user + system CPU seconds.
    const run = spawnSync('bash', ['-c', `TIMEFORMAT='%U %S'; time node bin/threatgraph.mjs search x --endpoint http://127.0.0.1:9/graphql 2>/dev/null`], {
      cwd: PROJECT_ROOT,
      encoding: 'utf8',
    });
    const [user, sys] = run.stderr.trim().split(/\s+/).slice(-2).map(Number);
    const cpu = user! + sys!;
    // 0.4-0.5 s measured on a busy 2-core machine; loading every sub-command took 2.6 s.
    expect(cpu).toBeGreaterThan(0);
    expect(cpu).toBeLessThan(1.5);
  });
});
