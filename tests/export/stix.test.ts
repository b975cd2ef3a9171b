// STIX 2.1 export and import against the ingested sample corpus on the real Neo4j: the bundle
// passes the STIX 2.1 schema (tests/export/stix-2.1-subset.schema.json), follows the mapping
// table, is stable across exports, and survives export → import into an empty graph → export
// without losing an entity or a relationship. Foreign bundles (OpenCTI-like) map back, and bad
// bundles are refused whole.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import countries from 'i18n-iso-countries';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { toStixBundle, type StixBundle, type StixObject } from '../../src/export/stix.js';
import type { GraphSnapshot } from '../../src/export/types.js';
import { uuidv5 } from '../../src/export/uuid.js';
import type { GraphExecutor } from '../../src/graph/executor.js';
import { readGraphSnapshot, readNeighbourhoodSnapshot } from '../../src/graph/export.js';
import { writeStixImport } from '../../src/graph/import-stix.js';
import { planStixImport } from '../../src/import/stix.js';
import { emptyGraph, ingestSampleCorpus, testGraph } from '../helpers/graph.js';
import { graphFingerprint } from './corpus.js';
import { essentials, stixValidator } from './stix-helpers.js';

const FOREIGN = join(import.meta.dirname, 'fixtures', 'opencti-bundle.json');
const validate = stixValidator();

let graph: GraphExecutor;
let snapshot: GraphSnapshot;
let bundle: StixBundle;
const byTgId = new Map<string, StixObject>();

beforeAll(async () => {
  graph = await testGraph();
  await ingestSampleCorpus(graph);
  snapshot = await readGraphSnapshot(graph);
  bundle = toStixBundle(snapshot);
  for (const o of bundle.objects) byTgId.set(o.x_threatgraph_id as string, o);
});

afterAll(async () => {
  await graph?.close();
});

describe('STIX 2.1 export of the sample corpus', () => {
  test('the corpus gave a graph worth exporting', () => {
    expect(snapshot.entities.length).toBeGreaterThan(100);
    expect(snapshot.relations.filter((r) => r.type !== 'ASSOCIATED_WITH').length).toBeGreaterThan(30);
    expect(bundle.objects.length).toBe(snapshot.entities.length + snapshot.relations.length);
  });

  test('the bundle passes the STIX 2.1 schema', () => {
    const ok = validate(bundle);
    expect(validate.errors?.slice(0, 5) ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  test('the schema check can fail: it refuses what the spec forbids', () => {
    const first = bundle.objects.find((o) => o.type === 'relationship')!;
    const broken: [string, unknown][] = [
      ['no spec_version', { ...first, spec_version: undefined }],
      ['timestamp without milliseconds', { ...first, created: '2024-10-08T00:00:00Z' }],
      ['id of another type', { ...first, id: first.id.replace('relationship--', 'incident--') }],
      ['upper-case relationship type', { ...first, relationship_type: 'Attributed-To' }],
      ['empty custom list', { ...first, x_threatgraph_rules: [] }],
      ['location without country or region', { type: 'location', spec_version: '2.1', id: `location--${uuidv5('x')}`, created: first.created, modified: first.modified, name: 'Nowhere' }],
    ];
    for (const [why, object] of broken) {
      const copy = JSON.parse(JSON.stringify({ ...bundle, objects: [object] }));
      expect(validate(copy), why).toBe(false);
    }
  });

  test('ids are uuidv5 of the ThreatGraph id, unique, and every reference resolves', () => {
    const ids = new Set(bundle.objects.map((o) => o.id));
    expect(ids.size).toBe(bundle.objects.length);
    for (const o of bundle.objects) {
      expect(o.id).toBe(`${o.type}--${uuidv5(o.x_threatgraph_id as string)}`);
      expect(o.modified >= o.created).toBe(true);
      for (const ref of [o.source_ref, o.target_ref, ...((o.object_refs as string[]) ?? [])].filter(Boolean)) {
        expect(ids.has(ref as string), `${o.id} refers to ${ref}`).toBe(true);
      }
    }
  });

  test('a re-export of the same graph is the same bundle', async () => {
    const again = toStixBundle(await readGraphSnapshot(graph));
    expect(JSON.stringify(again)).toBe(JSON.stringify(bundle));
  });

  test('entities map by the table: States, Groups by kind, Actors by responsibility, Cases by kind', () => {
    const seen = new Set<string>();
    for (const e of snapshot.entities) {
      const o = byTgId.get(e.id)!;
      expect(o.x_threatgraph_type).toBe(e.type);
      expect(o.name).toBe(e.name);
      seen.add(`${e.type}/${o.type}`);
      switch (e.type) {
        case 'State':
          expect(o.type).toBe('location');
          expect(o.country).toBe(countries.alpha3ToAlpha2(e.iso3!));
          break;
        case 'Place':
          expect(o.type).toBe('location');
          if (e.locatedIn.length) expect(o.country).toBe(countries.alpha3ToAlpha2(e.locatedIn[0]!));
          else expect(o.region).toBe(e.name);
          break;
        case 'Actor':
          expect(o.type).toBe(e.responsibleFor.length ? 'threat-actor' : 'identity');
          if (o.type === 'identity') expect(o.identity_class).toBe('individual');
          break;
        case 'Group':
          if (['terrorist', 'militant'].includes(e.kind!)) expect(o.type).toBe('threat-actor');
          if (e.kind === 'terrorist') expect(o.threat_actor_types).toEqual(['terrorist']);
          if (['government', 'court', 'company', 'media', 'ngo', 'research'].includes(e.kind!)) {
            expect(o.type).toBe('identity');
            expect(o.identity_class).toBe('organization');
          }
          if (o.type === 'intrusion-set') expect(e.responsibleFor).toContain('cyber');
          break;
        case 'Case':
          if (e.kind === 'influence') expect(o.type).toBe('campaign');
          else if (['attack', 'plot', 'sabotage', 'cyber', 'fraud', 'conflict', 'other'].includes(e.kind ?? 'other')) expect(o.type).toBe('incident');
          else expect(['report', 'grouping', 'incident']).toContain(o.type);
          if (o.type === 'report' || o.type === 'grouping') expect((o.object_refs as string[]).length).toBeGreaterThan(0);
          break;
      }
    }
    // The corpus exercises most rows of the table.
    for (const pair of ['State/location', 'Place/location', 'Group/threat-actor', 'Group/identity', 'Actor/identity', 'Case/incident', 'Case/campaign']) {
      expect(seen, pair).toContain(pair);
    }
  });

  test('relations become relationships with the nearest type, evidence as description and references', () => {
    let withEvidence = 0;
    for (const r of snapshot.relations) {
      const o = byTgId.get(r.id)!;
      const source = byTgId.get(r.sourceId)!;
      const target = byTgId.get(r.targetId)!;
      expect(o.x_threatgraph_type).toBe(r.type);
      if (r.type === 'RESPONSIBLE_FOR') {
        // "case attributed-to actor": STIX reads it from the case.
        expect(['attributed-to', 'originates-from']).toContain(o.relationship_type);
        expect([o.source_ref, o.target_ref]).toEqual([target.id, source.id]);
      } else {
        expect([o.source_ref, o.target_ref]).toEqual([source.id, target.id]);
      }
      if (r.type === 'TARGETED') expect(o.relationship_type).toBe('targets');
      if (r.type === 'USES_PROXY') expect(o.relationship_type).toBe('uses');
      if (r.type === 'OCCURRED_IN') expect(o.relationship_type).toBe('located-at');
      if (['SUPPORTS', 'OPPOSES', 'INVESTIGATES', 'PARTY_TO', 'ASSOCIATED_WITH'].includes(r.type)) expect(o.relationship_type).toBe('related-to');
      if (r.evidence.length > 0) {
        withEvidence++;
        expect(o.description).toContain(r.evidence[0]!.sentence.trim());
        const refs = o.external_references as { external_id?: string; url?: string }[];
        expect(refs.map((x) => x.external_id)).toContain(r.evidence[0]!.articleId);
      }
      if (r.confidence !== null) expect(o.confidence).toBe(Math.round(r.confidence * 100));
    }
    expect(withEvidence).toBeGreaterThan(30);
  });

  test('a neighbourhood export holds the entity, its neighbours and only relations among them', async () => {
    const russia = await readNeighbourhoodSnapshot(graph, 'State:RUS', 1);
    const ids = new Set(russia.entities.map((e) => e.id));
    expect(ids.has('State:RUS')).toBe(true);
    expect(ids.size).toBeGreaterThan(3);
    expect(ids.size).toBeLessThan(snapshot.entities.length);
    const typed = snapshot.relations.filter((r) => r.type !== 'ASSOCIATED_WITH');
    for (const id of ids) {
      if (id === 'State:RUS') continue;
      expect(typed.some((r) => (r.sourceId === 'State:RUS' && r.targetId === id) || (r.targetId === 'State:RUS' && r.sourceId === id)), id).toBe(true);
    }
    for (const r of russia.relations) expect(ids.has(r.sourceId) && ids.has(r.targetId)).toBe(true);
    const sub = toStixBundle(russia);
    expect(validate(sub)).toBe(true);
    await expect(readNeighbourhoodSnapshot(graph, 'State:XXX', 1)).rejects.toThrow('[threatgraph] [export] no entity with id "State:XXX"');
    await expect(readNeighbourhoodSnapshot(graph, 'State:RUS', 9)).rejects.toThrow('--depth must be an integer from 1 to 5');
  });
});

describe('STIX import', () => {
  test('importing an export into the graph it came from counts nothing twice', async () => {
    const text = JSON.stringify(bundle);
    const before = await graphFingerprint(graph);
    const result = await writeStixImport(graph, planStixImport(text, 'same-graph.json'), text);
    expect(result.entitiesCreated + result.relationsCreated).toBe(0);
    expect(result.entitiesMatched).toBe(snapshot.entities.length);
    const after = await graphFingerprint(graph);
    expect(after).toEqual({ ...before, 'node:Article': before['node:Article']! + 1 });
    expect(essentials(toStixBundle(await readGraphSnapshot(graph)))).toEqual(essentials(bundle));
  });

  test('export → import into an emptied graph → export loses no entity or relationship', async () => {
    const text = JSON.stringify(bundle);
    const before = essentials(bundle);
    await emptyGraph(graph);
    const plan = planStixImport(text, 'roundtrip.json');
    expect(plan.entities).toHaveLength(snapshot.entities.length);
    expect(plan.relations).toHaveLength(snapshot.relations.length);
    const result = await writeStixImport(graph, plan, text);
    expect(result.entitiesCreated).toBe(snapshot.entities.length);
    expect(result.relationsCreated).toBe(snapshot.relations.length);

    const after = toStixBundle(await readGraphSnapshot(graph));
    expect(validate(after)).toBe(true);
    const again = essentials(after);
    expect(Object.keys(again.entities).sort()).toEqual(Object.keys(before.entities).sort());
    expect(Object.keys(again.relationships).sort()).toEqual(Object.keys(before.relationships).sort());
    expect(again).toEqual(before);

    // Imported things say where they came from.
    const [origins] = await graph.read<{ entities: string[]; relations: string[]; source: string; evidence: number; mentions: number }>({
      cypher: `MATCH (a:Article {id: $id})
               RETURN COLLECT { MATCH (n:Entity) RETURN DISTINCT n.origin } AS entities,
                      COLLECT { MATCH ()-[r]->(:Entity) WHERE NOT type(r) IN ['MENTIONED_IN'] RETURN DISTINCT r.origin } AS relations,
                      a.source AS source,
                      COUNT { (:Evidence)-[:FROM]->(a) } AS evidence,
                      COUNT { (:Entity)-[:MENTIONED_IN]->(a) } AS mentions`,
      params: { id: result.articleId },
    });
    expect(origins).toEqual({
      entities: ['stix'], relations: ['stix'], source: 'stix:roundtrip.json',
      evidence: snapshot.relations.filter((r) => r.type !== 'ASSOCIATED_WITH').length,
      mentions: snapshot.entities.length,
    });

    // The same file again changes nothing.
    const fingerprint = await graphFingerprint(graph);
    const twice = await writeStixImport(graph, planStixImport(text, 'roundtrip.json'), text);
    expect(twice.entitiesCreated + twice.relationsCreated).toBe(0);
    expect(await graphFingerprint(graph)).toEqual(fingerprint);
  });

  test('a foreign (OpenCTI-like) bundle maps to the ontology and joins what is known', async () => {
    await ingestSampleCorpus(graph);
    const text = readFileSync(FOREIGN, 'utf8');
    const plan = planStixImport(text, FOREIGN);
    expect(plan.skipped).toEqual({ 'marking-definition': 1, identity: 1, malware: 1, relationship: 1 });
    expect(plan.warnings).toEqual(['1 relationship(s) refer to objects that are not in the bundle or not imported: skipped']);
    const result = await writeStixImport(graph, plan, text);
    expect(result.entitiesMatched).toBe(1); // Russia is in the corpus already
    expect(result.entitiesCreated).toBe(5);

    const entities = await graph.read<{ id: string; type: string; kind: string | null; origin: string; aliases: string[] }>({
      cypher: `MATCH (n:Entity) WHERE n.id IN $ids RETURN n.id AS id, n.type AS type, n.kind AS kind, n.origin AS origin, n.aliases AS aliases ORDER BY id`,
      params: { ids: plan.entities.map((e) => e.id) },
    });
    expect(entities.map((e) => [e.id, e.type, e.kind, e.origin])).toEqual([
      ['Actor:ivan examplov', 'Actor', null, 'stix'],
      ['Case:operation harbour lights', 'Case', 'other', 'stix'],
      ['Group:apt28', 'Group', 'other', 'stix'],
      ['Group:example shipping ltd', 'Group', 'other', 'stix'],
      ['Place:rotterdam', 'Place', null, 'stix'],
      ['State:RUS', 'State', null, 'extracted'],
    ]);
    expect(entities.find((e) => e.id === 'Group:apt28')!.aliases).toEqual(['Fancy Bear', 'Sofacy']);

    const relations = await graph.read<{ type: string; s: string; t: string; confidence: number; sentence: string; source: string }>({
      cypher: `MATCH (ev:Evidence)-[:FROM]->(a:Article {id: $id})
               MATCH (s:Entity {id: ev.sourceId})-[r]->(t:Entity {id: ev.targetId}) WHERE r.id = ev.relationId
               RETURN type(r) AS type, s.id AS s, t.id AS t, r.confidence AS confidence, ev.sentence AS sentence, a.source AS source
               ORDER BY type, s`,
      params: { id: result.articleId },
    });
    expect(relations.map((r) => [r.type, r.s, r.t])).toEqual([
      ['LOCATED_IN', 'Group:apt28', 'State:RUS'],
      ['MEMBER_OF', 'Actor:ivan examplov', 'Group:apt28'],
      ['OCCURRED_IN', 'Case:operation harbour lights', 'Place:rotterdam'],
      ['RESPONSIBLE_FOR', 'Group:apt28', 'Case:operation harbour lights'],
      ['TARGETED', 'Case:operation harbour lights', 'Group:example shipping ltd'],
    ]);
    const attributed = relations.find((r) => r.type === 'RESPONSIBLE_FOR')!;
    expect(attributed.confidence).toBe(0.8);
    expect(attributed.sentence).toBe('Operation Harbour Lights is attributed to APT28.');
    expect(attributed.source).toBe(`stix:${FOREIGN}`);
    const [assoc] = await graph.read<{ n: number }>({
      cypher: `MATCH (:Entity {id: 'Group:example shipping ltd'})-[r:ASSOCIATED_WITH]-(:Entity {id: 'Place:rotterdam'}) RETURN count(r) AS n`,
    });
    expect(assoc!.n).toBe(1);
  });

  const bad: [string, string, string][] = [
    ['not JSON', '{"type": "bundle", "objects": [', 'bad.json: is not JSON'],
    ['not a bundle', '{"type": "identity", "id": "identity--1f3a6b2e-9c4d-4e5f-8a7b-6c5d4e3f2a1b"}', 'bad.json: "type" must be "bundle", got "identity"'],
    ['objects not a list', '{"type": "bundle", "id": "bundle--5d0092c5-5f74-4287-9642-33f4c354e56d", "objects": {}}', 'bad.json: "objects" must be a list'],
    ['an object without id',
      '{"type": "bundle", "id": "bundle--5d0092c5-5f74-4287-9642-33f4c354e56d", "objects": [{"type": "identity", "id": "identity--1f3a6b2e-9c4d-4e5f-8a7b-6c5d4e3f2a1b", "name": "A"}, {"type": "identity", "name": "Acme"}]}',
      'bad.json: objects[1] (identity "Acme") has no "id"'],
    ['an id of another type',
      '{"type": "bundle", "id": "bundle--5d0092c5-5f74-4287-9642-33f4c354e56d", "objects": [{"type": "identity", "id": "campaign--1f3a6b2e-9c4d-4e5f-8a7b-6c5d4e3f2a1b", "name": "Acme"}]}',
      'bad.json: objects[0] (identity "Acme"): "id" campaign--1f3a6b2e-9c4d-4e5f-8a7b-6c5d4e3f2a1b does not start with its type "identity--"'],
    ['a relationship without target_ref',
      '{"type": "bundle", "id": "bundle--5d0092c5-5f74-4287-9642-33f4c354e56d", "objects": [{"type": "identity", "id": "identity--1f3a6b2e-9c4d-4e5f-8a7b-6c5d4e3f2a1b", "name": "Acme"}, {"type": "relationship", "id": "relationship--6e8f0a2b-5c7d-4e9f-9a3b-4c5d6e7f8091", "relationship_type": "targets", "source_ref": "identity--1f3a6b2e-9c4d-4e5f-8a7b-6c5d4e3f2a1b"}]}',
      'bad.json: objects[1] (relationship): "target_ref" must be a STIX id, got null'],
    ['an identity without name',
      '{"type": "bundle", "id": "bundle--5d0092c5-5f74-4287-9642-33f4c354e56d", "objects": [{"type": "identity", "id": "identity--1f3a6b2e-9c4d-4e5f-8a7b-6c5d4e3f2a1b", "identity_class": "organization"}]}',
      'bad.json: objects[0] (identity) has no "name"'],
  ];
  test.each(bad)('refuses %s, naming the file and field, and writes nothing', async (_why, text, message) => {
    const fingerprint = await graphFingerprint(graph);
    expect(() => planStixImport(text, 'bad.json')).toThrow(`[threatgraph] [import-stix] ${message}`);
    expect(await graphFingerprint(graph)).toEqual(fingerprint);
  });
});
