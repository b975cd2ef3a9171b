// The typed client and the example investigation script, over real HTTP against the API
// served from the ingested sample corpus on the real Neo4j.
import { spawn, spawnSync } from 'node:child_process';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createApi, listen } from '../../src/api/server.js';
import { PathsDocument, SearchEntitiesDocument, ShowEntityDocument } from '../../src/client/generated.js';
import { ThreatGraphClient, ThreatGraphClientError } from '../../src/client/index.js';
import type { GraphExecutor } from '../../src/graph/executor.js';
import { PROJECT_ROOT } from '../../src/config.js';
import { ingestSampleCorpus, testGraph } from '../helpers/graph.js';
import { formatReport, stateProxiesReport } from '../../queries/state-proxies-report.js';

let graph: GraphExecutor;
let server: Server;
let endpoint: string;

beforeAll(async () => {
  graph = await testGraph();
  await ingestSampleCorpus(graph);
  ({ server, url: endpoint } = await listen(createApi({ graph, apiKeys: null }), 0));
  endpoint += '/graphql';
});

afterAll(async () => {
  server?.closeAllConnections();
  await new Promise((done) => server?.close(done));
  await graph?.close();
});

function runScript(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(PROJECT_ROOT, 'queries', 'state-proxies-report.ts'), ...args], { cwd: PROJECT_ROOT });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => {
      stdout += c;
    });
    child.stderr.on('data', (c) => {
      stderr += c;
    });
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

test('typed requests: results carry the fields the operation asked for', async () => {
  const client = new ThreatGraphClient({ endpoint });
  const { search } = await client.request(SearchEntitiesDocument, { text: 'Islamic State', types: ['Group'], first: 3 });
  expect(search.edges[0]!.node).toMatchObject({ id: 'Group:islamic state', type: 'Group', groupKind: 'terrorist' });
  const { entity } = await client.request(ShowEntityDocument, { id: 'State:RUS', first: 5 });
  expect(entity?.relations.edges).toHaveLength(5);
  const { paths } = await client.request(PathsDocument, { from: 'State:RUS', to: 'Case:parcel fires' });
  expect(paths[0]!.relations[0]!.evidence.edges[0]!.node.sentence).toContain('parcel fires');
});

test("errors: the API's message and code, or where nothing answered", async () => {
  const client = new ThreatGraphClient({ endpoint });
  const error = await client.request(PathsDocument, { from: 'State:RUS', to: 'State:IRN', maxHops: 99 }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ThreatGraphClientError);
  expect((error as ThreatGraphClientError).code).toBe('BAD_USER_INPUT');
  expect((error as Error).message).toMatch(/^\[threatgraph\] \[client\] .*maxHops/);
  const nobody = new ThreatGraphClient({ endpoint: 'http://127.0.0.1:9/graphql' });
  await expect(nobody.request(SearchEntitiesDocument, { text: 'x' })).rejects.toThrow('[threatgraph] [client] no answer from http://127.0.0.1:9/graphql');
});

test('the state-proxies report: each State with its proxies and their cases', async () => {
  const reports = await stateProxiesReport(new ThreatGraphClient({ endpoint }));
  const russia = reports.find((r) => r.state.id === 'State:RUS')!;
  const iran = reports.find((r) => r.state.id === 'State:IRN')!;
  expect(russia.proxies.map((p) => p.id)).toContain('Group:criminals');
  expect(iran.proxies.map((p) => p.id)).toContain('Group:criminals');
  expect(reports.length).toBeGreaterThan(10);
  for (const r of reports) for (const p of r.proxies) for (const c of p.cases) expect(c.id).toMatch(/^Case:/);
  const text = formatReport(reports, endpoint);
  expect(text).toMatch(/\nRussia \(State:RUS\): \d+ proxies\n/);
  expect(text).toContain('  - criminals (Group), confidence');
});

test('the script runs from a shell with --endpoint, as text and as --json', async () => {
  const text = await runScript(['--endpoint', endpoint]);
  expect(text.stderr).toBe('');
  expect(text.code).toBe(0);
  expect(text.stdout).toMatch(/^States, the proxies they use, and the cases tied to those proxies\n/);
  expect(text.stdout).toContain('Iran (State:IRN)');
  const json = await runScript(['--endpoint', endpoint, '--json']);
  expect(JSON.parse(json.stdout).some((r: { state: { id: string } }) => r.state.id === 'State:RUS')).toBe(true);
  const down = await runScript(['--endpoint', 'http://127.0.0.1:9/graphql']);
  expect(down.code).toBe(1);
  expect(down.stderr).toContain('[threatgraph] [client] no answer from http://127.0.0.1:9/graphql');
});

test('the committed typed client matches schema.graphql and the operations (else: npm run codegen)', () => {
  const check = spawnSync('npx', ['graphql-codegen', '--config', 'codegen.ts', '--check'], { cwd: PROJECT_ROOT, encoding: 'utf8', timeout: 60_000 });
  expect(check.status, `src/client/generated.ts is stale, run \`npm run codegen\`:\n${check.stdout}${check.stderr}`).toBe(0);
});
