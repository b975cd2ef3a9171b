// STIX 2.1 export and import against the ingested sample corpus on the real Neo4j: the bundle
// passes OASIS's stix2-validator with no error and none of the warnings OpenCTI users meet
// (202 relationship types outside the vocabulary, 223 regions outside it, 401 custom properties
// without an extension), follows the mapping table, is stable across exports, and survives
// export → import into an empty graph → export. Foreign bundles (OpenCTI-like) map back, and
// bad bundles are refused whole. tests/export/stix-attack.test.ts imports MITRE ATT&CK.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import countries from 'i18n-iso-countries';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { EXTENSION_ID, PRODUCER_ID, toStixBundle, type StixBundle, type StixObject } from '../../src/export/stix.js';
import type { GraphSnapshot } from '../../src/export/types.js';
import { uuidv5 } from '../../src/export/uuid.js';
import type { GraphExecutor } from '../../src/graph/executor.js';
import { readGraphSnapshot, readNeighbourhoodSnapshot } from '../../src/graph/export.js';
import { writeStixImport } from '../../src/graph/import-stix.js';
import { planStixImport } from '../../src/import/stix.js';
import { emptyGraph, ingestSampleCorpus, testGraph } from '../helpers/graph.js';
import { graphFingerprint } from './corpus.js';
import { essentials, runStixValidator } from './stix-helpers.js';

const FOREIGN = join(import.meta.dirname, 'fixtures', 'opencti-bundle.json');
const CODES = ['202', '223', '401'];

let graph: GraphExecutor;
let snapshot: GraphSnapshot;
let bundle: StixBundle;
/** ThreatGraph's objects by ThreatGraph id (a State's actor facet under "id#actor"). */
const byTgId = new Map<string, StixObject>();
const byId = new Map<string, StixObject>();

beforeAll(async () => {
  graph = await testGraph();
  await ingestSampleCorpus(graph);
  snapshot = await readGraphSnapshot(graph);
  bundle = toStixBundle(snapshot);
  for (const o of bundle.objects) {
    byId.set(o.id, o);
    if (o.x_threatgraph_id) byTgId.set(`${o.x_threatgraph_id as string}${o.x_threatgraph_facet ? '#actor' : ''}`, o);
  }
});

afterAll(async () => {
  await graph?.close();
});

describe('STIX 2.1 export of the sample corpus', () => {
  test('the corpus gave a graph worth exporting, co-occurrence left out by default', () => {
    expect(snapshot.entities.length).toBeGreaterThan(100);
    const typed = snapshot.relations.filter((r) => r.type !== 'ASSOCIATED_WITH');
    expect(typed.length).toBeGreaterThan(30);
    const relationships = bundle.objects.filter((o) => o.type === 'relationship' && o.x_threatgraph_id);
    expect(relationships.length).toBeLessThanOrEqual(typed.length);
    expect(relationships.some((o) => o.x_threatgraph_type === 'ASSOCIATED_WITH')).toBe(false);
    const withCooccurrence = toStixBundle(snapshot, { cooccurrence: true });
    expect(withCooccurrence.objects.filter((o) => o.x_threatgraph_type === 'ASSOCIATED_WITH').length).toBeGreaterThan(100);
  });

  test('stix2-validator: no error, and no warning of kinds 202, 223 or 401', () => {
    const report = runStixValidator(bundle, CODES);
    expect(report.errors.slice(0, 5)).toEqual([]);
    expect(report.valid).toBe(true);
    for (const code of CODES) expect(report.byCode[code]!.slice(0, 5), `{${code}}`).toEqual([]);
    const full = runStixValidator(toStixBundle(snapshot, { cooccurrence: true }), CODES);
    expect(full.errors.slice(0, 5)).toEqual([]);
    for (const code of CODES) expect(full.byCode[code]!.slice(0, 5), `{${code}} with co-occurrence`).toEqual([]);
  }, 300_000);

  test('the validator check can fail: it reports what the spec forbids or advises against', () => {
    const relationship = bundle.objects.find((o) => o.type === 'relationship' && o.relationship_type === 'attributed-to')!;
    const incident = bundle.objects.find((o) => o.type === 'incident')!;
    const location = bundle.objects.find((o) => o.type === 'location')!;
    const broken: StixObject[] = [
      { ...relationship, id: `relationship--${uuidv5('broken 1')}`, created: '2024-10-08' },
      { ...relationship, id: `relationship--${uuidv5('broken 2')}`, source_ref: incident.id },
      { ...location, id: `location--${uuidv5('broken 3')}`, country: undefined, region: 'kursk' },
      { ...location, id: `location--${uuidv5('broken 4')}`, extensions: undefined },
    ];
    const report = runStixValidator({ ...bundle, objects: [...bundle.objects, ...broken] }, CODES);
    expect(report.valid).toBe(false);
    expect(report.errors.join('\n')).toContain(broken[0]!.id);
    expect(report.byCode['202']!.join('\n')).toContain(broken[1]!.id);
    expect(report.byCode['223']!.join('\n')).toContain(broken[2]!.id);
    expect(report.byCode['401']!.join('\n')).toContain(broken[3]!.id);
  }, 300_000);

  test('ids: uuidv5 of the ThreatGraph id, unique; every reference resolves; real created and modified', () => {
    const ids = new Set(bundle.objects.map((o) => o.id));
    expect(ids.size).toBe(bundle.objects.length);
    for (const o of bundle.objects) {
      if (o.x_threatgraph_id && !o.x_threatgraph_facet) expect(o.id).toBe(`${o.type}--${uuidv5(o.x_threatgraph_id as string)}`);
      expect(o.modified >= o.created).toBe(true);
      expect(o.created.startsWith('1970')).toBe(false);
      for (const ref of [o.source_ref, o.target_ref, o.created_by_ref, ...((o.object_refs as string[]) ?? [])].filter(Boolean)) {
        expect(ids.has(ref as string), `${o.id} refers to ${ref}`).toBe(true);
      }
      if (o.id !== PRODUCER_ID) expect(o.created_by_ref).toBe(PRODUCER_ID);
      if (Object.keys(o).some((k) => k.startsWith('x_'))) expect(Object.keys(o.extensions as object)).toEqual([EXTENSION_ID]);
    }
    const extension = byId.get(EXTENSION_ID)!;
    const custom = new Set(bundle.objects.flatMap((o) => Object.keys(o).filter((k) => k.startsWith('x_'))));
    for (const k of custom) expect(extension.extension_properties, k).toContain(k);
  });

  test('a re-export of the same graph is the same bundle', async () => {
    const again = toStixBundle(await readGraphSnapshot(graph));
    expect(JSON.stringify(again)).toBe(JSON.stringify(bundle));
  });

  test('entities map by the table: States as places and actors, ATT&CK groups and organs as intrusion sets and threat actors, Cases as campaigns and incidents', () => {
    const seen = new Set<string>();
    const responsible = new Set(snapshot.relations.filter((r) => r.type === 'RESPONSIBLE_FOR').map((r) => r.targetId));
    for (const e of snapshot.entities) {
      const o = byTgId.get(e.id);
      if (e.type === 'Place' && !o) {
        expect(e.locatedIn).toEqual([]); // only a place in no known country is left out
        continue;
      }
      expect(o, e.id).toBeDefined();
      expect(o!.x_threatgraph_type).toBe(e.type);
      expect(o!.name).toBe(e.name);
      seen.add(`${e.type}/${o!.type}`);
      switch (e.type) {
        case 'State': {
          expect(o!.type).toBe('location');
          expect(o!.country).toBe(countries.alpha3ToAlpha2(e.iso3!));
          const actor = byTgId.get(`${e.id}#actor`);
          if (actor) {
            seen.add(`State/${actor.type}`);
            expect(['threat-actor', 'identity']).toContain(actor.type);
            if (actor.type === 'threat-actor') expect(actor.threat_actor_types).toEqual(['nation-state']);
            else expect(actor.sectors).toEqual(['government']);
          }
          break;
        }
        case 'Place':
          expect(o!.type).toBe('location');
          if (e.locatedIn.length) expect(o!.country).toBe(countries.alpha3ToAlpha2(e.locatedIn[0]!));
          else expect(o!.region).toMatch(/^[a-z-]+$/);
          break;
        case 'Actor':
          expect(o!.type).toBe(e.responsibleFor.length ? 'threat-actor' : 'identity');
          break;
        case 'Group':
          if (['terrorist', 'militant', 'intelligence', 'military'].includes(e.kind!)) expect(['threat-actor', 'intrusion-set']).toContain(o!.type);
          if (['government', 'court', 'company', 'media', 'ngo', 'research'].includes(e.kind!)) expect(o!.type).toBe('identity');
          if (o!.type === 'intrusion-set' && !e.responsibleFor.includes('cyber')) {
            expect((o!.external_references as { source_name: string }[])[0]!.source_name).toBe('mitre-attack');
          }
          if (o!.type !== 'identity' && e.firstSeen) expect(o!.first_seen).toBe(`${e.firstSeen}T00:00:00.000Z`);
          break;
        case 'Case':
          if (e.kind === 'influence') expect(o!.type).toBe('campaign');
          if (o!.type === 'incident') expect(e.kind === 'legal' || e.kind === 'investigation' || !responsible.has(e.id)).toBe(true);
          break;
      }
    }
    for (const pair of [
      'State/location',
      'State/threat-actor',
      'State/identity',
      'Place/location',
      'Group/threat-actor',
      'Group/identity',
      'Group/intrusion-set',
      'Actor/identity',
      'Case/incident',
      'Case/campaign',
    ]) {
      expect(seen, pair).toContain(pair);
    }
  });

  test('relations use the STIX vocabulary where the ends allow it; evidence as description and references', () => {
    let withEvidence = 0;
    const types: Record<string, number> = {};
    for (const r of snapshot.relations.filter((x) => x.type !== 'ASSOCIATED_WITH')) {
      const o = byTgId.get(r.id);
      if (!o) continue; // a Place left out
      types[o.relationship_type as string] = (types[o.relationship_type as string] ?? 0) + 1;
      const source = byId.get(o.source_ref as string)!;
      const target = byId.get(o.target_ref as string)!;
      expect(o.x_threatgraph_type).toBe(r.type);
      if (o.relationship_type === 'attributed-to' && r.type === 'RESPONSIBLE_FOR') {
        // "campaign attributed-to actor": STIX reads it from the case.
        expect(source.x_threatgraph_id).toBe(r.targetId);
        expect(target.x_threatgraph_id).toBe(r.sourceId);
        expect(source.type).toBe('campaign');
      }
      if (r.type === 'RESPONSIBLE_FOR' && byTgId.get(r.targetId)!.type === 'campaign' && byTgId.get(r.sourceId)!.type !== 'identity') {
        expect(o.relationship_type).toBe('attributed-to');
      }
      if (o.relationship_type === 'targets') expect(['location', 'identity']).toContain(target.type);
      if (['SUPPORTS', 'OPPOSES', 'INVESTIGATES', 'PARTY_TO', 'OCCURRED_IN'].includes(r.type)) expect(o.relationship_type).toBe('related-to');
      if (r.evidence.length > 0 && !r.evidence[0]!.rule?.startsWith('stix:')) {
        withEvidence++;
        expect(o.description).toContain(r.evidence[0]!.sentence.trim());
        const refs = o.external_references as { external_id?: string; description?: string }[];
        expect(refs.map((x) => x.external_id)).toContain(r.evidence[0]!.articleId);
        expect(refs.map((x) => x.description).join('\n')).toContain(r.evidence[0]!.sentence.trim());
      }
      if (r.firstSeen) expect(o.start_time).toBe(`${r.firstSeen}T00:00:00.000Z`);
      if (r.confidence !== null) expect(o.confidence).toBe(Math.round(r.confidence * 100));
    }
    expect(withEvidence).toBeGreaterThan(30);
    for (const t of ['attributed-to', 'targets', 'located-at']) expect(types[t], t).toBeGreaterThan(0);
  });

  test('one report per article, listing what it mentions and the relations it is evidence for', () => {
    const reports = bundle.objects.filter((o) => o.type === 'report');
    const articles = (snapshot.articles ?? []).filter((a) => a.entityIds.length > 0);
    expect(reports.length).toBe(articles.length);
    expect(reports.length).toBeGreaterThan(20);
    for (const a of articles) {
      const report = byId.get(`report--${uuidv5(a.id)}`)!;
      expect(report.name).toBe(a.title);
      for (const id of a.entityIds) {
        const o = byTgId.get(id);
        if (o) expect(report.object_refs).toContain(o.id);
      }
    }
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
      expect(
        typed.some((r) => (r.sourceId === 'State:RUS' && r.targetId === id) || (r.targetId === 'State:RUS' && r.sourceId === id)),
        id,
      ).toBe(true);
    }
    for (const r of russia.relations) expect(ids.has(r.sourceId) && ids.has(r.targetId)).toBe(true);
    const sub = toStixBundle(russia);
    expect(runStixValidator(sub, CODES).errors).toEqual([]);
    await expect(readNeighbourhoodSnapshot(graph, 'State:XXX', 1)).rejects.toThrow('[threatgraph] [export] no entity with id "State:XXX"');
    await expect(readNeighbourhoodSnapshot(graph, 'State:RUS', 9)).rejects.toThrow('--depth must be an integer from 1 to 5');
  }, 300_000);
});

describe('STIX import', () => {
  test('importing an export into the graph it came from counts nothing twice', async () => {
    const text = JSON.stringify(bundle);
    const before = await graphFingerprint(graph);
    const result = await writeStixImport(graph, planStixImport(text, 'same-graph.json'), text);
    expect(result.entitiesCreated + result.relationsCreated + result.objectsKept).toBe(0);
    expect(result.entitiesMatched).toBe(Object.keys(essentials(bundle).entities).length);
    const after = await graphFingerprint(graph);
    expect(after).toEqual({ ...before, 'node:Article': before['node:Article']! + 1 });
    expect(essentials(toStixBundle(await readGraphSnapshot(graph)))).toEqual(essentials(bundle));
  });

  test('export (with co-occurrence) → import into an emptied graph → export loses no entity or relationship', async () => {
    const full = toStixBundle(snapshot, { cooccurrence: true });
    const text = JSON.stringify(full);
    const before = essentials(full);
    const entityCount = Object.keys(before.entities).length;
    const relationCount = Object.keys(before.relationships).length;
    await emptyGraph(graph);
    const plan = planStixImport(text, 'roundtrip.json');
    expect(plan.entities).toHaveLength(entityCount);
    expect(plan.relations).toHaveLength(relationCount);
    expect(plan.kept).toEqual([]);
    expect(plan.warnings).toEqual([]);
    const result = await writeStixImport(graph, plan, text);
    expect(result.entitiesCreated).toBe(entityCount);
    expect(result.relationsCreated).toBe(relationCount);

    const after = toStixBundle(await readGraphSnapshot(graph), { cooccurrence: true });
    expect(runStixValidator(after, CODES).errors).toEqual([]);
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
      entities: ['stix'],
      relations: ['stix'],
      source: 'stix:roundtrip.json',
      evidence: Object.values(before.relationships).filter((r) => (r as { type: string }).type !== 'ASSOCIATED_WITH').length,
      mentions: entityCount,
    });

    // The same file again changes nothing.
    const fingerprint = await graphFingerprint(graph);
    const twice = await writeStixImport(graph, planStixImport(text, 'roundtrip.json'), text);
    expect(twice.entitiesCreated + twice.relationsCreated).toBe(0);
    expect(await graphFingerprint(graph)).toEqual(fingerprint);
  }, 300_000);

  test('a foreign (OpenCTI-like) bundle maps to the ontology and joins what is known', async () => {
    await ingestSampleCorpus(graph);
    const text = readFileSync(FOREIGN, 'utf8');
    const plan = planStixImport(text, FOREIGN);
    expect(plan.skipped).toEqual({ 'marking-definition': 1, identity: 1, malware: 1, relationship: 1 });
    // What the graph does not model is kept for export, with the relationship to it.
    expect(plan.kept.map((k) => k.type).sort()).toEqual(['identity', 'malware', 'marking-definition', 'relationship']);
    expect(plan.warnings).toEqual([]);
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
    [
      'an object without id',
      '{"type": "bundle", "id": "bundle--5d0092c5-5f74-4287-9642-33f4c354e56d", "objects": [{"type": "identity", "id": "identity--1f3a6b2e-9c4d-4e5f-8a7b-6c5d4e3f2a1b", "name": "A"}, {"type": "identity", "name": "Acme"}]}',
      'bad.json: objects[1] (identity "Acme") has no "id"',
    ],
    [
      'an id of another type',
      '{"type": "bundle", "id": "bundle--5d0092c5-5f74-4287-9642-33f4c354e56d", "objects": [{"type": "identity", "id": "campaign--1f3a6b2e-9c4d-4e5f-8a7b-6c5d4e3f2a1b", "name": "Acme"}]}',
      'bad.json: objects[0] (identity "Acme"): "id" campaign--1f3a6b2e-9c4d-4e5f-8a7b-6c5d4e3f2a1b does not start with its type "identity--"',
    ],
    [
      'a relationship without target_ref',
      '{"type": "bundle", "id": "bundle--5d0092c5-5f74-4287-9642-33f4c354e56d", "objects": [{"type": "identity", "id": "identity--1f3a6b2e-9c4d-4e5f-8a7b-6c5d4e3f2a1b", "name": "Acme"}, {"type": "relationship", "id": "relationship--6e8f0a2b-5c7d-4e9f-9a3b-4c5d6e7f8091", "relationship_type": "targets", "source_ref": "identity--1f3a6b2e-9c4d-4e5f-8a7b-6c5d4e3f2a1b"}]}',
      'bad.json: objects[1] (relationship): "target_ref" must be a STIX id, got null',
    ],
    [
      'an identity without name',
      '{"type": "bundle", "id": "bundle--5d0092c5-5f74-4287-9642-33f4c354e56d", "objects": [{"type": "identity", "id": "identity--1f3a6b2e-9c4d-4e5f-8a7b-6c5d4e3f2a1b", "identity_class": "organization"}]}',
      'bad.json: objects[0] (identity) has no "name"',
    ],
  ];
  test.each(bad)('refuses %s, naming the file and field, and writes nothing', async (_why, text, message) => {
    const fingerprint = await graphFingerprint(graph);
    expect(() => planStixImport(text, 'bad.json')).toThrow(`[threatgraph] [import-stix] ${message}`);
    expect(await graphFingerprint(graph)).toEqual(fingerprint);
  });
});
