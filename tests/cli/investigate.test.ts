// The investigation commands (search, show, neighbours, path, query) run as a user runs them:
// the real CLI in a child process, through the API in-process, against the ingested sample
// corpus on the real Neo4j. Bad input gets one clear line on stderr and a non-zero exit code.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { GraphExecutor } from '../../src/graph/executor.js';
import { runCli } from '../helpers/cli.js';
import { testEnv, ingestSampleCorpus, testGraph } from '../helpers/graph.js';
import { graphFingerprint } from '../export/corpus.js';

let graph: GraphExecutor;
let env: Record<string, string>;
let dir: string;
let fingerprint: Record<string, number>;

beforeAll(async () => {
  graph = await testGraph();
  await ingestSampleCorpus(graph);
  env = testEnv();
  dir = mkdtempSync(join(tmpdir(), 'threatgraph-cli-'));
  fingerprint = await graphFingerprint(graph);
});

afterAll(async () => {
  // Nothing a read command did, good or bad, changed the graph.
  expect(await graphFingerprint(graph)).toEqual(fingerprint);
  await graph?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function json(args: string[]) {
  const result = await runCli(args, env);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout);
}

async function fails(args: string[], message: string) {
  const result = await runCli(args, env);
  expect(result.code).not.toBe(0);
  expect(result.stderr).toContain(message);
  expect(result.stdout).toBe('');
}

describe('--help', () => {
  test.each([
    ['search', ['<text>', '--type', '--json']],
    ['show', ['<name>', '--type', '--format']],
    ['neighbours', ['<name>', '--depth', '--type', '--relation']],
    ['path', ['<from>', '<to>', '--max-hops', '--strongest']],
    ['query', ['<file>', '--var', '--format', '--endpoint']],
    ['export', ['--format', '--entity', '--depth', '--out']],
    ['import-stix', ['<file>']],
  ])('%s explains itself', async (command, words) => {
    const result = await runCli([command, '--help'], env);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Usage: threatgraph ${command}`);
    for (const word of words) expect(result.stdout).toContain(word);
    expect(result.stdout).toContain('Example');
  });
});

describe('search', () => {
  test('finds Russia first, as JSON when piped', async () => {
    const hits = await json(['search', 'russia']);
    expect(hits[0]).toMatchObject({ id: 'State:RUS', name: 'Russia', type: 'State' });
    expect(hits[0].score).toBeGreaterThan(0);
  });

  test('prints an aligned table with --format table, and narrows by --type', async () => {
    const result = await runCli(['search', 'russian', '--type', 'Case', '--format', 'table'], env);
    expect(result.code).toBe(0);
    const [header, rule, ...rows] = result.stdout.trimEnd().split('\n');
    expect(header).toMatch(/^name\s+type\s+kind\s+mentions/);
    expect(rule).toMatch(/^-+\s+-+/);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row.slice(header!.indexOf('type'), header!.indexOf('type') + 4)).toBe('Case');
  });

  test('csv on request', async () => {
    const result = await runCli(['search', 'islamic state', '--format', 'csv'], env);
    expect(result.stdout.split('\n')[0]).toBe('name,type,kind,mentions,articles,last seen,id,score');
    expect(result.stdout).toContain('Islamic State,Group,terrorist');
  });

  test('bad input', async () => {
    await fails(['search', 'russia', '--type', 'Planet'], '[threatgraph] [cli] --type must be one of Actor, State, Group, Case, Place, got "Planet"');
    await fails(['search', 'russia', '--first', 'many'], '[threatgraph] [cli] --first must be an integer from 1 to 100, got "many"');
    await fails(['search', 'russia', '--format', 'yaml'], '[threatgraph] [cli] --format must be one of table, json, csv, got "yaml"');
  });
});

describe('show', () => {
  test('an entity by an alias, with relations and evidence counts', async () => {
    const russia = await json(['show', 'Russian Federation']);
    expect(russia).toMatchObject({ id: 'State:RUS', name: 'Russia', iso3: 'RUS' });
    expect(russia.relations.totalCount).toBeGreaterThan(5);
    const proxies = russia.relations.edges.filter((e: { node: { type: string } }) => e.node.type === 'USES_PROXY');
    expect(proxies.map((e: { other: { id: string } }) => e.other.id)).toContain('Group:criminals');
    for (const e of russia.relations.edges) expect(e.node.evidenceCount).toBeGreaterThanOrEqual(1);
  });

  test('the table says who, what kind, and each relation with its evidence', async () => {
    const result = await runCli(['show', 'parcel fires', '--format', 'table'], env);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^parcel fires {2}\(Case/);
    expect(result.stdout).toMatch(/<-\s+RESPONSIBLE_FOR\s+Russia\s+State/);
    expect(result.stdout).toMatch(/relation\s+other\s+type\s+confidence\s+claim\s+evidence/);
  });

  test('an unknown name is an error that names it', async () => {
    await fails(['show', 'Atlantis Liberation Front'], '[threatgraph] [show] no entity named "Atlantis Liberation Front" in the graph');
  });
});

describe('neighbours', () => {
  test('the Groups one hop from Russia, each with the link that reaches it', async () => {
    const out = await json(['neighbours', 'Russia', '--type', 'Group']);
    expect(out.centre.id).toBe('State:RUS');
    const ids = out.neighbours.map((n: { id: string }) => n.id);
    expect(ids).toContain('Group:criminals');
    for (const n of out.neighbours) {
      expect(n.type).toBe('Group');
      expect(n.hops).toBe(1);
      expect(n.via.join(' ')).toMatch(/^Russia (-\w+->|<-\w+-)/);
    }
  });

  test('depth 2 reaches further than depth 1', async () => {
    const one = await json(['neighbours', 'parcel fires']);
    const two = await json(['neighbours', 'parcel fires', '--depth', '2']);
    expect(two.neighbours.length).toBeGreaterThan(one.neighbours.length);
    expect(Math.max(...two.neighbours.map((n: { hops: number }) => n.hops))).toBe(2);
  });

  test('bad input', async () => {
    await fails(['neighbours', 'Russia', '--depth', '7'], '[threatgraph] [cli] --depth must be an integer from 1 to 3, got "7"');
    await fails(['neighbours', 'Russia', '--relation', 'LIKES'], '[threatgraph] [cli] --relation must be one of RESPONSIBLE_FOR');
    await fails(['neighbours', 'Nowhere At All'], '[threatgraph] [neighbours] no entity named "Nowhere At All"');
  });
});

describe('path', () => {
  test('each link with the sentence behind it', async () => {
    const out = await json(['path', 'Russia', 'parcel fires']);
    expect(out.from.id).toBe('State:RUS');
    expect(out.paths.length).toBeGreaterThan(0);
    const [first] = out.paths;
    expect(first.nodes[0].id).toBe('State:RUS');
    expect(first.nodes.at(-1).id).toBe('Case:parcel fires');
    for (const step of first.steps) {
      expect(step.sentence.length).toBeGreaterThan(20);
      expect(step.link).toMatch(/^(-\[\w+\]->|<-\[\w+\]-)$/);
    }
  });

  test('the table prints the chain, then each link and its quoted sentence', async () => {
    const result = await runCli(['path', 'Iran', 'criminals', '--strongest', '--max-hops', '2', '--format', 'table'], env);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('from Iran to criminals (strongest first)');
    expect(result.stdout).toMatch(/1\. Iran -\[USES_PROXY\]-> criminals/);
    expect(result.stdout).toMatch(/\n {5}"[^"]*criminal[^"]*"/i);
  });

  test('csv: one row per link', async () => {
    const result = await runCli(['path', 'Russia', 'parcel fires', '--format', 'csv'], env);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('path,step,from,link,to,relation,confidence,claim,sentences,sentence,article,url');
    expect(lines.length).toBeGreaterThan(1);
  });

  test('bad input', async () => {
    await fails(['path', 'Russia', 'Atlantis'], '[threatgraph] [path] no entity named "Atlantis"');
    await fails(['path', 'Russia', 'Russian Federation'], '[threatgraph] [path] "Russia" and "Russian Federation" are the same entity (State:RUS)');
    await fails(['path', 'Russia', 'Iran', '--max-hops', '0'], '[threatgraph] [cli] --max-hops must be an integer from 1 to 6, got "0"');
  });
});

describe('query', () => {
  test('a saved investigation by name, with a variable, as JSON', async () => {
    const out = await json(['query', 'russia-proxies', '--var', 'state=State:IRN']);
    expect(out.state.name).toBe('Iran');
    expect(out.state.proxies.totalCount).toBeGreaterThan(0);
  });

  test('a file of our own, as a table per list and as csv', async () => {
    const file = join(dir, 'groups.graphql');
    writeFileSync(
      file,
      `query Groups($text: String!, $types: [EntityType!], $first: Int) {
      search(text: $text, types: $types, first: $first) { edges { score node { id name type } } }
    }`,
    );
    const table = await runCli(['query', file, '--var', 'text=islamic', '--var', 'types=["Group"]', '--var', 'first=3', '--format', 'table'], env);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^search:\nid\s+name\s+type\s+score\n/);
    expect(table.stdout).toContain('Group:islamic state');
    const csv = await runCli(['query', file, '--var', 'text=islamic', '--var', 'types=["Group"]', '--format', 'csv'], env);
    expect(csv.stdout.split('\n')[0]).toBe('id,name,type,score');
  });

  test('bad input names the file, the variable or the line', async () => {
    const syntax = join(dir, 'broken.graphql');
    writeFileSync(syntax, 'query Broken {\n  search(text: "x") { edges { node { id }\n}');
    const mutation = join(dir, 'mutation.graphql');
    writeFileSync(mutation, 'mutation M { addAlias(entity: "State:RUS", alias: "Rus") { id } }');
    await fails(['query', 'russia-proxies', '--var', 'state'], '[threatgraph] [query] --var "state" must be key=value');
    await fails(
      ['query', 'russia-proxies', '--var', 'limit=ten'],
      '[threatgraph] [query] --var limit: $limit is Int, and "ten" is not a JSON value of that type',
    );
    await fails(['query', 'russia-proxies', '--var', 'country=RUS'], 'declares no $country (it declares $state, $limit)');
    await fails(['query', join(dir, 'missing.graphql')], `[threatgraph] [query] ${join(dir, 'missing.graphql')}: no such file`);
    await fails(['query', syntax], `[threatgraph] [query] ${syntax}:3:2: Syntax Error`);
    await fails(['query', mutation], 'is a mutation; `query` runs read-only queries');
    await fails(['query', 'russia-proxies', '--var', 'state=State:XXX', '--var', 'limit=0'], '[threatgraph] [client]');
  });
});
