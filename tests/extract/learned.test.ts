// The trained relation classifier (src/extract/relations/learned.ts) on real spaCy parses of
// a training document of the corpus (a DOJ press release, public domain; source and licence in
// its file), the ontology's end types as its limit, and the shipped model file's checks.
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { extractWithParser } from '../../src/extract/index.js';
import { createParserPool } from '../../src/extract/parser/pool.js';
import { classProbabilities, parseRelationModel, shippedRelationModel, type PairCandidate, type RelationModel } from '../../src/extract/relations/learned.js';
import { readGoldDocs } from '../../src/extract/score.js';
import { splitOf } from '../../src/extract/split.js';

const parser = createParserPool({ size: 1 });
afterAll(() => parser.close());

const doc = JSON.parse(readFileSync('corpus/docs/cy-009-doj-hainan-mss-hackers-indictment.json', 'utf8')) as { id: string; title: string; text: string };
const input = { id: doc.id, title: doc.title, text: doc.text };
const link = 'Hainan State Security Department MEMBER_OF Ministry of State Security';
const rels = (x: Awaited<ReturnType<typeof extractWithParser>>) => x.relations.map((r) => `${r.source} ${r.type} ${r.target}`);

describe('pair candidates and the shipped model', () => {
  it('describes each ordered pair of a parsed sentence by its dependency path, and the model adds the link the rules missed', async () => {
    const pairs: PairCandidate[] = [];
    const rulesOnly = await extractWithParser(input, parser, { relationModel: null, pairs });
    expect(rels(rulesOnly)).not.toContain(link);
    const pair = pairs.find((p) => p.from.name === 'Hainan State Security Department' && p.to.name === 'Ministry of State Security');
    expect(pair?.features).toContain('t|Group>Group');
    expect(pair?.features.some((f) => f.startsWith('lp|') && f.includes('arm'))).toBe(true);
    // both directions are candidates, each with its own features
    expect(pairs.some((p) => p.from.name === 'Ministry of State Security' && p.to.name === 'Hainan State Security Department')).toBe(true);

    const withModel = await extractWithParser(input, parser);
    const added = withModel.relations.find((r) => `${r.source} ${r.type} ${r.target}` === link);
    expect(added?.rule).toBe('learned-path');
    expect(added?.evidence).toMatch(/provincial arm of China's Ministry of State Security/);
    expect(added!.confidence).toBeGreaterThanOrEqual(shippedRelationModel().threshold);
  });

  it('never gives a link whose end types the ontology forbids, however sure the model is', async () => {
    // a model that says MEMBER_OF for every pair: only Actor/Group → Group pairs may take it
    const eager: RelationModel = { classes: ['NONE', 'MEMBER_OF'], bias: [0, 5], weights: {}, threshold: 0.5 };
    const x = await extractWithParser(input, parser, { relationModel: eager });
    const types = new Map(x.entities.map((e) => [e.name, e.type]));
    const learned = x.relations.filter((r) => r.rule === 'learned-path');
    expect(learned.length).toBeGreaterThan(0);
    for (const r of learned) {
      expect(['Actor', 'Group']).toContain(types.get(r.source));
      expect(types.get(r.target)).toBe('Group');
    }
  });

  it("takes a learned case's place to that place's State, as the rules' places are (ONTOLOGY.md: the city and its State alike)", async () => {
    // a model that links a Case to every Place and to nothing else
    const casesInPlaces: RelationModel = { classes: ['NONE', 'OCCURRED_IN'], bias: [0, -10], weights: { 't|Case>Place': { '1': 20 } }, threshold: 0.5 };
    const text = 'Police in Wexford, Leinster, Ireland described the Rosslare ferry bombing as deliberate.';
    const x = await extractWithParser({ id: 'wexford', title: 'Police appeal', text }, parser, { relationModel: casesInPlaces });
    const occurred = x.relations.filter((r) => r.type === 'OCCURRED_IN' && r.source === 'Rosslare ferry bombing');
    expect(occurred.find((r) => r.target === 'Wexford')?.rule).toBe('learned-path');
    expect(occurred.find((r) => r.target === 'Ireland')?.rule).toBe('case-in-place-of-state');
  });

  it('was trained on the train split alone, with every class a relation type', () => {
    const model = shippedRelationModel();
    const train = readGoldDocs('corpus/docs').filter((d) => splitOf(String(d.id)) === 'train').length;
    expect(model.about?.documents).toBe(train);
    expect(model.classes).toContain('NONE');
    expect(Object.keys(model.weights).length).toBeGreaterThan(1000);
    const p = classProbabilities(model, ['t|Group>Group']);
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
  });
});

describe('a model file that is not one', () => {
  const ok = { classes: ['NONE', 'OPPOSES'], bias: [0, -1], weights: { 't|State>State': { '1': 0.5 } }, threshold: 0.4 };
  const rows: Array<[string, string, RegExp]> = [
    ['not JSON', '{"classes": [', /models\/x\.json: not JSON/],
    ['no NONE class', JSON.stringify({ ...ok, classes: ['OPPOSES', 'SUPPORTS'] }), /x\.json: classes must be a list that holds 'NONE'/],
    ['an unknown relation type', JSON.stringify({ ...ok, classes: ['NONE', 'LIKES'] }), /classes holds "LIKES", not a relation type/],
    ['a bias per class missing', JSON.stringify({ ...ok, bias: [0] }), /bias must hold one number per class/],
    ['a threshold above 1', JSON.stringify({ ...ok, threshold: 2 }), /threshold must be a number in \(0, 1\]/],
    ['a weight for a class that does not exist', JSON.stringify({ ...ok, weights: { f: { '7': 1 } } }), /weights\["f"\] has 7: 1/],
  ];
  it.each(rows)('refuses %s, naming the file and the field', (_, json, message) => {
    expect(() => parseRelationModel(json, 'data/models/x.json')).toThrow(message);
  });
  it('reads a good one', () => {
    expect(parseRelationModel(JSON.stringify(ok), 'data/models/x.json').threshold).toBe(0.4);
  });
});
