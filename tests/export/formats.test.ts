// GraphML, neo4j-admin CSV and JSON exports of the ingested sample corpus (real Neo4j): the
// GraphML is well-formed XML with every attribute declared and typed, the CSV is imported by
// the real `neo4j-admin database import full` (the tool in the project's Neo4j), the JSON is
// the subgraph with nothing dangling.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ARRAY_DELIMITER, csvField, toNeo4jCsv } from '../../src/export/csv.js';
import { toGraphML, xmlEscape } from '../../src/export/graphml.js';
import { renderExport } from '../../src/export/index.js';
import { toJsonSubgraph } from '../../src/export/json.js';
import type { GraphSnapshot } from '../../src/export/types.js';
import type { GraphExecutor } from '../../src/graph/executor.js';
import { readGraphSnapshot, readNeighbourhoodSnapshot } from '../../src/graph/export.js';
import { PROJECT_ROOT } from '../../src/config.js';
import { ingestSampleCorpus, testGraph } from '../helpers/graph.js';

let graph: GraphExecutor;
let snapshot: GraphSnapshot;

beforeAll(async () => {
  graph = await testGraph();
  await ingestSampleCorpus(graph);
  snapshot = await readGraphSnapshot(graph);
});

afterAll(async () => {
  await graph?.close();
});

/** RFC 4180 CSV (quotes doubled, commas and quotes inside quoted fields). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

describe('GraphML', () => {
  test('is well-formed XML that declares every attribute with a type', () => {
    const xml = toGraphML(snapshot);
    expect(XMLValidator.validate(xml)).toBe(true);
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', isArray: (name) => ['key', 'node', 'edge', 'data'].includes(name) }).parse(
      xml,
    );
    const keys = doc.graphml.key as Record<string, string>[];
    const declared = new Map(keys.map((k) => [k['@id'], k]));
    for (const k of keys) {
      if (k['@yfiles.type']) continue;
      expect(['string', 'int', 'double', 'boolean', 'long', 'float']).toContain(k['@attr.type']);
      expect(k['@attr.name']).toBeTruthy();
    }
    const nodes = doc.graphml.graph.node as Record<string, unknown>[];
    const edges = doc.graphml.graph.edge as Record<string, unknown>[];
    expect(doc.graphml.graph['@edgedefault']).toBe('directed');
    expect(nodes).toHaveLength(snapshot.entities.length);
    expect(edges).toHaveLength(snapshot.relations.length);
    const nodeIds = new Set(nodes.map((n) => n['@id']));
    for (const e of edges) {
      expect(nodeIds.has(e['@source']) && nodeIds.has(e['@target'])).toBe(true);
      for (const d of e.data as Record<string, string>[]) expect(declared.get(d['@key'])?.['@for']).toBe('edge');
    }
    for (const n of nodes) for (const d of n.data as Record<string, string>[]) expect(declared.get(d['@key'])?.['@for']).toBe('node');
    // Labels and typed values as Gephi reads them.
    const russia = nodes.find((n) => n['@id'] === 'State:RUS')!;
    const data = Object.fromEntries((russia.data as Record<string, unknown>[]).filter((d) => d['@key'] !== 'n_graphics').map((d) => [d['@key'], d['#text']]));
    expect(data.n_label).toBe('Russia');
    expect(data.n_type).toBe('State');
    expect(Number(data.n_mentionCount)).toBeGreaterThan(5);
  });

  test('escapes what XML cannot hold as it is', () => {
    expect(xmlEscape(`D'Aloia & "Others" <v> \u0001`)).toBe('D&apos;Aloia &amp; &quot;Others&quot; &lt;v&gt; ');
    const tricky: GraphSnapshot = {
      scope: null,
      entities: [{ ...snapshot.entities[0]!, id: 'Case:a<b', name: 'A & B "v" <C>\u0007', aliases: ['x]]>y'] }],
      relations: [],
    };
    expect(XMLValidator.validate(toGraphML(tricky))).toBe(true);
  });
});

describe('neo4j-admin CSV', () => {
  test('nodes.csv and relationships.csv have the headers neo4j-admin reads and nothing dangling', () => {
    const { nodes, relationships } = toNeo4jCsv(snapshot);
    const n = parseCsv(nodes);
    const r = parseCsv(relationships);
    expect(n[0]!.slice(0, 3)).toEqual(['id:ID', ':LABEL', 'name']);
    expect(r[0]!.slice(0, 4)).toEqual([':START_ID', ':END_ID', ':TYPE', 'id']);
    expect(n.slice(1)).toHaveLength(snapshot.entities.length);
    expect(r.slice(1)).toHaveLength(snapshot.relations.length);
    for (const row of n.slice(1)) expect(row).toHaveLength(n[0]!.length);
    for (const row of r.slice(1)) expect(row).toHaveLength(r[0]!.length);
    const ids = new Set(n.slice(1).map((row) => row[0]));
    for (const row of r.slice(1)) expect(ids.has(row[0]) && ids.has(row[1])).toBe(true);
    const russia = n.find((row) => row[0] === 'State:RUS')!;
    expect(russia[1]).toBe(`Entity${ARRAY_DELIMITER}State`);
    expect(csvField('a, "b"')).toBe('"a, ""b"""');
    expect(csvField('two\nlines')).toBe('two lines');
  });

  test('the real `neo4j-admin database import full` imports every node and relationship', () => {
    const dir = mkdtempSync(join(tmpdir(), 'threatgraph-admin-import-'));
    try {
      const files = renderExport(snapshot, 'csv');
      mkdirSync(join(dir, 'csv'));
      for (const f of files) writeFileSync(join(dir, 'csv', f.name), f.content);
      mkdirSync(join(dir, 'home', 'conf'), { recursive: true });
      writeFileSync(join(dir, 'home', 'conf', 'neo4j.conf'), '');
      const result = spawnSync(
        'java',
        [
          '-Xmx512m',
          '-cp',
          `${join(PROJECT_ROOT, 'neo4j', 'target', 'lib')}/*`,
          'org.neo4j.cli.AdminTool',
          'database',
          'import',
          'full',
          'neo4j',
          '--max-off-heap-memory=256m',
          `--report-file=${join(dir, 'import.report')}`,
          `--nodes=${join(dir, 'csv', 'nodes.csv')}`,
          `--relationships=${join(dir, 'csv', 'relationships.csv')}`,
        ],
        { cwd: dir, env: { ...process.env, NEO4J_HOME: join(dir, 'home'), NEO4J_CONF: join(dir, 'home', 'conf') }, encoding: 'utf8', timeout: 120_000 },
      );
      const out = `${result.stdout}\n${result.stderr}`;
      expect(out).toContain('IMPORT DONE');
      expect(out).toMatch(new RegExp(`Imported:\\s+${snapshot.entities.length} nodes\\s+${snapshot.relations.length} relationships`));
      expect(result.status).toBe(0);
      // The tool lists every row it could not import in its report: none.
      expect(readFileSync(join(dir, 'import.report'), 'utf8')).toBe('');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 150_000);
});

describe('JSON subgraph', () => {
  test('holds every entity and relation, with evidence, and nothing dangling', () => {
    const json = toJsonSubgraph(snapshot);
    expect(json.format).toBe('threatgraph-subgraph');
    expect(json.nodes).toHaveLength(snapshot.entities.length);
    expect(json.edges).toHaveLength(snapshot.relations.length);
    const ids = new Set(json.nodes.map((n) => n.id));
    for (const e of json.edges) expect(ids.has(e.sourceId) && ids.has(e.targetId)).toBe(true);
    expect(json.edges.some((e) => e.evidence.length > 0 && e.evidence[0]!.sentence.length > 10)).toBe(true);
    expect(json.nodes[0]).not.toHaveProperty('responsibleFor');
  });

  test('a neighbourhood to depth 2 is larger than depth 1 and keeps its scope', async () => {
    const one = toJsonSubgraph(await readNeighbourhoodSnapshot(graph, 'State:RUS', 1));
    const two = toJsonSubgraph(await readNeighbourhoodSnapshot(graph, 'State:RUS', 2));
    expect(one.scope).toEqual({ entityId: 'State:RUS', depth: 1 });
    expect(two.nodes.length).toBeGreaterThan(one.nodes.length);
    const oneIds = new Set(one.nodes.map((n) => n.id));
    for (const id of oneIds) expect(two.nodes.some((n) => n.id === id)).toBe(true);
  });
});
