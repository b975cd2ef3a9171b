// Entity resolution across articles, rule by rule, on hand-made extractions (the extractor's
// own quality is tested in tests/extract): each row is a sequence of articles and the node
// ids their entities must land on, with the merges that must (or must not) be recorded.
import { describe, expect, it } from 'vitest';
import type { Extraction, ExtractedEntity, ExtractedRelation } from '../../src/extract/types.js';
import { EntityResolver } from '../../src/ingest/resolve.js';
import type { EntityType, RelationType } from '../../src/ontology.js';

type E = [EntityType, string, string[]?, Partial<ExtractedEntity>?];
type R = [EntityType, string, RelationType, EntityType, string];

function doc(id: string, entities: E[], relations: R[] = []): Extraction {
  return {
    id, text: 'text', sentences: [{ index: 0, text: 'text', start: 0, end: 4 }],
    entities: entities.map(([type, name, aliases = [], extra = {}]) => ({ type, name, aliases, mentions: [{ sentence: 0, start: 0, end: 4, text: name }], ...extra })),
    relations: relations.map(([sourceType, source, type, targetType, target]): ExtractedRelation => ({
      source, sourceType, type, target, targetType, evidence: 'text', sentence: 0, start: 0, end: 4, rule: 'test', confidence: 0.8, claim: 'asserted',
    })),
  };
}

interface Row {
  name: string;
  docs: Extraction[];
  /** For the last article: `${type}|${name}` → expected node id. */
  expect: Record<string, string>;
  /** Merges recorded for the last article: removedId → keepId. */
  merges: Record<string, string>;
}

const rows: Row[] = [
  {
    name: 'a bare surname joins the one full-name Actor an article already called so',
    docs: [doc('a', [['Actor', 'Ken McCallum', ['McCallum']]]), doc('b', [['Actor', 'McCallum']])],
    expect: { 'Actor|McCallum': 'Actor:ken mccallum' },
    merges: { 'Actor:mccallum': 'Actor:ken mccallum' },
  },
  {
    name: 'a bare surname joins the one Actor with it when the article names the Group that Actor belongs to',
    docs: [doc('a', [['Actor', 'Ken McCallum'], ['Group', 'MI5']], [['Actor', 'Ken McCallum', 'MEMBER_OF', 'Group', 'MI5']]), doc('b', [['Group', 'MI5'], ['Actor', 'McCallum']])],
    expect: { 'Actor|McCallum': 'Actor:ken mccallum', 'Group|MI5': 'Group:mi5' },
    merges: { 'Actor:mccallum': 'Actor:ken mccallum' },
  },
  {
    name: 'a bare surname with nothing tying it to the full name stays apart',
    docs: [doc('a', [['Actor', 'Ken McCallum']]), doc('b', [['Actor', 'McCallum']])],
    expect: { 'Actor|McCallum': 'Actor:mccallum' },
    merges: {},
  },
  {
    name: 'two people sharing a surname stay apart, and so does the bare surname',
    docs: [doc('a', [['Actor', 'John Smith', ['Smith']]]), doc('b', [['Actor', 'Jane Smith', ['Smith']]]), doc('c', [['Actor', 'Smith']])],
    expect: { 'Actor|Smith': 'Actor:smith' },
    merges: {},
  },
  {
    name: 'a second Smith does not join the first through the surname they share',
    docs: [doc('a', [['Actor', 'John Smith', ['Smith']]]), doc('b', [['Actor', 'Jane Smith', ['Smith']]])],
    expect: { 'Actor|Jane Smith': 'Actor:jane smith' },
    merges: {},
  },
  {
    name: 'a middle initial does not make another person',
    docs: [doc('a', [['Actor', 'Merrick B. Garland']]), doc('b', [['Actor', 'Merrick Garland']])],
    expect: { 'Actor|Merrick Garland': 'Actor:merrick b garland' },
    merges: { 'Actor:merrick garland': 'Actor:merrick b garland' },
  },
  {
    name: 'IS, ISIS and Islamic State are one Group once an article ties them',
    docs: [doc('a', [['Group', 'Islamic State', ['IS', 'ISIS']]]), doc('b', [['Group', 'ISIS']]), doc('c', [['Group', 'IS']])],
    expect: { 'Group|IS': 'Group:islamic state' },
    merges: { 'Group:is': 'Group:islamic state' },
  },
  {
    name: 'an alias known for two Groups decides nothing',
    docs: [doc('a', [['Group', 'Islamic State', ['IS']]]), doc('b', [['Group', 'Intelligence Service', ['IS']]]), doc('c', [['Group', 'IS']])],
    expect: { 'Group|IS': 'Group:is' },
    merges: {},
  },
  {
    name: 'States resolve by ISO code whatever the name',
    docs: [doc('a', [['State', 'United Kingdom', [], { iso3: 'GBR' }]]), doc('b', [['State', 'Britain', [], { iso3: 'GBR' }]])],
    expect: { 'State|Britain': 'State:GBR' },
    merges: {},
  },
  {
    name: 'reports of one incident are one Case',
    docs: [doc('a', [['Case', 'parcel fires'], ['Place', 'Leipzig']], [['Case', 'parcel fires', 'OCCURRED_IN', 'Place', 'Leipzig']]), doc('b', [['Case', 'the parcel fires']])],
    expect: { 'Case|the parcel fires': 'Case:parcel fires' },
    merges: {},
  },
  {
    name: 'a Case known by another of its names joins it',
    docs: [doc('a', [['Case', 'parcel fires', ['test runs']]]), doc('b', [['Case', 'test runs']])],
    expect: { 'Case|test runs': 'Case:parcel fires' },
    merges: { 'Case:test runs': 'Case:parcel fires' },
  },
  {
    name: 'the same words for an incident somewhere else are another Case',
    docs: [
      doc('a', [['Case', 'knife attack'], ['Place', 'Hartlepool']], [['Case', 'knife attack', 'OCCURRED_IN', 'Place', 'Hartlepool']]),
      doc('b', [['Case', 'knife attack'], ['Place', 'Leeds']], [['Case', 'knife attack', 'OCCURRED_IN', 'Place', 'Leeds']]),
    ],
    expect: { 'Case|knife attack': 'Case:knife attack leeds', 'Place|Leeds': 'Place:leeds' },
    merges: {},
  },
  {
    name: 'the same words for an incident in the same place are the same Case',
    docs: [
      doc('a', [['Case', 'knife attack'], ['Place', 'Hartlepool']], [['Case', 'knife attack', 'OCCURRED_IN', 'Place', 'Hartlepool']]),
      doc('b', [['Case', 'knife attack'], ['Place', 'Leeds']], [['Case', 'knife attack', 'OCCURRED_IN', 'Place', 'Leeds']]),
      doc('c', [['Case', 'knife attack'], ['Place', 'Hartlepool']], [['Case', 'knife attack', 'OCCURRED_IN', 'Place', 'Hartlepool']]),
    ],
    expect: { 'Case|knife attack': 'Case:knife attack' },
    merges: {},
  },
  {
    name: 'the same words for incidents years apart are two Cases',
    docs: [doc('a', [['Case', 'Southport attack', [], { date: '2024-07-29' }]]), doc('b', [['Case', 'Southport attack', [], { date: '2019-03-02' }]])],
    expect: { 'Case|Southport attack': 'Case:southport attack 2019-03-02' },
    merges: {},
  },
];

describe('entity resolution across articles', () => {
  it.each(rows)('$name', ({ docs, expect: ids, merges }) => {
    const resolver = new EntityResolver();
    let last!: ReturnType<EntityResolver['resolve']>;
    for (const d of docs) last = resolver.resolve(d);
    for (const [ref, id] of Object.entries(ids)) expect(last.idOf.get(ref), ref).toBe(id);
    expect(Object.fromEntries(last.merges.map((m) => [m.removedId, m.keepId]))).toEqual(merges);
    for (const m of last.merges) {
      expect(m.reason.length).toBeGreaterThan(10);
      expect(m.score).toBeGreaterThan(0);
      expect(JSON.parse(m.removedSnapshot)).toMatchObject({ id: m.removedId });
    }
  });

  it('merges an article\'s two names for one node into one entity with both as aliases', () => {
    const resolver = new EntityResolver();
    resolver.resolve(doc('a', [['Group', 'Islamic State', ['ISIS']]]));
    const r = resolver.resolve(doc('b', [['Group', 'Islamic State'], ['Group', 'ISIS']]));
    expect([...r.entities.keys()]).toEqual(['Group:islamic state']);
    expect(r.entities.get('Group:islamic state')!.aliases).toContain('ISIS');
  });
});
