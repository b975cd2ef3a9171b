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
    id,
    text: 'text',
    sentences: [{ index: 0, text: 'text', start: 0, end: 4 }],
    entities: entities.map(([type, name, aliases = [], extra = {}]) => ({
      type,
      name,
      aliases,
      mentions: [{ sentence: 0, start: 0, end: 4, text: name }],
      ...extra,
    })),
    relations: relations.map(([sourceType, source, type, targetType, target]): ExtractedRelation => ({
      source,
      sourceType,
      type,
      target,
      targetType,
      evidence: 'text',
      sentence: 0,
      start: 0,
      end: 4,
      rule: 'test',
      confidence: 0.8,
      claim: 'asserted',
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
    name: 'a bare surname does not join a full name because another article called that person so',
    docs: [doc('a', [['Actor', 'Ken McCallum', ['McCallum']]]), doc('b', [['Actor', 'McCallum']])],
    expect: { 'Actor|McCallum': 'Actor:mccallum' },
    merges: {},
  },
  {
    name: "a bare surname joins the one Actor with it when the article makes it a member of that Actor's Group",
    docs: [
      doc(
        'a',
        [
          ['Actor', 'Ken McCallum'],
          ['Group', 'MI5'],
        ],
        [['Actor', 'Ken McCallum', 'MEMBER_OF', 'Group', 'MI5']],
      ),
      doc(
        'b',
        [
          ['Group', 'MI5'],
          ['Actor', 'McCallum'],
        ],
        [['Actor', 'McCallum', 'MEMBER_OF', 'Group', 'MI5']],
      ),
    ],
    expect: { 'Actor|McCallum': 'Actor:ken mccallum', 'Group|MI5': 'Group:mi5' },
    merges: { 'Actor:mccallum': 'Actor:ken mccallum' },
  },
  {
    name: 'a bare surname in an article that merely names the Group stays apart (the solicitor Mr McCallum)',
    docs: [
      doc(
        'a',
        [
          ['Actor', 'Ken McCallum'],
          ['Group', 'MI5'],
        ],
        [['Actor', 'Ken McCallum', 'MEMBER_OF', 'Group', 'MI5']],
      ),
      doc('b', [
        ['Group', 'MI5'],
        ['Actor', 'McCallum'],
      ]),
    ],
    expect: { 'Actor|McCallum': 'Actor:mccallum' },
    merges: {},
  },
  {
    name: "a bare surname with another role stays apart even in the same Group's article",
    docs: [
      doc(
        'a',
        [
          ['Actor', 'Ken McCallum', [], { role: 'Director General' }],
          ['Group', 'MI5'],
        ],
        [['Actor', 'Ken McCallum', 'MEMBER_OF', 'Group', 'MI5']],
      ),
      doc(
        'b',
        [
          ['Group', 'MI5'],
          ['Actor', 'McCallum', [], { role: 'solicitor' }],
        ],
        [['Actor', 'McCallum', 'MEMBER_OF', 'Group', 'MI5']],
      ),
    ],
    expect: { 'Actor|McCallum': 'Actor:mccallum' },
    merges: {},
  },
  {
    name: 'a surname once merged does not steer the next bare surname that nothing ties',
    docs: [
      doc(
        'a',
        [
          ['Actor', 'Ken McCallum'],
          ['Group', 'MI5'],
        ],
        [['Actor', 'Ken McCallum', 'MEMBER_OF', 'Group', 'MI5']],
      ),
      doc(
        'b',
        [
          ['Group', 'MI5'],
          ['Actor', 'McCallum'],
        ],
        [['Actor', 'McCallum', 'MEMBER_OF', 'Group', 'MI5']],
      ),
      doc('c', [
        ['Group', 'MI5'],
        ['Actor', 'McCallum', [], { role: 'solicitor' }],
      ]),
    ],
    expect: { 'Actor|McCallum': 'Actor:mccallum' },
    merges: {},
  },
  {
    name: 'different middle initials are different people',
    docs: [doc('a', [['Actor', 'John A. Smith']]), doc('b', [['Actor', 'John B. Smith']])],
    expect: { 'Actor|John B. Smith': 'Actor:john b smith' },
    merges: {},
  },
  {
    name: 'the same first and last name with another employer is another person',
    docs: [
      doc(
        'a',
        [
          ['Group', 'Treasury'],
          ['Actor', 'John A. Smith'],
        ],
        [['Actor', 'John A. Smith', 'MEMBER_OF', 'Group', 'Treasury']],
      ),
      doc(
        'b',
        [
          ['Group', 'FBI'],
          ['Actor', 'John Smith'],
        ],
        [['Actor', 'John Smith', 'MEMBER_OF', 'Group', 'FBI']],
      ),
    ],
    expect: { 'Actor|John Smith': 'Actor:john smith' },
    merges: {},
  },
  {
    name: 'the same first and last name with another role is another person',
    docs: [doc('a', [['Actor', 'John A. Smith', [], { role: 'Treasury Secretary' }]]), doc('b', [['Actor', 'John Smith', [], { role: 'FBI agent' }]])],
    expect: { 'Actor|John Smith': 'Actor:john smith' },
    merges: {},
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
    docs: [
      doc(
        'a',
        [
          ['Case', 'parcel fires'],
          ['Place', 'Leipzig'],
        ],
        [['Case', 'parcel fires', 'OCCURRED_IN', 'Place', 'Leipzig']],
      ),
      doc('b', [['Case', 'the parcel fires']]),
    ],
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
      doc(
        'a',
        [
          ['Case', 'knife attack'],
          ['Place', 'Hartlepool'],
        ],
        [['Case', 'knife attack', 'OCCURRED_IN', 'Place', 'Hartlepool']],
      ),
      doc(
        'b',
        [
          ['Case', 'knife attack'],
          ['Place', 'Leeds'],
        ],
        [['Case', 'knife attack', 'OCCURRED_IN', 'Place', 'Leeds']],
      ),
    ],
    expect: { 'Case|knife attack': 'Case:knife attack leeds', 'Place|Leeds': 'Place:leeds' },
    merges: {},
  },
  {
    name: 'the same words for an incident in the same place are the same Case',
    docs: [
      doc(
        'a',
        [
          ['Case', 'knife attack'],
          ['Place', 'Hartlepool'],
        ],
        [['Case', 'knife attack', 'OCCURRED_IN', 'Place', 'Hartlepool']],
      ),
      doc(
        'b',
        [
          ['Case', 'knife attack'],
          ['Place', 'Leeds'],
        ],
        [['Case', 'knife attack', 'OCCURRED_IN', 'Place', 'Leeds']],
      ),
      doc(
        'c',
        [
          ['Case', 'knife attack'],
          ['Place', 'Hartlepool'],
        ],
        [['Case', 'knife attack', 'OCCURRED_IN', 'Place', 'Hartlepool']],
      ),
    ],
    expect: { 'Case|knife attack': 'Case:knife attack' },
    merges: {},
  },
  {
    name: "the same words five years apart by the articles' dates are two Cases (no date in the sentence)",
    docs: [
      {
        ...doc('a', [
          ['Case', 'bank hack', [], { kind: 'cyber' }],
          ['Group', 'Lazarus Group'],
        ]),
        published: '2019-02-10',
      },
      {
        ...doc('b', [
          ['Case', 'bank hack', [], { kind: 'cyber' }],
          ['Group', 'APT33'],
        ]),
        published: '2024-05-01',
      },
    ],
    expect: { 'Case|bank hack': 'Case:bank hack 2024-05-01' },
    merges: {},
  },
  {
    name: "a date the Case's sentence writes comes before the article's date",
    docs: [
      {
        ...doc('a', [['Case', 'bank hack', [], { kind: 'cyber' }]]),
        published: '2024-05-01',
        sentences: [{ index: 0, text: 'The bank hack of February 2019 was the work of Lazarus Group.', start: 0, end: 60 }],
      },
      { ...doc('b', [['Case', 'bank hack', [], { kind: 'cyber' }]]), published: '2019-03-01' },
    ],
    expect: { 'Case|bank hack': 'Case:bank hack' },
    merges: {},
  },
  {
    name: 'a long-running conflict is not split by the dates of the articles about it',
    docs: [
      { ...doc('a', [['Case', 'war in Ukraine', [], { kind: 'conflict' }]]), published: '2022-03-01' },
      { ...doc('b', [['Case', 'war in Ukraine', [], { kind: 'conflict' }]]), published: '2024-05-01' },
    ],
    expect: { 'Case|war in Ukraine': 'Case:war in ukraine' },
    merges: {},
  },
  {
    name: 'the same words for incidents years apart are two Cases',
    docs: [doc('a', [['Case', 'Southport attack', [], { date: '2024-07-29' }]]), doc('b', [['Case', 'Southport attack', [], { date: '2019-03-02' }]])],
    expect: { 'Case|Southport attack': 'Case:southport attack 2019-03-02' },
    merges: {},
  },
];

/** An extraction of one sentence whose entities are found where the text writes them. */
function sentence(id: string, text: string, entities: Array<[EntityType, string]>): Extraction {
  return {
    id,
    text,
    sentences: [{ index: 0, text, start: 0, end: text.length }],
    relations: [],
    entities: entities.map(([type, name]) => {
      const start = text.indexOf(name);
      return { type, name, aliases: [], mentions: [{ sentence: 0, start, end: start + name.length, text: name }] };
    }),
  };
}

describe('names an article says are one (item 4)', () => {
  it.each([
    ['GRU Unit 26165, also known as APT28, hacked the Bundestag.', 'Unit 26165', 'APT28'],
    ['Lazarus Group (a.k.a. Hidden Cobra) stole the money.', 'Lazarus Group', 'Hidden Cobra'],
    ['Sandworm, which researchers track as Seashell Blizzard, attacked the grid.', 'Sandworm', 'Seashell Blizzard'],
  ])('%s', (text, main, other) => {
    const resolver = new EntityResolver();
    resolver.resolve(doc('a', [['Group', other]]));
    const r = resolver.resolve(
      sentence('b', text, [
        ['Group', main],
        ['Group', other],
      ]),
    );
    // the graph already knows the other name: the stated one joins it
    expect(r.idOf.get(`Group|${main}`)).toBe(`Group:${other.toLowerCase()}`);
    expect(r.idOf.get(`Group|${other}`)).toBe(`Group:${other.toLowerCase()}`);
    expect(r.entities.get(`Group:${other.toLowerCase()}`)!.aliases).toContain(main);
  });

  it.each([
    ['APT28 and Sandworm, known to work for the GRU, attacked Ukraine.', 'APT28', 'Sandworm'],
    ['Sandworm attacked the grid, researchers known as Mandiant said.', 'Sandworm', 'Mandiant'],
  ])('not: %s', (text, a, b) => {
    const r = new EntityResolver().resolve(
      sentence('c', text, [
        ['Group', a],
        ['Group', b],
      ]),
    );
    expect(r.idOf.get(`Group|${a}`)).not.toBe(r.idOf.get(`Group|${b}`));
  });
});

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

  it("merges an article's two names for one node into one entity with both as aliases", () => {
    const resolver = new EntityResolver();
    resolver.resolve(doc('a', [['Group', 'Islamic State', ['ISIS']]]));
    const r = resolver.resolve(
      doc('b', [
        ['Group', 'Islamic State'],
        ['Group', 'ISIS'],
      ]),
    );
    expect([...r.entities.keys()]).toEqual(['Group:islamic state']);
    expect(r.entities.get('Group:islamic state')!.aliases).toContain('ISIS');
  });
});
