// `threatgraph export` in every format and `threatgraph import-stix`, run as a user runs them,
// against the ingested sample corpus on the real Neo4j: a STIX round trip through the CLI into
// an emptied graph loses no entity or relationship; bad input changes nothing.
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { GraphExecutor } from '../../src/graph/executor.js';
import { runCli } from '../helpers/cli.js';
import { emptyGraph, testEnv, ingestSampleCorpus, testGraph } from '../helpers/graph.js';
import { graphFingerprint } from '../export/corpus.js';
import { essentials, runStixValidator } from '../export/stix-helpers.js';

let graph: GraphExecutor;
let env: Record<string, string>;
let dir: string;

beforeAll(async () => {
  graph = await testGraph();
  await ingestSampleCorpus(graph);
  env = testEnv();
  dir = mkdtempSync(join(tmpdir(), 'threatgraph-export-cli-'));
});

afterAll(async () => {
  await graph?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function counts() {
  const [row] = await graph.read<{ entities: number; relations: number }>({
    cypher: `RETURN COUNT { (n:Entity) } AS entities, COUNT { (:Entity)-[r]->(:Entity) } AS relations`,
  });
  return row!;
}

describe('export', () => {
  test('stix to a file: a valid bundle of the whole graph, and a summary on stderr', async () => {
    const out = join(dir, 'graph.stix.json');
    const result = await runCli(['export', '--format', 'stix', '--out', out], env);
    expect(result.code).toBe(0);
    const { entities, relations } = await counts();
    expect(result.stderr).toContain(`exported ${entities} entities and ${relations} relations as stix to ${out}`);
    const bundle = JSON.parse(readFileSync(out, 'utf8'));
    expect(runStixValidator(bundle, []).errors).toEqual([]);
    // Co-occurrence only with --cooccurrence.
    const typed = (await graph.read<{ n: number }>({ cypher: `RETURN COUNT { (:Entity)-[r]->(:Entity) WHERE type(r) <> 'ASSOCIATED_WITH' } AS n` }))[0]!.n;
    const own = bundle.objects.filter((o: { x_threatgraph_id?: string; x_threatgraph_facet?: string }) => o.x_threatgraph_id && !o.x_threatgraph_facet);
    expect(own.length).toBeLessThanOrEqual(entities + typed);
    expect(own.length).toBeGreaterThan(entities);
  });

  test('graphml of one neighbourhood to standard output', async () => {
    const result = await runCli(['export', '--format', 'graphml', '--entity', 'Russia', '--depth', '2'], env);
    expect(result.code).toBe(0);
    expect(XMLValidator.validate(result.stdout)).toBe(true);
    expect(result.stdout).toContain('<node id="State:RUS">');
    const nodes = result.stdout.match(/<node /g)!.length;
    const { entities } = await counts();
    expect(nodes).toBeGreaterThan(5);
    expect(nodes).toBeLessThan(entities);
  });

  test('csv: nodes.csv and relationships.csv in the --out directory', async () => {
    const out = join(dir, 'csv');
    const result = await runCli(['export', '--format', 'csv', '--out', out], env);
    expect(result.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['nodes.csv', 'relationships.csv']);
    const { entities, relations } = await counts();
    expect(readFileSync(join(out, 'nodes.csv'), 'utf8').trimEnd().split('\n')[0]).toMatch(/^id:ID,:LABEL,name,/);
    expect(readFileSync(join(out, 'relationships.csv'), 'utf8').trimEnd().split('\n')[0]).toMatch(/^:START_ID,:END_ID,:TYPE,/);
    expect(result.stderr).toContain(`exported ${entities} entities and ${relations} relations as csv`);
  });

  test('json of an entity by alias, into an existing directory', async () => {
    const result = await runCli(['export', '--format', 'json', '--entity', 'Russian Federation', '--out', dir], env);
    expect(result.code).toBe(0);
    const sub = JSON.parse(readFileSync(join(dir, 'subgraph.json'), 'utf8'));
    expect(sub.scope).toEqual({ entityId: 'State:RUS', depth: 1 });
    const ids = new Set(sub.nodes.map((n: { id: string }) => n.id));
    for (const e of sub.edges) expect(ids.has(e.sourceId) && ids.has(e.targetId)).toBe(true);
  });

  test.each([
    [['export', '--format', 'xml'], '[threatgraph] [export] --format must be one of stix, graphml, csv, json, got "xml"'],
    [['export'], '[threatgraph] [export] --format must be one of stix, graphml, csv, json, got nothing'],
    [['export', '--format', 'csv'], '[threatgraph] [export] csv writes two files (nodes.csv, relationships.csv): give --out DIRECTORY'],
    [['export', '--format', 'stix', '--depth', '2'], '[threatgraph] [export] --depth needs --entity NAME'],
    [['export', '--format', 'stix', '--entity', 'Russia', '--depth', 'deep'], '[threatgraph] [cli] --depth must be an integer from 1 to 5, got "deep"'],
    [['export', '--format', 'stix', '--entity', 'Atlantis', '--out', 'never-written.json'], '[threatgraph] [export] no entity named "Atlantis" in the graph'],
    [
      ['export', '--format', 'graphml', '--out', '/nonexistent-dir/graph.graphml'],
      '[threatgraph] [export] cannot write /nonexistent-dir/graph.graphml: ENOENT',
    ],
  ])('refuses %j', async (args, message) => {
    const result = await runCli(args, env);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain(message);
    expect(result.stdout).toBe('');
    expect(existsSync('never-written.json')).toBe(false);
  });
});

describe('import-stix', () => {
  test('export → import into an emptied graph → export loses no entity or relationship', async () => {
    const first = join(dir, 'first.json');
    expect((await runCli(['export', '--format', 'stix', '--cooccurrence', '--out', first], env)).code).toBe(0);
    const before = await counts();
    // STIX needs a country, region or coordinates: a Place in no State is the one thing left out.
    const unplaced = (
      await graph.read<{ id: string }>({
        cypher: `MATCH (p:Place) WHERE NOT EXISTS { (p)-[:LOCATED_IN]->(:State) } RETURN p.id AS id ORDER BY id`,
      })
    ).map((r) => r.id);
    await emptyGraph(graph);

    const imported = await runCli(['import-stix', first], env);
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);
    const kept = essentials(JSON.parse(readFileSync(first, 'utf8')));
    const keptEntities = Object.keys(kept.entities).length;
    const keptRelations = Object.keys(kept.relationships).length;
    expect(imported.stdout).toContain(
      `imported ${first}: ${keptEntities} entities (${keptEntities} new, 0 already known), ${keptRelations} relations (${keptRelations} new, 0 already known)`,
    );
    const after = await counts();
    const missing = await graph.read<{ id: string }>({
      cypher: `UNWIND $ids AS id WITH id WHERE NOT EXISTS { (:Entity {id: id}) } RETURN id`,
      params: { ids: unplaced },
    });
    expect(before.entities - after.entities).toBe(missing.length);
    expect(after).toEqual({ entities: keptEntities, relations: keptRelations });

    const second = join(dir, 'second.json');
    expect((await runCli(['export', '--format', 'stix', '--cooccurrence', '--out', second], env)).code).toBe(0);
    const a = JSON.parse(readFileSync(first, 'utf8'));
    const b = JSON.parse(readFileSync(second, 'utf8'));
    expect(runStixValidator(b, []).errors).toEqual([]);
    expect(essentials(b)).toEqual(essentials(a));
    // Same objects, same ids, but the articles' reports (the graph has only the bundle's article now).
    const ids = (x: { objects: { id: string; type: string }[] }) =>
      x.objects
        .filter((o) => o.type !== 'report')
        .map((o) => o.id)
        .sort();
    expect(ids(b)).toEqual(ids(a));

    const [source] = await graph.read<{ source: string; entities: number }>({
      cypher: `MATCH (a:Article) RETURN a.source AS source, COUNT { (:Entity)-[:MENTIONED_IN]->(a) } AS entities`,
    });
    expect(source).toEqual({ source: `stix:${first}`, entities: keptEntities });
  }, 240_000); // three CLI runs and an emptied graph: minutes on a loaded 2-core machine

  test('a foreign bundle: what was imported and skipped, and why, as JSON', async () => {
    const result = await runCli(['import-stix', join(import.meta.dirname, '..', 'export', 'fixtures', 'opencti-bundle.json'), '--json'], env);
    expect(result.code).toBe(0);
    const out = JSON.parse(result.stdout);
    expect(out).toMatchObject({
      entitiesCreated: 5,
      entitiesMatched: 1,
      relationsCreated: 6,
      objectsKept: 4,
      skipped: { malware: 1, 'marking-definition': 1 },
    });
  });

  test.each([
    ['not JSON', '{"type": "bundle", "objects": [', 'is not JSON'],
    [
      'an object without id',
      JSON.stringify({
        type: 'bundle',
        id: 'bundle--5d0092c5-5f74-4287-9642-33f4c354e56d',
        objects: [
          { type: 'identity', spec_version: '2.1', id: 'identity--1f3a6b2e-9c4d-4e5f-8a7b-6c5d4e3f2a1b', name: 'Acme Imports' },
          { type: 'threat-actor', spec_version: '2.1', name: 'No Id Gang' },
        ],
      }),
      'objects[1] (threat-actor "No Id Gang") has no "id"',
    ],
    [
      'a relationship to nowhere typed wrong',
      JSON.stringify({
        type: 'bundle',
        id: 'bundle--5d0092c5-5f74-4287-9642-33f4c354e56d',
        objects: [
          { type: 'identity', spec_version: '2.1', id: 'identity--1f3a6b2e-9c4d-4e5f-8a7b-6c5d4e3f2a1b', name: 'Acme Imports' },
          {
            type: 'relationship',
            spec_version: '2.1',
            id: 'relationship--6e8f0a2b-5c7d-4e9f-9a3b-4c5d6e7f8091',
            source_ref: 'identity--1f3a6b2e-9c4d-4e5f-8a7b-6c5d4e3f2a1b',
            target_ref: 'identity--1f3a6b2e-9c4d-4e5f-8a7b-6c5d4e3f2a1b',
          },
        ],
      }),
      'objects[1] (relationship) has no "relationship_type"',
    ],
  ])('refuses a bundle with %s, naming the file and field, and loses nothing', async (_why, text, message) => {
    const file = join(dir, 'bad.json');
    writeFileSync(file, text);
    const before = await graphFingerprint(graph);
    const result = await runCli(['import-stix', file], env);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain(`[threatgraph] [import-stix] ${file}: ${message}`);
    expect(await graphFingerprint(graph)).toEqual(before);
  });

  test('a missing file', async () => {
    const result = await runCli(['import-stix', join(dir, 'nope.json')], env);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain(`[threatgraph] [import-stix] cannot read ${join(dir, 'nope.json')}: no such file`);
  });
});
