// STIX import of what other producers publish, on the real Neo4j: a fixture cut from MITRE
// ATT&CK Enterprise (tests/export/fixtures/attack-enterprise-cut.json, ATT&CK v18.1, licence in
// LICENSE-MITRE-ATTACK.txt beside it, cut by cut-attack.py) comes in with its groups, campaigns
// and attributions, leaves out what MITRE revoked or deprecated, keeps its software, marking
// and identity, and goes out again with the same ids, markings and attributions. Identities
// naming a country join the State; the bundle's producer is no Group.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { toStixBundle, type StixObject } from '../../src/export/stix.js';
import type { GraphExecutor } from '../../src/graph/executor.js';
import { readGraphSnapshot, readNeighbourhoodSnapshot } from '../../src/graph/export.js';
import { writeStixImport } from '../../src/graph/import-stix.js';
import { planStixImport } from '../../src/import/stix.js';
import { testGraph } from '../helpers/graph.js';
import { removeStixImports, runStixValidator } from './stix-helpers.js';

const ATTACK = join(import.meta.dirname, 'fixtures', 'attack-enterprise-cut.json');
const text = readFileSync(ATTACK, 'utf8');
const source = JSON.parse(text) as { objects: StixObject[] };
const MITRE = 'identity--c78cb6e5-0c4b-4611-8297-d1b8b55e40b5';
const MITRE_MARKING = 'marking-definition--fa42a846-8d90-4e51-bc29-71d5b4802168';
const live = source.objects.filter((o) => !o.revoked && !o.x_mitre_deprecated);
const attackId = (o: StixObject) =>
  (o.external_references as { source_name: string; external_id?: string }[] | undefined)?.find((r) => r.source_name === 'mitre-attack')?.external_id;

let graph: GraphExecutor;
const made: string[] = [];

beforeAll(async () => {
  graph = await testGraph();
  // From a known state: none of these entities, no kept objects (another file may have left some).
  await removeStixImports(
    graph,
    planStixImport(text, ATTACK).entities.map((e) => e.id),
  );
});

afterAll(async () => {
  // Only what these tests made: the entities and kept objects of the bundles, and their articles.
  if (graph) await removeStixImports(graph, made);
  await graph?.close();
});

describe('MITRE ATT&CK Enterprise (a cut of v18.1)', () => {
  const plan = planStixImport(text, ATTACK);

  test('plans groups and campaigns as entities, attributions as relations; revoked and deprecated objects are left out', () => {
    const groups = live.filter((o) => o.type === 'intrusion-set');
    const campaigns = live.filter((o) => o.type === 'campaign');
    expect(groups.map((g) => g.name).sort()).toEqual(['APT28', 'APT29', 'Sandworm Team']);
    expect(
      plan.entities
        .filter((e) => e.type === 'Group')
        .map((e) => e.name)
        .sort(),
    ).toEqual(['APT28', 'APT29', 'Sandworm Team']);
    expect(
      plan.entities
        .filter((e) => e.type === 'Case')
        .map((e) => e.name)
        .sort(),
    ).toEqual(campaigns.map((c) => c.name as string).sort());
    expect(plan.revoked).toBe(1);
    expect(plan.deprecated).toBe(2);
    expect(plan.entities.some((e) => e.name === 'APT34' || e.name === 'Night Dragon')).toBe(false);
    // MITRE is the producer (created_by_ref of every object): no Group.
    expect(plan.entities.some((e) => e.name === 'The MITRE Corporation')).toBe(false);
    const attributions = live.filter((o) => o.type === 'relationship' && o.relationship_type === 'attributed-to');
    expect(plan.relations.filter((r) => r.type === 'RESPONSIBLE_FOR')).toHaveLength(attributions.length);
    // Software and the uses links are kept as they are, with MITRE's identity and marking.
    const software = live.filter((o) => o.type === 'malware' || o.type === 'tool');
    expect(plan.kept.filter((k) => k.type === 'malware' || k.type === 'tool')).toHaveLength(software.length);
    expect(plan.kept.map((k) => k.id)).toEqual(expect.arrayContaining([MITRE, MITRE_MARKING]));
    const apt28 = plan.entities.find((e) => e.name === 'APT28')!;
    expect(apt28.aliases).toEqual(expect.arrayContaining(['Fancy Bear', 'Sofacy']));
    expect(apt28.stix).toMatchObject({
      id: 'intrusion-set--bef4c620-0787-42a8-a96d-b7eb6e85917c',
      type: 'intrusion-set',
      createdBy: MITRE,
      markings: [MITRE_MARKING],
    });
    expect(apt28.stix!.description).toContain('Russia');
    expect(JSON.parse(apt28.stix!.externalReferences!)[0]).toMatchObject({ source_name: 'mitre-attack', external_id: 'G0007' });
  });

  test('imports, then exports again with ids, markings, producers and attributions kept', async () => {
    const result = await writeStixImport(graph, plan, text);
    made.push(...plan.entities.map((e) => e.id));
    // Another test file may have left one of these groups in the graph: it is matched, not doubled.
    expect(result.entitiesCreated + result.entitiesMatched).toBe(plan.entities.length);
    expect(result.objectsKept).toBe(plan.kept.length);

    const bundle = toStixBundle(await readGraphSnapshot(graph));
    const out = new Map(bundle.objects.map((o) => [o.id, o]));
    for (const o of live) {
      if (o.type === 'relationship' && o.relationship_type === 'revoked-by') continue;
      const again = out.get(o.id);
      expect(again, `${o.type} ${o.name ?? o.id}`).toBeDefined();
      expect(again!.type).toBe(o.type);
      expect(again!.created_by_ref).toBe(o.created_by_ref);
      expect(again!.object_marking_refs).toEqual(o.object_marking_refs);
      expect(again!.created).toBe(o.created);
      if (o.type === 'relationship') {
        expect([again!.relationship_type, again!.source_ref, again!.target_ref]).toEqual([o.relationship_type, o.source_ref, o.target_ref]);
      } else {
        expect(again!.name).toBe(o.name);
        expect(attackId(again!)).toBe(attackId(o));
      }
    }
    for (const o of source.objects.filter((x) => x.revoked || x.x_mitre_deprecated)) expect(out.has(o.id), o.name as string).toBe(false);
    // What ThreatGraph adds to MITRE's objects is declared (MITRE's own x_mitre_* are not: 401 warnings stay theirs).
    const report = runStixValidator(bundle, ['202', '223']);
    expect(report.errors.slice(0, 5)).toEqual([]);
    expect(report.byCode['202']).toEqual([]);
    // A neighbourhood export of APT28 carries its software, MITRE's marking and identity.
    const apt28 = toStixBundle(await readNeighbourhoodSnapshot(graph, 'Group:apt28', 1));
    const ids = new Set(apt28.objects.map((o) => o.id));
    expect(ids.has('intrusion-set--bef4c620-0787-42a8-a96d-b7eb6e85917c')).toBe(true);
    expect(ids.has(MITRE_MARKING) && ids.has(MITRE)).toBe(true);
    expect(apt28.objects.some((o) => o.type === 'malware')).toBe(true);
    expect(apt28.objects.some((o) => o.name === 'SolarWinds Compromise')).toBe(false);
  }, 300_000);

  test('importing the same bundle again changes nothing', async () => {
    const again = await writeStixImport(graph, planStixImport(text, ATTACK), text);
    expect(again.entitiesCreated + again.relationsCreated + again.objectsKept).toBe(0);
  });
});

describe('identities of countries and producers', () => {
  const TLP_AMBER = 'marking-definition--f88d31f6-486f-44da-b317-01333bde0b82';
  const PRODUCER = 'identity--0b5c8c57-3b5a-4a57-9a61-0d0e4f5b9a11';
  const bundle = {
    type: 'bundle',
    id: 'bundle--1d2c3b4a-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
    objects: [
      {
        type: 'identity',
        spec_version: '2.1',
        id: PRODUCER,
        created: '2024-01-01T00:00:00.000Z',
        modified: '2024-01-01T00:00:00.000Z',
        name: 'Example CERT',
        identity_class: 'organization',
      },
      {
        type: 'identity',
        spec_version: '2.1',
        id: 'identity--2f4e6d8c-1a3b-4c5d-8e7f-9a0b1c2d3e4f',
        created: '2024-01-01T00:00:00.000Z',
        modified: '2024-01-01T00:00:00.000Z',
        created_by_ref: PRODUCER,
        name: 'Russia',
        identity_class: 'organization',
        object_marking_refs: [TLP_AMBER],
      },
      {
        type: 'threat-actor',
        spec_version: '2.1',
        id: 'threat-actor--3a5c7e9f-2b4d-4f6a-8c0e-1d3f5a7b9c2e',
        created: '2024-01-01T00:00:00.000Z',
        modified: '2024-01-01T00:00:00.000Z',
        created_by_ref: PRODUCER,
        name: 'Iran',
        threat_actor_types: ['nation-state'],
      },
      {
        type: 'intrusion-set',
        spec_version: '2.1',
        id: 'intrusion-set--4b6d8f0a-3c5e-4a7b-9d1f-2e4a6c8e0b3d',
        created: '2024-02-01T00:00:00.000Z',
        modified: '2024-03-01T00:00:00.000Z',
        created_by_ref: PRODUCER,
        name: 'Example Kitten',
        first_seen: '2021-05-01T00:00:00.000Z',
        object_marking_refs: [TLP_AMBER],
      },
      {
        type: 'relationship',
        spec_version: '2.1',
        id: 'relationship--5c7e9f1b-4d6f-4b8c-8e2a-3f5b7d9f1c4e',
        created: '2024-02-01T00:00:00.000Z',
        modified: '2024-02-01T00:00:00.000Z',
        created_by_ref: PRODUCER,
        relationship_type: 'attributed-to',
        source_ref: 'intrusion-set--4b6d8f0a-3c5e-4a7b-9d1f-2e4a6c8e0b3d',
        target_ref: 'threat-actor--3a5c7e9f-2b4d-4f6a-8c0e-1d3f5a7b9c2e',
        object_marking_refs: [TLP_AMBER],
      },
    ],
  };
  const text = JSON.stringify(bundle);

  test('a country identity or threat actor is the State; the producer is kept, not a Group', async () => {
    const plan = planStixImport(text, 'cert.json');
    expect(plan.entities.map((e) => [e.id, e.type]).sort()).toEqual([
      ['Group:example kitten', 'Group'],
      ['State:IRN', 'State'],
      ['State:RUS', 'State'],
    ]);
    expect(plan.kept.map((k) => k.id)).toEqual([PRODUCER]);
    expect(plan.entities.find((e) => e.id === 'Group:example kitten')!.firstSeen).toBe('2021-05-01');
    // attributed-to a State's threat actor: the State uses the group as a proxy.
    expect(plan.relations.map((r) => [r.type, r.sourceId, r.targetId])).toEqual([['USES_PROXY', 'State:IRN', 'Group:example kitten']]);

    await writeStixImport(graph, plan, text);
    made.push(...plan.entities.map((e) => e.id));
    const out = toStixBundle(await readGraphSnapshot(graph));
    const byId = new Map(out.objects.map((o) => [o.id, o]));
    // The imported ids come back: Iran's threat actor is the State's actor, with the marking and producer.
    const iran = byId.get('threat-actor--3a5c7e9f-2b4d-4f6a-8c0e-1d3f5a7b9c2e')!;
    expect(iran).toMatchObject({ name: 'Iran', x_threatgraph_id: 'State:IRN', created_by_ref: PRODUCER });
    const kitten = byId.get('intrusion-set--4b6d8f0a-3c5e-4a7b-9d1f-2e4a6c8e0b3d')!;
    expect(kitten).toMatchObject({ object_marking_refs: [TLP_AMBER], created_by_ref: PRODUCER, created: '2024-02-01T00:00:00.000Z' });
    const attribution = byId.get('relationship--5c7e9f1b-4d6f-4b8c-8e2a-3f5b7d9f1c4e')!;
    expect([attribution.relationship_type, attribution.source_ref, attribution.target_ref, attribution.object_marking_refs]).toEqual([
      'attributed-to',
      kitten.id,
      iran.id,
      [TLP_AMBER],
    ]);
    expect(byId.get(PRODUCER)!.name).toBe('Example CERT');
  });
});
